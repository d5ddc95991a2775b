import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DELIVERY_KINDS } from '../../functions/checkout/delivery.js';
import {
  DEFAULT_PAYMENT_CONFIG,
  PAYMENT_METHODS,
  PAYMENT_REASON_CODES,
  PaymentNotAllowedError,
  assertPaymentAllowed,
  evaluatePaymentMethods,
  formatAmount,
  type PaymentMethod,
  type PaymentOption,
  type PaymentRulesInput,
} from '../../functions/checkout/rules.js';
import type { Money } from '../../functions/shared/money.js';

const eur = (amount: number): Money => ({ amount, currency: 'EUR' });

/** A regular wholesale customer, 200 EUR order by carrier, plenty of credit and balance: everything allowed. */
const base: PaymentRulesInput = {
  customerGroup: 'wholesale',
  isNewCustomer: false,
  orderGross: eur(20_000),
  lines: [{ sku: 'A-1' }, { sku: 'B-2' }],
  delivery: 'carrier',
  credit: { available: eur(500_000) },
  prepaid: { balance: eur(100_000) },
};

const optionFor = (options: readonly PaymentOption[], method: PaymentMethod): PaymentOption => {
  const option = options.find((candidate) => candidate.method === method);
  if (!option) throw new Error(`missing ${method}`);
  return option;
};
const evaluate = (patch: Partial<PaymentRulesInput>, method: PaymentMethod) => optionFor(evaluatePaymentMethods({ ...base, ...patch }), method);

