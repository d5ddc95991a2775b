/** Display pieces shared by cart, checkout and the order pages: totals, order status, delivery and payment texts. */
import type { ReactNode } from 'react';
import type { AppliedDiscount, DeliveryChoice, Money, Order, OrderStatus } from '../types.js';
import { formatRate, money } from './ProductBits.js';

export const paymentLabels: Record<string, string> = {
  'on-account': 'Payment on account',
  'prepaid-balance': 'Prepaid balance',
  'bank-prepayment': 'Bank prepayment',
  card: 'Card payment',
  'cash-on-delivery': 'Cash on delivery',
};

export const paymentLabel = (method: string): string => paymentLabels[method] ?? method;

export const orderStatusLabels: Record<OrderStatus, string> = {
  preliminary: 'Preliminary (not placed yet)',
  cancelled: 'Cancelled',
  'awaiting-approval': 'Awaiting approval',
  rejected: 'Rejected',
  placing: 'Being placed',
  placed: 'Placed, awaiting confirmation',
  confirmed: 'Confirmed',
  failed: 'Failed',
};

/** States after which the order does not change on its own any more (the confirmation page stops polling). */
export const settledStatuses: readonly OrderStatus[] = ['preliminary', 'cancelled', 'awaiting-approval', 'rejected', 'confirmed', 'failed'];

export const OrderStatusBadge = ({ status, testId = 'order-status' }: { status: OrderStatus; testId?: string }) => {
  const tone =
    status === 'confirmed' ? 'badge-ok' : status === 'failed' || status === 'rejected' ? 'badge-danger' : status === 'awaiting-approval' ? 'badge-warn' : '';
  return (
    <span className={`badge ${tone}`} data-testid={testId} data-status={status}>
      {orderStatusLabels[status] ?? status}
    </span>
  );
};

/** What the buyer pays: gross plus the delivery fee. */
export const orderPayable = (order: Pick<Order, 'gross' | 'deliveryFee'>): Money => ({
  amount: order.gross.amount + order.deliveryFee.amount,
  currency: order.gross.currency,
});

/** The delivery of a placed order in words. */
export const deliveryText = (delivery: Order['delivery'] | DeliveryChoice): string => {
  switch (delivery.kind) {
    case 'pickup':
      return `Pickup at warehouse ${delivery.warehouseId}`;
    case 'own-transport':
      return 'Delivery by our own transport';
    case 'carrier':
      return `Carrier ${delivery.carrierId}, branch ${delivery.branchId} in ${delivery.city}`;
    case 'dropshipping': {
      const { name, street, postalCode, city, country } = delivery.endCustomer;
      return `Dropshipping to ${[name, street, postalCode, city, country].filter(Boolean).join(', ')}`;
    }
  }
};

const dateFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

export const formatWhen = (iso: string): string => {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : dateFormat.format(date);
};

interface TotalsProps {
  /** Test ids are `<prefix>-net`, `<prefix>-vat`, `<prefix>-vat-<rate>`, `<prefix>-gross`, `<prefix>-delivery-fee`, `<prefix>-payable`, `<prefix>-reverse-charge`. */
  prefix: string;
  net: Money;
  vat: Money;
  gross: Money;
  vatBreakdown: readonly { rate: number; net: Money; vat: Money }[];
  orderDiscounts?: readonly AppliedDiscount[];
  /** Sum of the line nets, shown above the order discounts when there are any. */
  linesNet?: Money;
  reverseCharge?: { applies: boolean; explanation?: string };
  /** With a delivery fee (checkout, orders), the payable total is shown as the last row. */
  deliveryFee?: Money;
  payable?: Money;
  /** Shown instead of the fee while no delivery is chosen. */
  deliveryHint?: ReactNode;
}

/** Net, discounts, VAT per rate, gross, delivery fee and the payable total, plus the reverse-charge note. */
export const Totals = ({
  prefix,
  net,
  vat,
  gross,
  vatBreakdown,
  orderDiscounts = [],
  linesNet,
  reverseCharge,
  deliveryFee,
  payable,
  deliveryHint,
}: TotalsProps) => (
  <>
    <dl className="quote-totals totals">
      {linesNet && orderDiscounts.length > 0 && (
        <div className="quote-total-row">
          <dt>Lines</dt>
          <dd>{money(linesNet)}</dd>
        </div>
      )}
      {orderDiscounts.map((discount) => (
        <div key={discount.discountId} className="quote-total-row" data-testid={`${prefix}-order-discount-${discount.discountId}`}>
          <dt>{discount.name}</dt>
          <dd>−{money(discount.amount)}</dd>
        </div>
      ))}
      <div className="quote-total-row strong">
        <dt>Net total</dt>
        <dd data-testid={`${prefix}-net`}>{money(net)}</dd>
      </div>
      {vatBreakdown.map((group) => (
        <div key={group.rate} className="quote-total-row muted" data-testid={`${prefix}-vat-${group.rate}`}>
          <dt>
            VAT {formatRate(group.rate)} on {money(group.net)}
          </dt>
          <dd>{money(group.vat)}</dd>
        </div>
      ))}
      <div className="quote-total-row">
        <dt>VAT total</dt>
        <dd data-testid={`${prefix}-vat`}>{money(vat)}</dd>
      </div>
      <div className={payable ? 'quote-total-row' : 'quote-total-row strong quote-gross'}>
        <dt>Gross total</dt>
        <dd data-testid={`${prefix}-gross`}>{money(gross)}</dd>
      </div>
      {(deliveryFee || deliveryHint) && (
        <div className="quote-total-row">
          <dt>Delivery</dt>
          <dd data-testid={`${prefix}-delivery-fee`}>{deliveryFee ? (deliveryFee.amount === 0 ? 'Free' : money(deliveryFee)) : deliveryHint}</dd>
        </div>
      )}
      {payable && (
        <div className="quote-total-row strong quote-gross">
          <dt>Total payable</dt>
          <dd data-testid={`${prefix}-payable`}>{money(payable)}</dd>
        </div>
      )}
    </dl>
    {reverseCharge?.applies && (
      <div className="alert alert-info reverse-charge" role="note" data-testid={`${prefix}-reverse-charge`}>
        <strong>Reverse charge — no VAT charged.</strong>
        <span>{reverseCharge.explanation ?? 'VAT is to be accounted for by the recipient.'}</span>
      </div>
    )}
  </>
);
