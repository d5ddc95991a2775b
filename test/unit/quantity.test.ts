import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatMilli, parseMilli, roundToMilli } from '../../functions/shared/quantity.js';

describe('parseMilli', () => {
  it('parses plain non-negative decimals with at most three places into thousandths', () => {
    expect(parseMilli('2.5')).toBe(2500);
    expect(parseMilli(' 0.25 ')).toBe(250);
    expect(parseMilli('12')).toBe(12_000);
    expect(parseMilli('0')).toBe(0);
    expect(parseMilli('0.001')).toBe(1);
    expect(parseMilli('999999999.999')).toBe(999_999_999_999);
    for (const bad of ['', '-1', '1,5', '1.2345', '1.2500', '1e3', '.5', '5.', '1000000000', 'abc']) expect(parseMilli(bad)).toBeUndefined();
  });

  it('takes the separator, integer digits and trailing zeros as options', () => {
    expect(parseMilli('1,5', { separator: ',' })).toBe(1500);
    expect(parseMilli('1,5', { separator: 'either' })).toBe(1500);
    expect(parseMilli('1.5', { separator: 'either' })).toBe(1500);
    expect(parseMilli('1.5000', { overPrecision: 'zeros' })).toBe(1500);
    expect(parseMilli('1.0005', { overPrecision: 'zeros' })).toBeUndefined();
    expect(parseMilli('1000000000', { maxIntegerDigits: 12 })).toBe(1_000_000_000_000);
    expect(parseMilli('-1.5', { signed: true })).toBe(-1500);
  });
});

describe('formatMilli', () => {
  it('writes thousandths without trailing zeros', () => {
    expect(formatMilli(2500)).toBe('2.5');
    expect(formatMilli(1000)).toBe('1');
    expect(formatMilli(250)).toBe('0.25');
    expect(formatMilli(1)).toBe('0.001');
    expect(formatMilli(0)).toBe('0');
    expect(formatMilli(-500)).toBe('-0.5');
    expect(() => formatMilli(0.5)).toThrow(RangeError);
  });

  it('round-trips every quantity (and negative ones when signed)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 999_999_999_999 }), (milli) => {
        const text = formatMilli(milli);
        expect(parseMilli(text)).toBe(milli);
        expect(text).not.toMatch(/\.\d*0$/);
      }),
    );
    fc.assert(
      fc.property(fc.integer({ min: -999_999_999_999, max: -1 }), (milli) => {
        expect(parseMilli(formatMilli(milli), { signed: true })).toBe(milli);
      }),
    );
  });
});

describe('roundToMilli', () => {
  it('removes float drift from unit arithmetic at three decimals', () => {
    expect(roundToMilli(0.1 + 0.2)).toBe(0.3);
    expect(roundToMilli(5 - 4.9)).toBe(0.1);
    expect(roundToMilli(2.0004)).toBe(2);
    expect(roundToMilli(12)).toBe(12);
  });
});
