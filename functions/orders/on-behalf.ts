import { createHash } from 'node:crypto';
import type { z } from 'zod';
import { authorizedAccount } from '../accounts/companies.js';
import { companyAdmins, isAssignedToRep, recipientsByLanguage } from '../accounts/service.js';
import { findProducts } from '../catalog/service.js';
import { orderTerms, pricingIdentityFor } from '../checkout/order-terms.js';
import { pricedOrderFields } from './lines.js';
import { assertPaymentAllowed } from '../checkout/rules.js';
import { formatQuantity } from '../shared/quantity.js';
import { parseQuantity, quote } from '../pricing/service.js';
import type { Identity } from '../shared/auth.js';
import { AppError, badRequest, conflict, forbidden, notFound } from '../shared/errors.js';
import { logger } from '../shared/logger.js';
import { sendMail } from '../shared/mail.js';
import type { onBehalfOrderBodySchema, onBehalfPreviewBodySchema } from './contract.js';
import { initialStatus, mergeOrderLines, onBehalfAccess, onBehalfMail, stockShortages } from './on-behalf-rules.js';
import { allocateOrderNumber, idempotencyPut, persistOrder, readIdempotency, replayPlacement, startWorkflow } from './placement.js';
import { newOrderId, type Order } from './repository.js';

/**
 * Orders entered by a sales rep or back office on behalf of a customer company (seed 002, issue 6):
 * priced as the customer, the customer's delivery options and allowed payment methods (the same
 * functions/checkout terms as the buyer's checkout), persisted and started through
 * functions/orders/placement.ts like every other order. Preliminary orders are stored, not started.
 */

/** What is priced: the preview body, and the order body (which always carries a delivery). */
export type OnBehalfContent = z.output<typeof onBehalfPreviewBodySchema>;
export type OnBehalfOrderRequest = z.output<typeof onBehalfOrderBodySchema>;

/** The customer's account after the staff check: 403 for company users, 404 for a rep's unassigned or an unknown company. */
async function customerAccount(caller: Identity, companyId: string) {
  const access = onBehalfAccess(caller.role, caller.role === 'sales-rep' && (await isAssignedToRep(companyId, caller.sub)));
  if (access === 'forbidden') throw forbidden('Orders on behalf of a customer are entered by staff');
  if (access === 'not-found') throw notFound('Company');
  return authorizedAccount(caller, companyId, 'view');
}

/** Lines priced with the customer's prices (their price lists, agreement, VAT and discounts) and the delivery / payment situation. */
async function situation(caller: Identity, companyId: string, content: OnBehalfContent) {
  const lines = mergeOrderLines(content.lines.map((line) => ({ sku: line.sku, quantity: parseQuantity(line.quantity) })));
  const [priced, products] = await Promise.all([
    quote(
      pricingIdentityFor(caller, companyId),
      lines.map((line) => ({ sku: line.sku, quantity: formatQuantity(line.quantity) })),
      content.agreementId ? { agreementId: content.agreementId } : {},
    ),
    findProducts(lines.map((line) => line.sku)),
  ]);
  const terms = await orderTerms(companyId, priced, content.delivery ? { delivery: content.delivery } : {});
  const shortages = stockShortages(lines, new Map([...products].map(([sku, product]) => [sku, product.stock])));
  return { priced, terms, shortages };
}

/** What the customer would pay: priced lines, totals, delivery options and fee, every payment method with allowed / reason. */
export async function previewOnBehalf(caller: Identity, companyId: string, content: OnBehalfContent) {
  await customerAccount(caller, companyId);
  const { priced, terms, shortages } = await situation(caller, companyId, content);
  return {
    quote: priced,
    stockShortages: shortages,
    deliveryOptions: terms.deliveryOptions,
    deliveryFee: terms.fee,
    payable: terms.payable,
    paymentOptions: terms.payment,
  };
}

const requestHash = (companyId: string, request: OnBehalfOrderRequest) =>
  createHash('sha256')
    .update(JSON.stringify([companyId, request]))
    .digest('hex');

/**
 * Enters the order: re-priced as the customer, delivery and payment checked like a checkout, then one
 * transaction writes the order and the idempotency key. Preliminary orders stop there; others start the
 * placement saga. The company admins get an e-mail. The same key returns the same order.
 */
export async function placeOnBehalf(caller: Identity, companyId: string, idempotencyKey: string, request: OnBehalfOrderRequest) {
  const account = await customerAccount(caller, companyId);
  const hash = requestHash(companyId, request);
  const previous = await readIdempotency(companyId, idempotencyKey);
  if (previous) return replayPlacement(companyId, previous, hash);

  const { priced, terms, shortages } = await situation(caller, companyId, request);
  if (priced.problems.length) throw badRequest('ORDER_LINE_PROBLEMS', 'Some lines cannot be ordered as they are', priced.problems);
  if (!request.preliminary && shortages.length) throw new AppError(409, 'OUT_OF_STOCK', 'Some lines exceed the available stock', shortages);
  if (!terms.delivery) throw badRequest('DELIVERY_REQUIRED', 'Choose a delivery option');
  assertPaymentAllowed(terms.payment, request.paymentMethod);

  const now = new Date();
  const staff = { sub: caller.sub, email: caller.email, name: caller.name, role: caller.role };
  const order: Order = {
    orderId: newOrderId(now),
    orderNumber: await allocateOrderNumber(now),
    companyId,
    placedBy: staff,
    status: initialStatus(request.preliminary),
    createdAt: now.toISOString(),
    ...(await pricedOrderFields(priced, companyId)),
    paymentMethod: request.paymentMethod,
    delivery: terms.delivery.choice as unknown as Order['delivery'],
    deliveryFee: terms.fee,
    ...(request.poNumber ? { poNumber: request.poNumber } : {}),
    ...(request.costCentre ? { costCentre: request.costCentre } : {}),
    onBehalfOf: { companyId, companyName: account.name, enteredBy: staff, enteredAt: now.toISOString(), ...(request.note ? { note: request.note } : {}) },
  };
  if (!(await persistOrder(order, [idempotencyPut(companyId, idempotencyKey, order.orderId, hash, now)]))) {
    const again = await readIdempotency(companyId, idempotencyKey);
    if (again) return replayPlacement(companyId, again, hash);
    throw conflict('ORDER_IN_PROGRESS', 'The order is being created; retry shortly');
  }
  if (order.status === 'placing') await startWorkflow(order);
  await tellCompanyAdmins(order, account.name);
  return { orderId: order.orderId, orderNumber: order.orderNumber, status: order.status };
}

async function tellCompanyAdmins(order: Order, companyName: string) {
  try {
    const admins = await companyAdmins(order.companyId);
    if (!admins.length) return;
    const content = {
      orderNumber: order.orderNumber,
      status: order.status,
      gross: order.gross,
      deliveryFee: order.deliveryFee,
      ...(order.poNumber ? { poNumber: order.poNumber } : {}),
      enteredBy: order.placedBy,
      companyName,
      ...(order.onBehalfOf?.note ? { note: order.onBehalfOf.note } : {}),
      ...(process.env.WEB_URL ? { link: `${process.env.WEB_URL}/orders/${order.orderId}` } : {}),
    };
    // One mail per language of the admins (their own choice, else the company's).
    for (const { language, to } of await recipientsByLanguage(order.companyId, admins)) await sendMail({ to, ...onBehalfMail(content, language) });
  } catch (error) {
    // The order stands; a lost notice is logged, not a reason to fail the request.
    logger.error('On-behalf order e-mail failed', { error: error as Error, orderId: order.orderId });
  }
}
