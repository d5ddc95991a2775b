import { createHash, randomUUID } from 'node:crypto';
import { GetCommand, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { forbidden, notFound, conflict, AppError } from '../shared/errors.js';
import type { Identity } from '../shared/auth.js';
import { dynamo } from '../shared/clients/dynamo.js';
import { config } from '../shared/config.js';
import { money, type Money } from '../shared/money.js';
import { queryPage } from '../shared/query.js';
import { queryAllCompanies } from './companies-by-iban.js';
import {
  extractCreditorReferences,
  extractReferences,
  invoiceNumberOfCreditorReference,
  matchByReference,
  matchByUniqueAmount,
  referenceTexts,
  type MatchDecision,
  type MatchRule,
  type OpenInvoice,
  type UnmatchedReason,
} from './bank-matching.js';
import { parseCamt053, type BankStatement, type BankTransaction } from './camt053.js';
import type { BankEntry, PaymentRequest } from './contract.js';
import { looksLikeMt940, parseMt940 } from './mt940.js';
import { readStatementFile } from './statement-file.js';
import { openInvoices, presentInvoice } from './documents.js';
import { invoiceKeys } from './service.js';
import { invoiceRecord, readInvoiceItem, settleInvoice, type InvoiceRecord } from './settlement.js';

/**
 * Payments against invoices: recorded by back-office, or booked from a camt.053 bank statement.
 * Every payment goes through settlement.ts (one transaction with the invoice's conditional update);
 * an idempotency item per payment — `PAYMENT#<id>` for manual payments, the bank entry item for
 * statement transactions — makes a repeated request book nothing twice.
 *
 * Items:
 *   payment marker   PK=COMPANY#<id>        SK=PAYMENT#<paymentId>
 *   bank entry       PK=BANKENTRY#<entryId> SK=BANKENTRY   GSI1PK=BANKENTRIES#<unmatched|matched>  GSI1SK=<bookingDate>#<entryId>
 */

const table = () => config.tableName();
const today = () => new Date().toISOString().slice(0, 10);

const paymentKey = (companyId: string, paymentId: string) => ({ PK: `COMPANY#${companyId}`, SK: `PAYMENT#${paymentId}` });
const bankEntryKey = (entryId: string) => ({ PK: `BANKENTRY#${entryId}`, SK: 'BANKENTRY' });
const bankEntryIndex = (status: 'unmatched' | 'matched', bookingDate: string, entryId: string) => ({
  GSI1PK: `BANKENTRIES#${status}`,
  GSI1SK: `${bookingDate}#${entryId}`,
});

const mustBeBackOffice = (caller: Identity) => {
  if (caller.role !== 'back-office') throw forbidden('Only back-office records payments');
};

/** Back-office records a (partial) payment; an overpayment is refused with 409 OVERPAYMENT. */
export async function recordPayment(caller: Identity, companyId: string, invoiceNumber: string, request: PaymentRequest, idempotencyKey?: string) {
  mustBeBackOffice(caller);
  const paymentId = idempotencyKey ?? randomUUID();
  const amount = money(request.amount, request.currency);
  const outcome = await settleInvoice<InvoiceRecord>({
    companyId,
    invoiceNumber,
    kind: 'payment',
    id: paymentId,
    amount,
    at: `${request.paidAt}T00:00:00.000Z`,
    reference: request.reference,
    source: 'manual',
    recordedBy: caller.email || caller.sub,
    extraItems: () => [
      {
        Put: {
          TableName: table(),
          Item: {
            ...paymentKey(companyId, paymentId),
            type: 'payment',
            invoiceNumber,
            amount,
            paidAt: request.paidAt,
            reference: request.reference,
            recordedBy: caller.sub,
          },
          ConditionExpression: 'attribute_not_exists(PK)',
        },
      },
    ],
    alreadyDone: async () => {
      const { Item } = await dynamo().send(new GetCommand({ TableName: table(), Key: paymentKey(companyId, paymentId), ConsistentRead: true }));
      if (!Item) return undefined;
      if (Item.invoiceNumber !== invoiceNumber || (Item.amount as Money).amount !== amount.amount)
        throw conflict('IDEMPOTENCY_KEY_REUSED', 'This idempotency key was used for another payment');
      const invoice = await readInvoiceItem(companyId, invoiceNumber);
      return invoice ? invoiceRecord(invoice) : undefined;
    },
  });
  const record = outcome.kind === 'settled' ? outcome.invoice : outcome.previous;
  return { paymentId, invoice: presentInvoice(record, today()) };
}

// ---------------------------------------------------------------------------------------------
// Bank statements

/** Invoices a reference points to, with their company: GSI2 for invoice numbers, GSI1 for order numbers. */
async function invoicesByReference(invoiceNumbers: readonly string[], orderNumbers: readonly string[]): Promise<InvoiceRecord[]> {
  const queries = [
    ...invoiceNumbers.map((number) => ({
      IndexName: 'GSI2',
      KeyConditionExpression: 'GSI2PK = :key',
      ExpressionAttributeValues: { ':key': invoiceKeys.byNumber(number, '').GSI2PK },
    })),
    ...orderNumbers.map((number) => ({
      IndexName: 'GSI1',
      KeyConditionExpression: 'GSI1PK = :key',
      ExpressionAttributeValues: { ':key': invoiceKeys.byOrderNumber(number, '').GSI1PK },
    })),
  ];
  const pages = await Promise.all(queries.map((query) => dynamo().send(new QueryCommand({ TableName: table(), ...query, Limit: 20 }))));
  // GSIs are eventually consistent: the amounts are re-read consistently before anything is booked.
  const found = pages.flatMap((page) => page.Items ?? []).filter((item) => item.type === 'invoice');
  const fresh = await Promise.all(found.map((item) => readInvoiceItem(String(item.companyId), String(item.invoiceNumber))));
  return fresh.filter((item): item is Record<string, unknown> => item !== undefined).map(invoiceRecord);
}

const asOpenInvoice = (record: InvoiceRecord): OpenInvoice => ({
  companyId: record.companyId,
  invoiceNumber: record.invoiceNumber,
  currency: record.balance.currency,
  open: record.balance.open,
  status: record.status,
});

/** Stable, URL-safe id of a statement transaction: a hash of its key (statement Id + entry reference + position). */
export const bankEntryId = (transactionKey: string) => createHash('sha256').update(transactionKey, 'utf8').digest('base64url');

export interface ImportResult {
  /** The first statement's id and version (most files carry one statement). */
  readonly statementId: string;
  readonly version: string;
  readonly format: BankStatement['format'];
  readonly statements: readonly {
    readonly statementId: string;
    readonly format: BankStatement['format'];
    readonly version: string;
    readonly accountIban?: string;
    readonly member?: string;
    readonly transactions: number;
  }[];
  readonly entries: readonly {
    readonly entryId: string;
    readonly key: string;
    readonly amount: Money;
    readonly outcome: 'matched' | 'unmatched' | 'duplicate' | 'ignored';
    readonly rule?: MatchRule;
    readonly companyId?: string;
    readonly invoiceNumber?: string;
    readonly reason?: string;
  }[];
}

function entryItem(transaction: BankTransaction, entryId: string, status: 'unmatched' | 'matched', extra: Record<string, unknown>) {
  const bookingDate = transaction.bookingDate ?? transaction.valueDate ?? today();
  return {
    ...bankEntryKey(entryId),
    ...bankEntryIndex(status, bookingDate, entryId),
    type: 'bank-entry',
    entryId,
    key: transaction.key,
    statementId: transaction.statementId,
    amount: money(transaction.amount, transaction.currency),
    bookingDate,
    ...(transaction.valueDate ? { valueDate: transaction.valueDate } : {}),
    ...(transaction.debtorName ? { debtorName: transaction.debtorName } : {}),
    ...(transaction.debtorIban ? { debtorIban: transaction.debtorIban } : {}),
    ...(transaction.endToEndId ? { endToEndId: transaction.endToEndId } : {}),
    remittance: [...transaction.remittance, ...transaction.structuredReferences],
    status,
    importedAt: new Date().toISOString(),
    ...extra,
  };
}

async function decide(transaction: BankTransaction, companiesByIban: () => Promise<Map<string, string>>): Promise<MatchDecision> {
  const amount = { amount: transaction.amount, currency: transaction.currency };
  const texts = referenceTexts(transaction);
  // First an RF creditor reference (check digits verified): it names the invoice it was made from.
  const creditorNumbers = [
    ...new Set(
      extractCreditorReferences(texts)
        .map(invoiceNumberOfCreditorReference)
        .filter((number): number is string => number !== undefined),
    ),
  ];
  if (creditorNumbers.length > 0) {
    const byCreditorReference = matchByReference(amount, (await invoicesByReference(creditorNumbers, [])).map(asOpenInvoice), 'creditor-reference');
    if (byCreditorReference) return byCreditorReference;
  }
  const references = extractReferences(texts);
  if (references.invoiceNumbers.length + references.orderNumbers.length > 0) {
    const byReference = matchByReference(amount, (await invoicesByReference(references.invoiceNumbers, references.orderNumbers)).map(asOpenInvoice));
    if (byReference) return byReference;
  }
  const companyId = transaction.debtorIban ? (await companiesByIban()).get(transaction.debtorIban) : undefined;
  if (!companyId)
    return { kind: 'unmatched', reason: references.invoiceNumbers.length + references.orderNumbers.length > 0 ? 'UNKNOWN_REFERENCE' : 'NO_REFERENCE' };
  return matchByUniqueAmount(amount, (await openInvoices(companyId)).map(asOpenInvoice));
}

async function putUnmatched(transaction: BankTransaction, entryId: string, reason: UnmatchedReason | string): Promise<boolean> {
  try {
    await dynamo().send(
      new PutCommand({ TableName: table(), Item: entryItem(transaction, entryId, 'unmatched', { reason }), ConditionExpression: 'attribute_not_exists(PK)' }),
    );
    return true;
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) return false;
    throw error;
  }
}

