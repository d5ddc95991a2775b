import { randomUUID } from 'node:crypto';
import { request as httpRequest } from 'node:http';
import { describe, expect, it } from 'vitest';
import { api, signIn, stack, users } from '../support/api.js';
import { newCompanyWithBuyers } from '../support/accounts.js';
import { fillCart, placeOrder, settledOrder, stockedSku, totalOf } from '../support/orders.js';

/** Issue 12 finding 6: parallel checkouts, impossible dates and broken URLs answer 4xx, never 500. */

const pickup = { kind: 'pickup', warehouseId: 'stuttgart' };

describe('parallel checkouts of one buyer', () => {
  it('five place-order calls at once with different idempotency keys: one order, the rest 409 CART_CHANGED, balance and stock charged once', async () => {
    const { companyId, admin, backOffice } = await newCompanyWithBuyers(1);
    const sku = await stockedSku(admin, 'electrical', 10);
    const topUp = await api(`/console/companies/${companyId}/prepaid-top-ups`, {
      token: backOffice,
      method: 'POST',
      body: { amount: { amount: 10_000_000, currency: 'EUR' }, reference: `BANK-${randomUUID()}` },
    });
    expect(topUp.status, JSON.stringify(topUp.body)).toBe(200);
    await fillCart(admin, [{ sku, quantity: 2 }]);
    const stockBefore = (await api(`/catalog/products/${sku}`, { token: admin })).body.availability.quantity as number;

    const responses = await Promise.all(
      Array.from({ length: 5 }, () => placeOrder(admin, { delivery: pickup, paymentMethod: 'prepaid-balance' }, randomUUID())),
    );
    const statuses = responses.map((response) => response.status);
    expect(statuses, JSON.stringify(responses.map((response) => response.body))).not.toContain(500);
    const placed = responses.filter((response) => response.status === 202);
    expect(placed).toHaveLength(1);
    const refused = responses.filter((response) => response.status !== 202);
    expect(refused).toHaveLength(4);
    for (const response of refused) {
      expect(response.status).toBe(409);
      expect(response.body.error.code).toBe('CART_CHANGED');
    }

    const order = await settledOrder(admin, companyId, placed[0]!.body.orderId, 60_000);
    expect(order.status).toBe('confirmed');
    const orders = (await api(`/companies/${companyId}/orders`, { token: admin })).body.orders;
    expect(orders).toHaveLength(1);
    const credit = (await api(`/companies/${companyId}/credit`, { token: admin })).body;
    expect(credit.prepaid.balance.amount).toBe(10_000_000 - totalOf(order));
    expect(credit.prepaid.ledger.filter((entry: { kind: string }) => entry.kind === 'charge')).toHaveLength(1);
    expect((await api(`/catalog/products/${sku}`, { token: admin })).body.availability.quantity).toBe(stockBefore - 2);
    // The emptied cart: another attempt says what happened to it, and the same key still answers the placed order.
    const again = await placeOrder(admin, { delivery: pickup, paymentMethod: 'prepaid-balance' }, randomUUID());
    expect(again.status).toBe(409);
    expect(again.body.error).toMatchObject({ code: 'CART_CHANGED', details: { orderId: order.orderId, orderNumber: order.orderNumber } });
  }, 120_000);
});

