import { createHash } from 'node:crypto';
import fontkit from '@pdf-lib/fontkit';
import {
  AFRelationship,
  PDFDocument,
  PDFHexString,
  PDFName,
  StandardFonts,
  beginText,
  endText,
  popGraphicsState,
  pushGraphicsState,
  rgb,
  setFillingColor,
  setFontAndSize,
  setTextMatrix,
  showText,
  type Color,
  type PDFFont,
  type PDFPage,
} from 'pdf-lib';
import { formatPercent } from '../shared/decimal.js';
import { formatMoney } from '../shared/money.js';
import type { BasisPoints } from '../pricing/model.js';
import type { Money } from '../shared/money.js';
import { liberationSans, srgbIccProfile } from './assets/embedded.js';
import { epcPayload, qrMatrix } from './epc-qr.js';
import { formatCreditorReference } from './numbering.js';
import { escapeXml } from '../shared/xml.js';

/**
 * Business document PDFs (invoice, credit note, quote, delivery note, RMA) as PDF/A-3 (level B):
 * Liberation Sans embedded as subsets (metric-compatible with Helvetica; functions/invoices/assets),
 * an sRGB output intent, XMP metadata matching the document information, a file identifier. Invoices
 * and credit notes also carry their EN 16931 CII XML as `factur-x.xml` (ZUGFeRD 2.x / Factur-X
 * EN 16931 hybrid, see docs/einvoice.md). Text the font has no glyph for is transliterated
 * ("ẞ" → "SS", "−" → "-") or replaced by "?", never drawn as .notdef.
 * Deterministic: the same document always renders to the same bytes (dates come from the document).
 */

export interface InvoiceParty {
  readonly name: string;
  readonly addressLines: readonly string[];
  readonly vatId?: string;
}

export interface InvoiceSeller extends InvoiceParty {
  readonly vatId: string;
  readonly iban: string;
  readonly bic?: string;
  readonly bankName?: string;
}

export interface InvoiceLine {
  readonly sku: string;
  readonly name: string;
  /** Already formatted ("2.5", "12"). */
  readonly quantity: string;
  readonly unit: string;
  readonly unitNet: Money;
  readonly lineNet: Money;
  readonly vatRate: BasisPoints;
}

export interface InvoiceDocument {
  readonly invoiceNumber: string;
  readonly orderNumber: string;
  /** ISO date YYYY-MM-DD. */
  readonly issueDate: string;
  readonly dueDate?: string;
  /** Date of supply (§14 (4) no. 6 UStG), as printed: "2026-11-19" or "2026-11-19 – 2026-11-26". */
  readonly supplyDate?: string;
  readonly seller: InvoiceSeller;
  readonly buyer: InvoiceParty;
  readonly lines: readonly InvoiceLine[];
  readonly net: Money;
  readonly vat: Money;
  readonly gross: Money;
  readonly vatBreakdown: readonly { readonly rate: BasisPoints; readonly net: Money; readonly vat: Money }[];
  /** Delivery charge (gross) added to the goods' gross; "Total due" includes it. */
  readonly deliveryFee?: Money;
  readonly reverseChargeNote?: string;
  readonly paymentTerms: string;
  readonly poNumber?: string;
  readonly costCentre?: string;
  /** Polish seller (KSeF): the KSeF number (absent: issued offline) and the KOD I verification link (docs/ksef.md). */
  readonly ksef?: KsefPdfMarking;
  /** ISO 11649 RF creditor reference (compact), printed as "Payment reference" and put into the EPC QR code. */
  readonly creditorReference?: string;
  /** What is left to pay at issue (absent: the total due); an EPC QR code (GiroCode) is printed for EUR amounts above zero. */
  readonly amountDue?: Money;
}

export interface KsefPdfMarking {
  readonly number?: string;
  readonly verificationUrl: string;
}

/** KOD I under the notes (kody-qr.md): the QR of the link, the KSeF number (or OFFLINE) under it, number and link in full beside it. */
function drawVerificationQr(w: Writer, layout: DocumentLayout, ksef: KsefPdfMarking): void {
  if (w.y - (QR_SIDE + 24) < CONTENT_BOTTOM) {
    w.addPage();
    drawContinuationHeader(w, layout);
  }
  w.y -= 6;
  const top = w.y;
  drawQr(w, ksef.verificationUrl, MARGIN - 4 * (QR_SIDE / (qrMatrix(ksef.verificationUrl).size + 8)), top);
  const label = ksef.number ?? 'OFFLINE';
  w.text(label, MARGIN, top - QR_SIDE - 4, { font: w.fonts.bold, size: 6.5, maxWidth: WIDTH * 0.4 });
  const textX = MARGIN + QR_SIDE + 8;
  const textWidth = WIDTH - QR_SIDE - 8;
  w.text(ksef.number ? `KSeF number: ${ksef.number}` : 'KSeF: OFFLINE (not yet numbered by KSeF)', textX, top - 10, { font: w.fonts.bold, size: 9, maxWidth: textWidth });
  let y = top - 24;
  for (const line of wrap(w.clean(`Verify in KSeF (KOD I): ${ksef.verificationUrl}`), w.fonts.regular, 8, textWidth, 4)) {
    w.text(line, textX, y, { size: 8, color: MUTED });
    y -= 10;
  }
  w.y = top - QR_SIDE - 16;
}

/**
 * The layout every business document shares (invoice, quote, later RMA printouts): seller header,
 * party block with meta rows and terms, paged line table, totals per VAT rate, notes, footers.
 * `renderInvoicePdf` and the quote PDF (functions/offers/pdf.ts) both map onto it.
 */
