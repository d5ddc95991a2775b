import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  CreditError,
  availableCredit,
  changeLimit,
  releaseCredit,
  reserveCredit,
  type CreditAccount,
  type CreditResult,
} from '../../functions/checkout/rules.js';
import type { Money } from '../../functions/shared/money.js';

const eur = (amount: number): Money => ({ amount, currency: 'EUR' });
const account: CreditAccount = { limit: eur(500_000), used: eur(120_000) };

const ok = (result: CreditResult) => {
  if (!result.ok) throw new Error(`expected ok, got ${result.error.code}`);
  return result;
};
const err = (result: CreditResult) => {
  if (result.ok) throw new Error('expected an error');
  return result.error;
};

describe('trade credit arithmetic', () => {
  it('available = limit − used, never negative', () => {
    expect(availableCredit(account)).toEqual(eur(380_000));
    expect(availableCredit({ limit: eur(1_000), used: eur(5_000) })).toEqual(eur(0));
  });

  it('reserveCredit books an order and returns the new account and available credit', () => {
    const result = ok(reserveCredit(account, eur(80_000)));
    expect(result.account).toEqual({ limit: eur(500_000), used: eur(200_000) });
    expect(result.available).toEqual(eur(300_000));
    expect(account.used).toEqual(eur(120_000)); // input untouched
  });

  it('reserveCredit may use the credit up to the last cent, not beyond', () => {
    expect(ok(reserveCredit(account, eur(380_000))).available).toEqual(eur(0));
    const error = err(reserveCredit(account, eur(380_001)));
    expect(error).toBeInstanceOf(CreditError);
    expect(error.code).toBe('CREDIT_EXCEEDED');
    expect(error.statusCode).toBe(409);
    expect(error.message).toBe('Exceeds your available credit of 3 800.00 EUR.');
  });

  it('rejects other currencies and non-positive or fractional amounts', () => {
    expect(err(reserveCredit(account, { amount: 100, currency: 'PLN' })).code).toBe('CURRENCY_MISMATCH');
    expect(err(reserveCredit({ limit: eur(100), used: { amount: 0, currency: 'PLN' } }, eur(1))).code).toBe('CURRENCY_MISMATCH');
    expect(err(reserveCredit(account, eur(0))).code).toBe('INVALID_AMOUNT');
    expect(err(reserveCredit(account, eur(-5))).code).toBe('INVALID_AMOUNT');
    expect(err(releaseCredit(account, eur(1.5))).code).toBe('INVALID_AMOUNT');
    expect(err(releaseCredit(account, eur(-1))).statusCode).toBe(400);
  });

  it('releaseCredit gives credit back, never more than is used', () => {
    expect(ok(releaseCredit(account, eur(120_000))).account.used).toEqual(eur(0));
    expect(err(releaseCredit(account, eur(120_001))).code).toBe('RELEASE_EXCEEDS_USED');
  });

  it('releaseCredit works on an account whose limit was cut below the usage', () => {
    const over = { limit: eur(100_000), used: eur(150_000) };
    expect(ok(releaseCredit(over, eur(60_000)))).toMatchObject({ account: { used: eur(90_000) }, available: eur(10_000) });
    expect(err(reserveCredit(over, eur(1))).code).toBe('CREDIT_EXCEEDED');
  });

  it('changeLimit raises or lowers the limit, not below the usage', () => {
    expect(ok(changeLimit(account, eur(1_000_000))).available).toEqual(eur(880_000));
    expect(ok(changeLimit(account, eur(120_000))).available).toEqual(eur(0));
    expect(err(changeLimit(account, eur(119_999))).code).toBe('LIMIT_BELOW_USED');
    expect(ok(changeLimit({ limit: eur(100), used: eur(0) }, eur(0))).account.limit).toEqual(eur(0));
    expect(err(changeLimit(account, eur(-1))).code).toBe('INVALID_AMOUNT');
    expect(err(changeLimit(account, { amount: 1_000_000, currency: 'USD' })).code).toBe('CURRENCY_MISMATCH');
  });

  it('properties: available never negative, reserve then release restores the account, used never exceeds the limit through reserve', () => {
    const valid = fc
      .tuple(fc.integer({ min: 0, max: 1e9 }), fc.integer({ min: 0, max: 1e9 }))
      .map(([a, b]): CreditAccount => ({ limit: eur(Math.max(a, b)), used: eur(Math.min(a, b)) }));
    fc.assert(
      fc.property(valid, fc.integer({ min: -10, max: 2e9 }), (start, amount) => {
        const reserved = reserveCredit(start, eur(amount));
        if (reserved.ok) {
          expect(reserved.account.used.amount).toBeLessThanOrEqual(reserved.account.limit.amount);
          expect(reserved.available.amount).toBeGreaterThanOrEqual(0);
          const released = ok(releaseCredit(reserved.account, eur(amount)));
          expect(released.account).toEqual(start);
        } else {
          expect(amount <= 0 || amount > start.limit.amount - start.used.amount).toBe(true);
        }
        const changed = changeLimit(start, eur(amount));
        if (changed.ok) expect(changed.available.amount).toBe(amount - start.used.amount);
        else expect(amount < start.used.amount).toBe(true);
      }),
    );
  });
});
