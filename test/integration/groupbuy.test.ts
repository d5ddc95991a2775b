import { describe, expect, it } from 'vitest';
import { api, signIn, users } from '../support/api.js';
import { newCompanyWithBuyers } from '../support/accounts.js';
import { settledOrder, stockedSku } from '../support/orders.js';

/** BestPrice group buying (seed 000 point 14) through the HTTP API of the local stack. */
const tiers = (base: number) => [
  { minQuantity: 0, unitPrice: base },
  { minQuantity: 10, unitPrice: Math.round(base * 0.92) },
  { minQuantity: 25, unitPrice: Math.round(base * 0.85) },
];
const inSeconds = (seconds: number) => new Date(Date.now() + seconds * 1000).toISOString();
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function openPool(backOffice: string, body: Record<string, unknown>) {
  const created = await api('/console/pools', { token: backOffice, method: 'POST', body });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  return created.body as { poolId: string; closesAt: string; tiers: { minQuantity: number; unitPrice: { amount: number } }[] };
}

const commit = (token: string, poolId: string, quantity: number) => api(`/pools/${poolId}/commitment`, { token, method: 'PUT', body: { quantity } });

/** The group-buy order of a company for a pool, once the consumer has persisted it. */
async function groupBuyOrder(token: string, companyId: string, poolId: string, timeoutMs = 30_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const { body } = await api(`/companies/${companyId}/orders?limit=100`, { token });
    const order = (body.orders as { orderId: string; groupBuy?: { poolId: string } }[]).find((candidate) => candidate.groupBuy?.poolId === poolId);
    if (order) return order;
    if (Date.now() > deadline) throw new Error(`No group-buy order of ${companyId} for pool ${poolId}`);
    await sleep(200);
  }
}

