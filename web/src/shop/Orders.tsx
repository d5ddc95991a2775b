/**
 * `/orders`: the company's orders (newest first) with status and totals; company admins approve or
 * reject orders above a buyer's limit. `/orders/<orderId>`: one order — right after placing it the
 * page polls until the placement has settled (confirmed, failed, awaiting approval, rejected) — with
 * lines, totals and, once confirmed, the invoice PDF (a presigned 5-minute link, renewed when stale).
 */
import { useCallback, useEffect, useRef, useState, type MouseEvent } from 'react';
import { ApiError, apiErrorMessage } from '../api.js';
import { Empty, ErrorBox, Loading } from '../components/Status.js';
import { useT } from '../i18n/I18n.js';
import { Link } from '../router.js';
import { useServices } from '../services.js';
import type { InvoiceLink, Order, OrderStatus } from '../types.js';
import { useAsync } from '../useAsync.js';
import { deliveryText, formatWhen, orderPayable, OrderStatusBadge, paymentLabel, settledStatuses, Totals } from './OrderBits.js';
import { money } from './ProductBits.js';
import { ApprovalHistory, BudgetNotes } from './Approvals.js';
import type { ApprovalFlow, BudgetEffect } from '../account/approvalsApi.js';
import type { OrderWithShipments } from '../orderAdmin.js';
import { ShipmentList } from './Shipments.js';
import { ReorderButton } from './Reorder.js';
import { ReturnButton } from './Returns.js';
import { OrderLinesTable } from './OrderLinesTable.js';
import { Breadcrumb } from '../components/Breadcrumb.js';

interface OrdersProps {
  companyId: string;
  /** Company admins decide on orders above a buyer's order limit. */
  canApprove: boolean;
}

