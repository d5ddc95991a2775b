import { describe, expect, it } from 'vitest';
import { currencyDigits, formatMoney, toMajorUnits } from '../../web/src/money.js';

describe('SPA money formatting from integer minor units', () => {
  it('uses the currency’s minor-unit digits', () => {
    expect(currencyDigits('EUR')).toBe(2);
    expect(currencyDigits('JPY')).toBe(0);
    expect(currencyDigits('KWD')).toBe(3);
    expect(toMajorUnits(1999, 'EUR')).toBe(19.99);
    expect(toMajorUnits(1500, 'JPY')).toBe(1500);
  });

  it('formats for the locale without float artefacts', () => {
    expect(formatMoney(1999, 'EUR', 'de-DE').replace(/\s/g, ' ')).toBe('19,99 €');
    expect(formatMoney(123456789, 'PLN', 'en-US').replace(/\s/g, ' ')).toBe('PLN 1,234,567.89');
    expect(formatMoney(10, 'EUR', 'en-US')).toBe('€0.10');
  });
});
