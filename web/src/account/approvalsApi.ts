/**
 * Approval rules, cost centres, budgets and the approver inbox (functions/approvals, issue 8):
 * types and calls on top of the shop's ApiClient.
 */
import type { ApiResponse } from '../../../functions/contract.js';
import type { ApiClient } from '../api.js';
import type { CheckoutPreview, Money } from '../types.js';

export type ApprovalRule = ApiResponse<'PUT /companies/{companyId}/approval-rules/{ruleId}'>;
export type RuleCondition = ApprovalRule['condition'];
export type DeliveryKind = Extract<RuleCondition, { kind: 'delivery-method' }>['methods'][number];
export type ApproverLevel = ApprovalRule['levels'][number];
export type CostCentre = ApiResponse<'GET /companies/{companyId}/cost-centres'>['centres'][number];
type ListedBudget = ApiResponse<'GET /companies/{companyId}/budgets'>['budgets'][number];
/** A budget; `currentPeriod` and `consumed` only as listed (a budget being saved has none yet). */
export type Budget = ApiResponse<'PUT /companies/{companyId}/budgets/{budgetId}'> & Partial<Pick<ListedBudget, 'currentPeriod' | 'consumed'>>;
export type BudgetScope = Budget['scope'];
export type PendingApproval = ApiResponse<'GET /companies/{companyId}/approvals'>['approvals'][number];
export type ApprovalFlow = PendingApproval['approvalFlow'];
export type RequiredLevel = ApprovalFlow['levels'][number];
export type ApprovalDecision = ApprovalFlow['history'][number];
export type BudgetEffect = PendingApproval['budgets'][number];
/** What the checkout preview adds for approvals and budgets. */
export type CheckoutApprovalInfo = Pick<CheckoutPreview, 'costCentres' | 'approval' | 'budgets'>;

const required = { auth: 'required' as const };

export const approvalsApi = (api: ApiClient) => ({
  listRules: (companyId: string, signal?: AbortSignal) =>
    api.call('GET /companies/{companyId}/approval-rules', { params: { companyId } }, { ...required, signal }),
  saveRule: (companyId: string, { ruleId, builtIn: _builtIn, ...rule }: ApprovalRule) =>
    api.call('PUT /companies/{companyId}/approval-rules/{ruleId}', { params: { companyId, ruleId }, body: rule }, required),
  deleteRule: (companyId: string, ruleId: string) =>
    api.call('DELETE /companies/{companyId}/approval-rules/{ruleId}', { params: { companyId, ruleId } }, required),
  listCostCentres: (companyId: string, signal?: AbortSignal) =>
    api.call('GET /companies/{companyId}/cost-centres', { params: { companyId } }, { ...required, signal }),
  saveCostCentres: (companyId: string, centres: CostCentre[], version: number) =>
    api.call('PUT /companies/{companyId}/cost-centres', { params: { companyId }, body: { centres, version } }, required),
  listBudgets: (companyId: string, signal?: AbortSignal) => api.call('GET /companies/{companyId}/budgets', { params: { companyId } }, { ...required, signal }),
  saveBudget: (companyId: string, { budgetId, currentPeriod: _period, consumed: _consumed, ...budget }: Budget) =>
    api.call('PUT /companies/{companyId}/budgets/{budgetId}', { params: { companyId, budgetId }, body: budget }, required),
  deleteBudget: (companyId: string, budgetId: string) =>
    api.call('DELETE /companies/{companyId}/budgets/{budgetId}', { params: { companyId, budgetId } }, required),
  pending: (companyId: string, signal?: AbortSignal) => api.call('GET /companies/{companyId}/approvals', { params: { companyId } }, { ...required, signal }),
  decide: (companyId: string, orderId: string, approve: boolean, comment?: string) =>
    api.call(
      'POST /companies/{companyId}/orders/{orderId}/approval',
      { params: { companyId, orderId }, body: { approve, ...(comment ? { comment } : {}) } },
      required,
    ),
});

export const newClientId = (): string =>
  typeof crypto.randomUUID === 'function'
    ? crypto.randomUUID()
    : Array.from(crypto.getRandomValues(new Uint8Array(16)), (byte) => byte.toString(16).padStart(2, '0')).join('');

export const conditionText = (condition: RuleCondition, money: (value: Money) => string): string => {
  switch (condition.kind) {
    case 'order-total-above':
      return `Order ${condition.basis} total above ${money(condition.amount)}`;
    case 'contains':
      return `Contains ${[...condition.categories.map((category) => `category ${category}`), ...condition.skus.map((sku) => `SKU ${sku}`)].join(', ')}`;
    case 'delivery-method':
      return `Delivery: ${condition.methods.join(', ')}`;
    case 'buyer-role':
      return `Placed by: ${condition.roles.join(', ')}`;
    case 'user-order-limit':
      return 'Above the buyer’s own order limit';
    case 'budget-exceeded':
      return 'A warning budget would be exceeded';
  }
};

export const periodLabel: Record<Budget['period'], string> = { monthly: 'Monthly', quarterly: 'Quarterly', yearly: 'Yearly' };
