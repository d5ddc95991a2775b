import { buyerNumbersOf, findProducts } from '../catalog/service.js';
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

/**
 * Order lines from priced lines, with each product's name and unit (read unless the caller has them)
 * and the company's own article number, kept with the order as it was when ordered.
 */
export async function orderLinesOf(lines: readonly PricedLine[], companyId: string, products?: ProductNames): Promise<OrderLine[]> {
  const skus = lines.map((line) => line.sku);
  const [names, buyerNumbers] = await Promise.all([products ?? findProducts(skus), skus.length ? buyerNumbersOf(companyId, skus) : new Map<string, string>()]);
  return lines.map((line) => {
    const buyerNumber = buyerNumbers.get(line.sku);
    return {
      sku: line.sku,
      name: names.get(line.sku)?.name ?? line.sku,
      unit: names.get(line.sku)?.unit ?? '',
      quantity: line.quantity,
      unitNet: line.unitNet,
      lineNet: line.lineNet,
      vatRate: line.vatRate,
      ...(buyerNumber ? { buyerNumber } : {}),
    };
  });
}

/** The priced part of a new order (lines, totals, order discounts, agreement) exactly as the pricing service computed it. */
export async function pricedOrderFields(priced: Awaited<ReturnType<typeof quote>>, companyId: string, products?: ProductNames) {
  return {
    lines: await orderLinesOf(priced.lines, companyId, products),
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
