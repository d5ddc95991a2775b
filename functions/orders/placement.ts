import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { ExecutionAlreadyExists, StartExecutionCommand } from '@aws-sdk/client-sfn';
import {
  approvalFlowFor,
  assertPlaceable,
  budgetItemsFor,
  budgetNowExceeded,
  evaluateOrder,
  notifyApprovers,
  type PlannedOrder,
} from '../approvals/service.js';
import type { ApprovalFlow, BudgetEffect } from '../approvals/rules.js';
import { findProducts } from '../catalog/service.js';
import { announceSoldOut, OutOfStock, reservationItems } from '../catalog/stock.js';
import { ORDER_SERIES } from '../invoices/numbering.js';
import { dynamo } from '../shared/clients/dynamo.js';
import { loadItem } from '../shared/items.js';
import { sfn } from '../shared/clients/sfn.js';
import { config } from '../shared/config.js';
import { AppError, conflict } from '../shared/errors.js';
import { nextDocumentNumber } from '../shared/sequence.js';
import { transact, type TransactItem } from '../shared/transactions.js';
import { findOrder, orderItem, orderKeys, orderNumberItem, poNumberItem, type Order } from './repository.js';

/**
 * Order placement shared by every way an order comes into being: checkout (cart), group-buy closing
 * and accepted quotes (offers). Each builds its `Order`; this module numbers it, persists it exactly
 * once (together with the caller's own conditional writes) and starts the placement saga.
 */

export type { TransactItem };

/** Quantities are decimal strings of sales units; DynamoDB keeps decimals exact. */
export const stockLines = (order: Order) => order.lines.map((line) => ({ sku: line.sku, quantity: Number(line.quantity) }));

/** Where an order's stock is taken from first: the pick-up warehouse, else the one nearest the delivery country. */
export function preferredWarehouses(order: Order): string[] {
  const delivery = order.delivery as { kind: string; warehouseId?: string; address?: { country?: string } };
  if (delivery.kind === 'pickup' && delivery.warehouseId) return [delivery.warehouseId];
  return delivery.address?.country === 'PL' ? ['krakow', 'stuttgart'] : ['stuttgart', 'krakow'];
}

/** DynamoDB's limit of items per transaction. */
const MAX_TRANSACTION_ITEMS = 100;

/**
 * The order's stock reservation for its own transaction, from the products as this request read them
 * (409 OUT_OF_STOCK when they no longer cover it).
 */
async function stockReservationOf(order: Order) {
  const products = await findProducts(order.lines.map((line) => line.sku));
  try {
    return reservationItems(order.orderId, stockLines(order), preferredWarehouses(order), products);
  } catch (error) {
    if (!(error instanceof OutOfStock)) throw error;
    const available = (sku: string) => Object.values(products.get(sku)?.stock ?? {}).reduce((sum, quantity) => sum + quantity, 0);
    throw new AppError(
      409,
      'OUT_OF_STOCK',
      'Some lines exceed the available stock',
      error.skus.map((sku) => ({ sku, available: String(available(sku)) })),
    );
  }
}

/** `ORD-2026-000123` from the per-year counter. */
export const allocateOrderNumber = (now: Date): Promise<string> => nextDocumentNumber(ORDER_SERIES, now.getUTCFullYear());

/** The idempotency record of a placement request (24 h TTL); written in the order's transaction. */
export function idempotencyPut(companyId: string, key: string, orderId: string, requestHash: string, now: Date): TransactItem {
  return {
    Put: {
      TableName: config.tableName(),
      Item: { ...orderKeys.idempotency(companyId, key), type: 'idempotency', orderId, requestHash, expiresAt: Math.floor(now.getTime() / 1000) + 24 * 3600 },
      ConditionExpression: 'attribute_not_exists(PK)',
    },
  };
}

export async function readIdempotency(companyId: string, key: string): Promise<{ orderId: string; requestHash: string } | undefined> {
  const Item = await loadItem(orderKeys.idempotency(companyId, key));
  return Item ? { orderId: String(Item.orderId), requestHash: String(Item.requestHash) } : undefined;
}

/**
 * Writes the order (only if absent) and `also` in one transaction. Returns false when any condition
 * failed (the caller finds out which: idempotency replay, cart changed, quote already accepted).
 */
const poNumberPuts = (order: Order): TransactItem[] => {
  const item = poNumberItem(order);
  return item ? [{ Put: { TableName: config.tableName(), Item: item } }] : [];
};

export async function persistOrder(order: Order, also: readonly TransactItem[] = []): Promise<boolean> {
  // Orders racing for a shared counter (a budget) collide without any condition failing: transact retries those.
  const outcome = await transact([
    { Put: { TableName: config.tableName(), Item: orderItem(order), ConditionExpression: 'attribute_not_exists(PK)' } },
    { Put: { TableName: config.tableName(), Item: orderNumberItem(order) } },
    ...poNumberPuts(order),
    ...also,
  ]);
  return outcome.ok;
}

