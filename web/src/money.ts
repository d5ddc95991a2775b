/**
 * Money formatting. The API sends prices as integer minor units (`{ amount: 1999, currency: 'EUR' }`
 * is 19.99 EUR). The number of minor-unit digits depends on the currency (JPY 0, EUR 2, KWD 3); it is
 * taken from Intl (CLDR data) so it always matches the number of decimals the formatter prints.
 */
import { formatLocale } from './format.js';

const formatters = new Map<string, Intl.NumberFormat>();

const formatterFor = (currency: string, locale?: string): Intl.NumberFormat => {
  const key = `${locale ?? ''}|${currency}`;
  let formatter = formatters.get(key);
  if (!formatter) {
    formatter = new Intl.NumberFormat(locale, { style: 'currency', currency });
    formatters.set(key, formatter);
  }
  return formatter;
};

/** Number of decimals (minor-unit digits) of a currency, e.g. 2 for EUR, 0 for JPY, 3 for KWD. */
export const currencyDigits = (currency: string): number => formatterFor(currency.toUpperCase(), 'en').resolvedOptions().maximumFractionDigits ?? 2;

/** Converts integer minor units to a major-unit number: `toMajorUnits(1999, 'EUR')` → 19.99. */
export const toMajorUnits = (amount: number, currency: string): number => amount / 10 ** currencyDigits(currency);

/**
 * Formats integer minor units as a localized currency string:
 * `formatMoney(1999, 'EUR', 'de-DE')` → "19,99 €", `formatMoney(1500, 'JPY', 'en-US')` → "¥1,500".
 * `locale` defaults to the UI language's.
 */
export const formatMoney = (amount: number, currency: string, locale = formatLocale()): string => {
  const code = currency.toUpperCase();
  try {
    return formatterFor(code, locale).format(toMajorUnits(amount, code));
  } catch {
    // Not an ISO 4217 code Intl knows (RangeError): show the amount with two decimals and the raw code.
    return `${(amount / 100).toFixed(2)} ${currency}`;
  }
};

/** The UI language's locale (web/src/format.ts). */
export const userLocale = formatLocale;
