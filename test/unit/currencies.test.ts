import { describe, expect, it } from 'vitest';
import { DEFAULT_DELIVERY_CONFIG, deliveryOptions } from '../../functions/checkout/delivery.js';
import { hartmannExpress } from '../../functions/checkout/carriers/hartmann-express.js';
import { companyCurrency, sellableCurrencies, type CurrencySituation } from '../../functions/credit/rules.js';
import { buildCiiXml, type EInvoice } from '../../functions/invoices/einvoice.js';
import { epcPayload } from '../../functions/invoices/epc-qr.js';
import { priceCart, priceProduct, pricingCurrency } from '../../functions/pricing/engine.js';
import type { Agreement, PriceList, PricingContext, ProductPricing } from '../../functions/pricing/model.js';
import { acceptedCurrencies, shopCurrenciesProblem } from '../../functions/shared/currencies.js';
import { AppError } from '../../functions/shared/errors.js';
import type { Money } from '../../functions/shared/money.js';

/** Issue 16 item 5: the shop's currencies, a company's currency from its agreement, no silent conversion. */

const eur = (amount: number): Money => ({ amount, currency: 'EUR' });
const pln = (amount: number): Money => ({ amount, currency: 'PLN' });
const shop = { currency: 'EUR', currencies: ['EUR', 'PLN'] };

const product: ProductPricing = { sku: 'PLU-0811', categoryId: 'plumbing', listPrice: eur(1_000), vatRates: { default: 1900, PL: 2300 } };
const eurOnly: ProductPricing = { sku: 'LUB-1111', categoryId: 'lubricants', listPrice: eur(2_000), vatRates: { default: 1900 } };
const plnList: PriceList = {
  id: 'nowak-pln-2026',
  scope: { kind: 'company', companyId: 'nowak-instalacje' },
  currency: 'PLN',
  prices: { 'PLU-0811': { unitPrice: pln(4_290), tiers: [{ minQuantity: 10_000, unitPrice: pln(3_990) }] } },
};
const plnTerms: Agreement = { id: 'net-14', name: 'Payment within 14 days', kind: 'payment-terms', paymentTermDays: 14, currency: 'PLN' };
const context = (agreement?: Agreement): PricingContext => ({
  customer: { companyId: 'nowak-instalacje', customerGroup: 'retail', isNewCustomer: false, displayMode: 'net' },
  deliveryCountry: 'PL',
  sellerCountry: 'DE',
  date: '2026-11-18',
  currency: pricingCurrency(agreement, shop),
  ...(agreement ? { agreement } : {}),
});
const thrown = (run: () => unknown): AppError => {
  try {
    run();
  } catch (error) {
    if (error instanceof AppError) return error;
  }
  throw new Error('expected an AppError');
};

describe('shop currencies', () => {
  it('accepts circulating ISO 4217 codes, each once, including the default', () => {
    expect(shopCurrenciesProblem(['EUR', 'PLN'], 'EUR')).toBeUndefined();
    expect(shopCurrenciesProblem(['PLN'], 'PLN')).toBeUndefined();
    expect(shopCurrenciesProblem([], 'EUR')).toMatch(/at least one/);
    expect(shopCurrenciesProblem(['EUR', 'XXX'], 'EUR')).toMatch(/XXX/);
    expect(shopCurrenciesProblem(['EUR', 'ABC'], 'EUR')).toMatch(/ABC/);
    expect(shopCurrenciesProblem(['EUR', 'EUR'], 'EUR')).toMatch(/twice/);
    expect(shopCurrenciesProblem(['PLN'], 'EUR')).toMatch(/default currency EUR/);
  });

  it('settings without a list accept their default currency only', () => {
    expect(acceptedCurrencies({ currency: 'EUR' })).toEqual(['EUR']);
    expect(acceptedCurrencies(shop)).toEqual(['EUR', 'PLN']);
  });
});

