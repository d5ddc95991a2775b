import { parseMilli, formatQuantity } from '../shared/quantity.js';
import type { Order, OrderStatus, Shipment, ShipmentStatus } from './repository.js';

/**
 * Pure rules of partial deliveries (seed 004). No AWS imports.
 *
 * Quantities are decimal strings of sales units with at most three decimals ("2", "0.25"), exactly
 * as on order lines; all arithmetic runs on integer thousandths ("milli"), never on floats.
 * Decisions:
 * - Every shipment, whatever its status, consumes the quantity it names: a prepared shipment is
 *   packed already, so the remaining quantity to ship excludes it.
 * - A shipment created with a tracking number starts as `shipped` (the parcel left with the carrier);
 *   without one it starts as `prepared`. Status moves forward only: prepared → shipped → delivered
 *   (prepared → delivered is allowed for own transport, where nobody scans a parcel).
 * - An order can ship once it is `placed` or `confirmed`.
 */

export const SHIPPABLE_STATUSES: readonly OrderStatus[] = ['placed', 'confirmed'];
export const MAX_SHIPMENTS_PER_ORDER = 50;

/** "2.5" → 2500. Throws RangeError on anything that is not a non-negative decimal with ≤ 3 places. */
export function toMilli(quantity: string): number {
  const milli = parseMilli(String(quantity));
  if (milli === undefined) throw new RangeError(`Not a quantity: ${quantity}`);
  return milli;
}

/** 2500 → "2.5". */
export const fromMilli = (milli: number): string => formatQuantity(milli);

/** Sum of quantities per SKU (an order may list one SKU on several lines after items were added). */
function sumBySku(lines: readonly { readonly sku: string; readonly quantity: string }[]): Map<string, number> {
  const sums = new Map<string, number>();
  for (const line of lines) sums.set(line.sku, (sums.get(line.sku) ?? 0) + toMilli(line.quantity));
  return sums;
}

const asRecord = (sums: ReadonlyMap<string, number>): Record<string, string> => Object.fromEntries([...sums].map(([sku, milli]) => [sku, fromMilli(milli)]));

/** Ordered quantity per SKU, as decimal strings. */
export const orderedQuantities = (order: Pick<Order, 'lines'>): Record<string, string> => asRecord(sumBySku(order.lines));

/**
 * Quantity per SKU in the order's shipments, as decimal strings. `statuses` narrows which shipments
 * count (e.g. ['shipped', 'delivered'] for what actually left the warehouse); default: all.
 */
export function shippedQuantities(order: Pick<Order, 'shipments'>, statuses?: readonly ShipmentStatus[]): Record<string, string> {
  const counted = (order.shipments ?? []).filter((shipment) => !statuses || statuses.includes(shipment.status));
  return asRecord(sumBySku(counted.flatMap((shipment) => shipment.lines)));
}

/** Ordered minus shipped (all shipments) per SKU of the order, as decimal strings; never negative. */
export function remainingQuantities(order: Pick<Order, 'lines' | 'shipments'>): Record<string, string> {
  const ordered = sumBySku(order.lines);
  const shipped = sumBySku((order.shipments ?? []).flatMap((shipment) => shipment.lines));
  return asRecord(new Map([...ordered].map(([sku, milli]) => [sku, Math.max(0, milli - (shipped.get(sku) ?? 0))])));
}

/** True when every ordered unit is in some shipment. */
export const fullyShipped = (order: Pick<Order, 'lines' | 'shipments'>): boolean =>
  Object.values(remainingQuantities(order)).every((quantity) => toMilli(quantity) === 0);

export type ShipmentLineProblemCode = 'INVALID_QUANTITY' | 'NOT_POSITIVE' | 'DUPLICATE_LINE' | 'NOT_ON_ORDER' | 'EXCEEDS_REMAINING';

export interface ShipmentLineProblem {
  readonly sku: string;
  readonly code: ShipmentLineProblemCode;
  /** Remaining quantity for EXCEEDS_REMAINING. */
  readonly remaining?: string;
}

/** Problems of a requested shipment against the order's remaining quantities (empty: it can ship). */
export function shipmentLineProblems(
  order: Pick<Order, 'lines' | 'shipments'>,
  lines: readonly { readonly sku: string; readonly quantity: string }[],
): ShipmentLineProblem[] {
  const remaining = remainingQuantities(order);
  return requestedLineProblems(lines, (sku, milli): ShipmentLineProblem | undefined => {
    const left = remaining[sku];
    if (left === undefined) return { sku, code: 'NOT_ON_ORDER' };
    if (milli > toMilli(left)) return { sku, code: 'EXCEEDS_REMAINING', remaining: left };
    return undefined;
  });
}

type RequestedLineProblem = { readonly sku: string; readonly code: 'DUPLICATE_LINE' | 'INVALID_QUANTITY' | 'NOT_POSITIVE' };

/**
 * Problems of requested quantities per SKU (shipments, returns): each SKU once, with a positive
 * quantity of at most three decimals; `problemOf` adds the caller's own check of a valid line.
 */
export function requestedLineProblems<P extends { readonly sku: string }>(
  lines: readonly { readonly sku: string; readonly quantity: string }[],
  problemOf: (sku: string, milli: number) => P | undefined,
): (P | RequestedLineProblem)[] {
  const seen = new Set<string>();
  const problems: (P | RequestedLineProblem)[] = [];
  for (const line of lines) {
    if (seen.has(line.sku)) {
      problems.push({ sku: line.sku, code: 'DUPLICATE_LINE' });
      continue;
    }
    seen.add(line.sku);
    const milli = parseMilli(String(line.quantity));
    const problem =
      milli === undefined
        ? { sku: line.sku, code: 'INVALID_QUANTITY' as const }
        : milli === 0
          ? { sku: line.sku, code: 'NOT_POSITIVE' as const }
          : problemOf(line.sku, milli);
    if (problem) problems.push(problem);
  }
  return problems;
}

const statusRank: Record<ShipmentStatus, number> = { prepared: 0, shipped: 1, delivered: 2 };

/** Forward-only: a shipment never goes back (delivered → shipped) nor repeats its status. */
export const shipmentTransitionAllowed = (from: ShipmentStatus, to: ShipmentStatus): boolean => statusRank[to] > statusRank[from];

export const initialShipmentStatus = (trackingNumber: string | undefined): ShipmentStatus => (trackingNumber ? 'shipped' : 'prepared');

/** The shipment after a status change: timestamps of the steps reached (a skipped "shipped" gets the same time). */
export function advanceShipment(
  shipment: Shipment,
  to: ShipmentStatus,
  at: string,
  changes: { carrier?: string; trackingNumber?: string; trackingUrl?: string } = {},
): Shipment {
  return {
    ...shipment,
    ...changes,
    status: to,
    ...(to !== 'prepared' && !shipment.shippedAt ? { shippedAt: at } : {}),
    ...(to === 'delivered' ? { deliveredAt: at } : {}),
  };
}

/** `ORD-2026-000123-2`: the order number and the shipment's position. */
export const shipmentNumber = (orderNumber: string, position: number): string => `${orderNumber}-${position}`;
