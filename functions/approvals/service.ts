import type { z } from 'zod';
import { isCompanyRole } from '../../lib/definitions/index.js';
import { authorizedAccount } from '../accounts/companies.js';
import { companyUsers, mailLanguage, recipientsByLanguage } from '../accounts/service.js';
// The one allowed edge back to orders (test/unit/boundaries.test.ts): the pending list route is this Lambda's.
import { listPendingApprovalOrders } from '../orders/service.js';
import type { Identity } from '../shared/auth.js';
import { AppError, badRequest, conflict, forbidden, notFound } from '../shared/errors.js';
import { logger } from '../shared/logger.js';
import { formatMoney } from '../shared/format.js';
import { sendMail } from '../shared/mail.js';
import { translator } from '../shared/messages/index.js';
import type { Money } from '../shared/money.js';
import type { TransactItem } from '../shared/transactions.js';
import type { ApprovalSubject } from './model.js';
import type { approvalRuleBodySchema, budgetBodySchema } from './contract.js';
import * as repository from './repository.js';
import {
  applicableBudgets,
  approversOf,
  blockingEffects,
  budgetEffects,
  budgetSpend,
  costCentreProblems,
  decide,
  defaultOrderLimitRule,
  effectiveRules,
  flowOf,
  levelsWithoutApprover,
  matchingRules,
  maxBudgets,
  maxRules,
  mayApproveLevel,
  mergeLevels,
  newApprovalFlow,
  orderLimitRuleId,
  periodKey,
  ruleProblems,
  warnings,
  type ApprovalFlow,
  type ApprovalRule,
  type Budget,
  type BudgetEffect,
  type CostCentre,
  type RequiredLevel,
} from './rules.js';

/**
 * Purchase-order approval rules, cost centres and budgets of a company (issue 8 items 2 and 3):
 * the company admin manages them; checkout evaluates them; approvers decide level by level.
 */

/** Only the company's own admin manages rules, cost centres and budgets. */
function requireCompanyAdmin(caller: Identity, companyId: string): void {
  if (caller.role !== 'company-admin' || caller.companyId !== companyId)
    throw forbidden('Only the company admin manages approval rules, cost centres and budgets');
}

/** Approvers are users of the company itself (never staff). */
function requireOwnCompany(caller: Identity, companyId: string): void {
  if (!isCompanyRole(caller.role) || caller.companyId !== companyId) throw forbidden('You have no access to this company');
}

// ---- rules -------------------------------------------------------------------------------------

export async function listRules(caller: Identity, companyId: string) {
  requireCompanyAdmin(caller, companyId);
  const stored = await repository.listRules(companyId);
  const rules = effectiveRules(stored).map((rule) => ({ ...rule, builtIn: !stored.some((candidate) => candidate.ruleId === rule.ruleId) }));
  return { rules };
}

/** Creates or replaces a rule (the id is the caller's, so a repeated PUT is harmless). */
export async function saveRule(caller: Identity, companyId: string, ruleId: string, input: z.output<typeof approvalRuleBodySchema>) {
  requireCompanyAdmin(caller, companyId);
  const rule: ApprovalRule = { ...input, ruleId };
  const [stored, users] = await Promise.all([repository.listRules(companyId), companyUsers(companyId)]);
  if (!stored.some((candidate) => candidate.ruleId === ruleId) && stored.length >= maxRules)
    throw badRequest('TOO_MANY_RULES', `A company has at most ${maxRules} approval rules`);
  const problems = ruleProblems(rule, new Set(users.map((user) => user.sub)));
  if (problems.length) throw badRequest('INVALID_RULE', problems.join('; '), problems);
  await repository.putRule(companyId, rule, caller.sub, new Date());
  return { ...rule, builtIn: false };
}

/** Deleting the order-limit rule brings back the default (company admin approves above the limit). */
export async function removeRule(caller: Identity, companyId: string, ruleId: string) {
  requireCompanyAdmin(caller, companyId);
  if (!(await repository.deleteRule(companyId, ruleId))) throw notFound('Approval rule');
  return ruleId === orderLimitRuleId ? { deleted: ruleId, restored: { ...defaultOrderLimitRule, builtIn: true } } : { deleted: ruleId };
}

// ---- cost centres ------------------------------------------------------------------------------

/** Every user of the company needs the list at checkout; its rep and back-office may read it too. */
export async function listCostCentres(caller: Identity, companyId: string) {
  await authorizedAccount(caller, companyId, 'view');
  return repository.readCostCentres(companyId);
}

