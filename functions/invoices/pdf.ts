import { formatMoney } from '../shared/format.js';
import type { Language } from '../shared/locale.js';
import { translator } from '../shared/messages/index.js';
import {
  formatDocumentDate,
  printedNote,
  renderDocumentPdf,
  type DocumentLayout,
  type DocumentLine,
  type DocumentParty,
  type DocumentSeller,
  type KsefPdfMarking,
} from '../shared/pdf/document.js';
import type { FacturXAttachment } from '../shared/pdf/pdfa.js';
import type { Money } from '../shared/money.js';
import { epcPayload } from './epc-qr.js';
import { formatCreditorReference } from './numbering.js';

/**
 * The invoice PDF: the invoice's content mapped onto the shared document layout
 * (functions/shared/pdf/document.ts), with the EN 16931 CII XML attached as `factur-x.xml`
 * (ZUGFeRD 2.x / Factur-X EN 16931 hybrid, see docs/einvoice.md).
 */

export type InvoiceParty = DocumentParty;
export type InvoiceSeller = DocumentSeller;
export type InvoiceLine = DocumentLine;
export type { FacturXAttachment, KsefPdfMarking };

/** The invoice's content; seller, buyer, lines and amounts as the shared layout prints them. */
export interface InvoiceDocument extends Pick<DocumentLayout, 'seller' | 'buyer' | 'lines' | 'net' | 'vat' | 'gross' | 'vatBreakdown' | 'deliveryFee'> {
  readonly invoiceNumber: string;
  readonly orderNumber: string;
  /** The buyer company's language (labels, terms, formats); default English. */
  readonly language?: Language;
  /** ISO date YYYY-MM-DD. */
  readonly issueDate: string;
  readonly dueDate?: string;
  /** Date of supply (§14 (4) no. 6 UStG), as printed: "2026-11-19" or "2026-11-19 – 2026-11-26". */
  readonly supplyDate?: string;
  readonly reverseChargeNote?: string;
  readonly paymentTerms: string;
  /** The payment terms as printed in `language` (absent: `paymentTerms`, which the e-invoice XML carries). */
  readonly printedPaymentTerms?: string;
  readonly poNumber?: string;
  readonly costCentre?: string;
  /** Polish seller (KSeF): the KSeF number (absent: issued offline) and the KOD I verification link (docs/ksef.md). */
  readonly ksef?: KsefPdfMarking;
  /** ISO 11649 RF creditor reference (compact), printed as "Payment reference" and put into the EPC QR code. */
  readonly creditorReference?: string;
  /** What is left to pay at issue (absent: the total due); an EPC QR code (GiroCode) is printed for EUR amounts above zero. */
  readonly amountDue?: Money;
}

/** The EPC QR code (GiroCode) of an invoice with an RF reference and a EUR amount left to pay. */
function paymentQrOf(invoice: InvoiceDocument): { paymentQr?: DocumentLayout['paymentQr'] } {
  if (!invoice.creditorReference) return {};
  const due =
    invoice.amountDue ??
    (invoice.deliveryFee ? { amount: invoice.gross.amount + invoice.deliveryFee.amount, currency: invoice.gross.currency } : invoice.gross);
  const payload = epcPayload({
    ...(invoice.seller.bic ? { bic: invoice.seller.bic } : {}),
    name: invoice.seller.name,
    iban: invoice.seller.iban,
    amount: due,
    reference: invoice.creditorReference,
  });
  const language = invoice.language ?? 'en';
  return payload ? { paymentQr: { payload, caption: translator(language)('invoice.qrCaption', { amount: formatMoney(due, language) }) } } : {};
}

/** Maps an invoice onto the shared layout. */
export function invoiceLayout(invoice: InvoiceDocument): DocumentLayout {
  const language = invoice.language ?? 'en';
  const t = translator(language);
  return {
    language,
    heading: t('invoice.heading'),
    reference: t('invoice.reference', { number: invoice.invoiceNumber }),
    partyLabel: t('invoice.partyLabel'),
    seller: invoice.seller,
    buyer: invoice.buyer,
    meta: [
      [t('invoice.number'), invoice.invoiceNumber],
      [t('doc.orderNumber'), invoice.orderNumber],
      [t('invoice.issueDate'), formatDocumentDate(invoice.issueDate, language)],
      [t('invoice.dueDate'), formatDocumentDate(invoice.dueDate, language)],
      // §14 (4) no. 6 UStG: the date of supply is always printed, the issue date when none is known.
      [t('invoice.supplyDate'), formatDocumentDate(invoice.supplyDate || invoice.issueDate, language)],
      [t('doc.poNumber'), invoice.poNumber],
      [t('invoice.costCentre'), invoice.costCentre],
      [t('invoice.paymentReference'), invoice.creditorReference ? formatCreditorReference(invoice.creditorReference) : undefined],
    ],
    termsLabel: t('invoice.termsLabel'),
    terms: invoice.printedPaymentTerms ?? invoice.paymentTerms,
    lines: invoice.lines,
    net: invoice.net,
    vat: invoice.vat,
    gross: invoice.gross,
    vatBreakdown: invoice.vatBreakdown,
    ...(invoice.deliveryFee ? { deliveryFee: invoice.deliveryFee } : {}),
    totalLabel: t('invoice.total'),
    notes: invoice.reverseChargeNote ? [printedNote(invoice.reverseChargeNote, language)] : [],
    ...(invoice.ksef ? { verificationQr: invoice.ksef } : {}),
    ...paymentQrOf(invoice),
    metadata: {
      title: t('invoice.reference', { number: invoice.invoiceNumber }),
      subject: t('invoice.subject', { number: invoice.invoiceNumber, order: invoice.orderNumber }),
      keywords: [invoice.invoiceNumber, invoice.orderNumber, ...(invoice.poNumber ? [invoice.poNumber] : [])],
      date: invoice.issueDate,
    },
  };
}

/** Renders the invoice as an A4 PDF/A-3: header, buyer and meta, paged line table, totals per VAT rate, reverse-charge note, footer with bank details; with `facturX`, the hybrid e-invoice. */
export async function renderInvoicePdf(invoice: InvoiceDocument, facturX?: FacturXAttachment): Promise<Uint8Array> {
  if (!invoice.invoiceNumber) throw new RangeError('An invoice needs an invoice number');
  return renderDocumentPdf(invoiceLayout(invoice), facturX);
}
