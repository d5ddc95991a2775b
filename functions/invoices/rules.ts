import { AppError, badRequest, conflict } from '../shared/errors.js';
import { money, type Money } from '../shared/money.js';
import { parseMilli, timesMilli } from '../shared/quantity.js';
import { applyBasisPoints } from '../shared/decimal.js';

/**
 * Pure rules of invoices, credit notes and payments: document amounts in minor units and the
 * settlement of an invoice's open amount. No AWS here.
 */

export type BasisPoints = number;

export interface DocumentLineInput {
  readonly sku: string;
  readonly name: string;
  readonly unit: string;
  /** Decimal string of sales units, at most three decimals ("2", "0.25"). */
  readonly quantity: string;
  readonly unitNet: Money;
  /** Basis points: 1900 = 19 %. */
  readonly vatRate: BasisPoints;
  /** The buyer's own article number (BT-156). */
  readonly buyerNumber?: string;
}

export interface DocumentLine extends DocumentLineInput {
  readonly lineNet: Money;
}

export interface VatGroup {
  readonly rate: BasisPoints;
  readonly net: Money;
  readonly vat: Money;
}

export interface DocumentAmounts {
  readonly lines: readonly DocumentLine[];
  readonly net: Money;
  readonly vat: Money;
  readonly gross: Money;
  /** One group per VAT rate, highest rate first. */
  readonly vatBreakdown: readonly VatGroup[];
}

/** "2.5" → 2500 thousandths; undefined for anything that is not a plain positive decimal. */
export function quantityInMilli(quantity: string): number | undefined {
  const milli = parseMilli(quantity);
  return milli !== undefined && milli > 0 ? milli : undefined;
}

/**
 * Line nets (unit net × quantity, half-up to the minor unit), then VAT per rate on each rate's summed
 * net (half-up) — the same total rounding the pricing engine uses for orders.
 */
export function documentAmounts(lines: readonly DocumentLineInput[], currency: string): DocumentAmounts {
  if (lines.length === 0) throw badRequest('NO_LINES', 'A document needs at least one line');
  const priced: DocumentLine[] = lines.map((line, index) => {
    const milli = quantityInMilli(line.quantity);
    if (milli === undefined) throw badRequest('INVALID_QUANTITY', `Line ${index + 1}: quantity must be a positive decimal with at most three decimals`);
    if (line.unitNet.currency !== currency)
      throw badRequest('CURRENCY_MISMATCH', `Line ${index + 1} is in ${line.unitNet.currency}, the invoice in ${currency}`);
    if (!Number.isSafeInteger(line.unitNet.amount) || line.unitNet.amount < 0)
      throw badRequest('INVALID_AMOUNT', `Line ${index + 1}: unit net must be non-negative minor units`);
    if (!Number.isInteger(line.vatRate) || line.vatRate < 0 || line.vatRate > 10_000)
      throw badRequest('INVALID_VAT_RATE', `Line ${index + 1}: VAT rate is basis points 0–10000`);
    return { ...line, lineNet: money(timesMilli(line.unitNet.amount, milli), currency) };
  });
  const nets = new Map<number, number>();
  for (const line of priced) nets.set(line.vatRate, (nets.get(line.vatRate) ?? 0) + line.lineNet.amount);
  const vatBreakdown = [...nets.entries()]
    .sort(([a], [b]) => b - a)
    .map(([rate, net]) => ({ rate, net: money(net, currency), vat: money(applyBasisPoints(net, rate), currency) }));
  const net = vatBreakdown.reduce((sum, group) => sum + group.net.amount, 0);
  const vat = vatBreakdown.reduce((sum, group) => sum + group.vat.amount, 0);
  return { lines: priced, net: money(net, currency), vat: money(vat, currency), gross: money(net + vat, currency), vatBreakdown };
}

// ---------------------------------------------------------------------------------------------
// Settlement

export type InvoiceStatus = 'open' | 'paid';

/** The money side of an invoice item (minor units, one currency). */
export interface InvoiceBalance {
  readonly currency: string;
  readonly total: number;
  readonly open: number;
  readonly paid: number;
  readonly credited: number;
  /** Credit beyond the open amount, owed back to the customer. */
  readonly refundDue: number;
}

export interface Settlement {
  readonly before: InvoiceBalance;
  readonly after: InvoiceBalance;
  /** How much of the settlement reduced the open amount. */
  readonly applied: number;
  /** Credit that exceeded the open amount (credit notes only). */
  readonly surplus: number;
  readonly status: InvoiceStatus;
  /** True when this settlement closed the invoice. */
  readonly becameSettled: boolean;
}

export const invoiceStatus = (balance: InvoiceBalance): InvoiceStatus => (balance.open === 0 ? 'paid' : 'open');

/**
 * Applies a payment or a credit note to an invoice.
 * - Payments must be positive, in the invoice currency and may not exceed the open amount: an
 *   overpayment is refused (409 OVERPAYMENT) so that nobody books money the customer does not owe;
 *   the bank import leaves such entries unmatched for a person to look at.
 * - A credit note may not credit more than the invoice total minus earlier credit notes
 *   (409 CREDIT_EXCEEDS_INVOICE); what exceeds the open amount is recorded as refund due.
 */
export function settle(before: InvoiceBalance, kind: 'payment' | 'credit-note', amount: Money): Settlement {
  if (amount.currency !== before.currency) throw conflict('CURRENCY_MISMATCH', `The invoice is in ${before.currency}, not ${amount.currency}`);
  if (!Number.isSafeInteger(amount.amount) || amount.amount <= 0) throw badRequest('INVALID_AMOUNT', 'The amount must be positive minor units');
  if (kind === 'payment') {
    if (before.open === 0) throw conflict('INVOICE_ALREADY_PAID', 'The invoice is already settled');
    if (amount.amount > before.open) throw new AppError(409, 'OVERPAYMENT', `The payment exceeds the open amount (${before.open})`, { open: before.open });
    const after = { ...before, open: before.open - amount.amount, paid: before.paid + amount.amount };
    return { before, after, applied: amount.amount, surplus: 0, status: invoiceStatus(after), becameSettled: before.open > 0 && after.open === 0 };
  }
  if (before.credited + amount.amount > before.total) {
    throw conflict('CREDIT_EXCEEDS_INVOICE', `Credit notes may not exceed the invoice total (${before.total - before.credited} left)`);
  }
  const applied = Math.min(amount.amount, before.open);
  const surplus = amount.amount - applied;
  const after = { ...before, open: before.open - applied, credited: before.credited + amount.amount, refundDue: before.refundDue + surplus };
  return { before, after, applied, surplus, status: invoiceStatus(after), becameSettled: before.open > 0 && after.open === 0 };
}

/**
 * How much reserved trade credit a settlement gives back: the applied amount (what the customer no
 * longer owes), capped by what is still reserved; a settled invoice releases the whole rest.
 */
export function creditToRestore(settlement: Settlement, reserved: number): number {
  if (reserved <= 0) return 0;
  if (settlement.after.open === 0) return reserved;
  return Math.min(settlement.applied, reserved);
}

/** Is the invoice overdue on `today` (YYYY-MM-DD)? */
export const isOverdue = (invoice: { dueDate?: string; open: number }, today: string): boolean =>
  invoice.open > 0 && invoice.dueDate !== undefined && invoice.dueDate.slice(0, 10) < today;
