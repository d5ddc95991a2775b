import type { CompanyRole } from '../../lib/definitions/index.js';
import { formatMoneyText, type Money } from '../shared/money.js';

/**
 * Purchase-order approval rules and budgets (issue 8 items 2 + 3): pure rules, no AWS.
 * docs/approvals-budgets.md explains the decisions (level merging, period keys, what a budget counts).
 */

// ---- approval rules ---------------------------------------------------------------------------

export type DeliveryKind = 'pickup' | 'own-transport' | 'carrier' | 'dropshipping';
export const deliveryKinds = ['pickup', 'own-transport', 'carrier', 'dropshipping'] as const satisfies readonly DeliveryKind[];

export type RuleCondition =
  /** Order total above `amount` (strictly), net goods value or gross payable (goods gross + delivery fee). */
  | { readonly kind: 'order-total-above'; readonly basis: 'net' | 'gross'; readonly amount: Money }
  /** The order contains a product of one of `categories` or one of `skus`. */
  | { readonly kind: 'contains'; readonly categories: readonly string[]; readonly skus: readonly string[] }
  | { readonly kind: 'delivery-method'; readonly methods: readonly DeliveryKind[] }
  | { readonly kind: 'buyer-role'; readonly roles: readonly CompanyRole[] }
  /** The buyer's own order limit (set per user by the company admin) is exceeded by the gross payable. */
  | { readonly kind: 'user-order-limit' }
  /** A budget in mode 'warn' would be exceeded by the order. */
  | { readonly kind: 'budget-exceeded' };

export type RuleKind = RuleCondition['kind'];

/** One approval level: any one of these users, or any user with one of these roles, approves it. */
export interface ApproverLevel {
  readonly approverSubs: readonly string[];
  readonly roles: readonly CompanyRole[];
}

export interface ApprovalRule {
  readonly ruleId: string;
  readonly name: string;
  readonly active: boolean;
  readonly condition: RuleCondition;
  /** Level 1 first; every level must approve, in order. */
  readonly levels: readonly ApproverLevel[];
}

export const maxRules = 50;
export const maxLevels = 5;
/** The per-user order limit is one rule with a fixed id; until an admin stores it, this default applies. */
export const orderLimitRuleId = 'order-limit';

/** The behaviour checkout had before rules existed: above the buyer's limit, a company admin approves. */
export const defaultOrderLimitRule: ApprovalRule = {
  ruleId: orderLimitRuleId,
  name: 'Order above the buyer’s order limit',
  active: true,
  condition: { kind: 'user-order-limit' },
  levels: [{ approverSubs: [], roles: ['company-admin'] }],
};

/** The stored rules plus the default order-limit rule when the admin has not stored their own. */
export function effectiveRules(stored: readonly ApprovalRule[]): ApprovalRule[] {
  return stored.some((rule) => rule.ruleId === orderLimitRuleId) ? [...stored] : [defaultOrderLimitRule, ...stored];
}

/** What a rule needs to know about an order being placed. */
export interface OrderFacts {
  readonly net: Money;
  /** Goods gross plus delivery fee: what the buyer owes. */
  readonly payable: Money;
  readonly lines: readonly { readonly sku: string; readonly categoryId?: string }[];
  readonly deliveryKind: string;
  readonly buyer: { readonly sub: string; readonly role: CompanyRole; readonly orderLimit: Money | null };
  /** Some budget in mode 'warn' would be exceeded by this order. */
  readonly warnBudgetExceeded: boolean;
  /** The names of those budgets (for the reason shown to approvers). */
  readonly warnBudgetNames?: readonly string[];
}

/** Whether `condition` applies to the order. Amounts in another currency never match. */
export function conditionMatches(condition: RuleCondition, facts: OrderFacts): boolean {
  switch (condition.kind) {
    case 'order-total-above': {
      const total = condition.basis === 'net' ? facts.net : facts.payable;
      return total.currency === condition.amount.currency && total.amount > condition.amount.amount;
    }
    case 'contains': {
      const skus = new Set(condition.skus.map((sku) => sku.toUpperCase()));
      const categories = new Set(condition.categories);
      return facts.lines.some((line) => skus.has(line.sku.toUpperCase()) || (line.categoryId !== undefined && categories.has(line.categoryId)));
    }
    case 'delivery-method':
      return (condition.methods as readonly string[]).includes(facts.deliveryKind);
    case 'buyer-role':
      return condition.roles.includes(facts.buyer.role);
    case 'user-order-limit': {
      const limit = facts.buyer.orderLimit;
      return limit != null && limit.currency === facts.payable.currency && facts.payable.amount > limit.amount;
    }
    case 'budget-exceeded':
      return facts.warnBudgetExceeded;
  }
}

