import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import { listCompaniesFor } from '../accounts/companies.js';
import { findAccount } from '../accounts/service.js';
import { findProducts } from '../catalog/service.js';
import { OutOfStock, additionalReservationItems } from '../catalog/stock.js';
import { quote } from '../pricing/service.js';
import type { Identity } from '../shared/auth.js';
import { AppError, badRequest, conflict } from '../shared/errors.js';
import type { Money } from '../shared/money.js';
import * as adminRepository from './admin-repository.js';
import type { addItemsBodySchema, adjustmentBodySchema, orderEditBodySchema, staffOrderQuerySchema } from './contract.js';
import {
  AMENDABLE_STATUSES,
  LINE_EDITABLE_STATUSES,
  MAX_ORDER_LINES,
  adjustmentProblem,
  applyAdjustment,
  goodwillCreditLines,
  goodwillDiscount,
  orderTotals,
  statusChangeProblem,
  withLines,
  type OrderAdjustment,
  type OrderDiscount,
  type StatusChange,
} from './admin-rules.js';
import { balanceChange } from './balances.js';
import { startWorkflow, type TransactItem } from './placement.js';
import { findOrder, type Order, type OrderLine, type OrderStatus } from './repository.js';
import { remainingQuantities } from './shipment-rules.js';
import { actorOf, assertStaffCompany, assertVersion, commitChange, staffOrder, versionOf } from './staff.js';
import { assertCreditNotePossible, creditNoteNumberOf, issueCreditNote, type CreditNoteInput } from '../invoices/credit-notes.js';
import { releaseOrderBudgets } from '../approvals/service.js';
import { invoiceOrderOf } from './invoice-input.js';
import { orderLinesOf } from './lines.js';

/**
 * Back-office / sales-rep order administration (seed 004; issue 6 for preliminary orders): search,
 * staff detail with internal notes and audit trail, goodwill adjustments, added items and edits of
 * preliminary orders. Writes go through `commitChange` (versioned, audited, re-sent to the ERP).
 */

export type StaffOrderQuery = z.output<typeof staffOrderQuerySchema>;

const summary = (order: Order) => ({
  orderId: order.orderId,
  orderNumber: order.orderNumber,
  companyId: order.companyId,
  ...(order.poNumber ? { poNumber: order.poNumber } : {}),
  status: order.status,
  createdAt: order.createdAt,
  placedBy: { name: order.placedBy.name, email: order.placedBy.email },
  gross: order.gross,
  deliveryFee: order.deliveryFee,
  paymentMethod: order.paymentMethod,
  lineCount: order.lines.length,
  shipmentCount: order.shipments?.length ?? 0,
});

async function repCompanyIds(caller: Identity): Promise<Set<string>> {
  const ids = new Set<string>();
  let cursor: string | undefined;
  for (let page = 0; page < 20; page++) {
    const result = await listCompaniesFor(caller, 100, cursor);
    for (const company of result.items) ids.add(company.id);
    cursor = result.nextCursor;
    if (!cursor) break;
  }
  return ids;
}

/**
 * Search by order number (pattern O10, one GetItem on the order-number lookup) or PO number (pattern O11,
 * one Query on the PO-number lookup): the orders found, restricted to the caller's companies (a rep's
 * assignments) and to `companyId` / `status` when given; date and amount bounds do not apply.
 */
async function searchStaffOrdersByNumber(caller: Identity, query: StaffOrderQuery) {
  if (query.companyId) await assertStaffCompany(caller, query.companyId, 'Company');
  let refs: { companyId: string; orderId: string }[];
  if (query.orderNumber) {
    const ref = await adminRepository.orderRefByNumber(query.orderNumber.trim().toUpperCase());
    refs = ref && (!query.companyId || ref.companyId === query.companyId) ? [ref] : [];
    if (refs.length && query.poNumber) {
      const byPo = await adminRepository.orderRefsByPoNumber(query.poNumber, refs[0]!.companyId, 100);
      refs = byPo.some((entry) => entry.orderId === refs[0]!.orderId) ? refs : [];
    }
  } else {
    refs = await adminRepository.orderRefsByPoNumber(query.poNumber!, query.companyId, query.limit);
  }
  if (caller.role === 'sales-rep' && !query.companyId && refs.length) {
    const assigned = await repCompanyIds(caller);
    refs = refs.filter((ref) => assigned.has(ref.companyId));
  }
  const orders = (await Promise.all(refs.map((ref) => findOrder(ref.companyId, ref.orderId)))).filter(
    (order): order is Order => order !== undefined && (!query.status || order.status === query.status),
  );
  orders.sort((a, b) => (a.createdAt < b.createdAt ? 1 : a.createdAt > b.createdAt ? -1 : 0));
  return { orders: orders.map(summary) };
}

