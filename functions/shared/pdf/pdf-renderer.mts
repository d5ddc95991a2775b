import {
  PDFDocument,
  PDFName,
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
import { formatPercent, formatMoney as formatLocalMoney, formatQuantity } from '../format.js';
import type { Language } from '../locale.js';
import { translator, type MessageKey, type Translate } from '../messages/index.js';
import type { Money } from '../money.js';
import { formatIban, type DocumentLayout, type KsefPdfMarking } from './document.js';
import { embedFonts, embeddedCharacterSet, transliterate, type Fonts } from './fonts.js';
import { attachFacturX, makePdfA, setDocumentInfo, type FacturXAttachment, type PdfMetadata } from './pdfa.js';
import { qrMatrix } from './qr.js';

/**
 * The PDF half of functions/shared/pdf/document.ts: draws a `DocumentLayout` with pdf-lib and the
 * embedded fonts (fontkit). A module of its own, imported only when a document is rendered: in a
 * Lambda it is a file next to the bundle (`pdf-renderer.mjs`, built by lib/constructs/bundling.ts),
 * so pdf-lib and fontkit (≈ 1.3 MB) are neither in the bundle nor loaded at cold start.
 */
// ---------------------------------------------------------------------------------------------
// Layout

const A4: [number, number] = [595.28, 841.89];
const MARGIN = 50;
const WIDTH = A4[0] - 2 * MARGIN;
const TOP = A4[1] - MARGIN;
/** Baseline of the footer's last line: well above the bottom edge (printers' unprintable border is about 5 mm). */
const FOOTER_BOTTOM = 36;
const FOOTER_SIZE = 7;
const FOOTER_LEADING = 9;
/** Footer text width: the page number sits right of it. */
const FOOTER_TEXT_WIDTH = WIDTH - 80;

const INK = rgb(0.12, 0.12, 0.12);
const MUTED = rgb(0.42, 0.42, 0.42);
const RULE = rgb(0.75, 0.75, 0.75);
const BAND = rgb(0.93, 0.94, 0.96);

interface Column {
  readonly key: 'pos' | 'sku' | 'name' | 'quantity' | 'unit' | 'unitNet' | 'vatRate' | 'lineNet';
  readonly width: number;
  readonly align: 'left' | 'right';
}

const COLUMNS: readonly Column[] = [
  { key: 'pos', width: 22, align: 'right' },
  { key: 'sku', width: 75, align: 'left' },
  { key: 'name', width: 124, align: 'left' },
  { key: 'quantity', width: 50, align: 'right' },
  { key: 'unit', width: 30, align: 'left' },
  { key: 'unitNet', width: 80, align: 'right' },
  { key: 'vatRate', width: 36, align: 'right' },
  { key: 'lineNet', width: 78, align: 'right' },
];
const CELL_PAD = 3;
const TABLE_SIZE = 8;
const TABLE_LEADING = 10;
const MAX_NAME_LINES = 3;

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
  /** Lowest baseline of content: above the footer (set once the footer is measured). */
  contentBottom = 84;
  /** One font resource per font and page (pdf-lib's drawText would add a new resource entry per call). */
  private readonly fontKeys = new Map<PDFPage, Map<PDFFont, PDFName>>();

  constructor(
    private readonly doc: PDFDocument,
    readonly fonts: Fonts,
    readonly clean: (text: string) => string,
    readonly language: Language,
    readonly t: Translate,
  ) {}

  money(value: Money): string {
    return formatLocalMoney(value, this.language);
  }

  percent(bps: number): string {
    return formatPercent(bps, this.language);
  }

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
  w.text(w.t('doc.vatId', { vatId: invoice.seller.vatId }), MARGIN, left, { size: 8.5, color: MUTED, maxWidth: WIDTH * 0.58 });
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
    w.text(w.t('doc.vatId', { vatId: invoice.buyer.vatId }), MARGIN, buyerY, { size: 9, maxWidth: buyerWidth });
    buyerY -= 11.5;
  }

  const labelX = MARGIN + WIDTH * 0.5 + 10;
  // The label column fits the longest label ("Zahlungsbedingungen", "Termin płatności"), between 82 and 110 pt.
  const labels = [...invoice.meta.filter(([, value]) => value !== undefined && value !== '').map(([label]) => label), invoice.termsLabel];
  const labelWidth = Math.max(0, ...labels.map((label) => regular.widthOfTextAtSize(w.clean(label), 8.5)));
  const valueX = labelX + Math.min(110, Math.max(82, Math.ceil(labelWidth) + 6));
  const valueWidth = right - valueX;
  let metaY = top;
  invoice.meta.forEach(([label, value], index) => {
    if (value === undefined || value === '') return;
    w.text(label, labelX, metaY, { size: 8.5, color: MUTED, maxWidth: valueX - labelX - 4 });
    w.text(value, valueX, metaY, { font: index === 0 ? bold : regular, size: 9, maxWidth: valueWidth });
    metaY -= 12.5;
  });
  w.text(invoice.termsLabel, labelX, metaY, { size: 8.5, color: MUTED, maxWidth: valueX - labelX - 4 });
  for (const line of wrap(w.clean(invoice.terms), regular, 9, valueWidth, 4)) {
    w.text(line, valueX, metaY, { size: 9 });
    metaY -= 11.5;
  }
  w.y = Math.min(buyerY, metaY) - 16;
}

