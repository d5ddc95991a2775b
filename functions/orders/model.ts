import type { ApprovalFlow, BudgetEffect } from '../approvals/rules.js';
import type { Money } from '../shared/money.js';
import type { VatIdEvidence } from '../shared/vies.js';
import type { OrderAdjustment } from './admin-rules.js';
import type { OrderDelivery } from './contract.js';

/**
 * The order as other contexts see it (functions/orders owns the items: only orders writes them and
 * their index keys). Types only; functions are offered by orders/service.ts.
 */

/**
 * `preliminary`: saved by a sales rep on behalf of a customer and still editable (lines, delivery
 * address) until it is released into the placement saga or cancelled.
 */
export type OrderStatus = 'preliminary' | 'awaiting-approval' | 'rejected' | 'cancelled' | 'placing' | 'placed' | 'confirmed' | 'failed';

export interface OrderLine {
  readonly sku: string;
  readonly name: string;
  readonly unit: string;
  /** Decimal string of sales units ("2", "0.25"). */
  readonly quantity: string;
  readonly unitNet: Money;
  readonly lineNet: Money;
  readonly vatRate: number;
  /** The buying company's own article number of the product when it ordered (EN 16931 BT-156). */
  readonly buyerNumber?: string;
  /** Back-order: the part of `quantity` (decimal string) the stock could not serve, shipped later. */
  readonly backordered?: string;
  /** When the back-ordered part is expected (ISO date; set with `backordered`). */
  readonly expectedAt?: string;
}

export type ShipmentStatus = 'prepared' | 'shipped' | 'delivered';

/** A partial delivery of an order: which quantities of which lines left the warehouse, with whom. */
export interface Shipment {
  readonly shipmentId: string;
  /** `<orderNumber>-<n>`, shown to the buyer and printed on the delivery note. */
  readonly shipmentNumber: string;
  /** Quantities as decimal strings of sales units, like order lines. */
  readonly lines: readonly { readonly sku: string; readonly quantity: string }[];
  readonly carrier: string;
  readonly trackingNumber?: string;
  readonly trackingUrl?: string;
  readonly status: ShipmentStatus;
  readonly createdAt: string;
  readonly shippedAt?: string;
  readonly deliveredAt?: string;
  /** S3 key (documents bucket) of the delivery-note PDF. */
  readonly deliveryNoteKey?: string;
}

export interface Order {
  readonly orderId: string;
  readonly orderNumber: string;
  readonly companyId: string;
  readonly placedBy: { sub: string; email: string; name: string; role: string };
  readonly status: OrderStatus;
  readonly createdAt: string;
  readonly lines: readonly OrderLine[];
  readonly net: Money;
  readonly vat: Money;
  readonly gross: Money;
  readonly vatBreakdown: readonly { rate: number; net: Money; vat: Money }[];
  readonly reverseCharge: { applies: boolean; explanation?: string };
  /** The VIES answer the reverse charge rests on (issue 13 item 5), copied from the company's evidence. */
  readonly vatEvidence?: VatIdEvidence;
  readonly orderDiscounts: readonly { discountId: string; name: string; amount: Money }[];
  readonly agreementId: string | null;
  readonly paymentMethod: string;
  /** The buyer's delivery choice as stored (functions/orders/contract.ts orderDeliverySchema). */
  readonly delivery: OrderDelivery;
  readonly deliveryFee: Money;
  readonly poNumber?: string;
  readonly costCentre?: string;
  readonly invoiceNumber?: string;
  readonly erpOrderId?: string;
  readonly failureReason?: string;
  readonly approval?: { decidedBy: string; decidedAt: string; comment?: string };
  /** Approval levels, the level waiting and every decision so far (functions/approvals). */
  readonly approvalFlow?: ApprovalFlow;
  /** What the order took from each budget when it was placed (warnings: `exceeded` on a 'warn' budget). */
  readonly budgets?: readonly BudgetEffect[];
  /** Partial deliveries, oldest first (back-office order administration). */
  readonly shipments?: readonly Shipment[];
  /** Goodwill adjustments granted by staff (internal: reasons never reach customer routes). */
  readonly adjustments?: readonly OrderAdjustment[];
  /** Optimistic-concurrency version of staff edits (absent = 0); bumped by every admin write. */
  readonly version?: number;
  readonly updatedAt?: string;
  /**
   * Entered by staff for the customer (a sales rep or back office, functions/orders/on-behalf.ts):
   * `placedBy` is then that staff member; `note` is their note on the order.
   */
  readonly onBehalfOf?: {
    readonly companyId: string;
    readonly companyName: string;
    readonly enteredBy: { readonly sub: string; readonly email: string; readonly name: string; readonly role: string };
    readonly enteredAt: string;
    readonly note?: string;
  };
}
