/**
 * Approval rules, cost centres, budgets and the approver inbox (functions/approvals, issue 8):
 * types and calls on top of the shop's ApiClient.
 */
import type { ApiResponse } from '../../../functions/contract.js';
import type { ApiClient } from '../api.js';
import type { MessageKey } from '../i18n/messages/index.js';
import { translate } from '../i18n/translate.js';
import { translatedLabels } from '../orderAdmin.js';
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

type BuyerRole = Extract<RuleCondition, { kind: 'buyer-role' }>['roles'][number];

const methodKeys: Record<DeliveryKind, MessageKey> = {
  pickup: 'orders.rules.method.pickup',
  'own-transport': 'orders.rules.method.own-transport',
  carrier: 'orders.rules.method.carrier',
  dropshipping: 'orders.rules.method.dropshipping',
};

const roleKeys: Record<BuyerRole, MessageKey> = {
  'company-admin': 'orders.rules.role.company-admin',
  'super-user': 'orders.rules.role.super-user',
  buyer: 'orders.rules.role.buyer',
};

/** A rule's condition in words, in the UI language. */
export const conditionText = (condition: RuleCondition, money: (value: Money) => string): string => {
  switch (condition.kind) {
    case 'order-total-above':
      return translate('orders.rules.totalAbove', {
        basis: translate(condition.basis === 'gross' ? 'orders.rules.basis.gross' : 'orders.rules.basis.net'),
        amount: money(condition.amount),
      });
    case 'contains':
      return translate('orders.rules.contains', {
        items: [
          ...condition.categories.map((category) => translate('orders.rules.category', { category })),
          ...condition.skus.map((sku) => translate('orders.rules.sku', { sku })),
        ].join(', '),
      });
    case 'delivery-method':
      return translate('orders.rules.delivery', { methods: condition.methods.map((method) => translate(methodKeys[method])).join(', ') });
    case 'buyer-role':
      return translate('orders.rules.placedBy', { roles: condition.roles.map((role) => (roleKeys[role] ? translate(roleKeys[role]) : role)).join(', ') });
    case 'user-order-limit':
      return translate('orders.rules.userLimit');
    case 'budget-exceeded':
      return translate('orders.rules.budgetExceeded');
  }
};

const periods = ['monthly', 'quarterly', 'yearly'] as const satisfies readonly Budget['period'][];

/** Budget periods in the UI language (read when shown). */
export const periodLabel: Readonly<Record<Budget['period'], string>> = translatedLabels(periods, (period) => `orders.rules.period.${period}` as const);
