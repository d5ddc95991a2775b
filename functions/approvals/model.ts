import type { Money } from '../shared/money.js';
import type { ApprovalFlow, BudgetEffect } from './rules.js';

/**
 * What approvals need to know of an order waiting for (or getting) approval. functions/orders owns
 * the order and passes it in; its `Order` satisfies this shape.
 */
export interface ApprovalSubject {
  readonly orderId: string;
  readonly orderNumber: string;
  readonly companyId: string;
  readonly status: string;
  readonly createdAt: string;
  readonly placedBy: { readonly sub: string; readonly email: string; readonly name: string };
  readonly net: Money;
  readonly gross: Money;
  readonly deliveryFee: Money;
  readonly lines: readonly unknown[];
  readonly costCentre?: string;
  readonly poNumber?: string;
  readonly approvalFlow?: ApprovalFlow;
  readonly budgets?: readonly BudgetEffect[];
}

export type { ApprovalFlow, BudgetEffect };
