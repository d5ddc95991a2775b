import type { Money } from '../shared/money.js';

/**
 * What invoices and credit notes need to know of an order: the invoice input that functions/orders
 * builds (orders/invoice-input.ts) and hands over with its calls. Invoices never read orders.
 */
export interface InvoiceOrder {
  readonly orderId: string;
  readonly orderNumber: string;
  readonly companyId: string;
  readonly createdAt: string;
  readonly placedBy: { readonly email: string };
  /** Present when staff entered the order for the customer (the contact is then the company's). */
  readonly onBehalfOf?: { readonly companyId: string };
  readonly lines: readonly InvoiceOrderLine[];
  readonly net: Money;
  readonly vat: Money;
  readonly gross: Money;
  readonly deliveryFee: Money;
  readonly vatBreakdown: readonly { readonly rate: number; readonly net: Money; readonly vat: Money }[];
  readonly reverseCharge: { readonly applies: boolean; readonly explanation?: string };
  readonly orderDiscounts: readonly { readonly name: string; readonly amount: Money }[];
  readonly paymentMethod: string;
  readonly poNumber?: string;
  readonly costCentre?: string;
  /** Partial deliveries known at issue (their shipping dates are the date of supply). */
  readonly shipments?: readonly { readonly shippedAt?: string }[];
}

export interface InvoiceOrderLine {
  readonly sku: string;
  readonly name: string;
  readonly unit: string;
  /** Decimal string of sales units. */
  readonly quantity: string;
  readonly unitNet: Money;
  readonly lineNet: Money;
  readonly vatRate: number;
  /** The buyer's own article number (BT-156). */
  readonly buyerNumber?: string;
}
