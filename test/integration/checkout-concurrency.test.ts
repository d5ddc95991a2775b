import { describe, expect, it } from 'vitest';
import { api } from '../support/api.js';
import { newCompanyWithBuyers } from '../support/accounts.js';
import { fillCart, placeOrder, settledOrder, stockedSku, totalOf } from '../support/orders.js';

const pickup = { kind: 'pickup', warehouseId: 'stuttgart' };

describe('parallel checkouts against one credit line', () => {
  it('50 buyers at once, credit for 10: exactly 10 orders, credit and stock never negative', async () => {
    const { companyId, admin, backOffice, tokens } = await newCompanyWithBuyers(50);

    // A first, prepaid order makes the company a regular customer (on-account needs that).
    const sku = await stockedSku(admin, 'electrical', 60);
    await fillCart(admin, [{ sku: await stockedSku(admin, 'safety', 5), quantity: 1 }]);
    const first = await placeOrder(admin, { delivery: pickup, paymentMethod: 'bank-prepayment' });
    expect(first.status, JSON.stringify(first.body)).toBe(202);
    expect((await settledOrder(admin, companyId, first.body.orderId)).status).toBe('confirmed');

    for (const token of tokens) await fillCart(token, [{ sku, quantity: 1 }]);
    const preview = await api('/checkout/preview', { token: tokens[0]!, method: 'POST', body: { delivery: pickup } });
    const perOrder = preview.body.payable.amount as number;
    const limit = perOrder * 10 + Math.floor(perOrder / 2);
    expect(
      (await api(`/console/companies/${companyId}/credit-limit`, { token: backOffice, method: 'PUT', body: { limit: { amount: limit, currency: 'EUR' } } }))
        .status,
    ).toBe(200);
    const stockBefore = (await api(`/catalog/products/${sku}`, { token: admin })).body.availability.quantity as number;
    expect(stockBefore).toBeGreaterThanOrEqual(10);

    const placed = await Promise.all(tokens.map((token) => placeOrder(token, { delivery: pickup, paymentMethod: 'on-account' })));
    // Refused either at once (the checkout already sees too little credit) or by the saga's conditional reservation.
    const refusedAtCheckout = placed.filter((response) => response.status === 409);
    expect(refusedAtCheckout.every((response) => response.body.error.code === 'CREDIT_EXCEEDED')).toBe(true);
    const accepted = placed.filter((response) => response.status === 202);
    expect(accepted.length + refusedAtCheckout.length).toBe(50);
    const settled = await Promise.all(accepted.map((response) => settledOrder(admin, companyId, response.body.orderId, 120_000)));

    const confirmed = settled.filter((order) => order.status === 'confirmed');
    expect(confirmed).toHaveLength(Math.min(10, stockBefore));
    expect(settled.filter((order) => order.status === 'failed').every((order) => /CreditExceeded/.test(order.failureReason))).toBe(true);
    const credit = (await api(`/companies/${companyId}/credit`, { token: admin })).body.credit;
    expect(credit.used.amount).toBe(confirmed.reduce((sum, order) => sum + totalOf(order), 0));
    expect(credit.available.amount).toBe(limit - credit.used.amount);
    expect(credit.available.amount).toBeGreaterThanOrEqual(0);
    expect((await api(`/catalog/products/${sku}`, { token: admin })).body.availability.quantity).toBe(stockBefore - confirmed.length);
  }, 240_000);
});
