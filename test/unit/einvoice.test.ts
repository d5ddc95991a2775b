import { XMLParser } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { buildCiiXml, eInvoiceTotals, unitCode, type EInvoice } from '../../functions/invoices/einvoice.js';
import { sellerAddress } from '../../functions/invoices/einvoice-documents.js';
import { validateAgainstXsd } from '../support/xsd.js';

const XSD = 'test/fixtures/xsd/cii-d16b/Factur-X_1.07.3_EN16931.xsd';
const eur = (amount: number) => ({ amount, currency: 'EUR' });

const domestic: EInvoice = {
  typeCode: '380',
  number: 'INV-2026-000042',
  issueDate: '2026-11-20',
  dueDate: '2026-12-20',
  currency: 'EUR',
  buyerReference: 'PO-7781',
  orderReference: 'ORD-2026-000017',
  seller: {
    name: 'Hartmann Technischer Großhandel GmbH',
    vatId: 'DE 811 907 980',
    address: { street: 'Hafenstraße 8', postalCode: '70327', city: 'Stuttgart', country: 'DE' },
    email: 'billing@hartmann.example',
    contact: { name: 'Accounts receivable', email: 'billing@hartmann.example' },
  },
  buyer: {
    name: 'Müller Bau GmbH & Co. KG',
    vatId: 'DE136695976',
    address: { street: 'Industriestraße 12', postalCode: '70565', city: 'Stuttgart', country: 'DE' },
    email: 'buyer@mueller-bau.example',
  },
  lines: [
    { id: '1', sku: 'DRL-1001', name: 'Cordless drill <18 V>', unit: 'pc', quantity: '3', unitNet: eur(12_999), lineNet: eur(38_997), vatRate: 1900 },
    { id: '2', sku: 'CBL-2002', name: 'Cable NYM-J 3x1.5', unit: 'm', quantity: '12.5', unitNet: eur(89), lineNet: eur(1113), vatRate: 1900 },
    { id: '3', sku: 'BK-3003', name: 'Manual (print)', unit: 'box', quantity: '1', unitNet: eur(1_000), lineNet: eur(1_000), vatRate: 700 },
  ],
  deliveryFee: eur(1_190),
  reverseCharge: false,
  paymentTerms: 'Payable on account by 2026-12-20 without deduction.',
  sellerIban: 'DE89 3704 0044 0532 0130 00',
  paymentReference: 'INV-2026-000042',
  notes: ['Cost centre: 4711'],
};

const parse = (xml: string) =>
  new XMLParser({
    ignoreAttributes: false,
    removeNSPrefix: true,
    parseTagValue: false,
    isArray: (name) => ['IncludedSupplyChainTradeLineItem', 'ApplicableTradeTax'].includes(name),
  }).parse(xml);

