import { randomUUID } from 'node:crypto';
import { GetCommand, QueryCommand, TransactWriteCommand, type TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb';
import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { dynamo } from '../shared/clients.js';
import { config } from '../shared/config.js';
import { conflict } from '../shared/errors.js';
import { money, type Money } from '../shared/money.js';

/**
 * Trade credit and prepaid balance of a company (seeds 000 point 10, 002). Balances change only in
 * transactions whose conditions keep them non-negative; a marker per order makes every reservation
 * and release idempotent, so Step Functions retries never double-book.
 */
export const creditKeys = {
  credit: (companyId: string) => ({ PK: `COMPANY#${companyId}`, SK: 'CREDIT' }),
  creditReservation: (companyId: string, orderId: string) => ({ PK: `COMPANY#${companyId}`, SK: `CREDIT-RESERVATION#${orderId}` }),
  prepaid: (companyId: string) => ({ PK: `COMPANY#${companyId}`, SK: 'PREPAID' }),
  prepaidMarker: (companyId: string, kind: 'CHARGE' | 'REFUND' | 'TOPUP', reference: string) => ({ PK: `COMPANY#${companyId}`, SK: `PREPAID-${kind}#${reference}` }),
  ledgerEntry: (companyId: string, at: string) => ({ PK: `COMPANY#${companyId}`, SK: `LEDGER#${at}#${randomUUID()}` }),
};

type TransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];
const table = () => config.tableName();

export interface CreditAccount {
  readonly limit: Money;
  readonly used: Money;
  readonly available: Money;
}

/**
 * Runs a transaction; conflicts with concurrent transactions on the same items are retried with
 * jittered backoff (many buyers of one company checking out at once), failed conditions reported.
 */
export async function transact(items: TransactItem[]): Promise<'ok' | 'condition-failed'> {
  for (let attempt = 0; ; attempt++) {
    try {
      await dynamo().send(new TransactWriteCommand({ TransactItems: items }));
      return 'ok';
    } catch (error) {
      const reasons = error instanceof TransactionCanceledException ? (error.CancellationReasons ?? []) : [];
      if (reasons.some((reason) => reason.Code === 'ConditionalCheckFailed')) return 'condition-failed';
      const conflicting = reasons.some((reason) => reason.Code === 'TransactionConflict') || (error as Error).name === 'TransactionConflictException';
      if (!conflicting || attempt >= 12) throw error;
      await new Promise((resolve) => setTimeout(resolve, Math.random() * 20 * 2 ** Math.min(attempt, 6)));
    }
  }
}

async function get(key: Record<string, string>) {
  const { Item } = await dynamo().send(new GetCommand({ TableName: table(), Key: key, ConsistentRead: true }));
  return Item;
}

export async function readCredit(companyId: string, currency: string): Promise<CreditAccount> {
  const item = await get(creditKeys.credit(companyId));
  const code = String(item?.currency ?? currency);
  return { limit: money(Number(item?.limit ?? 0), code), used: money(Number(item?.used ?? 0), code), available: money(Number(item?.available ?? 0), code) };
}

/** Sets the limit (back-office or ERP sync); `available` moves by the same delta, and may not go below 0. */
export async function setCreditLimit(companyId: string, limit: Money): Promise<CreditAccount> {
  for (let attempt = 0; attempt < 5; attempt++) {
    const item = await get(creditKeys.credit(companyId));
    if (item && item.currency !== limit.currency) throw conflict('CURRENCY_MISMATCH', `Credit is kept in ${String(item.currency)}`);
    const used = Number(item?.used ?? 0);
    if (limit.amount < used) throw conflict('LIMIT_BELOW_USED', `The limit cannot be below the credit in use (${used})`);
    const result = await transact([
      {
        Put: {
          TableName: table(),
          Item: { ...creditKeys.credit(companyId), type: 'credit', limit: limit.amount, used, available: limit.amount - used, currency: limit.currency, version: Number(item?.version ?? 0) + 1 },
          ConditionExpression: item ? 'version = :version' : 'attribute_not_exists(PK)',
          ...(item ? { ExpressionAttributeValues: { ':version': Number(item.version ?? 0) } } : {}),
        },
      },
    ]);
    if (result === 'ok') return readCredit(companyId, limit.currency);
  }
  throw conflict('CONCURRENT_CHANGE', 'The credit account changed meanwhile; try again');
}

export type ReserveResult = 'reserved' | 'already-reserved' | 'insufficient';

export async function reserveCredit(companyId: string, orderId: string, amount: Money): Promise<ReserveResult> {
  const result = await transact([
    {
      Update: {
        TableName: table(),
        Key: creditKeys.credit(companyId),
        UpdateExpression: 'SET available = available - :amount, used = used + :amount, version = version + :one',
        ConditionExpression: 'available >= :amount AND currency = :currency',
        ExpressionAttributeValues: { ':amount': amount.amount, ':currency': amount.currency, ':one': 1 },
      },
    },
    { Put: { TableName: table(), Item: { ...creditKeys.creditReservation(companyId, orderId), type: 'credit-reservation', orderId, amount: amount.amount, currency: amount.currency }, ConditionExpression: 'attribute_not_exists(PK)' } },
  ]);
  if (result === 'ok') return 'reserved';
  return (await get(creditKeys.creditReservation(companyId, orderId))) ? 'already-reserved' : 'insufficient';
}

