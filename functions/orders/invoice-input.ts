import type { InvoiceOrder } from '../invoices/model.js';
import type { Order } from './model.js';

/** What invoices and credit notes get to know of an order (functions/invoices never reads orders). */
export function invoiceOrderOf(order: Order): InvoiceOrder {
  return {
    orderId: order.orderId,
    orderNumber: order.orderNumber,
    companyId: order.companyId,
    createdAt: order.createdAt,
    placedBy: { email: order.placedBy.email },
    ...(order.onBehalfOf ? { onBehalfOf: { companyId: order.onBehalfOf.companyId } } : {}),
    lines: order.lines.map((line) => ({
      sku: line.sku,
      name: line.name,
      unit: line.unit,
      quantity: line.quantity,
      unitNet: line.unitNet,
      lineNet: line.lineNet,
      vatRate: line.vatRate,
      ...(line.buyerNumber ? { buyerNumber: line.buyerNumber } : {}),
    })),
    net: order.net,
    vat: order.vat,
    gross: order.gross,
    deliveryFee: order.deliveryFee,
    vatBreakdown: order.vatBreakdown,
    reverseCharge: { applies: order.reverseCharge.applies, ...(order.reverseCharge.explanation ? { explanation: order.reverseCharge.explanation } : {}) },
    orderDiscounts: order.orderDiscounts.map((discount) => ({ name: discount.name, amount: discount.amount })),
    paymentMethod: order.paymentMethod,
    ...(order.poNumber ? { poNumber: order.poNumber } : {}),
    ...(order.costCentre ? { costCentre: order.costCentre } : {}),
    ...(order.shipments ? { shipments: order.shipments.map((shipment) => (shipment.shippedAt ? { shippedAt: shipment.shippedAt } : {})) } : {}),
  };
}
