import { applyBasisPoints, mulDivHalfUp } from '../shared/decimal.js';
import { badRequest, conflict } from '../shared/errors.js';
import type { Money } from '../shared/money.js';
import type { NewPoolRequest } from './contract.js';

/**
 * BestPrice group buying (seed 000 point 14): pure rules, no I/O, no clock (callers pass `now`).
 *
 * A pool sells one product with absolute unit-price tiers: "from 0 units: 100.00, from 100: 92.00,
 * from 250: 85.00". Companies commit whole units; the pool total (sum of all commitments) decides
 * the tier reached, and at closing every participant pays that tier's unit price.
 */
/** The event the closing task emits per participant order; the `groupbuyOrders` consumer places it. */
export const ORDER_READY_EVENT = 'groupbuy.order.ready';

export interface PoolTier {
  /** Whole units from which this tier's price applies; the first tier starts at 0. */
  readonly minQuantity: number;
  /** Net unit price in minor units (cents) of the pool currency. */
  readonly unitPrice: number;
}

export const POOL_LIMITS = {
  maxTiers: 10,
  /** Whole units per commitment. */
  maxQuantity: 1_000_000,
  /** Highest tier threshold (the total of all commitments). */
  maxTierQuantity: 1_000_000_000,
  maxUnitPrice: 100_000_000,
  /** Standard Step Functions executions run at most one year; the closing waits inside one. */
  maxOpenDays: 360,
  /** A pool must stay open at least this long after it is created. */
  minOpenSeconds: 2,
} as const;

export interface ValidPool extends Omit<NewPoolRequest, 'tiers'> {
  readonly tiers: readonly PoolTier[];
  /** Normalized to whole seconds, UTC, `YYYY-MM-DDTHH:MM:SSZ` (what a Step Functions Wait state accepts). */
  readonly closesAt: string;
}

const isoInstant = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;

/** Whole-second UTC timestamp, e.g. `2026-05-01T12:00:00Z`. */
export function normalizeInstant(date: Date): string {
  return `${date.toISOString().slice(0, 19)}Z`;
}

/**
 * Checks a new pool: tiers start at 0, quantities strictly increase, prices are positive integer
 * cents and strictly decrease (a tier that does not lower the price is a typo), the closing time
 * lies between `now + minOpenSeconds` and `now + maxOpenDays`. Throws 400 INVALID_POOL with
 * `details` listing every problem; returns the pool with `closesAt` normalized.
 */
export function validateNewPool(input: NewPoolRequest, now: Date): ValidPool {
  const problems: { path: string; message: string }[] = [];
  const tiers = input.tiers;
  if (tiers.length === 0) problems.push({ path: 'tiers', message: 'At least one tier is required' });
  if (tiers.length > POOL_LIMITS.maxTiers) problems.push({ path: 'tiers', message: `At most ${POOL_LIMITS.maxTiers} tiers` });
  if (tiers.length > 0 && tiers[0]!.minQuantity !== 0) problems.push({ path: 'tiers.0.minQuantity', message: 'The first tier must start at 0 units' });
  tiers.forEach((tier, index) => {
    if (!Number.isSafeInteger(tier.minQuantity) || tier.minQuantity < 0 || tier.minQuantity > POOL_LIMITS.maxTierQuantity) {
      problems.push({ path: `tiers.${index}.minQuantity`, message: 'Must be a whole number of units ≥ 0' });
    }
    if (!Number.isSafeInteger(tier.unitPrice) || tier.unitPrice <= 0 || tier.unitPrice > POOL_LIMITS.maxUnitPrice) {
      problems.push({ path: `tiers.${index}.unitPrice`, message: 'Must be a positive integer amount of minor units' });
    }
    const previous = tiers[index - 1];
    if (previous) {
      if (tier.minQuantity <= previous.minQuantity) problems.push({ path: `tiers.${index}.minQuantity`, message: 'Tier quantities must strictly increase' });
      if (tier.unitPrice >= previous.unitPrice) problems.push({ path: `tiers.${index}.unitPrice`, message: 'A higher tier must have a lower unit price' });
    }
  });
  if (!/^[A-Z]{3}$/.test(input.currency)) problems.push({ path: 'currency', message: 'Must be an ISO 4217 code' });
  let closesAt = '';
  const parsed = isoInstant.test(input.closesAt) ? new Date(input.closesAt) : new Date(Number.NaN);
  if (Number.isNaN(parsed.getTime())) {
    problems.push({ path: 'closesAt', message: 'Must be an ISO 8601 timestamp with a time zone' });
  } else {
    // Whole seconds: what a Wait state's TimestampPath takes; never earlier than asked.
    const rounded = new Date(Math.ceil(parsed.getTime() / 1000) * 1000);
    closesAt = normalizeInstant(rounded);
    if (rounded.getTime() < now.getTime() + POOL_LIMITS.minOpenSeconds * 1000) {
      problems.push({ path: 'closesAt', message: `Must be at least ${POOL_LIMITS.minOpenSeconds} seconds in the future` });
    }
    if (rounded.getTime() > now.getTime() + POOL_LIMITS.maxOpenDays * 86_400_000) {
      problems.push({ path: 'closesAt', message: `Must be within ${POOL_LIMITS.maxOpenDays} days` });
    }
  }
  if (problems.length) throw badRequest('INVALID_POOL', 'The pool is invalid', problems);
  return { ...input, tiers: tiers.map((tier) => ({ minQuantity: tier.minQuantity, unitPrice: tier.unitPrice })), closesAt };
}

