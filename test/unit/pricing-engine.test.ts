import { describe, expect, it } from 'vitest';
import { priceCart, priceProduct, reverseChargeFor } from '../../functions/pricing/engine.js';
import type { Agreement, CartLineInput, Discount, PriceList, PricingContext, ProductPricing } from '../../functions/pricing/model.js';
import type { Money } from '../../functions/shared/money.js';

/** Worked examples: every figure below is computed by hand in the comments (cents, milli-units). */

const EUR = (amount: number): Money => ({ amount, currency: 'EUR' });
const PLN = (amount: number): Money => ({ amount, currency: 'PLN' });

const rates = { default: 1900, DE: 1900, AT: 2000 } as const;

const product = (sku: string, listPrice: number, extra: Partial<ProductPricing> = {}): ProductPricing => ({
  sku,
  categoryId: 'tools',
  listPrice: EUR(listPrice),
  vatRates: rates,
  ...extra,
});

const catalog = (...items: ProductPricing[]): ReadonlyMap<string, ProductPricing> => new Map(items.map((item) => [item.sku, item]));

const context = (over: Partial<PricingContext> = {}, customer: Partial<PricingContext['customer']> = {}): PricingContext => ({
  customer: { companyId: 'C1', customerGroup: 'wholesale', isNewCustomer: false, displayMode: 'net', ...customer },
  deliveryCountry: 'DE',
  sellerCountry: 'DE',
  date: '2026-03-15',
  currency: 'EUR',
  ...over,
});

const companyList = (id: string, prices: PriceList['prices'], over: Partial<PriceList> = {}): PriceList => ({
  id,
  scope: { kind: 'company', companyId: 'C1' },
  currency: 'EUR',
  prices,
  ...over,
});

const groupList = (id: string, prices: PriceList['prices'], over: Partial<PriceList> = {}): PriceList => ({
  id,
  scope: { kind: 'customer-group', customerGroup: 'wholesale' },
  currency: 'EUR',
  prices,
  ...over,
});

const percentOff = (id: string, rate: number, rule: Discount['rule'] = { all: [] }, name = id): Discount => ({
  id,
  name,
  rule,
  effect: { kind: 'percent', rate },
  active: true,
});

const fixedOff = (id: string, amount: Money, rule: Discount['rule'] = { all: [] }, name = id): Discount => ({
  id,
  name,
  rule,
  effect: { kind: 'fixed', amount },
  active: true,
});

const payment30: Agreement = { id: 'AG-30', name: 'Payment 30 days', kind: 'payment-terms', paymentTermDays: 30, adjustment: 300 };
const prepayment: Agreement = { id: 'AG-PRE', name: 'Prepayment', kind: 'prepayment', adjustment: -200 };

const line = (sku: string, quantity: number): CartLineInput => ({ sku, quantity });

const one = (cart: ReturnType<typeof priceCart>, index = 0) => {
  const priced = cart.lines[index];
  if (!priced) throw new Error(`no line ${index}`);
  return priced;
};

describe('line rounding and VAT rounding', () => {
  it('rounds a line once, half-up to the cent: 3.33 EUR × 2.5 = 8.325 → 8.33', () => {
    const cart = priceCart([line('A', 2500)], catalog(product('A', 333, { quantityRules: { minimum: 500, step: 500 } })), [], [], context());
    expect(one(cart).baseNet).toEqual(EUR(833));
    expect(one(cart).lineNet).toEqual(EUR(833));
    // VAT on the group net: 8.33 × 19 % = 1.5827 → 1.58
    expect(cart).toMatchObject({ net: EUR(833), vat: EUR(158), gross: EUR(991) });
    expect(one(cart).explanation).toEqual(['List price: 3.33 EUR', '2.5 × 3.33 EUR = 8.33 EUR', 'VAT 19 % (DE)']);
  });

  it('rounds per line, not per cart: two lines of 0.5 cent are 1 cent each', () => {
    const cart = priceCart([line('A', 500), line('A', 500)], catalog(product('A', 1, { quantityRules: { minimum: 500, step: 500 } })), [], [], context());
    expect(cart.lines.map((priced) => priced.lineNet.amount)).toEqual([1, 1]);
    expect(cart.net).toEqual(EUR(2));
  });

  it('computes VAT once per rate group on the summed net (total rounding)', () => {
    // Three lines of 0.02: per-line VAT would be 3 × round(0.0038) = 0; on the group 0.06 × 19 % = 0.0114 → 0.01.
    const cart = priceCart([line('A', 1000), line('B', 1000), line('C', 1000)], catalog(product('A', 2), product('B', 2), product('C', 2)), [], [], context());
    expect(cart.vatBreakdown).toEqual([{ rate: 1900, net: EUR(6), vat: EUR(1) }]);
    expect(cart).toMatchObject({ net: EUR(6), vat: EUR(1), gross: EUR(7) });
  });

  it('rounds VAT half-up: 0.50 × 19 % = 0.095 → 0.10', () => {
    const cart = priceCart([line('A', 1000)], catalog(product('A', 50)), [], [], context());
    expect(cart).toMatchObject({ net: EUR(50), vat: EUR(10), gross: EUR(60) });
  });

  it('groups by VAT rate, highest rate first, with the delivery country rate or the default', () => {
    const food = product('F', 1000, { vatRates: { default: 700, AT: 1000 } });
    const cart = priceCart([line('A', 1000), line('F', 1000)], catalog(product('A', 1000), food), [], [], context({ deliveryCountry: 'FR' }));
    // FR is not listed: defaults 19 % and 7 %.
    expect(cart.vatBreakdown).toEqual([
      { rate: 1900, net: EUR(1000), vat: EUR(190) },
      { rate: 700, net: EUR(1000), vat: EUR(70) },
    ]);
    const austria = priceCart([line('A', 1000), line('F', 1000)], catalog(product('A', 1000), food), [], [], context({ deliveryCountry: 'AT' }));
    expect(austria.lines.map((priced) => priced.vatRate)).toEqual([2000, 1000]);
    expect(austria).toMatchObject({ net: EUR(2000), vat: EUR(300), gross: EUR(2300) });
  });

  it('uses BigInt where unit × quantity passes 2^53', () => {
    const cart = priceCart([line('BIG', 987_654)], catalog(product('BIG', 12_345_678_901, { quantityRules: { minimum: 1, step: 1 } })), [], [], context());
    expect(one(cart).baseNet.amount).toBe(Number((12_345_678_901n * 987_654n + 500n) / 1000n));
    expect(cart.vat.amount).toBe(Number((BigInt(cart.net.amount) * 1900n + 5000n) / 10_000n));
  });
});

