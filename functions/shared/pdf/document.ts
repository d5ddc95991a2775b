import { formatDate } from '../format.js';
import type { Language } from '../locale.js';
import { catalogs, translator } from '../messages/index.js';
import { formatMoney, type Money } from '../money.js';
import type { FacturXAttachment } from './pdfa.js';

/**
 * The one renderer of business document PDFs (invoice, credit note, quote, delivery note, RMA) as
 * PDF/A-3 (level B): A4 pages with the seller header, party block with meta rows and terms, a line
 * table that breaks across pages (continuation header, repeated table header), totals per VAT rate,
 * notes, QR codes and footers with page numbers. Documents only map their content onto
 * `DocumentLayout`. Deterministic: the same document always renders to the same bytes (dates come
 * from the document). This module holds the layout and its text formats; the drawing (pdf-lib) is
 * ./pdf-renderer.mts, loaded by `renderDocumentPdf` when the first document is rendered.
 */

export interface DocumentParty {
  readonly name: string;
  readonly addressLines: readonly string[];
  readonly vatId?: string;
}

export interface DocumentSeller extends DocumentParty {
  readonly vatId: string;
  readonly iban: string;
  readonly bic?: string;
  readonly bankName?: string;
}

export interface DocumentLine {
  readonly sku: string;
  readonly name: string;
  /** Decimal with a point ("2.5", "12"), printed in the layout's language ("2,5"); other text as is. */
  readonly quantity: string;
  readonly unit: string;
  readonly unitNet: Money;
  readonly lineNet: Money;
  /** Basis points. */
  readonly vatRate: number;
  /** The buyer's own article number, printed under the name. */
  readonly buyerNumber?: string;
}

/** KSeF KOD I (Polish seller, docs/ksef.md): the KSeF number (absent: issued offline) and the verification link. */
export interface KsefPdfMarking {
  readonly number?: string;
  readonly verificationUrl: string;
}

/**
 * The layout every business document shares (invoice, quote, later RMA printouts): seller header,
 * party block with meta rows and terms, paged line table, totals per VAT rate, notes, footers.
 * Invoices, credit notes, quotes, delivery notes and RMA forms map onto it.
 */
export interface DocumentLayout {
  /**
   * Language of the layout's own texts (column titles, totals, footer, page numbers) and of its number,
   * money and percentage formats (functions/shared/format.ts); the documents pass their texts already
   * translated. Default English.
   */
  readonly language?: Language;
  /** Big title on the right ("INVOICE", "QUOTE"). */
  readonly heading: string;
  /** "Invoice INV-2026-000123": label + number under the title and on continuation pages. */
  readonly reference: string;
  /** Label above the customer block ("BILL TO"). */
  readonly partyLabel: string;
  readonly seller: DocumentSeller;
  readonly buyer: DocumentParty;
  /** Right column rows; the first is printed bold; empty values are skipped. */
  readonly meta: readonly (readonly [string, string | undefined])[];
  readonly termsLabel: string;
  readonly terms: string;
  readonly lines: readonly DocumentLine[];
  readonly net: Money;
  readonly vat: Money;
  readonly gross: Money;
  /** Basis points per VAT rate. */
  readonly vatBreakdown: readonly { readonly rate: number; readonly net: Money; readonly vat: Money }[];
  /** Delivery charge (gross) added to the goods' gross; the total includes it. */
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
// Formatting

/** "1 234.56 EUR": two decimals (currency digits), grouped thousands, ASCII minus (language-neutral; the layout itself prints amounts in its language, see format.ts). */
export function formatDocumentAmount(value: Money): string {
  return formatMoney(value.amount, value.currency)
    .replace('\u2212', '-')
    .replace(/\d+/, (digits) => digits.replace(/\B(?=(\d{3})+(?!\d))/g, ' '));
}

/** A day (YYYY-MM-DD) or a period ("2026-11-19 – 2026-11-26") in a language's date format; other text as is. */
export const formatDocumentDate = (value: string | undefined, language: Language): string | undefined =>
  value?.replace(/\d{4}-\d{2}-\d{2}/g, (day) => formatDate(day, language));

/** A note the layout knows in every language (the reverse-charge note of pricing, which may go on with the VIES evidence) in `language`; other notes as written. */
export function printedNote(note: string, language: Language): string {
  const known = catalogs.en['doc.reverseCharge'];
  return note.startsWith(known) ? `${translator(language)('doc.reverseCharge')}${note.slice(known.length)}` : note;
}

/** "DE89 3704 0044 0532 0130 00". */
export const formatIban = (iban: string): string =>
  iban
    .replace(/\s+/g, '')
    .toUpperCase()
    .replace(/(.{4})(?=.)/g, '$1 ');

/**
 * Renders any business document in the shared A4 layout as PDF/A-3B (deterministic: dates come from the
 * document). The renderer (pdf-lib, fontkit, the font files) is loaded on the first call only.
 */
export async function renderDocumentPdf(layout: DocumentLayout, facturX?: FacturXAttachment): Promise<Uint8Array> {
  const { renderLayoutPdf } = await import('./pdf-renderer.mjs');
  return renderLayoutPdf(layout, facturX);
}
