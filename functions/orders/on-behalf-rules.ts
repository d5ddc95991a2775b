import { badRequest } from '../shared/errors.js';
import { formatMoney } from '../shared/format.js';
import type { Language } from '../shared/locale.js';
import { translator } from '../shared/messages/index.js';
import type { Money } from '../shared/money.js';
import type { OrderStatus } from './repository.js';

/**
 * Pure rules of orders entered by staff on behalf of a customer (seed 002: "składanie zamówień za
 * klientów", issue 6). No AWS imports.
 *
 * Decisions:
 * - Back office may enter orders for every company, a sales rep only for companies assigned to them;
 *   for any other company the rep gets 404, as if it did not exist. Company users never enter orders
 *   through the console (403).
 * - Prices are the customer's own (the pricing engine run as the company); staff cannot change them
 *   here — better prices go through a quote, which the customer accepts.
 * - A preliminary order is stored as `preliminary` and does not start the placement saga: staff edit
 *   and release it later. Otherwise the order starts `placing` at once; credit, prepaid balance and
 *   stock are then checked by the saga exactly as for a checkout.
 * - The buyer's order limit and the company's approval rules apply to the company's own users; an
 *   order entered by staff does not wait for approval. The company admins are told by e-mail.
 * - Repeated SKUs are added up (thousandths of a unit); a line of 0 is refused.
 */

export const MAX_ORDER_LINES = 200;

export type StaffAccess = 'allowed' | 'not-found' | 'forbidden';

/** Who may enter an order for a company: back office always, a rep only for assigned companies. */
export function onBehalfAccess(role: string, assignedToCaller: boolean): StaffAccess {
  if (role === 'back-office') return 'allowed';
  if (role === 'sales-rep') return assignedToCaller ? 'allowed' : 'not-found';
  return 'forbidden';
}

export const initialStatus = (preliminary: boolean): OrderStatus => (preliminary ? 'preliminary' : 'placing');

/** Lines as thousandths, repeated SKUs added up, in the order first seen; 400 for empty, zero or too many lines. */
export function mergeOrderLines(lines: readonly { sku: string; quantity: number }[]): { sku: string; quantity: number }[] {
  if (lines.length === 0) throw badRequest('ORDER_EMPTY', 'An order needs at least one line');
  const merged = new Map<string, number>();
  const zero: string[] = [];
  for (const line of lines) {
    if (!Number.isSafeInteger(line.quantity) || line.quantity <= 0) zero.push(line.sku);
    merged.set(line.sku, (merged.get(line.sku) ?? 0) + line.quantity);
  }
  if (zero.length) throw badRequest('INVALID_QUANTITY', `Quantities must be above 0: ${zero.join(', ')}`, { skus: zero });
  if (merged.size > MAX_ORDER_LINES) throw badRequest('ORDER_TOO_LARGE', `An order holds at most ${MAX_ORDER_LINES} lines`);
  return [...merged.entries()].map(([sku, quantity]) => ({ sku, quantity }));
}

/** The e-mail to the customer's company admins about an order entered on their behalf, in their language. */
export function onBehalfMail(
  order: {
    orderNumber: string;
    status: OrderStatus;
    gross: Money;
    deliveryFee: Money;
    poNumber?: string;
    enteredBy: { name: string };
    companyName: string;
    note?: string;
    link?: string;
  },
  language: Language,
): { subject: string; text: string } {
  const t = translator(language);
  const preliminary = order.status === 'preliminary';
  const payable = { amount: order.gross.amount + order.deliveryFee.amount, currency: order.gross.currency };
  const details = [formatMoney(payable, language), ...(order.poNumber ? [t('mail.onBehalf.po', { po: order.poNumber })] : [])].join(', ');
  const ids = { name: order.enteredBy.name, order: order.orderNumber };
  const lines = [
    t(preliminary ? 'mail.onBehalf.preliminary' : 'mail.onBehalf.placed', { ...ids, company: order.companyName, details }),
    t(preliminary ? 'mail.onBehalf.notYet' : 'mail.onBehalf.placing'),
    ...(order.note ? [t('mail.onBehalf.note', { note: order.note })] : []),
    ...(order.link ? [t('mail.onBehalf.link', { url: order.link })] : []),
  ];
  return { subject: t(preliminary ? 'mail.onBehalf.subject.preliminary' : 'mail.onBehalf.subject.placed', ids), text: lines.join('\n') };
}

/** Lines asking for more than the total stock over all warehouses (quantities in thousandths). */
export function stockShortages(
  lines: readonly { sku: string; quantity: number }[],
  stock: ReadonlyMap<string, Readonly<Record<string, number>>>,
): { sku: string; available: string }[] {
  return lines.flatMap((line) => {
    const available = Object.values(stock.get(line.sku) ?? {}).reduce((sum, value) => sum + value, 0);
    return available * 1000 < line.quantity ? [{ sku: line.sku, available: String(available) }] : [];
  });
}
