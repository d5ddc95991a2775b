import { describe, expect, it } from 'vitest';
import { checkBookableAmount, companyCurrency, planAccountCurrency, sellableCurrencies, type CurrencySituation } from '../../functions/credit/rules.js';
import { isIso4217Currency } from '../../functions/shared/currencies.js';
import { AppError } from '../../functions/shared/errors.js';

const eurShop = (agreements: CurrencySituation['agreements'] = [], defaultAgreementId?: string): CurrencySituation => ({
  shopCurrency: 'EUR',
  agreements,
  ...(defaultAgreementId ? { defaultAgreementId } : {}),
});
const plnAgreement = { id: 'pln', kind: 'currency', currency: 'PLN' };
const terms = { id: 'net-30', kind: 'payment-terms' };

const codeOf = (run: () => unknown): string | undefined => {
  try {
    run();
    return undefined;
  } catch (error) {
    expect(error).toBeInstanceOf(AppError);
    return `${(error as AppError).statusCode} ${(error as AppError).code}`;
  }
};

describe('ISO 4217', () => {
  it('knows circulating currencies and refuses test, metal and made-up codes', () => {
    for (const code of ['EUR', 'PLN', 'USD', 'JPY', 'CHF', 'KWD']) expect(isIso4217Currency(code)).toBe(true);
    for (const code of ['XXX', 'XTS', 'XAU', 'ABC', 'eur', 'EURO', '']) expect(isIso4217Currency(code)).toBe(false);
  });
});

describe('currencies of a company', () => {
  it('sells in the shop currency and the currencies of the company agreements', () => {
    expect(sellableCurrencies(eurShop())).toEqual(['EUR']);
    expect(sellableCurrencies(eurShop([terms, plnAgreement]))).toEqual(['EUR', 'PLN']);
    expect(sellableCurrencies(eurShop([{ id: 'odd', kind: 'currency', currency: 'XXX' }]))).toEqual(['EUR']);
  });

  it('the company currency is the default agreement currency, else the shop currency', () => {
    expect(companyCurrency(eurShop([terms, plnAgreement], 'net-30'))).toBe('EUR');
    expect(companyCurrency(eurShop([terms, plnAgreement], 'pln'))).toBe('PLN');
    expect(companyCurrency(eurShop())).toBe('EUR');
  });
});

describe('bookable amounts', () => {
  const situation = eurShop([terms, plnAgreement], 'net-30');
  it('refuses currencies the shop does not sell in with 400 UNSUPPORTED_CURRENCY', () => {
    expect(codeOf(() => checkBookableAmount({ amount: 100, currency: 'USD' }, 'top-up', situation))).toBe('400 UNSUPPORTED_CURRENCY');
    expect(codeOf(() => checkBookableAmount({ amount: 100, currency: 'XXX' }, 'limit', situation))).toBe('400 UNSUPPORTED_CURRENCY');
    expect(codeOf(() => checkBookableAmount({ amount: 100, currency: 'PLN' }, 'limit', eurShop()))).toBe('400 UNSUPPORTED_CURRENCY');
  });
  it('top-ups must be positive, limits non-negative', () => {
    expect(codeOf(() => checkBookableAmount({ amount: 0, currency: 'EUR' }, 'top-up', situation))).toBe('400 INVALID_AMOUNT');
    expect(codeOf(() => checkBookableAmount({ amount: -5, currency: 'EUR' }, 'top-up', situation))).toBe('400 INVALID_AMOUNT');
    expect(codeOf(() => checkBookableAmount({ amount: -5, currency: 'EUR' }, 'limit', situation))).toBe('400 INVALID_AMOUNT');
    expect(codeOf(() => checkBookableAmount({ amount: 0, currency: 'EUR' }, 'limit', situation))).toBeUndefined();
    expect(codeOf(() => checkBookableAmount({ amount: 1, currency: 'PLN' }, 'top-up', situation))).toBeUndefined();
  });
});

describe('account currency plan', () => {
  const situation = eurShop([terms, plnAgreement], 'net-30');
  it('opens a new account only in the company currency', () => {
    expect(planAccountCurrency('EUR', undefined, situation)).toEqual({ currency: 'EUR', opens: true });
    expect(codeOf(() => planAccountCurrency('PLN', undefined, situation))).toBe('409 CURRENCY_MISMATCH');
    expect(planAccountCurrency('PLN', undefined, eurShop([terms, plnAgreement], 'pln'))).toEqual({ currency: 'PLN', opens: true });
  });
  it('keeps the currency of an existing account, never relabels it', () => {
    expect(planAccountCurrency('EUR', 'EUR', situation)).toEqual({ currency: 'EUR', opens: false });
    expect(codeOf(() => planAccountCurrency('PLN', 'EUR', situation))).toBe('409 CURRENCY_MISMATCH');
    // An account kept in PLN stays in PLN even when the company's default moved to EUR.
    expect(planAccountCurrency('PLN', 'PLN', situation)).toEqual({ currency: 'PLN', opens: false });
    expect(codeOf(() => planAccountCurrency('EUR', 'PLN', situation))).toBe('409 CURRENCY_MISMATCH');
  });
  it('replaces a stale unsupported currency (e.g. XXX) only with the company currency', () => {
    expect(planAccountCurrency('EUR', 'XXX', situation)).toEqual({ currency: 'EUR', opens: false, replacesStale: 'XXX' });
    expect(codeOf(() => planAccountCurrency('PLN', 'XXX', situation))).toBe('409 CURRENCY_MISMATCH');
  });
});
