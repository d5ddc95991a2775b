import { createHash } from 'node:crypto';
import { XMLParser } from 'fast-xml-parser';
import { isCalendarDate } from '../shared/dates.js';
import { badRequest } from '../shared/errors.js';
import { parseMinorUnitsDetailed } from '../shared/money.js';

/**
 * ISO 20022 bank-to-customer cash management reader: camt.053 statements (`BkToCstmrStmt/Stmt`) and
 * camt.054 debit/credit notifications (`BkToCstmrDbtCdtNtfctn/Ntfctn`), message versions 001.02
 * (SEPA/DFÜ 2.x, still the most common) through 001.13. Pure: XML text in, transactions out.
 *
 * - The version is the default namespace of the root `Document` element (or the namespace bound to
 *   its prefix), read from the parsed element's own declarations — never from whichever `xmlns…`
 *   attribute comes first.
 * - A file may carry several statements/notifications; each keeps its own id, account and transactions.
 * - One entry (`Ntry`) may carry several transactions (`NtryDtls/TxDtls`, a batch booking); each
 *   becomes its own `BankTransaction`.
 * - Keys: see `transactionKey` — built from the statement's identity, the entry's position and a
 *   hash of the entry's own content, so a re-import of the same file yields the same keys and two
 *   different transfers never share one (German banks put `NONREF` into every `AcctSvcrRef`).
 */

export type StatementFormat = 'camt.053' | 'camt.054' | 'mt940';

export interface BankTransaction {
  /** The idempotency key (see `transactionKey`). */
  readonly key: string;
  /**
   * The key the previous importer gave this transaction (`<statement Id>/<AcctSvcrRef | NtryRef | #position>/<n>`),
   * set only where that importer booked it (the first transaction of the file with that key): a file
   * imported before the key change must not be booked a second time.
   */
  readonly legacyKey?: string;
  readonly statementId: string;
  readonly direction: 'credit' | 'debit';
  /** BOOK, PDNG, INFO (only booked entries are money on the account). */
  readonly status: string;
  readonly amount: number;
  readonly currency: string;
  readonly bookingDate?: string;
  readonly valueDate?: string;
  readonly debtorName?: string;
  readonly debtorIban?: string;
  readonly endToEndId?: string;
  /** The bank's own reference of the entry, unless it is a placeholder (NONREF, NOTPROVIDED). */
  readonly bankReference?: string;
  readonly remittance: readonly string[];
  readonly structuredReferences: readonly string[];
}

export interface StatementPart {
  readonly statementId: string;
  readonly sequenceNumber?: string;
  readonly accountIban?: string;
  readonly transactions: readonly BankTransaction[];
}

export interface BankStatement {
  readonly format: StatementFormat;
  /** '001.02' … '001.13' for ISO 20022, 'MT940' for SWIFT. */
  readonly version: string;
  /** The first statement's id (most files carry exactly one). */
  readonly statementId: string;
  readonly accountIban?: string;
  readonly statements: readonly StatementPart[];
  /** All transactions of all statements, in file order. */
  readonly transactions: readonly BankTransaction[];
}

/** Message versions read (ISO 20022 camt.053/camt.054 001.02 … 001.13). */
export const CAMT_VERSIONS = ['02', '03', '04', '05', '06', '07', '08', '09', '10', '11', '12', '13'].map((minor) => `001.${minor}`);
const NAMESPACE = /^urn:iso:std:iso:20022:tech:xsd:(camt\.05[34])\.(001\.\d{2})$/;

/** References that mean "none" (DFÜ-Abkommen: NONREF; SEPA: NOTPROVIDED). */
export const isPlaceholderReference = (value: string | undefined): boolean =>
  value === undefined || /^(NONREF|NOTPROVIDED|NONE|N\/A|NA)$/i.test(value.trim()) || value.trim() === '';
const realReference = (value: string | undefined): string | undefined => (isPlaceholderReference(value) ? undefined : value?.trim());

type Node = Record<string, unknown>;