export async function replaceCostCentres(caller: Identity, companyId: string, centres: readonly CostCentre[], version: number) {
  requireCompanyAdmin(caller, companyId);
  const problems = costCentreProblems(centres);
  if (problems.length) throw badRequest('INVALID_COST_CENTRES', problems.join('; '), problems);
  if (!(await repository.writeCostCentres(companyId, centres, version, new Date())))
    throw conflict('COST_CENTRES_CHANGED', 'The cost centres changed meanwhile; reload and try again');
  return repository.readCostCentres(companyId);
}

// ---- budgets -----------------------------------------------------------------------------------

/** Budgets with what the current period has consumed so far. */
export async function listBudgets(caller: Identity, companyId: string, now = new Date()) {
  requireCompanyAdmin(caller, companyId);
  const budgets = await repository.listBudgets(companyId);
  const periods = budgets.map((budget) => ({ budgetId: budget.budgetId, periodKey: periodKey(budget.period, now) }));
  const consumed = await repository.readConsumption(companyId, periods);
  return {
    budgets: budgets.map((budget, index) => ({
      ...budget,
      currentPeriod: periods[index]!.periodKey,
      consumed: { amount: consumed.get(budget.budgetId) ?? 0, currency: budget.amount.currency },
    })),
  };
}

export async function saveBudget(caller: Identity, companyId: string, budgetId: string, input: z.output<typeof budgetBodySchema>) {
  requireCompanyAdmin(caller, companyId);
  const [budgets, { centres }] = await Promise.all([repository.listBudgets(companyId), repository.readCostCentres(companyId)]);
  if (!budgets.some((budget) => budget.budgetId === budgetId) && budgets.length >= maxBudgets)
    throw badRequest('TOO_MANY_BUDGETS', `A company has at most ${maxBudgets} budgets`);
  if (input.scope.kind === 'cost-centre') {
    const code = input.scope.costCentre;
    if (!centres.some((centre) => centre.code === code)) throw badRequest('UNKNOWN_COST_CENTRE', `Cost centre ${code} is not in the company's list`);
  }
  const budget: Budget = { ...input, budgetId };
  await repository.putBudget(companyId, budget, caller.sub, new Date());
  return budget;
}

export async function removeBudget(caller: Identity, companyId: string, budgetId: string) {
  requireCompanyAdmin(caller, companyId);
  if (!(await repository.deleteBudget(companyId, budgetId))) throw notFound('Budget');
  return { deleted: budgetId };
}

// ---- checkout ----------------------------------------------------------------------------------

export interface PlannedOrder {
  readonly companyId: string;
  readonly buyer: { readonly sub: string; readonly role: string; readonly orderLimit: Money | null };
  readonly net: Money;
  readonly deliveryFee: Money;
  readonly payable: Money;
  readonly lines: readonly { readonly sku: string; readonly categoryId?: string }[];
  readonly deliveryKind?: string;
  readonly costCentre?: string;
  readonly at: Date;
}

export interface OrderEvaluation {
  readonly costCentres: readonly CostCentre[];
  readonly approval: { readonly required: boolean; readonly levels: readonly RequiredLevel[]; readonly levelsWithoutApprover: readonly number[] };
  readonly budgets: readonly BudgetEffect[];
  readonly blocked: readonly BudgetEffect[];
  readonly warnings: readonly BudgetEffect[];
}

/**
 * What the company's rules and budgets say about an order about to be placed: the approval levels
 * it needs and what it would take from each budget. Checkout shows it in the preview and enforces
 * it when placing (the budget limit itself is enforced by the conditional write).
 */
