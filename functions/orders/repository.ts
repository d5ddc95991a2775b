import { GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { dynamo } from '../shared/clients/dynamo.js';
import { config } from '../shared/config.js';
import { publishIntegrationEvent } from '../shared/events.js';
import { timeSortableId } from '../shared/ids.js';
import { queryAll, queryPage } from '../shared/query.js';
import { transactRetrying, type TransactItem } from '../shared/transactions.js';
import type { ApprovalFlow } from '../approvals/rules.js';
import type { Order, OrderStatus } from './model.js';

export type { Order, OrderLine, OrderStatus, Shipment, ShipmentStatus } from './model.js';

export const orderKeys = {
  order: (companyId: string, orderId: string) => ({ PK: `COMPANY#${companyId}`, SK: `ORDER#${orderId}` }),
  idempotency: (companyId: string, key: string) => ({ PK: `IDEMPOTENCY#${companyId}#${key}`, SK: 'IDEMPOTENCY' }),
  invoice: (companyId: string, invoiceNumber: string) => ({ PK: `COMPANY#${companyId}`, SK: `INVOICE#${invoiceNumber}` }),
  /** GSI1: orders by status across companies (back-office queues). */
  statusIndex: (status: OrderStatus, createdAt: string, orderId: string) => ({ GSI1PK: `ORDERS#${status}`, GSI1SK: `${createdAt}#${orderId}` }),
  /** GSI2: a company's orders waiting for approval (functions/approvals lists them); only while the order waits. */
  pendingApproval: (companyId: string, createdAt: string, orderId: string) => ({ GSI2PK: `APPROVALS#${companyId}`, GSI2SK: `${createdAt}#${orderId}` }),
};

const table = () => config.tableName();

/** Order ids sort by time inside a company's partition: newest first with ScanIndexForward=false. */
export const newOrderId = timeSortableId;

export function orderItem(order: Order): Record<string, unknown> {
  // GSI2 lists a company's orders waiting for approval (functions/approvals); removed when decided.
  const pending = order.status === 'awaiting-approval' ? orderKeys.pendingApproval(order.companyId, order.createdAt, order.orderId) : {};
  return {
    ...orderKeys.order(order.companyId, order.orderId),
    ...orderKeys.statusIndex(order.status, order.createdAt, order.orderId),
    ...pending,
    type: 'order',
    ...order,
  };
}

/** Order number → company and order id, written with the order (guest RMA lookup, functions/rma; access pattern R6). */
export function orderNumberItem(order: Pick<Order, 'orderNumber' | 'companyId' | 'orderId'>): Record<string, unknown> {
  return { PK: `ORDER-NUMBER#${order.orderNumber}`, SK: 'ORDER-NUMBER', type: 'order-number', companyId: order.companyId, orderId: order.orderId };
}

/** PO numbers as looked up: trimmed, inner whitespace collapsed, upper case (`po 4711` finds `PO 4711`). */
export const poNumberKey = (poNumber: string): string => poNumber.trim().replace(/\s+/g, ' ').toUpperCase();

/**
 * PO number → the orders carrying it (several companies may use the same number), written with the order
 * (staff order search by PO number, access pattern O11). None for orders without a PO number.
 */
export function poNumberItem(order: Pick<Order, 'poNumber' | 'companyId' | 'orderId'>): Record<string, unknown> | undefined {
  if (!order.poNumber?.trim()) return undefined;
  return {
    PK: `PO-NUMBER#${poNumberKey(order.poNumber)}`,
    SK: `ORDER#${order.companyId}#${order.orderId}`,
    type: 'po-number',
    companyId: order.companyId,
    orderId: order.orderId,
  };
}

const toOrder = (item: Record<string, unknown>): Order => {
  const { PK: _pk, SK: _sk, GSI1PK: _g, GSI1SK: _gs, GSI2PK: _g2, GSI2SK: _g2s, type: _type, ...order } = item;
  return order as unknown as Order;
};

export async function findOrder(companyId: string, orderId: string): Promise<Order | undefined> {
  const { Item } = await dynamo().send(new GetCommand({ TableName: table(), Key: orderKeys.order(companyId, orderId), ConsistentRead: true }));
  return Item ? toOrder(Item) : undefined;
}

/** Moves an order from one of `from` to `to` (and sets `extra`); false when it was not in `from`. */
export async function transition(
  companyId: string,
  orderId: string,
  from: readonly OrderStatus[],
  to: OrderStatus,
  extra: Record<string, unknown> = {},
): Promise<boolean> {
  const names: Record<string, string> = { '#status': 'status' };
  const values: Record<string, unknown> = { ':to': to, ':gsi': `ORDERS#${to}`, ':at': new Date().toISOString() };
  from.forEach((status, index) => (values[`:from${index}`] = status));
  let update = 'SET #status = :to, GSI1PK = :gsi, updatedAt = :at';
  for (const [key, value] of Object.entries(extra)) {
    names[`#${key}`] = key;
    values[`:${key}`] = value;
    update += `, #${key} = :${key}`;
  }
  try {
    await dynamo().send(
      new UpdateCommand({
        TableName: table(),
        Key: orderKeys.order(companyId, orderId),
        UpdateExpression: update,
        ConditionExpression: `#status IN (${from.map((_, index) => `:from${index}`).join(', ')})`,
        ExpressionAttributeNames: names,
        ExpressionAttributeValues: values,
      }),
    );
    await publishIntegrationEvent('order.status-changed', { companyId, orderId, status: to });
    return true;
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) return false;
    throw error;
  }
}