/** Index of the highest tier whose threshold the total reaches (0 when nothing is committed). */
export function tierIndexReached(tiers: readonly PoolTier[], total: number): number {
  let reached = 0;
  tiers.forEach((tier, index) => {
    if (total >= tier.minQuantity) reached = index;
  });
  return reached;
}

/** The best unit price the total has reached: the tier price every participant pays at closing. */
export function bestUnitPrice(tiers: readonly PoolTier[], total: number): number {
  const tier = tiers[tierIndexReached(tiers, total)];
  if (!tier) throw new RangeError('A pool has at least one tier');
  return tier.unitPrice;
}

export interface PoolStanding {
  readonly total: number;
  /** 0-based index into `tiers`. */
  readonly tierReached: number;
  readonly currentUnitPrice: Money;
  /** The next tier and how many units are still missing to reach it; null at the top tier. */
  readonly nextTier: { readonly minQuantity: number; readonly unitPrice: Money; readonly missing: number } | null;
  /** Saving of the reached tier against the first tier, in basis points (800 = 8 %). */
  readonly savingBps: number;
}

export function standing(tiers: readonly PoolTier[], currency: string, total: number): PoolStanding {
  const index = tierIndexReached(tiers, total);
  const base = tiers[0]!.unitPrice;
  const price = tiers[index]!.unitPrice;
  const next = tiers[index + 1];
  return {
    total,
    tierReached: index,
    currentUnitPrice: { amount: price, currency },
    nextTier: next ? { minQuantity: next.minQuantity, unitPrice: { amount: next.unitPrice, currency }, missing: next.minQuantity - total } : null,
    savingBps: base > 0 ? mulDivHalfUp(base - price, 10_000, base) : 0,
  };
}

/** Whether commitments are still accepted: the pool is open and its closing time lies ahead. */
export const isOpenAt = (pool: { status: string; closesAt: string }, now: Date): boolean =>
  pool.status === 'open' && new Date(pool.closesAt).getTime() > now.getTime();

/** A commitment quantity: whole units 0 … maxQuantity; 0 withdraws. Throws 400 INVALID_QUANTITY. */
export function validateCommitment(quantity: number): number {
  if (!Number.isSafeInteger(quantity) || quantity < 0 || quantity > POOL_LIMITS.maxQuantity) {
    throw badRequest('INVALID_QUANTITY', `Commit a whole number of units between 0 and ${POOL_LIMITS.maxQuantity}`);
  }
  return quantity;
}

/** Refuses changes once the pool closed: commitments are binding after the closing time. */
export function assertOpen(pool: { status: string; closesAt: string }, now: Date): void {
  if (!isOpenAt(pool, now)) throw conflict('POOL_CLOSED', 'The pool has closed; commitments are binding and can no longer change');
}

/** How the pool total and participant count move when a company's commitment goes from `before` to `after`. */
export function commitmentDelta(before: number, after: number): { total: number; participants: number } {
  return { total: after - before, participants: (after > 0 ? 1 : 0) - (before > 0 ? 1 : 0) };
}

export interface SettlementLine {
  readonly quantity: number;
  readonly unitNet: Money;
  readonly lineNet: Money;
  readonly vatRate: number;
  readonly net: Money;
  readonly vat: Money;
  readonly gross: Money;
}

/**
 * What one participant owes at closing: quantity × best tier price, VAT at the line's rate
 * (0 under reverse charge, decided by the pricing context), rounded half-up like the engine.
 */
export function settle(quantity: number, unitPrice: number, currency: string, vatRate: number): SettlementLine {
  if (!Number.isSafeInteger(quantity) || quantity <= 0) throw new RangeError(`Settled quantities are positive whole units, got ${quantity}`);
  const net = unitPrice * quantity;
  if (!Number.isSafeInteger(net)) throw new RangeError('Amount out of range');
  const vat = applyBasisPoints(net, vatRate);
  const m = (amount: number): Money => ({ amount, currency });
  return { quantity, unitNet: m(unitPrice), lineNet: m(net), vatRate, net: m(net), vat: m(vat), gross: m(net + vat) };
}

/** Payment at closing: on account when the rules allow it for this order, otherwise bank prepayment. */
export function closingPaymentMethod(options: readonly { method: string; allowed: boolean }[]): 'on-account' | 'bank-prepayment' {
  return options.some((option) => option.method === 'on-account' && option.allowed) ? 'on-account' : 'bank-prepayment';
}
