import fc from 'fast-check';
import { ruleArbitrary } from '../support/rule-arbitrary.js';
import { describe, expect, it } from 'vitest';
import { compileRule, evaluateRule, parseRule, RuleError, type RuleFacts } from '../../functions/pricing/engine.js';
import type { Rule } from '../../functions/pricing/model.js';
import { AppError } from '../../functions/shared/errors.js';

const facts = (over: Partial<RuleFacts> = {}): RuleFacts => ({
  customerGroup: 'wholesale',
  isNewCustomer: true,
  deliveryCountry: 'AT',
  orderNet: { amount: 50_000, currency: 'EUR' },
  date: '2026-03-15',
  ...over,
});

describe('rule language: predicates', () => {
  const cases: [Rule, RuleFacts, boolean][] = [
    [{ customerGroupIn: ['wholesale', 'key-account'] }, facts(), true],
    [{ customerGroupIn: ['retail'] }, facts(), false],
    [{ customerGroupIn: ['retail'] }, facts({ customerGroup: undefined }), false],
    [{ newCustomer: true }, facts(), true],
    [{ newCustomer: false }, facts(), false],
    [{ newCustomer: false }, facts({ isNewCustomer: false }), true],
    [{ deliveryCountryIn: ['AT', 'DE'] }, facts(), true],
    [{ deliveryCountryIn: ['DE'] }, facts(), false],
    [{ deliveryCountryIn: ['AT'] }, facts({ deliveryCountry: 'at' }), true],
    [{ orderNetAtLeast: { amount: 50_000, currency: 'EUR' } }, facts(), true],
    [{ orderNetAtLeast: { amount: 50_001, currency: 'EUR' } }, facts(), false],
    [{ orderNetAtLeast: { amount: 1, currency: 'PLN' } }, facts(), false],
    [{ dateBetween: ['2026-03-15', '2026-03-15'] }, facts(), true],
    [{ dateBetween: ['2026-01-01', '2026-03-14'] }, facts(), false],
    [{ dateBetween: ['2026-03-16', '2026-12-31'] }, facts(), false],
    // line facts: the line when given …
    [{ skuIn: ['A', 'B'] }, facts({ line: { sku: 'B', categoryId: 'tools' } }), true],
    [{ skuIn: ['A'] }, facts({ line: { sku: 'B', categoryId: 'tools' }, cartLines: [{ sku: 'A', categoryId: 'x' }] }), false],
    [{ categoryIn: ['tools'] }, facts({ line: { sku: 'B', categoryId: 'tools' } }), true],
    [{ categoryIn: ['food'] }, facts({ line: { sku: 'B', categoryId: 'tools' } }), false],
    // … otherwise any line of the cart
    [
      { skuIn: ['A'] },
      facts({
        cartLines: [
          { sku: 'Z', categoryId: 'x' },
          { sku: 'A', categoryId: 'x' },
        ],
      }),
      true,
    ],
    [{ categoryIn: ['food'] }, facts({ cartLines: [{ sku: 'Z', categoryId: 'x' }] }), false],
    [{ skuIn: ['A'] }, facts(), false],
    // combinators
    [{ all: [] }, facts(), true],
    [{ any: [] }, facts(), false],
    [{ all: [{ newCustomer: true }, { deliveryCountryIn: ['AT'] }] }, facts(), true],
    [{ all: [{ newCustomer: true }, { deliveryCountryIn: ['DE'] }] }, facts(), false],
    [{ any: [{ newCustomer: false }, { deliveryCountryIn: ['AT'] }] }, facts(), true],
    [{ any: [{ newCustomer: false }, { deliveryCountryIn: ['DE'] }] }, facts(), false],
    [{ not: { newCustomer: true } }, facts(), false],
    [{ not: { not: { newCustomer: true } } }, facts(), true],
  ];

  it.each(cases.map(([rule, f, expected]) => ({ rule: JSON.stringify(rule), parsed: rule, f, expected })))('$rule → $expected', ({ parsed, f, expected }) => {
    expect(evaluateRule(parsed, f)).toBe(expected);
    expect(compileRule(parsed)(f)).toBe(expected);
    expect(evaluateRule(parseRule(parsed), f)).toBe(expected);
  });
});