export async function evaluateOrder(planned: PlannedOrder): Promise<OrderEvaluation> {
  const { companyId } = planned;
  const [stored, budgets, { centres }] = await Promise.all([
    repository.listRules(companyId),
    repository.listBudgets(companyId),
    repository.readCostCentres(companyId),
  ]);
  if (planned.costCentre !== undefined && !centres.some((centre) => centre.code === planned.costCentre)) {
    throw badRequest('UNKNOWN_COST_CENTRE', `Cost centre ${planned.costCentre} is not in your company's list`);
  }
  const spend = budgetSpend(planned);
  const applicable = applicableBudgets(budgets, planned.costCentre, spend.currency);
  const consumed = await repository.readConsumption(
    companyId,
    applicable.map((budget) => ({ budgetId: budget.budgetId, periodKey: periodKey(budget.period, planned.at) })),
  );
  const effects = spend.amount > 0 ? budgetEffects(applicable, consumed, spend, planned.at) : [];
  const role = isCompanyRole(planned.buyer.role) ? planned.buyer.role : 'buyer';
  const facts = {
    net: planned.net,
    payable: planned.payable,
    lines: planned.lines,
    deliveryKind: planned.deliveryKind ?? '',
    buyer: { sub: planned.buyer.sub, role, orderLimit: planned.buyer.orderLimit },
    warnBudgetExceeded: warnings(effects).length > 0,
    warnBudgetNames: warnings(effects).map((effect) => effect.name),
  };
  const levels = mergeLevels(matchingRules(effectiveRules(stored), facts), facts);
  // Who could approve matters only when a level applies (most orders need none: no listing of every user then).
  const users = levels.length ? await companyUsers(companyId) : [];
  return {
    costCentres: centres,
    approval: {
      required: levels.length > 0,
      levels: levels.map((level) => ({ ...level, approverNames: approversOf(level, users, planned.buyer.sub).map((user) => user.name) })),
      levelsWithoutApprover: levelsWithoutApprover(levels, users, planned.buyer.sub),
    },
    budgets: effects,
    blocked: blockingEffects(effects),
    warnings: warnings(effects),
  };
}

/** Refuses an order that a 'block' budget cannot take or that nobody could approve. */
export function assertPlaceable(evaluation: OrderEvaluation): void {
  if (evaluation.blocked.length) {
    throw new AppError(
      409,
      'BUDGET_EXCEEDED',
      `The order exceeds the budget ${evaluation.blocked.map((effect) => `"${effect.name}" (${effect.periodKey})`).join(', ')}`,
      evaluation.blocked,
    );
  }
  if (evaluation.approval.levelsWithoutApprover.length) {
    throw new AppError(
      409,
      'NO_APPROVER',
      `Nobody but you could approve level ${evaluation.approval.levelsWithoutApprover.join(', ')} of this order; ask your company admin`,
    );
  }
}

/** The approval flow an order starts with, if it needs one. */
export function approvalFlowFor(evaluation: OrderEvaluation): ApprovalFlow | undefined {
  if (!evaluation.approval.required) return undefined;
  return newApprovalFlow(evaluation.approval.levels);
}

/** Transaction items for the order's own persist transaction: what it takes from each budget. */
export function budgetItemsFor(companyId: string, orderId: string, evaluation: OrderEvaluation, now: Date): TransactItem[] {
  return repository.budgetChargeItems(companyId, orderId, evaluation.budgets, now);
}

/** Whether a failed persist transaction was a 'block' budget filled up by a concurrent order meanwhile. */
export async function budgetNowExceeded(planned: PlannedOrder): Promise<OrderEvaluation | undefined> {
  const again = await evaluateOrder(planned);
  return again.blocked.length ? again : undefined;
}

/** E-mails the approvers of the level the order waits on, each in their language (failures are logged: the order waits anyway). */
export async function notifyApprovers(order: ApprovalSubject): Promise<void> {
  try {
    const flow = flowOf(order);
    const level = flow.levels[flow.currentLevel - 1];
    if (!level) return;
    const approvers = approversOf(level, await companyUsers(order.companyId), order.placedBy.sub);
    if (!approvers.length) return;
    const total = { amount: order.gross.amount + order.deliveryFee.amount, currency: order.gross.currency };
    for (const { language, to } of await recipientsByLanguage(order.companyId, approvers)) {
      const t = translator(language);
      await sendMail({
        to,
        subject: t('mail.approval.subject', { order: order.orderNumber, level: level.level, levels: flow.levels.length }),
        text: [
          t('mail.approval.placed', { name: order.placedBy.name, order: order.orderNumber, amount: formatMoney(total, language) }),
          t('mail.approval.reasons', { reasons: level.ruleNames.join(', ') }),
          process.env.WEB_URL ? t('mail.approval.decideAt', { url: `${process.env.WEB_URL}/approvals` }) : t('mail.approval.decide'),
        ].join('\n'),
      });
    }
  } catch (error) {
    logger.error('Approval e-mail failed', { error: error as Error, orderId: order.orderId });
  }
}

export async function notifyBuyerOfRejection(order: ApprovalSubject, by: string, comment?: string): Promise<void> {
  try {
    // In the buyer's language (their own choice, else the company's).
    const t = translator(await mailLanguage(order.companyId, order.placedBy.sub));
    await sendMail({
      to: [order.placedBy.email],
      subject: t('mail.rejected.subject', { order: order.orderNumber }),
      text: [t('mail.rejected.text', { name: by, order: order.orderNumber }), ...(comment ? [t('mail.rejected.comment', { comment })] : [])].join('\n'),
    });
  } catch (error) {
    logger.error('Rejection e-mail failed', { error: error as Error, orderId: order.orderId });
  }
}

