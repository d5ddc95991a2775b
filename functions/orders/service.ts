import type { Identity } from '../shared/auth.js';
import { conflict, notFound } from '../shared/errors.js';
import { authorizedAccount } from '../accounts/companies.js';
import * as approvals from '../approvals/service.js';
import * as credit from '../credit/service.js';
import { invoiceDownloadUrl } from '../invoices/download.js';
import type { Money } from '../shared/money.js';
import * as repository from './repository.js';
import { startWorkflow } from './placement.js';
import { customerView } from './admin-rules.js';

/** Orders are company data: the company's users, its rep and back-office may read them. */
async function ownOrder(caller: Identity, companyId: string, orderId: string) {
  await authorizedAccount(caller, companyId, 'view');
  const order = await repository.findOrder(companyId, orderId);
  if (!order) throw notFound('Order');
  return order;
}

export async function listOrders(caller: Identity, companyId: string, limit: number, cursor?: string) {
  await authorizedAccount(caller, companyId, 'view');
  const page = await repository.listOrders(companyId, limit, cursor);
  return { ...page, orders: page.orders.map(customerView) };
}

/** Customer routes never show internal adjustment reasons (staff use GET /console/orders/…). */
export const getOrder = async (caller: Identity, companyId: string, orderId: string) => customerView(await ownOrder(caller, companyId, orderId));

export async function invoiceLink(caller: Identity, companyId: string, orderId: string) {
  const order = await ownOrder(caller, companyId, orderId);
  if (!order.invoiceNumber) throw notFound('Invoice');
  return { invoiceNumber: order.invoiceNumber, ...(await invoiceDownloadUrl(companyId, order.invoiceNumber)) };
}

/**
 * An approver decides the level the order waits on: functions/approvals judges it (rules, levels,
 * budgets) and hands its budget releases over; orders writes the order in one transaction with them.
 * After the last level the placement saga starts; otherwise the next approvers or the buyer hear of it.
 */
export async function decideApproval(caller: Identity, companyId: string, orderId: string, approve: boolean, comment?: string) {
  approvals.assertMayDecide(caller, companyId);
  const order = await repository.findOrder(companyId, orderId);
  if (!order) throw notFound('Order');
  const decision = await approvals.decideLevel(caller, order, approve, comment);
  const recorded = await repository.recordApprovalDecision(
    order,
    decision.fromLevel,
    decision.flow,
    decision.status,
    decision.approval ? { approval: decision.approval } : {},
    decision.also,
  );
  if (!recorded) throw conflict('ALREADY_DECIDED', `Level ${decision.fromLevel} of this order was decided meanwhile`);
  const updated = { ...order, approvalFlow: decision.flow };
  if (decision.kind === 'approved') await startWorkflow({ ...updated, status: 'placing', ...(decision.approval ? { approval: decision.approval } : {}) });
  if (decision.kind === 'next-level') await approvals.notifyApprovers(updated);
  if (decision.kind === 'rejected') await approvals.notifyBuyerOfRejection(order, decision.approverName, comment);
  return { orderId, status: decision.status, currentLevel: decision.flow.currentLevel, approvalFlow: decision.flow };
}

// ---- for other contexts (they import this module and orders/model.ts, never the repository) ----

export { findOrder, listPendingApprovalOrders, newOrderId } from './repository.js';
export { orderLinesOf, pricedOrderFields } from './lines.js';
export { invoiceOrderOf } from './invoice-input.js';
export {
  allocateOrderNumber,
  idempotencyPut,
  persistOrder,
  persistOrderOnce,
  placeUnderCompanyRules,
  readIdempotency,
  replayPlacement,
  startWorkflow,
  type GatedOrderFields,
  type GatedPlacement,
} from './placement.js';

export async function creditStatus(caller: Identity, companyId: string) {
  await authorizedAccount(caller, companyId, 'view');
  return credit.creditStatus(companyId);
}

/** Limits and top-ups keep the account's currency (functions/credit/rules.ts): 400 / 409 otherwise, nothing written. */
export async function changeCreditLimit(caller: Identity, companyId: string, limit: Money) {
  await authorizedAccount(caller, companyId, 'view');
  return credit.changeCreditLimit(companyId, limit);
}

export async function recordTopUp(caller: Identity, companyId: string, amount: Money, reference: string) {
  await authorizedAccount(caller, companyId, 'view');
  await credit.recordTopUp(companyId, amount, reference);
  return creditStatus(caller, companyId);
}

/** The item an idempotency key of a placement is kept under, for routes that prefetch it (checkout). */
export const idempotencyRead = (companyId: string, key: string) => repository.orderKeys.idempotency(companyId, key);