describe('quantity rules (seed 002)', () => {
  const cheese = product('CHEESE', 1899, { categoryId: 'food', quantityRules: { minimum: 500, step: 250 } });
  const screws = product('SCREW', 450, { quantityRules: { minimum: 6000, multiple: 6000 } });

  it('sells in 0.25 kg steps: 0.75 kg × 18.99 = 14.2425 → 14.24, 1.25 kg = 23.7375 → 23.74', () => {
    const cart = priceCart([line('CHEESE', 750), line('CHEESE', 1250)], catalog(cheese), [], [], context());
    expect(cart.lines.map((priced) => priced.lineNet.amount)).toEqual([1424, 2374]);
    expect(one(cart).explanation).toContain('0.75 × 18.99 EUR = 14.24 EUR');
    expect(cart.problems).toEqual([]);
  });

  it('flags quantities off the step, below the logistic minimum, not a multiple, not positive, unknown', () => {
    const cart = priceCart(
      [line('CHEESE', 300), line('CHEESE', 250), line('SCREW', 8000), line('SCREW', 0), line('NOPE', 1000), line('SCREW', 12_000)],
      catalog(cheese, screws),
      [],
      [],
      context(),
    );
    expect(cart.lines.map((priced) => priced.problems)).toEqual([
      ['BELOW_MINIMUM', 'NOT_A_STEP'],
      ['BELOW_MINIMUM'],
      ['NOT_A_MULTIPLE'],
      ['NOT_POSITIVE'],
      ['UNKNOWN_PRODUCT'],
      [],
    ]);
    expect(cart.problems).toEqual([
      { code: 'BELOW_MINIMUM', sku: 'CHEESE' },
      { code: 'NOT_A_STEP', sku: 'CHEESE' },
      { code: 'BELOW_MINIMUM', sku: 'CHEESE' },
      { code: 'NOT_A_MULTIPLE', sku: 'SCREW' },
      { code: 'NOT_POSITIVE', sku: 'SCREW' },
      { code: 'UNKNOWN_PRODUCT', sku: 'NOPE' },
    ]);
    // Lines with problems are returned with zero amounts; only the valid 12 screws count: 12 × 4.50 = 54.00.
    for (const priced of cart.lines.slice(0, 5)) {
      expect(priced.baseNet.amount).toBe(0);
      expect(priced.lineNet.amount).toBe(0);
      expect(priced.discounts).toEqual([]);
    }
    expect(cart.lines[2]?.explanation).toContain('Quantity must be a multiple of 6');
    expect(cart.lines[1]?.explanation).toContain('Below the minimum quantity of 0.5');
    // The same figures as data, for clients that word them in their own language.
    expect(cart.lines.map((priced) => priced.problemDetails)).toEqual([{ minimum: '0.5', step: '0.25' }, { minimum: '0.5' }, { multiple: '6' }, {}, {}, {}]);
    expect(cart).toMatchObject({ net: EUR(5400), vat: EUR(1026), gross: EUR(6426) });
  });

  it('defaults to whole units with a minimum of one', () => {
    const cart = priceCart([line('A', 1500), line('A', 500), line('A', -1000)], catalog(product('A', 100)), [], [], context());
    expect(cart.lines.map((priced) => priced.problems)).toEqual([['NOT_A_STEP'], ['BELOW_MINIMUM', 'NOT_A_STEP'], ['NOT_POSITIVE']]);
    expect(cart.lines.map((priced) => priced.problemDetails)).toEqual([{ step: '1' }, { minimum: '1', step: '1' }, {}]);
    expect(cart.net).toEqual(EUR(0));
  });

  it('gives full cartons the pack discount on their share of the line only', () => {
    const bolts = product('BOLT', 1000, { quantityRules: { packSize: 12_000, packDiscount: 500 } });
    const cart = priceCart([line('BOLT', 30_000), line('BOLT', 11_000), line('BOLT', 12_000)], catalog(bolts), [], [], context());
    // 30 × 10.00 = 300.00; 24 of 30 in full cartons: −5 % × 240.00 = −12.00 → 288.00 (average unit 9.60).
    expect(one(cart, 0)).toMatchObject({ unitNet: EUR(960), baseNet: EUR(28_800), lineNet: EUR(28_800) });
    expect(one(cart, 0).explanation).toEqual([
      'List price: 10.00 EUR',
      '30 × 10.00 EUR = 300.00 EUR',
      'Carton of 12: −5 % on 24 of 30 = −12.00 EUR',
      'VAT 19 % (DE)',
    ]);
    // 11 pieces: no full carton.
    expect(one(cart, 1)).toMatchObject({ unitNet: EUR(1000), baseNet: EUR(11_000) });
    // Exactly one carton: 120.00 − 6.00.
    expect(one(cart, 2)).toMatchObject({ unitNet: EUR(950), baseNet: EUR(11_400) });
  });
});

