import fontkit from '@pdf-lib/fontkit';
import fc from 'fast-check';
import { PDFArray, PDFDict, PDFDocument, PDFName, PDFRawStream, PDFRef, StandardFonts, decodePDFRawStream, type PDFFont, type PDFPage } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { renderInvoicePdf, type InvoiceDocument, type InvoiceLine } from '../../functions/invoices/pdf.js';
import { readPdfAsset } from '../../functions/shared/pdf/assets.js';
import { formatDocumentAmount as formatInvoiceAmount, formatIban } from '../../functions/shared/pdf/document.js';
import { toEmbeddedText, toWinAnsi } from '../../functions/shared/pdf/fonts.js';
import type { Money } from '../../functions/shared/money.js';

const eur = (amount: number): Money => ({ amount, currency: 'EUR' });

const seller: InvoiceDocument['seller'] = {
  name: 'Nordhandel Großhandel GmbH',
  addressLines: ['Hafenstraße 12', '20457 Hamburg', 'Germany'],
  vatId: 'DE811907980',
  iban: 'DE89370400440532013000',
  bic: 'COBADEFFXXX',
  bankName: 'Commerzbank',
};

const polishBuyer: InvoiceDocument['buyer'] = {
  name: 'Hurtownia Żółć Spółka z o.o. – Paweł Łękawski',
  addressLines: ['ul. Piotrkowska 120', '90-006 Łódź', 'Polska'],
  vatId: 'PL5260250274',
};

function line(index: number, overrides: Partial<InvoiceLine> = {}): InvoiceLine {
  return {
    sku: `SKU-${String(index).padStart(4, '0')}`,
    name: `Article ${index}: stainless steel hex bolt M${8 + (index % 5)} x ${40 + index} mm, DIN 933`,
    quantity: String(1 + (index % 7)),
    unit: 'pcs',
    unitNet: eur(1_250 + index),
    lineNet: eur((1_250 + index) * (1 + (index % 7))),
    vatRate: 1900,
    ...overrides,
  };
}

function invoiceWith(lines: InvoiceLine[], patch: Partial<InvoiceDocument> = {}): InvoiceDocument {
  const net = lines.reduce((sum, entry) => sum + entry.lineNet.amount, 0);
  const vat = Math.round((net * 19) / 100);
  return {
    invoiceNumber: 'INV-2026-000123',
    orderNumber: 'ORD-2026-000456',
    issueDate: '2026-03-14',
    dueDate: '2026-04-13',
    seller,
    buyer: polishBuyer,
    lines,
    net: eur(net),
    vat: eur(vat),
    gross: eur(net + vat),
    vatBreakdown: [{ rate: 1900, net: eur(net), vat: eur(vat) }],
    paymentTerms: 'Payable within 30 days of the invoice date without deduction.',
    poNumber: 'PO-77812',
    costCentre: 'CC-4100 Logistyka',
    ...patch,
  };
}

const threeLines = invoiceWith([
  line(1, { name: 'Śruba sześciokątna M8 – ocynkowana', quantity: '250', unitNet: eur(12), lineNet: eur(3_000) }),
  line(2, { name: 'Kabel miedziany 3×1,5 mm² (zwój 100 m)', quantity: '2.5', unit: 'roll', unitNet: eur(8_990), lineNet: eur(22_475), vatRate: 700 }),
  line(3, { name: 'Rabat lojalnościowy', quantity: '1', unit: 'pcs', unitNet: eur(-1_500), lineNet: eur(-1_500) }),
]);
const polishInvoice: InvoiceDocument = {
  ...threeLines,
  vatBreakdown: [
    { rate: 700, net: eur(22_475), vat: eur(1_573) },
    { rate: 1900, net: eur(1_500), vat: eur(285) },
  ],
  vat: eur(1_858),
  gross: eur(23_975 + 1_858),
  reverseChargeNote: 'Reverse charge: VAT to be accounted for by the recipient (Art. 196 Council Directive 2006/112/EC). Odwrotne obciążenie.',
};