describe('evaluatePaymentMethods: worked examples', () => {
  it('lists every method, all allowed for a regular wholesale customer within every bound', () => {
    const options = evaluatePaymentMethods(base);
    expect(options.map((option) => option.method)).toEqual([...PAYMENT_METHODS]);
    expect(options.every((option) => option.allowed && option.reason === undefined && option.reasonCode === undefined)).toBe(true);
    expect(optionFor(options, 'on-account').label).toBe('Payment on account');
  });

  it('on-account: greyed out for new customers with the regular-customer sentence (seed 000 point 6)', () => {
    expect(evaluate({ isNewCustomer: true }, 'on-account')).toEqual({
      method: 'on-account',
      label: 'Payment on account',
      allowed: false,
      reasonCode: 'NOT_REGULAR_CUSTOMER',
      reason: 'Payment on account is available to regular customers only.',
    });
  });

  it('on-account: only for the wholesale and key-account groups', () => {
    expect(evaluate({ customerGroup: 'key-account' }, 'on-account').allowed).toBe(true);
    expect(evaluate({ customerGroup: 'retail' }, 'on-account').reasonCode).toBe('NOT_REGULAR_CUSTOMER');
    expect(evaluate({ customerGroup: undefined }, 'on-account').reasonCode).toBe('NOT_REGULAR_CUSTOMER');
  });

  it('on-account: the order gross must fit the available credit (seed 002), boundary inclusive', () => {
    expect(evaluate({ credit: { available: eur(20_000) } }, 'on-account').allowed).toBe(true);
    expect(evaluate({ credit: { available: eur(123_400) }, orderGross: eur(123_401) }, 'on-account')).toMatchObject({
      allowed: false,
      reasonCode: 'CREDIT_EXCEEDED',
      reason: 'Exceeds your available credit of 1 234.00 EUR.',
    });
  });

  it('on-account: no credit line, a credit line in another currency, or a negative remainder', () => {
    expect(evaluate({ credit: undefined }, 'on-account')).toMatchObject({
      reasonCode: 'CREDIT_EXCEEDED',
      reason: 'No trade credit has been granted to your company.',
    });
    expect(evaluate({ credit: { available: { amount: 9_999_999, currency: 'PLN' } } }, 'on-account')).toMatchObject({
      reasonCode: 'CREDIT_EXCEEDED',
      reason: 'Your trade credit is kept in PLN and cannot cover an order in EUR.',
    });
    expect(evaluate({ credit: { available: eur(-500) } }, 'on-account').reason).toBe('Exceeds your available credit of 0.00 EUR.');
  });

  it('cash on delivery: up to 250 EUR gross inclusive', () => {
    expect(evaluate({ orderGross: eur(25_000) }, 'cash-on-delivery').allowed).toBe(true);
    expect(evaluate({ orderGross: eur(25_001) }, 'cash-on-delivery')).toMatchObject({
      allowed: false,
      reasonCode: 'ABOVE_MAXIMUM',
      reason: 'Cash on delivery is available for orders up to 250.00 EUR gross.',
    });
  });

  it('cash on delivery: not for pickup (seed 000 point 7)', () => {
    expect(evaluate({ delivery: 'pickup' }, 'cash-on-delivery')).toMatchObject({
      allowed: false,
      reasonCode: 'NOT_WITH_DELIVERY',
      reason: 'Cash on delivery is not available for pickup.',
    });
    expect(evaluate({ delivery: 'own-transport' }, 'cash-on-delivery').allowed).toBe(true);
  });

  it('card: from 100 EUR gross inclusive', () => {
    expect(evaluate({ orderGross: eur(10_000) }, 'card').allowed).toBe(true);
    expect(evaluate({ orderGross: eur(9_999) }, 'card')).toMatchObject({
      allowed: false,
      reasonCode: 'BELOW_MINIMUM',
      reason: 'Card payment is available from an order value of 100.00 EUR gross.',
    });
  });

  it('bounds are per currency: a CZK order is not bounded by the EUR limits', () => {
    const czk = (amount: number): Money => ({ amount, currency: 'CZK' });
    const options = evaluatePaymentMethods({ ...base, orderGross: czk(500), credit: { available: czk(100_000) }, prepaid: { balance: czk(1_000) } });
    expect(options.every((option) => option.allowed)).toBe(true);
  });

  it('PLN orders have their own bounds (card from 430 PLN, cash on delivery up to 1 075 PLN), not converted EUR ones', () => {
    const pln = (amount: number): Money => ({ amount, currency: 'PLN' });
    const at = (gross: number) =>
      evaluatePaymentMethods({ ...base, orderGross: pln(gross), credit: { available: pln(10_000_000) }, prepaid: { balance: pln(10_000_000) } });
    const method = (options: ReturnType<typeof at>, name: string) => options.find((option) => option.method === name);
    expect(method(at(43_000), 'card')?.allowed).toBe(true);
    expect(method(at(42_999), 'card')).toMatchObject({ allowed: false, reasonCode: 'BELOW_MINIMUM' });
    expect(method(at(107_500), 'cash-on-delivery')?.allowed).toBe(true);
    expect(method(at(107_501), 'cash-on-delivery')?.allowed).toBe(false);
    expect(method(at(500), 'prepaid-balance')?.allowed).toBe(true);
  });

  it('prepaid balance: only when the balance covers the order (seed 000 point 10)', () => {
    expect(evaluate({ prepaid: { balance: eur(20_000) } }, 'prepaid-balance').allowed).toBe(true);
    expect(evaluate({ prepaid: { balance: eur(19_999) } }, 'prepaid-balance')).toMatchObject({
      allowed: false,
      reasonCode: 'INSUFFICIENT_BALANCE',
      reason: 'Your prepaid balance of 199.99 EUR does not cover the order.',
    });
    expect(evaluate({ prepaid: undefined }, 'prepaid-balance')).toMatchObject({ reasonCode: 'INSUFFICIENT_BALANCE', reason: 'You have no prepaid balance.' });
    expect(evaluate({ prepaid: { balance: { amount: 10_000_000, currency: 'PLN' } } }, 'prepaid-balance').reasonCode).toBe('INSUFFICIENT_BALANCE');
  });

  it('dropshipping allows only bank prepayment and prepaid balance (seed 002)', () => {
    const options = evaluatePaymentMethods({ ...base, delivery: 'dropshipping' });
    expect(options.filter((option) => option.allowed).map((option) => option.method)).toEqual(['prepaid-balance', 'bank-prepayment']);
    for (const method of ['on-account', 'card', 'cash-on-delivery'] as const) {
      expect(optionFor(options, method)).toMatchObject({
        reasonCode: 'NOT_WITH_DELIVERY',
        reason: 'Dropshipping orders can be paid by bank prepayment or prepaid balance only.',
      });
    }
  });

  it("a product's excluded method is excluded for the whole order, naming the SKU (seed 000 point 8)", () => {
    const lines = [{ sku: 'RENT-01', excludedPaymentMethods: ['card', 'cash-on-delivery'] }, { sku: 'A-1' }];
    const options = evaluatePaymentMethods({ ...base, lines });
    expect(optionFor(options, 'card')).toMatchObject({
      allowed: false,
      reasonCode: 'EXCLUDED_BY_PRODUCT',
      reason: 'Card payment is not available for this order because of product RENT-01.',
    });
    expect(optionFor(options, 'cash-on-delivery').reasonCode).toBe('EXCLUDED_BY_PRODUCT');
    expect(optionFor(options, 'on-account').allowed).toBe(true);
  });

  it('several excluding products are listed once each, long lists shortened', () => {
    const ex = ['on-account'];
    const two = evaluate(
      {
        lines: [
          { sku: 'X-1', excludedPaymentMethods: ex },
          { sku: 'X-1', excludedPaymentMethods: ex },
          { sku: 'X-2', excludedPaymentMethods: ex },
        ],
      },
      'on-account',
    );
    expect(two.reason).toBe('Payment on account is not available for this order because of products X-1, X-2.');
    const many = evaluate({ lines: ['P1', 'P2', 'P3', 'P4', 'P5'].map((sku) => ({ sku, excludedPaymentMethods: ex })) }, 'on-account');
    expect(many.reason).toBe('Payment on account is not available for this order because of products P1, P2, P3 and 2 more.');
  });

  it('unknown method names in a product exclusion are ignored', () => {
    expect(evaluatePaymentMethods({ ...base, lines: [{ sku: 'A', excludedPaymentMethods: ['paypal'] }] }).every((option) => option.allowed)).toBe(true);
  });

  it('the first reason in PAYMENT_REASON_CODES order wins', () => {
    // new customer AND dropshipping AND excluded AND over credit: the customer reason comes first
    const all = {
      isNewCustomer: true,
      delivery: 'dropshipping' as const,
      lines: [{ sku: 'Z', excludedPaymentMethods: ['on-account'] }],
      credit: { available: eur(0) },
    };
    expect(evaluate(all, 'on-account').reasonCode).toBe('NOT_REGULAR_CUSTOMER');
    expect(evaluate({ ...all, isNewCustomer: false }, 'on-account').reasonCode).toBe('NOT_WITH_DELIVERY');
    expect(evaluate({ ...all, isNewCustomer: false, delivery: 'carrier' }, 'on-account').reasonCode).toBe('EXCLUDED_BY_PRODUCT');
    expect(evaluate({ delivery: 'pickup', orderGross: eur(99_999) }, 'cash-on-delivery').reasonCode).toBe('NOT_WITH_DELIVERY');
    expect(PAYMENT_REASON_CODES.indexOf('EXCLUDED_BY_PRODUCT')).toBeLessThan(PAYMENT_REASON_CODES.indexOf('BELOW_MINIMUM'));
  });

  it('without a chosen delivery the delivery rules are not applied yet', () => {
    expect(evaluate({ delivery: undefined }, 'cash-on-delivery').allowed).toBe(true);
  });

  it('the config is overridable per method', () => {
    const config = {
      methods: {
        ...DEFAULT_PAYMENT_CONFIG.methods,
        'on-account': { ...DEFAULT_PAYMENT_CONFIG.methods['on-account'], customerGroups: ['retail', 'wholesale', 'key-account'] },
        'bank-prepayment': { maximumGross: [eur(1_000_000)] },
      },
    };
    expect(evaluate({ customerGroup: 'retail', config }, 'on-account').allowed).toBe(true);
    expect(evaluate({ orderGross: eur(1_000_001), credit: { available: eur(9_999_999) }, config }, 'bank-prepayment').reason).toBe(
      'Bank prepayment is available for orders up to 10 000.00 EUR gross.',
    );
  });

  it('formatAmount groups thousands with a space', () => {
    expect(formatAmount(eur(123_400))).toBe('1 234.00 EUR');
    expect(formatAmount(eur(99))).toBe('0.99 EUR');
    expect(formatAmount(eur(123_456_789))).toBe('1 234 567.89 EUR');
  });
});

