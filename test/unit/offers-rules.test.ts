import { describe, expect, it } from 'vitest';
import { AppError } from '../../functions/shared/errors.js';
import {
  acceptanceProblem,
  assertEditable,
  formatQuoteNumber,
  listedForCustomer,
  priceProblem,
  priceQuote,
  validUntilProblem,
  visibleToCustomer,
  type OfferState,
} from '../../functions/offers/rules.js';

const eur = (amount: number) => ({ amount, currency: 'EUR' });
const line = (sku: string, quantity: number, list: number, unitNet?: number, vatRate = 1900) => ({
  sku,
  name: sku,
  unit: 'pc',
  quantity,
  listUnitNet: eur(list),
  vatRate,
  ...(unitNet !== undefined ? { unitNet } : {}),
});
const codeOf = (fn: () => unknown) => {
  try {
    fn();
  } catch (error) {
    return (error as AppError).code;
  }
  return undefined;
};

describe('quote prices', () => {
  it('defaults to the list price and accepts better prices, including zero', () => {
    const priced = priceQuote([line('A', 2000, 1000), line('B', 1500, 333, 300, 700), line('C', 1000, 500, 0)], 'EUR');
    expect(priced.lines.map((l) => l.unitNet.amount)).toEqual([1000, 300, 0]);
    expect(priced.lines.map((l) => l.lineNet.amount)).toEqual([2000, 450, 0]);
    expect(priced.net).toEqual(eur(2450));
    expect(priced.vatBreakdown).toEqual([
      { rate: 1900, net: eur(2000), vat: eur(380) },
      { rate: 700, net: eur(450), vat: eur(32) },
    ]);
    expect(priced.gross).toEqual(eur(2450 + 380 + 32));
  });

  it('never negative, never above the list price, integer cents, one currency', () => {
    expect(priceProblem(-1, eur(100), 'EUR')).toBe('NEGATIVE_PRICE');
    expect(priceProblem(101, eur(100), 'EUR')).toBe('PRICE_ABOVE_LIST');
    expect(priceProblem(99.5, eur(100), 'EUR')).toBe('PRICE_NOT_INTEGER');
    expect(priceProblem(50, { amount: 100, currency: 'PLN' }, 'EUR')).toBe('CURRENCY_MISMATCH');
    expect(priceProblem(100, eur(100), 'EUR')).toBeUndefined();
    expect(codeOf(() => priceQuote([line('A', 1000, 100, 101)], 'EUR'))).toBe('INVALID_QUOTE_PRICE');
    expect(codeOf(() => priceQuote([line('A', 1000, 100), line('A', 1000, 100)], 'EUR'))).toBe('INVALID_QUOTE_PRICE');
    expect(codeOf(() => priceQuote([], 'EUR'))).toBe('QUOTE_EMPTY');
  });

  it('rounds fractional quantities half-up per line', () => {
    expect(priceQuote([line('A', 250, 333)], 'EUR').lines[0]!.lineNet).toEqual(eur(83));
  });
});

describe('versions and acceptance', () => {
  const sent: OfferState = { status: 'sent', latestVersion: 2, sentVersion: 2 };
  const today = '2026-03-10';

  it('editing creates version n+1 until accepted', () => {
    expect(assertEditable(sent)).toBe(3);
    expect(assertEditable({ status: 'requested', latestVersion: 0 })).toBe(1);
    expect(codeOf(() => assertEditable({ ...sent, status: 'accepted', acceptedVersion: 2 }))).toBe('QUOTE_ALREADY_ACCEPTED');
  });

  it('only the latest sent, unexpired version can be accepted, once', () => {
    expect(acceptanceProblem(sent, { version: 2, validUntil: today }, today)).toBeUndefined();
    expect(acceptanceProblem(sent, { version: 1, validUntil: '2026-12-31' }, today)?.code).toBe('QUOTE_SUPERSEDED');
    expect(acceptanceProblem(sent, { version: 2, validUntil: '2026-03-09' }, today)?.code).toBe('QUOTE_EXPIRED');
    expect(acceptanceProblem({ status: 'draft', latestVersion: 3, sentVersion: 2 }, { version: 3, validUntil: today }, today)?.code).toBe('QUOTE_NOT_SENT');
    expect(acceptanceProblem({ status: 'draft', latestVersion: 3, sentVersion: 2 }, { version: 2, validUntil: today }, today)?.code).toBe('QUOTE_SUPERSEDED');
    expect(acceptanceProblem({ ...sent, status: 'accepted', acceptedVersion: 2 }, { version: 2, validUntil: today }, today)?.code).toBe(
      'QUOTE_ALREADY_ACCEPTED',
    );
    expect(acceptanceProblem(sent, { version: 1, validUntil: today }, today)?.statusCode).toBe(409);
  });

  it('customers see sent versions and their requests only', () => {
    expect(visibleToCustomer(sent, 1)).toBe(true);
    expect(visibleToCustomer({ status: 'draft', latestVersion: 3, sentVersion: 2 }, 3)).toBe(false);
    expect(visibleToCustomer({ status: 'draft', latestVersion: 1 }, 1)).toBe(false);
    expect(listedForCustomer({ status: 'draft', latestVersion: 1 })).toBe(false);
    expect(listedForCustomer({ status: 'requested', latestVersion: 0 })).toBe(true);
  });

  it('validity date: a real date from today up to a year ahead', () => {
    expect(validUntilProblem('2026-03-10', '2026-03-10')).toBeUndefined();
    expect(validUntilProblem('2026-03-09', '2026-03-10')).toBe('IN_THE_PAST');
    expect(validUntilProblem('2026-02-30', '2026-01-10')).toBe('NOT_A_DATE');
    expect(validUntilProblem('2028-01-01', '2026-03-10')).toBe('TOO_FAR');
  });

  it('quote numbers', () => {
    expect(formatQuoteNumber(2026, 123)).toBe('QUO-2026-000123');
  });
});