export async function searchStaffOrders(caller: Identity, query: StaffOrderQuery) {
  if (query.orderNumber || query.poNumber) return searchStaffOrdersByNumber(caller, query);
  if (query.from && query.to && query.from > query.to) throw badRequest('INVALID_RANGE', '"from" is after "to"');
  if (query.minTotal !== undefined && query.maxTotal !== undefined && query.minTotal > query.maxTotal)
    throw badRequest('INVALID_RANGE', 'minTotal is above maxTotal');
  if (query.companyId) {
    await assertStaffCompany(caller, query.companyId, 'Company');
    const page = await adminRepository.searchOrders({ ...query, companyId: query.companyId });
    return { orders: page.orders.map(summary), ...(page.nextCursor ? { nextCursor: page.nextCursor } : {}) };
  }
  if (!query.status) throw badRequest('STATUS_OR_COMPANY_REQUIRED', 'Filter by a company or by a status');
  const onlyCompanies = caller.role === 'sales-rep' ? await repCompanyIds(caller) : undefined;
  if (onlyCompanies?.size === 0) return { orders: [] };
  const page = await adminRepository.searchOrders({ ...query, status: query.status, ...(onlyCompanies ? { onlyCompanies } : {}) });
  return { orders: page.orders.map(summary), ...(page.nextCursor ? { nextCursor: page.nextCursor } : {}) };
}

/** The staff view: the whole order (with adjustment reasons), notes, audit trail, what is left to ship. */
export async function staffOrderDetail(caller: Identity, companyId: string, orderId: string) {
  const order = await staffOrder(caller, companyId, orderId);
  const [notes, audit, account] = await Promise.all([
    adminRepository.listNotes(companyId, orderId),
    adminRepository.listAudit(companyId, orderId),
    findAccount(companyId),
  ]);
  // Goodwill on an invoiced order was credited: the console shows the credit note's number.
  const adjustments = await Promise.all(
    (order.adjustments ?? []).map(async (adjustment) => {
      const creditNoteNumber = order.invoiceNumber ? await creditNoteNumberOf(companyId, 'adjustment', adjustment.adjustmentId) : undefined;
      return creditNoteNumber ? { ...adjustment, creditNoteNumber } : adjustment;
    }),
  );
  return {
    order: { ...order, ...(order.adjustments ? { adjustments } : {}), version: versionOf(order) },
    remaining: remainingQuantities(order),
    company: { companyId, name: account?.name ?? companyId, deliveryAddresses: account?.deliveryAddresses ?? [] },
    notes,
    audit,
  };
}

export async function addNote(caller: Identity, companyId: string, orderId: string, text: string) {
  const order = await staffOrder(caller, companyId, orderId);
  const note = { noteId: randomUUID(), at: new Date().toISOString(), author: actorOf(caller), text };
  await adminRepository.transactOrThrow([
    adminRepository.notePut(order, note),
    adminRepository.auditPut(order, { at: note.at, actor: note.author, action: 'note.added', before: {}, after: { note: text } }),
  ]);
  return note;
}

function assertAmendable(order: Order, statuses: readonly OrderStatus[]): void {
  if (!statuses.includes(order.status)) throw conflict('ORDER_NOT_EDITABLE', `A ${order.status} order cannot be changed this way`);
}

/** Commits a change of what the order costs, together with the matching credit/prepaid movement. */
async function commitPricedChange(
  caller: Identity,
  before: Order,
  after: Order,
  action: string,
  fields: readonly (keyof Order)[],
  allowed: readonly OrderStatus[],
  stock: readonly TransactItem[] = [],
) {
  const balance = await balanceChange(before, after, `${before.orderNumber}/change-${versionOf(before) + 1}`);
  const onConflict = (index: number) =>
    index < balance.items.length
      ? balance.onConflict(index)
      : new AppError(409, 'OUT_OF_STOCK', 'The stock changed meanwhile; not enough is left for the added items');
  return commitChange({ caller, before, after, action, allowed, fields, also: [...balance.items, ...stock], onConflict });
}

const TOTAL_FIELDS = ['net', 'vat', 'gross', 'vatBreakdown', 'orderDiscounts'] as const;

