/**
 * Exact conversions between decimal strings and integers scaled by 10^digits ("12.34" ↔ 1234 for two
 * digits). String arithmetic on integers only, never floats. Money (functions/shared/money.ts) and
 * quantities (functions/shared/quantity.ts) are built on these.
 */

export interface ParseScaledOptions {
  /** Decimal separator: '.' (default), ',' or 'either' (one of both). */
  readonly separator?: '.' | ',' | 'either';
  /** Accept a leading '-' (default false: only non-negative values). */
  readonly signed?: boolean;
  /** Most digits before the separator (default 12). */
  readonly maxIntegerDigits?: number;
  /**
   * Fraction digits beyond `digits`: 'reject' (default) refuses them even when they are zeros;
   * 'zeros' accepts them when they are all zeros ("4.280" → 428 for two digits).
   */
  readonly overPrecision?: 'reject' | 'zeros';
}

export type ParseScaledResult = { readonly ok: true; readonly value: number } | { readonly ok: false; readonly reason: 'FORMAT' | 'PRECISION' | 'RANGE' };

const separatorClass = { '.': '\\.', ',': ',', either: '[.,]' } as const;
const patterns = new Map<string, RegExp>();

function patternFor(separator: keyof typeof separatorClass, maxIntegerDigits: number): RegExp {
  const key = `${separator}${maxIntegerDigits}`;
  let pattern = patterns.get(key);
  if (!pattern) {
    pattern = new RegExp(`^(-?)(\\d{1,${maxIntegerDigits}})(?:${separatorClass[separator]}(\\d+))?$`);
    patterns.set(key, pattern);
  }
  return pattern;
}

/** A decimal string → integer scaled by 10^digits, with the reason when the text is refused. */
export function parseScaledDetailed(text: string, digits: number, options: ParseScaledOptions = {}): ParseScaledResult {
  const { separator = '.', signed = false, maxIntegerDigits = 12, overPrecision = 'reject' } = options;
  const match = patternFor(separator, maxIntegerDigits).exec(text.trim());
  if (!match || (match[1] && !signed)) return { ok: false, reason: 'FORMAT' };
  let fraction = match[3] ?? '';
  if (overPrecision === 'zeros' && fraction.length > digits) fraction = fraction.replace(/0+$/, '');
  if (fraction.length > digits) return { ok: false, reason: 'PRECISION' };
  const value = Number(match[2]) * 10 ** digits + Number(fraction.padEnd(digits, '0') || '0');
  if (!Number.isSafeInteger(value)) return { ok: false, reason: 'RANGE' };
  return { ok: true, value: match[1] && value !== 0 ? -value : value };
}

/** A decimal string → integer scaled by 10^digits ("12.5", 2 → 1250); undefined when refused. */
export function parseScaled(text: string, digits: number, options: ParseScaledOptions = {}): number | undefined {
  const result = parseScaledDetailed(text, digits, options);
  return result.ok ? result.value : undefined;
}

export interface FormatScaledOptions {
  /** Drop trailing zeros of the fraction (and the separator when nothing is left): 2500, 3 → "2.5". */
  readonly trim?: boolean;
  /** Sign for negative values (default ASCII '-'). */
  readonly minus?: string;
}

/** Integer scaled by 10^digits → plain decimal string with '.' (1234, 2 → "12.34"; -5, 2 → "-0.05"). */
export function formatScaled(value: number, digits: number, options: FormatScaledOptions = {}): string {
  if (!Number.isSafeInteger(value)) throw new RangeError(`Expected a safe integer, got ${value}`);
  const sign = value < 0 ? (options.minus ?? '-') : '';
  const text = String(Math.abs(value)).padStart(digits + 1, '0');
  const integer = digits === 0 ? text : text.slice(0, -digits);
  const fraction = digits === 0 ? '' : options.trim ? text.slice(-digits).replace(/0+$/, '') : text.slice(-digits);
  return fraction ? `${sign}${integer}.${fraction}` : `${sign}${integer}`;
}

/** Like formatScaled for texts people read (price explanations, PDFs): U+2212 minus; a value that is not a safe integer prints as a plain float instead of throwing. */
export const formatScaledForDisplay = (value: number, digits: number, trim = false): string =>
  Number.isSafeInteger(value) ? formatScaled(value, digits, { trim, minus: '\u2212' }) : `${value < 0 ? '\u2212' : ''}${Math.abs(value) / 10 ** digits}`;

