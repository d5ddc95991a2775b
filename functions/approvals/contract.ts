import * as z from 'zod';
import { companyRoles } from '../../lib/definitions/index.js';
import { companyIdParam, defineContract, deletedSchema, idSchema, moneySchema } from '../shared/contract.js';
import { money } from '../shared/money.js';
import { deliveryKinds } from './rules.js';

/** Ids are chosen by the client (PUT creates or replaces): letters, digits and dashes. */
const itemId = idSchema;
const amount = z
  .object({ amount: z.number().int().nonnegative().max(100_000_000_000), currency: z.string().regex(/^[A-Z]{3}$/) })
  .strict()
  .transform((value) => money(value.amount, value.currency));
const costCentreCode = z.string().trim().min(1).max(40);
const companyRole = z.enum(companyRoles);
const budgetPeriodSchema = z.enum(['monthly', 'quarterly', 'yearly']);
const budgetModeSchema = z.enum(['block', 'warn']).describe('block: orders beyond the budget are refused; warn: they need approval');

// ---- request bodies --------------------------------------------------------------------------

const conditionBody = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('order-total-above'), basis: z.enum(['net', 'gross']), amount }).strict(),
  z
    .object({
      kind: z.literal('contains'),
      categories: z
        .array(z.string().regex(/^[a-z0-9-]{1,64}$/))
        .max(50)
        .default([]),
      skus: z
        .array(z.string().regex(/^[A-Za-z0-9._-]{1,64}$/))
        .max(200)
        .default([]),
    })
    .strict(),
  z.object({ kind: z.literal('delivery-method'), methods: z.array(z.enum(deliveryKinds)).min(1).max(4) }).strict(),
  z.object({ kind: z.literal('buyer-role'), roles: z.array(companyRole).min(1).max(3) }).strict(),
  z.object({ kind: z.literal('user-order-limit') }).strict(),
  z.object({ kind: z.literal('budget-exceeded') }).strict(),
]);

const levelBody = z.object({ approverSubs: z.array(z.string().min(1).max(64)).max(20).default([]), roles: z.array(companyRole).max(3).default([]) }).strict();

export const approvalRuleBodySchema = z
  .object({ name: z.string().trim().min(1).max(80), active: z.boolean().default(true), condition: conditionBody, levels: z.array(levelBody).min(1).max(5) })
  .strict();

const budgetScopeBody = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('company') }).strict(),
  z.object({ kind: z.literal('cost-centre'), costCentre: costCentreCode }).strict(),
]);

export const budgetBodySchema = z
  .object({ name: z.string().trim().min(1).max(80), scope: budgetScopeBody, period: budgetPeriodSchema, amount, mode: budgetModeSchema })
  .strict();

const costCentresBody = z
  .object({
    centres: z.array(z.object({ code: costCentreCode, name: z.string().trim().min(1).max(80) }).strict()).max(100),
    version: z.number().int().nonnegative().describe('the version read with GET; a stale version is refused (COST_CENTRES_CHANGED)'),
  })
  .strict();

// ---- entities --------------------------------------------------------------------------------

const ruleConditionSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('order-total-above'), basis: z.enum(['net', 'gross']), amount: moneySchema }),
  z.object({ kind: z.literal('contains'), categories: z.array(z.string()), skus: z.array(z.string()) }),
  z.object({ kind: z.literal('delivery-method'), methods: z.array(z.enum(deliveryKinds)) }),
  z.object({ kind: z.literal('buyer-role'), roles: z.array(companyRole) }),
  z.object({ kind: z.literal('user-order-limit') }),
  z.object({ kind: z.literal('budget-exceeded') }),
]);

const approverLevelSchema = z.object({ approverSubs: z.array(z.string()), roles: z.array(companyRole) });

export const approvalRuleSchema = z
  .object({
    ruleId: z.string(),
    name: z.string(),
    active: z.boolean(),
    condition: ruleConditionSchema,
    levels: z.array(approverLevelSchema).describe('level 1 first; every level must approve, in order'),
    builtIn: z.boolean().describe('the default order-limit rule, in force until the admin stores their own'),
  })
  .meta({ id: 'ApprovalRule' });

/** Why a rule asks for approval of this order: a code with the order's figures, and English for integrators. */
const reasonMessage = z.string().describe('English text for integrators; clients word the code and params themselves');
export const approvalReasonSchema = z
  .discriminatedUnion('code', [
    z.object({
      code: z.literal('ORDER_TOTAL_ABOVE'),
      params: z.object({ basis: z.enum(['net', 'gross']), total: moneySchema, limit: moneySchema }),
      message: reasonMessage,
    }),
    z.object({
      code: z.literal('CONTAINS'),
      params: z.object({ categories: z.array(z.string()).describe('matched category ids'), skus: z.array(z.string()).describe('matched SKUs') }),
      message: reasonMessage,
    }),
    z.object({ code: z.literal('DELIVERY_METHOD'), params: z.object({ method: z.string().describe('the delivery kind chosen') }), message: reasonMessage }),
    z.object({ code: z.literal('BUYER_ROLE'), params: z.object({ role: companyRole }), message: reasonMessage }),
    z.object({ code: z.literal('USER_ORDER_LIMIT'), params: z.object({ total: moneySchema, limit: moneySchema.nullable() }), message: reasonMessage }),
    z.object({
      code: z.literal('BUDGET_EXCEEDED'),
      params: z.object({ budgets: z.array(z.string()).describe('names of the warn budgets exceeded') }),
      message: reasonMessage,
    }),
  ])
  .meta({ id: 'ApprovalReason' });

