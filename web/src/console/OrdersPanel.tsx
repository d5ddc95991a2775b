/** Console "Orders": search by order number, PO number, company, status, date and amount (back office: all companies; reps: their own), paged by cursor. */
import { useEffect, useState, type FormEvent } from 'react';
import { Empty, ErrorBox, Loading } from '../components/Status.js';
import { useT } from '../i18n/I18n.js';
import { translate } from '../i18n/translate.js';
import { parseMinorUnits } from '../moneyInput.js';
import { adminStatusLabels, orderAdminApi, type AdminOrderStatus, type AdminOrderSummary, type OrderSearch } from '../orderAdmin.js';
import { Link } from '../router.js';
import { useServices } from '../services.js';
import { formatWhen } from '../shop/OrderBits.js';
import { money } from '../shop/ProductBits.js';
import { useAsync } from '../useAsync.js';

export const adminOrderPath = (companyId: string, orderId: string) => `/console/orders/${encodeURIComponent(companyId)}/${encodeURIComponent(orderId)}`;

export const AdminStatusBadge = ({ status, testId = 'admin-order-status' }: { status: AdminOrderStatus; testId?: string }) => {
  const tone =
    status === 'confirmed'
      ? 'badge-ok'
      : status === 'failed' || status === 'rejected' || status === 'cancelled'
        ? 'badge-danger'
        : status === 'preliminary' || status === 'awaiting-approval'
          ? 'badge-warn'
          : '';
  return (
    <span className={`badge ${tone}`} data-testid={testId} data-status={status}>
      {adminStatusLabels[status] ?? status}
    </span>
  );
};

interface FilterDraft {
  orderNumber: string;
  poNumber: string;
  companyId: string;
  status: AdminOrderStatus | '';
  from: string;
  to: string;
  minTotal: string;
  maxTotal: string;
}

const initialFilter: FilterDraft = { orderNumber: '', poNumber: '', companyId: '', status: 'confirmed', from: '', to: '', minTotal: '', maxTotal: '' };

function toSearch(draft: FilterDraft): OrderSearch | { error: string } {
  const orderNumber = draft.orderNumber.trim();
  const poNumber = draft.poNumber.trim();
  // Numbers are looked up directly: company and status narrow the hit, dates and amounts do not apply.
  if (orderNumber || poNumber)
    return {
      ...(orderNumber ? { orderNumber } : {}),
      ...(poNumber ? { poNumber } : {}),
      ...(draft.companyId ? { companyId: draft.companyId } : {}),
      ...(draft.status ? { status: draft.status } : {}),
      limit: 25,
    };
  if (!draft.companyId && !draft.status) return { error: translate('consoleOrders.orders.chooseCompanyOrStatus') };
  const min = draft.minTotal.trim() ? parseMinorUnits(draft.minTotal) : undefined;
  const max = draft.maxTotal.trim() ? parseMinorUnits(draft.maxTotal) : undefined;
  if (draft.minTotal.trim() && min === undefined) return { error: translate('consoleOrders.orders.badMinimum') };
  if (draft.maxTotal.trim() && max === undefined) return { error: translate('consoleOrders.orders.badMaximum') };
  return {
    ...(draft.companyId ? { companyId: draft.companyId } : {}),
    ...(draft.status ? { status: draft.status } : {}),
    ...(draft.from ? { from: draft.from } : {}),
    ...(draft.to ? { to: draft.to } : {}),
    ...(min !== undefined ? { minTotal: min } : {}),
    ...(max !== undefined ? { maxTotal: max } : {}),
    limit: 25,
  };
}