const ARRAYS = new Set(['Stmt', 'Ntfctn', 'Ntry', 'NtryDtls', 'TxDtls', 'Ustrd', 'Strd']);
const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  // Prefixes are kept so the root's namespace declarations survive; `localNames` strips them after.
  removeNSPrefix: false,
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: true,
  processEntities: true,
  isArray: (name) => ARRAYS.has(name.slice(name.indexOf(':') + 1)),
});

const localName = (name: string) => name.slice(name.indexOf(':') + 1);
/** Element and attribute names without their prefix (`ns2:Ntry` → `Ntry`, `@xsi:type` → `@type`); namespace declarations dropped. */
function localNames(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(localNames);
  if (value === null || typeof value !== 'object') return value;
  const out: Node = {};
  for (const [key, inner] of Object.entries(value as Node)) {
    if (key === '@xmlns' || key.startsWith('@xmlns:')) continue;
    const name = key.startsWith('@') ? `@${localName(key.slice(1))}` : key === '#text' ? key : localName(key);
    out[name] = localNames(inner);
  }
  return out;
}

const node = (value: unknown): Node | undefined => (value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Node) : undefined);
const list = (value: unknown): Node[] => (Array.isArray(value) ? value.map(node).filter((item): item is Node => item !== undefined) : []);
const path = (value: unknown, ...keys: string[]): unknown => keys.reduce<unknown>((current, key) => node(current)?.[key], value);
const textOf = (value: unknown): string | undefined => {
  if (typeof value === 'string') return value.trim() === '' ? undefined : value.trim();
  const inner = node(value)?.['#text'];
  return typeof inner === 'string' && inner.trim() !== '' ? inner.trim() : undefined;
};

/** "1234.5" EUR → 123450 minor units; refuses more (non-zero) decimals than the currency has. */
export function decimalToMinor(text: string, currency: string): number {
  const parsed = parseMinorUnitsDetailed(text, currency, { maxIntegerDigits: 15, overPrecision: 'zeros' });
  if (parsed.ok) return parsed.value;
  if (parsed.reason === 'PRECISION') throw badRequest('INVALID_STATEMENT', `Amount ${text} has more decimals than ${currency} allows`);
  throw badRequest('INVALID_STATEMENT', `Not an amount: ${text}`);
}

function money(amountNode: unknown): { amount: number; currency: string } | undefined {
  const text = textOf(amountNode);
  const currency = node(amountNode)?.['@Ccy'];
  if (!text || typeof currency !== 'string' || !/^[A-Z]{3}$/.test(currency)) return undefined;
  return { amount: decimalToMinor(text, currency), currency };
}

const dateOf = (value: unknown): string | undefined => textOf(path(value, 'Dt')) ?? textOf(path(value, 'DtTm'))?.slice(0, 10);

/** A booking / value date, refused unless it is a real calendar date (functions/shared/dates.ts). */
function entryDate(value: unknown, what: string, entryIndex: number): string | undefined {
  const date = dateOf(value);
  if (date !== undefined && !isCalendarDate(date))
    throw badRequest('INVALID_STATEMENT', `Entry ${entryIndex + 1} has an invalid ${what}: ${date.slice(0, 20)}`);
  return date;
}

/** Debtor name and IBAN: 001.02–001.07 `RltdPties/Dbtr/Nm`, 001.08+ `RltdPties/Dbtr/Pty/Nm`. */
function debtor(transaction: Node | undefined): { debtorName?: string; debtorIban?: string } {
  const parties = path(transaction, 'RltdPties');
  const name = textOf(path(parties, 'Dbtr', 'Nm')) ?? textOf(path(parties, 'Dbtr', 'Pty', 'Nm'));
  const iban = textOf(path(parties, 'DbtrAcct', 'Id', 'IBAN'));
  return { ...(name ? { debtorName: name } : {}), ...(iban ? { debtorIban: iban.replace(/\s+/g, '').toUpperCase() } : {}) };
}

