import { randomUUID } from 'node:crypto';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { offerKeys } from '../../functions/offers/repository.js';
import { api, awsConfig, signIn, stack, users } from '../support/api.js';
import { fillCart, settledOrder, stockedSku } from '../support/orders.js';

/** Sales-rep quotes (seed 002 "Moduł ofertowania") through the HTTP API of the local stack. */
const company = 'mueller-bau';
const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
const terms = (validUntil = inDays(14)) => ({
  delivery: { kind: 'pickup', warehouseId: 'stuttgart' },
  paymentMethod: 'bank-prepayment',
  validUntil,
  note: 'Spring project price',
});
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
    const above = await api(`/companies/${company}/offers/${offerId}`, {
      token: rep,
      method: 'PUT',
      body: { lines: [{ sku, quantity: '2', unitNet: list + 1 }], terms: terms() },
    });
    expect(above.body.error.code).toBe('INVALID_QUOTE_PRICE');
    const negative = await api(`/companies/${company}/offers/${offerId}`, {
      token: rep,
      method: 'PUT',
      body: { lines: [{ sku, quantity: '2', unitNet: -5 }], terms: terms() },
    });
    expect(negative.body.error.code).toBe('INVALID_QUOTE_PRICE');
    const extra = await api(`/companies/${company}/offers/${offerId}`, {
      token: rep,
      method: 'PUT',
      body: { lines: [{ sku, quantity: '2' }], terms: terms(), status: 'accepted' },
    });
    expect(extra.body.error.code).toBe('VALIDATION_FAILED');

    // Drafts are invisible to the customer.
    expect((await api(`/companies/${company}/offers/${offerId}`, { token: buyer })).status).toBe(404);

    const sent1 = await api(`/companies/${company}/offers/${offerId}/send`, { token: rep, method: 'POST' });
    expect(sent1.status, JSON.stringify(sent1.body)).toBe(200);
    expect(sent1.body).toMatchObject({ sentVersion: 1, status: 'sent' });

    const better = list - Math.max(1, Math.floor(list / 10));
    const v2 = await api(`/companies/${company}/offers/${offerId}`, {
      token: rep,
      method: 'PUT',
      body: { lines: [{ sku, quantity: '2', unitNet: better }], terms: terms() },
    });
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

  it('a reverse-charge quote (Polish company, VIES-confirmed): the accepted order carries the VIES evidence', async () => {
    const [backOffice, nowakAdmin, muellerBuyer] = await Promise.all([
      signIn(users.backOffice, 'console'),
      signIn(users.nowakAdmin),
      signIn(users.muellerBuyer),
    ]);
    const sku = await stockedSku(muellerBuyer, 'electrical', 2);
    const created = await api('/companies/nowak-instalacje/offers', {
      token: backOffice,
      method: 'POST',
      body: { lines: [{ sku, quantity: '1' }], terms: terms() },
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect(created.body.version.reverseCharge.applies).toBe(true);
    expect((await api(`/companies/nowak-instalacje/offers/${created.body.offerId}/send`, { token: backOffice, method: 'POST' })).status).toBe(200);
    const accepted = await api(`/companies/nowak-instalacje/offers/${created.body.offerId}/acceptance`, {
      token: nowakAdmin,
      method: 'POST',
      body: { version: 1 },
      headers: { 'idempotency-key': randomUUID() },
    });
    expect(accepted.status, JSON.stringify(accepted.body)).toBe(202);
    const order = await settledOrder(nowakAdmin, 'nowak-instalacje', accepted.body.orderId);
    const evidence = (await api('/companies/nowak-instalacje', { token: nowakAdmin })).body.vatCheck?.evidence;
    expect(evidence).toMatchObject({ source: 'VIES', valid: true });
    expect(order.reverseCharge.applies).toBe(true);
    expect(order.vatEvidence).toEqual(evidence);
  });

  it('validUntil in the past is refused; today is still acceptable (inclusive)', async () => {
    const [rep, buyer] = await Promise.all([signIn(users.rep, 'console'), signIn(users.muellerBuyer)]);
    const sku = await stockedSku(buyer, 'electrical', 1);
    const created = await api(`/companies/${company}/offers`, { token: rep, method: 'POST', body: { lines: [{ sku, quantity: 1 }], terms: terms(inDays(0)) } });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const past = await api(`/companies/${company}/offers/${created.body.offerId}`, {
      token: rep,
      method: 'PUT',
      body: { lines: [{ sku, quantity: 1 }], terms: terms(inDays(-1)) },
    });
    expect(past.body.error.code).toBe('INVALID_VALID_UNTIL');
    // validUntil is inclusive: a quote valid until today can still be accepted today.
    expect((await api(`/companies/${company}/offers/${created.body.offerId}/send`, { token: rep, method: 'POST' })).status).toBe(200);
    const version = await api(`/companies/${company}/offers/${created.body.offerId}/versions/1`, { token: buyer });
    expect(version.body.acceptable).toBe(true);
  });

  it('the API refuses expired and superseded versions (validUntil aged in the table)', async () => {
    const [rep, buyer] = await Promise.all([signIn(users.rep, 'console'), signIn(users.muellerBuyer)]);
    const sku = await stockedSku(buyer, 'electrical', 1);
    const created = await api(`/companies/${company}/offers`, { token: rep, method: 'POST', body: { lines: [{ sku, quantity: 1 }], terms: terms() } });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const offerId = created.body.offerId as string;
    expect((await api(`/companies/${company}/offers/${offerId}/send`, { token: rep, method: 'POST' })).status).toBe(200);
    const revised = await api(`/companies/${company}/offers/${offerId}`, {
      token: rep,
      method: 'PUT',
      body: { lines: [{ sku, quantity: 1 }], terms: terms(inDays(30)) },
    });
    expect(revised.status, JSON.stringify(revised.body)).toBe(200);
    expect((await api(`/companies/${company}/offers/${offerId}/send`, { token: rep, method: 'POST' })).status).toBe(200);

    // Version 1 was sent and is still within its validity, but version 2 replaced it.
    const superseded = await accept(buyer, offerId, 1);
    expect(superseded.status).toBe(409);
    expect(superseded.body.error.code).toBe('QUOTE_SUPERSEDED');

    // The API refuses a validUntil in the past, so the test ages the stored version 2 instead.
    const yesterday = inDays(-1);
    const table = DynamoDBDocumentClient.from(new DynamoDBClient(awsConfig(stack().dynamodbEndpoint)));
    await table.send(
      new UpdateCommand({
        TableName: stack().env.TABLE_NAME,
        Key: offerKeys.version(company, offerId, 2),
        UpdateExpression: 'SET terms.validUntil = :past',
        ConditionExpression: 'attribute_exists(PK)',
        ExpressionAttributeValues: { ':past': yesterday },
      }),
    );
    table.destroy();
    const version = await api(`/companies/${company}/offers/${offerId}/versions/2`, { token: buyer });
    expect(version.body).toMatchObject({ latest: true, acceptable: false, notAcceptableBecause: 'QUOTE_EXPIRED', terms: { validUntil: yesterday } });
    expect((await api(`/companies/${company}/offers/${offerId}`, { token: buyer })).body.acceptable).toBe(false);
    const before = (await api(`/companies/${company}/orders?limit=100`, { token: buyer })).body.orders.length as number;
    const expired = await accept(buyer, offerId, 2);
    expect(expired.status).toBe(409);
    expect(expired.body.error.code).toBe('QUOTE_EXPIRED');
    const after = await api(`/companies/${company}/offers/${offerId}`, { token: buyer });
    expect(after.body).toMatchObject({ status: 'sent', sentVersion: 2 });
    expect(after.body.acceptance).toBeUndefined();
    expect((await api(`/companies/${company}/orders?limit=100`, { token: buyer })).body.orders.length).toBe(before);
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

    const answered = await api(`/companies/${company}/offers/${requested.body.offerId}`, {
      token: rep,
      method: 'PUT',
      body: { fromCartOf: buyerCart.ownerSub, terms: terms() },
    });
    expect(answered.status, JSON.stringify(answered.body)).toBe(200);
    expect(answered.body.version.version).toBe(1);

    const copy = await api(`/companies/${company}/offers/${takeover.body.offerId}/copies`, {
      token: backOffice,
      method: 'POST',
      body: { targetCompanyId: 'nowak-instalacje' },
    });
    expect(copy.status, JSON.stringify(copy.body)).toBe(201);
    expect(copy.body).toMatchObject({ companyId: 'nowak-instalacje', latestVersion: 1 });
    expect(copy.body.offerId).not.toBe(takeover.body.offerId);
    // The rep of Müller Bau may not copy into a company they are not assigned to.
    expect(
      (await api(`/companies/${company}/offers/${takeover.body.offerId}/copies`, { token: rep, method: 'POST', body: { targetCompanyId: 'nowak-instalacje' } }))
        .status,
    ).toBe(403);
  });

  it('tenancy: only assigned reps quote; customers see only their company', async () => {
    const [rep2, nowakBuyer, buyer, rep] = await Promise.all([
      signIn('rep2@portal.example', 'console'),
      signIn(users.nowakBuyer),
      signIn(users.muellerBuyer),
      signIn(users.rep, 'console'),
    ]);
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