export interface DocumentLayout {
  /** Big title on the right ("INVOICE", "QUOTE"). */
  readonly heading: string;
  /** "Invoice INV-2026-000123": label + number under the title and on continuation pages. */
  readonly reference: string;
  /** Label above the customer block ("BILL TO"). */
  readonly partyLabel: string;
  readonly seller: InvoiceSeller;
  readonly buyer: InvoiceParty;
  /** Right column rows; the first is printed bold; empty values are skipped. */
  readonly meta: readonly (readonly [string, string | undefined])[];
  readonly termsLabel: string;
  readonly terms: string;
  readonly lines: readonly InvoiceLine[];
  readonly net: Money;
  readonly vat: Money;
  readonly gross: Money;
  readonly vatBreakdown: readonly { readonly rate: BasisPoints; readonly net: Money; readonly vat: Money }[];
  readonly deliveryFee?: Money;
  /** "Total due" / "Quote total". */
  readonly totalLabel: string;
  /** Italic paragraphs under the totals (reverse-charge note, quote note). */
  readonly notes: readonly string[];
  /** EPC QR code (GiroCode) left of the totals: its payload and the caption under it. */
  readonly paymentQr?: { readonly payload: string; readonly caption: string };
  /** KSeF KOD I (Polish seller, docs/ksef.md): QR of the verification link after the notes, the KSeF number or OFFLINE under it. */
  readonly verificationQr?: KsefPdfMarking;
  readonly metadata: { readonly title: string; readonly subject: string; readonly keywords: readonly string[]; readonly date: string };
}

// ---------------------------------------------------------------------------------------------
// WinAnsi transliteration

/** Characters without a WinAnsi glyph and without a useful Unicode decomposition. */
const TRANSLITERATIONS: Readonly<Record<string, string>> = {
  ł: 'l', Ł: 'L', đ: 'd', Đ: 'D', ħ: 'h', Ħ: 'H', ı: 'i', ŀ: 'l', Ŀ: 'L', ŋ: 'n', Ŋ: 'N', ĸ: 'k', ŧ: 't', Ŧ: 'T',
  ẞ: 'SS', ə: 'e', Ə: 'E', ƒ: 'f',
  '\u2010': '-', '\u2011': '-', '\u2012': '-', '\u2015': '-', '\u2212': '-', '\u2043': '-',
  '\u2032': "'", '\u2033': '"', '\u201B': "'", '\u201F': '"', '\u2039': '<', '\u203A': '>',
  '\u2264': '<=', '\u2265': '>=', '\u2260': '!=', '\u2192': '->', '\u2190': '<-', '\u2248': '~',
  '\u2116': 'No.',
};

/** Code points Helvetica can draw (pdf-lib's WinAnsi set); filled on first use. */
let winAnsi: ReadonlySet<number> | undefined;

async function winAnsiSet(): Promise<ReadonlySet<number>> {
  if (!winAnsi) {
    const probe = await PDFDocument.create({ updateMetadata: false });
    winAnsi = new Set((await probe.embedFont(StandardFonts.Helvetica)).getCharacterSet());
  }
  return winAnsi;
}

function transliterate(text: string, allowed: ReadonlySet<number>): string {
  let out = '';
  for (const char of text) {
    const code = char.codePointAt(0) ?? 0;
    if (allowed.has(code)) {
      out += char;
    } else if (Object.hasOwn(TRANSLITERATIONS, char)) {
      out += TRANSLITERATIONS[char];
    } else if (code === 0x09 || code === 0x0a || code === 0x0d || (code >= 0x2000 && code <= 0x200a) || code === 0x202f || code === 0x205f || code === 0x3000) {
      out += ' ';
    } else if (code < 0x20 || (code >= 0x7f && code <= 0x9f) || (code >= 0x200b && code <= 0x200f) || code === 0xfeff || (code >= 0x0300 && code <= 0x036f)) {
      // control characters, zero-width characters and stray combining marks: drop
    } else {
      let replacement = '';
      for (const part of char.normalize('NFKD')) {
        const partCode = part.codePointAt(0) ?? 0;
        if (allowed.has(partCode)) replacement += part;
        else if (Object.hasOwn(TRANSLITERATIONS, part)) replacement += TRANSLITERATIONS[part];
      }
      out += replacement === '' ? '?' : replacement;
    }
  }
  return out;
}

/**
 * Text Helvetica (WinAnsi) can draw: kept as is when possible, else transliterated to the closest
 * ASCII/Latin-1 form ("Łódź" → "Lódz", "Gdańsk" → "Gdansk", "−5" → "-5"), else "?".
 */
export async function toWinAnsi(text: string): Promise<string> {
  return transliterate(text, await winAnsiSet());
}

// ---------------------------------------------------------------------------------------------
// Embedded fonts (PDF/A: every font embedded)

type FontStyle = keyof typeof liberationSans;
const fontBytes = new Map<FontStyle, Uint8Array>();
const fontData = (style: FontStyle): Uint8Array => {
  let bytes = fontBytes.get(style);
  if (!bytes) {
    bytes = Buffer.from(liberationSans[style], 'base64');
    fontBytes.set(style, bytes);
  }
  return bytes;
};