/** Gives reserved credit back (cancel, failed order); a no-op when nothing is reserved. */
export async function releaseCredit(companyId: string, orderId: string): Promise<boolean> {
  const reservation = await get(creditKeys.creditReservation(companyId, orderId));
  if (!reservation) return false;
  const result = await transact([
    { Delete: { TableName: table(), Key: creditKeys.creditReservation(companyId, orderId), ConditionExpression: 'attribute_exists(PK)' } },
    {
      Update: {
        TableName: table(),
        Key: creditKeys.credit(companyId),
        UpdateExpression: 'SET available = available + :amount, used = used - :amount, version = version + :one',
        ExpressionAttributeValues: { ':amount': Number(reservation.amount), ':one': 1 },
      },
    },
  ]);
  return result === 'ok';
}

export interface LedgerEntry {
  readonly at: string;
  readonly kind: 'top-up' | 'charge' | 'refund';
  readonly amount: Money;
  readonly balanceAfter: Money;
  readonly reference: string;
}

export async function readPrepaid(companyId: string, currency: string) {
  const item = await get(creditKeys.prepaid(companyId));
  return { balance: money(Number(item?.balance ?? 0), String(item?.currency ?? currency)), version: Number(item?.version ?? 0) };
}

/** One balance movement: balance update (never below zero), idempotency marker and ledger row together. */
async function moveBalance(companyId: string, kind: LedgerEntry['kind'], marker: 'CHARGE' | 'REFUND' | 'TOPUP', reference: string, delta: Money, extra: TransactItem[] = []) {
  const at = new Date().toISOString();
  for (let attempt = 0; attempt < 5; attempt++) {
    const current = await readPrepaid(companyId, delta.currency);
    const after = current.balance.amount + delta.amount;
    if (after < 0) return 'insufficient' as const;
    const result = await transact([
      {
        Put: {
          TableName: table(),
          Item: { ...creditKeys.prepaid(companyId), type: 'prepaid', balance: after, currency: delta.currency, version: current.version + 1 },
          ConditionExpression: current.version === 0 ? 'attribute_not_exists(PK)' : 'version = :version',
          ...(current.version === 0 ? {} : { ExpressionAttributeValues: { ':version': current.version } }),
        },
      },
      { Put: { TableName: table(), Item: { ...creditKeys.prepaidMarker(companyId, marker, reference), type: 'prepaid-marker', at }, ConditionExpression: 'attribute_not_exists(PK)' } },
      { Put: { TableName: table(), Item: { ...creditKeys.ledgerEntry(companyId, at), type: 'ledger', at, kind, amount: Math.abs(delta.amount), currency: delta.currency, balanceAfter: after, reference } } },
      ...extra,
    ]);
    if (result === 'ok') return 'done' as const;
    if (await get(creditKeys.prepaidMarker(companyId, marker, reference))) return 'already-done' as const;
  }
  throw conflict('CONCURRENT_CHANGE', 'The balance changed meanwhile; try again');
}

export const topUpBalance = (companyId: string, amount: Money, reference: string) => moveBalance(companyId, 'top-up', 'TOPUP', reference, amount);

export const chargeBalance = (companyId: string, orderId: string, amount: Money) =>
  moveBalance(companyId, 'charge', 'CHARGE', orderId, money(-amount.amount, amount.currency));

/** Refunds a charge exactly once, and only if the order was charged. */
export async function refundBalance(companyId: string, orderId: string): Promise<boolean> {
  const charge = await get(creditKeys.prepaidMarker(companyId, 'CHARGE', orderId));
  if (!charge) return false;
  const entries = await ledger(companyId, 200);
  const charged = entries.find((entry) => entry.kind === 'charge' && entry.reference === orderId);
  if (!charged) return false;
  return (await moveBalance(companyId, 'refund', 'REFUND', orderId, charged.amount)) !== 'insufficient';
}

export async function ledger(companyId: string, limit = 50): Promise<LedgerEntry[]> {
  const { Items = [] } = await dynamo().send(
    new QueryCommand({
      TableName: table(),
      KeyConditionExpression: 'PK = :pk AND begins_with(SK, :prefix)',
      ExpressionAttributeValues: { ':pk': `COMPANY#${companyId}`, ':prefix': 'LEDGER#' },
      ScanIndexForward: false,
      Limit: limit,
    }),
  );
  return Items.map((item) => ({
    at: String(item.at),
    kind: item.kind as LedgerEntry['kind'],
    amount: money(Number(item.amount), String(item.currency)),
    balanceAfter: money(Number(item.balanceAfter), String(item.currency)),
    reference: String(item.reference),
  }));
}
