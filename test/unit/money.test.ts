import { describe, expect, it } from 'vitest';
import { addMoney, money, multiplyMoney } from '../../functions/shared/money.js';

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