/** Code points all three embedded styles have a glyph for (what the documents may draw). */
let embeddedCharacters: ReadonlySet<number> | undefined;
function embeddedCharacterSet(): ReadonlySet<number> {
  if (!embeddedCharacters) {
    const [regular, ...others] = (['regular', 'bold', 'italic'] as const).map((style) => new Set(fontkit.create(fontData(style) as Buffer).characterSet));
    // Without shaping, format characters and lone combining marks would print as boxes or misplaced marks: leave them to `transliterate`.
    const drawable = (code: number) =>
      code >= 0x20 && !(code >= 0x7f && code <= 0x9f) && !(code >= 0x0300 && code <= 0x036f) && !(code >= 0x2000 && code <= 0x200f) && !(code >= 0x2028 && code <= 0x202f) && !(code >= 0x205f && code <= 0x206f) && code !== 0xfeff;
    embeddedCharacters = new Set([...(regular ?? [])].filter((code) => drawable(code) && others.every((set) => set.has(code))));
  }
  return embeddedCharacters;
}

/** Text the embedded fonts can draw: as is where they have the glyphs (Polish, German, French …), else transliterated, else "?". */
export function toEmbeddedText(text: string): string {
  return transliterate(text, embeddedCharacterSet());
}

/** Subset tags are fixed (the document stays deterministic), six capitals + "+" as PDF asks of subsets. */
const SUBSET_NAMES: Readonly<Record<FontStyle, string>> = { regular: 'BPORTA+LiberationSans', bold: 'BPORTB+LiberationSans-Bold', italic: 'BPORTC+LiberationSans-Italic' };

async function embedFonts(doc: PDFDocument): Promise<Fonts> {
  doc.registerFontkit(fontkit);
  const embed = (style: FontStyle) => doc.embedFont(fontData(style), { subset: true, customName: SUBSET_NAMES[style] });
  return { regular: await embed('regular'), bold: await embed('bold'), italic: await embed('italic') };
}

// ---------------------------------------------------------------------------------------------
// Formatting

/** "1 234.56 EUR": two decimals (currency digits), grouped thousands, ASCII minus. */
export function formatInvoiceAmount(value: Money): string {
  return formatMoney(value.amount, value.currency)
    .replace('\u2212', '-')
    .replace(/\d+/, (digits) => digits.replace(/\B(?=(\d{3})+(?!\d))/g, ' '));
}

/** "DE89 3704 0044 0532 0130 00". */
export const formatIban = (iban: string): string =>
  iban
    .replace(/\s+/g, '')
    .toUpperCase()
    .replace(/(.{4})(?=.)/g, '$1 ');

// ---------------------------------------------------------------------------------------------
// Layout

const A4: [number, number] = [595.28, 841.89];
const MARGIN = 50;
const WIDTH = A4[0] - 2 * MARGIN;
const TOP = A4[1] - MARGIN;
const CONTENT_BOTTOM = 84;
const FOOTER_TOP = 62;

const INK = rgb(0.12, 0.12, 0.12);
const MUTED = rgb(0.42, 0.42, 0.42);
const RULE = rgb(0.75, 0.75, 0.75);
const BAND = rgb(0.93, 0.94, 0.96);

interface Column {
  readonly key: 'pos' | 'sku' | 'name' | 'quantity' | 'unit' | 'unitNet' | 'vatRate' | 'lineNet';
  readonly title: string;
  readonly width: number;
  readonly align: 'left' | 'right';
}

const COLUMNS: readonly Column[] = [
  { key: 'pos', title: '#', width: 22, align: 'right' },
  { key: 'sku', title: 'SKU', width: 75, align: 'left' },
  { key: 'name', title: 'Description', width: 130, align: 'left' },
  { key: 'quantity', title: 'Qty', width: 50, align: 'right' },
  { key: 'unit', title: 'Unit', width: 32, align: 'left' },
  { key: 'unitNet', title: 'Unit net', width: 72, align: 'right' },
  { key: 'vatRate', title: 'VAT', width: 36, align: 'right' },
  { key: 'lineNet', title: 'Line net', width: 78, align: 'right' },
];
const CELL_PAD = 3;
const TABLE_SIZE = 8;
const TABLE_LEADING = 10;
const MAX_NAME_LINES = 3;

interface Fonts {
  readonly regular: PDFFont;
  readonly bold: PDFFont;
  readonly italic: PDFFont;
}

/** Cuts `text` to `maxWidth`, ending in "…" when cut. */
function fit(text: string, font: PDFFont, size: number, maxWidth: number): string {
  if (font.widthOfTextAtSize(text, size) <= maxWidth) return text;
  let cut = text;
  while (cut.length > 0 && font.widthOfTextAtSize(`${cut}\u2026`, size) > maxWidth) cut = cut.slice(0, -1);
  return `${cut.trimEnd()}\u2026`;
}

/** Word-wraps `text` to `maxWidth`; words longer than a line are broken; at most `maxLines` (last one cut with "…"). */
function wrap(text: string, font: PDFFont, size: number, maxWidth: number, maxLines = Number.POSITIVE_INFINITY): string[] {
  const lines: string[] = [];
  let current = '';
  const push = (line: string) => lines.push(line);
  for (const word of text.split(/\s+/).filter((part) => part !== '')) {
    const candidate = current === '' ? word : `${current} ${word}`;
    if (font.widthOfTextAtSize(candidate, size) <= maxWidth) {
      current = candidate;
      continue;
    }
    if (current !== '') push(current);
    current = word;
    while (font.widthOfTextAtSize(current, size) > maxWidth && current.length > 1) {
      let cut = current.length - 1;
      while (cut > 1 && font.widthOfTextAtSize(current.slice(0, cut), size) > maxWidth) cut -= 1;
      push(current.slice(0, cut));
      current = current.slice(cut);
    }
  }
  if (current !== '') push(current);
  if (lines.length === 0) return [''];
  if (lines.length <= maxLines) return lines;
  const kept = lines.slice(0, maxLines);
  kept[maxLines - 1] = fit(`${kept[maxLines - 1]} ${lines.slice(maxLines).join(' ')}`, font, size, maxWidth);
  return kept;
}