describe("a company's currency follows its agreement", () => {
  it('any agreement may fix the currency; without one the shop default applies', () => {
    expect(pricingCurrency(plnTerms, shop)).toBe('PLN');
    expect(pricingCurrency({ currency: undefined }, shop)).toBe('EUR');
    expect(pricingCurrency(undefined, shop)).toBe('EUR');
  });

  it('a currency the shop does not sell in is refused, never priced in another one', () => {
    const error = thrown(() => pricingCurrency(plnTerms, { currency: 'EUR', currencies: ['EUR'] }));
    expect(error.statusCode).toBe(409);
    expect(error.code).toBe('CURRENCY_NOT_ACCEPTED');
    expect(thrown(() => pricingCurrency({ currency: 'USD' }, shop)).code).toBe('CURRENCY_NOT_ACCEPTED');
  });

  it("credit line and prepaid balance open in the default agreement's currency (any kind) the shop accepts", () => {
    const situation = (defaultAgreementId: string, shopCurrencies?: readonly string[]): CurrencySituation => ({
      shopCurrency: 'EUR',
      ...(shopCurrencies ? { shopCurrencies } : {}),
      agreements: [plnTerms, { id: 'prepayment', kind: 'prepayment' }],
      defaultAgreementId,
    });
    expect(companyCurrency(situation('net-14', ['EUR', 'PLN']))).toBe('PLN');
    expect(companyCurrency(situation('prepayment', ['EUR', 'PLN']))).toBe('EUR');
    expect(sellableCurrencies(situation('net-14', ['EUR', 'PLN']))).toEqual(['EUR', 'PLN']);
    // The shop stopped selling in PLN: the company falls back to the shop's default, PLN cannot be booked.
    expect(companyCurrency(situation('net-14', ['EUR']))).toBe('EUR');
    expect(sellableCurrencies(situation('net-14', ['EUR']))).toEqual(['EUR']);
  });
});

describe('no silent conversion', () => {
  it('a PLN company is priced from its PLN price list, tiers in PLN', () => {
    const price = priceProduct(product, [plnList], context(plnTerms));
    expect(price.problems).toEqual([]);
    expect(price.unitNet).toEqual(pln(4_290));
    expect(price.tiers).toEqual([{ minQuantity: 10_000, unitNet: pln(3_990) }]);
    const cart = priceCart([{ sku: 'PLU-0811', quantity: 10_000 }], new Map([[product.sku, product]]), [plnList], [], context(plnTerms));
    expect(cart.currency).toBe('PLN');
    expect(cart.net).toEqual(pln(39_900));
  });

  it('a product with only a EUR price is not orderable in PLN (NO_PRICE), zero amounts, never the EUR amount', () => {
    const price = priceProduct(eurOnly, [plnList], context(plnTerms));
    expect(price.problems).toEqual(['NO_PRICE']);
    expect(price.unitNet).toEqual(pln(0));
    expect(price.explanation).toEqual(['No price in PLN']);
    const cart = priceCart(
      [
        { sku: 'LUB-1111', quantity: 1_000 },
        { sku: 'PLU-0811', quantity: 1_000 },
      ],
      new Map([
        [eurOnly.sku, eurOnly],
        [product.sku, product],
      ]),
      [plnList],
      [],
      context(plnTerms),
    );
    expect(cart.problems).toEqual([{ code: 'NO_PRICE', sku: 'LUB-1111' }]);
    expect(cart.net).toEqual(pln(4_290));
  });

  it('an exchange rate on an agreement that is not a currency agreement converts nothing', () => {
    const sneaky: Agreement = { ...plnTerms, exchangeRate: 4_300_000 };
    expect(priceProduct(eurOnly, [plnList], context(sneaky)).problems).toEqual(['NO_PRICE']);
  });

  it('only a currency agreement with an explicit rate converts, and says so', () => {
    const converting: Agreement = { id: 'pln-prepayment', name: 'Prepayment in PLN', kind: 'currency', currency: 'PLN', exchangeRate: 4_300_000 };
    const price = priceProduct(eurOnly, [plnList], context(converting));
    expect(price.problems).toEqual([]);
    expect(price.unitNet).toEqual(pln(8_600));
    expect(price.explanation.join(' ')).toMatch(/Currency agreement 'Prepayment in PLN': × 4\.3/);
    // A PLN price wins over the conversion.
    expect(priceProduct(product, [plnList], context(converting)).unitNet).toEqual(pln(4_290));
  });

  it('a EUR company is unaffected by PLN price lists', () => {
    const eurContext: PricingContext = { ...context(), customer: { ...context().customer, companyId: 'mueller-bau' } };
    expect(priceProduct(product, [plnList], eurContext).unitNet).toEqual(eur(1_000));
  });
});

