import { randomUUID } from 'node:crypto';
import { QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { dynamo } from '../shared/clients/dynamo.js';
import { loadItem, type ItemKey } from '../shared/items.js';
import { config } from '../shared/config.js';
import { AppError, conflict } from '../shared/errors.js';
import { money, type Money } from '../shared/money.js';
import { contendedAttempts, transactConditional, type TransactItem } from '../shared/transactions.js';
import { currencyMismatch, type AccountCurrencyPlan } from './rules.js';

/**
 * Trade credit and prepaid balance of a company (seeds 000 point 10, 002). Balances change only in
 * transactions whose conditions keep them non-negative; a marker per order makes every reservation
 * and release idempotent, so Step Functions retries never double-book.
 */
export const creditKeys = {
  credit: (companyId: string) => ({ PK: `COMPANY#${companyId}`, SK: 'CREDIT' }),
  creditReservation: (companyId: string, orderId: string) => ({ PK: `COMPANY#${companyId}`, SK: `CREDIT-RESERVATION#${orderId}` }),
  prepaid: (companyId: string) => ({ PK: `COMPANY#${companyId}`, SK: 'PREPAID' }),
  prepaidMarker: (companyId: string, kind: 'CHARGE' | 'REFUND' | 'TOPUP', reference: string) => ({
    PK: `COMPANY#${companyId}`,
    SK: `PREPAID-${kind}#${reference}`,
  }),
  ledgerEntry: (companyId: string, at: string) => ({ PK: `COMPANY#${companyId}`, SK: `LEDGER#${at}#${randomUUID()}` }),
};

const table = () => config.tableName();

export interface CreditAccount {
  readonly limit: Money;
  readonly used: Money;
  readonly available: Money;
}

/**
 * Runs a transaction; conflicts with concurrent transactions on the same items are retried
 * (many buyers of one company checking out at once), failed conditions reported.
 */
export const transact = (items: TransactItem[]): Promise<'ok' | 'condition-failed'> => transactConditional(items, contendedAttempts);

const get = (key: ItemKey) => loadItem(key);

export async function readCredit(companyId: string, currency: string): Promise<CreditAccount> {
  const item = await get(creditKeys.credit(companyId));
  const code = String(item?.currency ?? currency);
  return { limit: money(Number(item?.limit ?? 0), code), used: money(Number(item?.used ?? 0), code), available: money(Number(item?.available ?? 0), code) };
}

/** The stored currency of the credit line and of the prepaid balance (undefined: not opened yet). */
export async function accountCurrencies(companyId: string): Promise<{ credit?: string; prepaid?: string }> {
  const [credit, prepaid] = await Promise.all([get(creditKeys.credit(companyId)), get(creditKeys.prepaid(companyId))]);
  return { ...(credit?.currency ? { credit: String(credit.currency) } : {}), ...(prepaid?.currency ? { prepaid: String(prepaid.currency) } : {}) };
}

/**
 * Decides the currency of a write from the currency stored on the account (undefined: no account yet):
 * the plan to write, undefined when the amount cannot be booked on it, or it throws (409).
 */
export type CurrencyPolicy = (stored: string | undefined) => AccountCurrencyPlan | undefined;

/** Only the account's own currency, never opening one (charges, refunds). */
const sameCurrency =
  (currency: string): CurrencyPolicy =>
  (stored) =>
    stored === currency ? { currency, opens: false } : undefined;

const isConditionFailure = (error: unknown) => error instanceof ConditionalCheckFailedException || (error as Error).name === 'ConditionalCheckFailedException';

/**
 * Sets the limit (back-office or ERP sync); `available` moves by the same delta, and may not go below 0.
 * One UpdateItem whose condition carries the currency decision: the account keeps its currency (or is
 * opened / a stale empty one replaced in the company's currency), and `used <= limit`.
 */
export async function setCreditLimit(companyId: string, limit: Money, policy: CurrencyPolicy): Promise<CreditAccount> {
  for (let attempt = 0; attempt < 5; attempt++) {
    const item = await get(creditKeys.credit(companyId));
    const plan = policy(item ? String(item.currency) : undefined);
    if (!plan) throw currencyMismatch(String(item?.currency), limit.currency);
    if (item && limit.amount < Number(item.used ?? 0))
      throw conflict('LIMIT_BELOW_USED', `The limit cannot be below the credit in use (${Number(item.used ?? 0)})`);
    const values: Record<string, unknown> = { ':limit': limit.amount, ':currency': plan.currency, ':one': 1 };
    let update: string;
    let condition: string;
    if (plan.opens) {
      update = 'SET #type = :type, #limit = :limit, used = :zero, available = :limit, currency = :currency, version = :one';
      condition = 'attribute_not_exists(PK)';
      Object.assign(values, { ':type': 'credit', ':zero': 0 });
    } else if (plan.replacesStale) {
      update = 'SET #limit = :limit, available = :limit - used, currency = :currency, version = version + :one';
      condition = 'currency = :stale AND used = :zero';
      Object.assign(values, { ':stale': plan.replacesStale, ':zero': 0 });
    } else {
      update = 'SET #limit = :limit, available = :limit - used, version = version + :one';
      condition = 'currency = :currency AND used <= :limit';
    }
    try {
      await dynamo().send(
        new UpdateCommand({
          TableName: table(),
          Key: creditKeys.credit(companyId),
          UpdateExpression: update,
          ConditionExpression: condition,
          ExpressionAttributeNames: { '#limit': 'limit', ...(plan.opens ? { '#type': 'type' } : {}) },
          ExpressionAttributeValues: values,
        }),
      );
      return readCredit(companyId, plan.currency);
    } catch (error) {
      // Opened, relabelled or used meanwhile: decide again on what is stored now.
      if (!isConditionFailure(error)) throw error;
    }
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
    {
      Put: {
        TableName: table(),
        Item: { ...creditKeys.creditReservation(companyId, orderId), type: 'credit-reservation', orderId, amount: amount.amount, currency: amount.currency },
        ConditionExpression: 'attribute_not_exists(PK)',
      },
    },
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

export type MoveResult = 'done' | 'already-done' | 'insufficient';

/**
 * One balance movement: balance update (never below zero), idempotency marker and ledger row together.
 * The balance write is conditioned on the version read and on the account's currency (or on its
 * absence when the policy opens it): a movement can never relabel the balance into another currency.
 */
async function moveBalance(
  companyId: string,
  kind: LedgerEntry['kind'],
  marker: 'CHARGE' | 'REFUND' | 'TOPUP',
  reference: string,
  delta: Money,
  policy: CurrencyPolicy,
  extra: TransactItem[] = [],
): Promise<MoveResult> {
  const at = new Date().toISOString();
  for (let attempt = 0; attempt < 5; attempt++) {
    if (await get(creditKeys.prepaidMarker(companyId, marker, reference))) return 'already-done';
    const item = await get(creditKeys.prepaid(companyId));
    const plan = policy(item ? String(item.currency) : undefined);
    if (!plan) return 'insufficient';
    const balance = item ? Number(item.balance ?? 0) : 0;
    const version = item ? Number(item.version ?? 0) : 0;
    // A stale currency is only replaced on an empty balance (nothing to relabel).
    if (plan.replacesStale && balance !== 0) throw currencyMismatch(plan.replacesStale, plan.currency);
    const after = balance + delta.amount;
    if (after < 0) return 'insufficient';
    const condition = plan.opens
      ? { ConditionExpression: 'attribute_not_exists(PK)' }
      : {
          ConditionExpression: 'version = :version AND currency = :stored',
          ExpressionAttributeValues: { ':version': version, ':stored': plan.replacesStale ?? plan.currency },
        };
    const result = await transact([
      {
        Put: {
          TableName: table(),
          Item: { ...creditKeys.prepaid(companyId), type: 'prepaid', balance: after, currency: plan.currency, version: version + 1 },
          ...condition,
        },
      },
      {
        Put: {
          TableName: table(),
          Item: { ...creditKeys.prepaidMarker(companyId, marker, reference), type: 'prepaid-marker', at },
          ConditionExpression: 'attribute_not_exists(PK)',
        },
      },
      {
        Put: {
          TableName: table(),
          Item: {
            ...creditKeys.ledgerEntry(companyId, at),
            type: 'ledger',
            at,
            kind,
            amount: Math.abs(delta.amount),
            currency: plan.currency,
            balanceAfter: after,
            reference,
          },
        },
      },
      ...extra,
    ]);
    if (result === 'ok') return 'done';
  }
  throw conflict('CONCURRENT_CHANGE', 'The balance changed meanwhile; try again');
}

/** Books a top-up; `policy` decides the currency (functions/credit/rules.ts planAccountCurrency). */
export const topUpBalance = (companyId: string, amount: Money, reference: string, policy: CurrencyPolicy) =>
  moveBalance(companyId, 'top-up', 'TOPUP', reference, amount, policy);

/** Charges an order; a balance in another currency cannot pay it ('insufficient'). */
export const chargeBalance = (companyId: string, orderId: string, amount: Money) =>
  moveBalance(companyId, 'charge', 'CHARGE', orderId, money(-amount.amount, amount.currency), sameCurrency(amount.currency));

/** Refunds a charge exactly once, and only if the order was charged. */
export async function refundBalance(companyId: string, orderId: string): Promise<boolean> {
  const charge = await get(creditKeys.prepaidMarker(companyId, 'CHARGE', orderId));
  if (!charge) return false;
  const entries = await ledger(companyId, 200);
  const charged = entries.find((entry) => entry.kind === 'charge' && entry.reference === orderId);
  if (!charged) return false;
  return (await moveBalance(companyId, 'refund', 'REFUND', orderId, charged.amount, sameCurrency(charged.amount.currency))) !== 'insufficient';
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

/** Transaction items for the caller's own transaction, and what a failed condition of item `index` means. */
export interface CreditChange {
  readonly items: readonly TransactItem[];
  readonly onConflict: (index: number) => AppError | undefined;
}

const noChange: CreditChange = { items: [], onConflict: () => undefined };

/**
 * What staff changing an order's amount due by `delta` minor units does to the company's credit or
 * prepaid balance (functions/orders/balances.ts): the order's credit reservation and the credit
 * account move by the difference (never beyond the available credit), or a charged prepaid order is
 * charged or refunded the difference with a ledger row. Nothing when the order holds no reservation
 * or charge yet (the saga books the then current amount).
 */
export async function orderAmountChange(
  companyId: string,
  orderId: string,
  paymentMethod: string,
  delta: number,
  currency: string,
  reference: string,
): Promise<CreditChange> {
  if (paymentMethod === 'on-account') {
    if (!(await get(creditKeys.creditReservation(companyId, orderId)))) return noChange;
    return {
      items: [
        {
          Update: {
            TableName: table(),
            Key: creditKeys.creditReservation(companyId, orderId),
            UpdateExpression: 'SET amount = amount + :delta',
            ConditionExpression: 'attribute_exists(PK)',
            ExpressionAttributeValues: { ':delta': delta },
          },
        },
        {
          Update: {
            TableName: table(),
            Key: creditKeys.credit(companyId),
            UpdateExpression: 'SET available = available - :delta, used = used + :delta, version = version + :one',
            ConditionExpression: delta > 0 ? 'available >= :delta AND currency = :currency' : 'currency = :currency',
            ExpressionAttributeValues: { ':delta': delta, ':one': 1, ':currency': currency },
          },
        },
      ],
      onConflict: (index) => (index === 1 ? new AppError(409, 'CREDIT_EXCEEDED', 'The change exceeds the available trade credit') : undefined),
    };
  }

  if (paymentMethod === 'prepaid-balance') {
    if (!(await get(creditKeys.prepaidMarker(companyId, 'CHARGE', orderId)))) return noChange;
    const current = await readPrepaid(companyId, currency);
    const balanceAfter = current.balance.amount - delta;
    if (balanceAfter < 0) throw new AppError(409, 'INSUFFICIENT_BALANCE', 'The prepaid balance does not cover the change');
    const at = new Date().toISOString();
    return {
      items: [
        {
          Put: {
            TableName: table(),
            Item: { ...creditKeys.prepaid(companyId), type: 'prepaid', balance: balanceAfter, currency, version: current.version + 1 },
            // Never relabel: the balance stays in its currency (the charge was booked in it).
            ConditionExpression: 'version = :version AND currency = :currency',
            ExpressionAttributeValues: { ':version': current.version, ':currency': currency },
          },
        },
        {
          Put: {
            TableName: table(),
            Item: {
              ...creditKeys.ledgerEntry(companyId, at),
              type: 'ledger',
              at,
              kind: delta > 0 ? 'charge' : 'refund',
              amount: Math.abs(delta),
              currency,
              balanceAfter,
              reference,
            },
          },
        },
      ],
      onConflict: (index) => (index === 0 ? new AppError(409, 'ORDER_CHANGED', 'The prepaid balance changed meanwhile; try again') : undefined),
    };
  }
  return noChange;
}

/**
 * Items that give trade credit back as an invoice of the order is settled: the order's reservation
 * shrinks by `restoreOf(reserved)` (deleted when all of it comes back) and the credit account's
 * available grows by as much. None when the order reserved no credit or nothing comes back.
 */
export async function creditRestorationItems(companyId: string, orderId: string, restoreOf: (reserved: number) => number): Promise<TransactItem[]> {
  const reservation = await get(creditKeys.creditReservation(companyId, orderId));
  if (!reservation) return [];
  const reserved = Number(reservation.amount);
  const restore = restoreOf(reserved);
  if (restore <= 0) return [];
  const reservationKey = creditKeys.creditReservation(companyId, orderId);
  const reservationItem: TransactItem =
    restore === reserved
      ? { Delete: { TableName: table(), Key: reservationKey, ConditionExpression: 'amount = :reserved', ExpressionAttributeValues: { ':reserved': reserved } } }
      : {
          Update: {
            TableName: table(),
            Key: reservationKey,
            UpdateExpression: 'SET amount = :left',
            ConditionExpression: 'amount = :reserved',
            ExpressionAttributeValues: { ':reserved': reserved, ':left': reserved - restore },
          },
        };
  return [
    reservationItem,
    {
      Update: {
        TableName: table(),
        Key: creditKeys.credit(companyId),
        UpdateExpression: 'SET available = available + :amount, used = used - :amount, version = version + :one',
        ConditionExpression: 'attribute_exists(PK)',
        ExpressionAttributeValues: { ':amount': restore, ':one': 1 },
      },
    },
  ];
}
