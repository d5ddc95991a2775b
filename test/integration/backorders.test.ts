import { describe, expect, it } from 'vitest';
import { erpEventsSince } from '../support/accounts.js';
import { api, signIn, users } from '../support/api.js';
import { backorderableProduct, productItem, updateProduct } from '../support/backorders.js';
import { fillCart, placeOrder, settledOrder } from '../support/orders.js';

/** Issue 17 item 3: a product that allows back-orders is ordered beyond its stock through checkout. */
const company = 'mueller-bau';
const expectedAt = new Date(Date.now() + 21 * 86_400_000).toISOString().slice(0, 10);

describe('back-orders', () => {
  it('the cart shows what ships now and later, the order records it and the ERP message carries it', async () => {
    const buyer = await signIn(users.muellerBuyer);
    const { sku, restore } = await backorderableProduct(buyer, { warehouseId: 'stuttgart', inStock: 2, expectedAt });
    try {
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
      expect((await productItem(sku)).stock.stuttgart).toBe(0);

      // Without the flag the same quantity is refused as before.
      await updateProduct(sku, 'REMOVE backorder SET stock.stuttgart = :two', { ':two': 2 });
      await fillCart(buyer, [{ sku, quantity: 5 }]);
      const refused = await placeOrder(buyer, { delivery: { kind: 'pickup', warehouseId: 'stuttgart' }, paymentMethod: 'on-account' });
      expect(refused.status).toBe(409);
      expect(refused.body.error.code).toBe('OUT_OF_STOCK');
    } finally {
      await restore();
      await api('/cart', { token: buyer, method: 'DELETE' });
    }
  });

  it("checkout takes the stock in the order's own transaction: the last units are gone at the 202, a second buyer is refused at once", async () => {
    const [first, second] = await Promise.all([signIn(users.muellerBuyer), signIn(users.muellerAdmin)]);
    const { sku, restore } = await backorderableProduct(first, { warehouseId: 'stuttgart', inStock: 2, expectedAt });
    await updateProduct(sku, 'REMOVE backorder SET stock.stuttgart = :two', { ':two': 2 });
    const pickup = { delivery: { kind: 'pickup', warehouseId: 'stuttgart' }, paymentMethod: 'on-account' };
    try {
      await fillCart(first, [{ sku, quantity: 2 }]);
      await fillCart(second, [{ sku, quantity: 2 }]);
      const placed = await placeOrder(first, pickup);
      expect(placed.status, JSON.stringify(placed.body)).toBe(202);
      // No saga step has to run for this: the placement's transaction took the stock and recorded the reservation.
      const item = await productItem(sku);
      expect(item.stock.stuttgart).toBe(0);
      const refused = await placeOrder(second, pickup);
      expect(refused.status).toBe(409);
      expect(refused.body.error).toMatchObject({ code: 'OUT_OF_STOCK', details: [{ sku, available: '0' }] });
      // The saga finds the reservation and confirms the order without taking the stock twice.
      expect((await settledOrder(first, company, placed.body.orderId)).status).toBe('confirmed');
      expect((await productItem(sku)).stock.stuttgart).toBe(0);
    } finally {
      await restore();
      await Promise.all([api('/cart', { token: first, method: 'DELETE' }), api('/cart', { token: second, method: 'DELETE' })]);
    }
  });
});