const round = (value: number): number => Math.round(value * 100) / 100;

class Writer {
  readonly pages: PDFPage[] = [];
  page!: PDFPage;
  y = TOP;
  /** One font resource per font and page (pdf-lib's drawText would add a new resource entry per call). */
  private readonly fontKeys = new Map<PDFPage, Map<PDFFont, PDFName>>();

  constructor(
    private readonly doc: PDFDocument,
    readonly fonts: Fonts,
    readonly clean: (text: string) => string,
  ) {}

  addPage(): void {
    this.page = this.doc.addPage(A4);
    this.pages.push(this.page);
    this.y = TOP;
  }

  private fontKey(font: PDFFont): PDFName {
    let keys = this.fontKeys.get(this.page);
    if (!keys) {
      keys = new Map();
      this.fontKeys.set(this.page, keys);
    }
    let key = keys.get(font);
    if (!key) {
      key = this.page.node.newFontDictionary(font.name, font.ref);
      keys.set(font, key);
    }
    return key;
  }

  /** Draws already-clean text (WinAnsi only). */
  private draw(content: string, x: number, y: number, font: PDFFont, size: number, color: Color): void {
    if (content === '') return;
    this.page.pushOperators(
      pushGraphicsState(),
      beginText(),
      setFillingColor(color),
      setFontAndSize(this.fontKey(font), size),
      setTextMatrix(1, 0, 0, 1, round(x), round(y)),
      showText(font.encodeText(content)),
      endText(),
      popGraphicsState(),
    );
  }

  text(value: string, x: number, y: number, options: { font?: PDFFont; size?: number; color?: Color; maxWidth?: number } = {}): void {
    const font = options.font ?? this.fonts.regular;
    const size = options.size ?? 9;
    let content = this.clean(value);
    if (options.maxWidth !== undefined) content = fit(content, font, size, options.maxWidth);
    this.draw(content, x, y, font, size, options.color ?? INK);
  }

  /** Right-aligned at `right`; shrinks the size (down to 6 pt) rather than cutting an amount. */
  textRight(value: string, right: number, y: number, options: { font?: PDFFont; size?: number; color?: Color; maxWidth?: number } = {}): void {
    const font = options.font ?? this.fonts.regular;
    let size = options.size ?? 9;
    let content = this.clean(value);
    if (options.maxWidth !== undefined) {
      while (size > 6 && font.widthOfTextAtSize(content, size) > options.maxWidth) size -= 0.5;
      content = fit(content, font, size, options.maxWidth);
    }
    this.draw(content, right - font.widthOfTextAtSize(content, size), y, font, size, options.color ?? INK);
  }

  rule(y: number, from = MARGIN, to = MARGIN + WIDTH, thickness = 0.5, color: Color = RULE): void {
    this.page.drawLine({ start: { x: from, y }, end: { x: to, y }, thickness, color });
  }
}

function drawHeader(w: Writer, invoice: DocumentLayout): void {
  const { bold, regular } = w.fonts;
  const right = MARGIN + WIDTH;
  w.text(invoice.seller.name, MARGIN, TOP - 14, { font: bold, size: 15, maxWidth: WIDTH * 0.58 });
  let left = TOP - 30;
  for (const line of invoice.seller.addressLines) {
    w.text(line, MARGIN, left, { size: 8.5, color: MUTED, maxWidth: WIDTH * 0.58 });
    left -= 11;
  }
  w.text(`VAT ID ${invoice.seller.vatId}`, MARGIN, left, { size: 8.5, color: MUTED, maxWidth: WIDTH * 0.58 });
  left -= 11;

  w.textRight(invoice.heading, right, TOP - 16, { font: bold, size: 20 });
  w.textRight(invoice.reference, right, TOP - 34, { font: bold, size: 11, maxWidth: WIDTH * 0.4 });
  w.y = Math.min(left, TOP - 40) - 14;
  w.rule(w.y, MARGIN, right, 1, INK);
  w.y -= 22;

  // Buyer (left) and meta (right)
  const top = w.y;
  const buyerWidth = WIDTH * 0.5 - 10;
  w.text(invoice.partyLabel, MARGIN, top, { font: bold, size: 7.5, color: MUTED });
  let buyerY = top - 14;
  for (const line of wrap(w.clean(invoice.buyer.name), bold, 10.5, buyerWidth, 2)) {
    w.text(line, MARGIN, buyerY, { font: bold, size: 10.5 });
    buyerY -= 13;
  }
  for (const line of invoice.buyer.addressLines) {
    w.text(line, MARGIN, buyerY, { size: 9, maxWidth: buyerWidth });
    buyerY -= 11.5;
  }
  if (invoice.buyer.vatId) {
    w.text(`VAT ID ${invoice.buyer.vatId}`, MARGIN, buyerY, { size: 9, maxWidth: buyerWidth });
    buyerY -= 11.5;
  }

  const labelX = MARGIN + WIDTH * 0.5 + 10;
  const valueX = labelX + 82;
  const valueWidth = right - valueX;
  let metaY = top;
  invoice.meta.forEach(([label, value], index) => {
    if (value === undefined || value === '') return;
    w.text(label, labelX, metaY, { size: 8.5, color: MUTED });
    w.text(value, valueX, metaY, { font: index === 0 ? bold : regular, size: 9, maxWidth: valueWidth });
    metaY -= 12.5;
  });
  w.text(invoice.termsLabel, labelX, metaY, { size: 8.5, color: MUTED });
  for (const line of wrap(w.clean(invoice.terms), regular, 9, valueWidth, 4)) {
    w.text(line, valueX, metaY, { size: 9 });
    metaY -= 11.5;
  }
  w.y = Math.min(buyerY, metaY) - 16;
}

