import { orderAmountChange } from '../credit/service.js';
import type { AppError } from '../shared/errors.js';
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
 * nothing: the saga reserves the then current amount on release. The credit context builds the items.
 */

export interface BalanceChange {
  readonly items: readonly TransactItem[];
  /** Maps the failed condition of item `index` of `items` to an error. */
  readonly onConflict: (index: number) => AppError | undefined;
}

const none: BalanceChange = { items: [], onConflict: () => undefined };

export async function balanceChange(before: Order, after: Order, reference: string): Promise<BalanceChange> {
  const delta = amountDue(after).amount - amountDue(before).amount;
  if (delta === 0) return none;
  const { companyId, orderId } = before;
  return orderAmountChange(companyId, orderId, before.paymentMethod, delta, before.gross.currency, reference);
}
