/** The shipments of an order (partial deliveries): status, carrier, tracking link and delivery-note download, for shop and console. */
import { useState, type ReactNode } from 'react';
import { ErrorBox } from '../components/Status.js';
import { formatDecimal } from '../format.js';
import { useT } from '../i18n/I18n.js';
import { openFetchedLink } from '../openLink.js';
import { orderAdminApi, shipmentStatusLabels, type Shipment } from '../orderAdmin.js';
import { useServices } from '../services.js';
import { formatWhen } from './OrderBits.js';

interface ShipmentListProps {
  companyId: string;
  orderId: string;
  shipments: readonly Shipment[];
  lineNames: ReadonlyMap<string, string>;
  /** Console: which API client fetches the delivery note. */
  client?: 'shop' | 'console';
  /** Console: per-shipment actions (mark shipped/delivered). */
  actions?: (shipment: Shipment) => ReactNode;
}

const safeHref = (url: string | undefined): string | undefined => (url && /^https?:\/\//i.test(url) ? url : undefined);

export const ShipmentList = ({ companyId, orderId, shipments, lineNames, client = 'shop', actions }: ShipmentListProps) => {
  const { api } = useServices();
  const t = useT();
  const [error, setError] = useState<unknown>();
  const [opening, setOpening] = useState<string | null>(null);

  // The presigned link lives a few minutes: fetch it on click and open it in a new tab at once (no pop-up blocker).
  const openNote = async (shipment: Shipment) => {
    setOpening(shipment.shipmentId);
    setError(undefined);
    try {
      await openFetchedLink(async () => (await orderAdminApi(api[client]).deliveryNote(companyId, orderId, shipment.shipmentId)).url);
    } catch (failure) {
      setError(failure);
    } finally {
      setOpening(null);
    }
  };

  if (shipments.length === 0)
    return (
      <p className="muted small" data-testid="shipments-empty">
        {t('orders.shipments.empty')}
      </p>
    );
  return (
    <>
      {error !== undefined && <ErrorBox error={error} />}
      <ul className="shipment-list" data-testid="shipments">
        {shipments.map((shipment) => {
          const href = safeHref(shipment.trackingUrl);
          return (
            <li key={shipment.shipmentId} className="shipment card panel" data-testid={`shipment-${shipment.shipmentNumber}`}>
              <header className="panel-header">
                <h3 className="mono">{shipment.shipmentNumber}</h3>
                <span
                  className={`badge ${shipment.status === 'delivered' ? 'badge-ok' : shipment.status === 'shipped' ? 'badge-info' : ''}`}
                  data-testid="shipment-status"
                  data-status={shipment.status}
                >
                  {shipmentStatusLabels[shipment.status]}
                </span>
              </header>
              <dl className="facts">
                <dt>{t('orders.shipments.carrier')}</dt>
                <dd data-testid="shipment-carrier">{shipment.carrier}</dd>
                <dt>{t('orders.shipments.tracking')}</dt>
                <dd data-testid="shipment-tracking">
                  {shipment.trackingNumber ? (
                    href ? (
                      <a href={href} target="_blank" rel="noopener noreferrer" className="mono" data-testid="shipment-tracking-link">
                        {shipment.trackingNumber}
                      </a>
                    ) : (
                      <span className="mono">{shipment.trackingNumber}</span>
                    )
                  ) : (
                    <span className="muted">—</span>
                  )}
                </dd>
                <dt>{t('orders.shipments.created')}</dt>
                <dd>{formatWhen(shipment.createdAt)}</dd>
                {shipment.shippedAt && (
                  <>
                    <dt>{t('orders.shipments.shipped')}</dt>
                    <dd>{formatWhen(shipment.shippedAt)}</dd>
                  </>
                )}
                {shipment.deliveredAt && (
                  <>
                    <dt>{t('orders.shipments.delivered')}</dt>
                    <dd>{formatWhen(shipment.deliveredAt)}</dd>
                  </>
                )}
              </dl>
              <ul className="small" data-testid="shipment-lines">
                {shipment.lines.map((line) => (
                  <li key={line.sku}>
                    {formatDecimal(line.quantity)} × {lineNames.get(line.sku) ?? line.sku} <span className="mono muted">{line.sku}</span>
                  </li>
                ))}
              </ul>
              <div className="actions">
                {shipment.deliveryNoteKey && (
                  <button
                    type="button"
                    className="btn btn-small"
                    onClick={() => void openNote(shipment)}
                    disabled={opening === shipment.shipmentId}
                    data-testid="delivery-note-link"
                  >
                    {opening === shipment.shipmentId ? t('orders.shipments.opening') : t('orders.shipments.deliveryNote')}
                  </button>
                )}
                {actions?.(shipment)}
              </div>
            </li>
          );
        })}
      </ul>
    </>
  );
};