function drawContinuationHeader(w: Writer, invoice: DocumentLayout): void {
  w.text(invoice.seller.name, MARGIN, TOP - 10, { font: w.fonts.bold, size: 10, maxWidth: WIDTH * 0.55 });
  w.textRight(`${invoice.reference} (continued)`, MARGIN + WIDTH, TOP - 10, { size: 9, color: MUTED });
  w.rule(TOP - 18);
  w.y = TOP - 36;
}

function columnX(index: number): number {
  let x = MARGIN;
  for (let i = 0; i < index; i += 1) x += COLUMNS[i]?.width ?? 0;
  return x;
}

function drawTableHeader(w: Writer): void {
  const height = 16;
  w.page.drawRectangle({ x: MARGIN, y: w.y - height + 11, width: WIDTH, height, color: BAND });
  COLUMNS.forEach((column, index) => {
    const x = columnX(index);
    if (column.align === 'right') w.textRight(column.title, x + column.width - CELL_PAD, w.y - 1, { font: w.fonts.bold, size: TABLE_SIZE });
    else w.text(column.title, x + CELL_PAD, w.y - 1, { font: w.fonts.bold, size: TABLE_SIZE });
  });
  w.y -= height + 4;
}

function drawLines(w: Writer, invoice: DocumentLayout): void {
  const { regular } = w.fonts;
  const nameColumn = COLUMNS.findIndex((column) => column.key === 'name');
  const nameWidth = (COLUMNS[nameColumn]?.width ?? 0) - 2 * CELL_PAD;
  drawTableHeader(w);
  invoice.lines.forEach((line, index) => {
    const nameLines = wrap(w.clean(line.name), regular, TABLE_SIZE, nameWidth, MAX_NAME_LINES);
    const height = nameLines.length * TABLE_LEADING + 4;
    if (w.y - height < CONTENT_BOTTOM) {
      w.addPage();
      drawContinuationHeader(w, invoice);
      drawTableHeader(w);
    }
    const cells: Record<Column['key'], string> = {
      pos: String(index + 1),
      sku: line.sku,
      name: '',
      quantity: line.quantity,
      unit: line.unit,
      unitNet: formatInvoiceAmount(line.unitNet),
      vatRate: formatPercent(line.vatRate),
      lineNet: formatInvoiceAmount(line.lineNet),
    };
    COLUMNS.forEach((column, columnIndex) => {
      const x = columnX(columnIndex);
      const inner = column.width - 2 * CELL_PAD;
      if (column.key === 'name') {
        nameLines.forEach((text, lineIndex) => w.text(text, x + CELL_PAD, w.y - lineIndex * TABLE_LEADING, { size: TABLE_SIZE }));
      } else if (column.align === 'right') {
        w.textRight(cells[column.key], x + column.width - CELL_PAD, w.y, { size: TABLE_SIZE, maxWidth: inner });
      } else {
        w.text(cells[column.key], x + CELL_PAD, w.y, { size: TABLE_SIZE, maxWidth: inner });
      }
    });
    w.rule(w.y - height + 6.5, MARGIN, MARGIN + WIDTH, 0.3);
    w.y -= height;
  });
  if (invoice.lines.length === 0) {
    w.text('No invoice lines.', MARGIN + CELL_PAD, w.y, { size: TABLE_SIZE, color: MUTED });
    w.y -= TABLE_LEADING + 4;
  }
}

/** Side of the EPC QR code including its 4-module quiet zone (about 32 mm). */
const QR_SIDE = 90;

/** The QR code as filled rectangles (one per run of dark modules in a row), black on the white page. */
function drawQr(w: Writer, payload: string, x: number, top: number): void {
  const matrix = qrMatrix(payload);
  const cell = QR_SIDE / (matrix.size + 8);
  const black = rgb(0, 0, 0);
  matrix.dark.forEach((row, rowIndex) => {
    let column = 0;
    while (column < matrix.size) {
      if (!row[column]) {
        column += 1;
        continue;
      }
      const start = column;
      while (column < matrix.size && row[column]) column += 1;
      w.page.drawRectangle({ x: round(x + (start + 4) * cell), y: round(top - (rowIndex + 5) * cell), width: round((column - start) * cell), height: round(cell), color: black, borderWidth: 0 });
    }
  });
}

