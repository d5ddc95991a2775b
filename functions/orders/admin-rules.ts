import { allocateLargestRemainder, applyBasisPoints } from '../shared/decimal.js';
import type { Money } from '../shared/money.js';
import type { Order, OrderLine, OrderStatus } from './repository.js';

/**
 * Pure rules of back-office order administration (seed 004). No AWS imports.
 *
 * Decisions:
 * - Totals are always recomputed from the lines the way the pricing engine does (functions/pricing/
 *   engine.ts priceCart steps 4–6): line nets grouped by VAT rate in first-seen order, order-level
 *   discounts spread over the groups by largest remainder (each capped at what is left), VAT per
 *   group on the group net, half-up. Recomputing an untouched order reproduces its stored totals.
 * - A goodwill adjustment is a fixed discount on the NET amount (B2B prices are net) with a
 *   mandatory reason; VAT follows from the reduced group nets. It may never exceed the current net,
 *   so no total goes below zero. It appears to the customer as an order discount "Goodwill
 *   discount"; the reason and who granted it stay internal (`adjustments`).
 * - Lines, delivery address and status of an order can be edited by staff only while it is
 *   `preliminary` or `awaiting-approval`; adjustments and added items also on `placed`/`confirmed`
 *   orders (never while the placement saga runs, `placing`). Release: preliminary → placing.
 * - Once the order is invoiced (`invoiceNumber`), a goodwill adjustment is also credited on the
 *   invoice: a credit note (one line per VAT rate, `goodwillCreditLines`) that lowers the open
 *   amount and gives trade credit back through the settlement. Added items are refused then
 *   (ORDER_INVOICED): the ERP issues no supplementary invoice, so they would never be billed.
 *   Cancel: preliminary or awaiting-approval → cancelled.
 */

export const GOODWILL_PREFIX = 'goodwill-';
export const MAX_ORDER_LINES = 200;

export const LINE_EDITABLE_STATUSES: readonly OrderStatus[] = ['preliminary', 'awaiting-approval'];
export const AMENDABLE_STATUSES: readonly OrderStatus[] = ['preliminary', 'awaiting-approval', 'placed', 'confirmed'];

export interface OrderDiscount {
  readonly discountId: string;
  readonly name: string;
  readonly amount: Money;
}

export interface OrderAdjustment {
  readonly adjustmentId: string;
  readonly amount: Money;
  readonly reason: string;
  readonly at: string;
  readonly by: { readonly sub: string; readonly name: string; readonly role: string };
}

export interface OrderTotals {
  readonly net: Money;
  readonly vat: Money;
  readonly gross: Money;
  readonly vatBreakdown: readonly { rate: number; net: Money; vat: Money }[];
  readonly orderDiscounts: readonly OrderDiscount[];
}

/** Net, VAT per rate and gross of `lines` after the order-level `discounts` (applied in order, each capped). */
export function orderTotals(lines: readonly Pick<OrderLine, 'lineNet' | 'vatRate'>[], discounts: readonly OrderDiscount[], currency: string): OrderTotals {
  const rates: number[] = [];
  const nets: number[] = [];
  for (const line of lines) {
    if (line.lineNet.currency !== currency) throw new RangeError(`Line in ${line.lineNet.currency}, order in ${currency}`);
    let index = rates.indexOf(line.vatRate);
    if (index < 0) {
      index = rates.length;
      rates.push(line.vatRate);
      nets.push(0);
    }
    nets[index] = (nets[index] ?? 0) + line.lineNet.amount;
  }
  const applied: OrderDiscount[] = [];
  for (const discount of discounts) {
    const available = nets.reduce((sum, net) => sum + net, 0);
    const amount = Math.min(discount.amount.amount, available);
    if (amount <= 0) continue;
    allocateLargestRemainder(amount, nets).forEach((share, index) => (nets[index] = (nets[index] ?? 0) - share));
    applied.push({ ...discount, amount: { amount, currency } });
  }
  const vatBreakdown = rates
    .map((rate, index) => {
      const net = nets[index] ?? 0;
      return { rate, net: { amount: net, currency }, vat: { amount: applyBasisPoints(net, rate), currency } };
    })
    .sort((a, b) => b.rate - a.rate);
  const net = vatBreakdown.reduce((sum, group) => sum + group.net.amount, 0);
  const vat = vatBreakdown.reduce((sum, group) => sum + group.vat.amount, 0);
  return { net: { amount: net, currency }, vat: { amount: vat, currency }, gross: { amount: net + vat, currency }, vatBreakdown, orderDiscounts: applied };
}

/** Why a goodwill amount cannot be granted on `order` (undefined: it can). */
export function adjustmentProblem(order: Pick<Order, 'net'>, amount: Money): 'NOT_POSITIVE' | 'CURRENCY_MISMATCH' | 'EXCEEDS_ORDER_NET' | undefined {
  if (!Number.isSafeInteger(amount.amount) || amount.amount <= 0) return 'NOT_POSITIVE';
  if (amount.currency !== order.net.currency) return 'CURRENCY_MISMATCH';
  if (amount.amount > order.net.amount) return 'EXCEEDS_ORDER_NET';
  return undefined;
}