describe('EN 16931 CII e-invoice', () => {
  it('validates against the CII D16B (EN 16931) schema: invoice, credit note and reverse charge', () => {
    const creditNote: EInvoice = {
      ...domestic,
      typeCode: '381',
      number: 'CN-2026-000003',
      precedingInvoice: { number: 'INV-2026-000042', issueDate: '2026-11-20' },
      deliveryFee: undefined as never,
    };
    const reverse: EInvoice = {
      ...domestic,
      buyer: {
        name: 'Nowak Instalacje Sp. z o.o.',
        vatId: 'PL5260250274',
        address: { street: 'ul. Długa 5', postalCode: '00-238', city: 'Warszawa', country: 'PL' },
      },
      lines: domestic.lines.map((line) => ({ ...line, vatRate: 0 })),
      reverseCharge: true,
      notes: ['Reverse charge: VAT to be accounted for by the recipient.'],
    };
    for (const document of [domestic, creditNote, reverse]) {
      const result = validateAgainstXsd(buildCiiXml(document), XSD);
      expect(result.errors).toEqual([]);
      expect(result.valid).toBe(true);
    }
  });

  it('the schema check can fail: a document without its mandatory parts is rejected', () => {
    const broken = buildCiiXml(domestic).replace(/<ram:InvoiceCurrencyCode>EUR<\/ram:InvoiceCurrencyCode>/, '');
    const result = validateAgainstXsd(broken, XSD);
    expect(result.valid).toBe(false);
    expect(result.errors.join('\n')).toMatch(/InvoiceCurrencyCode|not expected|Missing child/i);
  });

  it('BR-CO-10/13/14/15: line nets sum to BT-106, VAT per category, grand total; delivery fee as a charge', () => {
    const totals = eInvoiceTotals(domestic);
    expect(totals.lineTotal).toBe(38_997 + 1113 + 1_000);
    // 11.90 gross delivery at 19 % → 10.00 net
    expect(totals.charge).toEqual({ net: 1_000, rate: 1900, category: 'S' });
    expect(totals.groups).toEqual([
      { category: 'S', rate: 1900, basis: 38_997 + 1113 + 1_000, tax: Math.round((38_997 + 1113 + 1_000) * 0.19) },
      { category: 'S', rate: 700, basis: 1_000, tax: 70 },
    ]);
    expect(totals.taxBasisTotal).toBe(totals.lineTotal + totals.chargeTotal);
    expect(totals.grandTotal).toBe(totals.taxBasisTotal + totals.taxTotal);

    const xml = parse(buildCiiXml(domestic));
    const transaction = xml.CrossIndustryInvoice.SupplyChainTradeTransaction;
    const lineNets = transaction.IncludedSupplyChainTradeLineItem.map(
      (item: { SpecifiedLineTradeSettlement: { SpecifiedTradeSettlementLineMonetarySummation: { LineTotalAmount: string } } }) =>
        Math.round(Number(item.SpecifiedLineTradeSettlement.SpecifiedTradeSettlementLineMonetarySummation.LineTotalAmount) * 100),
    );
    const summary = transaction.ApplicableHeaderTradeSettlement.SpecifiedTradeSettlementHeaderMonetarySummation;
    expect(lineNets.reduce((a: number, b: number) => a + b, 0)).toBe(Math.round(Number(summary.LineTotalAmount) * 100));
    const taxes = transaction.ApplicableHeaderTradeSettlement.ApplicableTradeTax;
    const taxSum = taxes.reduce((sum: number, tax: { CalculatedAmount: string }) => sum + Math.round(Number(tax.CalculatedAmount) * 100), 0);
    expect(Math.round(Number(summary.TaxTotalAmount['#text']) * 100)).toBe(taxSum);
    expect(summary.TaxTotalAmount['@_currencyID']).toBe('EUR');
    expect(transaction.ApplicableHeaderTradeAgreement.BuyerReference).toBe('PO-7781');
    expect(transaction.ApplicableHeaderTradeSettlement.SpecifiedTradeSettlementPaymentMeans).toEqual({
      TypeCode: '58',
      PayeePartyCreditorFinancialAccount: { IBANID: 'DE89370400440532013000' },
    });
    // The customer owes exactly the booked gross: goods gross per rate + the gross delivery fee.
    const goods19 = 38_997 + 1113;
    const booked = goods19 + Math.round(goods19 * 0.19) + 1_000 + 70 + 1_190;
    expect(Math.round(Number(summary.DuePayableAmount) * 100)).toBe(booked);
  });

  it('reverse charge: category AE, rate 0, exemption reason and code, both VAT ids', () => {
    const reverse: EInvoice = {
      ...domestic,
      lines: domestic.lines.map((line) => ({ ...line, vatRate: 0 })),
      reverseCharge: true,
      deliveryFee: undefined as never,
    };
    const xml = parse(buildCiiXml(reverse));
    const [tax] = xml.CrossIndustryInvoice.SupplyChainTradeTransaction.ApplicableHeaderTradeSettlement.ApplicableTradeTax;
    expect(tax).toMatchObject({
      CalculatedAmount: '0.00',
      TypeCode: 'VAT',
      ExemptionReason: 'Reverse charge',
      CategoryCode: 'AE',
      ExemptionReasonCode: 'VATEX-EU-AE',
      RateApplicablePercent: '0.00',
    });
    expect(xml.CrossIndustryInvoice.SupplyChainTradeTransaction.ApplicableHeaderTradeAgreement.BuyerTradeParty.SpecifiedTaxRegistration.ID['#text']).toBe(
      'DE136695976',
    );
  });

  it('BT-10 falls back to n/a; credit notes are type 381 and reference the invoice', () => {
    const xml = parse(
      buildCiiXml({ ...domestic, typeCode: '381', buyerReference: '', precedingInvoice: { number: 'INV-2026-000042', issueDate: '2026-11-20' } }),
    );
    expect(xml.CrossIndustryInvoice.ExchangedDocument.TypeCode).toBe('381');
    expect(xml.CrossIndustryInvoice.SupplyChainTradeTransaction.ApplicableHeaderTradeAgreement.BuyerReference).toBe('n/a');
    expect(xml.CrossIndustryInvoice.SupplyChainTradeTransaction.ApplicableHeaderTradeSettlement.InvoiceReferencedDocument.IssuerAssignedID).toBe(
      'INV-2026-000042',
    );
  });

  it('escapes markup in names and maps units', () => {
    expect(buildCiiXml(domestic)).toContain('Cordless drill &lt;18 V&gt;');
    expect(buildCiiXml(domestic)).toContain('Müller Bau GmbH &amp; Co. KG');
    expect(unitCode('pc')).toBe('H87');
    expect(unitCode('l')).toBe('LTR');
    expect(unitCode('widget')).toBe('C62');
  });

  it('reads the seller address from printed lines', () => {
    expect(
      sellerAddress(['Hartmann Technischer Großhandel GmbH', 'Hafenstraße 8', '70327 Stuttgart', 'Germany'], 'Hartmann Technischer Großhandel GmbH', 'DE'),
    ).toEqual({
      street: 'Hafenstraße 8',
      postalCode: '70327',
      city: 'Stuttgart',
      country: 'DE',
    });
    expect(sellerAddress(['ul. Długa 5', '00-238 Warszawa'], 'X', 'PL')).toEqual({
      street: 'ul. Długa 5',
      postalCode: '00-238',
      city: 'Warszawa',
      country: 'PL',
    });
  });
});

