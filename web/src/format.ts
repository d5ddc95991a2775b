/**
 * The SPA's one formatting and parsing layer for numbers people read and type: money (integer minor
 * units), quantities and percentages as decimal strings, dates. Everything follows the UI language's
 * locale (`setFormatLocale`, set by the I18n provider): a German user reads and types "1.500,00" and
 * "0,25", a Polish user "1 500,00", an English one "1,500.00". Parsing never goes through floats.
 */

let currentLocale = 'en-GB';

export const setFormatLocale = (locale: string): void => {
  currentLocale = locale;
};

/** The locale of the UI language (what every formatter here uses unless told otherwise). */
export const formatLocale = (): string => currentLocale;

const cache = new Map<string, Intl.NumberFormat | Intl.DateTimeFormat>();
const cached = <T extends Intl.NumberFormat | Intl.DateTimeFormat>(key: string, make: () => T): T => {
  let formatter = cache.get(key) as T | undefined;
  if (!formatter) {
    formatter = make();
    cache.set(key, formatter);
  }
  return formatter;
};

/** The decimal separator of a locale ("," in de-DE and pl-PL, "." in en-GB). */
export const decimalSeparator = (locale = currentLocale): string =>
  cached(`number|${locale}`, () => new Intl.NumberFormat(locale))
    .formatToParts(1.5)
    .find((part) => part.type === 'decimal')?.value ?? '.';

/** A decimal string ("1500.5", "-0.25") for display: grouped, with the locale's separators, fraction digits kept. */
export const formatDecimal = (value: string | number, locale = currentLocale): string => {
  const text = typeof value === 'number' ? String(value) : value;
  const match = /^(-?)(\d+)(?:\.(\d+))?$/.exec(text);
  if (!match) return text;
  const [, sign, whole = '0', fraction = ''] = match;
  const grouped = cached(`int|${locale}`, () => new Intl.NumberFormat(locale, { maximumFractionDigits: 0 })).format(BigInt(whole));
  return `${sign}${grouped}${fraction ? `${decimalSeparator(locale)}${fraction}` : ''}`;
};

/** A decimal string for an input field: the locale's decimal separator, no grouping ("1500,5"). */
export const decimalForInput = (value: string, locale = currentLocale): string => value.replace('.', decimalSeparator(locale));

const digitGroups = /^\d{1,3}(?:[.,]\d{3})+$/;

/**
 * Reads a number as typed in `locale` and returns it as a plain decimal string ("1.500,00" in de-DE →
 * "1500.00"), or undefined when it is none. Spaces (also no-break and thin spaces) and apostrophes are
 * grouping everywhere. When both "." and "," appear, the last one is the decimal separator. A single
 * kind of separator is the decimal separator if it is the locale's or appears once without forming
 * groups of three ("0.25" is a quarter in German too, but "1.500" is fifteen hundred there).
 */
export const parseDecimal = (input: string, locale = currentLocale): string | undefined => {
  let text = input.trim().replace(/[\s\u00a0\u202f\u2009']/g, '');
  const negative = text.startsWith('-');
  if (negative) text = text.slice(1);
  if (!/^[\d.,]+$/.test(text) || !/\d/.test(text)) return undefined;
  const decimal = decimalSeparator(locale);
  const lastDot = text.lastIndexOf('.');
  const lastComma = text.lastIndexOf(',');
  let separator: string | undefined;
  if (lastDot >= 0 && lastComma >= 0) separator = lastDot > lastComma ? '.' : ',';
  else if (lastDot >= 0 || lastComma >= 0) {
    const only = lastDot >= 0 ? '.' : ',';
    const count = text.split(only).length - 1;
    const groups = digitGroups.test(text);
    if (only === decimal && count === 1) separator = only;
    else if (groups && (only !== decimal || count > 1)) separator = undefined;
    else if (count === 1) separator = only;
    else return undefined;
  }
  let whole = text;
  let fraction = '';
  if (separator) {
    const at = text.lastIndexOf(separator);
    whole = text.slice(0, at);
    fraction = text.slice(at + 1);
    if (!/^\d*$/.test(fraction)) return undefined;
  }
  if (whole.includes('.') || whole.includes(',')) {
    if (!digitGroups.test(whole)) return undefined;
    whole = whole.replace(/[.,]/g, '');
  }
  if (!/^\d*$/.test(whole) || (whole === '' && fraction === '')) return undefined;
  const normalised = `${whole.replace(/^0+(?=\d)/, '') || '0'}${fraction ? `.${fraction}` : ''}`;
  return negative ? `-${normalised}` : normalised;
};

/** A percentage as text ("5", "2,5 %") for basis points (500, 250). */
export const formatPercentBps = (bps: number, locale = currentLocale): string =>
  cached(`percent|${locale}`, () => new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 2 })).format(bps / 10_000);

const dateOnly = /^\d{4}-\d{2}-\d{2}$/;

/** An ISO date ("2026-12-02") or timestamp as a date in the locale (02.12.2026, 2 Dec 2026). */
export const formatDate = (iso: string, locale = currentLocale): string => {
  const date = new Date(dateOnly.test(iso) ? `${iso}T12:00:00Z` : iso);
  if (Number.isNaN(date.getTime())) return iso;
  const plain = dateOnly.test(iso);
  return cached(`date|${locale}|${plain}`, () => new Intl.DateTimeFormat(locale, { dateStyle: 'medium', ...(plain ? { timeZone: 'UTC' } : {}) })).format(date);
};

/** An ISO timestamp as date and time in the locale. */
export const formatDateTime = (iso: string, locale = currentLocale): string => {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return cached(`datetime|${locale}`, () => new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' })).format(date);
};