function drawTotals(w: Writer, invoice: DocumentLayout): void {
  const { bold, italic, regular } = w.fonts;
  const noteLines = invoice.notes.flatMap((note) => wrap(w.clean(note), italic, 8.5, WIDTH));
  const totalsHeight = 16 + (3 + invoice.vatBreakdown.length) * 14 + 12;
  const qrHeight = invoice.paymentQr ? QR_SIDE + 26 : 0;
  const needed = Math.max(totalsHeight, qrHeight) + (noteLines.length > 0 ? 10 + noteLines.length * 11 : 0);
  if (w.y - needed < CONTENT_BOTTOM) {
    w.addPage();
    drawContinuationHeader(w, invoice);
  }
  const qrBottom = w.y - qrHeight;
  if (invoice.paymentQr) {
    drawQr(w, invoice.paymentQr.payload, MARGIN - 4 * (QR_SIDE / (qrMatrix(invoice.paymentQr.payload).size + 8)), w.y);
    w.text(invoice.paymentQr.caption, MARGIN, w.y - QR_SIDE - 6, { size: 7.5, color: MUTED, maxWidth: WIDTH * 0.4 });
  }
  const right = MARGIN + WIDTH;
  const labelX = MARGIN + WIDTH * 0.45;
  w.y -= 8;
  w.text('Net total', labelX, w.y, { size: 9 });
  w.textRight(formatInvoiceAmount(invoice.net), right - CELL_PAD, w.y, { size: 9, maxWidth: 110 });
  w.y -= 14;
  for (const entry of invoice.vatBreakdown) {
    w.text(`VAT ${formatPercent(entry.rate)} on ${formatInvoiceAmount(entry.net)}`, labelX, w.y, { size: 9, font: regular, maxWidth: right - labelX - 115 });
    w.textRight(formatInvoiceAmount(entry.vat), right - CELL_PAD, w.y, { size: 9, maxWidth: 110 });
    w.y -= 14;
  }
  if (invoice.vatBreakdown.length > 1) {
    w.text('VAT total', labelX, w.y, { size: 9 });
    w.textRight(formatInvoiceAmount(invoice.vat), right - CELL_PAD, w.y, { size: 9, maxWidth: 110 });
    w.y -= 14;
  }
  if (invoice.deliveryFee && invoice.deliveryFee.amount > 0) {
    w.text('Delivery', labelX, w.y, { size: 9 });
    w.textRight(formatInvoiceAmount(invoice.deliveryFee), right - CELL_PAD, w.y, { size: 9, maxWidth: 110 });
    w.y -= 14;
  }
  w.rule(w.y + 9, labelX, right, 1, INK);
  w.y -= 4;
  const due = invoice.deliveryFee ? { amount: invoice.gross.amount + invoice.deliveryFee.amount, currency: invoice.gross.currency } : invoice.gross;
  w.text(invoice.totalLabel, labelX, w.y, { font: bold, size: 11 });
  w.textRight(formatInvoiceAmount(due), right - CELL_PAD, w.y, { font: bold, size: 11, maxWidth: 130 });
  w.y -= 20;
  if (invoice.paymentQr) w.y = Math.min(w.y, qrBottom);
  if (noteLines.length > 0) {
    w.y -= 6;
    for (const line of noteLines) {
      w.text(line, MARGIN, w.y, { font: italic, size: 8.5 });
      w.y -= 11;
    }
  }
  if (invoice.verificationQr) drawVerificationQr(w, invoice, invoice.verificationQr);
}

function drawFooters(w: Writer, invoice: DocumentLayout): void {
  const { seller } = invoice;
  const bank = [`IBAN ${formatIban(seller.iban)}`, seller.bic ? `BIC ${seller.bic}` : '', seller.bankName ?? ''].filter((part) => part !== '').join('  \u00b7  ');
  const identity = [seller.name, ...seller.addressLines, `VAT ID ${seller.vatId}`].join('  \u00b7  ');
  w.pages.forEach((page, index) => {
    w.page = page;
    w.rule(FOOTER_TOP);
    w.text(identity, MARGIN, FOOTER_TOP - 12, { size: 7, color: MUTED, maxWidth: WIDTH - 70 });
    w.text(`Bank details: ${bank}`, MARGIN, FOOTER_TOP - 22, { size: 7, color: MUTED, maxWidth: WIDTH - 70 });
    w.textRight(`Page ${index + 1} of ${w.pages.length}`, MARGIN + WIDTH, FOOTER_TOP - 12, { size: 7, color: MUTED });
  });
}

const isoDate = /^\d{4}-\d{2}-\d{2}$/;

/** The EPC QR code (GiroCode) of an invoice with an RF reference and a EUR amount left to pay. */
function paymentQrOf(invoice: InvoiceDocument): { paymentQr?: DocumentLayout['paymentQr'] } {
  if (!invoice.creditorReference) return {};
  const due = invoice.amountDue ?? (invoice.deliveryFee ? { amount: invoice.gross.amount + invoice.deliveryFee.amount, currency: invoice.gross.currency } : invoice.gross);
  const payload = epcPayload({ ...(invoice.seller.bic ? { bic: invoice.seller.bic } : {}), name: invoice.seller.name, iban: invoice.seller.iban, amount: due, reference: invoice.creditorReference });
  return payload ? { paymentQr: { payload, caption: `Scan to pay ${formatInvoiceAmount(due)} (GiroCode / EPC QR)` } } : {};
}

