import type { z } from 'zod';
import { isCompanyRole } from '../../lib/definitions/index.js';
import { authorizedAccount } from '../accounts/companies.js';
import { companyUsers } from '../accounts/service.js';
import { findOrder, type Order } from '../orders/repository.js';
import { persistOrder, startWorkflow, type TransactItem } from '../orders/placement.js';
import type { Identity } from '../shared/auth.js';
import { AppError, badRequest, conflict, forbidden, notFound } from '../shared/errors.js';
import { logger } from '../shared/logger.js';
import { sendMail } from '../shared/mail.js';
import { formatMoneyText, type Money } from '../shared/money.js';
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
  if (caller.role !== 'company-admin' || caller.companyId !== companyId) throw forbidden('Only the company admin manages approval rules, cost centres and budgets');
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
  if (!stored.some((candidate) => candidate.ruleId === ruleId) && stored.length >= maxRules) throw badRequest('TOO_MANY_RULES', `A company has at most ${maxRules} approval rules`);
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
  if (!(await repository.writeCostCentres(companyId, centres, version, new Date()))) throw conflict('COST_CENTRES_CHANGED', 'The cost centres changed meanwhile; reload and try again');
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
  if (!budgets.some((budget) => budget.budgetId === budgetId) && budgets.length >= maxBudgets) throw badRequest('TOO_MANY_BUDGETS', `A company has at most ${maxBudgets} budgets`);
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
  const [stored, budgets, { centres }, users] = await Promise.all([
    repository.listRules(companyId),
    repository.listBudgets(companyId),
    repository.readCostCentres(companyId),
    companyUsers(companyId),
  ]);
  if (planned.costCentre !== undefined && !centres.some((centre) => centre.code === planned.costCentre)) {
    throw badRequest('UNKNOWN_COST_CENTRE', `Cost centre ${planned.costCentre} is not in your company's list`);
  }
  const spend = budgetSpend(planned);
  const applicable = applicableBudgets(budgets, planned.costCentre, spend.currency);
  const consumed = await repository.readConsumption(companyId, applicable.map((budget) => ({ budgetId: budget.budgetId, periodKey: periodKey(budget.period, planned.at) })));
  const effects = spend.amount > 0 ? budgetEffects(applicable, consumed, spend, planned.at) : [];
  const role = isCompanyRole(planned.buyer.role) ? planned.buyer.role : 'buyer';
  const matched = matchingRules(effectiveRules(stored), {
    net: planned.net,
    payable: planned.payable,
    lines: planned.lines,
    deliveryKind: planned.deliveryKind ?? '',
    buyer: { sub: planned.buyer.sub, role, orderLimit: planned.buyer.orderLimit },
    warnBudgetExceeded: warnings(effects).length > 0,
  });
  const levels = mergeLevels(matched);
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
    throw new AppError(409, 'BUDGET_EXCEEDED', `The order exceeds the budget ${evaluation.blocked.map((effect) => `"${effect.name}" (${effect.periodKey})`).join(', ')}`, evaluation.blocked);
  }
  if (evaluation.approval.levelsWithoutApprover.length) {
    throw new AppError(409, 'NO_APPROVER', `Nobody but you could approve level ${evaluation.approval.levelsWithoutApprover.join(', ')} of this order; ask your company admin`);
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

/** What the company's rules decide about the order being placed: its status, approval flow and budget effects. */
export interface GatedOrderFields {
  readonly status: 'awaiting-approval' | 'placing';
  readonly approvalFlow?: ApprovalFlow;
  readonly budgets?: readonly BudgetEffect[];
}

export interface GatedPlacement<Replay> {
  readonly planned: PlannedOrder;
  /** The caller's order, given the fields the rules decided (budget charges need its id). */
  readonly order: (gated: GatedOrderFields) => Promise<Order>;
  /** The caller's own conditional writes for the order's transaction (idempotency key, cart, quote). */
  readonly also: (order: Order) => readonly TransactItem[];
  /** After a refused transaction: the replay of a repeated request, or throws the caller's own reason; undefined = not the caller's. */
  readonly refused: () => Promise<Replay | undefined>;
  /** Thrown when neither the caller nor a budget explains the refusal. */
  readonly otherwise: () => AppError;
}

/**
 * Places an order under the company's approval rules and budgets — checkout and quote acceptance
 * alike: refused by a 'block' budget (409 BUDGET_EXCEEDED) or when nobody could approve, the budget
 * charges written in the order's own transaction, then the approvers e-mailed (awaiting-approval) or
 * the placement saga started.
 */
export async function placeUnderCompanyRules<Replay>(placement: GatedPlacement<Replay>): Promise<{ placed: Order; warnings: readonly BudgetEffect[] } | { replayed: Replay }> {
  const { planned } = placement;
  const evaluation = await evaluateOrder(planned);
  assertPlaceable(evaluation);
  const approvalFlow = approvalFlowFor(evaluation);
  const order = await placement.order({
    status: approvalFlow ? 'awaiting-approval' : 'placing',
    ...(approvalFlow ? { approvalFlow } : {}),
    ...(evaluation.budgets.length ? { budgets: evaluation.budgets } : {}),
  });
  const persisted = await persistOrder(order, [...placement.also(order), ...budgetItemsFor(planned.companyId, order.orderId, evaluation, planned.at)]);
  if (!persisted) {
    const replayed = await placement.refused();
    if (replayed !== undefined) return { replayed };
    const exceeded = await budgetNowExceeded(planned);
    if (exceeded) assertPlaceable(exceeded);
    throw placement.otherwise();
  }
  if (approvalFlow) await notifyApprovers(order);
  else await startWorkflow(order);
  return { placed: order, warnings: evaluation.warnings };
}

const approvalsLink = () => (process.env.WEB_URL ? `: ${process.env.WEB_URL}/approvals` : '');

/** E-mails the approvers of the level the order waits on (failures are logged: the order waits anyway). */
export async function notifyApprovers(order: Order): Promise<void> {
  try {
    const flow = flowOf(order);
    const level = flow.levels[flow.currentLevel - 1];
    if (!level) return;
    const approvers = approversOf(level, await companyUsers(order.companyId), order.placedBy.sub);
    if (!approvers.length) return;
    const total = formatMoneyText({ amount: order.gross.amount + order.deliveryFee.amount, currency: order.gross.currency });
    await sendMail({
      to: approvers.map((user) => user.email),
      subject: `Order ${order.orderNumber} needs your approval (level ${level.level} of ${flow.levels.length})`,
      text: [
        `${order.placedBy.name} placed order ${order.orderNumber} (${total}).`,
        `It needs approval because of: ${level.ruleNames.join(', ')}.`,
        `Approve or reject it in your account${approvalsLink()}.`,
      ].join('\n'),
    });
  } catch (error) {
    logger.error('Approval e-mail failed', { error: error as Error, orderId: order.orderId });
  }
}

async function notifyBuyerOfRejection(order: Order, by: string, comment?: string): Promise<void> {
  try {
    await sendMail({
      to: [order.placedBy.email],
      subject: `Order ${order.orderNumber} was rejected`,
      text: [`${by} rejected your order ${order.orderNumber}.`, ...(comment ? [`Comment: ${comment}`] : [])].join('\n'),
    });
  } catch (error) {
    logger.error('Rejection e-mail failed', { error: error as Error, orderId: order.orderId });
  }
}

// ---- approving ---------------------------------------------------------------------------------

/** Orders waiting for a level the caller may decide. */
export async function pendingApprovals(caller: Identity, companyId: string) {
  requireOwnCompany(caller, companyId);
  const [orders, users] = await Promise.all([repository.listPendingOrders(companyId), companyUsers(companyId)]);
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
 * One approver's decision on the level an order waits on. Exactly one of two concurrent decisions
 * on the same level counts (conditional write on the order's current level); the other gets 409.
 * After the last level the placement saga starts; a rejection at any level releases the budgets in
 * the same transaction that marks the order rejected.
 */
export async function decideOnOrder(caller: Identity, companyId: string, orderId: string, approve: boolean, comment?: string) {
  requireOwnCompany(caller, companyId);
  const order = await findOrder(companyId, orderId);
  if (!order) throw notFound('Order');
  if (order.status !== 'awaiting-approval') throw conflict('ALREADY_DECIDED', `The order is ${order.status}`);
  const flow = flowOf(order);
  const level = flow.levels[flow.currentLevel - 1];
  const me = (await companyUsers(companyId)).find((user) => user.sub === caller.sub);
  if (!level || !me || !mayApproveLevel(level, me, order.placedBy.sub)) {
    throw forbidden(order.placedBy.sub === caller.sub ? 'Nobody approves their own order' : `You are not an approver of level ${flow.currentLevel} of this order`);
  }
  const at = new Date().toISOString();
  const outcome = decide(flow, { decision: approve ? 'approved' : 'rejected', by: { sub: me.sub, name: me.name, email: me.email }, at, ...(comment ? { comment } : {}) });
  const finalDecision = { decidedBy: caller.sub, decidedAt: at, ...(comment ? { comment } : {}) };
  let recorded: boolean;
  if (outcome.kind === 'rejected') {
    const charges = await repository.chargesOf(companyId, orderId);
    recorded = await repository.recordDecision(order, flow.currentLevel, outcome.flow, 'rejected', { approval: finalDecision }, charges.flatMap((charge) => repository.releaseItems(companyId, charge)));
  } else if (outcome.kind === 'approved') {
    recorded = await repository.recordDecision(order, flow.currentLevel, outcome.flow, 'placing', { approval: finalDecision }, []);
  } else {
    recorded = await repository.recordDecision(order, flow.currentLevel, outcome.flow, 'awaiting-approval', {}, []);
  }
  if (!recorded) throw conflict('ALREADY_DECIDED', `Level ${flow.currentLevel} of this order was decided meanwhile`);

  const updated: Order = { ...order, approvalFlow: outcome.flow };
  if (outcome.kind === 'approved') await startWorkflow({ ...updated, status: 'placing', approval: finalDecision });
  if (outcome.kind === 'next-level') await notifyApprovers(updated);
  if (outcome.kind === 'rejected') await notifyBuyerOfRejection(order, me.name, comment);
  const status = outcome.kind === 'approved' ? 'placing' : outcome.kind === 'rejected' ? 'rejected' : 'awaiting-approval';
  return { orderId, status, currentLevel: outcome.flow.currentLevel, approvalFlow: outcome.flow };
}

/** Gives back what an order took from its budgets (rejected, cancelled or failed orders); idempotent. */
export async function releaseOrderBudgets(companyId: string, orderId: string): Promise<number> {
  return repository.releaseCharges(companyId, orderId);
}