/** The content of a transaction a key is derived from (everything but the key fields themselves). */
export type KeyedContent = Omit<BankTransaction, 'key' | 'legacyKey' | 'statementId'>;

/**
 * `<account>/<statement id>/<sequence>/<entry>.<transaction>/<content hash>`: the statement's identity
 * (account IBAN, statement id, electronic sequence number), the entry's position in it and a hash of
 * the entry's own content (direction, amount, dates, debtor, end-to-end id, bank reference, remittance).
 * The same file always gives the same keys; two entries of one file never share one.
 */
export function transactionKey(
  statement: { accountIban?: string; statementId: string; sequenceNumber?: string },
  position: string,
  content: KeyedContent,
): string {
  const fingerprint = JSON.stringify([
    content.direction,
    content.status,
    content.amount,
    content.currency,
    content.bookingDate ?? null,
    content.valueDate ?? null,
    content.debtorIban ?? null,
    content.debtorName ?? null,
    content.endToEndId ?? null,
    content.bankReference ?? null,
    content.remittance,
    content.structuredReferences,
  ]);
  const hash = createHash('sha256').update(fingerprint, 'utf8').digest('base64url').slice(0, 16);
  return `${statement.accountIban ?? '-'}/${statement.statementId}/${statement.sequenceNumber ?? '-'}/${position}/${hash}`;
}

/** The root element's namespace: `xmlns` for an unprefixed `Document`, `xmlns:p` for `p:Document`. */
function rootNamespace(document: Node): { key: string; name: string; namespace?: string } | undefined {
  const roots = Object.keys(document).filter((key) => !key.startsWith('?') && !key.startsWith('#') && !key.startsWith('@'));
  if (roots.length !== 1) return undefined;
  const name = roots[0] as string;
  const element = node(document[name]);
  const colon = name.indexOf(':');
  const declaration = colon < 0 ? '@xmlns' : `@xmlns:${name.slice(0, colon)}`;
  const namespace = element?.[declaration];
  return { key: name, name: localName(name), ...(typeof namespace === 'string' ? { namespace: namespace.trim() } : {}) };
}