export function matchingRules(rules: readonly ApprovalRule[], facts: OrderFacts): ApprovalRule[] {
  return rules.filter((rule) => rule.active && rule.levels.length > 0 && conditionMatches(rule.condition, facts));
}

/**
 * Why a matching rule asks for approval, as a code with the figures of this order (clients word it in
 * their language) plus an English `message` for integrators.
 */
export type ApprovalReason =
  | {
      readonly code: 'ORDER_TOTAL_ABOVE';
      readonly params: { readonly basis: 'net' | 'gross'; readonly total: Money; readonly limit: Money };
      readonly message: string;
    }
  | { readonly code: 'CONTAINS'; readonly params: { readonly categories: readonly string[]; readonly skus: readonly string[] }; readonly message: string }
  | { readonly code: 'DELIVERY_METHOD'; readonly params: { readonly method: string }; readonly message: string }
  | { readonly code: 'BUYER_ROLE'; readonly params: { readonly role: CompanyRole }; readonly message: string }
  | { readonly code: 'USER_ORDER_LIMIT'; readonly params: { readonly total: Money; readonly limit: Money | null }; readonly message: string }
  | { readonly code: 'BUDGET_EXCEEDED'; readonly params: { readonly budgets: readonly string[] }; readonly message: string };

export type ApprovalReasonCode = ApprovalReason['code'];

/** The reason `condition` gives for the order (call it for matching conditions; `contains` names what matched). */
export function approvalReason(condition: RuleCondition, facts: OrderFacts): ApprovalReason {
  switch (condition.kind) {
    case 'order-total-above': {
      const total = condition.basis === 'net' ? facts.net : facts.payable;
      const what = condition.basis === 'net' ? 'Net order value' : 'Amount payable';
      return {
        code: 'ORDER_TOTAL_ABOVE',
        params: { basis: condition.basis, total, limit: condition.amount },
        message: `${what} ${formatMoneyText(total)} is above ${formatMoneyText(condition.amount)}`,
      };
    }
    case 'contains': {
      const skus = new Set(condition.skus.map((sku) => sku.toUpperCase()));
      const categories = new Set(condition.categories);
      const matchedSkus = [...new Set(facts.lines.map((line) => line.sku).filter((sku) => skus.has(sku.toUpperCase())))];
      const matchedCategories = [
        ...new Set(facts.lines.flatMap((line) => (line.categoryId !== undefined && categories.has(line.categoryId) ? [line.categoryId] : []))),
      ];
      return {
        code: 'CONTAINS',
        params: { categories: matchedCategories, skus: matchedSkus },
        message: `The order contains ${[...matchedCategories.map((category) => `category ${category}`), ...matchedSkus].join(', ')}`,
      };
    }
    case 'delivery-method':
      return { code: 'DELIVERY_METHOD', params: { method: facts.deliveryKind }, message: `Delivery method ${facts.deliveryKind}` };
    case 'buyer-role':
      return { code: 'BUYER_ROLE', params: { role: facts.buyer.role }, message: `Placed by a ${facts.buyer.role}` };
    case 'user-order-limit': {
      const limit = facts.buyer.orderLimit;
      return {
        code: 'USER_ORDER_LIMIT',
        params: { total: facts.payable, limit },
        message: limit
          ? `Amount payable ${formatMoneyText(facts.payable)} is above the buyer’s order limit of ${formatMoneyText(limit)}`
          : 'Above the buyer’s order limit',
      };
    }
    case 'budget-exceeded': {
      const budgets = facts.warnBudgetNames ?? [];
      return {
        code: 'BUDGET_EXCEEDED',
        params: { budgets },
        message: budgets.length ? `The order exceeds the budget ${budgets.join(', ')}` : 'The order exceeds a budget',
      };
    }
  }
}

/** A level of an order's approval chain, with the rules that asked for it. */
export interface RequiredLevel extends ApproverLevel {
  readonly level: number;
  readonly ruleIds: readonly string[];
  readonly ruleNames: readonly string[];
  /** Why each of those rules asked (same order as `ruleIds`); absent on flows stored before reasons existed. */
  readonly reasons?: readonly ApprovalReason[];
  /** Who could approve when the order was placed (display only; the check uses subs and roles). */
  readonly approverNames?: readonly string[];
}

/**
 * Merges the chains of several matching rules by level number: level n of the order is the union of
 * the approvers of level n of every matching rule that has one, so the chain is as long as the
 * longest matching rule. Any one approver of a level approves it for every rule that asked for it.
 * With the order's `facts`, each level also says why each of its rules asked (`reasons`).
 */
