import { describe, expect, it } from 'vitest';
import {
  applicableBudgets,
  approvalReason,
  approversOf,
  blockingEffects,
  budgetEffects,
  budgetSpend,
  conditionMatches,
  costCentreProblems,
  decide,
  defaultOrderLimitRule,
  effectiveRules,
  flowOf,
  levelsWithoutApprover,
  matchingRules,
  mayApproveLevel,
  mergeLevels,
  newApprovalFlow,
  periodKey,
  ruleProblems,
  warnings,
  type ApprovalRule,
  type Budget,
  type OrderFacts,
} from '../../functions/approvals/rules.js';

const eur = (amount: number) => ({ amount, currency: 'EUR' });

const facts = (overrides: Partial<OrderFacts> = {}): OrderFacts => ({
  net: eur(100_000),
  payable: eur(119_000),
  lines: [
    { sku: 'HAN-0213', categoryId: 'hand-tools' },
    { sku: 'FAS-0111', categoryId: 'fasteners' },
  ],
  deliveryKind: 'pickup',
  buyer: { sub: 'buyer-1', role: 'buyer', orderLimit: null },
  warnBudgetExceeded: false,
  ...overrides,
});

const rule = (ruleId: string, condition: ApprovalRule['condition'], levels: ApprovalRule['levels'], active = true): ApprovalRule => ({
  ruleId,
  name: ruleId,
  active,
  condition,
  levels,
});
const admins = { approverSubs: [], roles: ['company-admin' as const] };
const users = (subs: string[]) => ({ approverSubs: subs, roles: [] });

describe('approval rule conditions', () => {
  it('order total above: net or gross, strictly above, same currency only', () => {
    expect(conditionMatches({ kind: 'order-total-above', basis: 'net', amount: eur(99_999) }, facts())).toBe(true);
    expect(conditionMatches({ kind: 'order-total-above', basis: 'net', amount: eur(100_000) }, facts())).toBe(false);
    expect(conditionMatches({ kind: 'order-total-above', basis: 'gross', amount: eur(100_000) }, facts())).toBe(true);
    expect(conditionMatches({ kind: 'order-total-above', basis: 'gross', amount: eur(119_000) }, facts())).toBe(false);
    expect(conditionMatches({ kind: 'order-total-above', basis: 'net', amount: { amount: 1, currency: 'PLN' } }, facts())).toBe(false);
  });

  it('contains a category or a SKU (SKUs case-insensitive)', () => {
    expect(conditionMatches({ kind: 'contains', categories: ['fasteners'], skus: [] }, facts())).toBe(true);
    expect(conditionMatches({ kind: 'contains', categories: [], skus: ['han-0213'] }, facts())).toBe(true);
    expect(conditionMatches({ kind: 'contains', categories: ['electrical'], skus: ['POW-0311'] }, facts())).toBe(false);
  });

  it('delivery method and buyer role', () => {
    expect(conditionMatches({ kind: 'delivery-method', methods: ['dropshipping', 'pickup'] }, facts())).toBe(true);
    expect(conditionMatches({ kind: 'delivery-method', methods: ['carrier'] }, facts())).toBe(false);
    expect(conditionMatches({ kind: 'buyer-role', roles: ['buyer'] }, facts())).toBe(true);
    expect(conditionMatches({ kind: 'buyer-role', roles: ['super-user'] }, facts())).toBe(false);
  });

  it('the per-user order limit compares the gross payable with the buyer’s limit', () => {
    const limit = { kind: 'user-order-limit' } as const;
    expect(conditionMatches(limit, facts())).toBe(false);
    expect(conditionMatches(limit, facts({ buyer: { sub: 'b', role: 'buyer', orderLimit: eur(118_999) } }))).toBe(true);
    expect(conditionMatches(limit, facts({ buyer: { sub: 'b', role: 'buyer', orderLimit: eur(119_000) } }))).toBe(false);
    expect(conditionMatches(limit, facts({ buyer: { sub: 'b', role: 'buyer', orderLimit: { amount: 1, currency: 'PLN' } } }))).toBe(false);
  });

  it('budget exceeded matches only when a warn budget would be exceeded', () => {
    expect(conditionMatches({ kind: 'budget-exceeded' }, facts())).toBe(false);
    expect(conditionMatches({ kind: 'budget-exceeded' }, facts({ warnBudgetExceeded: true }))).toBe(true);
  });

  it('inactive rules and rules without levels never match', () => {
    const rules = [rule('a', { kind: 'buyer-role', roles: ['buyer'] }, [admins], false), rule('b', { kind: 'buyer-role', roles: ['buyer'] }, [])];
    expect(matchingRules(rules, facts())).toEqual([]);
  });
});

