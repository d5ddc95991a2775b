import { createHash } from 'node:crypto';
import { XMLParser } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import type { EInvoice } from '../../functions/invoices/einvoice.js';
import { buildFa3Xml, buyerIdentification, fa3Rate, isValidNip, ksefVerificationUrl, polishNip } from '../../functions/invoices/ksef-fa3.js';
import { validateAgainstXsd } from '../support/xsd.js';

/** The Ministry of Finance FA(3) schema, source and version in test/fixtures/xsd/ksef-fa3/README.md. */
const XSD = 'test/fixtures/xsd/ksef-fa3/schemat_FA3_v1-0E.xsd';
const pln = (amount: number) => ({ amount, currency: 'PLN' });

const domestic: EInvoice = {
  typeCode: '380',
  number: 'FV/2026/000042',
  issueDate: '2026-11-20',
  dueDate: '2026-12-04',
  currency: 'PLN',
  buyerReference: 'PO-7781',
  orderReference: 'ORD-2026-000017',
  seller: {
    name: 'Hurtownia Techniczna Kowalski Sp. z o.o.',
    vatId: 'PL 526-104-08-28',
    address: { street: 'ul. Marszałkowska 10', postalCode: '00-590', city: 'Warszawa', country: 'PL' },
    email: 'faktury@kowalski.example',
    contact: { name: 'Księgowość', phone: '+48 22 123 45 67', email: 'faktury@kowalski.example' },
  },
  buyer: {
    name: 'Nowak Instalacje Sp. z o.o.',
    vatId: 'PL5260250274',
    address: { street: 'ul. Długa 5', postalCode: '31-147', city: 'Kraków', country: 'PL' },
    email: 'buyer@nowak-instalacje.example',
  },
  lines: [
    {
      id: '1',
      sku: 'DRL-1001',
      name: 'Wiertarka akumulatorowa <18 V>',
      unit: 'szt.',
      quantity: '3',
      unitNet: pln(49_999),
      lineNet: pln(149_997),
      vatRate: 2300,
    },
    // 10 % line discount: 12.5 × 8.90 = 111.25, net 100.13
    { id: '2', sku: 'CBL-2002', name: 'Przewód YDY 3x1.5', unit: 'm', quantity: '12.5', unitNet: pln(890), lineNet: pln(10_013), vatRate: 2300 },
    { id: '3', sku: 'BK-3003', name: 'Książka instalatora', unit: 'szt.', quantity: '2', unitNet: pln(4_500), lineNet: pln(9_000), vatRate: 800 },
  ],
  allowances: [{ reason: 'Rabat kwartalny', amount: pln(1_000), vatRate: 2300 }],
  deliveryFee: pln(2_460),
  deliveryDate: '2026-11-18',
  reverseCharge: false,
  paymentTerms: 'Płatne przelewem do 2026-12-04.',
  sellerIban: 'PL61 1090 1014 0000 0712 1981 2874',
  paymentReference: 'FV/2026/000042',
  notes: ['Centrum kosztów: 4711'],
};

const creditNote: EInvoice = {
  ...domestic,
  typeCode: '381',
  number: 'KOR/2026/000003',
  issueDate: '2026-11-27',
  precedingInvoice: { number: 'FV/2026/000042', issueDate: '2026-11-20' },
  lines: [
    {
      id: '1',
      sku: 'DRL-1001',
      name: 'Wiertarka akumulatorowa <18 V>',
      unit: 'szt.',
      quantity: '1',
      unitNet: pln(49_999),
      lineNet: pln(49_999),
      vatRate: 2300,
    },
  ],
  allowances: [],
  deliveryFee: undefined as never,
  deliveryDate: '2026-11-27',
  notes: ['Zwrot towaru RMA-12'],
};

const GENERATED_AT = '2026-11-20T10:15:00Z';
const parse = (xml: string) =>
  new XMLParser({ ignoreAttributes: false, parseTagValue: false, isArray: (name) => ['FaWiersz'].includes(name) }).parse(xml).Faktura;

