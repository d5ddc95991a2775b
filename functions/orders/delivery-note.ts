import { renderDocumentPdf, type DocumentParty, type DocumentSeller } from '../shared/pdf/document.js';
import { timesMilli } from '../shared/quantity.js';
import type { Order, Shipment } from './repository.js';
import { toMilli } from './shipment-rules.js';

/**
 * The delivery note of one shipment in the shared document layout: the shipped quantities with the
 * order's unit prices, so the note doubles as a priced packing list (its total is the net goods
 * value of this shipment; VAT and payment belong to the invoice).
 */
export function renderDeliveryNotePdf(order: Order, shipment: Shipment, seller: DocumentSeller, buyer: DocumentParty): Promise<Uint8Array> {
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
    heading: 'DELIVERY NOTE',
    reference: `Delivery note ${shipment.shipmentNumber}`,
    partyLabel: 'DELIVER TO',
    seller,
    buyer: address?.street
      ? { ...buyer, addressLines: [address.street, `${address.postalCode ?? ''} ${address.city ?? ''}`.trim(), address.country ?? ''] }
      : buyer,
    meta: [
      ['Delivery note', shipment.shipmentNumber],
      ['Order number', order.orderNumber],
      ['Date', date],
      ['Carrier', shipment.carrier],
      ['Tracking number', shipment.trackingNumber],
      ['PO number', order.poNumber],
    ],
    termsLabel: 'Shipment',
    terms: `Partial delivery ${shipment.shipmentNumber} of order ${order.orderNumber}. Please check the goods on receipt.`,
    lines,
    net,
    vat: { amount: 0, currency },
    gross: net,
    vatBreakdown: [],
    totalLabel: 'Goods value (net)',
    notes: [],
    metadata: {
      title: `Delivery note ${shipment.shipmentNumber}`,
      subject: `Delivery note ${shipment.shipmentNumber} for order ${order.orderNumber}`,
      keywords: [shipment.shipmentNumber, order.orderNumber],
      date,
    },
  });
}