/** Maps an invoice onto the shared layout. */
export function invoiceLayout(invoice: InvoiceDocument): DocumentLayout {
  return {
    heading: 'INVOICE',
    reference: `Invoice ${invoice.invoiceNumber}`,
    partyLabel: 'BILL TO',
    seller: invoice.seller,
    buyer: invoice.buyer,
    meta: [
      ['Invoice number', invoice.invoiceNumber],
      ['Order number', invoice.orderNumber],
      ['Issue date', invoice.issueDate],
      ['Due date', invoice.dueDate],
      ['Date of supply', invoice.supplyDate],
      ['PO number', invoice.poNumber],
      ['Cost centre', invoice.costCentre],
      ['Payment reference', invoice.creditorReference ? formatCreditorReference(invoice.creditorReference) : undefined],
    ],
    termsLabel: 'Payment terms',
    terms: invoice.paymentTerms,
    lines: invoice.lines,
    net: invoice.net,
    vat: invoice.vat,
    gross: invoice.gross,
    vatBreakdown: invoice.vatBreakdown,
    ...(invoice.deliveryFee ? { deliveryFee: invoice.deliveryFee } : {}),
    totalLabel: 'Total due',
    notes: invoice.reverseChargeNote ? [invoice.reverseChargeNote] : [],
    ...(invoice.ksef ? { verificationQr: invoice.ksef } : {}),
    ...paymentQrOf(invoice),
    metadata: {
      title: `Invoice ${invoice.invoiceNumber}`,
      subject: `Invoice ${invoice.invoiceNumber} for order ${invoice.orderNumber}`,
      keywords: [invoice.invoiceNumber, invoice.orderNumber, ...(invoice.poNumber ? [invoice.poNumber] : [])],
      date: invoice.issueDate,
    },
  };
}

/** The EN 16931 CII XML a PDF carries as its Factur-X / ZUGFeRD part. */
export interface FacturXAttachment {
  /** CII XML with BT-24 `urn:cen.eu:en16931:2017` (Factur-X / ZUGFeRD profile EN 16931). */
  readonly xml: string;
}

export const FACTURX_FILE_NAME = 'factur-x.xml';
export const FACTURX_NAMESPACE = 'urn:factur-x:pdfa:CrossIndustryDocument:invoice:1p0#';
export const FACTURX_CONFORMANCE_LEVEL = 'EN 16931';

/** Renders the invoice as an A4 PDF/A-3: header, buyer and meta, paged line table, totals per VAT rate, reverse-charge note, footer with bank details; with `facturX`, the hybrid e-invoice. */
export async function renderInvoicePdf(invoice: InvoiceDocument, facturX?: FacturXAttachment): Promise<Uint8Array> {
  if (!invoice.invoiceNumber) throw new RangeError('An invoice needs an invoice number');
  return renderDocumentPdf(invoiceLayout(invoice), facturX);
}

/**
 * XMP packet: PDF/A identification (part 3, conformance B), the document information mirrored as
 * PDF/A asks (dc:title = Title, dc:creator = Author, dc:description = Subject, pdf:Keywords,
 * xmp:CreatorTool = Creator, pdf:Producer, xmp:CreateDate / ModifyDate), and for hybrid invoices the
 * Factur-X extension schema (declared in pdfaExtension, as PDF/A requires of non-standard properties).
 */
export function xmpMetadata(info: { title: string; author: string; subject: string; keywords: string; creator: string; producer: string; date?: Date }, facturX: boolean): string {
  const date = info.date ? info.date.toISOString().replace(/\.\d{3}Z$/, 'Z') : undefined;
  const property = (name: string, valueType: string, description: string) =>
    `<rdf:li rdf:parseType="Resource"><pdfaProperty:name>${name}</pdfaProperty:name><pdfaProperty:valueType>${valueType}</pdfaProperty:valueType><pdfaProperty:category>external</pdfaProperty:category><pdfaProperty:description>${description}</pdfaProperty:description></rdf:li>`;
  const extension = facturX
    ? [
        '<rdf:Description rdf:about="" xmlns:pdfaExtension="http://www.aiim.org/pdfa/ns/extension/" xmlns:pdfaSchema="http://www.aiim.org/pdfa/ns/schema#" xmlns:pdfaProperty="http://www.aiim.org/pdfa/ns/property#">',
        '<pdfaExtension:schemas><rdf:Bag><rdf:li rdf:parseType="Resource">',
        '<pdfaSchema:schema>Factur-X PDFA Extension Schema</pdfaSchema:schema>',
        `<pdfaSchema:namespaceURI>${FACTURX_NAMESPACE}</pdfaSchema:namespaceURI>`,
        '<pdfaSchema:prefix>fx</pdfaSchema:prefix>',
        '<pdfaSchema:property><rdf:Seq>',
        property('DocumentFileName', 'Text', 'The name of the embedded XML document'),
        property('DocumentType', 'Text', 'The type of the hybrid document in capital letters, e.g. INVOICE or ORDER'),
        property('Version', 'Text', 'The actual version of the standard applying to the embedded XML document'),
        property('ConformanceLevel', 'Text', 'The conformance level of the embedded XML document'),
        '</rdf:Seq></pdfaSchema:property>',
        '</rdf:li></rdf:Bag></pdfaExtension:schemas>',
        '</rdf:Description>',
        `<rdf:Description rdf:about="" xmlns:fx="${FACTURX_NAMESPACE}">`,
        '<fx:DocumentType>INVOICE</fx:DocumentType>',
        `<fx:DocumentFileName>${FACTURX_FILE_NAME}</fx:DocumentFileName>`,
        '<fx:Version>1.0</fx:Version>',
        `<fx:ConformanceLevel>${FACTURX_CONFORMANCE_LEVEL}</fx:ConformanceLevel>`,
        '</rdf:Description>',
      ]
    : [];
  return [
    '<?xpacket begin="\uFEFF" id="W5M0MpCehiHzreSzNTczkc9d"?>',
    '<x:xmpmeta xmlns:x="adobe:ns:meta/">',
    '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">',
    '<rdf:Description rdf:about="" xmlns:pdfaid="http://www.aiim.org/pdfa/ns/id/"><pdfaid:part>3</pdfaid:part><pdfaid:conformance>B</pdfaid:conformance></rdf:Description>',
    '<rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/">',
    '<dc:format>application/pdf</dc:format>',
    `<dc:title><rdf:Alt><rdf:li xml:lang="x-default">${escapeXml(info.title)}</rdf:li></rdf:Alt></dc:title>`,
    `<dc:creator><rdf:Seq><rdf:li>${escapeXml(info.author)}</rdf:li></rdf:Seq></dc:creator>`,
    `<dc:description><rdf:Alt><rdf:li xml:lang="x-default">${escapeXml(info.subject)}</rdf:li></rdf:Alt></dc:description>`,
    '</rdf:Description>',
    `<rdf:Description rdf:about="" xmlns:pdf="http://ns.adobe.com/pdf/1.3/"><pdf:Producer>${escapeXml(info.producer)}</pdf:Producer><pdf:Keywords>${escapeXml(info.keywords)}</pdf:Keywords></rdf:Description>`,
    `<rdf:Description rdf:about="" xmlns:xmp="http://ns.adobe.com/xap/1.0/"><xmp:CreatorTool>${escapeXml(info.creator)}</xmp:CreatorTool>${date ? `<xmp:CreateDate>${date}</xmp:CreateDate><xmp:ModifyDate>${date}</xmp:ModifyDate><xmp:MetadataDate>${date}</xmp:MetadataDate>` : ''}</rdf:Description>`,
    ...extension,
    '</rdf:RDF>',
    '</x:xmpmeta>',
    '<?xpacket end="w"?>',
  ].join('\n');
}

