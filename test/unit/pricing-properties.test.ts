import fc from 'fast-check';
import { ruleArbitrary } from '../support/rule-arbitrary.js';
import { describe, expect, it } from 'vitest';
import { priceCart, priceProduct } from '../../functions/pricing/engine.js';
import type { Agreement, CartLineInput, Discount, PriceList, PricedCart, PricingContext, ProductPricing } from '../../functions/pricing/model.js';
import type { Money } from '../../functions/shared/money.js';

/** Property tests of the cart invariants over random catalogs, lists, agreements, discounts and carts. */

const SKUS = ['A', 'B', 'C', 'D', 'E'] as const;
const sku = fc.constantFrom(...SKUS, 'UNKNOWN');
const country = fc.constantFrom('DE', 'AT', 'FR', 'PL', 'CH');
const vatRate = fc.constantFrom(0, 500, 700, 1900, 2000, 2300, 2700);
const date = fc.constantFrom('2025-12-31', '2026-01-01', '2026-03-15', '2026-12-31');
const currency = fc.constantFrom('EUR', 'EUR', 'EUR', 'PLN');
const eur = (max: number) => fc.nat(max).map((amount): Money => ({ amount, currency: 'EUR' }));
const cents = (max: number) => fc.tuple(fc.nat(max), currency).map(([amount, code]): Money => ({ amount, currency: code }));

const tiers = fc.array(fc.record({ minQuantity: fc.integer({ min: 0, max: 50_000 }), unitPrice: eur(200_000) }), { maxLength: 3 });

const productArb = (productSku: string): fc.Arbitrary<ProductPricing> =>
  fc
    .record({
      sku: fc.constant(productSku),
      categoryId: fc.constantFrom('tools', 'food'),
      listPrice: eur(200_000),
      tiers,
      vatRates: fc.record({ default: vatRate, DE: vatRate, AT: vatRate }, { requiredKeys: ['default'] }),
      quantityRules: fc.record(
        {
          minimum: fc.constantFrom(1, 250, 1000, 6000),
          step: fc.constantFrom(1, 250, 250, 1000),
          multiple: fc.constantFrom(2000, 6000),
          packSize: fc.constantFrom(6000, 12_000),
          packDiscount: fc.integer({ min: 0, max: 12_000 }),
        },
        { requiredKeys: [] },
      ),
    })
    .map((item) =>
      item.quantityRules.multiple !== undefined && item.categoryId === 'food'
        ? item
        : { ...item, quantityRules: { ...item.quantityRules, multiple: undefined } },
    );

const catalogArb = fc.tuple(...SKUS.map(productArb)).map((items) => new Map(items.map((item) => [item.sku, item])) as ReadonlyMap<string, ProductPricing>);

const priceListArb: fc.Arbitrary<PriceList> = fc.record(
  {
    id: fc.constantFrom('L1', 'L2', 'L3', 'AG-LIST'),
    scope: fc.oneof(
      fc.record({ kind: fc.constant('company' as const), companyId: fc.constantFrom('C1', 'C2') }),
      fc.record({ kind: fc.constant('customer-group' as const), customerGroup: fc.constantFrom('retail', 'wholesale') }),
    ),
    currency,
    validFrom: date,
    validTo: date,
    prices: fc.dictionary(fc.constantFrom(...SKUS), fc.record({ unitPrice: eur(200_000), tiers }, { requiredKeys: ['unitPrice'] })),
  },
  { requiredKeys: ['id', 'scope', 'currency', 'prices'] },
);

const ruleArb = ruleArbitrary({ countries: country, skus: fc.constantFrom(...SKUS), dates: date, orderNet: cents(500_000), maxSkus: 3 });

const discountArb: fc.Arbitrary<Discount> = fc.record({
  id: fc.constantFrom('D1', 'D2', 'D3', 'D4'),
  name: fc.constantFrom('Spring', 'Welcome', 'Loyalty'),
  rule: ruleArb,
  effect: fc.oneof(
    fc.record({ kind: fc.constant('percent' as const), rate: fc.integer({ min: 0, max: 12_000 }) }),
    fc.record({ kind: fc.constant('fixed' as const), amount: cents(300_000) }),
  ),
  active: fc.boolean(),
});

const agreementArb: fc.Arbitrary<Agreement> = fc.record(
  {
    id: fc.constant('AG'),
    name: fc.constantFrom('Prepayment', 'Payment 30 days', 'PLN contract'),
    kind: fc.constantFrom('prepayment' as const, 'payment-terms' as const, 'currency' as const),
    adjustment: fc.integer({ min: -12_000, max: 5000 }),
    priceListId: fc.constantFrom('L1', 'AG-LIST'),
    currency: fc.constantFrom('PLN', 'EUR'),
    exchangeRate: fc.integer({ min: 1, max: 10_000_000 }),
  },
  { requiredKeys: ['id', 'name', 'kind'] },
);

