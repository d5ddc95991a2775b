import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { api, signIn, users } from '../support/api.js';
import { newCompanyWithBuyers, outbox } from '../support/accounts.js';
import { fillCart, placeOrder, settledOrder, stockedSku } from '../support/orders.js';

const pickup = { kind: 'pickup', warehouseId: 'stuttgart' };
const eur = (amount: number) => ({ amount, currency: 'EUR' });

interface Member {
  readonly token: string;
  readonly sub: string;
  readonly email: string;
}

/** A fresh company: members[0] is the company admin, the others are buyers. */
async function company(size: number) {
  const created = await newCompanyWithBuyers(size);
  const members: Member[] = await Promise.all(
    created.tokens.map(async (token) => {
      const me = (await api('/me', { token })).body.user;
      return { token, sub: me.sub as string, email: me.email as string };
    }),
  );
  return { ...created, members };
}

describe('purchase-order approval rules and budgets', () => {
  let companyId: string;
  let admin: Member;
  let buyer: Member;
  let lead: Member;
  let other: Member;
  let gloves: string;
  let spanner: string;

  const base = () => `/companies/${companyId}`;
  const putRule = (ruleId: string, body: unknown, token = admin.token) => api(`${base()}/approval-rules/${ruleId}`, { token, method: 'PUT', body });
  const deleteRule = (ruleId: string) => api(`${base()}/approval-rules/${ruleId}`, { token: admin.token, method: 'DELETE' });
  const putBudget = (budgetId: string, body: unknown) => api(`${base()}/budgets/${budgetId}`, { token: admin.token, method: 'PUT', body });
  const deleteBudget = (budgetId: string) => api(`${base()}/budgets/${budgetId}`, { token: admin.token, method: 'DELETE' });
  const preview = (token: string, extra: Record<string, unknown> = {}) =>
    api('/checkout/preview', { token, method: 'POST', body: { delivery: pickup, ...extra } });
  const decide = (token: string, orderId: string, approve: boolean, comment?: string) =>
    api(`${base()}/orders/${orderId}/approval`, { token, method: 'POST', body: { approve, ...(comment ? { comment } : {}) } });
  const pending = async (token: string) =>
    ((await api(`${base()}/approvals`, { token })).body.approvals as { orderId: string }[]).map((entry) => entry.orderId);
  const budgetConsumed = async (budgetId: string) =>
    ((await api(`${base()}/budgets`, { token: admin.token })).body.budgets as { budgetId: string; consumed: { amount: number } }[]).find(
      (budget) => budget.budgetId === budgetId,
    )!.consumed.amount;

  beforeAll(async () => {
    const created = await company(4);
    companyId = created.companyId;
    [admin, buyer, lead, other] = created.members as [Member, Member, Member, Member];
    gloves = await stockedSku(admin.token, 'safety', 50);
    spanner = await stockedSku(admin.token, 'hand-tools', 10);
  }, 120_000);

  it('each rule type asks for approval exactly when it matches', async () => {
    await fillCart(buyer.token, [{ sku: gloves, quantity: 2 }]);
    const plain = await preview(buyer.token);
    expect(plain.status).toBe(200);
    expect(plain.body.approval).toMatchObject({ required: false, levels: [] });
    const net = plain.body.cart.quote.net.amount as number;
    const payable = plain.body.payable.amount as number;
    const level = [{ approverSubs: [lead.sub], roles: [] }];

    const cases: { condition: Record<string, unknown>; matching: boolean }[] = [
      { condition: { kind: 'order-total-above', basis: 'net', amount: eur(net - 1) }, matching: true },
      { condition: { kind: 'order-total-above', basis: 'net', amount: eur(net) }, matching: false },
      { condition: { kind: 'order-total-above', basis: 'gross', amount: eur(payable - 1) }, matching: true },
      { condition: { kind: 'contains', categories: ['safety'], skus: [] }, matching: true },
      { condition: { kind: 'contains', categories: ['hand-tools'], skus: [spanner] }, matching: false },
      { condition: { kind: 'contains', categories: [], skus: [gloves] }, matching: true },
      { condition: { kind: 'delivery-method', methods: ['pickup'] }, matching: true },
      { condition: { kind: 'delivery-method', methods: ['carrier', 'dropshipping'] }, matching: false },
      { condition: { kind: 'buyer-role', roles: ['buyer'] }, matching: true },
      { condition: { kind: 'buyer-role', roles: ['super-user', 'company-admin'] }, matching: false },
    ];
    for (const { condition, matching } of cases) {
      const ruleId = `rule-${randomUUID()}`;
      expect((await putRule(ruleId, { name: `Rule ${String(condition.kind)}`, condition, levels: level })).status).toBe(200);
      const seen = (await preview(buyer.token)).body.approval;
      expect(seen.required, JSON.stringify(condition)).toBe(matching);
      if (matching) {
        expect(seen.levels).toEqual([expect.objectContaining({ level: 1, approverSubs: [lead.sub], ruleIds: [ruleId], approverNames: ['Buyer 2'] })]);
        // Why, as a code with the order's figures (issue 16 item 2), plus English for integrators.
        expect(seen.levels[0].reasons).toEqual([
          expect.objectContaining({ code: String(condition.kind).toUpperCase().replace(/-/g, '_'), params: expect.any(Object), message: expect.any(String) }),
        ]);
      }
      expect((await deleteRule(ruleId)).status).toBe(200);
    }

    // The per-user order limit is the built-in rule until the admin stores their own.
    const builtIn = (await api(`${base()}/approval-rules`, { token: admin.token })).body.rules;
    expect(builtIn).toEqual([expect.objectContaining({ ruleId: 'order-limit', builtIn: true, condition: { kind: 'user-order-limit' } })]);
    await api(`${base()}/users/${buyer.sub}`, { token: admin.token, method: 'PATCH', body: { orderLimit: eur(payable - 1) } });
    try {
      expect((await preview(buyer.token)).body.approval.levels).toEqual([
        expect.objectContaining({
          roles: ['company-admin'],
          ruleIds: ['order-limit'],
          reasons: [expect.objectContaining({ code: 'USER_ORDER_LIMIT', params: { total: eur(payable), limit: eur(payable - 1) } })],
        }),
      ]);
      expect((await putRule('order-limit', { name: 'Limit → team lead', condition: { kind: 'user-order-limit' }, levels: level })).status).toBe(200);
      expect((await preview(buyer.token)).body.approval.levels).toEqual([
        expect.objectContaining({ approverSubs: [lead.sub], roles: [], ruleIds: ['order-limit'] }),
      ]);
      expect((await putRule('order-limit', { name: 'Off', active: false, condition: { kind: 'user-order-limit' }, levels: level })).status).toBe(200);
      expect((await preview(buyer.token)).body.approval.required).toBe(false);
      expect((await deleteRule('order-limit')).body.restored).toMatchObject({ ruleId: 'order-limit', builtIn: true });
    } finally {
      await api(`${base()}/users/${buyer.sub}`, { token: admin.token, method: 'PATCH', body: { orderLimit: null } });
    }

    // A warn budget that would be exceeded triggers the 'budget-exceeded' rule.
    await putBudget('tight-warn', { name: 'Tight', scope: { kind: 'company' }, period: 'monthly', amount: eur(1), mode: 'warn' });
    await putRule('over-budget', { name: 'Over budget', condition: { kind: 'budget-exceeded' }, levels: [{ roles: ['company-admin'] }] });
    const over = (await preview(buyer.token)).body;
    expect(over.approval.levels).toEqual([
      expect.objectContaining({ ruleIds: ['over-budget'], reasons: [expect.objectContaining({ code: 'BUDGET_EXCEEDED', params: { budgets: ['Tight'] } })] }),
    ]);
    expect(over.budgets).toEqual([expect.objectContaining({ budgetId: 'tight-warn', mode: 'warn', exceeded: true })]);
    await deleteBudget('tight-warn');
    expect((await preview(buyer.token)).body.approval.required).toBe(false);
    await deleteRule('over-budget');

    // Bad rules are refused with a code.
    const ghost = await putRule('ghost', { name: 'Ghost', condition: { kind: 'buyer-role', roles: ['buyer'] }, levels: [{ approverSubs: ['not-a-user'] }] });
    expect(ghost.status).toBe(400);
    expect(ghost.body.error.code).toBe('INVALID_RULE');
    expect((await putRule('x', { name: 'X', condition: { kind: 'user-order-limit' }, levels: [{ roles: ['company-admin'] }] })).body.error.code).toBe(
      'INVALID_RULE',
    );
    expect((await putRule('y', { name: 'Y', condition: { kind: 'weekday' }, levels: [{ roles: ['company-admin'] }] })).body.error.code).toBe(
      'VALIDATION_FAILED',
    );
  }, 120_000);

  it('two levels: the team lead, then the company admin; the buyer sees the history and the order is placed', async () => {
    await putRule('two-levels', {
      name: 'Everything from buyers',
      condition: { kind: 'buyer-role', roles: ['buyer'] },
      levels: [{ approverSubs: [lead.sub] }, { roles: ['company-admin'] }],
    });
    try {
      await fillCart(buyer.token, [{ sku: gloves, quantity: 1 }]);
      const placed = await placeOrder(buyer.token, { delivery: pickup, paymentMethod: 'bank-prepayment', poNumber: 'PO-APPROVE-2' });
      expect(placed.status).toBe(202);
      expect(placed.body.status).toBe('awaiting-approval');
      const orderId = placed.body.orderId as string;
      await expect
        .poll(async () =>
          (await outbox()).some(
            // Parallel Bau is German: so are its approval mails.
            (mail) => mail.to.includes(lead.email) && mail.subject.includes(placed.body.orderNumber) && mail.subject.includes('Stufe 1 von 2'),
          ),
        )
        .toBe(true);

      expect(await pending(lead.token)).toContain(orderId);
      expect(await pending(admin.token)).not.toContain(orderId);
      expect(await pending(buyer.token)).not.toContain(orderId);
      // Not an approver of level 1, and nobody approves their own order.
      expect((await decide(admin.token, orderId, true)).status).toBe(403);
      expect((await decide(buyer.token, orderId, true)).status).toBe(403);

      const first = await decide(lead.token, orderId, true, 'Needed for site B');
      expect(first.status).toBe(200);
      expect(first.body).toMatchObject({ status: 'awaiting-approval', currentLevel: 2 });
      expect(await pending(lead.token)).not.toContain(orderId);
      expect(await pending(admin.token)).toContain(orderId);
      await expect.poll(async () => (await outbox()).some((mail) => mail.to.includes(admin.email) && mail.subject.includes('Stufe 2 von 2'))).toBe(true);
      const request = (await outbox()).find((mail) => mail.to.includes(admin.email) && mail.subject.includes(placed.body.orderNumber))!;
      expect(request.subject).toBe(`Bestellung ${placed.body.orderNumber} wartet auf Ihre Freigabe (Stufe 2 von 2)`);
      expect(request.text).toMatch(
        /hat die Bestellung .* aufgegeben \(\d{1,3}(\.\d{3})*,\d{2} €\)\.\nSie muss freigegeben werden wegen: Everything from buyers\./,
      );
      expect(request.text).not.toMatch(/needs approval|Approve or reject/);

      const second = await decide(admin.token, orderId, true, 'OK');
      expect(second.body).toMatchObject({ status: 'placing' });
      expect((await decide(admin.token, orderId, true)).body.error.code).toBe('ALREADY_DECIDED');

      const order = await settledOrder(buyer.token, companyId, orderId);
      expect(order.status).toBe('confirmed');
      expect(order.approvalFlow.history).toEqual([
        expect.objectContaining({ level: 1, decision: 'approved', comment: 'Needed for site B', by: expect.objectContaining({ sub: lead.sub }) }),
        expect.objectContaining({ level: 2, decision: 'approved', comment: 'OK', by: expect.objectContaining({ sub: admin.sub }) }),
      ]);
      expect(await pending(admin.token)).not.toContain(orderId);
    } finally {
      await deleteRule('two-levels');
    }
  }, 90_000);

  it("a company set to Polish gets Polish approval and rejection mails; clearing its language returns to its country's (German)", async () => {
    const setLanguage = (language: string | null) => api(base(), { token: admin.token, method: 'PATCH', body: { language } });
    await putRule('polish', { name: 'Wszystko od kupujących', condition: { kind: 'buyer-role', roles: ['buyer'] }, levels: [{ approverSubs: [lead.sub] }] });
    try {
      const set = await setLanguage('pl');
      expect(set.status, JSON.stringify(set.body)).toBe(200);
      expect(set.body.language).toBe('pl');
      expect((await api(base(), { token: admin.token })).body.language).toBe('pl');
      expect((await setLanguage('fr')).status).toBe(400);

      await fillCart(buyer.token, [{ sku: gloves, quantity: 1 }]);
      const placed = await placeOrder(buyer.token, { delivery: pickup, paymentMethod: 'bank-prepayment' });
      expect(placed.body.status).toBe('awaiting-approval');
      const number = placed.body.orderNumber as string;
      const approvalMail = async () => (await outbox()).find((mail) => mail.to.includes(lead.email) && mail.subject.includes(number));
      await expect.poll(async () => (await approvalMail())?.subject).toBe(`Zamówienie ${number} czeka na Twoją akceptację (poziom 1 z 1)`);
      const request = (await approvalMail())!;
      expect(request.text).toMatch(/złożył\(a\) zamówienie .* \(\d{1,3}( \d{3})*,\d{2} €\)\.\nWymaga akceptacji z powodu: Wszystko od kupujących\./);
      expect(request.text).not.toMatch(/needs approval|Freigabe/);

      expect((await decide(lead.token, placed.body.orderId, false, 'Nie teraz')).body.status).toBe('rejected');
      const rejection = async () => (await outbox()).find((mail) => mail.to.includes(buyer.email) && mail.subject.includes(number));
      await expect.poll(async () => (await rejection())?.subject).toBe(`Zamówienie ${number} zostało odrzucone`);
      expect((await rejection())!.text).toContain('Komentarz: Nie teraz');

      const cleared = await setLanguage(null);
      expect(cleared.status).toBe(200);
      expect(cleared.body.language).toBeUndefined();
    } finally {
      await setLanguage(null);
      await deleteRule('polish');
    }
  }, 90_000);

  it('two approvers of the same level at once: exactly one decision counts', async () => {
    await putRule('either', { name: 'Either of two', condition: { kind: 'buyer-role', roles: ['buyer'] }, levels: [{ approverSubs: [lead.sub, other.sub] }] });
    try {
      await fillCart(buyer.token, [{ sku: gloves, quantity: 1 }]);
      const placed = await placeOrder(buyer.token, { delivery: pickup, paymentMethod: 'bank-prepayment' });
      const orderId = placed.body.orderId as string;
      const [byLead, byOther] = await Promise.all([decide(lead.token, orderId, true, 'yes'), decide(other.token, orderId, false, 'no')]);
      expect([byLead.status, byOther.status].sort()).toEqual([200, 409]);
      const winner = byLead.status === 200 ? byLead : byOther;
      const order = (await api(`${base()}/orders/${orderId}`, { token: buyer.token })).body;
      expect(order.approvalFlow.history).toHaveLength(1);
      if (winner === byOther) expect(order.status).toBe('rejected');
      else expect(order.status).not.toBe('rejected');
      if (order.status !== 'rejected') await settledOrder(buyer.token, companyId, orderId);
    } finally {
      await deleteRule('either');
    }
  }, 60_000);

  it('cost centres from the admin’s list, PO number, budgets per cost centre; a rejection gives the budget back', async () => {
    const centres = (await api(`${base()}/cost-centres`, { token: buyer.token })).body;
    expect(centres).toEqual({ centres: [], version: 0 });
    const saved = await api(`${base()}/cost-centres`, {
      token: admin.token,
      method: 'PUT',
      body: {
        centres: [
          { code: 'CC-4100', name: 'Logistik' },
          { code: 'CC-5200', name: 'Montage' },
        ],
        version: 0,
      },
    });
    expect(saved.body.version).toBe(1);
    expect((await api(`${base()}/cost-centres`, { token: admin.token, method: 'PUT', body: { centres: [], version: 0 } })).body.error.code).toBe(
      'COST_CENTRES_CHANGED',
    );
    expect(
      (await putBudget('ghost', { name: 'Ghost', scope: { kind: 'cost-centre', costCentre: 'CC-9' }, period: 'yearly', amount: eur(100), mode: 'block' })).body
        .error.code,
    ).toBe('UNKNOWN_COST_CENTRE');
    expect(
      (
        await putBudget('logistik', {
          name: 'Logistik Q',
          scope: { kind: 'cost-centre', costCentre: 'CC-4100' },
          period: 'quarterly',
          amount: eur(10_000_000),
          mode: 'block',
        })
      ).status,
    ).toBe(200);
    await putRule('review', { name: 'Admin reviews', condition: { kind: 'buyer-role', roles: ['buyer'] }, levels: [{ roles: ['company-admin'] }] });
    try {
      await fillCart(buyer.token, [{ sku: gloves, quantity: 3 }]);
      expect((await preview(buyer.token, { costCentre: 'CC-9999' })).body.error.code).toBe('UNKNOWN_COST_CENTRE');
      const withCentre = (await preview(buyer.token, { costCentre: 'CC-4100' })).body;
      expect(withCentre.costCentres).toHaveLength(2);
      expect(withCentre.budgets).toEqual([expect.objectContaining({ budgetId: 'logistik', exceeded: false, consumed: eur(0) })]);
      expect((await preview(buyer.token, { costCentre: 'CC-5200' })).body.budgets).toEqual([]);
      const spend = withCentre.budgets[0].spend.amount as number;

      const refused = await placeOrder(buyer.token, { delivery: pickup, paymentMethod: 'bank-prepayment', costCentre: 'CC-0000' });
      expect(refused.status).toBe(400);
      expect(refused.body.error.code).toBe('UNKNOWN_COST_CENTRE');
      const placed = await placeOrder(buyer.token, { delivery: pickup, paymentMethod: 'bank-prepayment', costCentre: 'CC-4100', poNumber: 'PO-CC-1' });
      expect(placed.body.status).toBe('awaiting-approval');
      const orderId = placed.body.orderId as string;
      expect(await budgetConsumed('logistik')).toBe(spend);

      const rejected = await decide(admin.token, orderId, false, 'Not this quarter');
      expect(rejected.body.status).toBe('rejected');
      expect(await budgetConsumed('logistik')).toBe(0);
      const order = (await api(`${base()}/orders/${orderId}`, { token: buyer.token })).body;
      expect(order).toMatchObject({ status: 'rejected', costCentre: 'CC-4100', poNumber: 'PO-CC-1' });
      expect(order.approvalFlow.history).toEqual([expect.objectContaining({ decision: 'rejected', comment: 'Not this quarter' })]);
      expect(await pending(admin.token)).not.toContain(orderId);
      await expect
        .poll(async () =>
          (await outbox()).some((mail) => mail.to.includes(buyer.email) && mail.subject === `Bestellung ${placed.body.orderNumber} wurde abgelehnt`),
        )
        .toBe(true);
      const rejection = (await outbox()).find((mail) => mail.to.includes(buyer.email) && mail.subject.includes(placed.body.orderNumber))!;
      expect(rejection.text).toContain(`hat Ihre Bestellung ${placed.body.orderNumber} abgelehnt.\nKommentar: Not this quarter`);
    } finally {
      await deleteRule('review');
      await deleteBudget('logistik');
    }
  }, 90_000);

  it('block refuses the order with BUDGET_EXCEEDED; warn lets it through with a warning on the order', async () => {
    await fillCart(buyer.token, [{ sku: gloves, quantity: 1 }]);
    await putBudget('block-small', { name: 'Small', scope: { kind: 'company' }, period: 'monthly', amount: eur(1), mode: 'block' });
    const seen = (await preview(buyer.token)).body.budgets;
    expect(seen).toEqual([expect.objectContaining({ budgetId: 'block-small', mode: 'block', exceeded: true })]);
    const blocked = await placeOrder(buyer.token, { delivery: pickup, paymentMethod: 'bank-prepayment' });
    expect(blocked.status).toBe(409);
    expect(blocked.body.error.code).toBe('BUDGET_EXCEEDED');
    await deleteBudget('block-small');

    await putBudget('warn-small', { name: 'Small warn', scope: { kind: 'company' }, period: 'yearly', amount: eur(1), mode: 'warn' });
    try {
      const placed = await placeOrder(buyer.token, { delivery: pickup, paymentMethod: 'bank-prepayment' });
      expect(placed.status).toBe(202);
      expect(placed.body.status).toBe('placing');
      expect(placed.body.budgetWarnings).toEqual([expect.objectContaining({ budgetId: 'warn-small', exceeded: true })]);
      const order = await settledOrder(buyer.token, companyId, placed.body.orderId);
      expect(order.status).toBe('confirmed');
      expect(order.budgets).toEqual([expect.objectContaining({ budgetId: 'warn-small', mode: 'warn', exceeded: true })]);
      expect(await budgetConsumed('warn-small')).toBe(order.budgets[0].spend.amount);
    } finally {
      await deleteBudget('warn-small');
    }
  }, 90_000);

  it('a failed order gives its budget back (saga compensation)', async () => {
    await putBudget('fail-test', { name: 'Fail test', scope: { kind: 'company' }, period: 'yearly', amount: eur(10_000_000), mode: 'block' });
    try {
      await fillCart(buyer.token, [{ sku: gloves, quantity: 1 }]);
      const placed = await placeOrder(buyer.token, { delivery: pickup, paymentMethod: 'bank-prepayment', poNumber: 'FAIL-ERP-BUDGET' });
      expect(placed.status).toBe(202);
      expect(await budgetConsumed('fail-test')).toBeGreaterThan(0);
      expect((await settledOrder(buyer.token, companyId, placed.body.orderId, 60_000)).status).toBe('failed');
      expect(await budgetConsumed('fail-test')).toBe(0);
    } finally {
      await deleteBudget('fail-test');
    }
  }, 90_000);

  it('refuses an order nobody but its buyer could approve (NO_APPROVER) instead of letting it wait forever', async () => {
    await putRule('admins-only', { name: 'Admins', condition: { kind: 'buyer-role', roles: ['company-admin'] }, levels: [{ roles: ['company-admin'] }] });
    try {
      await fillCart(admin.token, [{ sku: gloves, quantity: 1 }]);
      expect((await preview(admin.token)).body.approval).toMatchObject({ required: true, levelsWithoutApprover: [1] });
      const refused = await placeOrder(admin.token, { delivery: pickup, paymentMethod: 'bank-prepayment' });
      expect(refused.status).toBe(409);
      expect(refused.body.error.code).toBe('NO_APPROVER');
      // With a named approver other than the buyer the order can wait for them.
      await putRule('admins-only', { name: 'Admins', condition: { kind: 'buyer-role', roles: ['company-admin'] }, levels: [{ approverSubs: [lead.sub] }] });
      expect((await preview(admin.token)).body.approval).toMatchObject({ required: true, levelsWithoutApprover: [] });
    } finally {
      await deleteRule('admins-only');
      await api('/cart', { token: admin.token, method: 'DELETE' });
    }
  });

  it('quote acceptance follows the same rules and budgets: above the total it waits for the approver; a block budget refuses it and the quote stays acceptable', async () => {
    const backOffice = await signIn(users.backOffice, 'console');
    const validUntil = new Date(Date.now() + 14 * 86_400_000).toISOString().slice(0, 10);
    const sentQuote = async (quantity: number) => {
      const created = await api(`${base()}/offers`, {
        token: backOffice,
        method: 'POST',
        body: { lines: [{ sku: gloves, quantity }], terms: { delivery: pickup, paymentMethod: 'bank-prepayment', validUntil } },
      });
      expect(created.status, JSON.stringify(created.body)).toBe(201);
      expect((await api(`${base()}/offers/${created.body.offerId}/send`, { token: backOffice, method: 'POST' })).status).toBe(200);
      return { offerId: created.body.offerId as string, net: created.body.version.net.amount as number };
    };
    const accept = (offerId: string, key: string = randomUUID()) =>
      api(`${base()}/offers/${offerId}/acceptance`, { token: buyer.token, method: 'POST', body: { version: 1 }, headers: { 'idempotency-key': key } });
    const small = await sentQuote(1);
    const large = await sentQuote(3);
    expect(large.net).toBeGreaterThan(small.net);
    await putRule('quote-total', {
      name: 'Large orders',
      condition: { kind: 'order-total-above', basis: 'net', amount: eur(small.net) },
      levels: [{ approverSubs: [lead.sub] }],
    });
    await putBudget('quote-block', { name: 'Tiny', scope: { kind: 'company' }, period: 'monthly', amount: eur(1), mode: 'block' });
    try {
      const blocked = await accept(small.offerId);
      expect(blocked.status).toBe(409);
      expect(blocked.body.error.code).toBe('BUDGET_EXCEEDED');
      const untouched = (await api(`${base()}/offers/${small.offerId}`, { token: buyer.token })).body;
      expect(untouched).toMatchObject({ status: 'sent', acceptable: true });
      expect(untouched.acceptance).toBeUndefined();
      expect(await budgetConsumed('quote-block')).toBe(0);
      await deleteBudget('quote-block');

      // Above the rule's total: saved as awaiting-approval with its flow, the approver is e-mailed; the same key replays.
      const key = randomUUID();
      const waiting = await accept(large.offerId, key);
      expect(waiting.status, JSON.stringify(waiting.body)).toBe(202);
      expect(waiting.body.status).toBe('awaiting-approval');
      const orderId = waiting.body.orderId as string;
      expect((await accept(large.offerId, key)).body).toMatchObject({ orderId, status: 'awaiting-approval' });
      expect((await accept(large.offerId)).body.error.code).toBe('QUOTE_ALREADY_ACCEPTED');
      await expect
        .poll(async () => (await outbox()).some((mail) => mail.to.includes(lead.email) && mail.subject.includes(waiting.body.orderNumber)))
        .toBe(true);
      expect(await pending(lead.token)).toContain(orderId);
      const stored = (await api(`${base()}/orders/${orderId}`, { token: buyer.token })).body;
      expect(stored).toMatchObject({ status: 'awaiting-approval', quote: { offerId: large.offerId, version: 1 } });
      expect(stored.approvalFlow.levels).toEqual([expect.objectContaining({ ruleIds: ['quote-total'] })]);
      expect((await decide(lead.token, orderId, true)).body.status).toBe('placing');
      expect((await settledOrder(buyer.token, companyId, orderId)).status).toBe('confirmed');

      // Not above the total, only a warn budget: the refused quote is accepted straight into the saga, the warning recorded.
      await putBudget('quote-warn', { name: 'Tiny warn', scope: { kind: 'company' }, period: 'monthly', amount: eur(1), mode: 'warn' });
      const direct = await accept(small.offerId);
      expect(direct.status, JSON.stringify(direct.body)).toBe(202);
      expect(direct.body.status).toBe('placing');
      expect(direct.body.budgetWarnings).toEqual([expect.objectContaining({ budgetId: 'quote-warn', exceeded: true })]);
      const placed = await settledOrder(buyer.token, companyId, direct.body.orderId);
      expect(placed.status).toBe('confirmed');
      expect(placed.budgets).toEqual([expect.objectContaining({ budgetId: 'quote-warn', mode: 'warn', exceeded: true })]);
      expect(await budgetConsumed('quote-warn')).toBe(placed.budgets[0].spend.amount);
      expect((await api(`${base()}/offers/${small.offerId}`, { token: buyer.token })).body).toMatchObject({
        status: 'accepted',
        acceptance: { orderId: direct.body.orderId },
      });
    } finally {
      await deleteRule('quote-total');
      await deleteBudget('quote-block');
      await deleteBudget('quote-warn');
    }
  }, 120_000);

  it('tenancy: other companies and buyers cannot read or change rules, budgets, cost centres or approvals', async () => {
    await putRule('tenancy', { name: 'Tenancy', condition: { kind: 'buyer-role', roles: ['buyer'] }, levels: [{ roles: ['company-admin'] }] });
    await fillCart(buyer.token, [{ sku: gloves, quantity: 1 }]);
    const placed = await placeOrder(buyer.token, { delivery: pickup, paymentMethod: 'bank-prepayment' });
    const orderId = placed.body.orderId as string;
    try {
      const foreignAdmin = await signIn(users.nowakAdmin);
      const rep = await signIn(users.rep);
      const rule = { name: 'Hijack', condition: { kind: 'buyer-role', roles: ['buyer'] }, levels: [{ roles: ['company-admin'] }] };
      const budget = { name: 'Hijack', scope: { kind: 'company' }, period: 'monthly', amount: eur(1), mode: 'block' };
      const attempts: [string, string, string, unknown?][] = [
        [foreignAdmin, 'GET', '/approval-rules'],
        [foreignAdmin, 'PUT', '/approval-rules/tenancy', rule],
        [foreignAdmin, 'DELETE', '/approval-rules/tenancy'],
        [foreignAdmin, 'GET', '/budgets'],
        [foreignAdmin, 'PUT', '/budgets/hijack', budget],
        [foreignAdmin, 'GET', '/cost-centres'],
        [foreignAdmin, 'PUT', '/cost-centres', { centres: [], version: 1 }],
        [foreignAdmin, 'GET', '/approvals'],
        [foreignAdmin, 'POST', `/orders/${orderId}/approval`, { approve: true }],
        [rep, 'GET', '/cost-centres'],
        [rep, 'GET', '/approval-rules'],
        [buyer.token, 'GET', '/approval-rules'],
        [buyer.token, 'PUT', '/approval-rules/tenancy', rule],
        [buyer.token, 'DELETE', '/approval-rules/tenancy'],
        [buyer.token, 'GET', '/budgets'],
        [buyer.token, 'PUT', '/budgets/hijack', budget],
        [buyer.token, 'PUT', '/cost-centres', { centres: [], version: 1 }],
      ];
      for (const [token, method, path, body] of attempts) {
        const response = await api(`${base()}${path}`, { token, method, ...(body ? { body } : {}) });
        expect(response.status, `${method} ${path}`).toBe(403);
      }
      // The foreign admin in their own company does not find company A's order.
      const nowak = 'nowak-instalacje';
      expect((await api(`/companies/${nowak}/orders/${orderId}/approval`, { token: foreignAdmin, method: 'POST', body: { approve: true } })).status).toBe(404);
      expect(
        (await api(`/companies/${nowak}/approvals`, { token: foreignAdmin })).body.approvals.map((entry: { orderId: string }) => entry.orderId),
      ).not.toContain(orderId);
      // Nothing changed.
      expect((await api(`${base()}/approval-rules`, { token: admin.token })).body.rules.map((candidate: { ruleId: string }) => candidate.ruleId)).toContain(
        'tenancy',
      );
      expect((await api(`${base()}/budgets`, { token: admin.token })).body.budgets).toEqual([]);
      expect((await api(`${base()}/orders/${orderId}`, { token: admin.token })).body.status).toBe('awaiting-approval');
    } finally {
      await decide(admin.token, orderId, false, 'cleanup');
      await deleteRule('tenancy');
    }
  }, 60_000);
});

