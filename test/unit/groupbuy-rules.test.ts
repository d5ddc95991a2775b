import { describe, expect, it } from 'vitest';
import {
  POOL_LIMITS,
  assertOpen,
  bestUnitPrice,
  closingPaymentMethod,
  commitmentDelta,
  isOpenAt,
  normalizeInstant,
  settle,
  standing,
  tierIndexReached,
  validateCommitment,
  validateNewPool,
} from '../../functions/groupbuy/rules.js';
import { AppError } from '../../functions/shared/errors.js';

// The example: list price 100.00 from 0, −8 % from 100 units, −15 % from 250.
const tiers = [
  { minQuantity: 0, unitPrice: 10_000 },
  { minQuantity: 100, unitPrice: 9_200 },
  { minQuantity: 250, unitPrice: 8_500 },
];
const now = new Date('2026-03-01T10:00:00.000Z');
const pool = (overrides: Partial<Parameters<typeof validateNewPool>[0]> = {}) => ({
  sku: 'EL-1',
  name: 'Spring cable pool',
  currency: 'EUR',
  tiers,
  closesAt: '2026-03-08T10:00:00Z',
  ...overrides,
});

function problemsOf(run: () => unknown): { path: string; message: string }[] {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe('INVALID_POOL');
    expect((error as AppError).statusCode).toBe(400);
    return (error as AppError).details as { path: string; message: string }[];
  }
  throw new Error('expected INVALID_POOL');
}

describe('tier reached and best price', () => {
  it.each([
    [0, 0, 10_000],
    [1, 0, 10_000],
    [99, 0, 10_000],
    [100, 1, 9_200],
    [101, 1, 9_200],
    [249, 1, 9_200],
    [250, 2, 8_500],
    [10_000, 2, 8_500],
  ])('total %i → tier %i at %i cents', (total, tier, price) => {
    expect(tierIndexReached(tiers, total)).toBe(tier);
    expect(bestUnitPrice(tiers, total)).toBe(price);
  });

  it('a single tier always applies', () => {
    expect(bestUnitPrice([{ minQuantity: 0, unitPrice: 500 }], 1_000_000)).toBe(500);
  });

  it('never gets more expensive as the total grows', () => {
    let previous = Infinity;
    for (let total = 0; total <= 400; total++) {
      const price = bestUnitPrice(tiers, total);
      expect(price).toBeLessThanOrEqual(previous);
      previous = price;
    }
  });

  it('standing: next tier, units missing, saving', () => {
    expect(standing(tiers, 'EUR', 60)).toEqual({
      total: 60,
      tierReached: 0,
      currentUnitPrice: { amount: 10_000, currency: 'EUR' },
      nextTier: { minQuantity: 100, unitPrice: { amount: 9_200, currency: 'EUR' }, missing: 40 },
      savingBps: 0,
    });
    expect(standing(tiers, 'EUR', 100).savingBps).toBe(800);
    expect(standing(tiers, 'EUR', 300)).toMatchObject({ tierReached: 2, nextTier: null, savingBps: 1500 });
  });
});

describe('pool validation', () => {
  it('accepts the example and normalizes closesAt to whole UTC seconds, never earlier', () => {
    expect(validateNewPool(pool(), now).closesAt).toBe('2026-03-08T10:00:00Z');
    expect(validateNewPool(pool({ closesAt: '2026-03-08T12:00:00.250+02:00' }), now).closesAt).toBe('2026-03-08T10:00:01Z');
    expect(normalizeInstant(new Date('2026-01-02T03:04:05.999Z'))).toBe('2026-01-02T03:04:05Z');
  });

  it('requires a first tier from 0 units', () => {
    expect(problemsOf(() => validateNewPool(pool({ tiers: [{ minQuantity: 10, unitPrice: 100 }] }), now))).toContainEqual(
      expect.objectContaining({ path: 'tiers.0.minQuantity' }),
    );
    expect(problemsOf(() => validateNewPool(pool({ tiers: [] }), now))).toContainEqual(expect.objectContaining({ path: 'tiers' }));
  });

  it('requires strictly increasing quantities and strictly decreasing prices', () => {
    const sameQuantity = problemsOf(() =>
      validateNewPool(
        pool({
          tiers: [
            { minQuantity: 0, unitPrice: 100 },
            { minQuantity: 0, unitPrice: 90 },
          ],
        }),
        now,
      ),
    );
    expect(sameQuantity).toContainEqual(expect.objectContaining({ path: 'tiers.1.minQuantity' }));
    const samePrice = problemsOf(() =>
      validateNewPool(
        pool({
          tiers: [
            { minQuantity: 0, unitPrice: 100 },
            { minQuantity: 10, unitPrice: 100 },
          ],
        }),
        now,
      ),
    );
    expect(samePrice).toContainEqual(expect.objectContaining({ path: 'tiers.1.unitPrice' }));
    const dearer = problemsOf(() =>
      validateNewPool(
        pool({
          tiers: [
            { minQuantity: 0, unitPrice: 100 },
            { minQuantity: 10, unitPrice: 101 },
          ],
        }),
        now,
      ),
    );
    expect(dearer).toContainEqual(expect.objectContaining({ path: 'tiers.1.unitPrice' }));
  });

  it('refuses fractional, zero and negative money, too many tiers and bad currencies', () => {
    expect(problemsOf(() => validateNewPool(pool({ tiers: [{ minQuantity: 0, unitPrice: 99.5 }] }), now))).toContainEqual(
      expect.objectContaining({ path: 'tiers.0.unitPrice' }),
    );
    expect(problemsOf(() => validateNewPool(pool({ tiers: [{ minQuantity: 0, unitPrice: 0 }] }), now))).toContainEqual(
      expect.objectContaining({ path: 'tiers.0.unitPrice' }),
    );
    expect(
      problemsOf(() =>
        validateNewPool(
          pool({
            tiers: [
              { minQuantity: 0, unitPrice: 100 },
              { minQuantity: 1.5, unitPrice: 90 },
            ],
          }),
          now,
        ),
      ),
    ).toContainEqual(expect.objectContaining({ path: 'tiers.1.minQuantity' }));
    const many = Array.from({ length: POOL_LIMITS.maxTiers + 1 }, (_, index) => ({ minQuantity: index * 10, unitPrice: 1000 - index }));
    expect(problemsOf(() => validateNewPool(pool({ tiers: many }), now))).toContainEqual(expect.objectContaining({ path: 'tiers' }));
    expect(problemsOf(() => validateNewPool(pool({ currency: 'eur' }), now))).toContainEqual(expect.objectContaining({ path: 'currency' }));
  });

  it('closes in the future, within the window a Step Functions execution can wait', () => {
    expect(problemsOf(() => validateNewPool(pool({ closesAt: '2026-03-01T09:59:59Z' }), now))).toContainEqual(expect.objectContaining({ path: 'closesAt' }));
    expect(problemsOf(() => validateNewPool(pool({ closesAt: '2026-03-01T10:00:01Z' }), now))).toContainEqual(expect.objectContaining({ path: 'closesAt' }));
    expect(validateNewPool(pool({ closesAt: '2026-03-01T10:00:02Z' }), now).closesAt).toBe('2026-03-01T10:00:02Z');
    expect(problemsOf(() => validateNewPool(pool({ closesAt: '2027-03-01T10:00:00Z' }), now))).toContainEqual(expect.objectContaining({ path: 'closesAt' }));
    expect(problemsOf(() => validateNewPool(pool({ closesAt: 'tomorrow' }), now))).toContainEqual(expect.objectContaining({ path: 'closesAt' }));
    expect(problemsOf(() => validateNewPool(pool({ closesAt: '2026-03-08T10:00:00' }), now))).toContainEqual(expect.objectContaining({ path: 'closesAt' }));
  });
});