describe('rule language: parseRule', () => {
  it('accepts valid rules, as values or JSON text, and returns a frozen copy', () => {
    const input = {
      all: [
        { newCustomer: true },
        { any: [{ deliveryCountryIn: ['DE', 'AT'] }, { customerGroupIn: ['key-account'] }] },
        { not: { skuIn: ['X-1'] } },
        { categoryIn: ['tools'] },
        { orderNetAtLeast: { amount: 10_000, currency: 'EUR' } },
        { dateBetween: ['2026-02-01', '2026-02-28'] },
      ],
    };
    const parsed = parseRule(input);
    expect(parsed).toEqual(input);
    expect(parsed).not.toBe(input);
    expect(Object.isFrozen(parsed)).toBe(true);
    expect(parseRule(JSON.stringify(input))).toEqual(input);
    expect(parseRule({ dateBetween: ['2028-02-29', '2028-02-29'] })).toEqual({ dateBetween: ['2028-02-29', '2028-02-29'] });
  });

  const invalid: [string, unknown, string][] = [
    ['null', null, '$'],
    ['an array', [], '$'],
    ['an empty object', {}, '$'],
    ['two predicates in one object', { skuIn: ['A'], categoryIn: ['B'] }, '$'],
    ['an unknown predicate deep inside', { all: [{ any: [{ not: { priceAbove: 1 } }] }] }, '$.all[0].any[0].not.priceAbove'],
    ['all that is not an array', { all: { newCustomer: true } }, '$.all'],
    ['an empty list', { all: [{ newCustomer: true }, { skuIn: [] }] }, '$.all[1].skuIn'],
    ['a non-string list item', { categoryIn: ['tools', 7] }, '$.categoryIn[1]'],
    ['an empty string', { customerGroupIn: [''] }, '$.customerGroupIn[0]'],
    ['a lower-case country', { deliveryCountryIn: ['DE', 'at'] }, '$.deliveryCountryIn[1]'],
    ['newCustomer not a boolean', { newCustomer: 'yes' }, '$.newCustomer'],
    ['a fractional amount', { orderNetAtLeast: { amount: 10.5, currency: 'EUR' } }, '$.orderNetAtLeast.amount'],
    ['a negative amount', { orderNetAtLeast: { amount: -1, currency: 'EUR' } }, '$.orderNetAtLeast.amount'],
    ['a bad currency', { orderNetAtLeast: { amount: 10, currency: 'eur' } }, '$.orderNetAtLeast.currency'],
    ['an extra money field', { orderNetAtLeast: { amount: 10, currency: 'EUR', gross: true } }, '$.orderNetAtLeast.gross'],
    ['an impossible date', { any: [{ dateBetween: ['2026-02-29', '2026-03-01'] }] }, '$.any[0].dateBetween[0]'],
    ['a date with time', { dateBetween: ['2026-03-01', '2026-03-01T10:00'] }, '$.dateBetween[1]'],
    ['dates in the wrong order', { dateBetween: ['2026-03-02', '2026-03-01'] }, '$.dateBetween'],
    ['three dates', { dateBetween: ['2026-03-01', '2026-03-02', '2026-03-03'] }, '$.dateBetween'],
    ['not without a rule', { not: null }, '$.not'],
    ['invalid JSON text', '{"all": [', '$'],
    ['a __proto__ key', JSON.parse('{"__proto__": {"skuIn": ["A"]}}'), '$.__proto__'],
    ['a class instance', new Date(), '$'],
  ];

  it.each(invalid.map(([what, json, path]) => ({ what, json, path })))('rejects $what at $path', ({ json, path }) => {
    let error: unknown;
    try {
      parseRule(json);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(RuleError);
    expect(error).toBeInstanceOf(AppError);
    const ruleError = error as RuleError;
    expect(ruleError.path).toBe(path);
    expect(ruleError.statusCode).toBe(400);
    expect(ruleError.code).toBe('INVALID_RULE');
    expect(ruleError.details).toMatchObject({ path });
    expect(ruleError.message.startsWith(`${path}: `)).toBe(true);
  });

  it('limits nesting depth and size', () => {
    let deep: unknown = { newCustomer: true };
    for (let i = 0; i < 20; i++) deep = { not: deep };
    expect(() => parseRule(deep)).toThrow(/nest at most 16/);
    expect(() => parseRule({ any: Array.from({ length: 101 }, () => ({ newCustomer: true })) })).toThrow(RuleError);
    expect(() => parseRule({ skuIn: Array.from({ length: 5001 }, (_, i) => `S${i}`) })).toThrow(RuleError);
  });
});

const countries = fc.constantFrom('DE', 'AT', 'PL', 'FR');
const skus = fc.constantFrom('A', 'B', 'C');
const dates = fc.constantFrom('2026-01-01', '2026-03-15', '2026-12-31');
const rules = ruleArbitrary({ countries, skus, dates, orderNet: fc.record({ amount: fc.nat(100_000), currency: fc.constantFrom('EUR', 'PLN') }) });

const factsArbitrary: fc.Arbitrary<RuleFacts> = fc.record(
  {
    customerGroup: fc.constantFrom('retail', 'wholesale'),
    isNewCustomer: fc.boolean(),
    deliveryCountry: countries,
    orderNet: fc.record({ amount: fc.nat(100_000), currency: fc.constantFrom('EUR', 'PLN') }),
    date: dates,
    line: fc.record({ sku: skus, categoryId: fc.constantFrom('tools', 'food') }),
    cartLines: fc.array(fc.record({ sku: skus, categoryId: fc.constantFrom('tools', 'food') }), { maxLength: 3 }),
  },
  { requiredKeys: ['isNewCustomer', 'deliveryCountry', 'orderNet', 'date'] },
);

describe('rule language: properties', () => {
  it('every valid rule survives parseRule unchanged (round trip through JSON text too)', () => {
    fc.assert(
      fc.property(rules, (rule) => {
        expect(parseRule(rule)).toEqual(rule);
        expect(parseRule(JSON.stringify(rule))).toEqual(rule);
      }),
    );
  });

  it('compiled and interpreted evaluation agree; not inverts', () => {
    fc.assert(
      fc.property(rules, factsArbitrary, (rule, f) => {
        const value = evaluateRule(rule, f);
        expect(compileRule(rule)(f)).toBe(value);
        expect(evaluateRule({ not: rule }, f)).toBe(!value);
        expect(evaluateRule({ all: [rule, rule] }, f)).toBe(value);
        expect(evaluateRule({ any: [rule, { not: rule }] }, f)).toBe(true);
      }),
    );
  });

  it('parseRule only ever throws RuleError on arbitrary JSON', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (json) => {
        try {
          parseRule(json);
        } catch (error) {
          expect(error).toBeInstanceOf(RuleError);
          expect((error as RuleError).path.startsWith('$')).toBe(true);
        }
      }),
    );
  });
});
