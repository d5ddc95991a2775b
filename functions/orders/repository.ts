import { GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { dynamo } from '../shared/clients.js';
import { config } from '../shared/config.js';
import { publishIntegrationEvent } from '../shared/events.js';
import { timeSortableId } from '../shared/ids.js';
import { queryPage } from '../shared/query.js';
import type { Money } from '../shared/money.js';
import type { ApprovalFlow, BudgetEffect } from '../approvals/rules.js';
import type { OrderAdjustment } from './admin-rules.js';

/**
 * `preliminary`: saved by a sales rep on behalf of a customer and still editable (lines, delivery
 * address) until it is released into the placement saga or cancelled.
 */
export type OrderStatus = 'preliminary' | 'awaiting-approval' | 'rejected' | 'cancelled' | 'placing' | 'placed' | 'confirmed' | 'failed';

export interface OrderLine {
  readonly sku: string;
  readonly name: string;
  readonly unit: string;
  /** Decimal string of sales units ("2", "0.25"). */
  readonly quantity: string;
  readonly unitNet: Money;
  readonly lineNet: Money;
  readonly vatRate: number;
}

export type ShipmentStatus = 'prepared' | 'shipped' | 'delivered';

/** A partial delivery of an order: which quantities of which lines left the warehouse, with whom. */
export interface Shipment {
  readonly shipmentId: string;
  /** `<orderNumber>-<n>`, shown to the buyer and printed on the delivery note. */
  readonly shipmentNumber: string;
  /** Quantities as decimal strings of sales units, like order lines. */
  readonly lines: readonly { readonly sku: string; readonly quantity: string }[];
  readonly carrier: string;
  readonly trackingNumber?: string;
  readonly trackingUrl?: string;
  readonly status: ShipmentStatus;
  readonly createdAt: string;
  readonly shippedAt?: string;
  readonly deliveredAt?: string;
  /** S3 key (documents bucket) of the delivery-note PDF. */
  readonly deliveryNoteKey?: string;
}

export interface Order {
  readonly orderId: string;
  readonly orderNumber: string;
  readonly companyId: string;
  readonly placedBy: { sub: string; email: string; name: string; role: string };
  readonly status: OrderStatus;
  readonly createdAt: string;
  readonly lines: readonly OrderLine[];
  readonly net: Money;
  readonly vat: Money;
  readonly gross: Money;
  readonly vatBreakdown: readonly { rate: number; net: Money; vat: Money }[];
  readonly reverseCharge: { applies: boolean; explanation?: string };
  /** The VIES answer the reverse charge rests on (issue 13 item 5), copied from the company's evidence. */
  readonly vatEvidence?: import('../pricing/model.js').VatIdEvidence;
  readonly orderDiscounts: readonly { discountId: string; name: string; amount: Money }[];
  readonly agreementId: string | null;
  readonly paymentMethod: string;
  readonly delivery: Record<string, unknown> & { kind: string };
  readonly deliveryFee: Money;
  readonly poNumber?: string;
  readonly costCentre?: string;
  readonly invoiceNumber?: string;
  readonly erpOrderId?: string;
  readonly failureReason?: string;
  readonly approval?: { decidedBy: string; decidedAt: string; comment?: string };
  /** Approval levels, the level waiting and every decision so far (functions/approvals). */
  readonly approvalFlow?: ApprovalFlow;
  /** What the order took from each budget when it was placed (warnings: `exceeded` on a 'warn' budget). */
  readonly budgets?: readonly BudgetEffect[];
  /** Partial deliveries, oldest first (back-office order administration). */
  readonly shipments?: readonly Shipment[];
  /** Goodwill adjustments granted by staff (internal: reasons never reach customer routes). */
  readonly adjustments?: readonly OrderAdjustment[];
  /** Optimistic-concurrency version of staff edits (absent = 0); bumped by every admin write. */
  readonly version?: number;
  readonly updatedAt?: string;
  /**
   * Entered by staff for the customer (a sales rep or back office, functions/orders/on-behalf.ts):
   * `placedBy` is then that staff member; `note` is their note on the order.
   */
  readonly onBehalfOf?: {
    readonly companyId: string;
    readonly companyName: string;
    readonly enteredBy: { readonly sub: string; readonly email: string; readonly name: string; readonly role: string };
    readonly enteredAt: string;
    readonly note?: string;
  };
}

export const orderKeys = {
  order: (companyId: string, orderId: string) => ({ PK: `COMPANY#${companyId}`, SK: `ORDER#${orderId}` }),
  idempotency: (companyId: string, key: string) => ({ PK: `IDEMPOTENCY#${companyId}#${key}`, SK: 'IDEMPOTENCY' }),
  invoice: (companyId: string, invoiceNumber: string) => ({ PK: `COMPANY#${companyId}`, SK: `INVOICE#${invoiceNumber}` }),
  /** GSI1: orders by status across companies (back-office queues). */
  statusIndex: (status: OrderStatus, createdAt: string, orderId: string) => ({ GSI1PK: `ORDERS#${status}`, GSI1SK: `${createdAt}#${orderId}` }),
};

const table = () => config.tableName();

/** Order ids sort by time inside a company's partition: newest first with ScanIndexForward=false. */
export const newOrderId = timeSortableId;

export function orderItem(order: Order): Record<string, unknown> {
  // GSI2 lists a company's orders waiting for approval (functions/approvals); removed when decided.
  const pending = order.status === 'awaiting-approval' ? { GSI2PK: `APPROVALS#${order.companyId}`, GSI2SK: `${order.createdAt}#${order.orderId}` } : {};
  return { ...orderKeys.order(order.companyId, order.orderId), ...orderKeys.statusIndex(order.status, order.createdAt, order.orderId), ...pending, type: 'order', ...order };
}

/** Order number → company and order id, written with the order (guest RMA lookup, functions/rma; access pattern R6). */
export function orderNumberItem(order: Pick<Order, 'orderNumber' | 'companyId' | 'orderId'>): Record<string, unknown> {
  return { PK: `ORDER-NUMBER#${order.orderNumber}`, SK: 'ORDER-NUMBER', type: 'order-number', companyId: order.companyId, orderId: order.orderId };
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
export async function transition(companyId: string, orderId: string, from: readonly OrderStatus[], to: OrderStatus, extra: Record<string, unknown> = {}): Promise<boolean> {
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