async function bookMatched(
  transaction: BankTransaction,
  entryId: string,
  companyId: string,
  invoiceNumber: string,
  rule: string,
): Promise<'matched' | 'duplicate'> {
  const outcome = await settleInvoice<true>({
    companyId,
    invoiceNumber,
    kind: 'payment',
    id: entryId,
    amount: money(transaction.amount, transaction.currency),
    at: `${transaction.bookingDate ?? today()}T00:00:00.000Z`,
    reference: [...transaction.remittance, ...transaction.structuredReferences].join(' ').slice(0, 140) || transaction.key,
    source: `bank:${transaction.statementId}`,
    recordedBy: `bank-statement (${rule})`,
    extraItems: () => [
      {
        Put: {
          TableName: table(),
          Item: entryItem(transaction, entryId, 'matched', { companyId, invoiceNumber, rule, matchedAt: new Date().toISOString() }),
          ConditionExpression: 'attribute_not_exists(PK)',
        },
      },
    ],
    alreadyDone: async () =>
      (await dynamo().send(new GetCommand({ TableName: table(), Key: bankEntryKey(entryId), ConsistentRead: true }))).Item ? true : undefined,
  });
  return outcome.kind === 'settled' ? 'matched' : 'duplicate';
}

/** A statement file as uploaded: text (camt XML or MT940, already decoded) or the file's bytes (also ZIP). */
export type StatementUpload = { readonly text: string } | { readonly bytes: Buffer };

