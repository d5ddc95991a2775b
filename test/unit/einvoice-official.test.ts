import { PDFArray, PDFDict, PDFDocument, PDFName, PDFRawStream, PDFStream, decodePDFRawStream, type PDFRef } from 'pdf-lib';
import { beforeAll, describe, expect, it } from 'vitest';
import type { CompanyAccount, ShopSettings } from '../../functions/accounts/rules.js';
import { defaultShopSettings } from '../../functions/accounts/rules.js';
import { renderCreditNotePdf, type CreditNoteDocument } from '../../functions/invoices/credit-notes.js';
import { EN16931_GUIDELINE, XRECHNUNG_GUIDELINE } from '../../functions/invoices/einvoice.js';
import { creditNoteEInvoice, invoiceEInvoice, invoiceEInvoiceInput, invoicePdfDocument } from '../../functions/invoices/einvoice-documents.js';
import { renderInvoicePdf } from '../../functions/invoices/pdf.js';
import type { DocumentParties } from '../../functions/invoices/parties.js';
import { documentAmounts } from '../../functions/invoices/rules.js';
import type { Order, OrderLine, Shipment } from '../../functions/orders/repository.js';
import { priceCart } from '../../functions/pricing/engine.js';
import type { Discount, PriceList, PricingContext, ProductPricing } from '../../functions/pricing/model.js';
import { formatMilli } from '../../functions/shared/quantity.js';
import { pdfAttachments, pdfFonts, rejections, validateEInvoices, type ValidationReport } from '../support/einvoice-validators.js';

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