describe('price resolution: agreement list → company list → group list → list price', () => {
  const products = catalog(product('A', 1500), product('B', 1500), product('C', 1500));
  const company = companyList('KA-2026', { A: { unitPrice: EUR(1240) } });
  const group = groupList('WHOLESALE', { A: { unitPrice: EUR(1350) }, B: { unitPrice: EUR(1350) } });
  const lines = [line('A', 1000), line('B', 1000), line('C', 1000)];

  it('prefers the company list over the group list over the list price', () => {
    const cart = priceCart(lines, products, [group, company], [], context());
    expect(cart.lines.map((priced) => priced.unitNet.amount)).toEqual([1240, 1350, 1500]);
    expect(cart.lines.map((priced) => priced.explanation[0])).toEqual([
      'Company price list KA-2026: 12.40 EUR',
      'Customer group price list WHOLESALE: 13.50 EUR',
      'List price: 15.00 EUR',
    ]);
  });

  it("ignores other companies' and other groups' lists", () => {
    const other = companyList('OTHER', { A: { unitPrice: EUR(100) } }, { scope: { kind: 'company', companyId: 'C2' } });
    const otherGroup = groupList('RETAIL', { B: { unitPrice: EUR(100) } }, { scope: { kind: 'customer-group', customerGroup: 'retail' } });
    const cart = priceCart(lines, products, [other, otherGroup], [], context());
    expect(cart.lines.map((priced) => priced.unitNet.amount)).toEqual([1500, 1500, 1500]);
    const noCompany = priceCart(lines, products, [company, group], [], context({}, { companyId: undefined, customerGroup: undefined }));
    expect(noCompany.lines.map((priced) => priced.unitNet.amount)).toEqual([1500, 1500, 1500]);
  });

  it('applies a list only on the inclusive dates it is valid', () => {
    const dated = companyList('KA-Q1', { A: { unitPrice: EUR(1100) } }, { validFrom: '2026-01-01', validTo: '2026-03-31' });
    const price = (date: string) => one(priceCart([line('A', 1000)], products, [dated, group], [], context({ date }))).unitNet.amount;
    expect(price('2025-12-31')).toBe(1350);
    expect(price('2026-01-01')).toBe(1100);
    expect(price('2026-03-31')).toBe(1100);
    expect(price('2026-04-01')).toBe(1350);
  });

  it('lets the newest valid company list win when several overlap', () => {
    const open = companyList('KA-OPEN', { A: { unitPrice: EUR(1300) } });
    const newer = companyList('KA-2026', { A: { unitPrice: EUR(1200) } }, { validFrom: '2026-01-01' });
    const future = companyList('KA-2027', { A: { unitPrice: EUR(1000) } }, { validFrom: '2027-01-01' });
    expect(one(priceCart([line('A', 1000)], products, [open, future, newer], [], context())).unitNet.amount).toBe(1200);
  });

  it("puts the agreement's own price list first, if valid and in the cart currency", () => {
    const own: PriceList = {
      id: 'PREPAY-2026',
      scope: { kind: 'company', companyId: 'C1' },
      currency: 'EUR',
      validTo: '2026-06-30',
      prices: { A: { unitPrice: EUR(1150) } },
    };
    const agreement: Agreement = { id: 'AG', name: 'Prepayment', kind: 'prepayment', priceListId: 'PREPAY-2026' };
    const cart = priceCart(lines, products, [company, group, own], [], context({ agreement }));
    expect(cart.lines.map((priced) => priced.unitNet.amount)).toEqual([1150, 1350, 1500]);
    expect(one(cart).explanation[0]).toBe('Agreement price list PREPAY-2026: 11.50 EUR');
    // Expired → the company list again.
    expect(one(priceCart(lines, products, [company, group, own], [], context({ agreement, date: '2026-07-01' }))).unitNet.amount).toBe(1240);
    // In another currency (no currency agreement) → skipped.
    const usd = { ...own, currency: 'USD', prices: { A: { unitPrice: { amount: 900, currency: 'USD' } } } };
    expect(one(priceCart(lines, products, [company, usd], [], context({ agreement }))).unitNet.amount).toBe(1240);
  });

  it('applies the tiers of the winning source by quantity (highest minQuantity ≤ quantity)', () => {
    const tiered = catalog(product('A', 1500, { tiers: [{ minQuantity: 10_000, unitPrice: EUR(900) }] }));
    const list = companyList('KA-2026', {
      A: {
        unitPrice: EUR(1240),
        tiers: [
          { minQuantity: 500_000, unitPrice: EUR(1100) },
          { minQuantity: 100_000, unitPrice: EUR(1190) },
        ],
      },
    });
    const unit = (quantity: number, lists: PriceList[]) => one(priceCart([line('A', quantity)], tiered, lists, [], context())).unitNet.amount;
    expect(unit(99_000, [list])).toBe(1240); // the list price tier (from 10) does not apply: the company list won
    expect(unit(100_000, [list])).toBe(1190);
    expect(unit(600_000, [list])).toBe(1100);
    expect(unit(9_000, [])).toBe(1500);
    expect(unit(10_000, [])).toBe(900);
    expect(one(priceCart([line('A', 100_000)], tiered, [list], [], context())).explanation.slice(0, 2)).toEqual([
      'Company price list KA-2026: 12.40 EUR',
      'Tier from 100: 11.90 EUR',
    ]);
  });
});

