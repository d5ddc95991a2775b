import { localeOf, type Language } from './locale.js';
import { currencyDigits, type Money } from './money.js';

/**
 * The one server-side formatting of numbers, money, dates and percentages for people (PDFs, e-mails),
 * in the recipient's language (functions/shared/locale.ts), via Intl:
 * de "1.348,30 €", "02.12.2026", "19 %"; pl "1 348,30 zł", "02.12.2026", "19%"; en "€1,348.30", "2 Dec 2026", "19%".
 * Exact: amounts are integer minor units and quantities integer thousandths, turned into decimal strings
 * before Intl sees them (no binary floating point). The spaces Intl puts in (NO-BREAK SPACE, NARROW
 * NO-BREAK SPACE) come out as plain spaces: the embedded PDF fonts and plain-text mails carry them as
 * they are, pdftotext and mail clients show them the same everywhere. Machine formats (e-invoice XML,
 * CSV, API) never go through here.
 */

const plain = (text: string): string => text.replace(/[\u00a0\u202f\u2009]/g, ' ').replace(/\u2212/g, '-');

const cache = new Map<string, Intl.NumberFormat>();
function numberFormat(language: Language, key: string, options: Intl.NumberFormatOptions): Intl.NumberFormat {
  const id = `${language}|${key}`;
  let format = cache.get(id);
  if (!format) {
    // 'always': Polish groups four-digit numbers too ("1 348,30"), as business documents do.
    format = new Intl.NumberFormat(localeOf(language), { useGrouping: 'always', ...options } as Intl.NumberFormatOptions);
    cache.set(id, format);
  }
  return format;
}

/** Integer scaled by 10^digits → exact decimal string for Intl ("-1234.5" for -12345, 1). */
function scaledDecimal(value: number, digits: number): string {
  const negative = value < 0;
  const text = Math.abs(value)
    .toString()
    .padStart(digits + 1, '0');
  const whole = digits === 0 ? text : text.slice(0, -digits);
  const fraction = digits === 0 ? '' : `.${text.slice(-digits)}`;
  return `${negative ? '-' : ''}${whole}${fraction}`;
}

type DecimalString = `${number}`;
const formatDecimal = (format: Intl.NumberFormat, decimal: string): string => format.format(decimal as DecimalString as unknown as number);

/** 134830 EUR → de "1.348,30 €", pl "1 348,30 €", en "€1,348.30"; PLN → "1 348,30 zł"; ASCII minus. */
export function formatMoney(value: Money, language: Language): string {
  const digits = currencyDigits(value.currency);
  const format = numberFormat(language, `money:${value.currency}`, {
    style: 'currency',
    currency: value.currency,
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
  });
  return plain(formatDecimal(format, scaledDecimal(value.amount, digits)));
}

/** Quantities in thousandths (2500 → de "2,5", 1234000 → de "1.234") or as the decimal text documents carry ("2.5"). */
export function formatQuantity(value: number | string, language: Language): string {
  const decimal = typeof value === 'number' ? scaledDecimal(value, 3) : value.trim().replace(/^\u2212/, '-');
  if (!/^-?\d+(\.\d+)?$/.test(decimal)) return value.toString();
  return plain(formatDecimal(numberFormat(language, 'quantity', { maximumFractionDigits: 20 }), decimal));
}

/** Basis points → de "19 %", "7,5 %"; pl "19%"; en "19%". */
export function formatPercent(bps: number, language: Language): string {
  return plain(formatDecimal(numberFormat(language, 'percent', { style: 'percent', maximumFractionDigits: 2 }), scaledDecimal(bps, 4)));
}

const dateFormats: Readonly<Record<Language, Intl.DateTimeFormatOptions>> = {
  de: { day: '2-digit', month: '2-digit', year: 'numeric' },
  pl: { day: '2-digit', month: '2-digit', year: 'numeric' },
  en: { day: 'numeric', month: 'short', year: 'numeric' },
};
const dateCache = new Map<Language, Intl.DateTimeFormat>();

/** A calendar day (YYYY-MM-DD, or the day of an ISO instant as written): de/pl "02.12.2026", en "2 Dec 2026". Other text is returned as is. */
export function formatDate(isoDate: string, language: Language): string {
  const day = /^\d{4}-\d{2}-\d{2}/.exec(isoDate)?.[0];
  if (!day) return isoDate;
  let format = dateCache.get(language);
  if (!format) {
    format = new Intl.DateTimeFormat(localeOf(language), { ...dateFormats[language], timeZone: 'UTC' });
    dateCache.set(language, format);
  }
  return plain(format.format(new Date(`${day}T00:00:00Z`)));
}

/** An instant as day and time of day in UTC: de "02.12.2026, 14:00 UTC". */
export function formatDateTime(instant: string, language: Language): string {
  const date = new Date(instant);
  if (Number.isNaN(date.getTime())) return instant;
  const time = new Intl.DateTimeFormat(localeOf(language), { hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone: 'UTC' }).format(date);
  return `${formatDate(date.toISOString(), language)}, ${plain(time)} UTC`;
}
