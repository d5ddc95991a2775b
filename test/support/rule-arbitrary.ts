import fc from 'fast-check';
import type { Rule } from '../../functions/pricing/model.js';
import type { Money } from '../../functions/shared/money.js';

/** Random discount rules of the rule language (docs/pricing.md), nested up to a small depth. */
export function ruleArbitrary(values: {
  countries: fc.Arbitrary<string>;
  skus: fc.Arbitrary<string>;
  dates: fc.Arbitrary<string>;
  orderNet: fc.Arbitrary<Money>;
  maxSkus?: number;
}): fc.Arbitrary<Rule> {
  const leaf: fc.Arbitrary<Rule> = fc.oneof(
    fc.record({ customerGroupIn: fc.array(fc.constantFrom('retail', 'wholesale'), { minLength: 1, maxLength: 2 }) }),
    fc.record({ newCustomer: fc.boolean() }),
    fc.record({ deliveryCountryIn: fc.array(values.countries, { minLength: 1, maxLength: 3 }) }),
    fc.record({ orderNetAtLeast: values.orderNet }),
    fc.record({ skuIn: fc.array(values.skus, { minLength: 1, maxLength: values.maxSkus ?? 2 }) }),
    fc.record({ categoryIn: fc.array(fc.constantFrom('tools', 'food'), { minLength: 1, maxLength: 2 }) }),
    fc.tuple(values.dates, values.dates).map(([a, b]): Rule => ({ dateBetween: a <= b ? [a, b] : [b, a] })),
  );
  return fc.letrec<{ rule: Rule }>((tie) => ({
    rule: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      leaf,
      fc.record({ all: fc.array(tie('rule'), { maxLength: 3 }) }),
      fc.record({ any: fc.array(tie('rule'), { maxLength: 3 }) }),
      fc.record({ not: tie('rule') }),
    ),
  })).rule;
}
