/** Console order detail: lines, totals, shipments (create, mark shipped/delivered), notes, goodwill, added items, preliminary edits, audit trail. */
import { roleLabel } from '../account/permissions.js';
import { ErrorBox, Loading } from '../components/Status.js';
import { auditChangeText, auditChanges, humanizeField } from '../auditText.js';
import { useT } from '../i18n/I18n.js';
import { hasMessage, translate } from '../i18n/translate.js';
import { orderAdminApi, type AdminOrderDetail, type AuditRow } from '../orderAdmin.js';
import { useServices } from '../services.js';
import { deliveryText, formatWhen, orderPayable, paymentLabel, Totals } from '../shop/OrderBits.js';
import { OrderLinesTable } from '../shop/OrderLinesTable.js';
import { money } from '../shop/ProductBits.js';
import { ShipmentList } from '../shop/Shipments.js';
import { useAsync } from '../useAsync.js';
import { AddItemsForm, AdjustmentForm, NewShipmentForm, NoteForm, PreliminaryEditForm, ShipmentActions } from './OrderAdminForms.js';
import { AdminStatusBadge } from './OrdersPanel.js';
import { Breadcrumb } from '../components/Breadcrumb.js';

const shippable = ['placed', 'confirmed'];
const amendable = ['preliminary', 'awaiting-approval', 'placed', 'confirmed'];
const editable = ['preliminary', 'awaiting-approval'];

/** "lines.replaced+order.released" → "Lines changed, Order released". */
const orderActionLabel = (action: string): string =>
  action
    .split('+')
    .map((part) => {
      const key = `consoleOrders.audit.action.${part}`;
      return hasMessage(key) ? translate(key) : humanizeField(part);
    })
    .join(', ');