describe('agreements (seed 003)', () => {
  const products = catalog(product('A', 1240), product('B', 1250));

  it('recalculates every price when the buyer switches agreements', () => {
    const lines = [line('A', 1000), line('B', 1000)];
    // 12.40 × 1.03 = 12.772 → 12.77; 12.50 × 1.03 = 12.875 → 12.88 (half-up)
    expect(priceCart(lines, products, [], [], context({ agreement: payment30 })).lines.map((priced) => priced.unitNet.amount)).toEqual([1277, 1288]);
    // 12.40 × 0.98 = 12.152 → 12.15; 12.50 × 0.98 = 12.25
    expect(priceCart(lines, products, [], [], context({ agreement: prepayment })).lines.map((priced) => priced.unitNet.amount)).toEqual([1215, 1225]);
    expect(one(priceCart(lines, products, [], [], context({ agreement: payment30 }))).explanation[1]).toBe("Agreement 'Payment 30 days': +3 % = 12.77 EUR");
    expect(one(priceCart(lines, products, [], [], context({ agreement: prepayment }))).explanation[1]).toBe("Agreement 'Prepayment': −2 % = 12.15 EUR");
  });

  it('never makes a price negative with a rebate of 100 % or more', () => {
    const free: Agreement = { id: 'X', name: 'Free', kind: 'prepayment', adjustment: -15_000 };
    expect(priceCart([line('A', 1000)], products, [], [], context({ agreement: free })).net).toEqual(EUR(0));
  });

  it('converts with a currency agreement (integer rate per 1 000 000 minor units)', () => {
    const pln: Agreement = { id: 'AG-PLN', name: 'PLN contract', kind: 'currency', currency: 'PLN', exchangeRate: 4_300_000 };
    const ctx = context({ agreement: pln, currency: 'PLN', deliveryCountry: 'PL' });
    // 12.40 EUR × 4.3 = 53.32 PLN; 12.50 EUR × 4.3 = 53.75 PLN; PL VAT falls back to the default 19 % here.
    const cart = priceCart([line('A', 1000), line('B', 2000)], products, [], [], ctx);
    expect(cart.currency).toBe('PLN');
    expect(cart.lines.map((priced) => priced.unitNet)).toEqual([PLN(5332), PLN(5375)]);
    expect(cart.lines.map((priced) => priced.lineNet)).toEqual([PLN(5332), PLN(10_750)]);
    expect(one(cart).explanation).toEqual([
      'List price: 12.40 EUR',
      "Currency agreement 'PLN contract': × 4.3 = 53.32 PLN",
      '1 × 53.32 PLN = 53.32 PLN',
      'VAT 19 % (PL)',
    ]);
    // Half-up on the conversion: 12.35 × 4.3 = 53.105 → 53.11
    expect(one(priceCart([line('C', 1000)], catalog(product('C', 1235)), [], [], ctx)).unitNet).toEqual(PLN(5311));
    // Adjustment first, then conversion: 12.40 × 1.03 = 12.77 → × 4.3 = 54.911 → 54.91
    const withSurcharge = priceCart([line('A', 1000)], products, [], [], context({ agreement: { ...pln, adjustment: 300 }, currency: 'PLN' }));
    expect(one(withSurcharge).unitNet).toEqual(PLN(5491));
    // A list kept in PLN is used as it is (no conversion).
    const plnList = companyList('KA-PLN', { A: { unitPrice: PLN(5000) } }, { currency: 'PLN' });
    expect(one(priceCart([line('A', 1000)], products, [plnList], [], ctx)).unitNet).toEqual(PLN(5000));
  });

  it('flags NO_PRICE when nothing can be priced in the cart currency', () => {
    const cart = priceCart([line('A', 1000)], products, [], [], context({ currency: 'PLN' }));
    expect(one(cart).problems).toEqual(['NO_PRICE']);
    expect(one(cart).explanation).toEqual(['No price in PLN']);
    expect(one(cart).problemDetails).toEqual({ currency: 'PLN' });
    expect(cart.problems).toEqual([{ code: 'NO_PRICE', sku: 'A' }]);
    expect(cart.net).toEqual(PLN(0));
  });
});