// ---- approving ---------------------------------------------------------------------------------

/** Orders waiting for a level the caller may decide. */
export async function pendingApprovals(caller: Identity, companyId: string) {
  requireOwnCompany(caller, companyId);
  const [orders, users] = await Promise.all([listPendingApprovalOrders(companyId), companyUsers(companyId)]);
  const me = users.find((user) => user.sub === caller.sub);
  if (!me) return { approvals: [] };
  const approvals = orders.flatMap((order) => {
    const flow = flowOf(order);
    const level = flow.levels[flow.currentLevel - 1];
    if (!level || !mayApproveLevel(level, me, order.placedBy.sub)) return [];
    return [
      {
        orderId: order.orderId,
        orderNumber: order.orderNumber,
        createdAt: order.createdAt,
        placedBy: { name: order.placedBy.name, email: order.placedBy.email },
        net: order.net,
        gross: order.gross,
        deliveryFee: order.deliveryFee,
        lines: order.lines.length,
        ...(order.costCentre ? { costCentre: order.costCentre } : {}),
        ...(order.poNumber ? { poNumber: order.poNumber } : {}),
        approvalFlow: flow,
        budgets: order.budgets ?? [],
      },
    ];
  });
  return { approvals };
}

/**
 * One approver's decision on the level an order waits on (functions/orders records it: the order
 * is orders'). Exactly one of two concurrent decisions on the same level counts (orders' conditional
 * write on the order's current level); the other gets 409. A rejection at any level releases the
 * budgets: `also` are those items, for the same transaction that marks the order rejected.
 */
export interface ApprovalDecision {
  readonly kind: 'approved' | 'rejected' | 'next-level';
  /** The level decided; the order's write is conditioned on it still waiting there. */
  readonly fromLevel: number;
  readonly flow: ApprovalFlow;
  readonly status: 'awaiting-approval' | 'placing' | 'rejected';
  /** The final decision (approved or rejected), kept on the order. */
  readonly approval?: { readonly decidedBy: string; readonly decidedAt: string; readonly comment?: string };
  readonly also: readonly TransactItem[];
  readonly approverName: string;
}

/** Only the company's own users decide on its orders (checked before the order is read). */
export const assertMayDecide = (caller: Identity, companyId: string): void => requireOwnCompany(caller, companyId);

export async function decideLevel(caller: Identity, order: ApprovalSubject, approve: boolean, comment?: string): Promise<ApprovalDecision> {
  const { companyId, orderId } = order;
  if (order.status !== 'awaiting-approval') throw conflict('ALREADY_DECIDED', `The order is ${order.status}`);
  const flow = flowOf(order);
  const level = flow.levels[flow.currentLevel - 1];
  const me = (await companyUsers(companyId)).find((user) => user.sub === caller.sub);
  if (!level || !me || !mayApproveLevel(level, me, order.placedBy.sub)) {
    throw forbidden(
      order.placedBy.sub === caller.sub ? 'Nobody approves their own order' : `You are not an approver of level ${flow.currentLevel} of this order`,
    );
  }
  const at = new Date().toISOString();
  const outcome = decide(flow, {
    decision: approve ? 'approved' : 'rejected',
    by: { sub: me.sub, name: me.name, email: me.email },
    at,
    ...(comment ? { comment } : {}),
  });
  const finalDecision = { decidedBy: caller.sub, decidedAt: at, ...(comment ? { comment } : {}) };
  const base = { kind: outcome.kind, fromLevel: flow.currentLevel, flow: outcome.flow, approverName: me.name };
  if (outcome.kind === 'rejected') {
    const charges = await repository.chargesOf(companyId, orderId);
    return { ...base, status: 'rejected', approval: finalDecision, also: charges.flatMap((charge) => repository.releaseItems(companyId, charge)) };
  }
  if (outcome.kind === 'approved') return { ...base, status: 'placing', approval: finalDecision, also: [] };
  return { ...base, status: 'awaiting-approval', also: [] };
}

/** Gives back what an order took from its budgets (rejected, cancelled or failed orders); idempotent. */
export async function releaseOrderBudgets(companyId: string, orderId: string): Promise<number> {
  return repository.releaseCharges(companyId, orderId);
}

/** The company's cost-centre list item, for routes that prefetch it (checkout). */
export const costCentresRead = (companyId: string) => repository.approvalKeys.costCentres(companyId);