const contextArb: fc.Arbitrary<PricingContext> = fc
  .record(
    {
      customer: fc.record(
        {
          companyId: fc.constantFrom('C1', 'C2'),
          customerGroup: fc.constantFrom('retail', 'wholesale'),
          isNewCustomer: fc.boolean(),
          vatId: fc.constantFrom('ATU12345678', 'DE123456789', 'EL123456789', 'FRXX999999999', 'CHE123456789'),
          displayMode: fc.constantFrom('net' as const, 'gross' as const),
        },
        { requiredKeys: ['isNewCustomer', 'displayMode'] },
      ),
      deliveryCountry: country,
      sellerCountry: fc.constantFrom('DE', 'AT'),
      agreement: agreementArb,
      date,
      currency,
    },
    { requiredKeys: ['customer', 'deliveryCountry', 'sellerCountry', 'date', 'currency'] },
  )
  .chain((context) =>
    // Half the buyers with a VAT ID have it confirmed by VIES (reverse charge needs it, issue 13 item 5).
    fc.boolean().map(
      (confirmed): PricingContext =>
        confirmed && context.customer.vatId
          ? {
              ...context,
              customer: {
                ...context.customer,
                vatConfirmation: {
                  confirmed: true,
                  evidence: {
                    vatId: context.customer.vatId,
                    source: 'VIES',
                    valid: true,
                    requestDate: '2026-03-02T10:00:00.000Z',
                    checkedAt: '2026-03-02T10:00:00.000Z',
                  },
                },
              },
            }
          : context,
    ),
  );

const quantity = fc.oneof(
  fc.integer({ min: 1, max: 200 }).map((units) => units * 1000),
  fc.integer({ min: 1, max: 40 }).map((cartons) => cartons * 6000),
  fc.integer({ min: 1, max: 400 }).map((quarters) => quarters * 250),
  fc.integer({ min: -2000, max: 100_000 }),
);
const linesArb: fc.Arbitrary<CartLineInput[]> = fc.array(fc.record({ sku, quantity }), { maxLength: 12 });

const input = fc.record({
  lines: linesArb,
  products: catalogArb,
  priceLists: fc.array(priceListArb, { maxLength: 4 }),
  discounts: fc.array(discountArb, { maxLength: 5 }),
  context: contextArb,
});

const price = (i: {
  lines: CartLineInput[];
  products: ReadonlyMap<string, ProductPricing>;
  priceLists: PriceList[];
  discounts: Discount[];
  context: PricingContext;
}): PricedCart => priceCart(i.lines, i.products, i.priceLists, i.discounts, i.context);

const sum = (values: readonly number[]): number => values.reduce((total, value) => total + value, 0);
const RUNS = { numRuns: 400 };

