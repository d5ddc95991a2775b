/**
 * `/console/pools` and `/console/pools/<poolId>` (back office): BestPrice group-buying pools
 * (docs/group-buying.md). The list shows open and closed pools; "Open a pool" posts
 * `POST /console/pools` with tier prices typed in the pool currency and converted to integer minor
 * units with string arithmetic (`parseMinorUnits`, no floats); the detail lists the participants.
 */
import { useEffect, useState, type FormEvent } from 'react';
import { ApiError, apiErrorMessage } from '../api.js';
import { IssueList } from '../components/Forms.js';
import { ErrorBox, Loading } from '../components/Status.js';
import { roleLabel } from '../account/permissions.js';
import { decimalForInput, formatDateTime, formatDecimal, parseDecimal } from '../format.js';
import { useT } from '../i18n/I18n.js';
import type { MessageKey } from '../i18n/messages/index.js';
import { translate } from '../i18n/translate.js';
import { formatMoney, userLocale } from '../money.js';
import { parseMinorUnits } from '../moneyInput.js';
import { Link, navigate } from '../router.js';
import { useServices } from '../services.js';
import type { NewPoolRequest, Pool } from '../types.js';
import { useAsync } from '../useAsync.js';
import { Breadcrumb } from '../components/Breadcrumb.js';

const MAX_TIERS = 10;
const DETAIL_REFRESH_MS = 5_000;

const money = (amount: number, currency: string) => formatMoney(amount, currency, userLocale());
const when = (iso: string) => formatDateTime(iso);

/** `YYYY-MM-DDTHH:MM` in local time, for `<input type="datetime-local">`. */
export const toLocalInput = (date: Date): string => {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
};

interface TierDraft {
  minQuantity: string;
  price: string;
}

interface PoolDraft {
  sku: string;
  name: string;
  currency: string;
  closesAt: string;
  tiers: TierDraft[];
}

const emptyDraft = (currency: string): PoolDraft => ({
  sku: '',
  name: '',
  currency,
  closesAt: toLocalInput(new Date(Date.now() + 7 * 86_400_000)),
  tiers: [
    { minQuantity: '0', price: '' },
    { minQuantity: '', price: '' },
  ],
});

/** The draft as the API body, or the readable problems (the API checks everything again). */
export const toPoolRequest = (draft: PoolDraft, now = new Date()): { request: NewPoolRequest } | { problems: string[] } => {
  const problems: string[] = [];
  const sku = draft.sku.trim().toUpperCase();
  if (!/^[A-Z0-9._-]{1,64}$/.test(sku)) problems.push(translate('console.pools.problem.sku'));
  const name = draft.name.trim();
  if (!name) problems.push(translate('console.pools.problem.name'));
  const currency = draft.currency.trim().toUpperCase();
  if (!/^[A-Z]{3}$/.test(currency)) problems.push(translate('console.pools.problem.currency'));
  const tiers: { minQuantity: number; unitPrice: number }[] = [];
  draft.tiers.forEach((tier, index) => {
    const number = index + 1;
    // Typed in the UI locale ("1.000" is a thousand in German); a whole number of units.
    const minText = index === 0 ? '0' : (parseDecimal(tier.minQuantity) ?? '');
    const minQuantity = /^\d{1,10}$/.test(minText) ? Number(minText) : undefined;
    if (minQuantity === undefined) problems.push(translate('console.pools.problem.minWhole', { tier: number }));
    const unitPrice = /^[A-Z]{3}$/.test(currency) ? parseMinorUnits(tier.price, currency) : undefined;
    if (unitPrice === undefined || unitPrice <= 0) problems.push(translate('console.pools.problem.price', { tier: number, currency }));
    const previous = tiers[index - 1];
    if (previous && minQuantity !== undefined && minQuantity <= previous.minQuantity)
      problems.push(translate('console.pools.problem.minHigher', { tier: number }));
    if (previous && unitPrice !== undefined && unitPrice >= previous.unitPrice) problems.push(translate('console.pools.problem.priceLower', { tier: number }));
    tiers.push({ minQuantity: minQuantity ?? -1, unitPrice: unitPrice ?? Number.MAX_SAFE_INTEGER });
  });
  const closes = draft.closesAt ? new Date(draft.closesAt) : undefined;
  if (!closes || Number.isNaN(closes.getTime())) problems.push(translate('console.pools.problem.closesAt'));
  else if (closes.getTime() <= now.getTime()) problems.push(translate('console.pools.problem.future'));
  if (problems.length > 0 || !closes) return { problems };
  // datetime-local is local time: toISOString gives the instant with its zone (Z).
  return { request: { sku, name, currency, tiers, closesAt: closes.toISOString() } };
};