const AuditTrail = ({ audit }: { audit: AuditRow[] }) => {
  const t = useT();
  return (
    <section className="card panel" aria-labelledby="audit-title">
      <h2 id="audit-title">{t('consoleOrders.audit.title')}</h2>
      {audit.length === 0 ? (
        <p className="muted small">{t('consoleOrders.audit.none')}</p>
      ) : (
        <div className="table-scroll">
          <table className="data-table" data-testid="order-audit">
            <thead>
              <tr>
                <th scope="col">{t('consoleOrders.audit.when')}</th>
                <th scope="col">{t('consoleOrders.audit.who')}</th>
                <th scope="col">{t('consoleOrders.audit.what')}</th>
                <th scope="col">{t('consoleOrders.audit.changes')}</th>
              </tr>
            </thead>
            <tbody>
              {audit.map((row, index) => (
                <tr key={`${row.at}-${index}`} data-testid={`audit-${row.action}`}>
                  <td className="nowrap">{formatWhen(row.at)}</td>
                  <td>
                    {row.actor.name} <div className="muted small">{roleLabel(row.actor.role)}</div>
                  </td>
                  <td data-testid="audit-row-action">{orderActionLabel(row.action)}</td>
                  <td className="audit-change">
                    <ul className="plain-list" data-testid="audit-row-changes">
                      {auditChanges(row.before, row.after).map((change) => (
                        <li key={change.field} data-testid={`audit-change-${change.field}`}>
                          {auditChangeText(change)}
                        </li>
                      ))}
                    </ul>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
};

export const OrderAdminView = ({ companyId, orderId }: { companyId: string; orderId: string }) => {
  const t = useT();
  const { api } = useServices();
  const detail = useAsync((signal) => orderAdminApi(api.console).get(companyId, orderId, signal), [api, companyId, orderId], { keepData: true });
  if (!detail.data)
    return detail.error !== undefined ? <ErrorBox error={detail.error} onRetry={detail.reload} /> : <Loading label={t('consoleOrders.detail.loading')} />;
  const data: AdminOrderDetail = detail.data;
  const { order } = data;
  const names = new Map(order.lines.map((line) => [line.sku, line.name]));
  return (
    <div className="order-page" data-testid="admin-order-detail">
      <Breadcrumb trail={[{ to: '/console/orders', label: t('consoleOrders.orders.title') }]} current={order.orderNumber} mono />
      <header className="section-header">
        <div>
          <h1>
            {t('consoleOrders.detail.order')} <span data-testid="admin-order-number">{order.orderNumber}</span>
          </h1>
          <p className="muted">
            {data.company.name} · {t('consoleOrders.detail.placedBy', { when: formatWhen(order.createdAt), name: order.placedBy.name })} ·{' '}
            <AdminStatusBadge status={order.status} /> · {t('consoleOrders.detail.version', { version: order.version })}
          </p>
        </div>
        <button type="button" className="btn btn-small btn-ghost" onClick={detail.reload} data-testid="admin-order-refresh">
          {t('consoleOrders.detail.refresh')}
        </button>
      </header>
      {detail.error !== undefined && <ErrorBox error={detail.error} onRetry={detail.reload} />}
      <div className="order-grid">
        <section className="card panel" aria-labelledby="admin-lines-title">
          <h2 id="admin-lines-title">{t('consoleOrders.lines')}</h2>
          <OrderLinesTable lines={order.lines} testId="admin-order-lines" rowTestIdPrefix="admin-order-line-" />
          <Totals
            prefix="admin-order"
            net={order.net}
            vat={order.vat}
            gross={order.gross}
            vatBreakdown={order.vatBreakdown}
            orderDiscounts={order.orderDiscounts}
            reverseCharge={order.reverseCharge}
            deliveryFee={order.deliveryFee}
            payable={orderPayable(order)}
          />
          {order.adjustments?.length ? (
            <ul className="small" data-testid="admin-adjustments">
              {order.adjustments.map((adjustment) => (
                <li key={adjustment.adjustmentId}>
                  {t('consoleOrders.detail.goodwill', {
                    amount: money(adjustment.amount),
                    name: adjustment.by.name,
                    when: formatWhen(adjustment.at),
                    reason: adjustment.reason,
                  })}
                  {adjustment.creditNoteNumber ? (
                    <span data-testid="adjustment-credit-note">{` — ${t('consoleOrders.detail.creditNote', { number: adjustment.creditNoteNumber })}`}</span>
                  ) : null}
                </li>
              ))}
            </ul>
          ) : null}
        </section>
        <aside className="order-side">
          <section className="card panel">
            <h2>{t('consoleOrders.detail.details')}</h2>
            <dl className="facts">
              <dt>{t('consoleOrders.detail.delivery')}</dt>
              <dd data-testid="admin-order-delivery">
                {deliveryText(order.delivery)}
                {order.delivery.address && typeof order.delivery.address === 'object' ? (
                  <div className="small">{Object.values(order.delivery.address as Record<string, string>).join(', ')}</div>
                ) : null}
              </dd>
              <dt>{t('consoleOrders.detail.payment')}</dt>
              <dd>{paymentLabel(order.paymentMethod)}</dd>
              {order.poNumber && (
                <>
                  <dt>{t('consoleOrders.detail.poNumber')}</dt>
                  <dd>{order.poNumber}</dd>
                </>
              )}
              {order.invoiceNumber && (
                <>
                  <dt>{t('consoleOrders.detail.invoice')}</dt>
                  <dd className="mono">{order.invoiceNumber}</dd>
                </>
              )}
            </dl>
          </section>
        </aside>
      </div>
      {editable.includes(order.status) && <PreliminaryEditForm key={order.version} detail={data} onChanged={detail.reload} />}
      <section className="card panel" aria-labelledby="admin-shipments-title" data-testid="admin-shipments">
        <h2 id="admin-shipments-title">{t('consoleOrders.detail.shipments')}</h2>
        <ShipmentList
          companyId={order.companyId}
          orderId={order.orderId}
          shipments={order.shipments ?? []}
          lineNames={names}
          client="console"
          actions={(shipment) =>
            shippable.includes(order.status) ? (
              <ShipmentActions order={order} shipmentId={shipment.shipmentId} status={shipment.status} onChanged={detail.reload} />
            ) : null
          }
        />
      </section>
      {shippable.includes(order.status) && <NewShipmentForm key={`shipment-${order.version}`} detail={data} onChanged={detail.reload} />}
      {amendable.includes(order.status) && (
        <div className="console-grid">
          <AdjustmentForm detail={data} onChanged={detail.reload} />
          <AddItemsForm detail={data} onChanged={detail.reload} />
        </div>
      )}
      <NoteForm detail={data} onChanged={detail.reload} />
      <AuditTrail audit={data.audit} />
    </div>
  );
};