function drawContinuationHeader(w: Writer, invoice: DocumentLayout): void {
  w.text(invoice.seller.name, MARGIN, TOP - 10, { font: w.fonts.bold, size: 10, maxWidth: WIDTH * 0.55 });
  w.textRight(w.t('doc.continued', { reference: invoice.reference }), MARGIN + WIDTH, TOP - 10, { size: 9, color: MUTED, maxWidth: WIDTH * 0.43 });
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
    const title = w.t(`doc.column.${column.key}` as MessageKey);
    const maxWidth = column.width - 2 * CELL_PAD + (index === 0 ? CELL_PAD : 0);
    if (column.align === 'right') w.textRight(title, x + column.width - CELL_PAD, w.y - 1, { font: w.fonts.bold, size: TABLE_SIZE, maxWidth });
    else w.text(title, x + CELL_PAD, w.y - 1, { font: w.fonts.bold, size: TABLE_SIZE, maxWidth });
  });
  w.y -= height + 4;
}

function drawLines(w: Writer, invoice: DocumentLayout): void {
  const { regular } = w.fonts;
  const nameColumn = COLUMNS.findIndex((column) => column.key === 'name');
  const nameWidth = (COLUMNS[nameColumn]?.width ?? 0) - 2 * CELL_PAD;
  drawTableHeader(w);
  invoice.lines.forEach((line, index) => {
    const nameLines = [
      ...wrap(w.clean(line.name), regular, TABLE_SIZE, nameWidth, MAX_NAME_LINES),
      ...(line.buyerNumber ? wrap(w.clean(w.t('doc.yourNumber', { number: line.buyerNumber })), regular, TABLE_SIZE, nameWidth, 1) : []),
    ];
    const height = nameLines.length * TABLE_LEADING + 4;
    if (w.y - height < w.contentBottom) {
      w.addPage();
      drawContinuationHeader(w, invoice);
      drawTableHeader(w);
    }
    const cells: Record<Column['key'], string> = {
      pos: String(index + 1),
      sku: line.sku,
      name: '',
      quantity: formatQuantity(line.quantity, w.language),
      unit: line.unit,
      unitNet: w.money(line.unitNet),
      vatRate: w.percent(line.vatRate),
      lineNet: w.money(line.lineNet),
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
    w.text(w.t('doc.noLines'), MARGIN + CELL_PAD, w.y, { size: TABLE_SIZE, color: MUTED });
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
      w.page.drawRectangle({
        x: round(x + (start + 4) * cell),
        y: round(top - (rowIndex + 5) * cell),
        width: round((column - start) * cell),
        height: round(cell),
        color: black,
        borderWidth: 0,
      });
    }
  });
}

