import { formatDocumentDate, printedNote, renderDocumentPdf, type DocumentParty, type DocumentSeller } from '../shared/pdf/document.js';
import type { Language } from '../shared/locale.js';
import { translator } from '../shared/messages/index.js';
import { formatMilli } from '../shared/quantity.js';
import type { OfferVersion } from './repository.js';
import { readableTerms, type TermsPlaces } from './terms.js';

/** The quote PDF: the shared document layout (functions/shared/pdf/document.ts) with quote headings and terms. */
export function renderQuotePdf(
  quoteNumber: string,
  version: OfferVersion,
  seller: DocumentSeller,
  buyer: DocumentParty,
  language: Language = 'en',
  places: TermsPlaces = { warehouses: [], carriers: [] },
): Promise<Uint8Array> {
  const t = translator(language);
  // Readable terms in the buyer's language (warehouse city, carrier name), never the internal codes.
  const { payment, delivery } = readableTerms(t, version.terms, places);
  const issued = version.createdAt.slice(0, 10);
  return renderDocumentPdf({
    language,
    heading: t('quote.heading'),
    reference: t('quote.reference', { number: quoteNumber, version: version.version }),
    partyLabel: t('quote.partyLabel'),
    seller,
    buyer,
    meta: [
      [t('quote.number'), quoteNumber],
      [t('quote.version'), String(version.version)],
      [t('doc.issueDate'), formatDocumentDate(issued, language)],
      [t('quote.validUntil'), formatDocumentDate(version.terms.validUntil, language)],
      [t('quote.preparedBy'), version.createdBy.name],
    ],
    termsLabel: t('quote.termsLabel'),
    terms: t('quote.terms', { payment, delivery }),
    lines: version.lines.map((line) => ({
      sku: line.sku,
      name: line.name,
      quantity: formatMilli(line.quantity),
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
    totalLabel: t('quote.total'),
    notes: [
      ...(version.terms.note ? [version.terms.note] : []),
      ...(version.reverseCharge.applies && version.reverseCharge.explanation ? [printedNote(version.reverseCharge.explanation, language)] : []),
    ],
    metadata: {
      title: t('quote.reference', { number: quoteNumber, version: version.version }),
      subject: t('quote.subject', { number: quoteNumber, version: version.version }),
      keywords: [quoteNumber],
      date: issued,
    },
  });
}