export function mergeLevels(rules: readonly ApprovalRule[], facts?: OrderFacts): RequiredLevel[] {
  const depth = Math.max(0, ...rules.map((rule) => rule.levels.length));
  const merged: RequiredLevel[] = [];
  for (let index = 0; index < depth; index++) {
    const contributing = rules.filter((rule) => rule.levels[index]);
    const levels = contributing.map((rule) => rule.levels[index]!);
    merged.push({
      level: index + 1,
      approverSubs: [...new Set(levels.flatMap((level) => level.approverSubs))],
      roles: [...new Set(levels.flatMap((level) => level.roles))],
      ruleIds: contributing.map((rule) => rule.ruleId),
      ruleNames: contributing.map((rule) => rule.name),
      ...(facts ? { reasons: contributing.map((rule) => approvalReason(rule.condition, facts)) } : {}),
    });
  }
  return merged;
}

export interface CompanyUserFacts {
  readonly sub: string;
  readonly role: CompanyRole;
  readonly enabled: boolean;
}

/**
 * Whether `user` may decide `level` of an order placed by `placedBySub`. Nobody approves their own
 * order (separation of duties), and disabled users decide nothing.
 */
export function mayApproveLevel(level: ApproverLevel, user: CompanyUserFacts, placedBySub: string): boolean {
  if (!user.enabled || user.sub === placedBySub) return false;
  return level.approverSubs.includes(user.sub) || level.roles.includes(user.role);
}

/** The users who may decide `level` (for e-mail and for the "no approver" check at checkout). */
export function approversOf<U extends CompanyUserFacts>(level: ApproverLevel, users: readonly U[], placedBySub: string): U[] {
  return users.filter((user) => mayApproveLevel(level, user, placedBySub));
}

/** Levels nobody but the buyer could approve: such an order would wait forever, so checkout refuses it. */
export function levelsWithoutApprover(levels: readonly RequiredLevel[], users: readonly CompanyUserFacts[], placedBySub: string): number[] {
  return levels.filter((level) => approversOf(level, users, placedBySub).length === 0).map((level) => level.level);
}

/** Problems of a rule an admin wants to store (beyond what the request schema checks). */
export function ruleProblems(rule: ApprovalRule, companyUserSubs: ReadonlySet<string>): string[] {
  const problems: string[] = [];
  if ((rule.ruleId === orderLimitRuleId) !== (rule.condition.kind === 'user-order-limit')) {
    problems.push(`The per-user order limit rule has the id "${orderLimitRuleId}", and only it`);
  }
  if (!rule.levels.length || rule.levels.length > maxLevels) problems.push(`A rule has 1 to ${maxLevels} approval levels`);
  rule.levels.forEach((level, index) => {
    if (!level.approverSubs.length && !level.roles.length) problems.push(`Level ${index + 1} names no approver`);
    for (const sub of level.approverSubs) if (!companyUserSubs.has(sub)) problems.push(`Level ${index + 1}: ${sub} is not a user of this company`);
  });
  if (rule.condition.kind === 'contains' && !rule.condition.categories.length && !rule.condition.skus.length)
    problems.push('Name at least one category or SKU');
  if (rule.condition.kind === 'delivery-method' && !rule.condition.methods.length) problems.push('Name at least one delivery method');
  if (rule.condition.kind === 'buyer-role' && !rule.condition.roles.length) problems.push('Name at least one buyer role');
  return problems;
}

// ---- the approval state of one order ----------------------------------------------------------

export interface ApprovalDecision {
  readonly level: number;
  readonly decision: 'approved' | 'rejected';
  readonly by: { readonly sub: string; readonly name: string; readonly email: string };
  readonly at: string;
  readonly comment?: string;
}

/** Stored on the order (`approvalFlow`) while and after it waits for approval. */
export interface ApprovalFlow {
  readonly levels: readonly RequiredLevel[];
  /** The level waiting for a decision (1-based); past the last level once approved. */
  readonly currentLevel: number;
  readonly history: readonly ApprovalDecision[];
}

export function newApprovalFlow(levels: readonly RequiredLevel[]): ApprovalFlow {
  return { levels, currentLevel: 1, history: [] };
}

/** Orders that waited before rules existed carry no flow: one level, any company admin. */
export function flowOf(order: { approvalFlow?: ApprovalFlow }): ApprovalFlow {
  return order.approvalFlow ?? newApprovalFlow(mergeLevels([defaultOrderLimitRule]));
}

export type DecisionOutcome =
  | { readonly kind: 'next-level'; readonly flow: ApprovalFlow }
  | { readonly kind: 'approved'; readonly flow: ApprovalFlow }
  | { readonly kind: 'rejected'; readonly flow: ApprovalFlow };

