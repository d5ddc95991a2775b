import { isCalendarDate } from '../shared/dates.js';
import { badRequest } from '../shared/errors.js';
import {
  decimalToMinor,
  isPlaceholderReference,
  transactionKey,
  type BankStatement,
  type BankTransaction,
  type KeyedContent,
  type StatementPart,
} from './camt053.js';

/**
 * SWIFT MT940 (customer statement) reader, as German banks deliver it (DFÜ-Abkommen Anlage 3):
 * `:20:` reference, `:25:` account (BLZ/account or IBAN), `:28C:` statement/sequence number,
 * `:60F:`/`:60M:` opening balance, `:61:` statement lines, each optionally followed by `:86:`
 * (German structured: business code, `?00` booking text, `?20`–`?29` and `?60`–`?63` remittance with
 * SEPA keywords EREF+/SVWZ+/…, `?30` BIC, `?31` IBAN, `?32`/`?33` name), `:62F:`/`:62M:` closing
 * balance. A file may hold several statements, with or without SWIFT block headers. Opening balance +
 * lines must equal the closing balance (a truncated file is refused). Pure; produces the same
 * `BankTransaction` shape as the camt reader.
 */

interface Field {
  readonly tag: string;
  readonly value: string;
}

const invalid = (message: string) => badRequest('INVALID_STATEMENT', `MT940: ${message}`);

/** Looks like MT940: optional SWIFT block headers, then `:20:` (leading blank lines / a `-` line allowed). */
export const looksLikeMt940 = (text: string): boolean => /^(?:\s|-)*(?:\{1:[^}]*\}(?:\{2:[^}]*\})?(?:\{3:[^}]*\})?\{4:\s*)?(?::940:\s*)?:20:/.test(text);

function fieldsOf(text: string): Field[] {
  const fields: { tag: string; lines: string[] }[] = [];
  for (const raw of text.replace(/\r\n?/g, '\n').split('\n')) {
    const line = raw.replace(/\s+$/, '');
    const tagged = /^:(\d{2}[A-Z]?):(.*)$/.exec(line);
    if (tagged) fields.push({ tag: tagged[1] as string, lines: [tagged[2] as string] });
    else if (/^-\}?$/.test(line.trim()) || /^\{[1-5]:/.test(line) || line.trim() === '') fields.push({ tag: '-', lines: [] });
    else if (fields.length > 0 && fields[fields.length - 1]?.tag !== '-') fields[fields.length - 1]?.lines.push(line);
    else throw invalid(`unexpected line outside a field: ${line.slice(0, 40)}`);
  }
  // :86: continuation lines are wrapped at 65 characters: joined without a separator.
  return fields.filter((field) => field.tag !== '-').map((field) => ({ tag: field.tag, value: field.lines.join(field.tag === '86' ? '' : '\n') }));
}

const yymmdd = (text: string, what: string): string => {
  const date = `20${text.slice(0, 2)}-${text.slice(2, 4)}-${text.slice(4, 6)}`;
  if (!/^\d{6}$/.test(text) || !isCalendarDate(date)) throw invalid(`invalid ${what}: ${text}`);
  return date;
};

function balance(value: string, tag: string): { sign: 1 | -1; date: string; currency: string; amount: number } {
  const match = /^([CD])(\d{6})([A-Z]{3})(\d{1,15},\d{0,3})$/.exec(value.trim());
  if (!match) throw invalid(`:${tag}: is not a balance: ${value.slice(0, 40)}`);
  const [, mark, date = '', currency = '', amount = ''] = match;
  return { sign: mark === 'C' ? 1 : -1, date: yymmdd(date, `:${tag}: date`), currency, amount: decimalToMinor(amount.replace(',', '.'), currency) };
}