describe('commitments', () => {
  it('accepts whole units from 0 (withdraw) to the limit', () => {
    expect(validateCommitment(0)).toBe(0);
    expect(validateCommitment(POOL_LIMITS.maxQuantity)).toBe(POOL_LIMITS.maxQuantity);
    for (const bad of [-1, 1.5, POOL_LIMITS.maxQuantity + 1, Number.NaN]) {
      expect(() => validateCommitment(bad)).toThrow(expect.objectContaining({ code: 'INVALID_QUANTITY', statusCode: 400 }));
    }
  });

  it('moves total and participants by the difference', () => {
    expect(commitmentDelta(0, 5)).toEqual({ total: 5, participants: 1 });
    expect(commitmentDelta(5, 8)).toEqual({ total: 3, participants: 0 });
    expect(commitmentDelta(8, 0)).toEqual({ total: -8, participants: -1 });
    expect(commitmentDelta(0, 0)).toEqual({ total: 0, participants: 0 });
  });

  it('is open strictly before closesAt, and binding from then on (409 POOL_CLOSED)', () => {
    const open = { status: 'open', closesAt: '2026-03-01T10:00:00Z' };
    expect(isOpenAt(open, new Date('2026-03-01T09:59:59.999Z'))).toBe(true);
    expect(isOpenAt(open, new Date('2026-03-01T10:00:00.000Z'))).toBe(false);
    expect(isOpenAt({ ...open, status: 'closed' }, new Date('2026-03-01T09:00:00Z'))).toBe(false);
    expect(() => assertOpen(open, new Date('2026-03-01T10:00:00Z'))).toThrow(expect.objectContaining({ code: 'POOL_CLOSED', statusCode: 409 }));
    expect(() => assertOpen(open, new Date('2026-03-01T09:00:00Z'))).not.toThrow();
  });
});

describe('settlement at closing', () => {
  it('charges the tier price for the participant quantity with VAT rounded half-up', () => {
    expect(settle(30, 8_500, 'EUR', 1_900)).toEqual({
      quantity: 30,
      unitNet: { amount: 8_500, currency: 'EUR' },
      lineNet: { amount: 255_000, currency: 'EUR' },
      vatRate: 1_900,
      net: { amount: 255_000, currency: 'EUR' },
      vat: { amount: 48_450, currency: 'EUR' },
      gross: { amount: 303_450, currency: 'EUR' },
    });
    expect(settle(1, 333, 'EUR', 1_900).vat.amount).toBe(63); // 63.27 → 63
    expect(settle(1, 1_150, 'EUR', 2_300).vat.amount).toBe(265); // 264.5 → 265
    expect(settle(7, 9_200, 'EUR', 0).gross.amount).toBe(64_400); // reverse charge
  });

  it('refuses empty or fractional quantities', () => {
    expect(() => settle(0, 100, 'EUR', 1900)).toThrow(RangeError);
    expect(() => settle(1.5, 100, 'EUR', 1900)).toThrow(RangeError);
  });

  it('pays on account when allowed, otherwise by bank prepayment', () => {
    expect(
      closingPaymentMethod([
        { method: 'on-account', allowed: true },
        { method: 'bank-prepayment', allowed: true },
      ]),
    ).toBe('on-account');
    expect(
      closingPaymentMethod([
        { method: 'on-account', allowed: false },
        { method: 'bank-prepayment', allowed: true },
      ]),
    ).toBe('bank-prepayment');
    expect(closingPaymentMethod([])).toBe('bank-prepayment');
  });
});