function statementsOf(upload: StatementUpload): { member?: string; statement: BankStatement }[] {
  if ('bytes' in upload) return readStatementFile(upload.bytes);
  return [{ statement: looksLikeMt940(upload.text) ? parseMt940(upload.text) : parseCamt053(upload.text) }];
}

/**
 * Imports a bank file (camt.053 / camt.054 / MT940, or a ZIP of those; every statement in it):
 * credit transactions are matched (bank-matching.ts) and booked, the rest are stored as unmatched;
 * debit and non-booked entries are ignored. The whole file is read and checked before anything is
 * booked. Importing the same file again books nothing: each transaction's entry item is created at
 * most once (also for files imported before the key change: see `BankTransaction.legacyKey`).
 */
export async function importBankStatement(caller: Identity, upload: StatementUpload): Promise<ImportResult> {
  mustBeBackOffice(caller);
  const files = statementsOf(upload);
  let ibanMap: Promise<Map<string, string>> | undefined;
  const companiesByIban = () => (ibanMap ??= queryAllCompanies());
  const entries: ImportResult['entries'][number][] = [];
  const transactions = files.flatMap((file) => file.statement.transactions);
  // One after the other: two transactions may settle the same invoice.
  for (const transaction of transactions) {
    const entryId = bankEntryId(transaction.key);
    const base = { entryId, key: transaction.key, amount: money(transaction.amount, transaction.currency) };
    if (transaction.direction !== 'credit' || transaction.status !== 'BOOK') {
      entries.push({ ...base, outcome: 'ignored', reason: transaction.direction !== 'credit' ? 'DEBIT' : `STATUS_${transaction.status}` });
      continue;
    }
    const read = (id: string) => dynamo().send(new GetCommand({ TableName: table(), Key: bankEntryKey(id), ConsistentRead: true }));
    const existing = (await read(entryId)).Item ?? (transaction.legacyKey ? (await read(bankEntryId(transaction.legacyKey))).Item : undefined);
    if (existing) {
      entries.push({
        ...base,
        outcome: 'duplicate',
        ...(existing.invoiceNumber ? { invoiceNumber: String(existing.invoiceNumber), companyId: String(existing.companyId) } : {}),
      });
      continue;
    }
    const decision = await decide(transaction, companiesByIban);
    if (decision.kind === 'match') {
      try {
        const booked = await bookMatched(transaction, entryId, decision.companyId, decision.invoiceNumber, decision.rule);
        entries.push({ ...base, outcome: booked, rule: decision.rule, companyId: decision.companyId, invoiceNumber: decision.invoiceNumber });
        continue;
      } catch (error) {
        // The invoice changed between matching and booking (paid meanwhile, overpaid now): leave it to a person.
        if (!(error instanceof AppError) || error.statusCode !== 409) throw error;
        const stored = await putUnmatched(transaction, entryId, error.code);
        entries.push({ ...base, outcome: stored ? 'unmatched' : 'duplicate', reason: error.code });
        continue;
      }
    }
    const stored = await putUnmatched(transaction, entryId, decision.reason);
    entries.push({ ...base, outcome: stored ? 'unmatched' : 'duplicate', reason: decision.reason });
  }
  const first = (files[0] as { statement: BankStatement }).statement;
  const statements = files.flatMap(({ member, statement }) =>
    statement.statements.map((part) => ({
      statementId: part.statementId,
      format: statement.format,
      version: statement.version,
      ...(part.accountIban ? { accountIban: part.accountIban } : {}),
      ...(member !== undefined ? { member } : {}),
      transactions: part.transactions.length,
    })),
  );
  return { statementId: first.statementId, version: first.version, format: first.format, statements, entries };
}