describe('KSeF FA(3) structured invoice', () => {
  it('a domestic PL invoice with 23 % and 8 % lines, a discount and a delivery charge validates against the Ministry of Finance FA(3) XSD', () => {
    const xml = buildFa3Xml(domestic, { generatedAt: GENERATED_AT });
    const result = validateAgainstXsd(xml, XSD);
    expect(result.errors).toEqual([]);
    expect(result.valid).toBe(true);

    const fa = parse(xml);
    expect(fa['@_xmlns']).toBe('http://crd.gov.pl/wzor/2025/06/25/13775/');
    expect(fa.Naglowek.KodFormularza).toMatchObject({ '#text': 'FA', '@_kodSystemowy': 'FA (3)', '@_wersjaSchemy': '1-0E' });
    expect(fa.Naglowek.WariantFormularza).toBe('3');
    expect(fa.Podmiot1.DaneIdentyfikacyjne.NIP).toBe('5261040828');
    expect(fa.Podmiot2.DaneIdentyfikacyjne.NIP).toBe('5260250274');
    expect(fa.Fa).toMatchObject({ KodWaluty: 'PLN', P_1: '2026-11-20', P_2: 'FV/2026/000042', P_6: '2026-11-18', RodzajFaktury: 'VAT' });
    // 23 %: 1499.97 + 100.13 − 10.00 discount + 20.00 delivery net (24.60 gross) = 1610.10, VAT 370.32; 8 %: 90.00, VAT 7.20
    expect(fa.Fa.P_13_1).toBe('1610.10');
    expect(fa.Fa.P_14_1).toBe('370.32');
    expect(fa.Fa.P_13_2).toBe('90.00');
    expect(fa.Fa.P_14_2).toBe('7.20');
    expect(fa.Fa.P_15).toBe('2077.62');
    const rows = fa.Fa.FaWiersz;
    expect(rows.map((row: Record<string, string>) => [row.P_7, row.P_8B, row.P_9A, row.P_10, row.P_11, row.P_12])).toEqual([
      ['Wiertarka akumulatorowa <18 V>', '3', '499.99', undefined, '1499.97', '23'],
      ['Przewód YDY 3x1.5', '12.5', '8.90', '11.12', '100.13', '23'],
      ['Książka instalatora', '2', '45.00', undefined, '90.00', '8'],
      ['Rabat: Rabat kwartalny', undefined, undefined, undefined, '-10.00', '23'],
      ['Koszty dostawy / delivery charge', '1', '20.00', undefined, '20.00', '23'],
    ]);
    // Σ P_11 per rate = P_13 of that rate
    const sum = (rate: string) =>
      rows
        .filter((row: Record<string, string>) => row.P_12 === rate)
        .reduce((total: number, row: Record<string, string>) => total + Math.round(Number(row.P_11) * 100), 0);
    expect(sum('23')).toBe(161_010);
    expect(sum('8')).toBe(9_000);
    expect(fa.Fa.Platnosc).toMatchObject({
      TerminPlatnosci: { Termin: '2026-12-04' },
      FormaPlatnosci: '6',
      RachunekBankowy: { NrRB: 'PL61109010140000071219812874' },
    });
    expect(fa.Fa.WarunkiTransakcji.Zamowienia.NrZamowienia).toBe('ORD-2026-000017');
  });

  it('a correction invoice (faktura korygująca, KOR) for a credit note validates against the XSD and carries negative differences', () => {
    const xml = buildFa3Xml(creditNote, {
      generatedAt: '2026-11-27T08:00:00Z',
      correction: {
        reason: 'Zwrot towaru',
        correctedInvoice: { number: 'FV/2026/000042', issueDate: '2026-11-20', ksefNumber: '5261040828-20261120-0100A0D6723E-C2' },
      },
    });
    const result = validateAgainstXsd(xml, XSD);
    expect(result.errors).toEqual([]);
    expect(result.valid).toBe(true);
    const fa = parse(xml).Fa;
    expect(fa.RodzajFaktury).toBe('KOR');
    expect(fa.PrzyczynaKorekty).toBe('Zwrot towaru');
    expect(fa.DaneFaKorygowanej).toEqual({
      DataWystFaKorygowanej: '2026-11-20',
      NrFaKorygowanej: 'FV/2026/000042',
      NrKSeF: '1',
      NrKSeFFaKorygowanej: '5261040828-20261120-0100A0D6723E-C2',
    });
    expect([fa.P_13_1, fa.P_14_1, fa.P_15]).toEqual(['-499.99', '-115.00', '-614.99']);
    expect([fa.FaWiersz[0].P_8B, fa.FaWiersz[0].P_9A, fa.FaWiersz[0].P_11]).toEqual(['-1', '499.99', '-499.99']);

    // An invoice issued before KSeF (or outside it) is referenced with NrKSeFN.
    const outside = buildFa3Xml(creditNote, {
      generatedAt: '2026-11-27T08:00:00Z',
      correction: { reason: 'Zwrot towaru', correctedInvoice: { number: 'FV/2026/000042', issueDate: '2026-11-20' } },
    });
    expect(validateAgainstXsd(outside, XSD).valid).toBe(true);
    expect(parse(outside).Fa.DaneFaKorygowanej.NrKSeFN).toBe('1');
  });

  it('an intra-EU supply (reverse charge) to a German buyer is 0 WDT with KodUE / NrVatUE and validates', () => {
    const wdt: EInvoice = {
      ...domestic,
      currency: 'PLN',
      buyer: {
        name: 'Müller Bau GmbH',
        vatId: 'DE811907980',
        address: { street: 'Industriestraße 12', postalCode: '70565', city: 'Stuttgart', country: 'DE' },
      },
      lines: domestic.lines.map((line) => ({ ...line, vatRate: 0 })),
      reverseCharge: true,
    };
    const xml = buildFa3Xml(wdt, { generatedAt: GENERATED_AT });
    expect(validateAgainstXsd(xml, XSD).errors).toEqual([]);
    const fa = parse(xml);
    expect(fa.Podmiot2.DaneIdentyfikacyjne).toMatchObject({ KodUE: 'DE', NrVatUE: '811907980' });
    // 1499.97 + 100.13 + 90.00 − 10.00 + the whole delivery fee 24.60 (no VAT inside under reverse charge)
    expect(fa.Fa.P_13_6_2).toBe('1704.70');
    expect(fa.Fa.P_14_1).toBeUndefined();
    expect(fa.Fa.FaWiersz.every((row: Record<string, string>) => row.P_12 === '0 WDT')).toBe(true);
  });

  it('the schema check can fail: an invoice without the seller NIP or with a non-Polish rate is rejected', () => {
    const broken = buildFa3Xml(domestic, { generatedAt: GENERATED_AT }).replace('<NIP>5261040828</NIP>', '');
    expect(validateAgainstXsd(broken, XSD).valid).toBe(false);
    expect(() => buildFa3Xml({ ...domestic, seller: { ...domestic.seller, vatId: 'DE811907980' } }, { generatedAt: GENERATED_AT })).toThrow(/NIP/);
    expect(() => fa3Rate(1900, 'PL', false)).toThrow(/not a Polish rate/);
  });

  it('NIP check digit and buyer identification', () => {
    expect(isValidNip('5261040828')).toBe(true);
    expect(isValidNip('5261040827')).toBe(false);
    expect(polishNip('PL 526-104-08-28')).toBe('5261040828');
    expect(buyerIdentification({ name: 'X', vatId: 'ATU12345678', address: { country: 'AT' } })).toBe('<KodUE>AT</KodUE><NrVatUE>U12345678</NrVatUE>');
    expect(buyerIdentification({ name: 'X', vatId: 'CHE-123.456.789', address: { country: 'CH' } })).toBe('<KodKraju>CH</KodKraju><NrID>CHE123456789</NrID>');
    expect(buyerIdentification({ name: 'X', address: { country: 'PL' } })).toBe('<BrakID>1</BrakID>');
  });

  it('KOD I verification link: host/invoice/NIP/DD-MM-RRRR/SHA-256 Base64URL of the XML file', () => {
    const xml = buildFa3Xml(domestic, { generatedAt: GENERATED_AT });
    const hash = createHash('sha256').update(xml).digest('base64').replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
    expect(ksefVerificationUrl({ environment: 'test', sellerNip: '5261040828', issueDate: '2026-11-20', xml })).toBe(
      `https://qr-test.ksef.mf.gov.pl/invoice/5261040828/20-11-2026/${hash}`,
    );
    expect(ksefVerificationUrl({ environment: 'production', sellerNip: '5261040828', issueDate: '2026-02-01', xml: 'x' })).toMatch(
      /^https:\/\/qr\.ksef\.mf\.gov\.pl\/invoice\/5261040828\/01-02-2026\/[A-Za-z0-9_-]{43}$/,
    );
  });
});
