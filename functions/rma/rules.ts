import { createHash } from 'node:crypto';
import { formatDocumentNumber, type NumberSeries } from '../shared/sequence.js';
import type { Translate } from '../shared/messages/index.js';
import { documentAmounts, type DocumentAmounts, type DocumentLineInput } from '../invoices/rules.js';
import type { Order } from '../orders/model.js';
import { fromMilli, requestedLineProblems, shippedQuantities, toMilli } from '../orders/shipment-rules.js';

/**
 * Pure rules of returns, complaints and warranty claims (RMA, seed 002 "Reklamacje"). No AWS here.
 *
 * Decisions (docs/rma.md):
 * - Deadlines: the back office must resolve a claim within a fixed number of calendar days from
 *   filing: complaint 14, return 14, warranty 30. Staff may move a deadline (the reminder follows).
 * - The reminder goes to the assignee REMINDER_LEAD_HOURS (48 h) before the deadline; when the
 *   deadline is nearer than that, it goes out at once.
 * - Only goods that actually left the warehouse (shipments `shipped` or `delivered`) can be claimed,
 *   minus what earlier, not rejected RMAs of the same order already claim. Quantities are integer
 *   thousandths of sales units, never floats.
 * - A credit covers exactly the claimed quantities at the order's unit net price of that SKU (the
 *   lowest one if the SKU is on several lines: never more than was charged), VAT at the line's rate.
 *   Order-level discounts and the delivery fee are not credited.
 */

export const rmaTypes = ['warranty', 'complaint', 'return'] as const;
export type RmaType = (typeof rmaTypes)[number];

export const rmaStatuses = ['filed', 'in-review', 'approved', 'rejected', 'goods-received', 'credited', 'closed'] as const;
export type RmaStatus = (typeof rmaStatuses)[number];

export const RMA_PREFIX = 'RMA';
export const DEADLINE_DAYS: Readonly<Record<RmaType, number>> = { complaint: 14, return: 14, warranty: 30 };
export const REMINDER_LEAD_HOURS = 48;
export const MAX_RMA_LINES = 100;
export const MAX_PHOTOS = 6;
export const photoTypes = ['image/jpeg', 'image/png'] as const;
export type PhotoType = (typeof photoTypes)[number];
export const MAX_PHOTO_BYTES = 10 * 1024 * 1024;
/**
 * Guest attempts (lookup, photo upload, filing with order number + e-mail), issue 12 finding 7a.
 * Counted per client (source address) AND order number, so a stranger hammering an order number
 * never locks its rightful buyer out: `freeFailures` attempts without waiting (as many as the guest
 * form sends at once: it uploads up to MAX_PHOTOS photos in parallel, and an attempt counts until it
 * succeeded), then the client waits
 * `firstWaitSeconds`, doubling with every further failure up to `maxWaitSeconds`. A success from a
 * client clears its counter for that order. Across all order numbers a client has at most
 * `clientFailuresPerDay` failed attempts per UTC day (enumeration). Failures are forgotten after
 * `memorySeconds` without a further failure.
 */
export const GUEST_LIMITS = {
  freeFailures: MAX_PHOTOS,
  firstWaitSeconds: 30,
  maxWaitSeconds: 3600,
  clientFailuresPerDay: 30,
  memorySeconds: 24 * 3600,
} as const;
export type GuestLimits = { readonly [K in keyof typeof GUEST_LIMITS]: number };

const hourMs = 3600 * 1000;
const dayMs = 24 * hourMs;

export const RMA_SERIES: NumberSeries = { counter: 'RMA', prefix: RMA_PREFIX };
export const formatRmaNumber = (year: number, sequence: number): string => formatDocumentNumber(RMA_PREFIX, year, sequence);

/** The resolution deadline of a claim filed at `filedAt`. */
export function deadlineFor(type: RmaType, filedAt: Date): Date {
  return new Date(filedAt.getTime() + DEADLINE_DAYS[type] * dayMs);
}

/** When the assignee is reminded: lead time before the deadline, but never before `now`. */
export function reminderAt(deadlineAt: Date, now: Date, leadHours = REMINDER_LEAD_HOURS): Date {
  return new Date(Math.max(now.getTime(), deadlineAt.getTime() - leadHours * hourMs));
}