const optional = <K extends string>(item: Record<string, unknown>, name: K): { [P in K]?: string } =>
  item[name] !== undefined && item[name] !== null ? ({ [name]: String(item[name]) } as { [P in K]?: string }) : {};

/** A stored bank entry as the console sees it (see entryItem; matched entries carry the invoice and rule). */
const presentEntry = (item: Record<string, unknown>): BankEntry => ({
  entryId: String(item.entryId),
  key: String(item.key),
  statementId: String(item.statementId),
  amount: item.amount as Money,
  bookingDate: String(item.bookingDate),
  ...optional(item, 'valueDate'),
  ...optional(item, 'debtorName'),
  ...optional(item, 'debtorIban'),
  ...optional(item, 'endToEndId'),
  remittance: ((item.remittance as unknown[] | undefined) ?? []).map(String),
  status: item.status === 'matched' ? 'matched' : 'unmatched',
  importedAt: String(item.importedAt),
  ...optional(item, 'reason'),
  ...optional(item, 'companyId'),
  ...optional(item, 'invoiceNumber'),
  ...(item.rule ? { rule: item.rule as NonNullable<BankEntry['rule']> } : {}),
  ...optional(item, 'matchedAt'),
  ...optional(item, 'matchedBy'),
});

/** Unmatched statement transactions, oldest booking first (work queue). */
export async function listUnmatched(caller: Identity, cursor?: string) {
  mustBeBackOffice(caller);
  const partition = { attribute: 'GSI1PK', value: 'BANKENTRIES#unmatched' };
  const { items, nextCursor } = await queryPage(
    {
      TableName: table(),
      IndexName: 'GSI1',
      KeyConditionExpression: 'GSI1PK = :pk',
      ExpressionAttributeValues: { ':pk': partition.value },
      Limit: 100,
    },
    partition,
    cursor,
  );
  return { entries: items.map(presentEntry), nextCursor: nextCursor ?? null };
}