/** Writes the order unless it exists already (redelivered events) and returns the stored order. */
export async function persistOrderOnce(order: Order): Promise<Order | undefined> {
  try {
    await dynamo().send(new PutCommand({ TableName: config.tableName(), Item: orderItem(order), ConditionExpression: 'attribute_not_exists(PK)' }));
  } catch (error) {
    if (!(error instanceof ConditionalCheckFailedException)) throw error;
  }
  await dynamo().send(new PutCommand({ TableName: config.tableName(), Item: orderNumberItem(order) }));
  const po = poNumberItem(order);
  if (po) await dynamo().send(new PutCommand({ TableName: config.tableName(), Item: po }));
  return findOrder(order.companyId, order.orderId);
}

/** Starts the saga named after the order, so a repeated start can never run it twice. */
export async function startWorkflow(order: Order): Promise<void> {
  try {
    await sfn().send(
      new StartExecutionCommand({ stateMachineArn: config.stateMachineArn('orderPlacement'), name: order.orderId, input: JSON.stringify({ order }) }),
    );
  } catch (error) {
    if (!(error instanceof ExecutionAlreadyExists)) throw error;
  }
}

/**
 * The answer to a repeated placement request under the same idempotency key: the same order (a
 * different request under that key is refused). A crash between the order's transaction and
 * StartExecution is healed here: the execution is named after the order, so starting again is safe.
 */
export async function replayPlacement(companyId: string, record: { orderId: string; requestHash: string }, requestHash: string) {
  if (record.requestHash !== requestHash) throw conflict('IDEMPOTENCY_KEY_REUSED', 'This idempotency key was used for a different request');
  const order = await findOrder(companyId, record.orderId);
  if (!order) throw conflict('ORDER_IN_PROGRESS', 'The order is still being created; retry shortly');
  if (order.status === 'placing') await startWorkflow(order);
  return { orderId: order.orderId, orderNumber: order.orderNumber, status: order.status };
}

/** What the company's rules decide about the order being placed: its status, approval flow and budget effects. */
export interface GatedOrderFields {
  readonly status: 'awaiting-approval' | 'placing';
  readonly approvalFlow?: ApprovalFlow;
  readonly budgets?: readonly BudgetEffect[];
}

export interface GatedPlacement<Replay> {
  readonly planned: PlannedOrder;
  /** The caller's order, given the fields the rules decided (budget charges need its id). */
  readonly order: (gated: GatedOrderFields) => Promise<Order>;
  /** The caller's own conditional writes for the order's transaction (idempotency key, cart, quote). */
  readonly also: (order: Order) => readonly TransactItem[];
  /** After a refused transaction: the replay of a repeated request, or throws the caller's own reason; undefined = not the caller's. */
  readonly refused: () => Promise<Replay | undefined>;
  /** Thrown when neither the caller nor a budget explains the refusal. */
  readonly otherwise: () => AppError;
  /**
   * Reserve the stock in the order's own transaction when it goes straight to the saga (checkout);
   * otherwise (and for an order too big for one transaction) the saga's ReserveStock does.
   */
  readonly reserveStock?: boolean;
}

/**
 * Places an order under the company's approval rules and budgets — checkout and quote acceptance
 * alike: refused by a 'block' budget (409 BUDGET_EXCEEDED) or when nobody could approve, the budget
 * charges written in the order's own transaction, then the approvers e-mailed (awaiting-approval) or
 * the placement saga started.
 */
export async function placeUnderCompanyRules<Replay>(
  placement: GatedPlacement<Replay>,
): Promise<{ placed: Order; warnings: readonly BudgetEffect[] } | { replayed: Replay }> {
  const { planned } = placement;
  const evaluation = await evaluateOrder(planned);
  assertPlaceable(evaluation);
  const approvalFlow = approvalFlowFor(evaluation);
  const order = await placement.order({
    status: approvalFlow ? 'awaiting-approval' : 'placing',
    ...(approvalFlow ? { approvalFlow } : {}),
    ...(evaluation.budgets.length ? { budgets: evaluation.budgets } : {}),
  });
  const written = [...placement.also(order), ...budgetItemsFor(planned.companyId, order.orderId, evaluation, planned.at)];
  const reservation = placement.reserveStock && !approvalFlow ? await stockReservationOf(order) : undefined;
  const reserved = reservation && written.length + reservation.items.length + 3 <= MAX_TRANSACTION_ITEMS ? reservation : undefined;
  const persisted = await persistOrder(order, [...written, ...(reserved?.items ?? [])]);
  if (!persisted) {
    const replayed = await placement.refused();
    if (replayed !== undefined) return { replayed };
    const exceeded = await budgetNowExceeded(planned);
    if (exceeded) assertPlaceable(exceeded);
    // A competing order took the stock: the products are read again (the write forgot them) and 409 OUT_OF_STOCK says so.
    if (reserved) await stockReservationOf(order);
    throw placement.otherwise();
  }
  if (reserved) await announceSoldOut(reserved.soldOut);
  if (approvalFlow) await notifyApprovers(order);
  else await startWorkflow(order);
  return { placed: order, warnings: evaluation.warnings };
}