/**
 * The workflow never waits longer than MAX_WAIT_DAYS in one Wait state: it wakes, sees the target is
 * still ahead and waits again. Costs one extra state transition per 20 days on AWS; keeps the local
 * emulator (a setTimeout, at most 24.8 days) exact.
 */
export const MAX_WAIT_DAYS = 20;

/** When the workflow should next wake up for `target`; undefined when `target` is due (within a second). */
export function nextWake(target: Date, now: Date): Date | undefined {
  if (target.getTime() - now.getTime() <= 1000) return undefined;
  return new Date(Math.min(target.getTime(), now.getTime() + MAX_WAIT_DAYS * dayMs));
}

/** A new deadline set by staff must lie in the future and at most a year after filing. */
export function deadlineProblem(deadlineAt: Date, filedAt: Date, now: Date): 'DEADLINE_IN_PAST' | 'DEADLINE_TOO_LATE' | undefined {
  if (Number.isNaN(deadlineAt.getTime()) || deadlineAt.getTime() <= now.getTime()) return 'DEADLINE_IN_PAST';
  if (deadlineAt.getTime() > filedAt.getTime() + 365 * dayMs) return 'DEADLINE_TOO_LATE';
  return undefined;
}

// ---------------------------------------------------------------------------------------------
// Status machine

const nextStatuses: Readonly<Record<RmaStatus, readonly RmaStatus[]>> = {
  filed: ['in-review', 'rejected'],
  'in-review': ['approved', 'rejected'],
  // Approved: goods come back, or the claim is credited without a return (complaint decided as credit),
  // or closed without credit (replacement or repair sent).
  approved: ['goods-received', 'credited', 'closed'],
  'goods-received': ['credited', 'closed'],
  rejected: ['closed'],
  credited: ['closed'],
  closed: [],
};

export const allowedTransitions = (from: RmaStatus): readonly RmaStatus[] => nextStatuses[from];
export const transitionAllowed = (from: RmaStatus, to: RmaStatus): boolean => nextStatuses[from].includes(to);

/** Staff still have to act (reminders and the deadline check only concern these). */
export const isOpen = (status: RmaStatus): boolean => status !== 'credited' && status !== 'closed' && status !== 'rejected';

/** Statuses whose claim holds quantities (a rejected claim releases them). */
export const holdsQuantities = (status: RmaStatus): boolean => status !== 'rejected';

// ---------------------------------------------------------------------------------------------
// Returnable quantities

export interface ReturnableLine {
  readonly sku: string;
  readonly name: string;
  readonly unit: string;
  readonly ordered: string;
  readonly shipped: string;
  readonly claimed: string;
  readonly returnable: string;
}

type OrderForReturns = Pick<Order, 'lines' | 'shipments'>;

/** Per SKU of the order: ordered, shipped (shipped/delivered shipments), claimed by other RMAs, returnable. */
export function returnableLines(order: OrderForReturns, claimedMilli: Readonly<Record<string, number>>): ReturnableLine[] {
  const shipped = shippedQuantities(order, ['shipped', 'delivered']);
  const bySku = new Map<string, { name: string; unit: string; ordered: number }>();
  for (const line of order.lines) {
    const entry = bySku.get(line.sku);
    bySku.set(line.sku, { name: entry?.name ?? line.name, unit: entry?.unit ?? line.unit, ordered: (entry?.ordered ?? 0) + toMilli(line.quantity) });
  }
  return [...bySku].map(([sku, entry]) => {
    const shippedMilli = shipped[sku] ? toMilli(shipped[sku]) : 0;
    const claimed = claimedMilli[sku] ?? 0;
    return {
      sku,
      name: entry.name,
      unit: entry.unit,
      ordered: fromMilli(entry.ordered),
      shipped: fromMilli(shippedMilli),
      claimed: fromMilli(claimed),
      returnable: fromMilli(Math.max(0, shippedMilli - claimed)),
    };
  });
}

export interface RmaLineRequest {
  readonly sku: string;
  readonly quantity: string;
}

export type RmaLineProblemCode = 'INVALID_QUANTITY' | 'NOT_POSITIVE' | 'DUPLICATE_LINE' | 'NOT_ON_ORDER' | 'NOT_SHIPPED' | 'EXCEEDS_RETURNABLE';

export interface RmaLineProblem {
  readonly sku: string;
  readonly code: RmaLineProblemCode;
  readonly returnable?: string;
}

