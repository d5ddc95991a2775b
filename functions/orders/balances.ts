import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { creditKeys, readPrepaid } from '../credit/repository.js';
import { dynamo } from '../shared/clients.js';
import { config } from '../shared/config.js';
import { AppError } from '../shared/errors.js';
import { amountDue } from './admin-rules.js';
import type { TransactItem } from './placement.js';
import type { Order } from './repository.js';

/**
 * Keeps trade credit and prepaid balance in step when staff change what an order costs. The items
 * returned go into the same transaction as the order update (functions/orders/staff.ts commitChange):
 * - on account: the order's credit reservation (written by the placement saga) grows or shrinks by
 *   the difference, and the credit account's available/used move with it; more than the available
 *   credit is refused (CREDIT_EXCEEDED).
 * - prepaid balance: if the order was charged, the difference is charged or refunded with a ledger
 *   row; the balance item's version guards it and it never goes below zero (INSUFFICIENT_BALANCE).
 * Orders not yet reserved or charged (preliminary, awaiting approval, other payment methods) need
 * nothing: the saga reserves the then current amount on release.
 */

export interface BalanceChange {
  readonly items: readonly TransactItem[];
  /** Maps the failed condition of item `index` of `items` to an error. */
  readonly onConflict: (index: number) => AppError | undefined;
}

const none: BalanceChange = { items: [], onConflict: () => undefined };
const table = () => config.tableName();

async function exists(key: Record<string, string>) {
  const { Item } = await dynamo().send(new GetCommand({ TableName: table(), Key: key, ConsistentRead: true }));
  return Item;
}

export async function balanceChange(before: Order, after: Order, reference: string): Promise<BalanceChange> {
  const delta = amountDue(after).amount - amountDue(before).amount;
  if (delta === 0) return none;
  const { companyId, orderId } = before;
  const currency = before.gross.currency;

  if (before.paymentMethod === 'on-account') {
    if (!(await exists(creditKeys.creditReservation(companyId, orderId)))) return none;
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

  if (before.paymentMethod === 'prepaid-balance') {
    if (!(await exists(creditKeys.prepaidMarker(companyId, 'CHARGE', orderId)))) return none;
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
            Item: { ...creditKeys.ledgerEntry(companyId, at), type: 'ledger', at, kind: delta > 0 ? 'charge' : 'refund', amount: Math.abs(delta), currency, balanceAfter, reference },
          },
        },
      ],
      onConflict: (index) => (index === 0 ? new AppError(409, 'ORDER_CHANGED', 'The prepaid balance changed meanwhile; try again') : undefined),
    };
  }
  return none;
}