describe('assertPaymentAllowed', () => {
  it('returns the allowed option', () => {
    expect(assertPaymentAllowed(evaluatePaymentMethods(base), 'card')).toMatchObject({ method: 'card', allowed: true });
  });

  it('throws a typed error carrying the reason code and sentence', () => {
    const options = evaluatePaymentMethods({ ...base, isNewCustomer: true });
    let caught: unknown;
    try {
      assertPaymentAllowed(options, 'on-account');
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(PaymentNotAllowedError);
    const error = caught as PaymentNotAllowedError;
    expect(error.reasonCode).toBe('NOT_REGULAR_CUSTOMER');
    expect(error.code).toBe('NOT_REGULAR_CUSTOMER');
    expect(error.statusCode).toBe(409);
    expect(error.method).toBe('on-account');
    expect(error.message).toBe('Payment on account is available to regular customers only.');
  });

  it('rejects a method that does not exist', () => {
    expect(() => assertPaymentAllowed(evaluatePaymentMethods(base), 'paypal')).toThrow(PaymentNotAllowedError);
    expect(() => assertPaymentAllowed(evaluatePaymentMethods(base), 'paypal')).toThrow(expect.objectContaining({ code: 'UNKNOWN_PAYMENT_METHOD' }));
  });
});

describe('evaluatePaymentMethods: properties', () => {
  const currency = fc.constantFrom('EUR', 'PLN');
  const amount = fc.integer({ min: -1_000_000, max: 10_000_000 });
  const input: fc.Arbitrary<PaymentRulesInput> = fc.record(
    {
      customerGroup: fc.option(fc.constantFrom('retail', 'wholesale', 'key-account', 'other'), { nil: undefined }),
      isNewCustomer: fc.boolean(),
      orderGross: fc.record({ amount: fc.integer({ min: 0, max: 10_000_000 }), currency }),
      lines: fc.array(
        fc.record({ sku: fc.constantFrom('A', 'B', 'C', 'D'), excludedPaymentMethods: fc.subarray([...PAYMENT_METHODS, 'paypal']) }, { requiredKeys: ['sku'] }),
        { maxLength: 6 },
      ),
      delivery: fc.option(fc.constantFrom(...DELIVERY_KINDS), { nil: undefined }),
      credit: fc.option(fc.record({ available: fc.record({ amount, currency }) }), { nil: undefined }),
      prepaid: fc.option(fc.record({ balance: fc.record({ amount, currency }) }), { nil: undefined }),
    },
    { requiredKeys: ['isNewCustomer', 'orderGross', 'lines'] },
  );

  it('every method is listed exactly once; allowed ⇔ no reason; not allowed ⇒ a known code and a sentence', () => {
    fc.assert(
      fc.property(input, (value) => {
        const options = evaluatePaymentMethods(value);
        expect(options.map((option) => option.method).sort()).toEqual([...PAYMENT_METHODS].sort());
        for (const option of options) {
          if (option.allowed) {
            expect(option.reason).toBeUndefined();
            expect(option.reasonCode).toBeUndefined();
          } else {
            expect(PAYMENT_REASON_CODES).toContain(option.reasonCode);
            expect(option.reason).toMatch(/^[A-Z].*\.$/);
          }
        }
      }),
    );
  });

  it('dropshipping never allows anything but bank prepayment and prepaid balance; an excluded method is never allowed', () => {
    fc.assert(
      fc.property(input, (value) => {
        const options = evaluatePaymentMethods(value);
        for (const option of options) {
          if (value.delivery === 'dropshipping' && option.allowed) expect(['bank-prepayment', 'prepaid-balance']).toContain(option.method);
          if (value.lines.some((line) => line.excludedPaymentMethods?.includes(option.method))) expect(option.allowed).toBe(false);
        }
      }),
    );
  });

  it('on-account allowed ⇒ the gross fits the available credit in the same currency', () => {
    fc.assert(
      fc.property(input, (value) => {
        const onAccount = evaluatePaymentMethods(value).find((option) => option.method === 'on-account');
        if (onAccount?.allowed) {
          expect(value.credit?.available.currency).toBe(value.orderGross.currency);
          expect(value.orderGross.amount).toBeLessThanOrEqual(value.credit?.available.amount ?? -1);
          expect(value.isNewCustomer).toBe(false);
        }
      }),
    );
  });
});