/** Problems of the claimed lines against what is returnable (empty: the claim can be filed). */
export function rmaLineProblems(returnable: readonly ReturnableLine[], lines: readonly RmaLineRequest[]): RmaLineProblem[] {
  const bySku = new Map(returnable.map((line) => [line.sku, line]));
  return requestedLineProblems(lines, (sku, milli): RmaLineProblem | undefined => {
    const available = bySku.get(sku);
    if (!available) return { sku, code: 'NOT_ON_ORDER' };
    if (toMilli(available.shipped) === 0) return { sku, code: 'NOT_SHIPPED' };
    if (milli > toMilli(available.returnable)) return { sku, code: 'EXCEEDS_RETURNABLE', returnable: available.returnable };
    return undefined;
  });
}

/** The claimed quantity per SKU in thousandths (what an RMA adds to, or a rejection removes from, the order's claims). */
export const claimDelta = (lines: readonly RmaLineRequest[]): Record<string, number> =>
  Object.fromEntries(lines.map((line) => [line.sku, toMilli(line.quantity)]));

// ---------------------------------------------------------------------------------------------
// Credit

/** Credit note lines for the claimed quantities at the order's unit net prices and VAT rates. */
export function creditLines(order: Pick<Order, 'lines'>, lines: readonly RmaLineRequest[]): DocumentLineInput[] {
  return lines.map((claimed) => {
    const candidates = order.lines.filter((line) => line.sku === claimed.sku);
    if (candidates.length === 0) throw new RangeError(`SKU ${claimed.sku} is not on the order`);
    const cheapest = candidates.reduce((best, line) => (line.unitNet.amount < best.unitNet.amount ? line : best));
    return {
      sku: cheapest.sku,
      name: cheapest.name,
      unit: cheapest.unit,
      quantity: fromMilli(toMilli(claimed.quantity)),
      unitNet: cheapest.unitNet,
      vatRate: cheapest.vatRate,
    };
  });
}

/** Net, VAT per rate and gross of the credit for the claimed lines. */
export function creditAmounts(order: Pick<Order, 'lines'>, lines: readonly RmaLineRequest[]): DocumentAmounts {
  const credit = creditLines(order, lines);
  return documentAmounts(credit, credit[0]?.unitNet.currency ?? 'EUR');
}

/** Net, VAT and gross of an RMA's priced lines (what a full credit of the claim amounts to). */
export function claimValue(lines: readonly DocumentLineInput[]): DocumentAmounts {
  return documentAmounts(lines, lines[0]?.unitNet.currency ?? 'EUR');
}

// ---------------------------------------------------------------------------------------------
// Assignment, guests, photos

/** Round robin over the back-office staff (sorted by sub for a stable order); `ticket` is the 1-based counter value. */
export function roundRobinPick<T extends { sub: string }>(staff: readonly T[], ticket: number): T | undefined {
  if (staff.length === 0) return undefined;
  const ordered = [...staff].sort((a, b) => a.sub.localeCompare(b.sub));
  return ordered[(((ticket - 1) % ordered.length) + ordered.length) % ordered.length];
}

/** E-mail addresses compare case-insensitively, ignoring surrounding spaces. */
export const sameEmail = (a: string, b: string): boolean => a.trim().toLowerCase() === b.trim().toLowerCase();

/** Seconds a client waits after its `failures`-th failed attempt on one order number: none before `freeFailures` failures, then 30, 60, 120, … ≤ 3600. */
export function guestWaitSeconds(failures: number, limits: GuestLimits = GUEST_LIMITS): number {
  if (failures < limits.freeFailures) return 0;
  return Math.min(limits.maxWaitSeconds, limits.firstWaitSeconds * 2 ** Math.min(32, failures - limits.freeFailures));
}

/** A client's attempts on one order number (times in epoch seconds). */
export interface GuestCounter {
  readonly failures: number;
  /** Not before this time may the client try again. */
  readonly nextAttemptAt: number;
  /** TTL: forgotten after a quiet day. */
  readonly expiresAt: number;
}

export type GuestDecision = { readonly allowed: true; readonly next: GuestCounter } | { readonly allowed: false; readonly retryAfterSeconds: number };

/**
 * May the client try now? If so, the counter as it stands once this attempt is counted as a failure
 * (it is counted before the e-mail is compared, so parallel attempts cannot slip past the wait; a
 * success clears it again).
 */