describe('seller contact for XRechnung (shop settings, functions/accounts/rules.ts)', () => {
  it('needs a name, a phone with three digits (BR-DE-6/27) and a plain, answered e-mail address (BR-DE-7/28)', async () => {
    const { sellerContactProblem } = await import('../../functions/accounts/rules.js');
    const ok = { name: 'Sabine Krüger', phone: '+49 711 9876 500', email: 'buchhaltung@hartmann.example' };
    expect(sellerContactProblem(ok)).toBeUndefined();
    expect(sellerContactProblem({ ...ok, phone: '(0711) 98-76/500' })).toBeUndefined();
    expect(sellerContactProblem({ ...ok, name: ' ' })).toMatch(/name/);
    expect(sellerContactProblem({ ...ok, phone: '' })).toMatch(/phone/);
    expect(sellerContactProblem({ ...ok, phone: '12' })).toMatch(/phone/);
    expect(sellerContactProblem({ ...ok, phone: 'call us' })).toMatch(/phone/);
    expect(sellerContactProblem({ ...ok, email: 'Hartmann <buchhaltung@hartmann.example>' })).toMatch(/plain address/);
    expect(sellerContactProblem({ ...ok, email: 'a@hartmann.example' })).toMatch(/plain address/);
    expect(sellerContactProblem({ ...ok, email: 'buchhaltung@localhost' })).toMatch(/plain address/);
    expect(sellerContactProblem({ ...ok, email: 'no-reply@hartmann.example' })).toMatch(/no-reply/);
    expect(sellerContactProblem({ ...ok, email: 'noreply@hartmann.example' })).toMatch(/no-reply/);
  });
});