describe('the default order-limit rule (the behaviour checkout had before rules)', () => {
  it('applies until the admin stores their own rule with the same id', () => {
    expect(effectiveRules([]).map((candidate) => candidate.ruleId)).toEqual(['order-limit']);
    const own = rule('order-limit', { kind: 'user-order-limit' }, [users(['cfo'])], false);
    expect(effectiveRules([own])).toEqual([own]);
  });

  it('orders stored before rules existed wait for one level of company admins', () => {
    const flow = flowOf({});
    expect(flow.levels).toEqual([{ level: 1, approverSubs: [], roles: ['company-admin'], ruleIds: ['order-limit'], ruleNames: [defaultOrderLimitRule.name] }]);
    expect(flow.currentLevel).toBe(1);
  });
});

describe('combining rules into levels', () => {
  it('merges by level number: level n is the union of the approvers of every matching rule’s level n', () => {
    const big = rule('big', { kind: 'order-total-above', basis: 'net', amount: eur(1) }, [users(['lead']), users(['cfo'])]);
    const tools = rule('tools', { kind: 'contains', categories: ['hand-tools'], skus: [] }, [{ approverSubs: ['lead', 'tool-keeper'], roles: ['super-user'] }]);
    const levels = mergeLevels(matchingRules([big, tools], facts()));
    expect(levels).toEqual([
      { level: 1, approverSubs: ['lead', 'tool-keeper'], roles: ['super-user'], ruleIds: ['big', 'tools'], ruleNames: ['big', 'tools'] },
      { level: 2, approverSubs: ['cfo'], roles: [], ruleIds: ['big'], ruleNames: ['big'] },
    ]);
  });

  it('no matching rule: no approval', () => {
    expect(mergeLevels([])).toEqual([]);
  });

  it('with the order facts, says why each rule of a level asked: a code with the figures, in the order of ruleIds', () => {
    const big = rule('big', { kind: 'order-total-above', basis: 'net', amount: eur(50_000) }, [users(['lead']), users(['cfo'])]);
    const tools = rule('tools', { kind: 'contains', categories: ['hand-tools', 'power-tools'], skus: ['fas-0111'] }, [admins]);
    const order = facts();
    const levels = mergeLevels(matchingRules([big, tools], order), order);
    expect(levels[0]?.reasons).toEqual([
      {
        code: 'ORDER_TOTAL_ABOVE',
        params: { basis: 'net', total: eur(100_000), limit: eur(50_000) },
        message: 'Net order value 1000.00 EUR is above 500.00 EUR',
      },
      { code: 'CONTAINS', params: { categories: ['hand-tools'], skus: ['FAS-0111'] }, message: 'The order contains category hand-tools, FAS-0111' },
    ]);
    expect(levels[1]?.reasons?.map((reason) => reason.code)).toEqual(['ORDER_TOTAL_ABOVE']);
  });

  it('words every condition as a reason code with params', () => {
    const order = facts({
      deliveryKind: 'carrier',
      buyer: { sub: 'buyer-1', role: 'super-user', orderLimit: eur(100_000) },
      warnBudgetExceeded: true,
      warnBudgetNames: ['Workshop 2026'],
    });
    expect(approvalReason({ kind: 'order-total-above', basis: 'gross', amount: eur(1) }, order)).toMatchObject({
      code: 'ORDER_TOTAL_ABOVE',
      params: { basis: 'gross', total: eur(119_000), limit: eur(1) },
    });
    expect(approvalReason({ kind: 'delivery-method', methods: ['carrier', 'pickup'] }, order)).toMatchObject({
      code: 'DELIVERY_METHOD',
      params: { method: 'carrier' },
    });
    expect(approvalReason({ kind: 'buyer-role', roles: ['super-user'] }, order)).toMatchObject({ code: 'BUYER_ROLE', params: { role: 'super-user' } });
    expect(approvalReason({ kind: 'user-order-limit' }, order)).toEqual({
      code: 'USER_ORDER_LIMIT',
      params: { total: eur(119_000), limit: eur(100_000) },
      message: 'Amount payable 1190.00 EUR is above the buyer’s order limit of 1000.00 EUR',
    });
    expect(approvalReason({ kind: 'budget-exceeded' }, order)).toEqual({
      code: 'BUDGET_EXCEEDED',
      params: { budgets: ['Workshop 2026'] },
      message: 'The order exceeds the budget Workshop 2026',
    });
    // Flows built without facts (orders from before rules) carry no reasons.
    expect(mergeLevels([defaultOrderLimitRule])[0]).not.toHaveProperty('reasons');
  });

  it('nobody approves their own order, disabled users approve nothing', () => {
    const level = { approverSubs: ['lead'], roles: ['company-admin' as const] };
    expect(mayApproveLevel(level, { sub: 'lead', role: 'buyer', enabled: true }, 'buyer-1')).toBe(true);
    expect(mayApproveLevel(level, { sub: 'admin', role: 'company-admin', enabled: true }, 'buyer-1')).toBe(true);
    expect(mayApproveLevel(level, { sub: 'admin', role: 'company-admin', enabled: true }, 'admin')).toBe(false);
    expect(mayApproveLevel(level, { sub: 'lead', role: 'buyer', enabled: false }, 'buyer-1')).toBe(false);
    expect(mayApproveLevel(level, { sub: 'other', role: 'buyer', enabled: true }, 'buyer-1')).toBe(false);
  });

  it('finds levels nobody but the buyer could approve', () => {
    const levels = mergeLevels([rule('r', { kind: 'buyer-role', roles: ['company-admin'] }, [admins, users(['cfo'])])]);
    const company = [
      { sub: 'admin', role: 'company-admin' as const, enabled: true },
      { sub: 'cfo', role: 'buyer' as const, enabled: false },
    ];
    expect(levelsWithoutApprover(levels, company, 'admin')).toEqual([1, 2]);
    expect(levelsWithoutApprover(levels, company, 'someone-else')).toEqual([2]);
    expect(approversOf(levels[0]!, company, 'someone-else').map((user) => user.sub)).toEqual(['admin']);
  });
});

