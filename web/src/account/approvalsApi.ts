/**
 * Approval rules, cost centres, budgets and the approver inbox (functions/approvals, issue 8):
 * types and calls on top of the shop's ApiClient.
 */
import type { ApiClient } from '../api.js';
import type { CompanyRole, Money } from '../types.js';

const enc = encodeURIComponent;

export type DeliveryKind = 'pickup' | 'own-transport' | 'carrier' | 'dropshipping';

export type RuleCondition =
  | { kind: 'order-total-above'; basis: 'net' | 'gross'; amount: Money }
  | { kind: 'contains'; categories: string[]; skus: string[] }
  | { kind: 'delivery-method'; methods: DeliveryKind[] }
  | { kind: 'buyer-role'; roles: CompanyRole[] }
  | { kind: 'user-order-limit' }
  | { kind: 'budget-exceeded' };

export interface ApproverLevel {
  approverSubs: string[];
  roles: CompanyRole[];
}

export interface ApprovalRule {
  ruleId: string;
  name: string;
  active: boolean;
  condition: RuleCondition;
  levels: ApproverLevel[];
  /** The default order-limit rule that applies until the admin stores their own. */
  builtIn?: boolean;
}

export interface CostCentre {
  code: string;
  name: string;
}

export type BudgetScope = { kind: 'company' } | { kind: 'cost-centre'; costCentre: string };

export interface Budget {
  budgetId: string;
  name: string;
  scope: BudgetScope;
  period: 'monthly' | 'quarterly' | 'yearly';
  amount: Money;
  mode: 'block' | 'warn';
  currentPeriod?: string;
  consumed?: Money;
}

export interface RequiredLevel extends ApproverLevel {
  level: number;
  ruleIds: string[];
  ruleNames: string[];
  approverNames?: string[];
}

export interface BudgetEffect {
  budgetId: string;
  name: string;
  scope: BudgetScope;
  mode: 'block' | 'warn';
  periodKey: string;
  limit: Money;
  consumed: Money;
  spend: Money;
  after: Money;
  exceeded: boolean;
}

export interface ApprovalDecision {
  level: number;
  decision: 'approved' | 'rejected';
  by: { sub: string; name: string; email: string };
  at: string;
  comment?: string;
}

export interface ApprovalFlow {
  levels: RequiredLevel[];
  currentLevel: number;
  history: ApprovalDecision[];
}

/** What the checkout preview adds for approvals and budgets. */
export interface CheckoutApprovalInfo {
  costCentres?: CostCentre[];
  approval?: { required: boolean; levels: RequiredLevel[]; levelsWithoutApprover: number[] };
  budgets?: BudgetEffect[];
}

export interface PendingApproval {
  orderId: string;
  orderNumber: string;
  createdAt: string;
  placedBy: { name: string; email: string };
  net: Money;
  gross: Money;
  deliveryFee: Money;
  lines: number;
  costCentre?: string;
  poNumber?: string;
  approvalFlow: ApprovalFlow;
  budgets: BudgetEffect[];
}

const required = { auth: 'required' as const };

export const approvalsApi = (api: ApiClient) => ({
  listRules: (companyId: string, signal?: AbortSignal) => api.request<{ rules: ApprovalRule[] }>(`/companies/${enc(companyId)}/approval-rules`, { ...required, signal }),
  saveRule: (companyId: string, { ruleId, builtIn: _builtIn, ...rule }: ApprovalRule) =>
    api.request<ApprovalRule>(`/companies/${enc(companyId)}/approval-rules/${enc(ruleId)}`, { ...required, method: 'PUT', body: rule }),
  deleteRule: (companyId: string, ruleId: string) => api.request<{ deleted: string }>(`/companies/${enc(companyId)}/approval-rules/${enc(ruleId)}`, { ...required, method: 'DELETE' }),
  listCostCentres: (companyId: string, signal?: AbortSignal) => api.request<{ centres: CostCentre[]; version: number }>(`/companies/${enc(companyId)}/cost-centres`, { ...required, signal }),
  saveCostCentres: (companyId: string, centres: CostCentre[], version: number) =>
    api.request<{ centres: CostCentre[]; version: number }>(`/companies/${enc(companyId)}/cost-centres`, { ...required, method: 'PUT', body: { centres, version } }),
  listBudgets: (companyId: string, signal?: AbortSignal) => api.request<{ budgets: Budget[] }>(`/companies/${enc(companyId)}/budgets`, { ...required, signal }),
  saveBudget: (companyId: string, { budgetId, currentPeriod: _period, consumed: _consumed, ...budget }: Budget) =>
    api.request<Budget>(`/companies/${enc(companyId)}/budgets/${enc(budgetId)}`, { ...required, method: 'PUT', body: budget }),
  deleteBudget: (companyId: string, budgetId: string) => api.request<{ deleted: string }>(`/companies/${enc(companyId)}/budgets/${enc(budgetId)}`, { ...required, method: 'DELETE' }),
  pending: (companyId: string, signal?: AbortSignal) => api.request<{ approvals: PendingApproval[] }>(`/companies/${enc(companyId)}/approvals`, { ...required, signal }),
  decide: (companyId: string, orderId: string, approve: boolean, comment?: string) =>
    api.request<{ orderId: string; status: string; currentLevel: number }>(`/companies/${enc(companyId)}/orders/${enc(orderId)}/approval`, {
      ...required,
      method: 'POST',
      body: { approve, ...(comment ? { comment } : {}) },
    }),
});

export const newClientId = (): string =>
  typeof crypto.randomUUID === 'function' ? crypto.randomUUID() : Array.from(crypto.getRandomValues(new Uint8Array(16)), (byte) => byte.toString(16).padStart(2, '0')).join('');

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