describe('discounts (seed 004)', () => {
  const products = catalog(product('A', 1000), product('B', 833, { categoryId: 'chemicals' }));

  it('applies percent discounts to matching lines only, rounded per line', () => {
    const tools = percentOff('D-TOOLS', 1000, { categoryIn: ['tools'] }, 'Tools 10 %');
    const cart = priceCart([line('A', 1000), line('B', 1000)], products, [], [tools, percentOff('D-B', 1000, { skuIn: ['B'] }, 'B 10 %')], context());
    expect(one(cart, 0).discounts).toEqual([{ discountId: 'D-TOOLS', name: 'Tools 10 %', amount: EUR(100) }]);
    // 8.33 × 10 % = 0.833 → 0.83
    expect(one(cart, 1).discounts).toEqual([{ discountId: 'D-B', name: 'B 10 %', amount: EUR(83) }]);
    expect(cart.lines.map((priced) => priced.lineNet.amount)).toEqual([900, 750]);
    expect(one(cart, 0).explanation).toContain("Discount 'Tools 10 %': −10 % = −1.00 EUR");
    expect(cart.net).toEqual(EUR(1650));
  });

  it('adds several percent discounts on the base net and caps them at the line', () => {
    const cart = priceCart([line('A', 1000)], products, [], [percentOff('P10', 1000), percentOff('P5', 500)], context());
    expect(one(cart).discounts.map((discount) => discount.amount.amount)).toEqual([100, 50]);
    expect(one(cart).lineNet).toEqual(EUR(850));
    const capped = priceCart([line('A', 1000)], products, [], [percentOff('P60', 6000), percentOff('P60b', 6000), percentOff('P1', 100)], context());
    expect(one(capped).discounts.map((discount) => discount.amount.amount)).toEqual([600, 400]);
    expect(capped).toMatchObject({ net: EUR(0), vat: EUR(0), gross: EUR(0) });
  });

  it('evaluates order facts against the cart: new customer, group, delivery country, order net, date; skips inactive ones', () => {
    const cases: [Discount['rule'], Partial<PricingContext>, Partial<PricingContext['customer']>, boolean][] = [
      [{ newCustomer: true }, {}, { isNewCustomer: true }, true],
      [{ newCustomer: true }, {}, {}, false],
      [{ customerGroupIn: ['wholesale', 'key-account'] }, {}, {}, true],
      [{ customerGroupIn: ['retail'] }, {}, {}, false],
      [{ deliveryCountryIn: ['AT'] }, { deliveryCountry: 'AT' }, {}, true],
      [{ deliveryCountryIn: ['AT'] }, {}, {}, false],
      // order net before discounts: 10.00 + 8.33 = 18.33
      [{ orderNetAtLeast: EUR(1833) }, {}, {}, true],
      [{ orderNetAtLeast: EUR(1834) }, {}, {}, false],
      [{ orderNetAtLeast: { amount: 1, currency: 'PLN' } }, {}, {}, false],
      [{ dateBetween: ['2026-03-01', '2026-03-15'] }, {}, {}, true],
      [{ dateBetween: ['2026-03-16', '2026-03-31'] }, {}, {}, false],
    ];
    for (const [rule, over, customer, applies] of cases) {
      const cart = priceCart([line('A', 1000), line('B', 1000)], products, [], [percentOff('D', 1000, rule)], context(over, customer));
      expect({ rule, discounted: cart.lines.every((priced) => priced.discounts.length === 1) }).toEqual({ rule, discounted: applies });
    }
    const inactive = { ...percentOff('D', 1000), active: false };
    expect(priceCart([line('A', 1000)], products, [], [inactive], context()).net).toEqual(EUR(1000));
  });

  it('combines line and order facts in one rule', () => {
    const rule: Discount['rule'] = {
      all: [{ skuIn: ['A'] }, { any: [{ newCustomer: true }, { deliveryCountryIn: ['AT'] }] }, { not: { customerGroupIn: ['retail'] } }],
    };
    const cart = priceCart([line('A', 1000), line('B', 1000)], products, [], [percentOff('D', 2000, rule)], context({ deliveryCountry: 'AT' }));
    expect(cart.lines.map((priced) => priced.lineNet.amount)).toEqual([800, 833]);
  });

  it('spreads a fixed discount over the VAT groups by largest remainder, to the cent', () => {
    const mixed = catalog(product('A', 10_000), product('F', 5000, { vatRates: { default: 700 } }));
    const cart = priceCart([line('A', 1000), line('F', 1000)], mixed, [], [fixedOff('WELCOME', EUR(1000), { all: [] }, 'Welcome')], context());
    // 10.00 over nets 100.00 : 50.00 → 6.666… and 3.333… → 6.66 + 3.33 + 1 cent to the largest remainder → 6.67 / 3.33.
    expect(cart.orderDiscounts).toEqual([{ discountId: 'WELCOME', name: 'Welcome', amount: EUR(1000) }]);
    expect(cart.vatBreakdown).toEqual([
      { rate: 1900, net: EUR(9333), vat: EUR(1773) }, // 93.33 × 19 % = 17.7327
      { rate: 700, net: EUR(4667), vat: EUR(327) }, // 46.67 × 7 % = 3.2669
    ]);
    expect(cart).toMatchObject({ net: EUR(14_000), vat: EUR(2100), gross: EUR(16_100) });
    // lines keep their own net; the order discount sits on top.
    expect(cart.lines.map((priced) => priced.lineNet.amount)).toEqual([10_000, 5000]);
  });

  it('caps fixed discounts at the order net and ignores other currencies', () => {
    const cart = priceCart([line('A', 1000)], products, [], [fixedOff('BIG', EUR(50_000)), fixedOff('MORE', EUR(100))], context());
    expect(cart.orderDiscounts).toEqual([{ discountId: 'BIG', name: 'BIG', amount: EUR(1000) }]);
    expect(cart).toMatchObject({ net: EUR(0), vat: EUR(0), gross: EUR(0) });
    const pln = priceCart([line('A', 1000)], products, [], [fixedOff('PLN', PLN(100))], context());
    expect(pln.orderDiscounts).toEqual([]);
  });

  it('evaluates skuIn/categoryIn of a fixed discount against the whole cart', () => {
    const rule: Discount['rule'] = { categoryIn: ['chemicals'] };
    expect(priceCart([line('A', 1000), line('B', 1000)], products, [], [fixedOff('F', EUR(100), rule)], context()).net).toEqual(EUR(1733));
    expect(priceCart([line('A', 1000)], products, [], [fixedOff('F', EUR(100), rule)], context()).net).toEqual(EUR(1000));
  });

  it('ignores lines with problems for the order net and the discounts', () => {
    const cart = priceCart([line('A', 1000), line('A', 0)], products, [], [percentOff('D', 1000, { orderNetAtLeast: EUR(1001) })], context());
    expect(cart.net).toEqual(EUR(1000));
  });
});