export function parseCamt053(xml: string): BankStatement {
  if (typeof xml !== 'string' || xml.trim() === '') throw badRequest('INVALID_STATEMENT', 'The statement is empty');
  if (/<!DOCTYPE/i.test(xml)) throw badRequest('INVALID_STATEMENT', 'Document type declarations are not accepted');
  let document: Node;
  try {
    document = parser.parse(xml, true) as Node;
  } catch (error) {
    throw badRequest('INVALID_STATEMENT', `The statement is not well-formed XML: ${(error as Error).message}`);
  }
  const root = rootNamespace(document);
  const match = root?.name === 'Document' && root.namespace ? NAMESPACE.exec(root.namespace) : null;
  const format = match?.[1] as 'camt.053' | 'camt.054' | undefined;
  const version = match?.[2];
  if (!format || !version || !CAMT_VERSIONS.includes(version)) {
    throw badRequest(
      'UNSUPPORTED_STATEMENT',
      `Only camt.053 and camt.054 versions 001.02 to 001.13 (and MT940) are supported (root ${root?.name ?? 'missing'}, namespace ${String(root?.namespace ?? 'missing')})`,
    );
  }
  const body = node(localNames(document[(root as { key: string }).key]));
  const statements = format === 'camt.053' ? list(path(body, 'BkToCstmrStmt', 'Stmt')) : list(path(body, 'BkToCstmrDbtCdtNtfctn', 'Ntfctn'));
  if (statements.length === 0)
    throw badRequest('INVALID_STATEMENT', format === 'camt.053' ? 'The file has no statement (Stmt)' : 'The file has no notification (Ntfctn)');

  const parts = statements.map((statement, statementIndex): StatementPart => {
    const statementId = textOf(statement.Id);
    if (!statementId) throw badRequest('INVALID_STATEMENT', `Statement ${statementIndex + 1} has no Id`);
    const accountIban = textOf(path(statement, 'Acct', 'Id', 'IBAN'))
      ?.replace(/\s+/g, '')
      .toUpperCase();
    const sequenceNumber = textOf(statement.ElctrncSeqNb) ?? textOf(statement.LglSeqNb);
    const identity = { statementId, ...(accountIban ? { accountIban } : {}), ...(sequenceNumber ? { sequenceNumber } : {}) };
    const transactions: BankTransaction[] = [];
    const legacyTaken = new Set<string>();
    list(statement.Ntry).forEach((entry, entryIndex) => {
      const entryAmount = money(entry.Amt);
      if (!entryAmount) throw badRequest('INVALID_STATEMENT', `Entry ${entryIndex + 1} has no amount with currency`);
      const indicator = textOf(entry.CdtDbtInd);
      if (indicator !== 'CRDT' && indicator !== 'DBIT') throw badRequest('INVALID_STATEMENT', `Entry ${entryIndex + 1} has no CdtDbtInd`);
      const status = textOf(path(entry, 'Sts', 'Cd')) ?? textOf(path(entry, 'Sts', 'Prtry')) ?? textOf(entry.Sts) ?? 'BOOK';
      const bankReference = realReference(textOf(entry.AcctSvcrRef)) ?? realReference(textOf(entry.NtryRef));
      const legacyEntryRef = textOf(entry.AcctSvcrRef) ?? textOf(entry.NtryRef) ?? `#${entryIndex + 1}`;
      const bookingDate = entryDate(entry.BookgDt, 'booking date', entryIndex);
      const valueDate = entryDate(entry.ValDt, 'value date', entryIndex);
      const details = list(entry.NtryDtls).flatMap((detail) => list(detail.TxDtls));
      const items = details.length > 0 ? details : [undefined];
      items.forEach((transaction, transactionIndex) => {
        const own = money(path(transaction, 'AmtDtls', 'TxAmt', 'Amt')) ?? money(path(transaction, 'Amt'));
        const amount = items.length === 1 ? entryAmount : own;
        if (!amount) throw badRequest('INVALID_STATEMENT', `Entry ${entryIndex + 1}: a batch transaction has no amount`);
        const remittance = path(transaction, 'RmtInf');
        const endToEndId = realReference(textOf(path(transaction, 'Refs', 'EndToEndId')));
        const transactionReference = realReference(textOf(path(transaction, 'Refs', 'AcctSvcrRef')));
        const reference = transactionReference ?? bankReference;
        const content: KeyedContent = {
          direction: indicator === 'CRDT' ? 'credit' : 'debit',
          status,
          amount: amount.amount,
          currency: amount.currency,
          ...(bookingDate ? { bookingDate } : {}),
          ...(valueDate ? { valueDate } : {}),
          ...debtor(transaction),
          ...(endToEndId ? { endToEndId } : {}),
          ...(reference ? { bankReference: reference } : {}),
          remittance: ((node(remittance)?.Ustrd as unknown[] | undefined) ?? []).map(textOf).filter((value): value is string => value !== undefined),
          structuredReferences: list(node(remittance)?.Strd)
            .map((structured) => textOf(path(structured, 'CdtrRefInf', 'Ref')))
            .filter((value): value is string => value !== undefined),
        };
        const legacy = `${statementId}/${legacyEntryRef}/${transactionIndex + 1}`;
        const legacyKey = legacyTaken.has(legacy) ? undefined : legacy;
        legacyTaken.add(legacy);
        transactions.push({
          key: transactionKey(identity, `${entryIndex + 1}.${transactionIndex + 1}`, content),
          ...(legacyKey ? { legacyKey } : {}),
          statementId,
          ...content,
        });
      });
    });
    return { ...identity, transactions };
  });
  const first = parts[0] as StatementPart;
  return {
    format,
    version,
    statementId: first.statementId,
    ...(first.accountIban ? { accountIban: first.accountIban } : {}),
    statements: parts,
    transactions: parts.flatMap((part) => part.transactions),
  };
}
