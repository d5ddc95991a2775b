import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatScaled, parseScaled } from '../../functions/shared/decimal.js';
import {
  addMoney,
  currencyDigits,
  formatMinorUnits,
  formatMoneyText,
  money,
  multiplyMoney,
  parseMinorUnits,
  parseMinorUnitsDetailed,
} from '../../functions/shared/money.js';

describe('money', () => {
  it('holds integer minor units with an ISO currency', () => {
    expect(money(1999, 'EUR')).toEqual({ amount: 1999, currency: 'EUR' });
    expect(() => money(19.99, 'EUR')).toThrow(/integer minor units/);
    expect(() => money(Number.MAX_SAFE_INTEGER + 1, 'EUR')).toThrow();
    expect(() => money(100, 'eur')).toThrow(/ISO 4217/);
    expect(() => money(100, 'EURO')).toThrow(/ISO 4217/);
  });

  it('adds only the same currency', () => {
    expect(addMoney(money(150, 'PLN'), money(-50, 'PLN'))).toEqual(money(100, 'PLN'));
    expect(() => addMoney(money(1, 'EUR'), money(1, 'PLN'))).toThrow(/Cannot add/);
  });

  it('multiplies by integer quantities without float drift', () => {
    expect(multiplyMoney(money(333, 'EUR'), 3)).toEqual(money(999, 'EUR'));
    expect(multiplyMoney(money(10, 'EUR'), 0)).toEqual(money(0, 'EUR'));
    expect(() => multiplyMoney(money(10, 'EUR'), 1.5)).toThrow(/integer/);
  });
});

describe('currencyDigits', () => {
  it('knows two-, zero- and three-digit currencies and falls back to two', () => {
    expect(currencyDigits('EUR')).toBe(2);
    expect(currencyDigits('PLN')).toBe(2);
    expect(currencyDigits('JPY')).toBe(0);
    expect(currencyDigits('KRW')).toBe(0);
    expect(currencyDigits('KWD')).toBe(3);
    expect(currencyDigits('BHD')).toBe(3);
    expect(currencyDigits('ABC')).toBe(2);
    expect(currencyDigits('not a code')).toBe(2);
  });
});

describe('formatMinorUnits / formatMoneyText', () => {
  it('formats integer minor units with the currency digits, never through floats', () => {
    expect(formatMinorUnits(1234, 'EUR')).toBe('12.34');
    expect(formatMinorUnits(5, 'EUR')).toBe('0.05');
    expect(formatMinorUnits(-5, 'EUR')).toBe('-0.05');
    expect(formatMinorUnits(-250, 'EUR')).toBe('-2.50');
    expect(formatMinorUnits(0, 'EUR')).toBe('0.00');
    expect(formatMinorUnits(1500, 'JPY')).toBe('1500');
    expect(formatMinorUnits(-7, 'JPY')).toBe('-7');
    expect(formatMinorUnits(12345, 'KWD')).toBe('12.345');
    expect(formatMinorUnits(7, 'KWD')).toBe('0.007');
    expect(formatMinorUnits(Number.MAX_SAFE_INTEGER, 'EUR')).toBe('90071992547409.91');
    expect(formatMinorUnits(-250, 'EUR', { minus: '\u2212' })).toBe('\u22122.50');
    expect(() => formatMinorUnits(1.5, 'EUR')).toThrow(RangeError);
    expect(formatMoneyText(money(123450, 'EUR'))).toBe('1234.50 EUR');
    expect(formatMoneyText(money(1500, 'JPY'))).toBe('1500 JPY');
  });
});

