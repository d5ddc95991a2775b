import { formatScaled, formatScaledForDisplay, mulDivHalfUp, parseScaled, type ParseScaledOptions } from './decimal.js';

/**
 * Quantities are decimal strings of sales units with at most three decimals ("2", "0.25"); arithmetic
 * runs on integer thousandths ("milli"), never on floats.
 */
export const MILLI_DIGITS = 3;

/** Quantities have at most nine integer digits unless a caller says otherwise. */
const quantityDefaults: ParseScaledOptions = { maxIntegerDigits: 9 };

/** "2.5" → 2500; undefined for anything else (by default: negative, comma, more than three decimals, > 9 integer digits). */
export const parseMilli = (text: string, options: ParseScaledOptions = {}): number | undefined =>
  parseScaled(text, MILLI_DIGITS, { ...quantityDefaults, ...options });

/** 2500 → "2.5", 1000 → "1", 250 → "0.25" (dot separator, no trailing zeros). */
export const formatMilli = (milli: number): string => formatScaled(milli, MILLI_DIGITS, { trim: true });

/** A quantity kept as a number of sales units (stock levels), rounded to thousandths after arithmetic: 0.1 + 0.2 → 0.3. */
export const roundToMilli = (units: number): number => Math.round(units * 1000) / 1000;

/** Thousandths as a quantity for people: 250 → "0.25", 100000 → "100" (U+2212 minus). */
export const formatQuantity = (milli: number): string => formatScaledForDisplay(milli, MILLI_DIGITS, true);

/** A unit amount (minor units) × a quantity in thousandths, rounded half-up to a minor unit: the line amount. */
export const timesMilli = (unitAmount: number, milli: number): number => mulDivHalfUp(unitAmount, milli, 1000);