/** The page's fonts by resource name: BaseFont and the glyph → text map of its ToUnicode CMap (pdf-lib writes bfchar entries). */
function pageFonts(page: PDFPage): Map<string, { baseFont: string; toUnicode: Map<string, string> }> {
  const fonts = new Map<string, { baseFont: string; toUnicode: Map<string, string> }>();
  const resources = page.node.Resources();
  const fontDict = resources?.lookup(PDFName.of('Font'), PDFDict);
  for (const [name, ref] of fontDict?.entries() ?? []) {
    const font = page.doc.context.lookup(ref as PDFRef, PDFDict);
    const cmap = page.doc.context.lookup(font.get(PDFName.of('ToUnicode')) as PDFRef) as PDFRawStream;
    const toUnicode = new Map<string, string>();
    for (const match of Buffer.from(decodePDFRawStream(cmap).decode())
      .toString('latin1')
      .matchAll(/<([0-9a-fA-F]{4})> <([0-9a-fA-F]+)>/g)) {
      const units = (match[2] ?? '').match(/.{4}/g) ?? [];
      toUnicode.set((match[1] ?? '').toLowerCase(), String.fromCharCode(...units.map((unit) => parseInt(unit, 16))));
    }
    fonts.set(name.asString().slice(1), { baseFont: font.lookup(PDFName.of('BaseFont'), PDFName).asString().slice(1), toUnicode });
  }
  return fonts;
}

/** Every drawn string of a page, in drawing order, with its font and position (from the Tf / Tm / Tj operators). */
function pageRuns(page: PDFPage): { text: string; baseFont: string; size: number; x: number; y: number }[] {
  const fonts = pageFonts(page);
  const contents = page.node.Contents();
  const streams = contents instanceof PDFArray ? contents.asArray().map((ref) => page.doc.context.lookup(ref)) : [contents];
  const runs: { text: string; baseFont: string; size: number; x: number; y: number }[] = [];
  let font: { baseFont: string; toUnicode: Map<string, string> } | undefined;
  let size = 0;
  let x = 0;
  let y = 0;
  for (const stream of streams) {
    if (!(stream instanceof PDFRawStream)) continue;
    for (const op of Buffer.from(decodePDFRawStream(stream).decode()).toString('latin1').split('\n')) {
      const tf = /^\/(\S+) ([\d.]+) Tf$/.exec(op);
      if (tf) {
        font = fonts.get(tf[1] ?? '');
        size = Number(tf[2]);
      }
      const tm = /^1 0 0 1 ([\d.-]+) ([\d.-]+) Tm$/.exec(op);
      if (tm) [x, y] = [Number(tm[1]), Number(tm[2])];
      const tj = /^<([0-9A-Fa-f]*)> Tj$/.exec(op);
      if (tj) {
        if (!font) throw new Error('Text without a font');
        const glyphs = (tj[1] ?? '').toLowerCase().match(/.{4}/g) ?? [];
        const text = glyphs.map((glyph) => font?.toUnicode.get(glyph) ?? '\uFFFD').join('');
        runs.push({ text, baseFont: font.baseFont, size, x, y });
      }
    }
  }
  return runs;
}

/** The strings a page shows, in drawing order, decoded through the embedded fonts' ToUnicode maps. */
const pageStrings = (page: PDFPage): string[] => pageRuns(page).map((run) => run.text);

interface Box {
  readonly text: string;
  readonly x0: number;
  readonly x1: number;
  readonly y0: number;
  readonly y1: number;
}

/** Where every string of a page is drawn, with the metrics of the embedded Liberation Sans styles. */
async function textBoxes(doc: PDFDocument): Promise<Box[][]> {
  const probe = await PDFDocument.create({ updateMetadata: false });
  probe.registerFontkit(fontkit);
  const metrics: Record<'regular' | 'bold' | 'italic', PDFFont> = {
    regular: await probe.embedFont(await readPdfAsset('LiberationSans-Regular.ttf')),
    bold: await probe.embedFont(await readPdfAsset('LiberationSans-Bold.ttf')),
    italic: await probe.embedFont(await readPdfAsset('LiberationSans-Italic.ttf')),
  };
  return doc.getPages().map((page) =>
    pageRuns(page).map((run) => {
      const font = run.baseFont.endsWith('-Bold') ? metrics.bold : run.baseFont.endsWith('-Italic') ? metrics.italic : metrics.regular;
      return { text: run.text, x0: run.x, x1: run.x + font.widthOfTextAtSize(run.text, run.size), y0: run.y - 0.21 * run.size, y1: run.y + 0.72 * run.size };
    }),
  );
}