/** A customer whose VAT ID VIES confirmed (reverse charge needs it, issue 13 item 5). */
const viesConfirmed = (vatId: string) => ({
  vatId,
  vatConfirmation: {
    confirmed: true as const,
    evidence: {
      vatId: vatId.replace(/\s/g, '').toUpperCase(),
      source: 'VIES' as const,
      valid: true as const,
      requestDate: '2026-03-02T10:00:00.000Z',
      consultationNumber: 'WAPIAAAAXYZ123',
      checkedAt: '2026-03-02T10:00:01.000Z',
    },
  },
});
const viesNote = 'VAT ID checked via VIES on 2026-03-02, consultation number WAPIAAAAXYZ123.';

describe('EU reverse charge (seed 000 point 11)', () => {
  const products = catalog(product('A', 1000));

  it('zeroes VAT for an EU buyer with a VAT ID of another member state, delivered to the EU outside the seller country', () => {
    const cart = priceCart([line('A', 1000)], products, [], [], context({ deliveryCountry: 'AT' }, viesConfirmed('ATU12345678')));
    expect(cart.reverseCharge).toEqual({
      applies: true,
      explanation: `Reverse charge: VAT to be accounted for by the recipient (Art. 196 Council Directive 2006/112/EC). Buyer VAT ID: ATU12345678. ${viesNote}`,
      evidence: viesConfirmed('ATU12345678').vatConfirmation.evidence,
    });
    expect(one(cart).vatRate).toBe(0);
    expect(one(cart).explanation).toContain('VAT 0 % (reverse charge)');
    expect(cart).toMatchObject({ net: EUR(1000), vat: EUR(0), gross: EUR(1000), vatBreakdown: [{ rate: 0, net: EUR(1000), vat: EUR(0) }] });
  });

  it('reads the Greek prefix EL as GR', () => {
    const rc = reverseChargeFor({
      customer: { isNewCustomer: false, displayMode: 'net', ...viesConfirmed('el 123 456 789') },
      deliveryCountry: 'GR',
      sellerCountry: 'DE',
    });
    expect(rc).toMatchObject({ applies: true, explanation: expect.stringContaining('Buyer VAT ID: EL123456789') });
    // A Greek buyer of a Greek seller: domestic.
    expect(
      reverseChargeFor({ customer: { isNewCustomer: false, displayMode: 'net', vatId: 'EL123456789' }, deliveryCountry: 'AT', sellerCountry: 'GR' }).applies,
    ).toBe(false);
  });

  it('does not apply domestically, outside the EU, or without a VAT ID', () => {
    const applies = (deliveryCountry: string, vatId: string | undefined, sellerCountry = 'DE') =>
      reverseChargeFor({ customer: { isNewCustomer: false, displayMode: 'net', ...(vatId ? viesConfirmed(vatId) : {}) }, deliveryCountry, sellerCountry })
        .applies;
    expect(applies('AT', 'ATU12345678')).toBe(true);
    expect(applies('FR', 'ATU12345678')).toBe(true); // buyer in AT, goods to FR
    expect(applies('DE', 'ATU12345678')).toBe(false); // delivered in the seller's country
    expect(applies('AT', 'DE123456789')).toBe(false); // buyer from the seller's country
    expect(applies('CH', 'ATU12345678')).toBe(false); // delivery outside the EU
    expect(applies('AT', 'CHE123456789')).toBe(false); // non-EU VAT ID
    expect(applies('AT', 'GB123456789')).toBe(false);
    expect(applies('AT', undefined)).toBe(false);
    expect(applies('AT', 'ATU12345678', 'CH')).toBe(false); // seller outside the EU
  });

  it('without a VIES confirmation of exactly this VAT ID: no reverse charge, the seller country VAT and the reason', () => {
    const catalogWithRates = catalog(product('A', 1000, { vatRates: { default: 1900, DE: 1900, AT: 2000 } }));
    const unconfirmed = {
      vatId: 'ATU12345678',
      vatConfirmation: { confirmed: false as const, code: 'VAT_ID_INVALID', message: 'VIES reports VAT ID ATU12345678 as not valid; domestic VAT is charged.' },
    };
    const cart = priceCart([line('A', 1000)], catalogWithRates, [], [], context({ deliveryCountry: 'AT' }, unconfirmed));
    expect(cart.reverseCharge).toEqual({ applies: false, reason: { code: 'VAT_ID_INVALID', message: unconfirmed.vatConfirmation.message } });
    expect(one(cart).vatRate).toBe(1900); // the seller's (DE) rate, not the delivery country's 20 %
    expect(one(cart).explanation).toContain('VAT 19 % (DE)');
    expect(one(cart).explanation.at(-1)).toBe(`No reverse charge: ${unconfirmed.vatConfirmation.message}`);
    expect(cart.vat).toEqual(EUR(190));

    // No confirmation at all, or one for another VAT ID: not confirmed either.
    const missing = priceCart([line('A', 1000)], catalogWithRates, [], [], context({ deliveryCountry: 'AT' }, { vatId: 'ATU12345678' }));
    expect(missing.reverseCharge).toMatchObject({ applies: false, reason: { code: 'VAT_ID_NOT_CONFIRMED' } });
    const otherId = priceCart(
      [line('A', 1000)],
      catalogWithRates,
      [],
      [],
      context({ deliveryCountry: 'AT' }, { ...viesConfirmed('ATU99999999'), vatId: 'ATU12345678' }),
    );
    expect(otherId.reverseCharge).toMatchObject({ applies: false, reason: { code: 'VAT_ID_NOT_CONFIRMED' } });
    // A domestic sale needs no VIES answer and gives no reason.
    expect(priceCart([line('A', 1000)], catalogWithRates, [], [], context({ deliveryCountry: 'DE' }, { vatId: 'DE123456789' })).reverseCharge).toEqual({
      applies: false,
    });
  });
});