describe('pricing properties', () => {
  it('never goes negative: lines, discounts, net, VAT, gross', () => {
    fc.assert(
      fc.property(input, (i) => {
        const cart = price(i);
        for (const line of cart.lines) {
          expect(line.unitNet.amount).toBeGreaterThanOrEqual(0);
          expect(line.baseNet.amount).toBeGreaterThanOrEqual(0);
          expect(line.lineNet.amount).toBeGreaterThanOrEqual(0);
          for (const discount of line.discounts) expect(discount.amount.amount).toBeGreaterThan(0);
        }
        for (const discount of cart.orderDiscounts) expect(discount.amount.amount).toBeGreaterThan(0);
        for (const group of cart.vatBreakdown) {
          expect(group.net.amount).toBeGreaterThanOrEqual(0);
          expect(group.vat.amount).toBeGreaterThanOrEqual(0);
        }
        expect(cart.net.amount).toBeGreaterThanOrEqual(0);
        expect(cart.vat.amount).toBeGreaterThanOrEqual(0);
        expect(cart.gross.amount).toBeGreaterThanOrEqual(0);
      }),
      RUNS,
    );
  });

  it('accounts for every cent: lines − order discounts = net; breakdown sums to net and VAT; gross = net + VAT', () => {
    fc.assert(
      fc.property(input, (i) => {
        const cart = price(i);
        for (const line of cart.lines) {
          expect(line.lineNet.amount).toBe(line.baseNet.amount - sum(line.discounts.map((discount) => discount.amount.amount)));
        }
        expect(sum(cart.lines.map((line) => line.lineNet.amount)) - sum(cart.orderDiscounts.map((discount) => discount.amount.amount))).toBe(cart.net.amount);
        expect(sum(cart.vatBreakdown.map((group) => group.net.amount))).toBe(cart.net.amount);
        expect(sum(cart.vatBreakdown.map((group) => group.vat.amount))).toBe(cart.vat.amount);
        expect(cart.gross.amount).toBe(cart.net.amount + cart.vat.amount);
        // VAT per group = net × rate rounded half-up (checked with BigInt).
        for (const group of cart.vatBreakdown) {
          const exact = BigInt(group.net.amount) * BigInt(group.rate);
          expect(BigInt(group.vat.amount)).toBe((exact * 2n + 10_000n) / 20_000n);
        }
        // Distinct rates, every amount an integer in the cart currency.
        expect(new Set(cart.vatBreakdown.map((group) => group.rate)).size).toBe(cart.vatBreakdown.length);
        const moneys = [cart.net, cart.vat, cart.gross, ...cart.lines.flatMap((line) => [line.unitNet, line.baseNet, line.lineNet])];
        for (const money of moneys) {
          expect(Number.isSafeInteger(money.amount)).toBe(true);
          expect(money.currency).toBe(i.context.currency);
        }
      }),
      RUNS,
    );
  });

  it('prices a line once: base net = round_half_up(unit × quantity / 1000) when no carton applies', () => {
    fc.assert(
      fc.property(input, (i) => {
        const cart = price(i);
        cart.lines.forEach((line, index) => {
          const product = i.products.get(i.lines[index]?.sku ?? '');
          const rules = product?.quantityRules;
          const packs = rules?.packSize && rules.packDiscount ? Math.floor(line.quantity / rules.packSize) : 0;
          if (line.problems.length > 0 || packs > 0) return;
          expect(BigInt(line.baseNet.amount)).toBe((BigInt(line.unitNet.amount) * BigInt(line.quantity) * 2n + 1000n) / 2000n);
        });
      }),
      RUNS,
    );
  });

  it('returns lines with problems with zero amounts, lists every problem, and only valid lines count', () => {
    fc.assert(
      fc.property(input, (i) => {
        const cart = price(i);
        expect(cart.lines).toHaveLength(i.lines.length);
        expect(cart.problems).toEqual(cart.lines.flatMap((line) => line.problems.map((code) => ({ code, sku: line.sku }))));
        for (const line of cart.lines) {
          if (line.problems.length === 0) continue;
          expect(line.baseNet.amount).toBe(0);
          expect(line.lineNet.amount).toBe(0);
          expect(line.discounts).toEqual([]);
        }
        cart.lines.forEach((line, index) => {
          if (!i.products.has(i.lines[index]?.sku ?? '')) expect(line.problems).toContain('UNKNOWN_PRODUCT');
          if (!(line.quantity > 0)) expect(line.problems).toContain('NOT_POSITIVE');
        });
      }),
      RUNS,
    );
  });

  it('applies reverse charge to every line or to none', () => {
    fc.assert(
      fc.property(input, (i) => {
        const cart = price(i);
        if (cart.reverseCharge.applies) {
          expect(cart.vat.amount).toBe(0);
          for (const line of cart.lines) expect(line.vatRate).toBe(0);
          expect(cart.reverseCharge.explanation).toMatch(
            /^Reverse charge: VAT to be accounted for by the recipient \(Art\. 196 Council Directive 2006\/112\/EC\)\. Buyer VAT ID: /,
          );
          expect(i.context.customer.vatConfirmation?.confirmed).toBe(true);
        } else if (cart.reverseCharge.reason) {
          // Refused for want of a VIES confirmation: the seller country's VAT, never 0 by reverse charge.
          expect(i.context.customer.vatConfirmation?.confirmed).not.toBe(true);
        }
      }),
      RUNS,
    );
  });

  it('is deterministic and leaves its inputs alone', () => {
    fc.assert(
      fc.property(input, (i) => {
        const before = JSON.stringify({ ...i, products: [...i.products.values()] });
        const first = price(i);
        const copy = structuredClone({ ...i, products: new Map(i.products) });
        expect(price(copy)).toEqual(first);
        expect(price(i)).toEqual(first);
        expect(JSON.stringify({ ...i, products: [...i.products.values()] })).toBe(before);
      }),
      { numRuns: 200 },
    );
  });

  it('agrees with priceProduct on the unit price of a valid line without cartons', () => {
    fc.assert(
      fc.property(input, (i) => {
        const cart = price(i);
        cart.lines.forEach((line) => {
          const product = i.products.get(line.sku);
          if (!product || line.problems.length > 0) return;
          const rules = product.quantityRules;
          if (rules?.packSize && rules.packDiscount && line.quantity >= rules.packSize) return;
          expect(priceProduct(product, i.priceLists, i.context, line.quantity).unitNet).toEqual(line.unitNet);
        });
      }),
      RUNS,
    );
  });
});
