import type { Language } from '../shared/locale.js';
import { translator } from '../shared/messages/index.js';
import { formatDocumentDate, renderDocumentPdf, type DocumentParty, type DocumentSeller } from '../shared/pdf/document.js';
import { timesMilli } from '../shared/quantity.js';
import type { Order, Shipment } from './repository.js';
import { toMilli } from './shipment-rules.js';

/**
 * The delivery note of one shipment in the shared document layout: the shipped quantities with the
 * order's unit prices, so the note doubles as a priced packing list (its total is the net goods
 * value of this shipment; VAT and payment belong to the invoice).
 */
export function renderDeliveryNotePdf(
  order: Order,
  shipment: Shipment,
  seller: DocumentSeller,
  buyer: DocumentParty,
  language: Language = 'en',
): Promise<Uint8Array> {
  const t = translator(language);
  const currency = order.net.currency;
  const lines = shipment.lines.map((shipped) => {
    const line = order.lines.find((candidate) => candidate.sku === shipped.sku);
    const unitNet = line?.unitNet ?? { amount: 0, currency };
    return {
      sku: shipped.sku,
      name: line?.name ?? shipped.sku,
      quantity: shipped.quantity,
      unit: line?.unit ?? '',
      unitNet,
      lineNet: { amount: timesMilli(unitNet.amount, toMilli(shipped.quantity)), currency },
      vatRate: line?.vatRate ?? 0,
      ...(line?.buyerNumber ? { buyerNumber: line.buyerNumber } : {}),
    };
  });
  const net = { amount: lines.reduce((sum, line) => sum + line.lineNet.amount, 0), currency };
  const date = shipment.createdAt.slice(0, 10);
  const address = (order.delivery as { address?: { street?: string; postalCode?: string; city?: string; country?: string } }).address;
  return renderDocumentPdf({
    language,
    heading: t('deliveryNote.heading'),
    reference: t('deliveryNote.reference', { number: shipment.shipmentNumber }),
    partyLabel: t('deliveryNote.partyLabel'),
    seller,
    buyer: address?.street
      ? { ...buyer, addressLines: [address.street, `${address.postalCode ?? ''} ${address.city ?? ''}`.trim(), address.country ?? ''] }
      : buyer,
    meta: [
      [t('deliveryNote.number'), shipment.shipmentNumber],
      [t('doc.orderNumber'), order.orderNumber],
      [t('deliveryNote.date'), formatDocumentDate(date, language)],
      [t('deliveryNote.carrier'), shipment.carrier],
      [t('deliveryNote.trackingNumber'), shipment.trackingNumber],
      [t('doc.poNumber'), order.poNumber],
    ],
    termsLabel: t('deliveryNote.termsLabel'),
    terms: t('deliveryNote.terms', { shipment: shipment.shipmentNumber, order: order.orderNumber }),
    lines,
    net,
    vat: { amount: 0, currency },
    gross: net,
    vatBreakdown: [],
    totalLabel: t('deliveryNote.total'),
    notes: [],
    metadata: {
      title: t('deliveryNote.reference', { number: shipment.shipmentNumber }),
      subject: t('deliveryNote.subject', { number: shipment.shipmentNumber, order: order.orderNumber }),
      keywords: [shipment.shipmentNumber, order.orderNumber],
      date,
    },
  });
}