export async function addAdjustment(caller: Identity, companyId: string, orderId: string, request: z.output<typeof adjustmentBodySchema>) {
  const order = await staffOrder(caller, companyId, orderId);
  // A retried request (same client-chosen id) finds its adjustment committed and only completes the credit note.
  const granted = request.adjustmentId ? order.adjustments?.find((candidate) => candidate.adjustmentId === request.adjustmentId) : undefined;
  if (granted) {
    if (granted.amount.amount !== request.amount.amount || granted.amount.currency !== request.amount.currency || granted.reason !== request.reason) {
      throw conflict('ADJUSTMENT_ID_REUSED', 'This adjustment id was used for a different adjustment');
    }
    // The shares as they were computed when it was granted: the discounts up to it, without and with it.
    const upTo = order.orderDiscounts.slice(
      0,
      order.orderDiscounts.findIndex((discount) => discount.discountId === goodwillDiscount(granted).discountId),
    );
    const totals = (discounts: readonly OrderDiscount[]) => ({ ...order, ...orderTotals(order.lines, discounts, order.net.currency) });
    return {
      order: { ...order, version: versionOf(order) },
      adjustment: granted,
      ...(await creditGoodwill(totals(upTo), totals([...upTo, goodwillDiscount(granted)]), granted)),
    };
  }
  assertVersion(order, request.expectedVersion);
  assertAmendable(order, AMENDABLE_STATUSES);
  const problem = adjustmentProblem(order, request.amount);
  if (problem)
    throw badRequest(
      problem === 'EXCEEDS_ORDER_NET' ? 'ADJUSTMENT_EXCEEDS_TOTAL' : 'INVALID_ADJUSTMENT',
      `The adjustment is not possible (${problem.toLowerCase().replaceAll('_', ' ')})`,
    );
  const adjustment: OrderAdjustment = {
    adjustmentId: request.adjustmentId ?? randomUUID(),
    amount: request.amount,
    reason: request.reason,
    at: new Date().toISOString(),
    by: actorOf(caller),
  };
  const adjusted = applyAdjustment(order, adjustment);
  const fields = [...TOTAL_FIELDS, 'adjustments'] as const;
  // Refuse before committing what the credit note could not carry (e.g. earlier RMA credits left too little).
  if (order.invoiceNumber) await assertCreditNotePossible(goodwillCreditNote(order, adjusted, adjustment));
  // Invoiced: the credit note settles the invoice and gives trade credit back (settlement.ts); moving the
  // reservation here as well would restore the credit twice.
  const saved = order.invoiceNumber
    ? await commitChange({ caller, before: order, after: adjusted, action: 'adjustment.added', allowed: [order.status], fields })
    : await commitPricedChange(caller, order, adjusted, 'adjustment.added', fields, [order.status]);
  return { order: saved, adjustment, ...(await creditGoodwill(order, saved, adjustment)) };
}

const goodwillCreditNote = (before: Order, after: Order, adjustment: OrderAdjustment): CreditNoteInput => ({
  companyId: after.companyId,
  invoiceNumber: after.invoiceNumber ?? '',
  reason: 'Goodwill discount',
  source: { kind: 'adjustment', id: adjustment.adjustmentId },
  lines: goodwillCreditLines(before, after, adjustment),
  order: invoiceOrderOf(after),
});

/** On an invoiced order: the credit note of the adjustment (once per adjustment id; a retry returns the first). */
async function creditGoodwill(
  before: Order,
  after: Order,
  adjustment: OrderAdjustment,
): Promise<{ creditNote?: { creditNoteNumber: string; invoiceNumber: string; gross: Money } }> {
  if (!after.invoiceNumber) return {};
  const note = await issueCreditNote(goodwillCreditNote(before, after, adjustment));
  return { creditNote: { creditNoteNumber: note.creditNoteNumber, invoiceNumber: note.invoiceNumber, gross: note.gross } };
}

/** Asking the pricing service as the company: every price is the customer's own (agreement of the order). */
async function customerLines(
  caller: Identity,
  order: Order,
  requested: readonly { sku: string; quantity: string }[],
): Promise<{ lines: OrderLine[]; orderDiscounts: OrderDiscount[] }> {
  const asCompany: Identity = { sub: caller.sub, email: caller.email, name: caller.name, role: 'buyer', companyId: order.companyId };
  const [priced, products] = await Promise.all([
    quote(asCompany, requested, order.agreementId ? { agreementId: order.agreementId } : {}),
    findProducts(requested.map((line) => line.sku)),
  ]);
  if (priced.problems.length) throw badRequest('LINE_PROBLEMS', 'Some lines cannot be ordered as they are', priced.problems);
  if (priced.currency !== order.net.currency)
    throw badRequest('CURRENCY_MISMATCH', `The company is priced in ${priced.currency}, the order is in ${order.net.currency}`);
  const missing = requested.filter((line) => !products.get(line.sku)?.active);
  if (missing.length)
    throw badRequest(
      'LINE_PROBLEMS',
      'Some products are not sold',
      missing.map((line) => ({ code: 'UNKNOWN_PRODUCT', sku: line.sku })),
    );
  return {
    lines: await orderLinesOf(priced.lines, order.companyId, products),
    orderDiscounts: priced.orderDiscounts.map((discount) => ({ discountId: discount.discountId, name: discount.name, amount: discount.amount })),
  };
}

