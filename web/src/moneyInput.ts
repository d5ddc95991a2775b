/**
 * Money amounts typed by users, converted to integer minor units with string arithmetic only
 * (no floating point: "19.99" is 1999 cents, never 1998.9999…).
 */
import { currencyDigits } from './money.js';

/**
 * Parses a decimal amount such as "1500", "1500.5", "1500,50" or "1 500.00" into minor units.
 * Returns undefined for anything else (negative numbers, too many decimals, thousands separators
 * that are ambiguous like "1.500,00").
 */
export const parseMinorUnits = (input: string, currency = 'EUR'): number | undefined => {
  const digits = currencyDigits(currency);
  const text = input.trim().replace(/[\s\u00a0']/g, '');
  const match = /^(\d+)(?:[.,](\d*))?$/.exec(text);
  if (!match) return undefined;
  const whole = match[1] ?? '0';
  const fraction = match[2] ?? '';
  if (fraction.length > digits) return undefined;
  const minorText = (whole + fraction.padEnd(digits, '0')).replace(/^0+(?=\d)/, '');
  const value = Number(minorText);
  return Number.isSafeInteger(value) ? value : undefined;
};

/** Minor units as a plain decimal string for an input field: 150050 → "1500.50". */
export const formatMinorUnits = (amount: number, currency = 'EUR'): string => {
  const digits = currencyDigits(currency);
  const negative = amount < 0;
  const text = String(Math.abs(Math.trunc(amount))).padStart(digits + 1, '0');
  const whole = digits > 0 ? text.slice(0, -digits) : text;
  const fraction = digits > 0 ? `.${text.slice(-digits)}` : '';
  return `${negative ? '-' : ''}${whole}${fraction}`;
};

/**
 * A percentage as typed ("5", "2.5", "12,75") → basis points (500, 250, 1275) with string arithmetic.
 * At most two decimals; undefined for anything else.
 */
export const parseBasisPoints = (input: string): number | undefined => {
  const match = /^(\d{1,3})(?:[.,](\d{0,2}))?$/.exec(input.trim().replace(/\s*%$/, ''));
  if (!match) return undefined;
  return Number(match[1]) * 100 + Number((match[2] ?? '').padEnd(2, '0'));
};

/** Basis points as a plain percentage for an input field: 500 → "5", 250 → "2.5", 1275 → "12.75". */
export const formatBasisPoints = (bps: number): string => {
  const negative = bps < 0;
  const abs = Math.abs(Math.trunc(bps));
  const fraction = String(abs % 100)
    .padStart(2, '0')
    .replace(/0+$/, '');
  return `${negative ? '-' : ''}${Math.floor(abs / 100)}${fraction ? `.${fraction}` : ''}`;
};