function drawTotals(w: Writer, invoice: DocumentLayout): void {
  const { bold, italic, regular } = w.fonts;
  const noteLines = invoice.notes.flatMap((note) => wrap(w.clean(note), italic, 8.5, WIDTH));
  const totalsHeight = 16 + (3 + invoice.vatBreakdown.length) * 14 + 12;
  const qrHeight = invoice.paymentQr ? QR_SIDE + 26 : 0;
  const needed = Math.max(totalsHeight, qrHeight) + (noteLines.length > 0 ? 10 + noteLines.length * 11 : 0);
  if (w.y - needed < w.contentBottom) {
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
  w.text(w.t('doc.netTotal'), labelX, w.y, { size: 9, maxWidth: right - labelX - 115 });
  w.textRight(w.money(invoice.net), right - CELL_PAD, w.y, { size: 9, maxWidth: 110 });
  w.y -= 14;
  for (const entry of invoice.vatBreakdown) {
    w.text(w.t('doc.vatOn', { rate: w.percent(entry.rate), net: w.money(entry.net) }), labelX, w.y, { size: 9, font: regular, maxWidth: right - labelX - 115 });
    w.textRight(w.money(entry.vat), right - CELL_PAD, w.y, { size: 9, maxWidth: 110 });
    w.y -= 14;
  }
  if (invoice.vatBreakdown.length > 1) {
    w.text(w.t('doc.vatTotal'), labelX, w.y, { size: 9, maxWidth: right - labelX - 115 });
    w.textRight(w.money(invoice.vat), right - CELL_PAD, w.y, { size: 9, maxWidth: 110 });
    w.y -= 14;
  }
  if (invoice.deliveryFee && invoice.deliveryFee.amount > 0) {
    w.text(w.t('doc.delivery'), labelX, w.y, { size: 9, maxWidth: right - labelX - 115 });
    w.textRight(w.money(invoice.deliveryFee), right - CELL_PAD, w.y, { size: 9, maxWidth: 110 });
    w.y -= 14;
  }
  w.rule(w.y + 9, labelX, right, 1, INK);
  w.y -= 4;
  const due = invoice.deliveryFee ? { amount: invoice.gross.amount + invoice.deliveryFee.amount, currency: invoice.gross.currency } : invoice.gross;
  w.text(invoice.totalLabel, labelX, w.y, { font: bold, size: 11, maxWidth: right - labelX - 135 });
  w.textRight(w.money(due), right - CELL_PAD, w.y, { font: bold, size: 11, maxWidth: 130 });
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

/**
 * The footer's lines: seller identity (name, address, VAT ID) and bank details, word-wrapped in full
 * (never cut), so nothing of them is lost however long the seller's data.
 */
function footerLines(w: Writer, layout: DocumentLayout): string[] {
  const { seller } = layout;
  const separator = '  \u00b7  ';
  const bank = [`IBAN ${formatIban(seller.iban)}`, seller.bic ? `BIC ${seller.bic}` : '', seller.bankName ?? ''].filter((part) => part !== '').join(separator);
  const identity = [seller.name, ...seller.addressLines, w.t('doc.vatId', { vatId: seller.vatId })].join(separator);
  const measure = (text: string) => wrap(w.clean(text), w.fonts.regular, FOOTER_SIZE, FOOTER_TEXT_WIDTH);
  return [...measure(identity), ...measure(w.t('doc.bankDetails', { bank }))];
}

/** Top of the footer (its rule) for `count` lines; content stays 22 pt above it. */
const footerTop = (count: number): number => FOOTER_BOTTOM + (count - 1) * FOOTER_LEADING + 14;

function drawFooters(w: Writer, lines: readonly string[]): void {
  const top = footerTop(lines.length);
  w.pages.forEach((page, index) => {
    w.page = page;
    w.rule(top);
    lines.forEach((line, lineIndex) => w.text(line, MARGIN, top - 14 - lineIndex * FOOTER_LEADING, { size: FOOTER_SIZE, color: MUTED }));
    w.textRight(w.t('doc.page', { page: index + 1, pages: w.pages.length }), MARGIN + WIDTH, top - 14, { size: FOOTER_SIZE, color: MUTED });
  });
}

/** KOD I under the notes (kody-qr.md): the QR of the link, the KSeF number (or OFFLINE) under it, number and link in full beside it. */
function drawVerificationQr(w: Writer, layout: DocumentLayout, ksef: KsefPdfMarking): void {
  if (w.y - (QR_SIDE + 24) < w.contentBottom) {
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
  w.text(ksef.number ? w.t('doc.ksefNumber', { number: ksef.number }) : w.t('doc.ksefOffline'), textX, top - 10, {
    font: w.fonts.bold,
    size: 9,
    maxWidth: textWidth,
  });
  let y = top - 24;
  for (const line of wrap(w.clean(w.t('doc.ksefVerify', { url: ksef.verificationUrl })), w.fonts.regular, 8, textWidth, 4)) {
    w.text(line, textX, y, { size: 8, color: MUTED });
    y -= 10;
  }
  w.y = top - QR_SIDE - 16;
}

/** `renderDocumentPdf` of functions/shared/pdf/document.ts. */
export async function renderLayoutPdf(layout: DocumentLayout, facturX?: FacturXAttachment): Promise<Uint8Array> {
  const doc = await PDFDocument.create({ updateMetadata: false });
  const fonts = await embedFonts(doc);
  const allowed = await embeddedCharacterSet();
  const language = layout.language ?? 'en';
  const w = new Writer(doc, fonts, (text) => transliterate(text, allowed), language, translator(language));
  const footer = footerLines(w, layout);
  w.contentBottom = footerTop(footer.length) + 22;

  const metadata: PdfMetadata = { ...layout.metadata, author: layout.seller.name };
  const date = setDocumentInfo(doc, metadata);

  w.addPage();
  drawHeader(w, layout);
  drawLines(w, layout);
  drawTotals(w, layout);
  drawFooters(w, footer);

  if (facturX) await attachFacturX(doc, facturX, date);
  await makePdfA(doc, metadata, date, facturX);
  return doc.save();
}