/** One level of an order's approval chain, merged from the rules that asked for it. */
const requiredLevelSchema = approverLevelSchema.extend({
  level: z.number().int().positive(),
  ruleIds: z.array(z.string()),
  ruleNames: z.array(z.string()),
  reasons: z.array(approvalReasonSchema).optional().describe('why each rule asked, in the order of ruleIds; absent on orders placed before reasons existed'),
  approverNames: z.array(z.string()).optional(),
});

const approvalDecisionSchema = z.object({
  level: z.number().int().positive(),
  decision: z.enum(['approved', 'rejected']),
  by: z.object({ sub: z.string(), name: z.string(), email: z.string() }),
  at: z.string(),
  comment: z.string().optional(),
});

export const approvalFlowSchema = z
  .object({
    levels: z.array(requiredLevelSchema),
    currentLevel: z.number().int().positive().describe('the level waiting for a decision (1-based); past the last level once approved'),
    history: z.array(approvalDecisionSchema),
  })
  .meta({ id: 'ApprovalFlow' });

const budgetScopeSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('company') }),
  z.object({ kind: z.literal('cost-centre'), costCentre: z.string() }),
]);

export const budgetSchema = z
  .object({ budgetId: z.string(), name: z.string(), scope: budgetScopeSchema, period: budgetPeriodSchema, amount: moneySchema, mode: budgetModeSchema })
  .meta({ id: 'Budget' });

/** What an order took (or would take) from one budget in its period. */
export const budgetEffectSchema = z
  .object({
    budgetId: z.string(),
    name: z.string(),
    scope: budgetScopeSchema,
    mode: budgetModeSchema,
    periodKey: z.string().describe('2026-11 (monthly), 2026-Q4 (quarterly) or 2026 (yearly)'),
    limit: moneySchema,
    consumed: moneySchema,
    spend: moneySchema,
    after: moneySchema,
    exceeded: z.boolean(),
  })
  .meta({ id: 'BudgetEffect' });

const costCentresSchema = z
  .object({ centres: z.array(z.object({ code: z.string(), name: z.string() })), version: z.number().int().nonnegative() })
  .meta({ id: 'CostCentres' });

const pendingApprovalSchema = z
  .object({
    orderId: z.string(),
    orderNumber: z.string(),
    createdAt: z.string(),
    placedBy: z.object({ name: z.string(), email: z.string() }),
    net: moneySchema,
    gross: moneySchema,
    deliveryFee: moneySchema,
    lines: z.number().int().nonnegative().describe('number of order lines'),
    costCentre: z.string().optional(),
    poNumber: z.string().optional(),
    approvalFlow: approvalFlowSchema,
    budgets: z.array(budgetEffectSchema),
  })
  .meta({ id: 'PendingApproval' });

const rulePath = companyIdParam.extend({ ruleId: itemId });
const budgetPath = companyIdParam.extend({ budgetId: itemId });

export const approvalsContract = defineContract({
  'GET /companies/{companyId}/approval-rules': {
    summary: "The company's approval rules, including the built-in order-limit rule while it is not replaced (company admin)",
    params: companyIdParam,
    response: z.object({ rules: z.array(approvalRuleSchema) }),
  },
  'PUT /companies/{companyId}/approval-rules/{ruleId}': {
    summary: 'Creates or replaces an approval rule: a condition and up to five approver levels (company admin)',
    params: rulePath,
    body: approvalRuleBodySchema,
    response: approvalRuleSchema,
    errors: ['TOO_MANY_RULES', 'INVALID_RULE'],
  },
  'DELETE /companies/{companyId}/approval-rules/{ruleId}': {
    summary: 'Deletes an approval rule; deleting the order-limit rule restores the built-in default (company admin)',
    params: rulePath,
    response: deletedSchema.extend({ restored: approvalRuleSchema.optional().describe('the built-in rule in force again') }),
    errors: ['NOT_FOUND'],
  },
  'GET /companies/{companyId}/cost-centres': {
    summary: "The company's cost centres (chosen at checkout) and the list's version",
    params: companyIdParam,
    response: costCentresSchema,
  },
  'PUT /companies/{companyId}/cost-centres': {
    summary: 'Replaces the cost centre list if it is still at the version read (company admin)',
    params: companyIdParam,
    body: costCentresBody,
    response: costCentresSchema,
    errors: ['INVALID_COST_CENTRES', 'COST_CENTRES_CHANGED'],
  },
  'GET /companies/{companyId}/budgets': {
    summary: "The company's budgets with what the current period has consumed (company admin)",
    params: companyIdParam,
    response: z.object({ budgets: z.array(budgetSchema.extend({ currentPeriod: z.string(), consumed: moneySchema })) }),
  },
  'PUT /companies/{companyId}/budgets/{budgetId}': {
    summary: 'Creates or replaces a budget of the company or of one cost centre (company admin)',
    params: budgetPath,
    body: budgetBodySchema,
    response: budgetSchema,
    errors: ['TOO_MANY_BUDGETS', 'UNKNOWN_COST_CENTRE'],
  },
  'DELETE /companies/{companyId}/budgets/{budgetId}': {
    summary: 'Deletes a budget (company admin)',
    params: budgetPath,
    response: deletedSchema,
    errors: ['NOT_FOUND'],
  },
  'GET /companies/{companyId}/approvals': {
    summary: 'Orders waiting for an approval level the caller may decide',
    params: companyIdParam,
    response: z.object({ approvals: z.array(pendingApprovalSchema) }),
  },
});
