import { renderDocumentPdf, type DocumentParty, type DocumentSeller } from '../shared/pdf/document.js';
import type { Rma } from './repository.js';
import { claimValue, instructions, typeLabel } from './rules.js';

/** The printable RMA form: the shared document layout with the claimed lines valued at the order's prices. */
export function renderRmaPdf(rma: Rma, seller: DocumentSeller, buyer: DocumentParty): Promise<Uint8Array> {
  const amounts = claimValue(rma.lines);
  const filed = rma.createdAt.slice(0, 10);
  return renderDocumentPdf({
    heading: rma.type === 'return' ? 'RETURN' : rma.type === 'warranty' ? 'WARRANTY CLAIM' : 'COMPLAINT',
    reference: `RMA ${rma.rmaNumber}`,
    partyLabel: 'CUSTOMER',
    seller,
    buyer,
    meta: [
      ['RMA number', rma.rmaNumber],
      ['Type', typeLabel(rma.type)],
      ['Order', rma.orderNumber],
      ['Filed', filed],
      ['Filed by', rma.filedBy.name],
      ['Decide by', rma.deadlineAt.slice(0, 10)],
      ['Handled by', rma.assignee?.name],
    ],
    termsLabel: 'Next steps',
    terms: instructions(rma.type, rma.rmaNumber),
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
    totalLabel: 'Claimed value',
    notes: [`Reason: ${rma.reason}`, ...(rma.photos.length ? [`${rma.photos.length} photo(s) attached in the portal.`] : [])],
    metadata: {
      title: `RMA ${rma.rmaNumber}`,
      subject: `${typeLabel(rma.type)} ${rma.rmaNumber} for order ${rma.orderNumber}`,
      keywords: [rma.rmaNumber, rma.orderNumber],
      date: filed,
    },
  });
}