/** The German :86: structure: `<GVC>?00…?20…`; anything else is one free-text line. */
export function parseDetails(value: string): {
  bookingText?: string;
  remittance: string[];
  endToEndId?: string;
  debtorIban?: string;
  debtorName?: string;
  creditorReference?: string;
} {
  const structured = /^(\d{3})([^\w\s])(.*)$/s.exec(value);
  if (!structured) return { remittance: value.trim() === '' ? [] : [value.trim()] };
  const separator = structured[2] as string;
  const subfields = new Map<string, string>();
  for (const part of (structured[3] as string).split(separator)) {
    if (part.length < 2) continue;
    const code = part.slice(0, 2);
    if (!/^\d{2}$/.test(code)) continue;
    subfields.set(code, (subfields.get(code) ?? '') + part.slice(2));
  }
  const lines = [...subfields.entries()].filter(([code]) => (code >= '20' && code <= '29') || (code >= '60' && code <= '63')).map(([, text]) => text);
  const joined = lines.join('');
  // SEPA keywords (EREF+, KREF+, MREF+, CRED+, DEBT+, SVWZ+, ABWA+, ABWE+), each up to the next keyword.
  const keywords = new Map<string, string>();
  const keywordPattern = /(EREF|KREF|MREF|CRED|DEBT|COAM|OAMT|SVWZ|ABWA|ABWE|IBAN|BIC)\+/g;
  const found = [...joined.matchAll(keywordPattern)];
  found.forEach((match, index) => {
    const start = (match.index ?? 0) + match[0].length;
    const end = found[index + 1]?.index ?? joined.length;
    keywords.set(match[1] as string, joined.slice(start, end).trim());
  });
  const endToEndId = keywords.get('EREF');
  const purpose = keywords.get('SVWZ');
  const name = [subfields.get('32'), subfields.get('33')]
    .filter((text): text is string => !!text)
    .join('')
    .trim();
  const iban = subfields.get('31')?.replace(/\s+/g, '').toUpperCase();
  const bookingText = subfields.get('00')?.trim();
  return {
    ...(bookingText ? { bookingText } : {}),
    // The lines as delivered (a reference split over two ?2x lines is found in their join), plus the purpose on its own.
    remittance: [...lines.map((text) => text.trim()).filter((text) => text !== ''), ...(purpose && found.length > 0 ? [purpose] : [])],
    ...(endToEndId && !isPlaceholderReference(endToEndId) ? { endToEndId } : {}),
    ...(iban && /^[A-Z]{2}\d{2}[A-Z0-9]{10,30}$/.test(iban) ? { debtorIban: iban } : {}),
    ...(name ? { debtorName: name } : {}),
  };
}

const LINE = /^(\d{6})(\d{4})?(RC|RD|C|D)([A-Z])?(\d{1,15},\d{0,3})([NSF][A-Z0-9]{3})([^\n]*?)(?:\/\/([^\n]*))?(?:\n([\s\S]*))?$/;

function statementLine(value: string, currency: string, index: number) {
  const match = LINE.exec(value);
  if (!match) throw invalid(`:61: line ${index + 1} cannot be read: ${value.slice(0, 40)}`);
  const [, valueText = '', entryText, mark = '', , amountText = '', , customerReference = '', bankReference] = match;
  const valueDate = yymmdd(valueText, `:61: value date (line ${index + 1})`);
  let bookingDate: string | undefined;
  if (entryText) {
    // MMDD in the value date's year; across the turn of the year it belongs to the next or previous one.
    const valueYear = Number(valueDate.slice(0, 4));
    const month = Number(entryText.slice(0, 2));
    const valueMonth = Number(valueDate.slice(5, 7));
    const year = valueMonth === 12 && month === 1 ? valueYear + 1 : valueMonth === 1 && month === 12 ? valueYear - 1 : valueYear;
    bookingDate = `${year}-${entryText.slice(0, 2)}-${entryText.slice(2, 4)}`;
    if (!isCalendarDate(bookingDate)) throw invalid(`invalid :61: entry date (line ${index + 1}): ${entryText}`);
  }
  const amount = decimalToMinor(amountText.replace(',', '.'), currency);
  // RC (reversal of a credit) takes money off the account, RD brings it back: neither is a customer payment.
  const direction: 'credit' | 'debit' = mark === 'C' || mark === 'RD' ? 'credit' : 'debit';
  const status = mark.startsWith('R') ? 'RVSL' : 'BOOK';
  const references = [customerReference.trim(), bankReference?.trim()].filter((text): text is string => !!text && !isPlaceholderReference(text));
  return {
    valueDate,
    bookingDate,
    amount,
    direction,
    status,
    sign: direction === 'credit' ? 1 : -1,
    bankReference: references[references.length - 1],
    customerReference: isPlaceholderReference(customerReference.trim()) ? undefined : customerReference.trim(),
  };
}