/** Applies one decision on the current level; rejection at any level ends the chain. */
export function decide(flow: ApprovalFlow, decision: Omit<ApprovalDecision, 'level'>): DecisionOutcome {
  const entry: ApprovalDecision = { ...decision, level: flow.currentLevel };
  const history = [...flow.history, entry];
  if (decision.decision === 'rejected') return { kind: 'rejected', flow: { ...flow, history } };
  const next = { ...flow, history, currentLevel: flow.currentLevel + 1 };
  return next.currentLevel > flow.levels.length ? { kind: 'approved', flow: next } : { kind: 'next-level', flow: next };
}

// ---- budgets -----------------------------------------------------------------------------------

export type BudgetPeriod = 'monthly' | 'quarterly' | 'yearly';
export type BudgetMode = 'block' | 'warn';
export type BudgetScope = { readonly kind: 'company' } | { readonly kind: 'cost-centre'; readonly costCentre: string };

export interface Budget {
  readonly budgetId: string;
  readonly name: string;
  readonly scope: BudgetScope;
  readonly period: BudgetPeriod;
  readonly amount: Money;
  readonly mode: BudgetMode;
}

/** Each applicable budget adds two items to the order's transaction (DynamoDB allows 100 in one). */
export const maxBudgets = 20;

/**
 * Budget periods follow the shop's calendar, not UTC: an order at 00:30 on 1 January in Germany or
 * Poland belongs to the new year. Both markets share Central European time.
 */
export const budgetTimeZone = 'Europe/Berlin';

/** `2026-11` (monthly), `2026-Q4` (quarterly) or `2026` (yearly) of the instant in `timeZone`. */
export function periodKey(period: BudgetPeriod, at: Date, timeZone = budgetTimeZone): string {
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit' }).formatToParts(at);
  const year = parts.find((part) => part.type === 'year')!.value;
  const month = Number(parts.find((part) => part.type === 'month')!.value);
  if (period === 'yearly') return year;
  if (period === 'quarterly') return `${year}-Q${Math.floor((month - 1) / 3) + 1}`;
  return `${year}-${String(month).padStart(2, '0')}`;
}

/** What an order spends from a budget: net goods value plus the delivery fee (VAT is recoverable). */
export function budgetSpend(order: { readonly net: Money; readonly deliveryFee: Money }): Money {
  return { amount: order.net.amount + order.deliveryFee.amount, currency: order.net.currency };
}

/** The budgets an order draws on: every company-wide budget and the budget(s) of its cost centre, same currency. */
export function applicableBudgets(budgets: readonly Budget[], costCentre: string | undefined, currency: string): Budget[] {
  return budgets.filter(
    (budget) =>
      budget.amount.currency === currency && (budget.scope.kind === 'company' || (costCentre !== undefined && budget.scope.costCentre === costCentre)),
  );
}

export interface BudgetEffect {
  readonly budgetId: string;
  readonly name: string;
  readonly scope: BudgetScope;
  readonly mode: BudgetMode;
  readonly periodKey: string;
  readonly limit: Money;
  readonly consumed: Money;
  readonly spend: Money;
  readonly after: Money;
  readonly exceeded: boolean;
}

/** What placing the order would do to each applicable budget (`consumed` per budget id, this period). */
export function budgetEffects(budgets: readonly Budget[], consumed: ReadonlyMap<string, number>, spend: Money, at: Date): BudgetEffect[] {
  return budgets.map((budget) => {
    const used = consumed.get(budget.budgetId) ?? 0;
    const after = used + spend.amount;
    return {
      budgetId: budget.budgetId,
      name: budget.name,
      scope: budget.scope,
      mode: budget.mode,
      periodKey: periodKey(budget.period, at),
      limit: budget.amount,
      consumed: { amount: used, currency: spend.currency },
      spend,
      after: { amount: after, currency: spend.currency },
      exceeded: after > budget.amount.amount,
    };
  });
}

export const blockingEffects = (effects: readonly BudgetEffect[]) => effects.filter((effect) => effect.exceeded && effect.mode === 'block');
export const warnings = (effects: readonly BudgetEffect[]) => effects.filter((effect) => effect.exceeded && effect.mode === 'warn');

// ---- cost centres -----------------------------------------------------------------------------

export interface CostCentre {
  readonly code: string;
  readonly name: string;
}

export const maxCostCentres = 100;

export function costCentreProblems(centres: readonly CostCentre[]): string[] {
  const seen = new Set<string>();
  const problems: string[] = [];
  for (const centre of centres) {
    if (seen.has(centre.code)) problems.push(`Cost centre ${centre.code} is listed twice`);
    seen.add(centre.code);
  }
  return problems;
}
