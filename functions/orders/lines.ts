import { findProducts } from '../catalog/service.js';
import type { quote } from '../pricing/service.js';
import type { Money } from '../shared/money.js';
import type { Order, OrderLine } from './model.js';

/**
 * The priced part of a new order, shared by every way an order comes into being (checkout, quotes,
 * punchout, staff on behalf, back-office additions): lines with product name and unit, totals,
 * discounts and agreement exactly as the pricing service computed them.
 */

type PricedLine = { sku: string; quantity: string; unitNet: Money; lineNet: Money; vatRate: number };
type ProductNames = ReadonlyMap<string, { name: string; unit: string }>;

/** Order lines from priced lines, with each product's name and unit (read unless the caller has them). */
export async function orderLinesOf(lines: readonly PricedLine[], products?: ProductNames): Promise<OrderLine[]> {
  const names: ProductNames = products ?? (await findProducts(lines.map((line) => line.sku)));
  return lines.map((line) => ({
    sku: line.sku,
    name: names.get(line.sku)?.name ?? line.sku,
    unit: names.get(line.sku)?.unit ?? '',
    quantity: line.quantity,
    unitNet: line.unitNet,
    lineNet: line.lineNet,
    vatRate: line.vatRate,
  }));
}

/** The priced part of a new order (lines, totals, order discounts, agreement) exactly as the pricing service computed it. */
export async function pricedOrderFields(priced: Awaited<ReturnType<typeof quote>>, products?: ProductNames) {
  return {
    lines: await orderLinesOf(priced.lines, products),
    net: priced.net,
    vat: priced.vat,
    gross: priced.gross,
    vatBreakdown: priced.vatBreakdown,
    reverseCharge: priced.reverseCharge,
    // The qualified VIES answer travels with every reverse-charge order (evidence for the tax audit).
    ...(priced.reverseCharge.applies && priced.reverseCharge.evidence ? { vatEvidence: priced.reverseCharge.evidence } : {}),
    orderDiscounts: priced.orderDiscounts,
    agreementId: priced.agreementId,
  } satisfies Partial<Order>;
}
