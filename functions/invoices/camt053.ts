import { XMLParser } from 'fast-xml-parser';
import { isCalendarDate } from '../shared/dates.js';
import { badRequest } from '../shared/errors.js';
import { parseMinorUnitsDetailed } from '../shared/money.js';

/**
 * ISO 20022 camt.053 (bank-to-customer statement) reader, versions 001.02 (SEPA, still the most
 * common) and 001.08. Pure: XML text in, the statement's transactions out. One entry (`Ntry`) may
 * carry several transactions (`NtryDtls/TxDtls`, a batch booking); each becomes its own
 * `BankTransaction` with a key that stays the same when the file is imported again.
 */

export const CAMT053_NAMESPACES = ['urn:iso:std:iso:20022:tech:xsd:camt.053.001.02', 'urn:iso:std:iso:20022:tech:xsd:camt.053.001.08'] as const;

export interface BankTransaction {
  /** `<statement Id>/<AcctSvcrRef | NtryRef | entry position>/<transaction position>`: the idempotency key. */
  readonly key: string;
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
  readonly remittance: readonly string[];
  readonly structuredReferences: readonly string[];
}

export interface BankStatement {
  readonly version: '001.02' | '001.08';
  readonly statementId: string;
  readonly accountIban?: string;
  readonly transactions: readonly BankTransaction[];
}

type Node = Record<string, unknown>;

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  removeNSPrefix: true,
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: true,
  processEntities: true,
  isArray: (name) => ['Stmt', 'Ntry', 'NtryDtls', 'TxDtls', 'Ustrd', 'Strd'].includes(name),
});

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
  if (date !== undefined && !isCalendarDate(date)) throw badRequest('INVALID_STATEMENT', `Entry ${entryIndex + 1} has an invalid ${what}: ${date.slice(0, 20)}`);
  return date;
}

/** Debtor name and IBAN: 001.02 `RltdPties/Dbtr/Nm`, 001.08 `RltdPties/Dbtr/Pty/Nm`. */
function debtor(transaction: Node | undefined): { debtorName?: string; debtorIban?: string } {
  const parties = path(transaction, 'RltdPties');
  const name = textOf(path(parties, 'Dbtr', 'Nm')) ?? textOf(path(parties, 'Dbtr', 'Pty', 'Nm'));
  const iban = textOf(path(parties, 'DbtrAcct', 'Id', 'IBAN'));
  return { ...(name ? { debtorName: name } : {}), ...(iban ? { debtorIban: iban.replace(/\s+/g, '').toUpperCase() } : {}) };
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
  const root = node(document.Document);
  // The parser drops namespace declarations (removeNSPrefix): read the root element's own.
  const namespace = /<(?:[\w.-]+:)?Document\b[^>]*?\sxmlns(?::[\w.-]+)?\s*=\s*["']([^"']+)["']/.exec(xml)?.[1];
  const version = typeof namespace === 'string' && (CAMT053_NAMESPACES as readonly string[]).includes(namespace) ? (namespace.endsWith('.02') ? '001.02' : '001.08') : undefined;
  if (!root || !version) throw badRequest('UNSUPPORTED_STATEMENT', `Only camt.053.001.02 and camt.053.001.08 are supported (namespace ${String(namespace ?? 'missing')})`);
  const statements = list(path(root, 'BkToCstmrStmt', 'Stmt'));
  if (statements.length !== 1) throw badRequest('INVALID_STATEMENT', 'Expected exactly one statement (Stmt) per file');
  const statement = statements[0] as Node;
  const statementId = textOf(statement.Id);
  if (!statementId) throw badRequest('INVALID_STATEMENT', 'The statement has no Id');
  const accountIban = textOf(path(statement, 'Acct', 'Id', 'IBAN'));

  const transactions: BankTransaction[] = [];
  list(statement.Ntry).forEach((entry, entryIndex) => {
    const entryAmount = money(entry.Amt);
    if (!entryAmount) throw badRequest('INVALID_STATEMENT', `Entry ${entryIndex + 1} has no amount with currency`);
    const indicator = textOf(entry.CdtDbtInd);
    if (indicator !== 'CRDT' && indicator !== 'DBIT') throw badRequest('INVALID_STATEMENT', `Entry ${entryIndex + 1} has no CdtDbtInd`);
    const status = textOf(path(entry, 'Sts', 'Cd')) ?? textOf(entry.Sts) ?? 'BOOK';
    const entryRef = textOf(entry.AcctSvcrRef) ?? textOf(entry.NtryRef) ?? `#${entryIndex + 1}`;
    const details = list(entry.NtryDtls).flatMap((detail) => list(detail.TxDtls));
    const parts = details.length > 0 ? details : [undefined];
    parts.forEach((transaction, transactionIndex) => {
      const own = money(path(transaction, 'AmtDtls', 'TxAmt', 'Amt')) ?? money(path(transaction, 'Amt'));
      const amount = parts.length === 1 ? entryAmount : own;
      if (!amount) throw badRequest('INVALID_STATEMENT', `Entry ${entryIndex + 1}: a batch transaction has no amount`);
      const remittance = path(transaction, 'RmtInf');
      const endToEndId = textOf(path(transaction, 'Refs', 'EndToEndId'));
      const bookingDate = entryDate(entry.BookgDt, 'booking date', entryIndex);
      const valueDate = entryDate(entry.ValDt, 'value date', entryIndex);
      transactions.push({
        key: `${statementId}/${entryRef}/${transactionIndex + 1}`,
        statementId,
        direction: indicator === 'CRDT' ? 'credit' : 'debit',
        status,
        amount: amount.amount,
        currency: amount.currency,
        ...(bookingDate ? { bookingDate } : {}),
        ...(valueDate ? { valueDate } : {}),
        ...debtor(transaction),
        ...(endToEndId && endToEndId !== 'NOTPROVIDED' ? { endToEndId } : {}),
        remittance: ((node(remittance)?.Ustrd as unknown[] | undefined) ?? []).map(textOf).filter((value): value is string => value !== undefined),
        structuredReferences: list(node(remittance)?.Strd)
          .map((structured) => textOf(path(structured, 'CdtrRefInf', 'Ref')))
          .filter((value): value is string => value !== undefined),
      });
    });
  });
  return { version, statementId, ...(accountIban ? { accountIban } : {}), transactions };
}
