import { z } from 'zod';
import { companyRoles, roles } from '../../lib/definitions/index.js';
import { createHttpHandler, forRoles } from '../shared/http.js';
import { money } from '../shared/money.js';
import { deliveryKinds } from './rules.js';
import * as approvals from './service.js';

const companyId = z.string().regex(/^[A-Za-z0-9-]{1,64}$/);
/** Ids are chosen by the client (PUT creates or replaces): letters, digits and dashes. */
const itemId = z.string().regex(/^[A-Za-z0-9-]{1,64}$/);
const amount = z
  .object({ amount: z.number().int().nonnegative().max(100_000_000_000), currency: z.string().regex(/^[A-Z]{3}$/) })
  .strict()
  .transform((value) => money(value.amount, value.currency));
const costCentreCode = z.string().trim().min(1).max(40);
const companyRole = z.enum(companyRoles);

const condition = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('order-total-above'), basis: z.enum(['net', 'gross']), amount }).strict(),
  z
    .object({
      kind: z.literal('contains'),
      categories: z.array(z.string().regex(/^[a-z0-9-]{1,64}$/)).max(50).default([]),
      skus: z.array(z.string().regex(/^[A-Za-z0-9._-]{1,64}$/)).max(200).default([]),
    })
    .strict(),
  z.object({ kind: z.literal('delivery-method'), methods: z.array(z.enum(deliveryKinds)).min(1).max(4) }).strict(),
  z.object({ kind: z.literal('buyer-role'), roles: z.array(companyRole).min(1).max(3) }).strict(),
  z.object({ kind: z.literal('user-order-limit') }).strict(),
  z.object({ kind: z.literal('budget-exceeded') }).strict(),
]);

const level = z
  .object({ approverSubs: z.array(z.string().min(1).max(64)).max(20).default([]), roles: z.array(companyRole).max(3).default([]) })
  .strict();

const ruleBody = z
  .object({ name: z.string().trim().min(1).max(80), active: z.boolean().default(true), condition, levels: z.array(level).min(1).max(5) })
  .strict();

const budgetBody = z
  .object({
    name: z.string().trim().min(1).max(80),
    scope: z.discriminatedUnion('kind', [z.object({ kind: z.literal('company') }).strict(), z.object({ kind: z.literal('cost-centre'), costCentre: costCentreCode }).strict()]),
    period: z.enum(['monthly', 'quarterly', 'yearly']),
    amount,
    mode: z.enum(['block', 'warn']),
  })
  .strict();

const costCentresBody = z
  .object({
    centres: z.array(z.object({ code: costCentreCode, name: z.string().trim().min(1).max(80) }).strict()).max(100),
    version: z.number().int().nonnegative(),
  })
  .strict();

export const handler = createHttpHandler('approvals', {
  'GET /companies/{companyId}/approval-rules': forRoles(['company-admin'], {
    params: z.object({ companyId }),
    handle: ({ caller, params }) => approvals.listRules(caller, params.companyId),
  }),

  'PUT /companies/{companyId}/approval-rules/{ruleId}': forRoles(['company-admin'], {
    params: z.object({ companyId, ruleId: itemId }),
    body: ruleBody,
    handle: ({ caller, params, body }) => approvals.saveRule(caller, params.companyId, params.ruleId, body),
  }),

  'DELETE /companies/{companyId}/approval-rules/{ruleId}': forRoles(['company-admin'], {
    params: z.object({ companyId, ruleId: itemId }),
    handle: ({ caller, params }) => approvals.removeRule(caller, params.companyId, params.ruleId),
  }),

  'GET /companies/{companyId}/cost-centres': forRoles(roles, {
    params: z.object({ companyId }),
    handle: ({ caller, params }) => approvals.listCostCentres(caller, params.companyId),
  }),

  'PUT /companies/{companyId}/cost-centres': forRoles(['company-admin'], {
    params: z.object({ companyId }),
    body: costCentresBody,
    handle: ({ caller, params, body }) => approvals.replaceCostCentres(caller, params.companyId, body.centres, body.version),
  }),

  'GET /companies/{companyId}/budgets': forRoles(['company-admin'], {
    params: z.object({ companyId }),
    handle: ({ caller, params }) => approvals.listBudgets(caller, params.companyId),
  }),

  'PUT /companies/{companyId}/budgets/{budgetId}': forRoles(['company-admin'], {
    params: z.object({ companyId, budgetId: itemId }),
    body: budgetBody,
    handle: ({ caller, params, body }) => approvals.saveBudget(caller, params.companyId, params.budgetId, body),
  }),

  'DELETE /companies/{companyId}/budgets/{budgetId}': forRoles(['company-admin'], {
    params: z.object({ companyId, budgetId: itemId }),
    handle: ({ caller, params }) => approvals.removeBudget(caller, params.companyId, params.budgetId),
  }),

  'GET /companies/{companyId}/approvals': forRoles(companyRoles, {
    params: z.object({ companyId }),
    handle: ({ caller, params }) => approvals.pendingApprovals(caller, params.companyId),
  }),
});