const fieldLabels: Record<string, MessageKey> = {
  sku: 'console.pools.field.sku',
  name: 'console.pools.field.name',
  currency: 'console.pools.field.currency',
  closesAt: 'console.pools.field.closesAt',
  tiers: 'console.pools.field.tiers',
};
const issueLabel = (path: string): string => {
  const tier = /^tiers\.(\d+)\.(minQuantity|unitPrice)$/.exec(path);
  if (tier) return translate(tier[2] === 'minQuantity' ? 'console.pools.field.tierMin' : 'console.pools.field.tierPrice', { tier: Number(tier[1]) + 1 });
  const key = fieldLabels[path];
  return key ? translate(key) : path;
};

const StatusBadge = ({ pool }: { pool: Pool }) => {
  const t = useT();
  return pool.status === 'open' ? (
    <span className="badge badge-ok">{t('console.pools.status.open')}</span>
  ) : (
    <span className="badge badge-warn">{pool.result ? t('console.pools.status.closed') : t('console.pools.status.closing')}</span>
  );
};

export const PoolsPanel = ({ currency = 'EUR' }: { currency?: string }) => {
  const { api } = useServices();
  const t = useT();
  const pools = useAsync((signal) => api.console.listConsolePools(signal), []);
  const [formOpen, setFormOpen] = useState(false);
  const [created, setCreated] = useState<Pool | null>(null);
  const list = [...(pools.data ?? [])].sort((a, b) => (a.status === b.status ? a.closesAt.localeCompare(b.closesAt) : a.status === 'open' ? -1 : 1));

  return (
    <>
      <header className="section-header">
        <div>
          <h1>{t('console.pools.title')}</h1>
          <p className="muted">{t('console.pools.intro')}</p>
        </div>
        <div className="panel-tools">
          <button type="button" className="btn btn-ghost" onClick={pools.reload}>
            {t('console.refresh')}
          </button>
          <button type="button" className="btn btn-primary" data-testid="pool-open-form" onClick={() => setFormOpen(true)} disabled={formOpen}>
            {t('console.pools.openForm')}
          </button>
        </div>
      </header>
      {created && (
        <div className="alert alert-info" role="status" data-testid="pool-created">
          {t('console.pools.created', { name: created.name, when: when(created.closesAt) })}{' '}
          <Link to={`/console/pools/${encodeURIComponent(created.poolId)}`}>{t('console.pools.showIt')}</Link>
        </div>
      )}
      <div className={formOpen ? 'discount-grid' : undefined}>
        <section className="card panel" aria-label={t('console.pools.list')}>
          {pools.loading && !pools.data ? (
            <Loading label={t('console.pools.loading')} />
          ) : pools.error ? (
            <ErrorBox error={pools.error} onRetry={pools.reload} />
          ) : (
            <div className="table-scroll">
              <table className="data-table" data-testid="pools-table">
                <thead>
                  <tr>
                    <th scope="col">{t('console.pools.col.pool')}</th>
                    <th scope="col">{t('console.status')}</th>
                    <th scope="col" className="num">
                      {t('console.pools.col.total')}
                    </th>
                    <th scope="col">{t('console.pools.col.tierPrice')}</th>
                    <th scope="col" className="num">
                      {t('console.pools.col.companies')}
                    </th>
                    <th scope="col">{t('console.pools.col.closes')}</th>
                  </tr>
                </thead>
                <tbody>
                  {list.length === 0 && (
                    <tr className="empty-row">
                      <td colSpan={6}>{t('console.pools.none')}</td>
                    </tr>
                  )}
                  {list.map((pool) => (
                    <tr key={pool.poolId} data-testid={`pool-row-${pool.poolId}`} data-status={pool.status}>
                      <td>
                        <Link to={`/console/pools/${encodeURIComponent(pool.poolId)}`} data-testid={`open-pool-${pool.poolId}`}>
                          <strong>{pool.name}</strong>
                        </Link>
                        <div className="muted small">
                          <span className="mono">{pool.sku}</span> · {pool.productName}
                        </div>
                      </td>
                      <td>
                        <StatusBadge pool={pool} />
                      </td>
                      <td className="num">{formatDecimal(pool.total)}</td>
                      <td>
                        {pool.tierReached + 1}/{pool.tiers.length} · {money(pool.currentUnitPrice.amount, pool.currentUnitPrice.currency)}
                      </td>
                      <td className="num">{formatDecimal(pool.participantCount)}</td>
                      <td className="nowrap">{when(pool.closesAt)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </section>
        {formOpen && (
          <PoolForm
            currency={currency}
            onClose={() => setFormOpen(false)}
            onCreated={(pool) => {
              setCreated(pool);
              setFormOpen(false);
              pools.setData([...(pools.data ?? []), pool]);
            }}
          />
        )}
      </div>
    </>
  );
};

const PoolForm = ({ currency, onClose, onCreated }: { currency: string; onClose: () => void; onCreated: (pool: Pool) => void }) => {
  const { api } = useServices();
  const t = useT();
  const [draft, setDraft] = useState<PoolDraft>(() => emptyDraft(currency));
  const [problems, setProblems] = useState<string[]>([]);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  const set = <K extends keyof PoolDraft>(key: K, value: PoolDraft[K]) => {
    setDraft((current) => ({ ...current, [key]: value }));
    setProblems([]);
    setError(null);
  };
  const setTier = (index: number, change: Partial<TierDraft>) =>
    set(
      'tiers',
      draft.tiers.map((tier, position) => (position === index ? { ...tier, ...change } : tier)),
    );

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const result = toPoolRequest(draft);
    if ('problems' in result) {
      setProblems(result.problems);
      return;
    }
    setBusy(true);
    setError(null);
    try {
      onCreated(await api.console.openPool(result.request));
    } catch (failure) {
      setError(failure);
    } finally {
      setBusy(false);
    }
  };

  const issues = error instanceof ApiError ? error.issues : [];
  const labels = Object.fromEntries(issues.map((issue) => [issue.path, issueLabel(issue.path)]));
  const code = draft.currency.trim().toUpperCase() || 'EUR';

  return (
    <section className="card panel" aria-label={t('console.pools.openForm')}>
      <form onSubmit={submit} data-testid="pool-form" noValidate>
        <h2>{t('console.pools.openForm')}</h2>
        <div className="field-row">
          <label className="field">
            {t('console.pools.field.sku')}
            <input value={draft.sku} onChange={(event) => set('sku', event.target.value)} data-testid="pool-sku" autoComplete="off" required />
          </label>
          <label className="field field-small">
            {t('console.pools.field.currency')}
            <input value={draft.currency} onChange={(event) => set('currency', event.target.value)} data-testid="pool-currency" maxLength={3} required />
          </label>
        </div>
        <label className="field">
          {t('console.pools.form.nameLabel')}
          <input value={draft.name} onChange={(event) => set('name', event.target.value)} data-testid="pool-name" maxLength={120} required />
        </label>
        <label className="field">
          {t('console.pools.form.closesAt')}
          <input type="datetime-local" value={draft.closesAt} onChange={(event) => set('closesAt', event.target.value)} data-testid="pool-closes-at" required />
        </label>
        <fieldset className="form-section">
          <legend>{t('console.pools.form.tiers', { currency: code })}</legend>
          <p className="hint">{t('console.pools.form.tiersHint')}</p>
          {draft.tiers.map((tier, index) => (
            <div className="field-row pool-tier-row" key={index}>
              <label className="field field-small">
                {t('console.pools.form.fromUnits')}
                <input
                  inputMode="numeric"
                  value={index === 0 ? '0' : tier.minQuantity}
                  readOnly={index === 0}
                  onChange={(event) => setTier(index, { minQuantity: event.target.value })}
                  data-testid={`pool-tier-min-${index}`}
                />
              </label>
              <label className="field field-small">
                {t('console.pools.form.unitPrice')}
                <input
                  inputMode="decimal"
                  placeholder={decimalForInput('12.50')}
                  value={tier.price}
                  onChange={(event) => setTier(index, { price: event.target.value })}
                  data-testid={`pool-tier-price-${index}`}
                />
              </label>
              {index > 0 && (
                <button
                  type="button"
                  className="btn btn-small btn-ghost pool-tier-remove"
                  data-testid={`pool-remove-tier-${index}`}
                  onClick={() =>
                    set(
                      'tiers',
                      draft.tiers.filter((_tier, position) => position !== index),
                    )
                  }
                  aria-label={t('console.pools.form.removeTier', { tier: index + 1 })}
                >
                  {t('console.pools.form.remove')}
                </button>
              )}
            </div>
          ))}
          <button
            type="button"
            className="btn btn-small"
            data-testid="pool-add-tier"
            disabled={draft.tiers.length >= MAX_TIERS}
            onClick={() => set('tiers', [...draft.tiers, { minQuantity: '', price: '' }])}
          >
            {t('console.pools.form.addTier')}
          </button>
        </fieldset>
        {problems.length > 0 && (
          <ul className="form-error issue-list" role="alert" data-testid="pool-form-problems">
            {problems.map((problem) => (
              <li key={problem}>{problem}</li>
            ))}
          </ul>
        )}
        {error !== null && (
          <div className="form-error" role="alert" data-testid="pool-error">
            {apiErrorMessage(error)}
            <IssueList issues={issues} labels={labels} />
          </div>
        )}
        <div className="form-actions">
          <button type="submit" className="btn btn-primary" disabled={busy} data-testid="pool-save">
            {busy ? t('console.pools.form.opening') : t('console.pools.form.submit')}
          </button>
          <button type="button" className="btn btn-ghost" onClick={onClose} disabled={busy}>
            {t('console.cancel')}
          </button>
        </div>
      </form>
    </section>
  );
};

export const PoolDetailView = ({ poolId }: { poolId: string }) => {
  const { api } = useServices();
  const t = useT();
  const detail = useAsync((signal) => api.console.getConsolePool(poolId, signal), [poolId], { keepData: true });
  const reload = detail.reload;
  const open = detail.data?.status === 'open' || (detail.data !== undefined && !detail.data.result);
  // Open (or still closing) pools move: read them again every few seconds.
  useEffect(() => {
    if (!open) return;
    const timer = window.setInterval(reload, DETAIL_REFRESH_MS);
    return () => window.clearInterval(timer);
  }, [open, reload]);

  const pool = detail.data;
  return (
    <>
      <Breadcrumb trail={[{ to: '/console/pools', label: t('console.pools.title') }]} current={poolId} mono />
      {!pool ? (
        detail.error ? (
          <ErrorBox error={detail.error} onRetry={detail.reload} />
        ) : (
          <Loading label={t('console.pools.detail.loading')} />
        )
      ) : (
        <div className="pool-detail" data-testid="pool-detail">
          <section className="card panel">
            <header className="panel-header">
              <h1>{pool.name}</h1>
              <StatusBadge pool={pool} />
            </header>
            <dl className="facts">
              <dt>{t('console.pools.detail.product')}</dt>
              <dd>
                <span className="mono">{pool.sku}</span> · {pool.productName}
              </dd>
              <dt>{t('console.pools.col.closes')}</dt>
              <dd>{when(pool.closesAt)}</dd>
              <dt>{t('console.pools.col.total')}</dt>
              <dd data-testid="pool-detail-total">
                {formatDecimal(pool.total)} {pool.unit}
              </dd>
              <dt>{t('console.pools.detail.tierReached')}</dt>
              <dd>
                {t('console.pools.detail.tierOf', { tier: pool.tierReached + 1, count: pool.tiers.length })} ·{' '}
                {money(pool.currentUnitPrice.amount, pool.currentUnitPrice.currency)}
              </dd>
              <dt>{t('console.pools.detail.nextTier')}</dt>
              <dd>
                {pool.nextTier
                  ? t('console.pools.detail.missing', {
                      missing: formatDecimal(pool.nextTier.missing),
                      price: money(pool.nextTier.unitPrice.amount, pool.nextTier.unitPrice.currency),
                    })
                  : t('console.pools.detail.bestPrice')}
              </dd>
              <dt>{t('console.pools.detail.pickup')}</dt>
              <dd className="mono">{pool.pickupWarehouseId}</dd>
              {pool.result && (
                <>
                  <dt>{t('console.pools.detail.result')}</dt>
                  <dd>
                    {t('console.pools.detail.resultText', {
                      total: formatDecimal(pool.result.total),
                      price: money(pool.result.unitPrice.amount, pool.result.unitPrice.currency),
                      orders: pool.result.orders,
                      when: when(pool.result.closedAt),
                    })}
                  </dd>
                </>
              )}
            </dl>
            <table className="tier-table">
              <caption>{t('console.pools.detail.tiers')}</caption>
              <tbody>
                {pool.tiers.map((tier, index) => (
                  <tr key={tier.minQuantity} className={index === pool.tierReached ? 'pool-tier-current' : undefined}>
                    <td>{t('console.pools.detail.from', { quantity: formatDecimal(tier.minQuantity) })}</td>
                    <td className="num">{money(tier.unitPrice.amount, tier.unitPrice.currency)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </section>
          <section className="card panel" aria-label={t('console.pools.detail.participantsLabel')}>
            <h2>{t('console.pools.detail.participants', { count: pool.participants.length })}</h2>
            <div className="table-scroll">
              <table className="data-table" data-testid="pool-participants">
                <thead>
                  <tr>
                    <th scope="col">{t('console.company')}</th>
                    <th scope="col" className="num">
                      {t('console.pools.detail.quantity')}
                    </th>
                    <th scope="col">{t('console.pools.detail.committedBy')}</th>
                    <th scope="col">{t('console.pools.detail.order')}</th>
                  </tr>
                </thead>
                <tbody>
                  {pool.participants.length === 0 && (
                    <tr className="empty-row">
                      <td colSpan={4}>{t('console.pools.detail.noCommitments')}</td>
                    </tr>
                  )}
                  {pool.participants.map((participant) => (
                    <tr key={participant.companyId} data-testid={`pool-participant-${participant.companyId}`}>
                      <td>
                        <Link to={`/console/companies/${encodeURIComponent(participant.companyId)}`} className="mono">
                          {participant.companyId}
                        </Link>
                      </td>
                      <td className="num">{formatDecimal(participant.quantity)}</td>
                      <td>
                        {participant.committedBy.name && participant.committedBy.name !== participant.committedBy.email && (
                          <div>{participant.committedBy.name}</div>
                        )}
                        <div className="muted small">
                          {participant.committedBy.email} · {roleLabel(participant.committedBy.role)} · {when(participant.updatedAt)}
                        </div>
                      </td>
                      <td className="mono">{participant.orderNumber ?? '—'}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            <button type="button" className="btn btn-small btn-ghost" onClick={() => navigate('/console/pools')}>
              {t('console.pools.detail.allPools')}
            </button>
          </section>
        </div>
      )}
    </>
  );
};
