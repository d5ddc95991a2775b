import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { api, signIn, users } from '../support/api.js';
import { stockedSku } from '../support/orders.js';
import { confirmedOrder } from '../support/order-admin.js';

/** Issue 17 item 5: staff find an order by its order number or the customer's PO number (key lookups, no Scan). */
const company = 'mueller-bau';
const ids = (response: { body: { orders: { orderId: string }[] } }) => response.body.orders.map((order) => order.orderId);

describe('console order search by number', () => {
  it('finds orders by order number and by PO number (any case and spacing); reps only in their companies', async () => {
    const [buyer, nowakBuyer, backOffice, rep] = await Promise.all([
      signIn(users.muellerBuyer),
      signIn(users.nowakBuyer),
      signIn(users.backOffice, 'console'),
      signIn(users.rep, 'console'),
    ]);
    const po = `PO ${randomUUID().slice(0, 8).toUpperCase()}`;
    const sku = await stockedSku(buyer, 'electrical', 10);
    const first = await confirmedOrder(buyer, company, [{ sku, quantity: '1' }], {
      delivery: { kind: 'pickup', warehouseId: 'stuttgart' },
      paymentMethod: 'on-account',
      poNumber: po,
    });
    const second = await confirmedOrder(buyer, company, [{ sku, quantity: '2' }], {
      delivery: { kind: 'pickup', warehouseId: 'stuttgart' },
      paymentMethod: 'on-account',
      poNumber: po,
    });
    // Another company uses the same PO number.
    const nowakSku = await stockedSku(nowakBuyer, 'electrical', 5);
    const foreign = await confirmedOrder(nowakBuyer, 'nowak-instalacje', [{ sku: nowakSku, quantity: '1' }], {
      delivery: { kind: 'pickup', warehouseId: 'krakow' },
      paymentMethod: 'bank-prepayment',
      poNumber: po,
    });

    // By order number: exactly that order, no company or status needed; typed in lower case too.
    const byNumber = await api(`/console/orders?orderNumber=${encodeURIComponent(first.orderNumber)}`, { token: backOffice });
    expect(byNumber.status, JSON.stringify(byNumber.body)).toBe(200);
    expect(byNumber.body.orders).toEqual([
      expect.objectContaining({ orderId: first.orderId, orderNumber: first.orderNumber, companyId: company, poNumber: po }),
    ]);
    expect(ids(await api(`/console/orders?orderNumber=${encodeURIComponent(` ${first.orderNumber.toLowerCase()} `)}`, { token: backOffice }))).toEqual([
      first.orderId,
    ]);
    expect((await api('/console/orders?orderNumber=ORD-1999-999999', { token: backOffice })).body.orders).toEqual([]);
    // Narrowed by company and status.
    expect(ids(await api(`/console/orders?orderNumber=${first.orderNumber}&companyId=nowak-instalacje`, { token: backOffice }))).toEqual([]);
    expect(ids(await api(`/console/orders?orderNumber=${first.orderNumber}&status=cancelled`, { token: backOffice }))).toEqual([]);
    expect(ids(await api(`/console/orders?orderNumber=${first.orderNumber}&companyId=${company}&status=confirmed`, { token: rep }))).toEqual([first.orderId]);

    // By PO number: every order carrying it, newest first, across companies for back office.
    const byPo = await api(`/console/orders?poNumber=${encodeURIComponent(po.toLowerCase().replace(' ', '   '))}`, { token: backOffice });
    expect(byPo.status, JSON.stringify(byPo.body)).toBe(200);
    expect(ids(byPo).sort()).toEqual([first.orderId, second.orderId, foreign.orderId].sort());
    expect(ids(byPo).indexOf(second.orderId)).toBeLessThan(ids(byPo).indexOf(first.orderId));
    expect(ids(await api(`/console/orders?poNumber=${encodeURIComponent(po)}&companyId=${company}`, { token: backOffice }))).toEqual([
      second.orderId,
      first.orderId,
    ]);
    // Both numbers: the order only if it carries that PO.
    expect(ids(await api(`/console/orders?orderNumber=${first.orderNumber}&poNumber=${encodeURIComponent(po)}`, { token: backOffice }))).toEqual([
      first.orderId,
    ]);
    expect(ids(await api(`/console/orders?orderNumber=${first.orderNumber}&poNumber=OTHER-PO`, { token: backOffice }))).toEqual([]);

    // A sales rep sees only the assigned company's orders; the other company is not found.
    expect(ids(await api(`/console/orders?poNumber=${encodeURIComponent(po)}`, { token: rep })).sort()).toEqual([first.orderId, second.orderId].sort());
    expect(ids(await api(`/console/orders?orderNumber=${foreign.orderNumber}`, { token: rep }))).toEqual([]);
    expect((await api(`/console/orders?poNumber=${encodeURIComponent(po)}&companyId=nowak-instalacje`, { token: rep })).status).toBe(404);

    // Customers may not search the console; bad input is a 400.
    expect((await api(`/console/orders?orderNumber=${first.orderNumber}`, { token: buyer })).status).toBe(403);
    const tooLong = await api(`/console/orders?poNumber=${'X'.repeat(41)}`, { token: backOffice });
    expect(tooLong.status).toBe(400);
    expect(tooLong.body.error.code).toBe('VALIDATION_FAILED');
  });
});
