import { renderDocumentPdf, type DocumentParty, type DocumentSeller } from '../shared/pdf/document.js';
import { PAYMENT_METHOD_LABELS, isPaymentMethod } from '../checkout/rules.js';
import { formatQuantity } from '../shared/quantity.js';
import type { OfferVersion } from './repository.js';

/** The quote PDF: the shared document layout (functions/shared/pdf/document.ts) with quote headings and terms. */
export function renderQuotePdf(quoteNumber: string, version: OfferVersion, seller: DocumentSeller, buyer: DocumentParty): Promise<Uint8Array> {
  const method = version.terms.paymentMethod;
  const payment = isPaymentMethod(method) ? PAYMENT_METHOD_LABELS[method] : method;
  const issued = version.createdAt.slice(0, 10);
  return renderDocumentPdf({
    heading: 'QUOTE',
    reference: `Quote ${quoteNumber} v${version.version}`,
    partyLabel: 'QUOTE FOR',
    seller,
    buyer,
    meta: [
      ['Quote number', quoteNumber],
      ['Version', String(version.version)],
      ['Issue date', issued],
      ['Valid until', version.terms.validUntil],
      ['Prepared by', version.createdBy.name],
    ],
    termsLabel: 'Terms',
    terms: `Payment: ${payment}. Delivery: ${version.terms.delivery.kind}. Prices are net unit prices agreed for this quote.`,
    lines: version.lines.map((line) => ({
      sku: line.sku,
      name: line.name,
      quantity: formatQuantity(line.quantity),
      unit: line.unit,
      unitNet: line.unitNet,
      lineNet: line.lineNet,
      vatRate: line.vatRate,
    })),
    net: version.net,
    vat: version.vat,
    gross: version.gross,
    vatBreakdown: version.vatBreakdown,
    ...(version.terms.deliveryFee.amount > 0 ? { deliveryFee: version.terms.deliveryFee } : {}),
    totalLabel: 'Quote total',
    notes: [
      ...(version.terms.note ? [version.terms.note] : []),
      ...(version.reverseCharge.applies && version.reverseCharge.explanation ? [version.reverseCharge.explanation] : []),
    ],
    metadata: { title: `Quote ${quoteNumber}`, subject: `Quote ${quoteNumber} version ${version.version}`, keywords: [quoteNumber], date: issued },
  });
}