export function guestAttempt(counter: GuestCounter | undefined, nowSeconds: number, limits: GuestLimits = GUEST_LIMITS): GuestDecision {
  const live = counter && counter.expiresAt > nowSeconds ? counter : undefined;
  if (live && live.nextAttemptAt > nowSeconds) return { allowed: false, retryAfterSeconds: live.nextAttemptAt - nowSeconds };
  const failures = (live?.failures ?? 0) + 1;
  return { allowed: true, next: { failures, nextAttemptAt: nowSeconds + guestWaitSeconds(failures, limits), expiresAt: nowSeconds + limits.memorySeconds } };
}

/** The UTC day of the per-client cap (`2026-11-23`) and the seconds until it ends. */
export const guestClientDay = (now: Date): { day: string; secondsLeft: number } => {
  const day = now.toISOString().slice(0, 10);
  return { day, secondsLeft: Math.max(1, Math.ceil((Date.parse(`${day}T00:00:00Z`) + 24 * 3600 * 1000 - now.getTime()) / 1000)) };
};

/**
 * The client a guest attempt is counted for: the source address (IPv4, or the /64 network of an IPv6
 * address — one host owns a whole /64), hashed so no address is stored.
 */
export function guestClientKey(sourceIp: string | undefined): string {
  const address = (sourceIp ?? '')
    .trim()
    .toLowerCase()
    .replace(/^::ffff:(?=\d+\.\d+\.\d+\.\d+$)/, '');
  let client = address || 'unknown';
  if (address.includes(':')) {
    const [head = '', tail = ''] = address.split('::');
    const left = head ? head.split(':') : [];
    const right = tail ? tail.split(':') : [];
    const groups = address.includes('::') ? [...left, ...Array(Math.max(0, 8 - left.length - right.length)).fill('0'), ...right] : left;
    client =
      groups
        .slice(0, 4)
        .map((group) => group.replace(/^0+(?=.)/, ''))
        .join(':') + '::/64';
  }
  return createHash('sha256').update(`rma-guest:${client}`).digest('base64url').slice(0, 22);
}

export type PhotoProblem = 'PHOTO_TYPE_NOT_ALLOWED' | 'PHOTO_TOO_LARGE' | 'PHOTO_EMPTY';

export function photoProblem(contentType: string, size: number): PhotoProblem | undefined {
  if (!(photoTypes as readonly string[]).includes(contentType)) return 'PHOTO_TYPE_NOT_ALLOWED';
  if (!Number.isSafeInteger(size) || size <= 0) return 'PHOTO_EMPTY';
  if (size > MAX_PHOTO_BYTES) return 'PHOTO_TOO_LARGE';
  return undefined;
}

const typeLabels: Readonly<Record<RmaType, string>> = { warranty: 'warranty claim', complaint: 'complaint', return: 'return' };
export const typeLabel = (type: RmaType): string => typeLabels[type];

/** The customer's next steps, sent on filing and printed on the RMA form. */
/** The type as a word in a language ("Reklamation", "zwrot"). */
export const localizedTypeLabel = (type: RmaType, t: Translate): string => t(`rma.type.${type}`);

/** A status shown to people ("Ware eingegangen", not `goods-received`). */
export const statusLabel = (status: RmaStatus, t: Translate): string => t(`status.rma.${status}`);

/** `instructions` in a language (RMA form, confirmation mail). */
export const localizedInstructions = (type: RmaType, rmaNumber: string, t: Translate): string =>
  `${t('rma.instructions.common', { number: rmaNumber, type: localizedTypeLabel(type, t) })} ${t(`rma.instructions.${type}`)}`;

export function instructions(type: RmaType, rmaNumber: string): string {
  const common = `Quote ${rmaNumber} in every message about this ${typeLabels[type]}.`;
  switch (type) {
    case 'return':
      return `${common} Pack the goods unused in their original packaging, enclose the printed RMA form and send the parcel to our returns desk. We credit the goods once they arrived and were checked.`;
    case 'complaint':
      return `${common} Keep the goods and their packaging until we decided; do not send anything back before we ask you to. Photos of the damage speed up the review.`;
    case 'warranty':
      return `${common} Keep the proof of purchase. After our review we tell you whether to send the item for repair or replacement; enclose the printed RMA form with the item.`;
  }
}