export async function listOrders(companyId: string, limit: number, cursor?: string) {
  const partition = { attribute: 'PK', value: `COMPANY#${companyId}` };
  const { items, nextCursor } = await queryPage(
    {
      TableName: table(),
      KeyConditionExpression: 'PK = :pk AND begins_with(SK, :prefix)',
      ExpressionAttributeValues: { ':pk': partition.value, ':prefix': 'ORDER#' },
      ScanIndexForward: false,
      Limit: limit,
    },
    partition,
    cursor,
  );
  return { orders: items.map(toOrder), nextCursor };
}

/** Orders of a company that wait for approval, oldest first (GSI2; the order item carries the keys while waiting). */
export async function listPendingApprovalOrders(companyId: string): Promise<Order[]> {
  const items = await queryAll(
    {
      TableName: table(),
      IndexName: 'GSI2',
      KeyConditionExpression: 'GSI2PK = :pk',
      ExpressionAttributeValues: { ':pk': orderKeys.pendingApproval(companyId, '', '').GSI2PK },
    },
    { maxItems: 500 },
  );
  return items.map(toOrder).filter((order) => order.status === 'awaiting-approval');
}

/**
 * Records one approval decision on the order, only if it still waits on `fromLevel` (two approvers
 * of the same level deciding at once: exactly one write succeeds). A final approval moves the order
 * to 'placing', a rejection to 'rejected'; leaving 'awaiting-approval' also removes the order from
 * the pending index. `also` are the approvals context's own items (budget releases), written in the
 * same transaction.
 */
export async function recordApprovalDecision(
  order: Pick<Order, 'companyId' | 'orderId'>,
  fromLevel: number,
  flow: ApprovalFlow,
  status: 'awaiting-approval' | 'placing' | 'rejected',
  extra: Record<string, unknown>,
  also: readonly TransactItem[],
): Promise<boolean> {
  const names: Record<string, string> = { '#status': 'status', '#flow': 'approvalFlow' };
  const values: Record<string, unknown> = { ':waiting': 'awaiting-approval', ':flow': flow, ':at': new Date().toISOString(), ':level': fromLevel };
  names['#updatedAt'] = 'updatedAt';
  let update = 'SET #flow = :flow, #updatedAt = :at';
  if (status !== 'awaiting-approval') {
    update += ', #status = :to, GSI1PK = :gsi';
    values[':to'] = status;
    values[':gsi'] = orderKeys.statusIndex(status, '', '').GSI1PK;
  }
  for (const [key, value] of Object.entries(extra)) {
    names[`#${key}`] = key;
    values[`:${key}`] = value;
    update += `, #${key} = :${key}`;
  }
  if (status !== 'awaiting-approval') update += ' REMOVE GSI2PK, GSI2SK';
  const condition =
    fromLevel === 1
      ? '#status = :waiting AND (attribute_not_exists(#flow) OR #flow.currentLevel = :level)'
      : '#status = :waiting AND #flow.currentLevel = :level';
  const result = await transactRetrying([
    {
      Update: {
        TableName: table(),
        Key: orderKeys.order(order.companyId, order.orderId),
        UpdateExpression: update,
        ConditionExpression: condition,
        ExpressionAttributeNames: names,
        ExpressionAttributeValues: values,
      },
    },
    ...also,
  ]);
  return result === 'done';
}