// Nowak's price list in PLN (prices kept in PLN, not converted).
const plnPriceLists: PriceList[] = [
  {
    id: 'nowak-pln-2026',
    scope: { kind: 'company', companyId: 'nowak-instalacje' },
    currency: 'PLN',
    prices: {
      'DRL-1001': { unitPrice: { amount: 55_890, currency: 'PLN' } },
      'CBL-2002': { unitPrice: { amount: 380, currency: 'PLN' } },
      'BK-3003': { unitPrice: { amount: 10_710, currency: 'PLN' } },
      'FAS-0111': { unitPrice: { amount: 30, currency: 'PLN' } },
    },
  },
];

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
  /** PLN: priced from Nowak's PLN price list (plnPriceLists), fee in PLN. */
  currency?: string;
  /** The VIES evidence of the buyer's VAT ID (reverse charge needs it). */
  vatConfirmed?: boolean;
}): Order {
  const currency = options.currency ?? 'EUR';
  const context: PricingContext = {
    customer: {
      companyId: options.account.id,
      customerGroup: options.account.customerGroup,
      isNewCustomer: options.isNewCustomer ?? false,
      vatId: options.account.vatId,
      ...(options.vatConfirmed
        ? {
            vatConfirmation: {
              confirmed: true as const,
              evidence: {
                vatId: options.account.vatId,
                source: 'VIES' as const,
                valid: true as const,
                requestDate: '2026-11-02T08:00:00.000Z',
                checkedAt: '2026-11-02T08:00:01.000Z',
              },
            },
          }
        : {}),
      displayMode: 'net',
    },
    deliveryCountry: options.deliveryCountry,
    sellerCountry: 'DE',
    date: '2026-11-18',
    currency,
  };
  const priced = priceCart(
    options.lines.map(([sku, quantity]) => ({ sku, quantity })),
    catalog,
    currency === 'PLN' ? plnPriceLists : [],
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
    // The buyer's own article number (BT-156) on one line of every document.
    ...(line.sku === 'DRL-1001' ? { buyerNumber: 'MB-4711/08' } : {}),
  }));
  return {
    orderId: `o-${options.orderNumber}`,
    orderNumber: options.orderNumber,
    companyId: options.account.id,
    placedBy: {
      sub: 'u-1',
      email: options.account.id === 'nowak-instalacje' ? 'buyer@nowak-instalacje.example' : 'buyer@mueller-bau.example',
      name: 'Jonas Weber',
      role: 'buyer',
    },
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
    delivery: { kind: 'carrier', carrierId: 'dpd', city: 'Berlin', branchId: 'dpd-berlin-1' },
    deliveryFee: { amount: options.deliveryFee ?? 0, currency },
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

/** What functions/invoices/service.ts stores for an order: the PDF content and the e-invoice input made from it. */
const invoiceParts = (order: Order, account: CompanyAccount, number: string) => {
  const pdfDocument = invoicePdfDocument(order, partiesOf(account), { invoiceNumber: number, issuedAt: '2026-11-18T09:15:00.000Z', dueDate: '2026-12-18' });
  return { pdfDocument, input: invoiceEInvoiceInput(order, partiesOf(account), pdfDocument) };
};
const invoiceXml = (order: Order, account: CompanyAccount, number: string, extra: { amountDue?: { amount: number; currency: string } } = {}) =>
  invoiceEInvoice({ ...invoiceParts(order, account, number).input, ...extra });

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
    {
      id: 'big-order-25',
      name: '25 EUR off orders from 1 000 EUR',
      rule: { orderNetAtLeast: EUR(100_000) },
      effect: { kind: 'fixed', amount: EUR(2_500) },
      active: true,
    },
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

// A Polish customer buying in PLN (issue 16): reverse charge (VIES-confirmed VAT ID) and, without a
// confirmation, German VAT charged on a PLN invoice.
const plnReverseChargeOrder = pricedOrder({
  account: nowak,
  orderNumber: 'ORD-2026-000121',
  deliveryCountry: 'PL',
  currency: 'PLN',
  vatConfirmed: true,
  lines: [
    ['DRL-1001', 2_000],
    ['CBL-2002', 25_000],
    ['FAS-0111', 100_000],
  ],
  deliveryFee: 3_990,
  paymentMethod: 'prepaid-balance',
  poNumber: 'PO-PL-78',
});

const plnDomesticVatOrder = pricedOrder({
  account: nowak,
  orderNumber: 'ORD-2026-000122',
  deliveryCountry: 'PL',
  currency: 'PLN',
  lines: [
    ['DRL-1001', 1_000],
    ['BK-3003', 2_000],
  ],
  deliveryFee: 3_990,
  paymentMethod: 'bank-prepayment',
});

const partialOrder = pricedOrder({
  account: mueller,
  orderNumber: 'ORD-2026-000120',
  deliveryCountry: 'DE',
  lines: [
    ['DRL-1001', 4_000],
    ['CBL-2002', 50_000],
  ],
  shipments: [
    shipment(1, '2026-11-19T14:00:00.000Z', [
      { sku: 'DRL-1001', quantity: '2' },
      { sku: 'CBL-2002', quantity: '50' },
    ]),
    shipment(2, '2026-11-26T10:30:00.000Z', [{ sku: 'DRL-1001', quantity: '2' }]),
  ],
});

const creditNoteInput = () => {
  const amounts = documentAmounts(
    [
      {
        sku: 'DRL-1001',
        name: names['DRL-1001']?.name ?? '',
        unit: 'pc',
        quantity: '1',
        unitNet: domesticOrder.lines[0]?.unitNet ?? EUR(0),
        vatRate: 1900,
        buyerNumber: 'MB-4711/08',
      },
      { sku: 'BK-3003', name: names['BK-3003']?.name ?? '', unit: 'pc', quantity: '1', unitNet: domesticOrder.lines[2]?.unitNet ?? EUR(0), vatRate: 700 },
    ],
    'EUR',
  );
  const document: CreditNoteDocument = {
    creditNoteNumber: 'CN-2026-000007',
    invoiceNumber: 'INV-2026-000042',
    orderNumber: domesticOrder.orderNumber,
    issueDate: '2026-11-30',
    reason: 'Returned goods (RMA-2026-000003)',
    seller: partiesOf(mueller).seller,
    buyer: partiesOf(mueller).buyer,
    amounts,
  };
  return { parties: partiesOf(mueller), order: domesticOrder, invoiceIssuedAt: '2026-11-18T09:15:00.000Z', document };
};
const creditNoteXml = () => creditNoteEInvoice(creditNoteInput());

/** A PLN credit note on the PLN reverse-charge invoice (one drill returned). */
const plnCreditNoteInput = () => {
  const amounts = documentAmounts(
    [
      {
        sku: 'DRL-1001',
        name: names['DRL-1001']?.name ?? '',
        unit: 'pc',
        quantity: '1',
        unitNet: plnReverseChargeOrder.lines[0]?.unitNet ?? { amount: 0, currency: 'PLN' },
        vatRate: 0,
        buyerNumber: 'MB-4711/08',
      },
    ],
    'PLN',
  );
  const document: CreditNoteDocument = {
    creditNoteNumber: 'CN-2026-000008',
    invoiceNumber: 'INV-2026-000048',
    orderNumber: plnReverseChargeOrder.orderNumber,
    issueDate: '2026-11-30',
    reason: 'Returned goods (RMA-2026-000004)',
    seller: partiesOf(nowak).seller,
    buyer: partiesOf(nowak).buyer,
    amounts,
    ...(plnReverseChargeOrder.reverseCharge.explanation ? { reverseChargeNote: plnReverseChargeOrder.reverseCharge.explanation } : {}),
  };
  return { parties: partiesOf(nowak), order: plnReverseChargeOrder, invoiceIssuedAt: '2026-11-18T09:15:00.000Z', document };
};

// biome-ignore lint/suspicious/noExportsInTest: other test files reuse these fixtures
export const documents = (): Record<string, string> => ({
  'DE→DE invoice, 19 % + 7 % and delivery fee': invoiceXml(domesticOrder, mueller, 'INV-2026-000042'),
  'discounted order (percent per line, fixed on the order, carton price)': invoiceXml(discountedOrder, mueller, 'INV-2026-000043'),
  'DE→PL reverse-charge invoice': invoiceXml(reverseChargeOrder, nowak, 'INV-2026-000044'),
  'credit note': creditNoteXml(),
  'partial-delivery invoice': invoiceXml(partialOrder, mueller, 'INV-2026-000045'),
  'DE→PL reverse-charge invoice in PLN (BT-6 EUR)': invoiceXml(plnReverseChargeOrder, nowak, 'INV-2026-000048', { amountDue: { amount: 0, currency: 'PLN' } }),
  'DE→PL invoice in PLN with German VAT (VAT ID not confirmed)': invoiceXml(plnDomesticVatOrder, nowak, 'INV-2026-000049'),
  'credit note in PLN': creditNoteEInvoice(plnCreditNoteInput()),
  'prepaid invoice (nothing due)': invoiceXml(domesticOrder, mueller, 'INV-2026-000046', { amountDue: EUR(0) }),
  'buyer without billing address (delivery address used)': invoiceXml(
    domesticOrder,
    {
      ...mueller,
      billingAddress: undefined,
      deliveryAddresses: [{ id: 'd1', street: 'Baustelle Neckarpark 3', postalCode: '70372', city: 'Stuttgart', country: 'DE' }],
    },
    'INV-2026-000047',
  ),
});

/** The hybrid PDFs as the services write them: invoice and credit note with their Factur-X EN 16931 XML. */
async function hybridPdfs(): Promise<Record<string, { pdf: Uint8Array; standalone: string; embedded: string }>> {
  const result: Record<string, { pdf: Uint8Array; standalone: string; embedded: string }> = {};
  for (const [name, order, account, number] of [
    ['invoice PDF', domesticOrder, mueller, 'INV-2026-000042'],
    ['reverse-charge invoice PDF', reverseChargeOrder, nowak, 'INV-2026-000044'],
  ] as const) {
    const { pdfDocument, input } = invoiceParts(order, account, number);
    const embedded = invoiceEInvoice(input, 'en16931');
    result[name] = { pdf: await renderInvoicePdf(pdfDocument, { xml: embedded }), standalone: invoiceEInvoice(input), embedded };
  }
  const credit = creditNoteInput();
  const embedded = creditNoteEInvoice(credit, 'en16931');
  result['credit note PDF'] = { pdf: await renderCreditNotePdf(credit.document, { xml: embedded }), standalone: creditNoteEInvoice(credit), embedded };
  return result;
}

describe('official e-invoice validators (KoSIT XRechnung 3.0.2, CEN EN 16931 CII 1.3.16, CII D16B XSD)', () => {
  let reports: Record<string, ValidationReport>;
  let pdfs: Awaited<ReturnType<typeof hybridPdfs>>;
  const extracted: Record<string, string> = {};
  const produced = documents();

  beforeAll(async () => {
    pdfs = await hybridPdfs();
    for (const [name, { pdf }] of Object.entries(pdfs)) {
      const files = pdfAttachments(pdf);
      expect(Object.keys(files), name).toEqual(['factur-x.xml']);
      extracted[name] = files['factur-x.xml']?.toString('utf8') ?? '';
    }
    // Broken on purpose, proving the validators can reject: BR-DE-6 (no seller phone), BR-DE-9 (no buyer postcode).
    const broken = invoiceEInvoice({
      order: domesticOrder,
      parties: { ...partiesOf({ ...mueller, billingAddress: undefined }), settings: { ...settings, sellerContact: { ...settings.sellerContact, phone: '' } } },
      invoiceNumber: 'INV-2026-000099',
      issueDate: '2026-11-18',
      paymentTerms: 'Payable on account.',
    });
    // One batch: one JVM per rule set for every document (Java starts slowly).
    reports = await validateEInvoices({
      ...produced,
      ...Object.fromEntries(Object.entries(extracted).map(([name, xml]) => [`factur-x.xml of the ${name}`, xml])),
      broken,
    });
  }, 180_000);

  for (const name of Object.keys(produced)) {
    it(`${name}: zero fatal/error findings`, () => {
      const report = reports[name];
      expect(report).toBeDefined();
      expect(rejections(report as ValidationReport)).toEqual([]);
    });
  }

  it("carries the buyer's own article number as BT-156 where the line has one", () => {
    const withNumber = Object.entries(produced).filter(([, xml]) => xml.includes('<ram:SellerAssignedID>DRL-1001</ram:SellerAssignedID>'));
    expect(withNumber.length).toBeGreaterThan(0);
    for (const [name, xml] of withNumber)
      expect(xml, name).toContain('<ram:SellerAssignedID>DRL-1001</ram:SellerAssignedID><ram:BuyerAssignedID>MB-4711/08</ram:BuyerAssignedID>');
  });

  it('the validators reject what a receiver would reject (missing seller phone, buyer without postcode)', () => {
    const found = rejections(reports.broken as ValidationReport).join('\n');
    expect(found).toMatch(/xrechnung BR-DE-6 \[fatal\]/);
    expect(found).toMatch(/xrechnung BR-DE-9 \[fatal\]/);
  });

  it('no R120 warning: every line reconciles (quantity × net price − line allowance)', () => {
    for (const name of Object.keys(produced)) {
      expect(
        reports[name]?.warnings.filter((warning) => warning.id === 'PEPPOL-EN16931-R120'),
        name,
      ).toEqual([]);
    }
  });

  describe('ZUGFeRD 2.x / Factur-X EN 16931 hybrid PDFs', () => {
    it('the XML pdfdetach extracts is the e-invoice (EN 16931 profile; the standalone download differs only in BT-24) and passes the CEN and KoSIT rules and the XSD', () => {
      for (const [name, { standalone, embedded }] of Object.entries(pdfs)) {
        expect(extracted[name], name).toBe(embedded);
        expect(embedded).toContain(`<ram:GuidelineSpecifiedDocumentContextParameter><ram:ID>${EN16931_GUIDELINE}</ram:ID>`);
        expect(standalone).toContain(`<ram:GuidelineSpecifiedDocumentContextParameter><ram:ID>${XRECHNUNG_GUIDELINE}</ram:ID>`);
        expect(embedded.replace(EN16931_GUIDELINE, XRECHNUNG_GUIDELINE)).toBe(standalone);
        const report = reports[`factur-x.xml of the ${name}`] as ValidationReport;
        expect(rejections(report), name).toEqual([]);
        // the only finding: BR-DE-21 (a warning), BT-24 is not the XRechnung identifier — by design, this is the EN 16931 profile
        expect(
          report.warnings.map((warning) => warning.id).filter((id) => id !== 'BR-DE-21'),
          name,
        ).toEqual([]);
      }
    });

    it('PDF/A-3B parts: XMP (pdfaid 3/B, Factur-X extension schema), AF with AFRelationship Alternative, sRGB output intent, file ID, every font embedded', async () => {
      for (const [name, { pdf }] of Object.entries(pdfs)) {
        const doc = await PDFDocument.load(pdf, { updateMetadata: false });
        const catalog = doc.catalog;
        const metadata = doc.context.lookup(catalog.get(PDFName.of('Metadata')) as PDFRef) as PDFRawStream;
        expect(metadata.dict.get(PDFName.of('Filter')), `${name}: metadata unfiltered`).toBeUndefined();
        const xmp = Buffer.from(metadata.getContents()).toString('utf8');
        for (const expected of [
          '<pdfaid:part>3</pdfaid:part>',
          '<pdfaid:conformance>B</pdfaid:conformance>',
          '<pdfaSchema:namespaceURI>urn:factur-x:pdfa:CrossIndustryDocument:invoice:1p0#</pdfaSchema:namespaceURI>',
          '<pdfaSchema:prefix>fx</pdfaSchema:prefix>',
          '<fx:DocumentType>INVOICE</fx:DocumentType>',
          '<fx:DocumentFileName>factur-x.xml</fx:DocumentFileName>',
          '<fx:Version>1.0</fx:Version>',
          '<fx:ConformanceLevel>EN 16931</fx:ConformanceLevel>',
          `<rdf:li xml:lang="x-default">${doc.getTitle()}</rdf:li>`,
          '<xmp:CreateDate>',
        ]) {
          expect(xmp, `${name}: ${expected}`).toContain(expected);
        }
        for (const property of ['DocumentFileName', 'DocumentType', 'Version', 'ConformanceLevel'])
          expect(xmp).toContain(`<pdfaProperty:name>${property}</pdfaProperty:name>`);

        const af = catalog.lookup(PDFName.of('AF'), PDFArray);
        expect(af.size(), name).toBe(1);
        const spec = doc.context.lookup(af.get(0) as PDFRef) as PDFDict;
        expect(spec.get(PDFName.of('AFRelationship'))?.toString()).toBe('/Alternative');
        expect(spec.get(PDFName.of('F'))?.toString()).toBe('(factur-x.xml)');
        expect(spec.get(PDFName.of('UF'))).toBeDefined();
        const file = doc.context.lookup(spec.lookup(PDFName.of('EF'), PDFDict).get(PDFName.of('F')) as PDFRef) as PDFStream;
        expect(file.dict.get(PDFName.of('Subtype'))?.toString()).toBe('/text#2Fxml');
        expect(file instanceof PDFRawStream ? Buffer.from(decodePDFRawStream(file).decode()).toString('utf8') : '').toBe(pdfs[name]?.embedded);
        // also listed in the name tree, where viewers show attachments
        expect(catalog.lookup(PDFName.of('Names'), PDFDict).get(PDFName.of('EmbeddedFiles'))).toBeDefined();

        const intents = catalog.lookup(PDFName.of('OutputIntents'), PDFArray);
        const intent = doc.context.lookup(intents.get(0) as PDFRef) as PDFDict;
        expect(intent.get(PDFName.of('S'))?.toString()).toBe('/GTS_PDFA1');
        const profile = doc.context.lookup(intent.get(PDFName.of('DestOutputProfile')) as PDFRef) as PDFRawStream;
        expect(profile.dict.get(PDFName.of('N'))?.toString()).toBe('3');
        expect(Buffer.from(decodePDFRawStream(profile).decode()).subarray(36, 40).toString('latin1')).toBe('acsp'); // an ICC profile

        expect(Buffer.from(pdf).toString('latin1')).toMatch(/\/ID \[ <[0-9a-f]{32}> <[0-9a-f]{32}> \]/);
        const fonts = pdfFonts(pdf);
        expect(fonts.length, name).toBeGreaterThan(0);
        expect(
          fonts.filter((font) => !font.embedded),
          name,
        ).toEqual([]);
      }
    });
  });
});