export async function addItems(caller: Identity, companyId: string, orderId: string, request: z.output<typeof addItemsBodySchema>) {
  const order = await staffOrder(caller, companyId, orderId);
  assertVersion(order, request.expectedVersion);
  assertAmendable(order, AMENDABLE_STATUSES);
  if (order.invoiceNumber) throw conflict('ORDER_INVOICED', `Order already invoiced (${order.invoiceNumber}) — create a new order`);
  if (order.lines.length + request.lines.length > MAX_ORDER_LINES) throw badRequest('TOO_MANY_LINES', `An order holds at most ${MAX_ORDER_LINES} lines`);
  const duplicates = request.lines.filter((line, index) => request.lines.findIndex((other) => other.sku === line.sku) !== index);
  if (duplicates.length)
    throw badRequest(
      'DUPLICATE_LINE',
      'Each SKU once per request',
      duplicates.map((line) => ({ sku: line.sku, code: 'DUPLICATE_LINE' })),
    );
  const { lines } = await customerLines(caller, order, request.lines);
  // Orders past placement hold a stock reservation: the added quantities are reserved in the same transaction.
  let stock: Awaited<ReturnType<typeof additionalReservationItems>>;
  try {
    stock = await additionalReservationItems(
      order.orderId,
      lines.map((line) => ({ sku: line.sku, quantity: Number(line.quantity) })),
    );
  } catch (error) {
    if (error instanceof OutOfStock)
      throw new AppError(
        409,
        'OUT_OF_STOCK',
        error.message,
        error.skus.map((sku) => ({ sku, code: 'OUT_OF_STOCK' })),
      );
    throw error;
  }
  const saved = await commitPricedChange(
    caller,
    order,
    withLines(order, [...order.lines, ...lines]),
    'items.added',
    [...TOTAL_FIELDS, 'lines'],
    [order.status],
    stock ?? [],
  );
  return { order: saved, added: lines };
}

/** Edits of an order before it is placed: lines, delivery address, release into the saga or cancellation. */
export async function editOrder(caller: Identity, companyId: string, orderId: string, edit: z.output<typeof orderEditBodySchema>) {
  const order = await staffOrder(caller, companyId, orderId);
  assertVersion(order, edit.expectedVersion);
  assertAmendable(order, LINE_EDITABLE_STATUSES);
  if (!edit.lines && !edit.deliveryAddressId && !edit.status) throw badRequest('NOTHING_TO_CHANGE', 'Send lines, deliveryAddressId or status');
  let next: Order = order;
  const fields: (keyof Order)[] = [];
  const actions: string[] = [];
  if (edit.lines) {
    const priced = await customerLines(caller, order, edit.lines);
    next = withLines(next, priced.lines, priced.orderDiscounts);
    fields.push('lines', ...TOTAL_FIELDS);
    actions.push('lines.replaced');
  }
  if (edit.deliveryAddressId) {
    if (order.delivery.kind === 'pickup') throw badRequest('DELIVERY_ADDRESS_NOT_APPLICABLE', 'The order is picked up at a warehouse');
    const address = (await findAccount(companyId))?.deliveryAddresses.find((candidate) => candidate.id === edit.deliveryAddressId);
    if (!address) throw badRequest('UNKNOWN_DELIVERY_ADDRESS', 'Not one of the company’s delivery addresses');
    next = {
      ...next,
      delivery: {
        ...next.delivery,
        addressId: address.id,
        address: { street: address.street, postalCode: address.postalCode, city: address.city, country: address.country },
      },
    };
    fields.push('delivery');
    actions.push('delivery-address.changed');
  }
  if (edit.status) {
    const problem = statusChangeProblem(order.status, edit.status);
    if (problem) throw conflict('INVALID_STATUS_CHANGE', problem);
    next = { ...next, status: edit.status };
    fields.push('status');
    actions.push(edit.status === 'placing' ? 'order.released' : 'order.cancelled');
  }
  const saved = await commitPricedChange(caller, order, next, actions.join('+'), fields, [order.status]);
  if (saved.status === 'placing') await startWorkflow(saved);
  // A waiting order holds budget (taken when it was saved); cancelling gives it back (idempotent).
  if (saved.status === 'cancelled') await releaseOrderBudgets(companyId, orderId);
  return { order: saved };
}