describe('deciding level by level', () => {
  const levels = mergeLevels([rule('r', { kind: 'buyer-role', roles: ['buyer'] }, [users(['lead']), users(['cfo'])])]);
  const by = { sub: 'x', name: 'X', email: 'x@example.com' };

  it('approves level 1, then level 2, then the order is approved', () => {
    const first = decide(newApprovalFlow(levels), { decision: 'approved', by, at: '2026-11-23T10:00:00.000Z', comment: 'ok' });
    expect(first.kind).toBe('next-level');
    expect(first.flow.currentLevel).toBe(2);
    const second = decide(first.flow, { decision: 'approved', by, at: '2026-11-23T11:00:00.000Z' });
    expect(second.kind).toBe('approved');
    expect(second.flow.history.map((entry) => [entry.level, entry.decision])).toEqual([
      [1, 'approved'],
      [2, 'approved'],
    ]);
    expect(second.flow.history[0]!.comment).toBe('ok');
  });

  it('a rejection at any level ends the chain', () => {
    const first = decide(newApprovalFlow(levels), { decision: 'approved', by, at: 't1' });
    const rejected = decide(first.flow, { decision: 'rejected', by, at: 't2', comment: 'too expensive' });
    expect(rejected.kind).toBe('rejected');
    expect(rejected.flow.currentLevel).toBe(2);
    expect(rejected.flow.history.at(-1)).toMatchObject({ level: 2, decision: 'rejected', comment: 'too expensive' });
  });
});

describe('rule validation', () => {
  const known = new Set(['lead', 'cfo']);
  it('accepts a sound rule and names every problem of a bad one', () => {
    expect(ruleProblems(rule('r1', { kind: 'order-total-above', basis: 'gross', amount: eur(5000) }, [users(['lead']), admins]), known)).toEqual([]);
    expect(ruleProblems(rule('r2', { kind: 'contains', categories: [], skus: [] }, [{ approverSubs: [], roles: [] }, users(['ghost'])]), known)).toEqual([
      'Level 1 names no approver',
      'Level 2: ghost is not a user of this company',
      'Name at least one category or SKU',
    ]);
  });

  it('keeps the order-limit rule under its own id only', () => {
    expect(ruleProblems(rule('other', { kind: 'user-order-limit' }, [admins]), known)).toHaveLength(1);
    expect(ruleProblems(rule('order-limit', { kind: 'buyer-role', roles: ['buyer'] }, [admins]), known)).toHaveLength(1);
    expect(ruleProblems(rule('order-limit', { kind: 'user-order-limit' }, [admins]), known)).toEqual([]);
  });

  it('cost centre codes are unique', () => {
    expect(
      costCentreProblems([
        { code: 'CC-1', name: 'A' },
        { code: 'CC-2', name: 'B' },
      ]),
    ).toEqual([]);
    expect(
      costCentreProblems([
        { code: 'CC-1', name: 'A' },
        { code: 'CC-1', name: 'B' },
      ]),
    ).toHaveLength(1);
  });
});

