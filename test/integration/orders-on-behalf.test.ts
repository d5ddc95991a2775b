import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { erpEventsSince, outbox } from '../support/accounts.js';
import { api, signIn, users } from '../support/api.js';
import { settledOrder, stockedSku } from '../support/orders.js';

/** Orders entered by sales reps and back office on behalf of a customer (issue 6, seed 002) through the HTTP API. */
const company = 'mueller-bau';
const pickup = { kind: 'pickup', warehouseId: 'stuttgart' };
const enter = (token: string, body: Record<string, unknown>, key: string = randomUUID(), companyId = company) =>
  api(`/console/companies/${companyId}/orders`, { token, method: 'POST', body, headers: { 'idempotency-key': key } });
const orderBody = (sku: string, extra: Record<string, unknown> = {}) => ({
  lines: [{ sku, quantity: '2' }],
  delivery: pickup,
  paymentMethod: 'on-account',
  poNumber: 'PO-REP-1',
  preliminary: false,
  ...extra,
});
const erpMessagesFor = async (orderId: string, since: number) =>
  (await erpEventsSince(since)).filter((message) => (message as unknown as { order?: { orderId?: string } }).order?.orderId === orderId);

describe('orders on behalf of a customer', () => {
  it('prices lines as the customer, previews their payment methods and places through the saga', async () => {
    const [rep, buyer] = await Promise.all([signIn(users.rep, 'console'), signIn(users.muellerBuyer)]);
    const sku = await stockedSku(buyer, 'electrical', 5);
    const customerQuote = await api('/pricing/quote', { token: buyer, method: 'POST', body: { lines: [{ sku, quantity: '2' }] } });
    expect(customerQuote.status).toBe(200);
    const customerUnit = customerQuote.body.lines[0].unitNet;

    const preview = await api(`/console/companies/${company}/orders/preview`, {
      token: rep,
      method: 'POST',
      body: { lines: [{ sku, quantity: '2' }], delivery: pickup },
    });
    expect(preview.status, JSON.stringify(preview.body)).toBe(200);
    expect(preview.body.quote.lines[0].unitNet).toEqual(customerUnit);
    expect(preview.body.quote.gross).toEqual(customerQuote.body.gross);
    const methods = Object.fromEntries(preview.body.paymentOptions.map((option: { method: string; allowed: boolean }) => [option.method, option.allowed]));
    expect(methods).toMatchObject({ 'on-account': true, card: false });

    const since = Date.now();
    const placed = await enter(rep, orderBody(sku, { note: 'Ordered by phone' }));
    expect(placed.status, JSON.stringify(placed.body)).toBe(202);
    expect(placed.body.status).toBe('placing');
    const order = await settledOrder(buyer, company, placed.body.orderId);
    expect(order.status).toBe('confirmed');
    expect(order.lines[0]).toMatchObject({ sku, quantity: '2', unitNet: customerUnit });
    expect(order.gross).toEqual(customerQuote.body.gross);
    expect(order.placedBy).toMatchObject({ email: users.rep, role: 'sales-rep' });
    expect(order.onBehalfOf).toMatchObject({ companyId: company, enteredBy: { email: users.rep, role: 'sales-rep' }, note: 'Ordered by phone' });
    expect(order.poNumber).toBe('PO-REP-1');
    expect(await erpMessagesFor(order.orderId, since)).toHaveLength(1);
    const mail = (await outbox()).find((message) => message.subject === `Bestellung ${order.orderNumber} von ${order.placedBy.name} für Sie erfasst`);
    expect(mail?.to).toContain(users.muellerAdmin);
    expect(mail?.text).toContain('Hinweis: Ordered by phone'); // Müller Bau is German: so are its mails
  });

  it('stores a preliminary order without starting it; the customer sees it as preliminary', async () => {
    const [backOffice, buyer] = await Promise.all([signIn(users.backOffice, 'console'), signIn(users.muellerBuyer)]);
    const sku = await stockedSku(buyer, 'electrical', 2);
    const since = Date.now();
    const placed = await enter(backOffice, orderBody(sku, { preliminary: true }));
    expect(placed.status, JSON.stringify(placed.body)).toBe(202);
    expect(placed.body.status).toBe('preliminary');
    // Give a (wrongly) started saga time to reach the ERP step.
    await new Promise((resolve) => setTimeout(resolve, 2500));
    const seen = await api(`/companies/${company}/orders/${placed.body.orderId}`, { token: buyer });
    expect(seen.status).toBe(200);
    expect(seen.body).toMatchObject({
      status: 'preliminary',
      placedBy: { email: users.backOffice, role: 'back-office' },
      onBehalfOf: { enteredBy: { role: 'back-office' } },
    });
    expect(await erpMessagesFor(placed.body.orderId, since)).toEqual([]);
    const listed = await api(`/companies/${company}/orders`, { token: buyer });
    expect(listed.body.orders.find((candidate: { orderId: string }) => candidate.orderId === placed.body.orderId)?.status).toBe('preliminary');
    const mail = (await outbox()).find((message) => message.subject.startsWith(`Vorläufige Bestellung ${placed.body.orderNumber} von`));
    expect(mail?.to).toContain(users.muellerAdmin);
  });

  it('tenancy: unassigned rep 404, company users 403, back office for every company', async () => {
    const [rep, rep2, buyer, admin, nowakBuyer, backOffice] = await Promise.all([
      signIn(users.rep, 'console'),
      signIn('rep2@portal.example', 'console'),
      signIn(users.muellerBuyer),
      signIn(users.muellerAdmin),
      signIn(users.nowakBuyer),
      signIn(users.backOffice, 'console'),
    ]);
    const sku = await stockedSku(buyer, 'electrical', 1);
    const body = orderBody(sku, { preliminary: true });
    expect((await api(`/console/companies/${company}/orders`, { method: 'POST', body, headers: { 'idempotency-key': randomUUID() } })).status).toBe(401);
    const rep2Try = await enter(rep2, body);
    expect(rep2Try.status).toBe(404);
    expect(rep2Try.body.error.code).toBe('NOT_FOUND');
    expect((await api(`/console/companies/${company}/orders/preview`, { token: rep2, method: 'POST', body: { lines: body.lines } })).status).toBe(404);
    expect((await enter(rep, body, randomUUID(), 'nowak-instalacje')).status).toBe(404);
    expect((await enter(buyer, body)).status).toBe(403);
    expect((await enter(admin, body)).status).toBe(403);
    expect((await api(`/console/companies/${company}/orders/preview`, { token: buyer, method: 'POST', body: { lines: body.lines } })).status).toBe(403);
    expect((await enter(nowakBuyer, body, randomUUID(), 'nowak-instalacje')).status).toBe(403);
    expect((await enter(backOffice, body, randomUUID(), 'no-such-company')).status).toBe(404);
    const nowakSku = await stockedSku(nowakBuyer, 'electrical', 1);
    const forNowak = await enter(
      backOffice,
      { ...orderBody(nowakSku, { preliminary: true }), paymentMethod: 'bank-prepayment' },
      randomUUID(),
      'nowak-instalacje',
    );
    expect(forNowak.status, JSON.stringify(forNowak.body)).toBe(202);
    // The order landed in Nowak's partition, not Müller's.
    expect((await api(`/companies/nowak-instalacje/orders/${forNowak.body.orderId}`, { token: nowakBuyer })).status).toBe(200);
    expect((await api(`/companies/${company}/orders/${forNowak.body.orderId}`, { token: buyer })).status).toBe(404);
  });

  it('refuses payment methods the customer may not use, bad lines and bad input with codes', async () => {
    const [rep, backOffice, buyer, nowakBuyer] = await Promise.all([
      signIn(users.rep, 'console'),
      signIn(users.backOffice, 'console'),
      signIn(users.muellerBuyer),
      signIn(users.nowakBuyer),
    ]);
    const sku = await stockedSku(buyer, 'electrical', 1);
    const card = await enter(rep, orderBody(sku, { paymentMethod: 'card' }));
    expect(card.status).toBe(409);
    expect(card.body.error.code).toBe('NO_PROVIDER');
    // Nowak (retail group) may not pay on account: whoever enters the order, the customer's payment rules apply.
    const nowakSku = await stockedSku(nowakBuyer, 'electrical', 1);
    const onAccount = await enter(backOffice, orderBody(nowakSku), randomUUID(), 'nowak-instalacje');
    expect(onAccount.status).toBe(409);
    expect(onAccount.body.error.code).toBe('NOT_REGULAR_CUSTOMER');
    expect((await enter(rep, orderBody(sku, { paymentMethod: 'barter' }))).body.error.code).toBe('UNKNOWN_PAYMENT_METHOD');
    expect((await enter(rep, { ...orderBody(sku), lines: [{ sku: 'NO-SUCH-SKU', quantity: '1' }] })).body.error.code).toBe('ORDER_LINE_PROBLEMS');
    expect((await enter(rep, { ...orderBody(sku), lines: [{ sku, quantity: '0' }] })).body.error.code).toBe('INVALID_QUANTITY');
    expect((await enter(rep, { ...orderBody(sku), delivery: { kind: 'pickup', warehouseId: 'atlantis' } })).body.error.code).toBe('UNKNOWN_WAREHOUSE');
    const { preliminary: _omitted, ...withoutFlag } = orderBody(sku);
    expect((await enter(rep, withoutFlag)).body.error.code).toBe('VALIDATION_FAILED');
    expect((await enter(rep, { ...orderBody(sku), status: 'confirmed' })).body.error.code).toBe('VALIDATION_FAILED');
    const noKey = await api(`/console/companies/${company}/orders`, { token: rep, method: 'POST', body: orderBody(sku) });
    expect(noKey.body.error.code).toBe('IDEMPOTENCY_KEY_REQUIRED');
  });

  it('idempotency: the same key returns the same order; another request under it is refused', async () => {
    const [rep, buyer] = await Promise.all([signIn(users.rep, 'console'), signIn(users.muellerBuyer)]);
    const sku = await stockedSku(buyer, 'electrical', 3);
    const key = randomUUID();
    const body = orderBody(sku, { preliminary: true });
    const [first, second] = await Promise.all([enter(rep, body, key), enter(rep, body, key)]);
    const statuses = [first.status, second.status].sort();
    // Two racing requests: one order; the loser either replays it or is told to retry.
    expect(statuses[1]).toBe(202);
    const again = await enter(rep, body, key);
    expect(again.status).toBe(202);
    expect(again.body.orderId).toBe((first.status === 202 ? first : second).body.orderId);
    if (first.status === 202 && second.status === 202) expect(first.body.orderId).toBe(second.body.orderId);
    else expect([first, second].find((response) => response.status !== 202)?.body.error.code).toBe('ORDER_IN_PROGRESS');
    const reused = await enter(rep, { ...body, poNumber: 'OTHER' }, key);
    expect(reused.status).toBe(409);
    expect(reused.body.error.code).toBe('IDEMPOTENCY_KEY_REUSED');
    const orders = await api(`/companies/${company}/orders?limit=100`, { token: buyer });
    expect(orders.body.orders.filter((order: { orderId: string }) => order.orderId === again.body.orderId)).toHaveLength(1);
  });
});
