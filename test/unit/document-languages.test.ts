import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { renderCreditNotePdf, type CreditNoteDocument } from '../../functions/invoices/credit-notes.js';
import { paymentTermsText } from '../../functions/invoices/einvoice-documents.js';
import { renderInvoicePdf, type InvoiceDocument } from '../../functions/invoices/pdf.js';
import { documentAmounts } from '../../functions/invoices/rules.js';
import { renderQuotePdf } from '../../functions/offers/pdf.js';
import type { OfferVersion } from '../../functions/offers/repository.js';
import { renderDeliveryNotePdf } from '../../functions/orders/delivery-note.js';
import type { Order, Shipment } from '../../functions/orders/repository.js';
import { REVERSE_CHARGE_NOTE } from '../../functions/pricing/engine.js';
import { renderRmaPdf } from '../../functions/rma/pdf.js';
import type { Rma } from '../../functions/rma/repository.js';
import { rmaStatuses } from '../../functions/rma/rules.js';
import { formatDate, formatDateTime, formatMoney, formatPercent, formatQuantity } from '../../functions/shared/format.js';
import { languageOf, languages, type Language } from '../../functions/shared/locale.js';
import { catalogs, formatMessage, translator } from '../../functions/shared/messages/index.js';
import type { Money } from '../../functions/shared/money.js';

/**
 * Documents and texts in the recipient company's language (issue 16 item 3): the format module's worked
 * examples, the catalogs' completeness, and every business document PDF rendered for a German and a
 * Polish company and read back with pdftotext.
 */

const eur = (amount: number): Money => ({ amount, currency: 'EUR' });
const pln = (amount: number): Money => ({ amount, currency: 'PLN' });

describe('format module', () => {
  it('money per language (Intl; plain spaces, ASCII minus)', () => {
    expect(formatMoney(eur(134_830), 'de')).toBe('1.348,30 €');
    expect(formatMoney(eur(134_830), 'pl')).toBe('1 348,30 €');
    expect(formatMoney(pln(134_830), 'pl')).toBe('1 348,30 zł');
    expect(formatMoney(eur(134_830), 'en')).toBe('€1,348.30');
    expect(formatMoney(eur(-5), 'de')).toBe('-0,05 €');
    expect(formatMoney(pln(99_999_999_999_999), 'pl')).toBe('999 999 999 999,99 zł');
    expect(formatMoney({ amount: 1234, currency: 'JPY' }, 'de')).toBe('1.234 ¥');
    for (const language of languages) expect(formatMoney(eur(134_830), language)).not.toMatch(/[\u00a0\u202f\u2212]/);
  });

  it('dates, quantities and percentages per language', () => {
    expect(formatDate('2026-12-02', 'de')).toBe('02.12.2026');
    expect(formatDate('2026-12-02', 'pl')).toBe('02.12.2026');
    expect(formatDate('2026-12-02', 'en')).toBe('2 Dec 2026');
    expect(formatDate('2026-12-02T23:30:00Z', 'de')).toBe('02.12.2026');
    expect(formatDate('not a date', 'de')).toBe('not a date');
    expect(formatDateTime('2026-12-02T14:05:00Z', 'de')).toBe('02.12.2026, 14:05 UTC');
    expect(formatQuantity(2_500, 'de')).toBe('2,5');
    expect(formatQuantity('1234567.125', 'de')).toBe('1.234.567,125');
    expect(formatQuantity('1234567.125', 'pl')).toBe('1 234 567,125');
    expect(formatQuantity('2.5', 'en')).toBe('2.5');
    expect(formatQuantity('\u22122.5', 'de')).toBe('-2,5');
    expect(formatQuantity('n/a', 'de')).toBe('n/a');
    expect(formatPercent(1_900, 'de')).toBe('19 %');
    expect(formatPercent(750, 'de')).toBe('7,5 %');
    expect(formatPercent(2_300, 'pl')).toBe('23%');
    expect(formatPercent(700, 'en')).toBe('7%');
  });

  it('a company speaks its own language, else its country’s', () => {
    expect(languageOf({ country: 'DE' })).toBe('de');
    expect(languageOf({ country: 'AT' })).toBe('de');
    expect(languageOf({ country: 'PL' })).toBe('pl');
    expect(languageOf({ country: 'FR' })).toBe('en');
    expect(languageOf({ country: 'PL', language: 'en' })).toBe('en');
    expect(languageOf({ country: 'DE', language: 'xx' })).toBe('de');
    expect(languageOf(undefined)).toBe('en');
  });
});

