import type { Language } from '../shared/locale.js';
import { translator } from '../shared/messages/index.js';
import { formatDocumentDate, renderDocumentPdf, type DocumentParty, type DocumentSeller } from '../shared/pdf/document.js';
import type { Rma } from './repository.js';
import { claimValue, localizedInstructions, localizedTypeLabel } from './rules.js';

/** The printable RMA form: the shared document layout with the claimed lines valued at the order's prices. */
export function renderRmaPdf(rma: Rma, seller: DocumentSeller, buyer: DocumentParty, language: Language = 'en'): Promise<Uint8Array> {
  const t = translator(language);
  const amounts = claimValue(rma.lines);
  const filed = rma.createdAt.slice(0, 10);
  const type = localizedTypeLabel(rma.type, t);
  return renderDocumentPdf({
    language,
    heading: t(`rma.heading.${rma.type}`),
    reference: t('rma.reference', { number: rma.rmaNumber }),
    partyLabel: t('rma.partyLabel'),
    seller,
    buyer,
    meta: [
      [t('rma.number'), rma.rmaNumber],
      [t('rma.typeLabel'), type],
      [t('rma.order'), rma.orderNumber],
      [t('rma.filed'), formatDocumentDate(filed, language)],
      [t('rma.filedBy'), rma.filedBy.name],
      [t('rma.decideBy'), formatDocumentDate(rma.deadlineAt.slice(0, 10), language)],
      [t('rma.handledBy'), rma.assignee?.name],
    ],
    termsLabel: t('rma.termsLabel'),
    terms: localizedInstructions(rma.type, rma.rmaNumber, t),
    lines: amounts.lines.map((line) => ({
      sku: line.sku,
      name: line.name,
      quantity: line.quantity,
      unit: line.unit,
      unitNet: line.unitNet,
      lineNet: line.lineNet,
      vatRate: line.vatRate,
    })),
    net: amounts.net,
    vat: amounts.vat,
    gross: amounts.gross,
    vatBreakdown: amounts.vatBreakdown,
    totalLabel: t('rma.total'),
    notes: [t('rma.reason', { reason: rma.reason }), ...(rma.photos.length ? [t('rma.photos', { count: rma.photos.length })] : [])],
    metadata: {
      title: t('rma.reference', { number: rma.rmaNumber }),
      subject: t('rma.subject', { type, number: rma.rmaNumber, order: rma.orderNumber }),
      keywords: [rma.rmaNumber, rma.orderNumber],
      date: filed,
    },
  });
}
