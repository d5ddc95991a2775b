import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { api, signIn, users } from '../support/api.js';
import { fillCart, settledOrder, stockedSku } from '../support/orders.js';

/** Sales-rep quotes (seed 002 "Moduł ofertowania") through the HTTP API of the local stack. */
const company = 'mueller-bau';
const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
const terms = (validUntil = inDays(14)) => ({ delivery: { kind: 'pickup', warehouseId: 'stuttgart' }, paymentMethod: 'bank-prepayment', validUntil, note: 'Spring project price' });
const accept = (token: string, offerId: string, version: number, key: string = randomUUID()) =>
  api(`/companies/${company}/offers/${offerId}/acceptance`, { token, method: 'POST', body: { version }, headers: { 'idempotency-key': key } });

describe('sales-rep quotes', () => {
  it('versions, PDF, acceptance into the order saga at the quoted prices, exactly once', async () => {
    const [rep, buyer, admin] = await Promise.all([signIn(users.rep, 'console'), signIn(users.muellerBuyer), signIn(users.muellerAdmin)]);
    const sku = await stockedSku(buyer, 'electrical', 5);

    const created = await api(`/companies/${company}/offers`, { token: rep, method: 'POST', body: { lines: [{ sku, quantity: '2' }], terms: terms() } });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect(created.body.quoteNumber).toMatch(/^QUO-\d{4}-\d{6}$/);
    const offerId = created.body.offerId as string;
    const list = created.body.version.lines[0].listUnitNet.amount as number;
    expect(created.body.version.lines[0].unitNet.amount).toBe(list);

    // Price rules: above the list price or negative is refused; extra properties are refused.
    const above = await api(`/companies/${company}/offers/${offerId}`, { token: rep, method: 'PUT', body: { lines: [{ sku, quantity: '2', unitNet: list + 1 }], terms: terms() } });
    expect(above.body.error.code).toBe('INVALID_QUOTE_PRICE');
    const negative = await api(`/companies/${company}/offers/${offerId}`, { token: rep, method: 'PUT', body: { lines: [{ sku, quantity: '2', unitNet: -5 }], terms: terms() } });
    expect(negative.body.error.code).toBe('INVALID_QUOTE_PRICE');
    const extra = await api(`/companies/${company}/offers/${offerId}`, { token: rep, method: 'PUT', body: { lines: [{ sku, quantity: '2' }], terms: terms(), status: 'accepted' } });
    expect(extra.body.error.code).toBe('VALIDATION_FAILED');

    // Drafts are invisible to the customer.
    expect((await api(`/companies/${company}/offers/${offerId}`, { token: buyer })).status).toBe(404);

    const sent1 = await api(`/companies/${company}/offers/${offerId}/send`, { token: rep, method: 'POST' });
    expect(sent1.status, JSON.stringify(sent1.body)).toBe(200);
    expect(sent1.body).toMatchObject({ sentVersion: 1, status: 'sent' });

    const better = list - Math.max(1, Math.floor(list / 10));
    const v2 = await api(`/companies/${company}/offers/${offerId}`, { token: rep, method: 'PUT', body: { lines: [{ sku, quantity: '2', unitNet: better }], terms: terms() } });
    expect(v2.status, JSON.stringify(v2.body)).toBe(200);
    expect(v2.body.version.version).toBe(2);
    // v2 not sent yet: v1 is superseded, v2 not yet sent.
    expect((await accept(buyer, offerId, 1)).body.error.code).toBe('QUOTE_SUPERSEDED');
    expect((await api(`/companies/${company}/offers/${offerId}/send`, { token: rep, method: 'POST' })).status).toBe(200);

    const listed = await api(`/companies/${company}/offers`, { token: buyer });
    expect(listed.body.offers.map((offer: { offerId: string }) => offer.offerId)).toContain(offerId);
    const v1 = await api(`/companies/${company}/offers/${offerId}/versions/1`, { token: buyer });
    expect(v1.status).toBe(200);
    expect(v1.body).toMatchObject({ latest: false, acceptable: false, notAcceptableBecause: 'QUOTE_SUPERSEDED' });

    const pdf = await api(`/companies/${company}/offers/${offerId}/pdf`, { token: admin });
    expect(pdf.status).toBe(200);
    expect(pdf.body.expiresInSeconds).toBe(300);
    const bytes = Buffer.from(await (await fetch(pdf.body.url)).arrayBuffer());
    expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const nowakBuyer = await signIn(users.nowakBuyer);
    expect((await api(`/companies/${company}/offers/${offerId}/pdf`, { token: nowakBuyer })).status).toBe(403);

    expect((await accept(buyer, offerId, 2, 'short')).body.error.code).toBe('IDEMPOTENCY_KEY_REQUIRED');
    const key = randomUUID();
    const [first, replayed] = [await accept(buyer, offerId, 2, key), await accept(buyer, offerId, 2, key)];
    expect(first.status, JSON.stringify(first.body)).toBe(202);
    expect(replayed.body.orderId).toBe(first.body.orderId);
    const again = await accept(admin, offerId, 2);
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('QUOTE_ALREADY_ACCEPTED');

    const order = await settledOrder(buyer, company, first.body.orderId);
    expect(order.status).toBe('confirmed');
    expect(order.lines).toHaveLength(1);
    expect(order.lines[0]).toMatchObject({ sku, quantity: '2', unitNet: { amount: better }, lineNet: { amount: better * 2 } });
    expect(order.quote).toMatchObject({ offerId, version: 2 });
    const after = await api(`/companies/${company}/offers/${offerId}`, { token: buyer });
    expect(after.body).toMatchObject({ status: 'accepted', acceptedVersion: 2, acceptance: { orderId: first.body.orderId } });
  });

  it('expired versions cannot be accepted', async () => {
    const [rep, buyer] = await Promise.all([signIn(users.rep, 'console'), signIn(users.muellerBuyer)]);
    const sku = await stockedSku(buyer, 'electrical', 1);
    const created = await api(`/companies/${company}/offers`, { token: rep, method: 'POST', body: { lines: [{ sku, quantity: 1 }], terms: terms(inDays(0)) } });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const past = await api(`/companies/${company}/offers/${created.body.offerId}`, { token: rep, method: 'PUT', body: { lines: [{ sku, quantity: 1 }], terms: terms(inDays(-1)) } });
    expect(past.body.error.code).toBe('INVALID_VALID_UNTIL');
    // validUntil is inclusive; expiry is shown by the acceptance rules (unit-tested with a fixed date).
    expect((await api(`/companies/${company}/offers/${created.body.offerId}/send`, { token: rep, method: 'POST' })).status).toBe(200);
    const version = await api(`/companies/${company}/offers/${created.body.offerId}/versions/1`, { token: buyer });
    expect(version.body.acceptable).toBe(true);
  });

  it('cart takeover, quote requests and copies', async () => {
    const [rep, buyer, backOffice] = await Promise.all([signIn(users.rep, 'console'), signIn(users.muellerBuyer), signIn(users.backOffice, 'console')]);
    const sku = await stockedSku(buyer, 'electrical', 3);
    await fillCart(buyer, [{ sku, quantity: 3 }]);
    const carts = await api(`/companies/${company}/carts`, { token: rep });
    const buyerCart = carts.body.carts.find((candidate: { ownerSub: string; lines: { sku: string }[] }) => candidate.lines.some((line) => line.sku === sku));
    expect(buyerCart).toBeTruthy();

    const requested = await api('/quote-requests', { token: buyer, method: 'POST', body: { note: 'Need a better price for 3' } });
    expect(requested.status, JSON.stringify(requested.body)).toBe(201);
    expect(requested.body.status).toBe('requested');
    const repList = await api('/offers?status=requested', { token: rep });
    expect(repList.body.offers.map((offer: { offerId: string }) => offer.offerId)).toContain(requested.body.offerId);

    const takeover = await api(`/companies/${company}/offers`, { token: rep, method: 'POST', body: { fromCartOf: buyerCart.ownerSub, terms: terms() } });
    expect(takeover.status, JSON.stringify(takeover.body)).toBe(201);
    expect(takeover.body.version.source.kind).toBe('cart');
    expect(takeover.body.version.lines).toMatchObject([{ sku, quantity: '3' }]);

    const answered = await api(`/companies/${company}/offers/${requested.body.offerId}`, { token: rep, method: 'PUT', body: { fromCartOf: buyerCart.ownerSub, terms: terms() } });
    expect(answered.status, JSON.stringify(answered.body)).toBe(200);
    expect(answered.body.version.version).toBe(1);

    const copy = await api(`/companies/${company}/offers/${takeover.body.offerId}/copies`, { token: backOffice, method: 'POST', body: { targetCompanyId: 'nowak-instalacje' } });
    expect(copy.status, JSON.stringify(copy.body)).toBe(201);
    expect(copy.body).toMatchObject({ companyId: 'nowak-instalacje', latestVersion: 1 });
    expect(copy.body.offerId).not.toBe(takeover.body.offerId);
    // The rep of Müller Bau may not copy into a company they are not assigned to.
    expect((await api(`/companies/${company}/offers/${takeover.body.offerId}/copies`, { token: rep, method: 'POST', body: { targetCompanyId: 'nowak-instalacje' } })).status).toBe(403);
  });

  it('tenancy: only assigned reps quote; customers see only their company', async () => {
    const [rep2, nowakBuyer, buyer, rep] = await Promise.all([signIn('rep2@portal.example', 'console'), signIn(users.nowakBuyer), signIn(users.muellerBuyer), signIn(users.rep, 'console')]);
    const sku = await stockedSku(buyer, 'electrical', 1);
    const body = { lines: [{ sku, quantity: 1 }], terms: terms() };
    expect((await api(`/companies/${company}/offers`, { token: rep2, method: 'POST', body })).status).toBe(403);
    expect((await api(`/companies/${company}/offers`, { token: buyer, method: 'POST', body })).status).toBe(403);
    expect((await api(`/companies/${company}/offers`, { token: nowakBuyer })).status).toBe(403);
    expect((await api(`/companies/nowak-instalacje/offers`, { token: rep, method: 'POST', body })).status).toBe(403);
    expect((await api('/offers', { token: buyer })).status).toBe(403);
    const rep2List = await api('/offers', { token: rep2 });
    expect(rep2List.status).toBe(200);
    expect(rep2List.body.offers).toEqual([]);
  });
});