export function parseMt940(text: string): BankStatement {
  if (typeof text !== 'string' || text.trim() === '') throw invalid('the file is empty');
  const fields = fieldsOf(text);
  const groups: Field[][] = [];
  for (const field of fields) {
    if (field.tag === '20') groups.push([]);
    if (groups.length === 0) throw invalid(`:${field.tag}: before the first :20:`);
    groups[groups.length - 1]?.push(field);
  }
  if (groups.length === 0) throw invalid('no statement (:20:)');

  const parts = groups.map((group, groupIndex): StatementPart => {
    const one = (tag: string) => group.find((field) => field.tag === tag)?.value.trim();
    const reference = one('20');
    const account = one('25');
    const number = one('28C') ?? one('28');
    const openingField = group.find((field) => field.tag === '60F' || field.tag === '60M');
    const closingField = group.find((field) => field.tag === '62F' || field.tag === '62M');
    if (!reference || !account || !number || !openingField || !closingField)
      throw invalid(`statement ${groupIndex + 1} lacks :20:, :25:, :28C:, :60F: or :62F:`);
    const opening = balance(openingField.value, openingField.tag);
    const closing = balance(closingField.value, closingField.tag);
    if (closing.currency !== opening.currency) throw invalid(`statement ${groupIndex + 1}: opening and closing balance in different currencies`);
    const compact = account.replace(/\s+/g, '').toUpperCase();
    const accountIban = /^[A-Z]{2}\d{2}[A-Z0-9]{10,30}$/.test(compact) ? compact : undefined;
    // :20: is often the same in every file (STARTUMSE) and :28C: restarts every year: the opening date completes the id.
    const statementId = `${reference}/${number}/${opening.date}`;
    const identity = { statementId, sequenceNumber: number, ...(accountIban ? { accountIban } : { accountIban: compact }) };
    const transactions: BankTransaction[] = [];
    let running = opening.sign * opening.amount;
    let lineIndex = 0;
    group.forEach((field, position) => {
      if (field.tag !== '61') return;
      const line = statementLine(field.value, opening.currency, lineIndex);
      const next = group[position + 1];
      const details = next?.tag === '86' ? parseDetails(next.value) : { remittance: [] as string[] };
      running += line.sign * line.amount;
      const content: KeyedContent = {
        direction: line.direction,
        status: line.status,
        amount: line.amount,
        currency: opening.currency,
        ...(line.bookingDate ? { bookingDate: line.bookingDate } : { bookingDate: line.valueDate }),
        valueDate: line.valueDate,
        ...(details.debtorName ? { debtorName: details.debtorName } : {}),
        ...(details.debtorIban ? { debtorIban: details.debtorIban } : {}),
        ...(details.endToEndId ? { endToEndId: details.endToEndId } : {}),
        ...(line.bankReference ? { bankReference: line.bankReference } : {}),
        remittance: [...details.remittance, ...(line.customerReference ? [line.customerReference] : [])],
        structuredReferences: [],
      };
      lineIndex += 1;
      transactions.push({ key: transactionKey(identity, `${lineIndex}.1`, content), statementId, ...content });
    });
    if (running !== closing.sign * closing.amount)
      throw invalid(`statement ${groupIndex + 1}: opening balance and lines do not add up to the closing balance (incomplete file?)`);
    return { ...identity, transactions };
  });
  const first = parts[0] as StatementPart;
  return {
    format: 'mt940',
    version: 'MT940',
    statementId: first.statementId,
    ...(first.accountIban ? { accountIban: first.accountIban } : {}),
    statements: parts,
    transactions: parts.flatMap((part) => part.transactions),
  };
}
