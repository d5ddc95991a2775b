import type { Identity } from '../shared/auth.js';
import { forbidden, notFound, conflict } from '../shared/errors.js';
import { authorizedAccount } from '../accounts/companies.js';
import { startWorkflow } from './placement.js';
import { ledger, readCredit, readPrepaid, setCreditLimit, topUpBalance } from '../credit/repository.js';
import { invoiceDownloadUrl } from '../invoices/service.js';
import type { Money } from '../shared/money.js';
import * as repository from './repository.js';

/** Orders are company data: the company's users, its rep and back-office may read them. */
async function ownOrder(caller: Identity, companyId: string, orderId: string) {
  await authorizedAccount(caller, companyId, 'view');
  const order = await repository.findOrder(companyId, orderId);
  if (!order) throw notFound('Order');
  return order;
}

export async function listOrders(caller: Identity, companyId: string, limit: number, cursor?: string) {
  await authorizedAccount(caller, companyId, 'view');
  return repository.listOrders(companyId, limit, cursor);
}

export const getOrder = ownOrder;

export async function invoiceLink(caller: Identity, companyId: string, orderId: string) {
  const order = await ownOrder(caller, companyId, orderId);
  if (!order.invoiceNumber) throw notFound('Invoice');
  return { invoiceNumber: order.invoiceNumber, ...(await invoiceDownloadUrl(companyId, order.invoiceNumber)) };
}

/** A company admin approves an order above a buyer's limit: then the placement saga starts. */
export async function decideApproval(caller: Identity, companyId: string, orderId: string, approve: boolean, comment?: string) {
  if (caller.role !== 'company-admin' || caller.companyId !== companyId) throw forbidden('Only the company admin decides on orders above a limit');
  const order = await ownOrder(caller, companyId, orderId);
  const approval = { decidedBy: caller.sub, decidedAt: new Date().toISOString(), ...(comment ? { comment } : {}) };
  const moved = await repository.transition(companyId, orderId, ['awaiting-approval'], approve ? 'placing' : 'rejected', { approval });
  if (!moved) throw conflict('ALREADY_DECIDED', `The order is ${order.status}`);
  if (approve) await startWorkflow({ ...order, status: 'placing', approval });
  return { orderId, status: approve ? 'placing' : 'rejected' };
}

export async function creditStatus(caller: Identity, companyId: string) {
  await authorizedAccount(caller, companyId, 'view');
  const [credit, prepaid, movements] = await Promise.all([readCredit(companyId, 'EUR'), readPrepaid(companyId, 'EUR'), ledger(companyId, 20)]);
  return { credit, prepaid: { balance: prepaid.balance, ledger: movements } };
}

export async function changeCreditLimit(caller: Identity, companyId: string, limit: Money) {
  await authorizedAccount(caller, companyId, 'view');
  return setCreditLimit(companyId, limit);
}

export async function recordTopUp(caller: Identity, companyId: string, amount: Money, reference: string) {
  await authorizedAccount(caller, companyId, 'view');
  const result = await topUpBalance(companyId, amount, reference);
  if (result === 'already-done') throw conflict('DUPLICATE_REFERENCE', `Top-up ${reference} was already booked`);
  return creditStatus(caller, companyId);
}