/** PDF/A parts pdf-lib does not write itself: XMP metadata, the sRGB output intent, the file identifier. */
function makePdfA(doc: PDFDocument, layout: DocumentLayout, date: Date | undefined, facturX: FacturXAttachment | undefined): void {
  const { context, catalog } = doc;
  const xmp = xmpMetadata(
    {
      title: layout.metadata.title,
      author: layout.seller.name,
      subject: layout.metadata.subject,
      keywords: layout.metadata.keywords.join(' '),
      creator: CREATOR,
      producer: PRODUCER,
      ...(date ? { date } : {}),
    },
    facturX !== undefined,
  );
  // Metadata streams stay unfiltered (PDF/A 6.6.2.1).
  const metadata = context.stream(new TextEncoder().encode(xmp), { Type: 'Metadata', Subtype: 'XML' });
  catalog.set(PDFName.of('Metadata'), context.register(metadata));

  const profile = context.flateStream(Buffer.from(srgbIccProfile, 'base64'), { N: 3 });
  const outputIntent = context.obj({
    Type: 'OutputIntent',
    S: 'GTS_PDFA1',
    OutputConditionIdentifier: PDFHexString.fromText('sRGB IEC61966-2.1'),
    Info: PDFHexString.fromText('sRGB IEC61966-2.1'),
    RegistryName: PDFHexString.fromText('http://www.color.org'),
    DestOutputProfile: context.register(profile),
  });
  catalog.set(PDFName.of('OutputIntents'), context.obj([context.register(outputIntent)]));

  // File identifier (required by PDF/A), derived from the content so renders stay deterministic.
  const id = createHash('md5').update(`${layout.metadata.title}\n${layout.metadata.date}\n${facturX?.xml ?? ''}`).digest('hex');
  context.trailerInfo.ID = context.obj([PDFHexString.of(id), PDFHexString.of(id)]);
}

const CREATOR = 'B2B Portal';
const PRODUCER = 'B2B Portal (pdf-lib)';

/** Renders any business document in the shared A4 layout as PDF/A-3B (deterministic: dates come from the document). */
export async function renderDocumentPdf(layout: DocumentLayout, facturX?: FacturXAttachment): Promise<Uint8Array> {
  const doc = await PDFDocument.create({ updateMetadata: false });
  const fonts = await embedFonts(doc);
  const allowed = embeddedCharacterSet();
  const w = new Writer(doc, fonts, (text) => transliterate(text, allowed));

  // Metadata is UTF-16 in the info dictionary: no transliteration needed.
  doc.setTitle(layout.metadata.title);
  doc.setSubject(layout.metadata.subject);
  doc.setAuthor(layout.seller.name);
  doc.setKeywords([...layout.metadata.keywords]);
  doc.setCreator(CREATOR);
  doc.setProducer(PRODUCER);
  doc.setLanguage('en');
  let date: Date | undefined;
  if (isoDate.test(layout.metadata.date)) {
    const parsed = new Date(`${layout.metadata.date}T00:00:00Z`);
    if (!Number.isNaN(parsed.getTime())) {
      date = parsed;
      doc.setCreationDate(parsed);
      doc.setModificationDate(parsed);
    }
  }

  w.addPage();
  drawHeader(w, layout);
  drawLines(w, layout);
  drawTotals(w, layout);
  drawFooters(w, layout);

  if (facturX) {
    // ZUGFeRD 2.x / Factur-X: the XML is the alternative (equivalent, machine-readable) form of the invoice.
    await doc.attach(new TextEncoder().encode(facturX.xml), FACTURX_FILE_NAME, {
      mimeType: 'text/xml',
      description: 'Factur-X / ZUGFeRD invoice (EN 16931, UN/CEFACT CII D16B)',
      afRelationship: AFRelationship.Alternative,
      ...(date ? { creationDate: date, modificationDate: date } : {}),
    });
  }
  makePdfA(doc, layout, date, facturX);
  return doc.save();
}
