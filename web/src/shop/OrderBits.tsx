/** Display pieces shared by cart, checkout and the order pages: totals, order status, delivery and payment texts. */
import type { ReactNode } from 'react';
import { formatDateTime, formatPercentBps } from '../format.js';
import { useT } from '../i18n/I18n.js';
import { translate } from '../i18n/translate.js';
import { translatedLabels } from '../orderAdmin.js';
import type { AppliedDiscount, DeliveryChoice, Money, Order, OrderStatus } from '../types.js';
import { money } from './ProductBits.js';

const paymentMethods = ['on-account', 'prepaid-balance', 'bank-prepayment', 'card', 'cash-on-delivery'] as const;

/** Payment method names in the UI language (read when shown). */
export const paymentLabels: Readonly<Record<string, string>> = translatedLabels(paymentMethods, (method) => `orders.payment.${method}` as const);

export const paymentLabel = (method: string): string => paymentLabels[method] ?? method;

const orderStatuses = [
  'preliminary',
  'cancelled',
  'awaiting-approval',
  'rejected',
  'placing',
  'placed',
  'confirmed',
  'failed',
] as const satisfies readonly OrderStatus[];

/** Order status names in the UI language (read when shown). */
export const orderStatusLabels: Readonly<Record<OrderStatus, string>> = translatedLabels(orderStatuses, (status) => `orders.status.${status}` as const);

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
      return translate('orders.delivery.pickup', { warehouse: delivery.warehouseId });
    case 'own-transport':
      return translate('orders.delivery.ownTransport');
    case 'carrier':
      return translate('orders.delivery.carrier', { carrier: delivery.carrierId, branch: delivery.branchId, city: delivery.city });
    case 'dropshipping': {
      const { name, street, postalCode, city, country } = delivery.endCustomer;
      return translate('orders.delivery.dropshipping', { address: [name, street, postalCode, city, country].filter(Boolean).join(', ') });
    }
  }
};

/** Date and time in the UI language's locale (web/src/format.ts). */
export const formatWhen = (iso: string): string => formatDateTime(iso);

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
}: TotalsProps) => {
  const t = useT();
  return (
    <>
      <dl className="quote-totals totals">
        {linesNet && orderDiscounts.length > 0 && (
          <div className="quote-total-row">
            <dt>{t('orders.totals.lines')}</dt>
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
          <dt>{t('orders.totals.net')}</dt>
          <dd data-testid={`${prefix}-net`}>{money(net)}</dd>
        </div>
        {vatBreakdown.map((group) => (
          <div key={group.rate} className="quote-total-row muted" data-testid={`${prefix}-vat-${group.rate}`}>
            <dt>{t('orders.totals.vatOn', { rate: formatPercentBps(group.rate), net: money(group.net) })}</dt>
            <dd>{money(group.vat)}</dd>
          </div>
        ))}
        <div className="quote-total-row">
          <dt>{t('orders.totals.vat')}</dt>
          <dd data-testid={`${prefix}-vat`}>{money(vat)}</dd>
        </div>
        <div className={payable ? 'quote-total-row' : 'quote-total-row strong quote-gross'}>
          <dt>{t('orders.totals.gross')}</dt>
          <dd data-testid={`${prefix}-gross`}>{money(gross)}</dd>
        </div>
        {(deliveryFee || deliveryHint) && (
          <div className="quote-total-row">
            <dt>{t('orders.totals.delivery')}</dt>
            <dd data-testid={`${prefix}-delivery-fee`}>
              {deliveryFee ? (deliveryFee.amount === 0 ? t('orders.totals.free') : money(deliveryFee)) : deliveryHint}
            </dd>
          </div>
        )}
        {payable && (
          <div className="quote-total-row strong quote-gross">
            <dt>{t('orders.totals.payable')}</dt>
            <dd data-testid={`${prefix}-payable`}>{money(payable)}</dd>
          </div>
        )}
      </dl>
      {reverseCharge?.applies && (
        <div className="alert alert-info reverse-charge" role="note" data-testid={`${prefix}-reverse-charge`}>
          <strong>{t('orders.totals.reverseCharge')}</strong>
          <span>{reverseCharge.explanation ?? t('orders.totals.reverseChargeNote')}</span>
        </div>
      )}
    </>
  );
};
