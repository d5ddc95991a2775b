import { companyRoles, roles } from '../../lib/definitions/index.js';
import { createHttpHandler, forRoles } from '../shared/http.js';
import { approvalsContract } from './contract.js';
import * as approvals from './service.js';

export const handler = createHttpHandler('approvals', approvalsContract, {
  'GET /companies/{companyId}/approval-rules': forRoles(['company-admin'], ({ caller, params }) => approvals.listRules(caller, params.companyId)),

  'PUT /companies/{companyId}/approval-rules/{ruleId}': forRoles(['company-admin'], ({ caller, params, body }) =>
    approvals.saveRule(caller, params.companyId, params.ruleId, body),
  ),

  'DELETE /companies/{companyId}/approval-rules/{ruleId}': forRoles(['company-admin'], ({ caller, params }) =>
    approvals.removeRule(caller, params.companyId, params.ruleId),
  ),

  'GET /companies/{companyId}/cost-centres': forRoles(roles, ({ caller, params }) => approvals.listCostCentres(caller, params.companyId)),

  'PUT /companies/{companyId}/cost-centres': forRoles(['company-admin'], ({ caller, params, body }) =>
    approvals.replaceCostCentres(caller, params.companyId, body.centres, body.version),
  ),

  'GET /companies/{companyId}/budgets': forRoles(['company-admin'], ({ caller, params }) => approvals.listBudgets(caller, params.companyId)),

  'PUT /companies/{companyId}/budgets/{budgetId}': forRoles(['company-admin'], ({ caller, params, body }) =>
    approvals.saveBudget(caller, params.companyId, params.budgetId, body),
  ),

  'DELETE /companies/{companyId}/budgets/{budgetId}': forRoles(['company-admin'], ({ caller, params }) =>
    approvals.removeBudget(caller, params.companyId, params.budgetId),
  ),

  'GET /companies/{companyId}/approvals': forRoles(companyRoles, ({ caller, params }) => approvals.pendingApprovals(caller, params.companyId)),
});
