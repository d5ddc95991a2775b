import { beforeAll, describe, expect, it } from 'vitest';
import type { CompanyAccount, ShopSettings } from '../../functions/accounts/rules.js';
import { defaultShopSettings } from '../../functions/accounts/rules.js';
import { creditNoteEInvoice, invoiceEInvoice } from '../../functions/invoices/einvoice-documents.js';
import type { DocumentParties } from '../../functions/invoices/parties.js';
import { documentAmounts } from '../../functions/invoices/rules.js';
import type { Order, OrderLine, Shipment } from '../../functions/orders/repository.js';
import { priceCart } from '../../functions/pricing/engine.js';
import type { Discount, PricingContext, ProductPricing } from '../../functions/pricing/model.js';
import { formatMilli } from '../../functions/shared/quantity.js';
import { rejections, validateEInvoices, type ValidationReport } from '../support/einvoice-validators.js';

/**
 * The documents the portal issues, run through the official validators a receiver runs
 * (test/fixtures/validators): CEN EN 16931 CII 1.3.16, KoSIT XRechnung 3.0.2 (schematron v2.5.0, Peppol
 * rules merged) and the CII D16B XSD. Orders are priced by the real pricing engine and mapped by the
 * real generator (functions/invoices/einvoice-documents.ts): no hand-written XML.
 */

const EUR = (amount: number) => ({ amount, currency: 'EUR' });

const settings: ShopSettings = {
  ...defaultShopSettings,
  name: 'Hartmann Technischer Großhandel',
  sellerAddressLines: ['Hartmann Technischer Großhandel GmbH', 'Hafenstraße 8', '70327 Stuttgart', 'Germany'],
  sellerVatId: 'DE136695976',
  sellerIban: 'DE89370400440532013000',
  sellerContact: { name: 'Sabine Krüger, Debitorenbuchhaltung', phone: '+49 711 9876 500', email: 'buchhaltung@hartmann-grosshandel.example' },
};

const mueller: CompanyAccount = {
  id: 'mueller-bau',
  name: 'Müller Bau GmbH',
  vatId: 'DE811907980',
  city: 'Stuttgart',
  country: 'DE',
  customerGroup: 'wholesale',
  billingAddress: { street: 'Industriestraße 12', postalCode: '70565', city: 'Stuttgart', country: 'DE' },
  deliveryAddresses: [],
  bankAccounts: [],
};

const nowak: CompanyAccount = {
  id: 'nowak-instalacje',
  name: 'Nowak Instalacje Sp. z o.o.',
  vatId: 'PL5260250995',
  city: 'Kraków',
  country: 'PL',
  customerGroup: 'retail',
  billingAddress: { street: 'ul. Przemysłowa 5', postalCode: '30-701', city: 'Kraków', country: 'PL' },
  deliveryAddresses: [],
  bankAccounts: [],
};

const partiesOf = (account: CompanyAccount): DocumentParties => ({
  settings,
  account,
  seller: { name: settings.name, addressLines: settings.sellerAddressLines, vatId: settings.sellerVatId, iban: settings.sellerIban },
  buyer: { name: account.name, addressLines: [], vatId: account.vatId },
});

const rates = { default: 1900, DE: 1900, PL: 2300 } as const;
const reduced = { default: 700, DE: 700, PL: 500 } as const;
const products: ProductPricing[] = [
  { sku: 'DRL-1001', categoryId: 'power-tools', listPrice: EUR(12_999), vatRates: rates },
  { sku: 'CBL-2002', categoryId: 'electrical', listPrice: EUR(89), vatRates: rates, quantityRules: { step: 500 } },
  { sku: 'BK-3003', categoryId: 'books', listPrice: EUR(2_490), vatRates: reduced },
  // carton of 100 with 3 % off: the unit price becomes carton-derived (a rounding cent per line)
  { sku: 'FAS-0111', categoryId: 'fasteners', listPrice: EUR(7), vatRates: rates, quantityRules: { packSize: 100_000, packDiscount: 300 } },
];
const catalog = new Map(products.map((product) => [product.sku, product]));
const names: Record<string, { name: string; unit: string }> = {
  'DRL-1001': { name: 'Akku-Bohrschrauber 18 V <Li-Ion>', unit: 'pc' },
  'CBL-2002': { name: 'Mantelleitung NYM-J 3x1,5 mm²', unit: 'm' },
  'BK-3003': { name: 'VDE-Vorschriften Taschenbuch 2026', unit: 'pc' },
  'FAS-0111': { name: 'Sechskantschraube DIN 933 M8x40 verzinkt', unit: 'pc' },
};

