/**
 * Which quantities of a product may be ordered (seed 002: logistic minimum, fractional sales, multiples).
 * PURE and dependency-free: the pricing engine (functions/pricing/engine.ts) refuses cart lines with it,
 * and the SPA's quantity fields (web/src/shop/AddToCart.tsx) check a quantity with the very same rule
 * before anything is sent, offering the nearest quantities that fit.
 *
 * Quantities are integers in thousandths of the sales unit ("milli": 0.25 l = 250).
 */

export interface QuantityLimits {
  /** Smallest quantity a line may have. Default 1000 (one unit). */
  readonly minimum?: number;
  /** Precision of fractional sales: quantities are multiples of it. Default 1000 (whole units); 0 or less: any thousandth. */
  readonly step?: number;
  /** The quantity must also be a multiple of this (6 pieces → 6000); absent or 0: no such rule. */
  readonly multiple?: number;
}

export type QuantityProblem = 'NOT_POSITIVE' | 'BELOW_MINIMUM' | 'NOT_A_STEP' | 'NOT_A_MULTIPLE';

export const DEFAULT_MINIMUM = 1000;
export const DEFAULT_STEP = 1000;

/** What is wrong with `quantity` under `rules`; empty when it may be ordered. */
export function quantityProblems(quantity: number, rules: QuantityLimits | undefined): QuantityProblem[] {
  if (typeof quantity !== 'number' || Number.isNaN(quantity) || quantity <= 0) return ['NOT_POSITIVE'];
  const problems: QuantityProblem[] = [];
  const minimum = rules?.minimum ?? DEFAULT_MINIMUM;
  const step = rules?.step ?? DEFAULT_STEP;
  const multiple = rules?.multiple;
  if (quantity < minimum) problems.push('BELOW_MINIMUM');
  if (!Number.isSafeInteger(quantity) || (step > 0 && quantity % step !== 0)) problems.push('NOT_A_STEP');
  if (multiple !== undefined && multiple > 0 && quantity % multiple !== 0) problems.push('NOT_A_MULTIPLE');
  return problems;
}

const gcd = (a: number, b: number): number => (b === 0 ? a : gcd(b, a % b));

/** The spacing of the allowed quantities: every allowed quantity is a multiple of it (step and multiple together). */
export function quantityIncrement(rules: QuantityLimits | undefined): number {
  const step = rules?.step ?? DEFAULT_STEP;
  const multiple = rules?.multiple ?? 0;
  const a = Number.isSafeInteger(step) && step > 0 ? step : 1;
  const b = Number.isSafeInteger(multiple) && multiple > 0 ? multiple : 1;
  return (a / gcd(a, b)) * b;
}

/** The smallest quantity that may be ordered: the minimum, rounded up to the increment. */
export function smallestQuantity(rules: QuantityLimits | undefined): number {
  const increment = quantityIncrement(rules);
  const minimum = Math.max(rules?.minimum ?? DEFAULT_MINIMUM, 1);
  return Math.ceil(minimum / increment) * increment;
}

/**
 * The allowed quantities nearest to a refused `quantity`, ascending: the largest allowed one below it
 * (when there is one) and the smallest above it. 0.6 l with minimum 0.5 and step 0.25 → [500, 750];
 * 0.3 l → [500]. Empty when `quantity` is allowed as it is.
 */
export function nearestQuantities(quantity: number, rules: QuantityLimits | undefined): number[] {
  const smallest = smallestQuantity(rules);
  if (!Number.isFinite(quantity) || quantity <= 0) return [smallest];
  if (quantityProblems(quantity, rules).length === 0) return [];
  const increment = quantityIncrement(rules);
  const below = Math.floor(quantity / increment) * increment;
  const above = Math.max(smallest, Math.ceil(quantity / increment) * increment);
  const nearest: number[] = [];
  if (below >= smallest && below < quantity) nearest.push(below);
  if (above > quantity && Number.isSafeInteger(above)) nearest.push(above);
  return nearest;
}