/** Pairs of strings whose boxes overlap (more than a hair), and strings outside the printable area. */
function layoutProblems(pages: Box[][]): string[] {
  const problems: string[] = [];
  pages.forEach((boxes, index) => {
    for (const box of boxes) {
      if (box.x0 < 49.5 || box.x1 > 545.8 || box.y0 < 30 || box.y1 > 800) problems.push(`page ${index + 1}: "${box.text}" outside the margins`);
    }
    for (let i = 0; i < boxes.length; i += 1) {
      for (let j = i + 1; j < boxes.length; j += 1) {
        const a = boxes[i] as Box;
        const b = boxes[j] as Box;
        if (Math.min(a.x1, b.x1) - Math.max(a.x0, b.x0) > 0.5 && Math.min(a.y1, b.y1) - Math.max(a.y0, b.y0) > 0.5) {
          problems.push(`page ${index + 1}: "${a.text}" overlaps "${b.text}"`);
        }
      }
    }
  });
  return problems;
}

async function load(bytes: Uint8Array) {
  const doc = await PDFDocument.load(bytes, { updateMetadata: false });
  const strings = doc.getPages().map(pageStrings);
  // joined with spaces, so wrapped text (drawn line after line) reads as one phrase
  return { doc, strings, texts: strings.map((page) => page.join(' ')) };
}

describe('toWinAnsi', () => {
  it('transliterates Polish letters Helvetica cannot draw and keeps Latin-1 ones', async () => {
    expect(await toWinAnsi('Łódź')).toBe('Lódz');
    expect(await toWinAnsi('Żółć')).toBe('Zólc');
    expect(await toWinAnsi('Gdańsk, Wrocław, Poznań, Kraków')).toBe('Gdansk, Wroclaw, Poznan, Kraków');
    expect(await toWinAnsi('zażółć gęślą jaźń')).toBe('zazólc gesla jazn');
    expect(await toWinAnsi('Großhandel Müller – 12,50 €')).toBe('Großhandel Müller – 12,50 €');
    expect(await toWinAnsi('Dvořák Ōsaka Đorđe İstanbul')).toBe('Dvorák Osaka Dorde Istanbul');
  });

  it('maps typographic characters and drops controls; unknown scripts become "?"', async () => {
    expect(await toWinAnsi('\u22125\u202F000 \u2264 x')).toBe('-5 000 <= x');
    expect(await toWinAnsi('a\tb\nc\u200Bd\u0007e')).toBe('a b cde');
    expect(await toWinAnsi('ﬁle №7')).toBe('file No.7');
    expect(await toWinAnsi('Москва 東京 😀')).toBe('?????? ?? ?');
  });

  it('property: the result is always drawable by Helvetica', async () => {
    const probe = await PDFDocument.create({ updateMetadata: false });
    const font = await probe.embedFont(StandardFonts.Helvetica);
    const drawable = new Set(font.getCharacterSet());
    await fc.assert(
      fc.asyncProperty(fc.string({ unit: 'binary', maxLength: 40 }), async (text) => {
        const clean = await toWinAnsi(text);
        for (const char of clean) expect(drawable.has(char.codePointAt(0) ?? -1)).toBe(true);
        expect(() => font.encodeText(clean)).not.toThrow();
      }),
    );
  });
});

describe('formatting', () => {
  it('amounts with two decimals, grouped thousands, ASCII minus and the currency code', () => {
    expect(formatInvoiceAmount(eur(123_456_789))).toBe('1 234 567.89 EUR');
    expect(formatInvoiceAmount(eur(-1_500))).toBe('-15.00 EUR');
    expect(formatInvoiceAmount({ amount: 5, currency: 'PLN' })).toBe('0.05 PLN');
  });

  it('IBAN in groups of four', () => {
    expect(formatIban('de89370400440532013000')).toBe('DE89 3704 0044 0532 0130 00');
  });
});