describe('dates from input are real calendar dates in a sane range', () => {
  it('a payment dated 2026-13-45, 2026-02-30, 1999-12-31 or in the future is 400 VALIDATION_FAILED and books nothing', async () => {
    const { companyId, admin, backOffice } = await newCompanyWithBuyers(1);
    await fillCart(admin, [{ sku: await stockedSku(admin, 'safety', 2), quantity: 1 }]);
    const placed = await placeOrder(admin, { delivery: pickup, paymentMethod: 'bank-prepayment' });
    expect(placed.status, JSON.stringify(placed.body)).toBe(202);
    const order = await settledOrder(admin, companyId, placed.body.orderId, 60_000);
    expect(order.invoiceNumber).toBeTruthy();
    const invoicePath = `/companies/${companyId}/invoices/${order.invoiceNumber}`;
    const before = (await api(invoicePath, { token: admin })).body;
    expect(before.open.amount).toBeGreaterThan(0);

    const future = new Date(Date.now() + 3 * 86_400_000).toISOString().slice(0, 10);
    for (const paidAt of ['2026-13-45', '2026-02-30', '1999-12-31', future, '2026-1-5', '20261120']) {
      const response = await api(`/console/invoices/${companyId}/${order.invoiceNumber}/payments`, {
        token: backOffice,
        method: 'POST',
        body: { amount: 1, currency: 'EUR', paidAt, reference: 'date check' },
      });
      expect(response.status, `${paidAt}: ${JSON.stringify(response.body)}`).toBe(400);
      expect(response.body.error.code).toBe('VALIDATION_FAILED');
      expect(response.body.error.details[0].path).toBe('body.paidAt');
    }
    expect((await api(invoicePath, { token: admin })).body).toEqual(before);
    const today = new Date().toISOString().slice(0, 10);
    const paid = await api(`/console/invoices/${companyId}/${order.invoiceNumber}/payments`, {
      token: backOffice,
      method: 'POST',
      body: { amount: 1, currency: 'EUR', paidAt: today, reference: 'real date' },
    });
    expect(paid.status, JSON.stringify(paid.body)).toBe(201);
  }, 120_000);

  it('order search, RMA deadlines, quotes and pools refuse impossible dates', async () => {
    const [backOffice, rep] = await Promise.all([signIn(users.backOffice, 'console'), signIn(users.rep, 'console')]);
    const search = await api(`/console/orders?from=2026-13-45`, { token: backOffice });
    expect(search.status).toBe(400);
    expect(search.body.error.code).toBe('VALIDATION_FAILED');
    expect((await api(`/console/orders?to=${encodeURIComponent('2026-02-30T10:00:00Z')}`, { token: backOffice })).status).toBe(400);
    expect((await api(`/console/orders?companyId=mueller-bau&from=2026-11-01`, { token: backOffice })).status).toBe(200);

    const deadline = await api('/console/rmas/mueller-bau/no-such-rma/deadline', {
      token: backOffice,
      method: 'PUT',
      body: { deadlineAt: '2026-04-31T10:00:00Z' },
    });
    expect(deadline.status).toBe(400);
    expect(deadline.body.error.code).toBe('VALIDATION_FAILED');

    const quote = await api('/companies/mueller-bau/offers', {
      token: rep,
      method: 'POST',
      body: { lines: [{ sku: 'FAS-0111', quantity: 1 }], terms: { delivery: pickup, paymentMethod: 'bank-prepayment', validUntil: '2026-13-45' } },
    });
    expect(quote.status).toBe(400);
    expect(quote.body.error.code).toBe('VALIDATION_FAILED');

    const pool = await api('/console/pools', {
      token: backOffice,
      method: 'POST',
      body: { sku: 'FAS-0111', name: 'Date pool', currency: 'EUR', tiers: [{ minQuantity: 0, unitPrice: 100 }], closesAt: '2026-02-31T10:00:00Z' },
    });
    expect(pool.status).toBe(400);
    expect(pool.body.error.code).toBe('VALIDATION_FAILED');
  });
});

/** A raw request, so the path reaches the gateway exactly as written (no client-side normalisation). */
function rawGet(path: string): Promise<{ status: number; body: any }> {
  const url = new URL(stack().apiUrl);
  return new Promise((resolve, reject) => {
    const request = httpRequest({ host: url.hostname, port: url.port, method: 'GET', path: `${url.pathname}${path}` }, (response) => {
      let text = '';
      response.on('data', (chunk) => (text += chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, body: text ? JSON.parse(text) : undefined }));
    });
    request.on('error', reject);
    request.end();
  });
}

describe('the local gateway and malformed URLs', () => {
  it('a broken percent-encoding in the path or the query answers 400 MALFORMED_URL', async () => {
    for (const path of [
      '/companies/%E0%A4%A/users',
      '/companies/mueller-bau%zz/orders',
      '/catalog/products?category=%E0%A4%A',
      '/catalog/products?%ff=1',
      '/companies/%C0%AF/orders',
    ]) {
      const response = await rawGet(path);
      expect(response.status, path).toBe(400);
      expect(response.body.error.code, path).toBe('MALFORMED_URL');
    }
    // Well-formed encodings still work.
    expect((await rawGet('/catalog/products?category=fasteners&limit=%32')).status).toBe(200);
  });
});