describe('budget period keys (Europe/Berlin calendar)', () => {
  it('month, quarter and year of an instant', () => {
    const at = new Date('2026-05-15T12:00:00Z');
    expect(periodKey('monthly', at)).toBe('2026-05');
    expect(periodKey('quarterly', at)).toBe('2026-Q2');
    expect(periodKey('yearly', at)).toBe('2026');
  });

  it('quarter boundaries', () => {
    expect(periodKey('quarterly', new Date('2026-03-31T12:00:00Z'))).toBe('2026-Q1');
    expect(periodKey('quarterly', new Date('2026-04-01T12:00:00Z'))).toBe('2026-Q2');
    expect(periodKey('quarterly', new Date('2026-09-30T12:00:00Z'))).toBe('2026-Q3');
    expect(periodKey('quarterly', new Date('2026-10-01T12:00:00Z'))).toBe('2026-Q4');
  });

  it('New Year’s night: 23:30 UTC on 31 December is already next year in Germany and Poland', () => {
    const at = new Date('2026-12-31T23:30:00Z');
    expect(periodKey('yearly', at)).toBe('2027');
    expect(periodKey('quarterly', at)).toBe('2027-Q1');
    expect(periodKey('monthly', at)).toBe('2027-01');
    expect(periodKey('monthly', at, 'UTC')).toBe('2026-12');
    expect(periodKey('yearly', new Date('2026-12-31T22:59:59Z'))).toBe('2026');
  });

  it('summer time: the month starts at 22:00 UTC the evening before', () => {
    expect(periodKey('monthly', new Date('2026-06-30T21:59:59Z'))).toBe('2026-06');
    expect(periodKey('monthly', new Date('2026-06-30T22:00:00Z'))).toBe('2026-07');
    expect(periodKey('quarterly', new Date('2026-06-30T22:00:00Z'))).toBe('2026-Q3');
  });
});

describe('budget effects', () => {
  const company: Budget = { budgetId: 'all', name: 'Company', scope: { kind: 'company' }, period: 'monthly', amount: eur(300_000), mode: 'block' };
  const logistics: Budget = {
    budgetId: 'log',
    name: 'Logistics',
    scope: { kind: 'cost-centre', costCentre: 'CC-4100' },
    period: 'quarterly',
    amount: eur(50_000),
    mode: 'warn',
  };
  const polish: Budget = { budgetId: 'pln', name: 'PLN', scope: { kind: 'company' }, period: 'yearly', amount: { amount: 1, currency: 'PLN' }, mode: 'block' };

  it('an order spends its net value plus the delivery fee', () => {
    expect(budgetSpend({ net: eur(10_000), deliveryFee: eur(1_500) })).toEqual(eur(11_500));
  });

  it('company budgets always apply, cost-centre budgets only to their cost centre, same currency only', () => {
    expect(applicableBudgets([company, logistics, polish], undefined, 'EUR')).toEqual([company]);
    expect(applicableBudgets([company, logistics, polish], 'CC-4100', 'EUR')).toEqual([company, logistics]);
    expect(applicableBudgets([company, logistics, polish], 'CC-9999', 'EUR')).toEqual([company]);
  });

  it('exceeded only beyond the limit; block and warn are told apart', () => {
    const at = new Date('2026-11-23T10:00:00Z');
    const effects = budgetEffects(
      [company, logistics],
      new Map([
        ['all', 250_000],
        ['log', 10_000],
      ]),
      eur(50_000),
      at,
    );
    expect(effects[0]).toMatchObject({ periodKey: '2026-11', consumed: eur(250_000), after: eur(300_000), exceeded: false });
    expect(effects[1]).toMatchObject({ periodKey: '2026-Q4', consumed: eur(10_000), after: eur(60_000), exceeded: true, mode: 'warn' });
    expect(blockingEffects(effects)).toEqual([]);
    expect(warnings(effects).map((effect) => effect.budgetId)).toEqual(['log']);
    const over = budgetEffects([company], new Map([['all', 250_001]]), eur(50_000), at);
    expect(blockingEffects(over).map((effect) => effect.budgetId)).toEqual(['all']);
  });
});