describe('message catalogs', () => {
  const placeholders = (message: string) => [...message.matchAll(/\{\s*(\w+)/g)].map((match) => match[1]).sort();

  it('de, pl and en have exactly the same keys and the same placeholders per key', () => {
    const keys = Object.keys(catalogs.en).sort();
    for (const language of languages) {
      expect(Object.keys(catalogs[language]).sort(), language).toEqual(keys);
      for (const key of keys) {
        const message = catalogs[language][key as keyof typeof catalogs.en];
        expect(message.trim(), `${language} ${key}`).not.toBe('');
        expect(placeholders(message), `${language} ${key}`).toEqual(placeholders(catalogs.en[key as keyof typeof catalogs.en]));
      }
    }
  });

  it('interpolates and selects plurals (Intl.PluralRules)', () => {
    expect(translator('de')('doc.page', { page: 1, pages: 2 })).toBe('Seite 1 von 2');
    expect(translator('pl')('doc.page', { page: 1, pages: 2 })).toBe('Strona 1 z 2');
    expect([1, 2, 5, 22].map((count) => translator('pl')('rma.photos', { count }))).toEqual([
      '1 zdjęcie w portalu.',
      '2 zdjęcia w portalu.',
      '5 zdjęć w portalu.',
      '22 zdjęcia w portalu.',
    ]);
    expect(translator('en')('rma.photos', { count: 1 })).toBe('1 photo attached in the portal.');
    expect(formatMessage('{a} and {b}', { a: 'x' }, 'en')).toBe('x and {b}');
    expect(formatMessage('{n, plural, =0 {none} one {# item} other {# items}}', { n: 0 }, 'en')).toBe('none');
  });

  it('every RMA status has a readable label', () => {
    expect(translator('de')('status.rma.goods-received')).toBe('Ware eingegangen');
    for (const language of languages) for (const status of rmaStatuses) expect(translator(language)(`status.rma.${status}`)).not.toContain('-');
  });

  it('the English reverse-charge note is the one pricing writes (so documents can translate it)', () => {
    expect(catalogs.en['doc.reverseCharge']).toBe(REVERSE_CHARGE_NOTE);
  });

  it('the e-invoice keeps its English payment terms with ISO dates; the PDF gets them translated', () => {
    const order = { paymentMethod: 'on-account', orderNumber: 'ORD-1' } as const;
    expect(paymentTermsText(order, { dueDate: '2026-12-02' })).toBe('Payable on account by 2026-12-02 without deduction.');
    expect(paymentTermsText(order, { dueDate: '2026-12-02' }, translator('de'), (day) => formatDate(day, 'de'))).toBe(
      'Zahlbar auf Rechnung bis 02.12.2026 ohne Abzug.',
    );
  });
});

// ---------------------------------------------------------------------------------------------
// PDFs

const seller = {
  name: 'Nordhandel Großhandel GmbH',
  addressLines: ['Hafenstraße 12', '20457 Hamburg', 'Germany'],
  vatId: 'DE811907980',
  iban: 'DE89370400440532013000',
  bic: 'COBADEFFXXX',
  bankName: 'Commerzbank',
};
const buyers: Record<'de' | 'pl', { name: string; addressLines: string[]; vatId: string }> = {
  de: { name: 'Müller Bau GmbH', addressLines: ['Industriestraße 7', '80331 München', 'DE'], vatId: 'DE129273398' },
  pl: { name: 'Nowak Instalacje Sp. z o.o.', addressLines: ['ul. Żółkiewskiego 15', '90-006 Łódź', 'PL'], vatId: 'PL5260250274' },
};

const pdfText = (bytes: Uint8Array, ...options: string[]) =>
  execFileSync('pdftotext', [...options, '-', '-'], { input: Buffer.from(bytes) })
    .toString('utf8')
    .replace(/[ \t]+/g, ' ');
/** The text in drawing order (-raw), line breaks folded. */
const flat = (bytes: Uint8Array) => pdfText(bytes, '-raw').replace(/\s+/g, ' ');

const lines = [
  { sku: 'DRL-1001', name: 'Akku-Bohrschrauber 18 V', quantity: '2', unit: 'pc', unitNet: eur(56_415), lineNet: eur(112_830), vatRate: 1900 },
  { sku: 'CBL-3150', name: 'Kabel miedziany 3×1,5 mm²', quantity: '2.5', unit: 'roll', unitNet: eur(8_800), lineNet: eur(22_000), vatRate: 1900 },
];
const invoiceOf = (language: Language, patch: Partial<InvoiceDocument> = {}): InvoiceDocument => ({
  language,
  invoiceNumber: 'INV-2026-000123',
  orderNumber: 'ORD-2026-000456',
  issueDate: '2026-12-02',
  dueDate: '2027-01-01',
  supplyDate: '2026-11-30',
  seller,
  buyer: buyers[language === 'pl' ? 'pl' : 'de'],
  lines,
  net: eur(134_830),
  vat: eur(25_618),
  gross: eur(160_448),
  vatBreakdown: [{ rate: 1900, net: eur(134_830), vat: eur(25_618) }],
  paymentTerms: 'Payable on account by 2027-01-01 without deduction.',
  printedPaymentTerms: paymentTermsText(
    { paymentMethod: 'on-account', orderNumber: 'ORD-2026-000456' },
    { dueDate: '2027-01-01' },
    translator(language),
    (day) => formatDate(day, language),
  ),
  poNumber: 'PO-77812',
  creditorReference: 'RF98INV2026000123',
  ...patch,
});

const creditNoteAmounts = documentAmounts(
  [{ sku: 'DRL-1001', name: 'Akku-Bohrschrauber 18 V', unit: 'pc', quantity: '1.5', unitNet: eur(56_415), vatRate: 1900 }],
  'EUR',
);
const creditNoteOf = (language: 'de' | 'pl'): CreditNoteDocument => ({
  language,
  creditNoteNumber: 'CN-2026-000007',
  invoiceNumber: 'INV-2026-000123',
  orderNumber: 'ORD-2026-000456',
  issueDate: '2026-12-05',
  reason: language === 'de' ? 'Transportschaden' : 'Uszkodzenie w transporcie',
  seller,
  buyer: buyers[language],
  amounts: creditNoteAmounts,
});
const quoteVersion = {
  version: 2,
  createdAt: '2026-12-01T09:00:00.000Z',
  createdBy: { sub: 'rep', name: 'Anna Schmidt' },
  lines: [{ sku: 'DRL-1001', name: 'Akku-Bohrschrauber 18 V', quantity: 2_500, unit: 'pc', unitNet: eur(56_415), lineNet: eur(141_038), vatRate: 1900 }],
  net: eur(141_038),
  vat: eur(26_797),
  gross: eur(167_835),
  vatBreakdown: [{ rate: 1900, net: eur(141_038), vat: eur(26_797) }],
  terms: { paymentMethod: 'on-account', delivery: { kind: 'carrier' }, validUntil: '2026-12-31', deliveryFee: eur(0) },
  reverseCharge: { applies: false },
} as unknown as OfferVersion;
const deliveredOrder = {
  orderNumber: 'ORD-2026-000456',
  companyId: 'c1',
  net: eur(134_830),
  lines: [{ sku: 'DRL-1001', name: 'Akku-Bohrschrauber 18 V', quantity: '4', unit: 'pc', unitNet: eur(56_415), vatRate: 1900 }],
  delivery: { kind: 'carrier' },
  poNumber: 'PO-77812',
} as unknown as Order;
const shipment = {
  shipmentNumber: 'ORD-2026-000456-1',
  lines: [{ sku: 'DRL-1001', quantity: '2.5' }],
  carrier: 'DHL',
  trackingNumber: '1Z999AA10123456784',
  createdAt: '2026-11-30T10:00:00.000Z',
  status: 'shipped',
} as unknown as Shipment;
const rma = {
  rmaNumber: 'RMA-2026-000011',
  type: 'complaint',
  orderNumber: 'ORD-2026-000456',
  createdAt: '2026-12-03T08:00:00.000Z',
  deadlineAt: '2026-12-17T08:00:00.000Z',
  filedBy: { name: 'Jan Nowak' },
  reason: 'Obudowa pęknięta',
  photos: [{}, {}],
  lines: [{ sku: 'DRL-1001', name: 'Akku-Bohrschrauber 18 V', quantity: '1', unit: 'pc', unitNet: eur(56_415), vatRate: 1900 }],
} as unknown as Rma;

/** Every business document, rendered for the German and the Polish company: what its text says, and what it must not. */
const documents: {
  document: string;
  render: (language: 'de' | 'pl') => Promise<Uint8Array>;
  expected: Record<'de' | 'pl', string[]>;
  absent?: Partial<Record<'de' | 'pl', RegExp>>;
}[] = [
  {
    document: 'invoice',
    render: (language) => renderInvoicePdf(invoiceOf(language, language === 'pl' ? { reverseChargeNote: REVERSE_CHARGE_NOTE } : {})),
    expected: {
      de: [
        'RECHNUNG',
        'Rechnung INV-2026-000123',
        'RECHNUNGSEMPFÄNGER',
        // §14 (4) UStG: seller and buyer with full name and address, the seller's VAT ID
        'Nordhandel Großhandel GmbH',
        'Hafenstraße 12',
        'Müller Bau GmbH',
        'Industriestraße 7',
        '80331 München',
        'USt-IdNr. DE811907980',
        // invoice number and date, date of supply
        'Rechnungsnummer INV-2026-000123',
        'Rechnungsdatum 02.12.2026',
        'Lieferdatum 30.11.2026',
        'Fällig am 01.01.2027',
        // quantity and kind of goods, net amounts by rate, rate and tax amount
        'Menge',
        'Einzelpreis',
        'Akku-Bohrschrauber 18 V',
        '2,5',
        '564,15 €',
        '1.128,30 €',
        'Summe netto 1.348,30 €',
        'USt. 19 % auf 1.348,30 € 256,18 €',
        'Rechnungsbetrag 1.604,48 €',
        // terms: no deduction agreed
        'Zahlungsbedingungen',
        'Zahlbar auf Rechnung bis 01.01.2027 ohne Abzug.',
        'Scannen und 1.604,48 € zahlen',
        'Bankverbindung: IBAN DE89 3704 0044 0532 0130 00',
        'Seite 1 von 1',
      ],
      pl: [
        'FAKTURA',
        'Faktura INV-2026-000123',
        'NABYWCA',
        'Nowak Instalacje Sp. z o.o.',
        'ul. Żółkiewskiego 15',
        '90-006 Łódź',
        'Numer faktury INV-2026-000123',
        'Data wystawienia 02.12.2026',
        'Data dostawy 30.11.2026',
        'Termin płatności 01.01.2027',
        'Ilość',
        'Cena jedn. netto',
        'Wartość netto',
        '1 128,30 €',
        'Razem netto 1 348,30 €',
        'VAT 19% od 1 348,30 € 256,18 €',
        'Do zapłaty 1 604,48 €',
        'Warunki płatności',
        'Płatne przelewem do 01.01.2027 bez potrąceń.',
        'Odwrotne obciążenie',
        'Dane bankowe: IBAN DE89',
        'Strona 1 z 1',
      ],
    },
    absent: { de: /Invoice|Total due|Page 1|EUR/, pl: /Reverse charge/ },
  },
  {
    document: 'credit note',
    render: (language) => renderCreditNotePdf(creditNoteOf(language)),
    expected: {
      de: [
        'RECHNUNGSKORREKTUR',
        'Rechnungskorrektur CN-2026-000007',
        'Zur Rechnung INV-2026-000123',
        'Datum 05.12.2026',
        'Transportschaden.',
        '1,5',
        '846,23 €',
        'Gutschriftsbetrag',
        'Seite 1 von 1',
      ],
      pl: ['FAKTURA KORYGUJĄCA', 'Do faktury INV-2026-000123', 'Data wystawienia 05.12.2026', 'Przyczyna', 'Kwota korekty', '846,23 €', 'Strona 1 z 1'],
    },
  },
  {
    document: 'quote',
    render: (language) => renderQuotePdf('Q-2026-0042', quoteVersion, seller, buyers[language], language),
    expected: {
      de: [
        'ANGEBOT',
        'Angebot Q-2026-0042 v2',
        'Gültig bis 31.12.2026',
        'Datum 01.12.2026',
        'Kauf auf Rechnung',
        'Spedition',
        '2,5',
        '1.410,38 €',
        'Angebotssumme 1.678,35 €',
      ],
      pl: ['OFERTA', 'Oferta Q-2026-0042 v2', 'Ważna do 31.12.2026', 'Przelew z odroczonym terminem', 'przewoźnik', 'Wartość oferty 1 678,35 €'],
    },
  },
  {
    document: 'delivery note',
    render: (language) => renderDeliveryNotePdf(deliveredOrder, shipment, seller, buyers[language], language),
    expected: {
      de: [
        'LIEFERSCHEIN',
        'Lieferschein ORD-2026-000456-1',
        'Versanddatum 30.11.2026',
        'Sendungsnummer 1Z999AA10123456784',
        'Menge',
        '2,5',
        '1.410,38 €',
        'Warenwert (netto) 1.410,38 €',
      ],
      pl: ['DOWÓD DOSTAWY', 'Data wysyłki 30.11.2026', 'Przewoźnik DHL', 'Ilość', '1 410,38 €', 'Wartość towaru (netto) 1 410,38 €'],
    },
  },
  {
    document: 'RMA form',
    render: (language) => renderRmaPdf(rma, seller, buyers[language], language),
    expected: {
      de: [
        'REKLAMATION',
        'Eingereicht am 03.12.2026',
        'Entscheidung bis 17.12.2026',
        'Nächste Schritte',
        'Reklamierter Wert',
        '671,34 €',
        '2 Fotos im Portal angehängt.',
      ],
      pl: [
        'REKLAMACJA',
        'Data zgłoszenia 03.12.2026',
        'Decyzja do 17.12.2026',
        'Dalsze kroki',
        'Przyczyna: Obudowa pęknięta',
        '2 zdjęcia w portalu.',
        'Wartość zgłoszenia 671,34 €',
      ],
    },
  },
];

const companyOf = { de: 'German', pl: 'Polish' } as const;

describe('business documents in the buyer’s language', { timeout: 60_000 }, () => {
  for (const { document, render, expected, absent } of documents)
    for (const language of ['de', 'pl'] as const)
      it(`${document} for a ${companyOf[language]} company`, async () => {
        const text = flat(await render(language));
        for (const line of expected[language]) expect(text, line).toContain(line);
        const forbidden = absent?.[language];
        if (forbidden) expect(text).not.toMatch(forbidden);
      });

  it('invoice for a Polish company in PLN', async () => {
    const inPln = flat(
      await renderInvoicePdf(
        invoiceOf('pl', {
          lines: lines.map((line) => ({ ...line, unitNet: pln(line.unitNet.amount), lineNet: pln(line.lineNet.amount) })),
          net: pln(134_830),
          vat: pln(25_618),
          gross: pln(160_448),
          vatBreakdown: [{ rate: 1900, net: pln(134_830), vat: pln(25_618) }],
        }),
      ),
    );
    expect(inPln).toContain('Razem netto 1 348,30 zł');
    expect(inPln).toContain('Do zapłaty 1 604,48 zł');
  });

  it('the footer is on the page in full: not cut, inside the margins, above the bottom edge', async () => {
    const long = {
      ...seller,
      name: 'Nordhandel Großhandel und Logistik GmbH & Co. KG Niederlassung Süd',
      addressLines: ['Hafenstraße 12–14, Gebäude C, 3. Obergeschoss', '20457 Hamburg-Steinwerder', 'Deutschland'],
      bankName: 'Commerzbank AG Filiale Hamburg-Altstadt',
    };
    for (const language of ['de', 'pl'] as const) {
      const bytes = await renderInvoicePdf(
        invoiceOf(language, { seller: long, lines: Array.from({ length: 60 }, (_, index) => ({ ...lines[0]!, sku: `SKU-${index}` })) }),
      );
      const text = flat(bytes);
      for (const part of [...long.addressLines, long.name, long.bankName, 'BIC COBADEFFXXX', 'DE811907980', 'IBAN DE89 3704 0044 0532 0130 00'])
        expect(text, part).toContain(part);
      // the footer lines in full (the header may shorten a long seller name; the footer never does)
      const vatId = translator(language)('doc.vatId', { vatId: long.vatId });
      expect(text).toContain(`${[long.name, ...long.addressLines, vatId].join(' · ')} ${translator(language)('doc.bankDetails', { bank: '' }).trim()} IBAN`);
      expect(text).toContain('BIC COBADEFFXXX · Commerzbank AG Filiale Hamburg-Altstadt');
      expect(text).toContain(language === 'de' ? 'Seite 2 von 2' : 'Strona 2 z 2');
      // pdftotext -bbox: every word of every page within the margins and at least 28 pt (10 mm) above the bottom edge
      const words = [...pdfText(bytes, '-bbox').matchAll(/<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">/g)].map((match) =>
        match.slice(1).map(Number),
      );
      expect(words.length).toBeGreaterThan(100);
      for (const [xMin, yMin, xMax, yMax] of words) {
        expect(xMin).toBeGreaterThanOrEqual(49);
        expect(xMax).toBeLessThanOrEqual(546.5);
        expect(yMin).toBeGreaterThanOrEqual(28);
        expect(yMax).toBeLessThanOrEqual(841.89 - 28);
      }
    }
  });

  it('stays deterministic in every language', async () => {
    for (const language of languages) {
      const [a, b] = [await renderInvoicePdf(invoiceOf(language)), await renderInvoicePdf(invoiceOf(language))];
      expect(Buffer.from(a).equals(Buffer.from(b))).toBe(true);
    }
  });
});