function pricedOrder(options: {
  account: CompanyAccount;
  lines: readonly [string, number][];
  discounts?: readonly Discount[];
  deliveryCountry: string;
  isNewCustomer?: boolean;
  deliveryFee?: number;
  orderNumber: string;
  shipments?: readonly Shipment[];
  paymentMethod?: string;
  poNumber?: string;
}): Order {
  const context: PricingContext = {
    customer: { companyId: options.account.id, customerGroup: options.account.customerGroup, isNewCustomer: options.isNewCustomer ?? false, vatId: options.account.vatId, displayMode: 'net' },
    deliveryCountry: options.deliveryCountry,
    sellerCountry: 'DE',
    date: '2026-11-18',
    currency: 'EUR',
  };
  const priced = priceCart(
    options.lines.map(([sku, quantity]) => ({ sku, quantity })),
    catalog,
    [],
    options.discounts ?? [],
    context,
  );
  expect(priced.problems).toEqual([]);
  const lines: OrderLine[] = priced.lines.map((line) => ({
    sku: line.sku,
    name: names[line.sku]?.name ?? line.sku,
    unit: names[line.sku]?.unit ?? 'pc',
    quantity: formatMilli(line.quantity),
    unitNet: line.unitNet,
    lineNet: line.lineNet,
    vatRate: line.vatRate,
  }));
  return {
    orderId: `o-${options.orderNumber}`,
    orderNumber: options.orderNumber,
    companyId: options.account.id,
    placedBy: { sub: 'u-1', email: options.account.id === 'nowak-instalacje' ? 'buyer@nowak-instalacje.example' : 'buyer@mueller-bau.example', name: 'Jonas Weber', role: 'buyer' },
    status: 'confirmed',
    createdAt: '2026-11-18T09:12:00.000Z',
    lines,
    net: priced.net,
    vat: priced.vat,
    gross: priced.gross,
    vatBreakdown: priced.vatBreakdown,
    reverseCharge: priced.reverseCharge,
    orderDiscounts: priced.orderDiscounts,
    agreementId: null,
    paymentMethod: options.paymentMethod ?? 'on-account',
    delivery: { kind: 'carrier' },
    deliveryFee: EUR(options.deliveryFee ?? 0),
    ...(options.poNumber ? { poNumber: options.poNumber } : {}),
    ...(options.shipments ? { shipments: options.shipments } : {}),
  } as Order;
}

const shipment = (n: number, shippedAt: string, lines: Shipment['lines']): Shipment => ({
  shipmentId: `s-${n}`,
  shipmentNumber: `ORD-2026-000120-${n}`,
  lines,
  carrier: 'hartmann-express',
  status: 'shipped',
  createdAt: shippedAt,
  shippedAt,
});

const invoiceXml = (order: Order, account: CompanyAccount, number: string, extra: { amountDue?: { amount: number; currency: string } } = {}) =>
  invoiceEInvoice({ order, parties: partiesOf(account), invoiceNumber: number, issueDate: '2026-11-18', dueDate: '2026-12-18', paymentTerms: 'Payable on account by 2026-12-18 without deduction.', ...extra });

// ---- the document kinds of issue #13 --------------------------------------------------------

const domesticOrder = pricedOrder({
  account: mueller,
  orderNumber: 'ORD-2026-000117',
  deliveryCountry: 'DE',
  lines: [
    ['DRL-1001', 3_000],
    ['CBL-2002', 12_500],
    ['BK-3003', 2_000],
  ],
  deliveryFee: 1_190,
  poNumber: 'PO-7781',
});

const discountedOrder = pricedOrder({
  account: mueller,
  orderNumber: 'ORD-2026-000118',
  deliveryCountry: 'DE',
  isNewCustomer: true,
  lines: [
    ['DRL-1001', 7_000],
    ['FAS-0111', 250_000],
    ['BK-3003', 3_000],
  ],
  discounts: [
    { id: 'welcome-5', name: 'Welcome: 5 % on the first order', rule: { newCustomer: true }, effect: { kind: 'percent', rate: 500 }, active: true },
    { id: 'big-order-25', name: '25 EUR off orders from 1 000 EUR', rule: { orderNetAtLeast: EUR(100_000) }, effect: { kind: 'fixed', amount: EUR(2_500) }, active: true },
  ],
  deliveryFee: 1_190,
});

const reverseChargeOrder = pricedOrder({
  account: nowak,
  orderNumber: 'ORD-2026-000119',
  deliveryCountry: 'PL',
  lines: [
    ['DRL-1001', 2_000],
    ['BK-3003', 1_000],
  ],
  deliveryFee: 2_900,
  paymentMethod: 'bank-prepayment',
  poNumber: 'PO-PL-77',
});

