import { AppError } from '../shared/errors.js';
import { companyCurrency, isIso4217Currency, sellableCurrencies, type CurrencySituation } from '../shared/currencies.js';

export { companyCurrency, sellableCurrencies, type CurrencySituation } from '../shared/currencies.js';
import type { Money } from '../shared/money.js';

/**
 * Which currency a company's trade credit and prepaid balance are kept in, and which amounts staff
 * (or the ERP) may book on them (issue 12 finding 5). Pure: no AWS.
 *
 * - The shop sells to a company in the shop's default currency and in the currency each of the
 *   company's agreements fixes (the pricing engine prices in exactly those), as far as the shop accepts
 *   them (shop settings `currencies`). Anything else — not an ISO 4217 currency, or one the shop does
 *   not sell this company in — is 400 `UNSUPPORTED_CURRENCY`.
 * - The company's currency is the one its default agreement fixes (any kind of agreement), otherwise
 *   the shop's default currency. A company's first credit line / prepaid balance takes it.
 * - Once an account exists it keeps its currency: a limit or top-up in any other currency is 409
 *   `CURRENCY_MISMATCH` (also enforced by a condition on `currency` in the write itself).
 * - Top-ups are positive; limits are zero or positive (400 `INVALID_AMOUNT`).
 */

export type AmountKind = 'top-up' | 'limit';

/** 400 when the amount is not something the shop could book at all (currency, sign). */
export function checkBookableAmount(amount: Money, kind: AmountKind, situation: CurrencySituation): void {
  const sellable = sellableCurrencies(situation);
  if (!isIso4217Currency(amount.currency) || !sellable.includes(amount.currency)) {
    throw new AppError(400, 'UNSUPPORTED_CURRENCY', `${amount.currency} is not a currency this shop sells in (${sellable.join(', ')})`, {
      currency: amount.currency,
      supported: sellable,
    });
  }
  if (!Number.isSafeInteger(amount.amount) || amount.amount < 0 || (kind === 'top-up' && amount.amount === 0)) {
    throw new AppError(
      400,
      'INVALID_AMOUNT',
      kind === 'top-up' ? 'A top-up must be a positive amount of minor units' : 'A credit limit must be zero or a positive amount of minor units',
    );
  }
}

export interface AccountCurrencyPlan {
  /** The currency the write must find (or, for a new account, set). */
  readonly currency: string;
  /** True when the account does not exist yet and is opened in `currency`. */
  readonly opens: boolean;
  /**
   * Set when the stored account is kept in a currency the shop does not sell this company in (data
   * from before these checks, e.g. `XXX`): the write may replace it with the company's currency as long
   * as nothing is booked on it (no credit used, zero balance).
   */
  readonly replacesStale?: string;
}

/**
 * Decides the currency of a limit / top-up against the account as read: the request must be in the
 * account's currency, or — for a new account or a stale empty one — in the company's currency.
 * The repository repeats the decision as a condition on `currency` in the write, so a concurrent
 * change between read and write is refused by DynamoDB, never relabelled.
 */
export function planAccountCurrency(requested: string, stored: string | undefined, situation: CurrencySituation): AccountCurrencyPlan {
  const home = companyCurrency(situation);
  if (stored === undefined) {
    if (requested !== home) throw currencyMismatch(home, requested);
    return { currency: home, opens: true };
  }
  if (stored === requested) return { currency: stored, opens: false };
  if (!sellableCurrencies(situation).includes(stored) && requested === home) return { currency: home, opens: false, replacesStale: stored };
  throw currencyMismatch(stored, requested);
}

export const currencyMismatch = (kept: string, got: string) =>
  new AppError(409, 'CURRENCY_MISMATCH', `This account is kept in ${kept}; ${got} cannot be booked on it`, { expected: kept, got });