describe('group buying: pools and commitments', () => {
  it('back-office opens a pool; validation and roles are enforced', async () => {
    const [backOffice, buyer, rep] = await Promise.all([signIn(users.backOffice, 'console'), signIn(users.muellerBuyer), signIn(users.rep, 'console')]);
    const sku = await stockedSku(buyer, 'electrical', 1);
    const valid = { sku, name: 'Validation pool', currency: 'EUR', tiers: tiers(2000), closesAt: inSeconds(3600) };

    expect((await api('/console/pools', { token: buyer, method: 'POST', body: valid })).status).toBe(403);
    expect((await api('/console/pools', { token: rep, method: 'POST', body: valid })).status).toBe(403);
    expect((await api('/console/pools', { method: 'POST', body: valid })).status).toBe(401);
    const badTiers = await api('/console/pools', { token: backOffice, method: 'POST', body: { ...valid, tiers: [{ minQuantity: 5, unitPrice: 100 }] } });
    expect(badTiers.status).toBe(400);
    expect(badTiers.body.error.code).toBe('INVALID_POOL');
    const past = await api('/console/pools', { token: backOffice, method: 'POST', body: { ...valid, closesAt: inSeconds(-60) } });
    expect(past.body.error.code).toBe('INVALID_POOL');
    const extra = await api('/console/pools', { token: backOffice, method: 'POST', body: { ...valid, status: 'closed' } });
    expect(extra.status).toBe(400);
    expect(extra.body.error.code).toBe('VALIDATION_FAILED');
    const unknown = await api('/console/pools', { token: backOffice, method: 'POST', body: { ...valid, sku: 'NO-SUCH-SKU' } });
    expect(unknown.body.error.code).toBe('UNKNOWN_PRODUCT');

    const pool = await openPool(backOffice, valid);
    expect(pool).toMatchObject({
      sku,
      status: 'open',
      total: 0,
      tierReached: 0,
      currentUnitPrice: { amount: 2000, currency: 'EUR' },
      nextTier: { minQuantity: 10, missing: 10 },
    });
    expect(pool.closesAt).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);

    const listed = await api('/pools', { token: buyer });
    expect(listed.status).toBe(200);
    expect(listed.body.pools.find((candidate: { poolId: string }) => candidate.poolId === pool.poolId)).toMatchObject({ myCommitment: null, total: 0 });
    expect((await api('/pools', { token: backOffice })).status).toBe(403);
    expect((await api(`/console/pools/${pool.poolId}`, { token: buyer })).status).toBe(403);
    expect((await api('/pools/no-such-pool', { token: buyer })).status).toBe(404);
    expect((await api('/console/pools', { token: backOffice })).body.pools.some((candidate: { poolId: string }) => candidate.poolId === pool.poolId)).toBe(
      true,
    );
  });

  it('a buyer commits only for their own company', async () => {
    const [backOffice, muellerBuyer, nowakBuyer, nowakSuper] = await Promise.all([
      signIn(users.backOffice, 'console'),
      signIn(users.muellerBuyer),
      signIn(users.nowakBuyer),
      signIn(users.nowakAdmin),
    ]);
    const sku = await stockedSku(muellerBuyer, 'electrical', 1);
    const pool = await openPool(backOffice, { sku, name: 'Tenancy pool', currency: 'EUR', tiers: tiers(1500), closesAt: inSeconds(3600) });

    expect((await commit(nowakBuyer, pool.poolId, 4)).status).toBe(200);
    // The company is never taken from the request: a body naming another company is refused.
    const forOther = await api(`/pools/${pool.poolId}/commitment`, {
      token: muellerBuyer,
      method: 'PUT',
      body: { quantity: 50, companyId: 'nowak-instalacje' },
    });
    expect(forOther.status).toBe(400);
    expect(forOther.body.error.code).toBe('VALIDATION_FAILED');
    const own = await commit(muellerBuyer, pool.poolId, 3);
    expect(own.body).toMatchObject({ total: 7, participantCount: 2, myCommitment: { quantity: 3 } });
    expect((await api(`/pools/${pool.poolId}`, { token: nowakSuper })).body.myCommitment.quantity).toBe(4);
    // Staff cannot commit, and fractional or negative quantities are refused.
    expect((await commit(backOffice, pool.poolId, 1)).status).toBe(403);
    expect((await commit(muellerBuyer, pool.poolId, 1.5)).status).toBe(400);
    expect((await commit(muellerBuyer, pool.poolId, -1)).status).toBe(400);

    const console = await api(`/console/pools/${pool.poolId}`, { token: backOffice });
    expect(console.body.participants.map((participant: { companyId: string; quantity: number }) => [participant.companyId, participant.quantity])).toEqual([
      ['nowak-instalacje', 4],
      ['mueller-bau', 3],
    ]);
  });

  it('100 concurrent commitments of several companies never lose a quantity', async () => {
    const backOffice = await signIn(users.backOffice, 'console');
    const companies: { companyId: string; tokens: string[] }[] = [
      { companyId: 'mueller-bau', tokens: await Promise.all([signIn(users.muellerAdmin), signIn(users.muellerBuyer)]) },
      { companyId: 'nowak-instalacje', tokens: await Promise.all([signIn(users.nowakAdmin), signIn(users.nowakBuyer)]) },
    ];
    for (let index = 0; index < 3; index++) {
      const created = await newCompanyWithBuyers(5);
      companies.push({ companyId: created.companyId, tokens: created.tokens });
    }
    const sku = await stockedSku(companies[0]!.tokens[0]!, 'electrical', 1);
    const pool = await openPool(backOffice, { sku, name: 'Concurrency pool', currency: 'EUR', tiers: tiers(1000), closesAt: inSeconds(3600) });

    // Round-robin over every user of every company, each with its own quantity (0 withdraws).
    const requests = Array.from({ length: 100 }, (_, index) => {
      const company = companies[index % companies.length]!;
      const token = company.tokens[Math.floor(index / companies.length) % company.tokens.length]!;
      return { company, token, quantity: (index * 7) % 23 };
    });
    const responses = await Promise.all(requests.map((request) => commit(request.token, pool.poolId, request.quantity)));
    expect(responses.filter((response) => response.status !== 200).map((response) => response.body)).toEqual([]);

    // Each company's commitment is one of the quantities its users set (last writer wins inside a company) …
    const finals = await Promise.all(
      companies.map(async (company) => (await api(`/pools/${pool.poolId}`, { token: company.tokens[0]! })).body.myCommitment?.quantity ?? 0),
    );
    companies.forEach((company, index) => {
      const written = requests.filter((request) => request.company === company).map((request) => request.quantity);
      expect(written).toContain(finals[index]);
    });
    // … and the pool total is exactly their sum.
    const expected = finals.reduce((sum, quantity) => sum + quantity, 0);
    const detail = (await api(`/console/pools/${pool.poolId}`, { token: backOffice })).body;
    expect(detail.total).toBe(expected);
    expect(detail.participants.reduce((sum: number, participant: { quantity: number }) => sum + participant.quantity, 0)).toBe(expected);
    expect(detail.participants).toHaveLength(finals.filter((quantity) => quantity > 0).length);
    expect(new Set(detail.participants.map((participant: { companyId: string }) => participant.companyId)).size).toBe(detail.participants.length);

    // A second, deterministic wave: every user adds their company's final + 1 at once; then all withdraw but one.
    await Promise.all(companies.flatMap((company, index) => company.tokens.map((token) => commit(token, pool.poolId, finals[index]! + 1))));
    expect((await api(`/pools/${pool.poolId}`, { token: companies[0]!.tokens[0]! })).body.total).toBe(expected + companies.length);
    await Promise.all(companies.slice(1).map((company) => commit(company.tokens[company.tokens.length - 1]!, pool.poolId, 0)));
    const after = (await api(`/console/pools/${pool.poolId}`, { token: backOffice })).body;
    expect(after).toMatchObject({ total: finals[0]! + 1, participants: [{ companyId: 'mueller-bau', quantity: finals[0]! + 1 }] });
  }, 180_000);
});