describe('parseMinorUnits', () => {
  it('parses strictly by default: unsigned, dot, no digits beyond the currency', () => {
    expect(parseMinorUnits('12.34', 'EUR')).toBe(1234);
    expect(parseMinorUnits(' 12.3 ', 'EUR')).toBe(1230);
    expect(parseMinorUnits('12', 'EUR')).toBe(1200);
    expect(parseMinorUnits('007.5', 'EUR')).toBe(750);
    expect(parseMinorUnits('12.340', 'EUR')).toBeUndefined();
    expect(parseMinorUnits('12.345', 'EUR')).toBeUndefined();
    expect(parseMinorUnits('-12.34', 'EUR')).toBeUndefined();
    expect(parseMinorUnits('12,34', 'EUR')).toBeUndefined();
    for (const bad of ['', '.5', '12.', '1e3', '+1', '1 000', '0x10', '12.3.4', 'NaN']) expect(parseMinorUnits(bad, 'EUR')).toBeUndefined();
    expect(parseMinorUnits('1500', 'JPY')).toBe(1500);
    expect(parseMinorUnits('1500.5', 'JPY')).toBeUndefined();
    expect(parseMinorUnits('1.234', 'KWD')).toBe(1234);
    expect(parseMinorUnits('1.2345', 'KWD')).toBeUndefined();
  });

  it('takes the separator, sign, integer digits and over-precision handling as options', () => {
    expect(parseMinorUnits('12,34', 'EUR', { separator: ',' })).toBe(1234);
    expect(parseMinorUnits('12.34', 'EUR', { separator: ',' })).toBeUndefined();
    expect(parseMinorUnits('12,34', 'EUR', { separator: 'either' })).toBe(1234);
    expect(parseMinorUnits('12.34', 'EUR', { separator: 'either' })).toBe(1234);
    expect(parseMinorUnits('-12.34', 'EUR', { signed: true })).toBe(-1234);
    expect(Object.is(parseMinorUnits('-0.00', 'EUR', { signed: true }), 0)).toBe(true);
    expect(parseMinorUnits('12.3400', 'EUR', { overPrecision: 'zeros' })).toBe(1234);
    expect(parseMinorUnits('12.3401', 'EUR', { overPrecision: 'zeros' })).toBeUndefined();
    expect(parseMinorUnits('1234567890123', 'EUR')).toBeUndefined();
    expect(parseMinorUnits('999999999999', 'JPY')).toBe(999_999_999_999);
    expect(parseMinorUnits('1000000000000', 'JPY')).toBeUndefined();
    expect(parseMinorUnits('123456789012345', 'EUR', { maxIntegerDigits: 15 })).toBeUndefined(); // beyond safe integers
    expect(parseMinorUnits('12345678901234', 'EUR', { maxIntegerDigits: 15 })).toBe(1_234_567_890_123_400);
  });

  it('says why a text was refused', () => {
    expect(parseMinorUnitsDetailed('12.34', 'EUR')).toEqual({ ok: true, value: 1234 });
    expect(parseMinorUnitsDetailed('12.345', 'EUR')).toEqual({ ok: false, reason: 'PRECISION' });
    expect(parseMinorUnitsDetailed('abc', 'EUR')).toEqual({ ok: false, reason: 'FORMAT' });
    expect(parseMinorUnitsDetailed('99999999999999999', 'EUR', { maxIntegerDigits: 20 })).toEqual({ ok: false, reason: 'RANGE' });
  });

  const currencies = fc.constantFrom('EUR', 'PLN', 'JPY', 'KRW', 'KWD', 'BHD');
  // Within the default 12 integer digits even for zero-digit currencies.
  const amounts = fc.integer({ min: -999_999_999_999, max: 999_999_999_999 });

  it('round-trips every amount, negative ones included, in every currency', () => {
    fc.assert(
      fc.property(currencies, amounts, (currency, amount) => {
        const text = formatMinorUnits(amount, currency);
        expect(parseMinorUnits(text, currency, { signed: true })).toBe(amount);
        expect(text.split('.')[1]?.length ?? 0).toBe(currencyDigits(currency));
      }),
    );
  });

  it('refuses negatives unless signed, and any extra non-zero digit', () => {
    fc.assert(
      fc.property(currencies, fc.integer({ min: 1, max: 1_000_000_000 }), fc.integer({ min: 1, max: 9 }), (currency, amount, extra) => {
        expect(parseMinorUnits(formatMinorUnits(-amount, currency), currency)).toBeUndefined();
        const text = formatMinorUnits(amount, currency);
        const longer = `${text}${currencyDigits(currency) === 0 ? '.' : ''}${extra}`;
        expect(parseMinorUnits(longer, currency)).toBeUndefined();
        expect(parseMinorUnits(longer, currency, { overPrecision: 'zeros' })).toBeUndefined();
        expect(parseMinorUnits(`${text}${currencyDigits(currency) === 0 ? '.' : ''}000`, currency, { overPrecision: 'zeros' })).toBe(amount);
      }),
    );
  });
});

describe('formatScaled / parseScaled', () => {
  it('formats trimmed and untrimmed, and round-trips any scale', () => {
    expect(formatScaled(1900, 4, { trim: true })).toBe('0.19');
    expect(formatScaled(10_000, 4, { trim: true })).toBe('1');
    expect(formatScaled(0, 2)).toBe('0.00');
    expect(formatScaled(0, 2, { trim: true })).toBe('0');
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 6 }), fc.integer({ min: -1_000_000_000, max: 1_000_000_000 }), fc.boolean(), (digits, value, trim) => {
        expect(parseScaled(formatScaled(value, digits, { trim }), digits, { signed: true })).toBe(value);
      }),
    );
  });
});