export const goodwillDiscount = (adjustment: OrderAdjustment): OrderDiscount => ({
  discountId: `${GOODWILL_PREFIX}${adjustment.adjustmentId}`,
  name: 'Goodwill discount',
  amount: adjustment.amount,
});

/** The order with a goodwill adjustment: recorded internally, applied as the last order discount. */
export function applyAdjustment(order: Order, adjustment: OrderAdjustment): Order {
  const totals = orderTotals(order.lines, [...order.orderDiscounts, goodwillDiscount(adjustment)], order.net.currency);
  return { ...order, ...totals, adjustments: [...(order.adjustments ?? []), adjustment] };
}

/** One credit-note line per VAT rate: the net the goodwill took off that rate's group (unit net = share, quantity 1). */
export interface GoodwillCreditLine {
  readonly sku: string;
  readonly name: string;
  readonly unit: string;
  readonly quantity: string;
  readonly unitNet: Money;
  readonly vatRate: number;
}

export const GOODWILL_CREDIT_SKU = 'GOODWILL';

/**
 * The credit-note lines of a goodwill adjustment on an invoiced order: per VAT rate, what the
 * adjustment took off that rate's net (`before` minus `after`, i.e. exactly the largest-remainder
 * shares `applyAdjustment` computed). Rates it did not touch get no line; the nets add up to the
 * adjustment amount. VAT is computed on the credit note itself (per rate, half-up).
 */
export function goodwillCreditLines(
  before: Pick<Order, 'vatBreakdown'>,
  after: Pick<Order, 'vatBreakdown'>,
  adjustment: Pick<OrderAdjustment, 'amount' | 'reason'>,
): GoodwillCreditLine[] {
  const lines = before.vatBreakdown
    .map((group) => {
      const remaining = after.vatBreakdown.find((candidate) => candidate.rate === group.rate)?.net.amount ?? 0;
      return { rate: group.rate, share: group.net.amount - remaining };
    })
    .filter((group) => group.share > 0)
    .map((group) => ({
      sku: GOODWILL_CREDIT_SKU,
      name: 'Goodwill discount',
      unit: 'pc',
      quantity: '1',
      unitNet: { amount: group.share, currency: adjustment.amount.currency },
      vatRate: group.rate,
    }));
  const total = lines.reduce((sum, line) => sum + line.unitNet.amount, 0);
  if (total !== adjustment.amount.amount) throw new RangeError(`Goodwill shares add up to ${total}, not ${adjustment.amount.amount}`);
  return lines;
}

/**
 * The order with new lines. Catalog order discounts (`pricingDiscounts`; undefined = keep the order's
 * own) come first, then the goodwill adjustments already granted, exactly as before the change.
 */
export function withLines(order: Order, lines: readonly OrderLine[], pricingDiscounts?: readonly OrderDiscount[]): Order {
  const catalog = pricingDiscounts ?? order.orderDiscounts.filter((discount) => !discount.discountId.startsWith(GOODWILL_PREFIX));
  const goodwill = (order.adjustments ?? []).map(goodwillDiscount);
  return { ...order, lines, ...orderTotals(lines, [...catalog, ...goodwill], order.net.currency) };
}

/** What the buyer owes: goods gross plus delivery fee. */
export const amountDue = (order: Pick<Order, 'gross' | 'deliveryFee'>): Money => ({
  amount: order.gross.amount + order.deliveryFee.amount,
  currency: order.gross.currency,
});

export type StatusChange = 'placing' | 'cancelled';

/** Why staff cannot move an order from `from` to `to` (undefined: allowed). */
export function statusChangeProblem(from: OrderStatus, to: StatusChange): string | undefined {
  if (to === 'placing') return from === 'preliminary' ? undefined : `Only preliminary orders can be released (this one is ${from})`;
  return LINE_EDITABLE_STATUSES.includes(from) ? undefined : `Only preliminary orders or orders awaiting approval can be cancelled (this one is ${from})`;
}

/** Before/after of the fields that differ (for the audit trail). */
export function changedFields(
  before: Record<string, unknown>,
  after: Record<string, unknown>,
  keys: readonly string[],
): { before: Record<string, unknown>; after: Record<string, unknown> } {
  const changed = keys.filter((key) => JSON.stringify(before[key]) !== JSON.stringify(after[key]));
  return {
    before: Object.fromEntries(changed.map((key) => [key, before[key] ?? null])),
    after: Object.fromEntries(changed.map((key) => [key, after[key] ?? null])),
  };
}

/** What a customer may see of an order: never the internal adjustment reasons or the edit version. */
export function customerView(order: Order): Omit<Order, 'adjustments' | 'version'> {
  const { adjustments: _adjustments, version: _version, ...visible } = order;
  return visible;
}