describe('group buying: closing', () => {
  it('at closesAt every participant is charged the best tier reached, through the order saga; afterwards commitments are binding', async () => {
    const [backOffice, muellerBuyer, nowakBuyer] = await Promise.all([
      signIn(users.backOffice, 'console'),
      signIn(users.muellerBuyer),
      signIn(users.nowakBuyer),
    ]);
    const fresh = await newCompanyWithBuyers(1);
    const sku = await stockedSku(muellerBuyer, 'electrical', 40);
    const poolTiers = tiers(2_500);
    const pool = await openPool(backOffice, { sku, name: 'Closing pool', currency: 'EUR', tiers: poolTiers, closesAt: inSeconds(6) });

    expect((await commit(muellerBuyer, pool.poolId, 12)).status).toBe(200);
    expect((await commit(nowakBuyer, pool.poolId, 8)).status).toBe(200);
    // Withdrawals and changes are allowed before closing.
    expect((await commit(fresh.admin, pool.poolId, 20)).body.tierReached).toBe(2);
    const changed = await commit(fresh.admin, pool.poolId, 6);
    expect(changed.body).toMatchObject({ total: 26, tierReached: 2, currentUnitPrice: { amount: poolTiers[2]!.unitPrice }, myCommitment: { quantity: 6 } });

    // Wait for the closing time (the local Step Functions Wait state really waits).
    await sleep(Math.max(0, new Date(pool.closesAt).getTime() - Date.now()) + 200);
    const late = await commit(nowakBuyer, pool.poolId, 0);
    expect(late.status).toBe(409);
    expect(late.body.error.code).toBe('POOL_CLOSED');
    expect((await commit(muellerBuyer, pool.poolId, 30)).body.error.code).toBe('POOL_CLOSED');

    const participants = [
      { companyId: 'mueller-bau', token: muellerBuyer, quantity: 12, payment: 'on-account', vatRate: 1900 },
      { companyId: 'nowak-instalacje', token: nowakBuyer, quantity: 8, payment: 'bank-prepayment', vatRate: 0 },
      { companyId: fresh.companyId, token: fresh.admin, quantity: 6, payment: 'bank-prepayment', vatRate: 1900 },
    ];
    const unitPrice = poolTiers[2]!.unitPrice;
    for (const participant of participants) {
      const placed = await groupBuyOrder(participant.token, participant.companyId, pool.poolId);
      const order = await settledOrder(participant.token, participant.companyId, placed.orderId, 60_000);
      expect(order.status, order.failureReason).toBe('confirmed');
      expect(order.lines).toHaveLength(1);
      expect(order.lines[0]).toMatchObject({
        sku,
        quantity: String(participant.quantity),
        unitNet: { amount: unitPrice, currency: 'EUR' },
        lineNet: { amount: unitPrice * participant.quantity },
      });
      expect(order.net.amount).toBe(unitPrice * participant.quantity);
      expect(order.lines[0].vatRate).toBe(participant.vatRate);
      // Reverse charge (the Polish participant): the VIES evidence travels with the order, as in checkout.
      if (participant.vatRate === 0) expect(order.vatEvidence).toMatchObject({ source: 'VIES', valid: true, vatId: order.reverseCharge.evidence.vatId });
      else expect(order.vatEvidence).toBeUndefined();
      expect(order.gross.amount).toBe(order.net.amount + order.vat.amount);
      expect(order.paymentMethod).toBe(participant.payment);
      expect(order.delivery).toEqual({ kind: 'pickup', warehouseId: 'stuttgart' });
      expect(order.deliveryFee.amount).toBe(0);
      expect(order.groupBuy).toMatchObject({ poolId: pool.poolId, total: 26 });
      expect(order.invoiceNumber).toBeTruthy();
    }
    // VAT from each participant's pricing context: German companies 19 %, the Polish one under reverse charge 0 %;
    // on account only for the regular wholesale customer with credit, bank prepayment otherwise.
    const detail = (await api(`/console/pools/${pool.poolId}`, { token: backOffice })).body;
    expect(detail).toMatchObject({
      status: 'closed',
      total: 26,
      tierReached: 2,
      result: { total: 26, tierReached: 2, unitPrice: { amount: unitPrice }, orders: 3 },
    });
    expect(detail.participants.every((participant: { orderId?: string }) => participant.orderId)).toBe(true);
    // Closed pools are no longer listed for shoppers.
    expect((await api('/pools', { token: muellerBuyer })).body.pools.some((candidate: { poolId: string }) => candidate.poolId === pool.poolId)).toBe(false);
  }, 120_000);
});