describe('embedded assets', () => {
  it('are the Debian files functions/shared/pdf/assets/README.md names (SHA-256)', async () => {
    const { createHash } = await import('node:crypto');
    const sha = async (file: Parameters<typeof readPdfAsset>[0]) =>
      createHash('sha256')
        .update(await readPdfAsset(file))
        .digest('hex');
    expect(await sha('LiberationSans-Regular.ttf')).toBe('8d91388f1d3604b3b8ae0e3ee2d140e50cd6122f9214514f4aca772540a4076d');
    expect(await sha('LiberationSans-Bold.ttf')).toBe('ba0e0dc3f7aca5b0afbc31e800531ee43be3aa79ae35b2ef1f6470a9547765c4');
    expect(await sha('LiberationSans-Italic.ttf')).toBe('01f559e5c501d3d5777647c6a92b3ff37a4523bcf4f3b6e97ae052af567618b1');
    expect(await sha('sRGB.icc')).toBe('2a92d4bae450b76d8b0aa42193df974d75f62738ecebf74f01c5e75b12a95796');
  });
});

describe('toEmbeddedText', () => {
  it('keeps what Liberation Sans draws (Latin, Polish, Greek, Cyrillic), maps typography, "?" for the rest', async () => {
    expect(await toEmbeddedText('Łódź – Gdańsk, Großhandel Müller, 12,50 €')).toBe('Łódź – Gdańsk, Großhandel Müller, 12,50 €');
    expect(await toEmbeddedText('Москва Ωmega')).toBe('Москва Ωmega');
    expect(await toEmbeddedText('a\tb\nc\u200Bd\u0007e')).toBe('a b cde');
    expect(await toEmbeddedText('東京 😀')).toBe('?? ?');
  });
});