describe('fees and bounds per currency', () => {
  const input = (orderNet: Money) => ({ orderNet, deliveryCountry: 'PL', warehouses: [], carriers: [hartmannExpress] });
  it('delivery fees and minimum order values are set per currency, in the order currency', () => {
    const fees = (orderNet: Money) => Object.fromEntries(deliveryOptions(input(orderNet)).map((option) => [option.kind, option.fee]));
    expect(fees(pln(20_000))).toMatchObject({ carrier: pln(3_990), dropshipping: pln(5_490) });
    expect(fees(eur(20_000))).toMatchObject({ carrier: eur(990), dropshipping: eur(1_290) });
    expect(DEFAULT_DELIVERY_CONFIG.ownTransportMinimumNet).toContainEqual(pln(65_000));
    const own = deliveryOptions(input(pln(64_999))).find((option) => option.kind === 'own-transport');
    expect(own).toMatchObject({ available: false, reasonCode: 'BELOW_MINIMUM', fee: pln(0) });
  });
});

describe('PLN documents', () => {
  const invoice = (currency: string, vatRate: number, taxCurrency?: EInvoice['taxCurrency']): EInvoice => ({
    typeCode: '380',
    number: 'INV-2026-000900',
    issueDate: '2026-11-20',
    currency,
    ...(taxCurrency ? { taxCurrency } : {}),
    buyerReference: 'n/a',
    seller: { name: 'Hartmann', vatId: 'DE136695976', address: { city: 'Stuttgart', country: 'DE' } },
    buyer: { name: 'Nowak', vatId: 'PL5260250995', address: { city: 'Kraków', country: 'PL' } },
    lines: [
      {
        id: '1',
        sku: 'PLU-0811',
        name: 'Pipe',
        unit: 'pc',
        quantity: '1',
        unitNet: { amount: 4_290, currency },
        lineNet: { amount: 4_290, currency },
        vatRate,
      } as unknown as EInvoice['lines'][number],
    ],
    reverseCharge: vatRate === 0,
    paymentTerms: 'Paid from the prepaid balance.',
    paymentReference: 'INV-2026-000900',
    notes: [],
  });

  it('a PLN reverse-charge invoice states the VAT accounting currency EUR (BT-6) with 0.00 VAT in it (BT-111)', () => {
    const xml = buildCiiXml(invoice('PLN', 0, { code: 'EUR' }));
    expect(xml).toContain('<ram:TaxCurrencyCode>EUR</ram:TaxCurrencyCode><ram:InvoiceCurrencyCode>PLN</ram:InvoiceCurrencyCode>');
    expect(xml).toContain('<ram:TaxTotalAmount currencyID="PLN">0.00</ram:TaxTotalAmount><ram:TaxTotalAmount currencyID="EUR">0.00</ram:TaxTotalAmount>');
  });

  it('with VAT due and no known amount in EUR, BT-6 is left out rather than guessed', () => {
    const xml = buildCiiXml(invoice('PLN', 1900, { code: 'EUR' }));
    expect(xml).not.toContain('TaxCurrencyCode');
    expect(xml).not.toContain('currencyID="EUR"');
    expect(xml).toContain('<ram:InvoiceCurrencyCode>PLN</ram:InvoiceCurrencyCode>');
    // Same currency: nothing extra.
    expect(buildCiiXml(invoice('EUR', 1900, { code: 'EUR' }))).not.toContain('TaxCurrencyCode');
  });

  it('no EPC QR code (GiroCode) for PLN amounts: the standard is EUR-only', () => {
    const payee = { name: 'Hartmann', iban: 'DE89370400440532013000' };
    expect(epcPayload({ ...payee, amount: pln(10_000), reference: 'RF18539007547034' })).toBeUndefined();
    expect(epcPayload({ ...payee, amount: eur(10_000), reference: 'RF18539007547034' })).toBeDefined();
  });
});