describe('a budget under concurrent checkouts', () => {
  it('10 buyers at once, a block budget that fits 3: exactly 3 orders, never consumed twice', async () => {
    const { companyId, members } = await company(11);
    const [admin, ...buyers] = members as [Member, ...Member[]];
    const sku = await stockedSku(admin.token, 'safety', 20);
    for (const buyer of buyers) await fillCart(buyer.token, [{ sku, quantity: 1 }]);
    const spend = (await api('/checkout/preview', { token: buyers[0]!.token, method: 'POST', body: { delivery: pickup } })).body;
    const perOrder = (spend.cart.quote.net.amount as number) + (spend.deliveryFee.amount as number);
    const limit = perOrder * 3 + Math.floor(perOrder / 2);
    const put = await api(`/companies/${companyId}/budgets/month`, {
      token: admin.token,
      method: 'PUT',
      body: { name: 'Monthly', scope: { kind: 'company' }, period: 'monthly', amount: eur(limit), mode: 'block' },
    });
    expect(put.status).toBe(200);

    const keys = buyers.map(() => randomUUID());
    const placed = await Promise.all(
      buyers.map((buyer, index) => placeOrder(buyer.token, { delivery: pickup, paymentMethod: 'bank-prepayment' }, keys[index])),
    );
    const accepted = placed.filter((response) => response.status === 202);
    const refused = placed.filter((response) => response.status !== 202);
    expect(accepted).toHaveLength(3);
    expect(refused.map((response) => response.body.error.code)).toEqual(Array(7).fill('BUDGET_EXCEEDED'));

    const consumed = async () => (await api(`/companies/${companyId}/budgets`, { token: admin.token })).body.budgets[0].consumed.amount as number;
    expect(await consumed()).toBe(3 * perOrder);
    // Replaying an accepted request (same idempotency key) returns the same order and takes nothing more.
    const winner = placed.findIndex((response) => response.status === 202);
    const replay = await placeOrder(buyers[winner]!.token, { delivery: pickup, paymentMethod: 'bank-prepayment' }, keys[winner]);
    expect(replay.body.orderId).toBe(placed[winner]!.body.orderId);
    await Promise.all(accepted.map((response) => settledOrder(admin.token, companyId, response.body.orderId, 120_000)));
    expect(await consumed()).toBe(3 * perOrder);
  }, 240_000);
});