describe('everything in one cart', () => {
  it('agreement + company list + tier + carton + percent discount + fixed discount + reverse charge', () => {
    const bolt = product('BOLT', 1500, { quantityRules: { packSize: 12_000, packDiscount: 500 } });
    const glue = product('GLUE', 450, { categoryId: 'chemicals' });
    const company = companyList('KA-2026', { BOLT: { unitPrice: EUR(1240), tiers: [{ minQuantity: 24_000, unitPrice: EUR(1190) }] } });
    const group = groupList('WHOLESALE', { GLUE: { unitPrice: EUR(420) } });
    const discounts = [
      percentOff('SPRING', 1000, { all: [{ categoryIn: ['tools'] }, { dateBetween: ['2026-03-01', '2026-05-31'] }] }, 'Spring tools'),
      fixedOff('WELCOME', EUR(2000), { all: [{ orderNetAtLeast: EUR(30_000) }, { deliveryCountryIn: ['AT', 'DE'] }] }, 'Welcome'),
    ];
    const ctx = context({ agreement: payment30, deliveryCountry: 'AT' }, viesConfirmed('ATU12345678'));
    const cart = priceCart([line('BOLT', 30_000), line('GLUE', 5000)], catalog(bolt, glue), [company, group], discounts, ctx);

    // BOLT: tier 11.90 → +3 % = 12.257 → 12.26; 30 × 12.26 = 367.80; carton −5 % on 24 × 12.26 = −14.712;
    // 367.80 − 14.712 = 353.088 → 353.09 (one rounding per line); Spring −10 % = 35.309 → 35.31 → 317.78.
    expect(one(cart, 0)).toMatchObject({ unitNet: EUR(1177), baseNet: EUR(35_309), lineNet: EUR(31_778), vatRate: 0 });
    expect(one(cart, 0).explanation).toEqual([
      'Company price list KA-2026: 12.40 EUR',
      'Tier from 24: 11.90 EUR',
      "Agreement 'Payment 30 days': +3 % = 12.26 EUR",
      '30 × 12.26 EUR = 367.80 EUR',
      'Carton of 12: −5 % on 24 of 30 = −14.71 EUR',
      "Discount 'Spring tools': −10 % = −35.31 EUR",
      'VAT 0 % (reverse charge)',
    ]);
    // GLUE: group list 4.20 → +3 % = 4.326 → 4.33; 5 × 4.33 = 21.65; not a tool.
    expect(one(cart, 1)).toMatchObject({ unitNet: EUR(433), baseNet: EUR(2165), lineNet: EUR(2165), vatRate: 0 });
    // Order net before discounts 374.74 ≥ 300 → Welcome −20.00: 317.78 + 21.65 − 20.00 = 319.43, VAT 0.
    expect(cart.orderDiscounts).toEqual([{ discountId: 'WELCOME', name: 'Welcome', amount: EUR(2000) }]);
    expect(cart).toMatchObject({ net: EUR(31_943), vat: EUR(0), gross: EUR(31_943), vatBreakdown: [{ rate: 0, net: EUR(31_943), vat: EUR(0) }] });
    expect(cart.reverseCharge.applies).toBe(true);
    expect(cart.problems).toEqual([]);

    // Same cart delivered in Germany to a German buyer: 19 % on 319.43 = 60.6917 → 60.69.
    const domestic = priceCart(
      [line('BOLT', 30_000), line('GLUE', 5000)],
      catalog(bolt, glue),
      [company, group],
      discounts,
      context({ agreement: payment30 }, { vatId: 'DE123456789' }),
    );
    expect(domestic).toMatchObject({ net: EUR(31_943), vat: EUR(6069), gross: EUR(38_012), reverseCharge: { applies: false } });
  });
});

