import {
  formatScaled,
  formatScaledForDisplay,
  parseScaled,
  parseScaledDetailed,
  type FormatScaledOptions,
  type ParseScaledOptions,
  type ParseScaledResult,
} from './decimal.js';

/** Money is always an integer amount of minor units (cents) with an ISO 4217 currency code. */
export interface Money {
  readonly amount: number;
  readonly currency: string;
}

const currencyCode = /^[A-Z]{3}$/;

export function money(amount: number, currency: string): Money {
  if (!Number.isSafeInteger(amount)) throw new RangeError(`Money amounts are integer minor units, got ${amount}`);
  if (!currencyCode.test(currency)) throw new RangeError(`Not an ISO 4217 currency code: ${currency}`);
  return { amount, currency };
}

export function addMoney(a: Money, b: Money): Money {
  if (a.currency !== b.currency) throw new RangeError(`Cannot add ${a.currency} and ${b.currency}`);
  return money(a.amount + b.amount, a.currency);
}

/** Unit price times an integer quantity. */
export function multiplyMoney(unit: Money, quantity: number): Money {
  if (!Number.isSafeInteger(quantity)) throw new RangeError(`Quantity must be an integer, got ${quantity}`);
  return money(unit.amount * quantity, unit.currency);
}

const digitsCache = new Map<string, number>();

/** Minor-unit digits of a currency as the runtime's ICU data knows them (EUR 2, JPY 0, KWD 3); 2 when unknown. */
export function currencyDigits(currency: string): number {
  let digits = digitsCache.get(currency);
  if (digits === undefined) {
    try {
      digits = new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
    } catch {
      digits = 2;
    }
    digitsCache.set(currency, digits);
  }
  return digits;
}

/** Integer minor units → plain decimal string with the currency's digits: 1234 EUR → "12.34", 5 JPY → "5", -5 EUR → "-0.05". */
export const formatMinorUnits = (amount: number, currency: string, options: FormatScaledOptions = {}): string =>
  formatScaled(amount, currencyDigits(currency), options);

/** "12.34" EUR → 1234, exactly; undefined when not a decimal within the options (see ParseScaledOptions). */
export const parseMinorUnits = (text: string, currency: string, options: ParseScaledOptions = {}): number | undefined =>
  parseScaled(text, currencyDigits(currency), options);

/** Like parseMinorUnits, with the reason ('FORMAT' | 'PRECISION' | 'RANGE') when the text is refused. */
export const parseMinorUnitsDetailed = (text: string, currency: string, options: ParseScaledOptions = {}): ParseScaledResult =>
  parseScaledDetailed(text, currencyDigits(currency), options);

/** "1234.50 EUR" for e-mails and messages (plain digits, ASCII minus, the currency's digits). */
export const formatMoneyText = (value: Money): string => `${formatMinorUnits(value.amount, value.currency)} ${value.currency}`;

/** "12.40 EUR", "−12.40 EUR" (typographic minus) for price explanations and printed documents. */
export const formatMoney = (amount: number, currency: string): string => `${formatScaledForDisplay(amount, currencyDigits(currency))} ${currency}`;