export const OrdersPanel = () => {
  const t = useT();
  const { api } = useServices();
  const companies = useAsync((signal) => api.console.listCompanies({}, signal), []);
  const names = new Map((companies.data?.companies ?? []).map((company) => [company.id, company.name]));
  const [draft, setDraft] = useState<FilterDraft>(initialFilter);
  const [search, setSearch] = useState<OrderSearch>({ status: 'confirmed', limit: 25 });
  const [orders, setOrders] = useState<AdminOrderSummary[]>([]);
  const [nextCursor, setNextCursor] = useState<string | undefined>();
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<unknown>();
  const [formError, setFormError] = useState<string | null>(null);

  useEffect(() => {
    const controller = new AbortController();
    setLoading(true);
    setError(undefined);
    orderAdminApi(api.console)
      .search(search, controller.signal)
      .then(
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
  }, [api, search]);

  const apply = (event: FormEvent) => {
    event.preventDefault();
    const next = toSearch(draft);
    if ('error' in next) return setFormError(next.error);
    setFormError(null);
    setSearch(next);
  };

  const more = async () => {
    if (!nextCursor) return;
    try {
      const page = await orderAdminApi(api.console).search({ ...search, cursor: nextCursor });
      setOrders((current) => [...current, ...page.orders.filter((order) => !current.some((known) => known.orderId === order.orderId))]);
      setNextCursor(page.nextCursor);
    } catch (failure) {
      setError(failure);
    }
  };

  const field = <K extends keyof FilterDraft>(key: K) => ({
    value: draft[key],
    onChange: (event: { target: { value: string } }) => setDraft({ ...draft, [key]: event.target.value }),
  });

  return (
    <section data-testid="orders-panel">
      <header className="section-header">
        <div>
          <h1>{t('consoleOrders.orders.title')}</h1>
          <p className="muted">{t('consoleOrders.orders.intro')}</p>
        </div>
      </header>
      <form className="card panel" onSubmit={apply} data-testid="order-filters" noValidate>
        <div className="field-row">
          <label className="field">
            {t('consoleOrders.orders.orderNumber')}
            <input type="search" {...field('orderNumber')} autoComplete="off" data-testid="order-filter-number" />
          </label>
          <label className="field">
            {t('consoleOrders.orders.poNumber')}
            <input type="search" {...field('poNumber')} autoComplete="off" data-testid="order-filter-po" />
          </label>
        </div>
        <p className="muted small">{t('consoleOrders.orders.numberHint')}</p>
        <div className="field-row">
          <label className="field">
            {t('consoleOrders.company')}
            <select {...field('companyId')} data-testid="order-filter-company">
              <option value="">{t('consoleOrders.orders.allCompanies')}</option>
              {(companies.data?.companies ?? []).map((company) => (
                <option key={company.id} value={company.id}>
                  {company.name}
                </option>
              ))}
            </select>
          </label>
          <label className="field">
            {t('consoleOrders.status')}
            <select {...field('status')} data-testid="order-filter-status">
              <option value="">{t('consoleOrders.orders.anyStatus')}</option>
              {(Object.keys(adminStatusLabels) as AdminOrderStatus[]).map((status) => (
                <option key={status} value={status}>
                  {adminStatusLabels[status]}
                </option>
              ))}
            </select>
          </label>
          <label className="field">
            {t('consoleOrders.orders.from')}
            <input type="date" {...field('from')} data-testid="order-filter-from" />
          </label>
          <label className="field">
            {t('consoleOrders.orders.to')}
            <input type="date" {...field('to')} data-testid="order-filter-to" />
          </label>
          <label className="field">
            {t('consoleOrders.orders.grossFrom')}
            <input inputMode="decimal" {...field('minTotal')} data-testid="order-filter-min" />
          </label>
          <label className="field">
            {t('consoleOrders.orders.grossTo')}
            <input inputMode="decimal" {...field('maxTotal')} data-testid="order-filter-max" />
          </label>
        </div>
        {formError && (
          <div className="alert alert-error" role="alert" data-testid="order-filter-error">
            {formError}
          </div>
        )}
        <button type="submit" className="btn btn-primary" data-testid="order-filter-apply">
          {t('consoleOrders.orders.search')}
        </button>
      </form>
      {loading ? (
        <Loading label={t('consoleOrders.orders.searching')} />
      ) : error !== undefined ? (
        <ErrorBox error={error} onRetry={() => setSearch({ ...search })} />
      ) : orders.length === 0 ? (
        <Empty>{t('consoleOrders.orders.none')}</Empty>
      ) : (
        <div className="card table-card">
          <div className="table-scroll">
            <table className="data-table" data-testid="admin-orders-table">
              <thead>
                <tr>
                  <th scope="col">{t('consoleOrders.orders.col.order')}</th>
                  <th scope="col">{t('consoleOrders.company')}</th>
                  <th scope="col">{t('consoleOrders.status')}</th>
                  <th scope="col">{t('consoleOrders.orders.col.placed')}</th>
                  <th scope="col" className="num">
                    {t('consoleOrders.orders.col.gross')}
                  </th>
                  <th scope="col" className="num">
                    {t('consoleOrders.orders.col.shipments')}
                  </th>
                </tr>
              </thead>
              <tbody>
                {orders.map((order) => (
                  <tr key={order.orderId} data-testid={`admin-order-row-${order.orderNumber}`}>
                    <td>
                      <Link to={adminOrderPath(order.companyId, order.orderId)} className="mono" data-testid="admin-order-link">
                        {order.orderNumber}
                      </Link>
                      <div className="muted small">{order.placedBy.name}</div>
                      {order.poNumber && (
                        <div className="muted small" data-testid="admin-order-po">
                          {t('consoleOrders.orders.poShort', { poNumber: order.poNumber })}
                        </div>
                      )}
                    </td>
                    <td>{names.get(order.companyId) ?? order.companyId}</td>
                    <td>
                      <AdminStatusBadge status={order.status} />
                    </td>
                    <td className="nowrap">{formatWhen(order.createdAt)}</td>
                    <td className="num">{money(order.gross)}</td>
                    <td className="num">{order.shipmentCount}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {nextCursor && (
            <p>
              <button type="button" className="btn btn-ghost" onClick={() => void more()} data-testid="admin-orders-more">
                {t('consoleOrders.orders.more')}
              </button>
            </p>
          )}
        </div>
      )}
    </section>
  );
};