describe('priceProduct (catalog display)', () => {
  const bolt = product('BOLT', 1500, { quantityRules: { packSize: 12_000, packDiscount: 500 } });
  const company = companyList('KA-2026', {
    BOLT: {
      unitPrice: EUR(1240),
      tiers: [
        { minQuantity: 100_000, unitPrice: EUR(1100) },
        { minQuantity: 24_000, unitPrice: EUR(1190) },
      ],
    },
  });

  it('shows the unit price for the context with tiers resolved the same way', () => {
    const price = priceProduct(bolt, [company], context({ agreement: payment30 }, { displayMode: 'gross' }));
    // 12.40 × 1.03 = 12.772 → 12.77; gross + 19 % = 2.4263 → 2.43 → 15.20
    expect(price.unitNet).toEqual(EUR(1277));
    expect(price.unitGross).toEqual(EUR(1520));
    expect(price.vatRate).toBe(1900);
    // 11.90 × 1.03 = 12.257 → 12.26; 11.00 × 1.03 = 11.33
    expect(price.tiers).toEqual([
      { minQuantity: 24_000, unitNet: EUR(1226) },
      { minQuantity: 100_000, unitNet: EUR(1133) },
    ]);
    expect(price.explanation).toEqual([
      'Company price list KA-2026: 12.40 EUR',
      "Agreement 'Payment 30 days': +3 % = 12.77 EUR",
      'Carton of 12: −5 % on full cartons',
      'VAT 19 % (DE)',
      'Gross: 15.20 EUR',
    ]);
    expect(price.problems).toEqual([]);
    expect(priceProduct(bolt, [company], context({ agreement: payment30 }), 24_000).unitNet).toEqual(EUR(1226));
  });

  it('matches the cart price for the same quantity', () => {
    const ctx = context({ agreement: prepayment });
    const loose = { ...bolt, quantityRules: {} };
    for (const quantity of [1000, 24_000, 100_000]) {
      const display = priceProduct(loose, [company], ctx, quantity);
      const cart = priceCart([line('BOLT', quantity)], catalog(loose), [company], [], ctx);
      expect(one(cart).unitNet).toEqual(display.unitNet);
    }
  });

  it('converts with a currency agreement and shows reverse charge', () => {
    const pln: Agreement = { id: 'AG-PLN', name: 'PLN contract', kind: 'currency', currency: 'PLN', exchangeRate: 4_300_000 };
    const price = priceProduct(bolt, [company], context({ agreement: pln, currency: 'PLN', deliveryCountry: 'PL' }, viesConfirmed('PL1234567890')));
    expect(price.unitNet).toEqual(PLN(5332));
    expect(price.unitGross).toEqual(PLN(5332));
    expect(price.vatRate).toBe(0);
    expect(price.tiers.map((tier) => tier.unitNet)).toEqual([PLN(5117), PLN(4730)]); // 51.17, 47.30
    expect(price.explanation.at(-1)).toMatch(
      /^Reverse charge: .* Buyer VAT ID: PL1234567890\. VAT ID checked via VIES on 2026-03-02, consultation number WAPIAAAAXYZ123\.$/,
    );
  });

  it('reports NO_PRICE instead of a zero price', () => {
    const price = priceProduct(bolt, [], context({ currency: 'USD' }));
    expect(price.problems).toEqual(['NO_PRICE']);
    expect(price.unitNet).toEqual({ amount: 0, currency: 'USD' });
  });
});

describe('purity', () => {
  it('does not mutate its inputs and gives the same answer twice', () => {
    const deepFreeze = <T>(value: T): T => {
      if (value && typeof value === 'object' && !Object.isFrozen(value)) {
        Object.freeze(value);
        for (const key of Object.keys(value)) deepFreeze((value as Record<string, unknown>)[key]);
      }
      return value;
    };
    const products = catalog(product('A', 1000, { quantityRules: { packSize: 2000, packDiscount: 300 } }), product('B', 777));
    for (const item of products.values()) deepFreeze(item);
    const lists = deepFreeze([companyList('KA', { A: { unitPrice: EUR(900) } })]);
    const discounts = deepFreeze([percentOff('P', 1000), fixedOff('F', EUR(123))]);
    const ctx = deepFreeze(context({ agreement: payment30 }));
    const lines = deepFreeze([line('A', 5000), line('B', 3000), line('X', 1000)]);
    const first = priceCart(lines, products, lists, discounts, ctx);
    expect(priceCart(lines, products, lists, discounts, ctx)).toEqual(first);
  });

  it('rejects a malformed context loudly', () => {
    expect(() => priceCart([], catalog(), [], [], context({ currency: 'eur' }))).toThrow(RangeError);
    expect(() => priceCart([], catalog(), [], [], context({ date: '2026-02-30' }))).toThrow(/YYYY-MM-DD/);
  });
});
