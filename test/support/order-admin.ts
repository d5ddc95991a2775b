import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { expect } from 'vitest';
import { newOrderId, orderItem, orderKeys, type Order } from '../../functions/orders/repository.js';
import { api, awsConfig, stack } from './api.js';
import { fillCart, placeOrder, settledOrder } from './orders.js';

/** Order administration helpers: a confirmed order through checkout, a preliminary order written directly. */

export async function confirmedOrder(
  token: string,
  companyId: string,
  lines: { sku: string; quantity: string }[],
  body: Record<string, unknown> = { delivery: { kind: 'pickup', warehouseId: 'stuttgart' }, paymentMethod: 'on-account' },
) {
  await fillCart(token, lines);
  const placed = await placeOrder(token, body);
  expect(placed.status, JSON.stringify(placed.body)).toBe(202);
  const order = await settledOrder(token, companyId, placed.body.orderId);
  expect(order.status).toBe('confirmed');
  return order;
}

const documents = () =>
  DynamoDBDocumentClient.from(new DynamoDBClient(awsConfig(stack().dynamodbEndpoint)), { marshallOptions: { removeUndefinedValues: true } });

/**
 * A preliminary order (saved by a rep for the customer) priced by the pricing API as the buyer sees
 * it, written straight into the table like the rep's creation route would.
 */
export async function preliminaryOrder(
  buyerToken: string,
  buyer: { sub?: string; email: string; name: string },
  companyId: string,
  lines: { sku: string; quantity: string }[],
): Promise<Order> {
  const priced = await api('/pricing/quote', { token: buyerToken, method: 'POST', body: { lines } });
  expect(priced.status, JSON.stringify(priced.body)).toBe(200);
  const now = new Date();
  const orderId = newOrderId(now);
  const order: Order = {
    orderId,
    orderNumber: `ORD-${now.getUTCFullYear()}-${String(900_000 + Math.floor(Math.random() * 99_999)).padStart(6, '0')}`,
    companyId,
    placedBy: { sub: buyer.sub ?? 'rep-on-behalf', email: buyer.email, name: buyer.name, role: 'buyer' },
    status: 'preliminary',
    createdAt: now.toISOString(),
    lines: priced.body.lines.map((line: any) => ({
      sku: line.sku,
      name: line.sku,
      unit: 'pcs',
      quantity: line.quantity,
      unitNet: line.unitNet,
      lineNet: line.lineNet,
      vatRate: line.vatRate,
    })),
    net: priced.body.net,
    vat: priced.body.vat,
    gross: priced.body.gross,
    vatBreakdown: priced.body.vatBreakdown,
    reverseCharge: priced.body.reverseCharge,
    orderDiscounts: priced.body.orderDiscounts,
    agreementId: priced.body.agreementId,
    paymentMethod: 'on-account',
    delivery: { kind: 'own-transport' },
    deliveryFee: { amount: 0, currency: priced.body.currency },
  };
  await documents().send(new PutCommand({ TableName: stack().env.TABLE_NAME, Item: orderItem(order), ConditionExpression: 'attribute_not_exists(PK)' }));
  return order;
}

/** The raw stored item (to check what staff writes left behind). */
export async function storedItem(key: { PK: string; SK: string }) {
  return (await documents().send(new GetCommand({ TableName: stack().env.TABLE_NAME, Key: key, ConsistentRead: true }))).Item;
}

/**
 * Turns a confirmed order back into the state between placement and the ERP's invoice (`placed`, no
 * invoice number; stock and credit reservations kept) — staff may still add items to such an order.
 */
export async function notYetInvoiced(companyId: string, orderId: string): Promise<void> {
  const item = await storedItem(orderKeys.order(companyId, orderId));
  if (!item) throw new Error(`No order ${orderId}`);
  const { PK: _pk, SK: _sk, GSI1PK: _g1, GSI1SK: _g1s, GSI2PK: _g2, GSI2SK: _g2s, type: _type, invoiceNumber: _invoice, ...order } = item;
  await documents().send(new PutCommand({ TableName: stack().env.TABLE_NAME, Item: orderItem({ ...(order as unknown as Order), status: 'placed' }) }));
}
