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

export type ParseScaledResult =
  | { readonly ok: true; readonly value: number }
  | { readonly ok: false; readonly reason: 'FORMAT' | 'PRECISION' | 'RANGE' };

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
