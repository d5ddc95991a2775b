import { describe, expect, it } from 'vitest';
import { addExact, allocateLargestRemainder, applyBasisPoints, formatPercent, formatScaledForDisplay, mulDivHalfUp } from '../../functions/shared/decimal.js';
import { formatMoney } from '../../functions/shared/money.js';
import { formatQuantity, timesMilli } from '../../functions/shared/quantity.js';

describe('integer helpers', () => {
  it('rounds half-up and stays exact beyond 2^53', () => {
    expect(mulDivHalfUp(333, 2500, 1000)).toBe(833); // 832.5 → 833
    expect(mulDivHalfUp(333, 2499, 1000)).toBe(832); // 832.167
    expect(mulDivHalfUp(50, 1900, 10_000)).toBe(10); // 9.5 → 10
    expect(mulDivHalfUp(12_345_678_901, 987_654, 1000)).toBe(Number((12_345_678_901n * 987_654n + 500n) / 1000n));
  });

  it('takes a BigInt factor and refuses results beyond the safe range', () => {
    const factor = 9_000_000_000_000n * 10_000n - 4_000_000_000_000n * 1500n;
    expect(mulDivHalfUp(199, factor, 10_000_000)).toBe(Number((199n * factor + 5_000_000n) / 10_000_000n));
    expect(mulDivHalfUp(333, 2500n, 1000)).toBe(833);
    expect(() => mulDivHalfUp(Number.MAX_SAFE_INTEGER, 3, 2)).toThrow(RangeError);
  });

  it('applies basis points and thousandths with one half-up rounding', () => {
    expect(applyBasisPoints(1999, 1900)).toBe(380); // 379.81
    expect(applyBasisPoints(50, 1900)).toBe(10); // 9.5 → 10
    expect(applyBasisPoints(1000, 0)).toBe(0);
    expect(timesMilli(333, 2500)).toBe(833); // 3.33 × 2.5 = 8.325 → 8.33
    expect(timesMilli(1999, 1000)).toBe(1999);
    expect(timesMilli(1, 499)).toBe(0);
  });

  it('adds only within the safe integer range', () => {
    expect(addExact(2, 3)).toBe(5);
    expect(() => addExact(Number.MAX_SAFE_INTEGER, 1)).toThrow(RangeError);
  });

  it('allocates by largest remainder, exactly', () => {
    expect(allocateLargestRemainder(1000, [10_000, 5000])).toEqual([667, 333]);
    expect(allocateLargestRemainder(100, [1, 1, 1])).toEqual([34, 33, 33]);
    expect(allocateLargestRemainder(2, [1, 1, 1])).toEqual([1, 1, 0]);
    expect(allocateLargestRemainder(0, [5, 5])).toEqual([0, 0]);
  });
});

describe('display formatting', () => {
  it('prints money, quantities and percentages with the typographic minus', () => {
    expect(formatMoney(1240, 'EUR')).toBe('12.40 EUR');
    expect(formatMoney(-5, 'EUR')).toBe('\u22120.05 EUR');
    expect(formatMoney(5, 'JPY')).toBe('5 JPY');
    expect(formatQuantity(250)).toBe('0.25');
    expect(formatQuantity(100_000)).toBe('100');
    expect(formatPercent(250)).toBe('2.5 %');
    expect(formatPercent(-500)).toBe('\u22125 %');
    expect(formatScaledForDisplay(1_234_567, 6, true)).toBe('1.234567');
    expect(formatScaledForDisplay(2.5, 3)).toBe('0.0025');
  });
});
