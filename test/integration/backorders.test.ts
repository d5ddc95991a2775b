import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { catalogKeys } from '../../functions/catalog/repository.js';
import { erpEventsSince } from '../support/accounts.js';
import { api, awsConfig, signIn, stack, users } from '../support/api.js';
import { fillCart, placeOrder, settledOrder, stockedSku } from '../support/orders.js';

/** Issue 17 item 3: a product that allows back-orders is ordered beyond its stock through checkout. */
const company = 'mueller-bau';
const expectedAt = new Date(Date.now() + 21 * 86_400_000).toISOString().slice(0, 10);

describe('back-orders', () => {
  it('the cart shows what ships now and later, the order records it and the ERP message carries it', async () => {
    const buyer = await signIn(users.muellerBuyer);
    const sku = await stockedSku(buyer, 'electrical', 3, [], 'stuttgart');
    const table = DynamoDBDocumentClient.from(new DynamoDBClient(awsConfig(stack().dynamodbEndpoint)));
    const TableName = stack().env.TABLE_NAME;
    const { Item } = await table.send(new GetCommand({ TableName, Key: catalogKeys.product(sku), ConsistentRead: true }));
    const original = Item!.stock as Record<string, number>;
    try {
      await table.send(
        new UpdateCommand({
          TableName,
          Key: catalogKeys.product(sku),
          UpdateExpression: 'SET stock = :stock, backorder = :backorder',
          ExpressionAttributeValues: {
            ':stock': Object.fromEntries(Object.keys(original).map((id) => [id, id === 'stuttgart' ? 2 : 0])),
            ':backorder': { allowed: true, expectedAt },
          },
        }),
      );
      await fillCart(buyer, [{ sku, quantity: 5 }]);
      const cart = await api('/cart', { token: buyer });
      expect(cart.status).toBe(200);
      expect(cart.body.stockShortages).toEqual([]);
      expect(cart.body.lines[0]).toMatchObject({ sku, quantity: '5', backorder: { now: '2', later: '3', expectedAt } });

      const since = Date.now();
      const placed = await placeOrder(buyer, { delivery: { kind: 'pickup', warehouseId: 'stuttgart' }, paymentMethod: 'on-account' });
      expect(placed.status, JSON.stringify(placed.body)).toBe(202);
      const order = await settledOrder(buyer, company, placed.body.orderId);
      expect(order.status).toBe('confirmed');
      expect(order.lines[0]).toMatchObject({ sku, quantity: '5', backordered: '3', expectedAt });

      const messages = (await erpEventsSince(since)).filter(
        (message) => (message as unknown as { order?: { orderId?: string } }).order?.orderId === placed.body.orderId,
      ) as unknown as { order: { lines: { sku: string; quantity: string; backordered?: string; expectedAt?: string }[] } }[];
      expect(messages).toHaveLength(1);
      expect(messages[0]!.order.lines[0]).toMatchObject({ sku, quantity: '5', backordered: '3', expectedAt });

      // Only what was there was taken from stock.
      const after = await table.send(new GetCommand({ TableName, Key: catalogKeys.product(sku), ConsistentRead: true }));
      expect(after.Item!.stock.stuttgart).toBe(0);

      // Without the flag the same quantity is refused as before.
      await table.send(
        new UpdateCommand({
          TableName,
          Key: catalogKeys.product(sku),
          UpdateExpression: 'REMOVE backorder SET stock.stuttgart = :two',
          ExpressionAttributeValues: { ':two': 2 },
        }),
      );
      await fillCart(buyer, [{ sku, quantity: 5 }]);
      const refused = await placeOrder(buyer, { delivery: { kind: 'pickup', warehouseId: 'stuttgart' }, paymentMethod: 'on-account' });
      expect(refused.status).toBe(409);
      expect(refused.body.error.code).toBe('OUT_OF_STOCK');
    } finally {
      await table.send(
        new UpdateCommand({
          TableName,
          Key: catalogKeys.product(sku),
          UpdateExpression: 'SET stock = :stock REMOVE backorder',
          ExpressionAttributeValues: { ':stock': original },
        }),
      );
      await api('/cart', { token: buyer, method: 'DELETE' });
    }
  });
});