/** Manual matching of an unmatched transaction to an invoice chosen by back-office. */
export async function matchEntry(caller: Identity, entryId: string, companyId: string, invoiceNumber: string) {
  mustBeBackOffice(caller);
  const { Item: entry } = await dynamo().send(new GetCommand({ TableName: table(), Key: bankEntryKey(entryId), ConsistentRead: true }));
  if (!entry) throw notFound('Bank entry');
  if (entry.status === 'matched') {
    const invoice = entry.companyId === companyId && entry.invoiceNumber === invoiceNumber ? await readInvoiceItem(companyId, invoiceNumber) : undefined;
    if (invoice) return { entry: presentEntry(entry), invoice: presentInvoice(invoiceRecord(invoice), today()) };
    throw conflict('ENTRY_ALREADY_MATCHED', `The entry was matched to ${String(entry.invoiceNumber)}`);
  }
  const amount = entry.amount as Money;
  const bookingDate = String(entry.bookingDate);
  const outcome = await settleInvoice<InvoiceRecord>({
    companyId,
    invoiceNumber,
    kind: 'payment',
    id: entryId,
    amount,
    at: `${bookingDate}T00:00:00.000Z`,
    reference: ((entry.remittance as string[] | undefined) ?? []).join(' ').slice(0, 140) || String(entry.key),
    source: `bank:${String(entry.statementId)}`,
    recordedBy: caller.email || caller.sub,
    extraItems: () => [
      {
        Update: {
          TableName: table(),
          Key: bankEntryKey(entryId),
          UpdateExpression:
            'SET #status = :matched, GSI1PK = :gsi, companyId = :company, invoiceNumber = :invoice, #rule = :manual, matchedAt = :now, matchedBy = :by REMOVE reason',
          ConditionExpression: '#status = :unmatched',
          ExpressionAttributeNames: { '#status': 'status', '#rule': 'rule' },
          ExpressionAttributeValues: {
            ':matched': 'matched',
            ':unmatched': 'unmatched',
            ':gsi': bankEntryIndex('matched', bookingDate, entryId).GSI1PK,
            ':company': companyId,
            ':invoice': invoiceNumber,
            ':manual': 'manual',
            ':now': new Date().toISOString(),
            ':by': caller.sub,
          },
        },
      },
    ],
    alreadyDone: async () => {
      const { Item } = await dynamo().send(new GetCommand({ TableName: table(), Key: bankEntryKey(entryId), ConsistentRead: true }));
      if (Item?.status !== 'matched') return undefined;
      if (Item.invoiceNumber !== invoiceNumber || Item.companyId !== companyId)
        throw conflict('ENTRY_ALREADY_MATCHED', `The entry was matched to ${String(Item.invoiceNumber)}`);
      const invoice = await readInvoiceItem(companyId, invoiceNumber);
      return invoice ? invoiceRecord(invoice) : undefined;
    },
  });
  const record = outcome.kind === 'settled' ? outcome.invoice : outcome.previous;
  const { Item: after } = await dynamo().send(new GetCommand({ TableName: table(), Key: bankEntryKey(entryId), ConsistentRead: true }));
  return { entry: presentEntry(after ?? entry), invoice: presentInvoice(record, today()) };
}