describe('renderInvoicePdf', { timeout: 60_000 }, () => {
  it('renders a 3-line Polish invoice on one A4 page with title, subject and all blocks', async () => {
    const bytes = await renderInvoicePdf(polishInvoice);
    expect(Buffer.from(bytes.subarray(0, 5)).toString('latin1')).toBe('%PDF-');
    const { doc, texts } = await load(bytes);
    expect(doc.getPageCount()).toBe(1);
    const page = doc.getPage(0);
    expect(page.getWidth()).toBeCloseTo(595.28, 1);
    expect(page.getHeight()).toBeCloseTo(841.89, 1);
    expect(doc.getTitle()).toBe('Invoice INV-2026-000123');
    expect(doc.getSubject()).toBe('Invoice INV-2026-000123 for order ORD-2026-000456');
    expect(doc.getAuthor()).toBe('Nordhandel Großhandel GmbH');
    expect(doc.getCreationDate()?.toISOString()).toBe('2026-03-14T00:00:00.000Z');

    const text = texts[0] ?? '';
    for (const expected of [
      'Invoice INV-2026-000123',
      'ORD-2026-000456',
      // English documents: en-GB dates and amounts (functions/shared/format.ts)
      'Issue date 14 Mar 2026',
      'Due date 13 Apr 2026',
      'Date of supply 14 Mar 2026',
      'PO-77812',
      'CC-4100 Logistyka',
      // the embedded fonts draw Polish as it is written
      'Hurtownia Żółć Spółka z o.o. – Paweł Łękawski',
      '90-006 Łódź',
      'VAT ID PL5260250274',
      'Śruba sześciokątna M8 – ocynkowana',
      'Kabel miedziany 3×1,5 mm² (zwój 100 m)',
      '-€15.00',
      '€224.75',
      '2.5 roll',
      'VAT 7% on €224.75',
      'VAT 19% on €15.00',
      'Total due €258.33',
      'Payable within 30 days',
      'Odwrotne obciążenie.',
      'IBAN DE89 3704 0044 0532 0130 00',
      'BIC COBADEFFXXX',
      'Page 1 of 1',
    ]) {
      expect(text, expected).toContain(expected);
    }
  });

  it('renders a 120-line invoice on several pages, every line exactly once, footers numbered', async () => {
    const lines = Array.from({ length: 120 }, (_, index) => line(index + 1));
    const { doc, strings, texts } = await load(await renderInvoicePdf(invoiceWith(lines)));
    const pages = doc.getPageCount();
    expect(pages).toBeGreaterThanOrEqual(3);
    expect(doc.getTitle()).toBe('Invoice INV-2026-000123');
    const all = strings.flat();
    for (const entry of lines)
      expect(
        all.filter((text) => text === entry.sku),
        entry.sku,
      ).toHaveLength(1);
    texts.forEach((text, index) => {
      expect(text).toContain(`Page ${index + 1} of ${pages}`);
      expect(text).toContain('Unit net'); // table header repeated on every page
      if (index > 0) expect(text).toContain('Invoice INV-2026-000123 (continued)');
    });
    expect(texts.at(-1)).toContain('Total due');
    expect(texts[0]).not.toContain('Total due');
  });

  it('lays out without overlapping text and inside the margins (3 lines, 120 lines, extreme values)', async () => {
    const long = invoiceWith(
      [
        line(1, {
          sku: 'VERY-LONG-SKU-0000000000000000001',
          name: 'Überlanger Artikelname '.repeat(12),
          quantity: '1234567.125',
          unit: 'pallet',
          unitNet: eur(99_999_999_999),
          lineNet: eur(999_999_999_999),
        }),
      ],
      {
        buyer: {
          name: 'Przedsiębiorstwo Handlowo-Usługowe Eksport-Import Spółka Komandytowo-Akcyjna Oddział w Łodzi',
          addressLines: ['ul. '.padEnd(120, 'x')],
          vatId: 'PL5260250274',
        },
        paymentTerms: 'Payable within 30 days; 2 % early payment discount within 10 days; late payments incur statutory interest under Directive 2011/7/EU.',
        costCentre: 'CC-'.padEnd(80, '9'),
      },
    );
    // the checker itself finds overlaps
    const a = { text: 'a', x0: 60, x1: 100, y0: 100, y1: 110 };
    expect(layoutProblems([[a, { text: 'b', x0: 90, x1: 120, y0: 105, y1: 115 }]])).toEqual(['page 1: "a" overlaps "b"']);
    for (const invoice of [
      polishInvoice,
      { ...polishInvoice, language: 'pl' as const },
      { ...long, language: 'de' as const },
      invoiceWith(Array.from({ length: 120 }, (_, index) => line(index + 1))),
      long,
    ]) {
      const doc = await PDFDocument.load(await renderInvoicePdf(invoice), { updateMetadata: false });
      const pages = await textBoxes(doc);
      for (const boxes of pages) expect(boxes.length).toBeGreaterThan(15);
      expect(layoutProblems(pages)).toEqual([]);
    }
  });

  it('is deterministic: the same invoice renders to the same bytes', async () => {
    const a = await renderInvoicePdf(polishInvoice);
    const b = await renderInvoicePdf(polishInvoice);
    expect(Buffer.from(a).equals(Buffer.from(b))).toBe(true);
  });

  it('copes with long names, long SKUs, huge amounts, empty optionals and no lines', async () => {
    const long = invoiceWith(
      [
        line(1, {
          sku: 'VERY-LONG-SKU-0000000000000000001',
          name: 'Überlanger Artikelname '.repeat(12) + 'Supercalifragilisticexpialidocious'.repeat(3),
          unitNet: eur(99_999_999_999),
          lineNet: eur(999_999_999_999),
        }),
      ],
      { dueDate: undefined, poNumber: undefined, costCentre: undefined, buyer: { name: 'Buyer Ltd', addressLines: [] } },
    );
    const { texts } = await load(await renderInvoicePdf(long));
    expect(texts[0]).toContain('€9,999,999,999.99');
    expect(texts[0]).not.toContain('PO number');
    expect(texts[0]).not.toContain('Due date');
    const empty = await load(await renderInvoicePdf(invoiceWith([])));
    expect(empty.texts[0]).toContain('No invoice lines.');
    await expect(renderInvoicePdf({ ...long, invoiceNumber: '' })).rejects.toThrow(RangeError);
  });

  it('property: arbitrary Unicode in names and addresses never makes rendering fail', async () => {
    await fc.assert(
      fc.asyncProperty(fc.string({ unit: 'binary', maxLength: 60 }), fc.string({ unit: 'grapheme', maxLength: 60 }), async (name, address) => {
        const bytes = await renderInvoicePdf(
          invoiceWith([line(1, { name, unit: address.slice(0, 4) })], { buyer: { name, addressLines: [address] }, paymentTerms: address }),
        );
        expect(bytes.length).toBeGreaterThan(1000);
      }),
      { numRuns: 25 },
    );
  });
});