// ---------------------------------------------------------------------------------------------
// Exact integer arithmetic on minor units, thousandths and basis points (BigInt where a product could pass 2^53)

const MAX = Number.MAX_SAFE_INTEGER;

/** One in basis points: 10 000 bps = 100 %. */
export const BASIS_POINTS = 10_000;

/** Floor quotient and remainder of n / d (n ≥ 0, d > 0, both safe integers); the float quotient corrected by one where it rounded. */
function divMod(n: number, d: number): { q: number; r: number } {
  let q = Math.floor(n / d);
  let r = n - q * d;
  if (r < 0) {
    q -= 1;
    r += d;
  } else if (r >= d) {
    q += 1;
    r -= d;
  }
  return { q, r };
}

/** Rounds n / d half-up (n ≥ 0, d > 0, both safe integers). */
function divHalfUp(n: number, d: number): number {
  const { q, r } = divMod(n, d);
  return r >= d - r ? q + 1 : q;
}

function bigDivHalfUp(n: bigint, d: bigint): bigint {
  const q = n / d;
  const r = n % d;
  return r >= d - r ? q + 1n : q;
}

function toSafe(value: bigint): number {
  if (value > BigInt(MAX) || value < -BigInt(MAX)) throw new RangeError(`Amount ${value} exceeds the safe integer range`);
  return Number(value);
}

/**
 * round_half_up(a × b / d) for non-negative safe integers; exact (BigInt when a × b ≥ 2^53). `b` may
 * be a BigInt when the factor itself is a product that could pass 2^53.
 */
export function mulDivHalfUp(a: number, b: number | bigint, d: number): number {
  if (typeof b === 'number') {
    const p = a * b;
    if (p <= MAX) return divHalfUp(p, d);
  }
  return toSafe(bigDivHalfUp(BigInt(a) * BigInt(b), BigInt(d)));
}

/** `amount` × `rate` basis points, rounded half-up to a whole minor unit (VAT, discounts, surcharges). */
export const applyBasisPoints = (amount: number, rate: number): number => mulDivHalfUp(amount, rate, BASIS_POINTS);

/** floor(a × b / d) and its remainder, for non-negative safe integers. */
function mulDivFloor(a: number, b: number, d: number): { q: number; r: number } {
  const p = a * b;
  if (p <= MAX) return divMod(p, d);
  const big = BigInt(a) * BigInt(b);
  const bd = BigInt(d);
  return { q: toSafe(big / bd), r: toSafe(big % bd) };
}

/** a + b, refusing a sum outside the safe integer range. */
export function addExact(a: number, b: number): number {
  const s = a + b;
  if (!Number.isSafeInteger(s)) throw new RangeError(`Amount ${a} + ${b} exceeds the safe integer range`);
  return s;
}

/**
 * Splits `amount` over `weights` proportionally with the largest-remainder method: every share is
 * floor(amount × w / Σw), the cents left over go one each to the largest remainders (ties: larger
 * weight, then earlier position). Shares sum exactly to `amount`; a share never exceeds its weight when
 * amount ≤ Σw.
 */
export function allocateLargestRemainder(amount: number, weights: readonly number[]): number[] {
  const total = weights.reduce((sum, weight) => addExact(sum, weight), 0);
  if (amount <= 0 || total <= 0) return weights.map(() => 0);
  const parts = weights.map((weight, index) => ({ index, weight, ...mulDivFloor(amount, weight, total) }));
  let left = amount - parts.reduce((sum, part) => sum + part.q, 0);
  const order = [...parts].sort((x, y) => y.r - x.r || y.weight - x.weight || x.index - y.index);
  for (const part of order) {
    if (left <= 0) break;
    if (part.r === 0) continue;
    part.q += 1;
    left -= 1;
  }
  return parts.map((part) => part.q);
}

/** Basis points as a percentage for people: 300 → "3 %", 250 → "2.5 %", −500 → "−5 %". */
export const formatPercent = (bps: number): string => `${formatScaledForDisplay(bps, 2, true)} %`;
