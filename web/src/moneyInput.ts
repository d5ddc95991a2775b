/**
 * Money amounts and percentages typed by users, converted to integer minor units / basis points with
 * string arithmetic only (no floating point: "19,99" is 1999 cents, never 1998.9999…), read in the UI
 * language's locale (web/src/format.ts): "1.500,00" in German, "1 500,00" in Polish, "1,500.00" in English.
 */
import { decimalForInput, parseDecimal } from './format.js';
import { currencyDigits } from './money.js';

/** Minor units of a non-negative amount, or undefined (negative, too many decimals, not a number). */
export const parseMinorUnits = (input: string, currency = 'EUR', locale?: string): number | undefined => {
  const digits = currencyDigits(currency);
  const decimal = parseDecimal(input, locale);
  if (decimal === undefined || decimal.startsWith('-')) return undefined;
  const [whole = '0', fraction = ''] = decimal.split('.');
  if (fraction.length > digits) return undefined;
  const value = Number((whole + fraction.padEnd(digits, '0')).replace(/^0+(?=\d)/, ''));
  return Number.isSafeInteger(value) ? value : undefined;
};

/** Minor units as a decimal for an input field, in the locale: 150050 → "1500,50" (de) / "1500.50" (en). */
export const formatMinorUnits = (amount: number, currency = 'EUR', locale?: string): string => {
  const digits = currencyDigits(currency);
  const negative = amount < 0;
  const text = String(Math.abs(Math.trunc(amount))).padStart(digits + 1, '0');
  const whole = digits > 0 ? text.slice(0, -digits) : text;
  const fraction = digits > 0 ? `.${text.slice(-digits)}` : '';
  return decimalForInput(`${negative ? '-' : ''}${whole}${fraction}`, locale);
};

/** A percentage as typed ("5", "2,5", "12.75 %") → basis points (500, 250, 1275); at most two decimals and 999 %. */
export const parseBasisPoints = (input: string, locale?: string): number | undefined => {
  const decimal = parseDecimal(input.trim().replace(/\s*%$/, ''), locale);
  const match = decimal === undefined ? null : /^(\d{1,3})(?:\.(\d{1,2}))?$/.exec(decimal);
  if (!match) return undefined;
  return Number(match[1]) * 100 + Number((match[2] ?? '').padEnd(2, '0'));
};

/** Basis points as a percentage for an input field: 500 → "5", 250 → "2,5" (de) / "2.5" (en). */
export const formatBasisPoints = (bps: number, locale?: string): string => {
  const negative = bps < 0;
  const abs = Math.abs(Math.trunc(bps));
  const fraction = String(abs % 100)
    .padStart(2, '0')
    .replace(/0+$/, '');
  return decimalForInput(`${negative ? '-' : ''}${Math.floor(abs / 100)}${fraction ? `.${fraction}` : ''}`, locale);
};
