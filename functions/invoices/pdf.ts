import {
  formatDocumentAmount,
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
  /** ISO date YYYY-MM-DD. */
  readonly issueDate: string;
  readonly dueDate?: string;
  /** Date of supply (§14 (4) no. 6 UStG), as printed: "2026-11-19" or "2026-11-19 – 2026-11-26". */
  readonly supplyDate?: string;
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
  return payload ? { paymentQr: { payload, caption: `Scan to pay ${formatDocumentAmount(due)} (GiroCode / EPC QR)` } } : {};
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

/** Renders the invoice as an A4 PDF/A-3: header, buyer and meta, paged line table, totals per VAT rate, reverse-charge note, footer with bank details; with `facturX`, the hybrid e-invoice. */
export async function renderInvoicePdf(invoice: InvoiceDocument, facturX?: FacturXAttachment): Promise<Uint8Array> {
  if (!invoice.invoiceNumber) throw new RangeError('An invoice needs an invoice number');
  return renderDocumentPdf(invoiceLayout(invoice), facturX);
}
