import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { GetQueueAttributesCommand, GetQueueUrlCommand, SQSClient } from '@aws-sdk/client-sqs';
import { api, awsConfig, signIn, stack, users } from '../support/api.js';
import { fillCart, placeOrder, settledOrder, totalOf } from '../support/orders.js';

const ownTransport = { kind: 'own-transport' };
const pickup = { kind: 'pickup', warehouseId: 'stuttgart' };

async function stockOf(sku: string, token: string): Promise<number> {
  return (await api(`/catalog/products/${sku}`, { token })).body.availability.quantity;
}

describe('checkout and the order saga', () => {
  it('lists every payment method, greying out the ones a new retail customer may not use', async () => {
    const token = await signIn(users.nowakBuyer);
    await fillCart(token, [{ sku: 'HAN-0211', quantity: 2 }]);
    const { status, body } = await api('/checkout/preview', { token, method: 'POST', body: { delivery: { kind: 'pickup', warehouseId: 'krakow' } } });
    expect(status).toBe(200);
    const byMethod = Object.fromEntries(body.paymentOptions.map((option: { method: string }) => [option.method, option]));
    expect(Object.keys(byMethod).sort()).toEqual(['bank-prepayment', 'card', 'cash-on-delivery', 'on-account', 'prepaid-balance']);
    expect(byMethod['on-account']).toMatchObject({ allowed: false, reasonCode: 'NOT_REGULAR_CUSTOMER' });
    expect(byMethod['on-account'].reason).toMatch(/regular customers/i);
    expect(byMethod['cash-on-delivery']).toMatchObject({ allowed: false, reasonCode: 'NOT_WITH_DELIVERY' });
    expect(byMethod['prepaid-balance'].allowed).toBe(true);
    expect(body.deliveryOptions.map((option: { kind: string }) => option.kind)).toEqual(
      expect.arrayContaining(['pickup', 'own-transport', 'carrier', 'dropshipping']),
    );
  });

  it('places an order on account: stock and credit reserved, ERP invoice as PDF, cart emptied', async () => {
    const token = await signIn(users.muellerBuyer);
    const stockBefore = await stockOf('POW-0311', token);
    const creditBefore = (await api('/companies/mueller-bau/credit', { token })).body.credit;
    await fillCart(token, [
      { sku: 'POW-0311', quantity: 2 },
      { sku: 'FAS-0111', quantity: 10 },
    ]);
    const placed = await placeOrder(token, { delivery: ownTransport, paymentMethod: 'on-account', poNumber: 'PO-4711' });
    expect(placed.status).toBe(202);
    expect(placed.body.orderNumber).toMatch(/^ORD-\d{4}-\d{6}$/);
    const order = await settledOrder(token, 'mueller-bau', placed.body.orderId);
    expect(order.status).toBe('confirmed');
    expect(order.invoiceNumber).toBe(order.orderNumber.replace('ORD', 'INV'));
    expect(await stockOf('POW-0311', token)).toBe(stockBefore - 2);
    const creditAfter = (await api('/companies/mueller-bau/credit', { token })).body.credit;
    expect(creditAfter.used.amount).toBe(creditBefore.used.amount + totalOf(order));
    expect(creditAfter.available.amount).toBe(creditBefore.available.amount - totalOf(order));

    const invoice = await api(`/companies/mueller-bau/orders/${order.orderId}/invoice`, { token });
    expect(invoice.status).toBe(200);
    const pdf = Buffer.from(await (await fetch(invoice.body.url)).arrayBuffer());
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    expect((await api('/cart', { token })).body.lines).toEqual([]);

    const other = await signIn(users.nowakAdmin);
    expect((await api(`/companies/mueller-bau/orders/${order.orderId}`, { token: other })).status).toBe(403);
    expect((await api(`/companies/mueller-bau/orders/${order.orderId}/invoice`, { token: other })).status).toBe(403);
  });

  it('creates one order for the same idempotency key, and refuses the key for another order', async () => {
    const token = await signIn(users.muellerBuyer);
    await fillCart(token, [{ sku: 'HAN-0212', quantity: 1 }]);
    const key = randomUUID();
    const body = { delivery: pickup, paymentMethod: 'bank-prepayment' };
    const first = await placeOrder(token, body, key);
    const second = await placeOrder(token, body, key);
    expect(second.status).toBe(202);
    expect(second.body.orderId).toBe(first.body.orderId);
    const other = await placeOrder(token, { ...body, poNumber: 'X' }, key);
    expect(other.status).toBe(409);
    expect(other.body.error.code).toBe('IDEMPOTENCY_KEY_REUSED');
    expect((await settledOrder(token, 'mueller-bau', first.body.orderId)).status).toBe('confirmed');
  });

  it('pays from the prepaid balance and books it in the ledger', async () => {
    const token = await signIn(users.nowakBuyer);
    const before = (await api('/companies/nowak-instalacje/credit', { token })).body.prepaid.balance.amount;
    await fillCart(token, [{ sku: 'SAF-0611', quantity: 3 }]);
    const placed = await placeOrder(token, { delivery: { kind: 'pickup', warehouseId: 'krakow' }, paymentMethod: 'prepaid-balance' });
    const order = await settledOrder(token, 'nowak-instalacje', placed.body.orderId);
    expect(order.status).toBe('confirmed');
    const after = (await api('/companies/nowak-instalacje/credit', { token })).body.prepaid;
    expect(after.balance.amount).toBe(before - totalOf(order));
    expect(after.ledger[0]).toMatchObject({ kind: 'charge', reference: order.orderId, amount: { amount: totalOf(order) } });
  });

  it('compensates when the ERP cannot book the order: stock and credit released, message in the DLQ', async () => {
    const token = await signIn(users.muellerBuyer);
    const stockBefore = await stockOf('POW-0312', token);
    const creditBefore = (await api('/companies/mueller-bau/credit', { token })).body.credit;
    await fillCart(token, [{ sku: 'POW-0312', quantity: 1 }]);
    const placed = await placeOrder(token, { delivery: pickup, paymentMethod: 'on-account', poNumber: 'FAIL-ERP-001' });
    expect(placed.status).toBe(202);
    const order = await settledOrder(token, 'mueller-bau', placed.body.orderId, 40_000);
    expect(order.status).toBe('failed');
    expect(order.failureReason).toMatch(/Timeout/);
    expect(await stockOf('POW-0312', token)).toBe(stockBefore);
    expect((await api('/companies/mueller-bau/credit', { token })).body.credit).toEqual(creditBefore);

    const sqs = new SQSClient(awsConfig(stack().sqsEndpoint));
    const { QueueUrl } = await sqs.send(new GetQueueUrlCommand({ QueueName: 'b2b-erp-outbound-dlq' }));
    const { Attributes } = await sqs.send(new GetQueueAttributesCommand({ QueueUrl, AttributeNames: ['ApproximateNumberOfMessages'] }));
    expect(Number(Attributes?.ApproximateNumberOfMessages)).toBeGreaterThanOrEqual(1);
  }, 60_000);

  it('sends orders above the buyer’s limit to the company admin first', async () => {
    const admin = await signIn(users.muellerAdmin);
    const buyerSub = (await api('/me', { token: await signIn(users.muellerBuyer) })).body.user.sub;
    await api(`/companies/mueller-bau/users/${buyerSub}`, { token: admin, method: 'PATCH', body: { orderLimit: { amount: 1_000, currency: 'EUR' } } });
    try {
      const token = await signIn(users.muellerBuyer);
      await fillCart(token, [{ sku: 'HAN-0213', quantity: 3 }]);
      const placed = await placeOrder(token, { delivery: pickup, paymentMethod: 'on-account' });
      expect(placed.body.status).toBe('awaiting-approval');
      expect((await api(`/companies/mueller-bau/orders/${placed.body.orderId}/approval`, { token, method: 'POST', body: { approve: true } })).status).toBe(403);
      const decided = await api(`/companies/mueller-bau/orders/${placed.body.orderId}/approval`, {
        token: admin,
        method: 'POST',
        body: { approve: true, comment: 'ok' },
      });
      expect(decided.body.status).toBe('placing');
      expect((await settledOrder(admin, 'mueller-bau', placed.body.orderId)).status).toBe('confirmed');
    } finally {
      await api(`/companies/mueller-bau/users/${buyerSub}`, { token: admin, method: 'PATCH', body: { orderLimit: null } });
    }
  });
});