export const OrderList = ({ companyId, canApprove }: OrdersProps) => {
  const { api } = useServices();
  const t = useT();
  const [orders, setOrders] = useState<Order[]>([]);
  const [nextCursor, setNextCursor] = useState<string | undefined>();
  const [loading, setLoading] = useState(true);
  const [loadingMore, setLoadingMore] = useState(false);
  const [error, setError] = useState<unknown>();
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    const controller = new AbortController();
    setLoading(true);
    setError(undefined);
    api.shop.listOrders(companyId, { limit: 25 }, controller.signal).then(
      (page) => {
        if (controller.signal.aborted) return;
        setOrders(page.orders);
        setNextCursor(page.nextCursor);
        setLoading(false);
      },
      (failure: unknown) => {
        if (controller.signal.aborted) return;
        setError(failure);
        setLoading(false);
      },
    );
    return () => controller.abort();
  }, [api, companyId, attempt]);

  const loadMore = async () => {
    if (!nextCursor) return;
    setLoadingMore(true);
    try {
      const page = await api.shop.listOrders(companyId, { limit: 25, cursor: nextCursor });
      setOrders((current) => [...current, ...page.orders.filter((order) => !current.some((known) => known.orderId === order.orderId))]);
      setNextCursor(page.nextCursor);
    } catch (failure) {
      setError(failure);
    } finally {
      setLoadingMore(false);
    }
  };

  const decided = (orderId: string, status: OrderStatus) =>
    setOrders((current) => current.map((order) => (order.orderId === orderId ? { ...order, status } : order)));

  const waiting = orders.filter((order) => order.status === 'awaiting-approval').length;
  return (
    <div className="orders-page" data-testid="orders-page">
      <header className="section-header">
        <div>
          <h1>{t('orders.list.title')}</h1>
          <p className="muted">{t('orders.list.intro')}</p>
        </div>
        <button type="button" className="btn btn-small btn-ghost" onClick={() => setAttempt((n) => n + 1)} disabled={loading}>
          {t('orders.refresh')}
        </button>
      </header>
      {canApprove && waiting > 0 && (
        <div className="alert alert-warn" role="status" data-testid="orders-awaiting">
          <span>
            {t('orders.list.awaiting', { count: waiting })} <Link to="/approvals">{t('orders.list.openApprovals')}</Link>
          </span>
        </div>
      )}
      {loading && orders.length === 0 ? (
        <Loading label={t('orders.list.loading')} />
      ) : error !== undefined && orders.length === 0 ? (
        <ErrorBox error={error} onRetry={() => setAttempt((n) => n + 1)} />
      ) : orders.length === 0 ? (
        <Empty>
          <span data-testid="orders-empty">
            {t('orders.list.empty')} <Link to="/">{t('orders.list.browse')}</Link>
          </span>
        </Empty>
      ) : (
        <>
          <div className="card table-card">
            <div className="table-scroll">
              <table className={loading ? 'data-table orders-table refreshing' : 'data-table orders-table'} data-testid="orders-table">
                <thead>
                  <tr>
                    <th scope="col">{t('orders.col.order')}</th>
                    <th scope="col">{t('orders.col.date')}</th>
                    <th scope="col">{t('orders.col.placedBy')}</th>
                    <th scope="col">{t('orders.col.status')}</th>
                    <th scope="col" className="num">
                      {t('orders.col.net')}
                    </th>
                    <th scope="col" className="num">
                      {t('orders.col.payable')}
                    </th>
                    {canApprove && <th scope="col">{t('orders.col.approval')}</th>}
                  </tr>
                </thead>
                <tbody>
                  {orders.map((order) => (
                    <tr key={order.orderId} data-testid={`order-row-${order.orderId}`}>
                      <td>
                        <Link to={`/orders/${encodeURIComponent(order.orderId)}`} className="mono" data-testid={`open-order-${order.orderId}`}>
                          {order.orderNumber}
                        </Link>
                        {order.poNumber && <div className="muted small">{t('orders.poShort', { po: order.poNumber })}</div>}
                      </td>
                      <td className="nowrap">{formatWhen(order.createdAt)}</td>
                      <td>{order.placedBy.name}</td>
                      <td>
                        <OrderStatusBadge status={order.status} testId="order-row-status" />
                        {order.invoiceNumber && <div className="muted small mono">{order.invoiceNumber}</div>}
                      </td>
                      <td className="num">{money(order.net)}</td>
                      <td className="num strong" data-testid="order-row-payable">
                        {money(orderPayable(order))}
                      </td>
                      {canApprove && (
                        <td>
                          {order.status === 'awaiting-approval' ? (
                            <ApprovalActions companyId={companyId} order={order} onDecided={(status) => decided(order.orderId, status)} compact />
                          ) : (
                            <span className="muted small">—</span>
                          )}
                        </td>
                      )}
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </div>
          {error !== undefined && <ErrorBox error={error} />}
          {nextCursor && (
            <div className="load-more">
              <button type="button" className="btn" onClick={() => void loadMore()} disabled={loadingMore} data-testid="orders-load-more">
                {loadingMore ? t('orders.loadingMore') : t('orders.loadMore')}
              </button>
            </div>
          )}
        </>
      )}
    </div>
  );
};

interface ApprovalActionsProps {
  companyId: string;
  order: Order;
  onDecided: (status: OrderStatus) => void;
  compact?: boolean;
}

/** Approve / reject (with an optional comment) an order above a buyer's limit. */
const ApprovalActions = ({ companyId, order, onDecided, compact = false }: ApprovalActionsProps) => {
  const { api } = useServices();
  const t = useT();
  const [comment, setComment] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  const decide = async (approve: boolean) => {
    setBusy(true);
    setError(undefined);
    try {
      const result = await api.shop.decideOrder(companyId, order.orderId, { approve, ...(comment.trim() ? { comment: comment.trim() } : {}) });
      onDecided(result.status);
    } catch (failure) {
      setError(failure);
    } finally {
      setBusy(false);
    }
  };
  const id = order.orderId;
  return (
    <div className={compact ? 'approval-actions compact' : 'approval-actions'} data-testid={compact ? `approval-${id}` : 'order-approval'}>
      <input
        type="text"
        maxLength={500}
        placeholder={t('orders.decide.commentPlaceholder')}
        value={comment}
        onChange={(event) => setComment(event.target.value)}
        aria-label={t('orders.decide.commentOn', { number: order.orderNumber })}
        data-testid={compact ? `approval-comment-${id}` : 'approval-comment'}
      />
      <div className="panel-tools">
        <button
          type="button"
          className="btn btn-small btn-primary"
          onClick={() => void decide(true)}
          disabled={busy}
          data-testid={compact ? `approve-${id}` : 'order-approve'}
        >
          {t('orders.decide.approve')}
        </button>
        <button
          type="button"
          className="btn btn-small btn-danger"
          onClick={() => void decide(false)}
          disabled={busy}
          data-testid={compact ? `reject-${id}` : 'order-reject'}
        >
          {t('orders.decide.reject')}
        </button>
      </div>
      {error !== undefined && (
        <div className="form-error small" role="alert">
          {apiErrorMessage(error)}
        </div>
      )}
    </div>
  );
};

/** How long a presigned invoice link is used before a fresh one is fetched (the API grants 5 minutes). */
const linkMargin = 60_000;

interface OrderPageProps extends OrdersProps {
  orderId: string;
}

export const OrderPage = ({ companyId, orderId, canApprove }: OrderPageProps) => {
  const { api } = useServices();
  const t = useT();
  const [order, setOrder] = useState<Order>();
  const [error, setError] = useState<unknown>();
  const [attempt, setAttempt] = useState(0);

  // Poll until the placement has settled: 0.5 s at first, then slower.
  useEffect(() => {
    const controller = new AbortController();
    let timer: number | undefined;
    let polls = 0;
    const load = async () => {
      try {
        const loaded = await api.shop.getOrder(companyId, orderId, controller.signal);
        if (controller.signal.aborted) return;
        setOrder(loaded);
        setError(undefined);
        if (!settledStatuses.includes(loaded.status)) {
          polls += 1;
          timer = window.setTimeout(() => void load(), polls < 20 ? 500 : polls < 60 ? 2000 : 5000);
        }
      } catch (failure) {
        if (controller.signal.aborted) return;
        setError(failure);
      }
    };
    void load();
    return () => {
      controller.abort();
      window.clearTimeout(timer);
    };
  }, [api, companyId, orderId, attempt]);

  if (!order) {
    if (error instanceof ApiError && (error.status === 404 || error.status === 403)) {
      return (
        <section className="card narrow" data-testid="order-not-found">
          <h1>{t('orders.notFound.title')}</h1>
          <p className="muted">{t('orders.notFound.text')}</p>
          <Link to="/orders">{t('orders.notFound.back')}</Link>
        </section>
      );
    }
    if (error !== undefined) return <ErrorBox error={error} onRetry={() => setAttempt((n) => n + 1)} />;
    return <Loading label={t('orders.page.loading')} />;
  }

  const settled = settledStatuses.includes(order.status);
  return (
    <div className="order-page" data-testid="order-page">
      <Breadcrumb trail={[{ to: '/orders', label: t('orders.list.title') }]} current={order.orderNumber} mono />
      <header className="section-header">
        <div>
          <h1>
            {t('orders.page.heading')} <span data-testid="order-number">{order.orderNumber}</span>
          </h1>
          <p className="muted">
            {t('orders.page.placed', { when: formatWhen(order.createdAt), name: order.placedBy.name })} · <OrderStatusBadge status={order.status} />
          </p>
          {order.onBehalfOf && (
            <p className="muted small" data-testid="order-on-behalf">
              {t(order.status === 'preliminary' ? 'orders.page.onBehalfPreliminary' : 'orders.page.onBehalf', { name: order.onBehalfOf.enteredBy.name })}
              {order.onBehalfOf.note ? ` ${t('orders.page.onBehalfNote', { note: order.onBehalfOf.note })}` : ''}
            </p>
          )}
        </div>
        <ReorderButton companyId={companyId} orderId={order.orderId} />
        <ReturnButton order={order} />
      </header>
      <OrderStatusMessage order={order} settled={settled} />
      <OrderApproval order={order} />
      {error !== undefined && <ErrorBox error={error} onRetry={() => setAttempt((n) => n + 1)} />}
      {canApprove && order.status === 'awaiting-approval' && (
        <section className="card panel">
          <h2>{t('orders.page.decisionTitle')}</h2>
          <p className="muted small">{t('orders.page.decisionText', { name: order.placedBy.name })}</p>
          <ApprovalActions companyId={companyId} order={order} onDecided={() => setAttempt((n) => n + 1)} />
        </section>
      )}
      <div className="order-grid">
        <section className="card panel" aria-labelledby="order-lines-title">
          <h2 id="order-lines-title">{t('orders.page.lines')}</h2>
          <OrderLinesTable lines={order.lines} testId="order-lines" rowTestIdPrefix="order-line-" reverseCharge={order.reverseCharge.applies} />
          <Totals
            prefix="order"
            net={order.net}
            vat={order.vat}
            gross={order.gross}
            vatBreakdown={order.vatBreakdown}
            orderDiscounts={order.orderDiscounts}
            reverseCharge={order.reverseCharge}
            deliveryFee={order.deliveryFee}
            payable={orderPayable(order)}
          />
        </section>
        <aside className="order-side">
          <section className="card panel">
            <h2>{t('orders.page.details')}</h2>
            <dl className="facts">
              <dt>{t('orders.page.delivery')}</dt>
              <dd data-testid="order-delivery">{deliveryText(order.delivery)}</dd>
              <dt>{t('orders.page.payment')}</dt>
              <dd data-testid="order-payment">{paymentLabel(order.paymentMethod)}</dd>
              {order.poNumber && (
                <>
                  <dt>{t('orders.page.poNumber')}</dt>
                  <dd data-testid="order-po-number">{order.poNumber}</dd>
                </>
              )}
              {order.costCentre && (
                <>
                  <dt>{t('orders.page.costCentre')}</dt>
                  <dd data-testid="order-cost-centre">{order.costCentre}</dd>
                </>
              )}
              {order.invoiceNumber && (
                <>
                  <dt>{t('orders.page.invoice')}</dt>
                  <dd className="mono" data-testid="invoice-number">
                    {order.invoiceNumber}
                  </dd>
                </>
              )}
              {order.approval?.comment && (
                <>
                  <dt>{t('orders.page.approvalComment')}</dt>
                  <dd>{order.approval.comment}</dd>
                </>
              )}
            </dl>
          </section>
        </aside>
      </div>
      {(order as OrderWithShipments).shipments?.length ? (
        <section className="card panel" aria-labelledby="shipments-title" data-testid="order-shipments">
          <h2 id="shipments-title">{t('orders.page.shipments')}</h2>
          <ShipmentList
            companyId={companyId}
            orderId={order.orderId}
            shipments={(order as OrderWithShipments).shipments ?? []}
            lineNames={new Map(order.lines.map((line) => [line.sku, line.name]))}
          />
        </section>
      ) : null}
      {order.status === 'confirmed' && order.invoiceNumber && <InvoiceSection companyId={companyId} order={order} />}
    </div>
  );
};

/** Approval levels and decisions, and what the order took from budgets (functions/approvals). */
const OrderApproval = ({ order }: { order: Order }) => {
  const { approvalFlow, budgets } = order as Order & { approvalFlow?: ApprovalFlow; budgets?: BudgetEffect[] };
  const t = useT();
  if (!approvalFlow && !budgets?.length) return null;
  return (
    <section className="card panel" aria-labelledby="order-approval-title" data-testid="order-approval-section">
      <h2 id="order-approval-title">{approvalFlow ? t('orders.page.approval') : t('orders.page.budgets')}</h2>
      {approvalFlow && <ApprovalHistory flow={approvalFlow} status={order.status} />}
      <BudgetNotes effects={budgets} />
    </section>
  );
};

const OrderStatusMessage = ({ order, settled }: { order: Order; settled: boolean }) => {
  const t = useT();
  switch (order.status) {
    case 'confirmed':
      return (
        <div className="alert alert-info" role="status" data-testid="order-message">
          {order.invoiceNumber ? t('orders.message.confirmedInvoiced', { invoice: order.invoiceNumber }) : t('orders.message.confirmed')}
        </div>
      );
    case 'awaiting-approval':
      return (
        <div className="alert alert-warn" role="status" data-testid="order-message">
          <span>{t('orders.message.awaitingApproval')}</span>
        </div>
      );
    case 'rejected':
      return (
        <div className="alert alert-error" role="status" data-testid="order-message">
          <span>{order.approval?.comment ? t('orders.message.rejectedComment', { comment: order.approval.comment }) : t('orders.message.rejected')}</span>
        </div>
      );
    case 'preliminary':
      return (
        <div className="alert alert-info" role="status" data-testid="order-message">
          <span>{t('orders.message.preliminary')}</span>
        </div>
      );
    case 'failed':
      return (
        <div className="alert alert-error" role="alert" data-testid="order-message">
          <span>{order.failureReason ? t('orders.message.failedReason', { reason: order.failureReason }) : t('orders.message.failed')}</span>
        </div>
      );
    default:
      return (
        <div className="status status-inline" role="status" aria-live="polite" data-testid="order-message">
          {!settled && <span className="spinner" aria-hidden="true" />}
          {order.paymentMethod === 'on-account' ? t('orders.message.placingOnAccount') : t('orders.message.placing')}
        </div>
      );
  }
};

/** The invoice PDF: a link opening it in a new tab, and an embedded preview. */
const InvoiceSection = ({ companyId, order }: { companyId: string; order: Order }) => {
  const { api } = useServices();
  const t = useT();
  const link = useAsync((signal) => api.shop.getInvoiceLink(companyId, order.orderId, signal), [companyId, order.orderId]);
  const loadedAt = useRef(0);
  const [opening, setOpening] = useState(false);
  const [openError, setOpenError] = useState<unknown>();
  useEffect(() => {
    if (link.data) loadedAt.current = Date.now();
  }, [link.data]);

  const fresh = useCallback(
    (data: InvoiceLink | undefined): data is InvoiceLink => data !== undefined && Date.now() - loadedAt.current < data.expiresInSeconds * 1000 - linkMargin,
    [],
  );

  // A stale link is renewed: the new tab is opened at once (no pop-up blocker) and pointed at the new URL.
  const open = async (event: MouseEvent<HTMLAnchorElement>) => {
    if (fresh(link.data)) return;
    event.preventDefault();
    const tab = window.open('about:blank', '_blank');
    setOpening(true);
    setOpenError(undefined);
    try {
      const renewed = await api.shop.getInvoiceLink(companyId, order.orderId);
      link.setData(renewed);
      loadedAt.current = Date.now();
      if (tab) {
        tab.opener = null;
        tab.location.href = renewed.url;
      } else window.location.assign(renewed.url);
    } catch (failure) {
      tab?.close();
      setOpenError(failure);
    } finally {
      setOpening(false);
    }
  };

  return (
    <section className="card panel invoice-section" aria-labelledby="invoice-title" data-testid="invoice-section">
      <header className="panel-header">
        <h2 id="invoice-title">{t('orders.invoice.title', { number: order.invoiceNumber ?? '' })}</h2>
        {link.data ? (
          <a
            className="btn btn-primary"
            href={link.data.url}
            target="_blank"
            rel="noopener noreferrer"
            onClick={(event) => void open(event)}
            data-testid="invoice-link"
            aria-disabled={opening}
          >
            {opening ? t('orders.invoice.opening') : t('orders.invoice.pdf')}
          </a>
        ) : (
          <button type="button" className="btn btn-primary" disabled data-testid="invoice-link">
            {t('orders.invoice.pdf')}
          </button>
        )}
      </header>
      {link.error !== undefined && <ErrorBox error={link.error} onRetry={link.reload} />}
      {openError !== undefined && <ErrorBox error={openError} />}
      {link.loading && <Loading label={t('orders.invoice.loading')} />}
      {link.data && (
        <>
          <p className="muted small">{t('orders.invoice.validity')}</p>
          <object
            className="invoice-preview"
            data={link.data.url}
            type="application/pdf"
            data-testid="invoice-preview"
            aria-label={t('orders.invoice.title', { number: order.invoiceNumber ?? '' })}
          >
            <p className="muted">
              {t('orders.invoice.noPreview')}{' '}
              <a href={link.data.url} target="_blank" rel="noopener noreferrer">
                {t('orders.invoice.open')}
              </a>
              .
            </p>
          </object>
        </>
      )}
    </section>
  );
};