const partialOrder = pricedOrder({
  account: mueller,
  orderNumber: 'ORD-2026-000120',
  deliveryCountry: 'DE',
  lines: [
    ['DRL-1001', 4_000],
    ['CBL-2002', 50_000],
  ],
  shipments: [shipment(1, '2026-11-19T14:00:00.000Z', [{ sku: 'DRL-1001', quantity: '2' }, { sku: 'CBL-2002', quantity: '50' }]), shipment(2, '2026-11-26T10:30:00.000Z', [{ sku: 'DRL-1001', quantity: '2' }])],
});

const creditNoteXml = () => {
  const amounts = documentAmounts(
    [
      { sku: 'DRL-1001', name: names['DRL-1001']?.name ?? '', unit: 'pc', quantity: '1', unitNet: domesticOrder.lines[0]?.unitNet ?? EUR(0), vatRate: 1900 },
      { sku: 'BK-3003', name: names['BK-3003']?.name ?? '', unit: 'pc', quantity: '1', unitNet: domesticOrder.lines[2]?.unitNet ?? EUR(0), vatRate: 700 },
    ],
    'EUR',
  );
  return creditNoteEInvoice({
    parties: partiesOf(mueller),
    order: domesticOrder,
    invoiceIssuedAt: '2026-11-18T09:15:00.000Z',
    document: {
      creditNoteNumber: 'CN-2026-000007',
      invoiceNumber: 'INV-2026-000042',
      orderNumber: domesticOrder.orderNumber,
      issueDate: '2026-11-30',
      reason: 'Returned goods (RMA-2026-000003)',
      seller: partiesOf(mueller).seller,
      buyer: partiesOf(mueller).buyer,
      amounts,
    },
  });
};

export const documents = (): Record<string, string> => ({
  'DE→DE invoice, 19 % + 7 % and delivery fee': invoiceXml(domesticOrder, mueller, 'INV-2026-000042'),
  'discounted order (percent per line, fixed on the order, carton price)': invoiceXml(discountedOrder, mueller, 'INV-2026-000043'),
  'DE→PL reverse-charge invoice': invoiceXml(reverseChargeOrder, nowak, 'INV-2026-000044'),
  'credit note': creditNoteXml(),
  'partial-delivery invoice': invoiceXml(partialOrder, mueller, 'INV-2026-000045'),
  'prepaid invoice (nothing due)': invoiceXml(domesticOrder, mueller, 'INV-2026-000046', { amountDue: EUR(0) }),
  'buyer without billing address (delivery address used)': invoiceXml(domesticOrder, { ...mueller, billingAddress: undefined, deliveryAddresses: [{ id: 'd1', street: 'Baustelle Neckarpark 3', postalCode: '70372', city: 'Stuttgart', country: 'DE' }] }, 'INV-2026-000047'),
});

describe('official e-invoice validators (KoSIT XRechnung 3.0.2, CEN EN 16931 CII 1.3.16, CII D16B XSD)', () => {
  let reports: Record<string, ValidationReport>;
  const produced = documents();

  beforeAll(async () => {
    // Broken on purpose, proving the validators can reject: BR-DE-6 (no seller phone), BR-DE-9 (no buyer postcode).
    const broken = invoiceEInvoice({
      order: domesticOrder,
      parties: { ...partiesOf({ ...mueller, billingAddress: undefined }), settings: { ...settings, sellerContact: { ...settings.sellerContact, phone: '' } } },
      invoiceNumber: 'INV-2026-000099',
      issueDate: '2026-11-18',
      paymentTerms: 'Payable on account.',
    });
    reports = await validateEInvoices({ ...produced, broken });
  }, 180_000);

  for (const name of Object.keys(produced)) {
    it(`${name}: zero fatal/error findings`, () => {
      const report = reports[name];
      expect(report).toBeDefined();
      expect(rejections(report as ValidationReport)).toEqual([]);
    });
  }

  it('the validators reject what a receiver would reject (missing seller phone, buyer without postcode)', () => {
    const found = rejections(reports.broken as ValidationReport).join('\n');
    expect(found).toMatch(/xrechnung BR-DE-6 \[fatal\]/);
    expect(found).toMatch(/xrechnung BR-DE-9 \[fatal\]/);
  });

  it('no R120 warning: every line reconciles (quantity × net price − line allowance)', () => {
    for (const name of Object.keys(produced)) {
      expect(reports[name]?.warnings.filter((warning) => warning.id === 'PEPPOL-EN16931-R120'), name).toEqual([]);
    }
  });
});
