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
const when = (iso: string) => new Date(iso).toLocaleString(userLocale());

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
  if (!/^[A-Z0-9._-]{1,64}$/.test(sku)) problems.push('Enter the SKU of an active product.');
  const name = draft.name.trim();
  if (!name) problems.push('Enter a name for the pool (buyers see it).');
  const currency = draft.currency.trim().toUpperCase();
  if (!/^[A-Z]{3}$/.test(currency)) problems.push('The currency must be a three-letter ISO code such as EUR.');
  const tiers: { minQuantity: number; unitPrice: number }[] = [];
  draft.tiers.forEach((tier, index) => {
    const label = `Tier ${index + 1}`;
    const minText = index === 0 ? '0' : tier.minQuantity.trim();
    const minQuantity = /^\d{1,10}$/.test(minText) ? Number(minText) : undefined;
    if (minQuantity === undefined) problems.push(`${label}: the minimum quantity must be a whole number of units.`);
    const unitPrice = /^[A-Z]{3}$/.test(currency) ? parseMinorUnits(tier.price, currency) : undefined;
    if (unitPrice === undefined || unitPrice <= 0) problems.push(`${label}: the unit price must be a positive amount such as 12.50 ${currency}.`);
    const previous = tiers[index - 1];
    if (previous && minQuantity !== undefined && minQuantity <= previous.minQuantity)
      problems.push(`${label}: the minimum quantity must be higher than the tier before.`);
    if (previous && unitPrice !== undefined && unitPrice >= previous.unitPrice) problems.push(`${label}: the unit price must be lower than the tier before.`);
    tiers.push({ minQuantity: minQuantity ?? -1, unitPrice: unitPrice ?? Number.MAX_SAFE_INTEGER });
  });
  const closes = draft.closesAt ? new Date(draft.closesAt) : undefined;
  if (!closes || Number.isNaN(closes.getTime())) problems.push('Choose the closing date and time.');
  else if (closes.getTime() <= now.getTime()) problems.push('The closing time must lie in the future.');
  if (problems.length > 0 || !closes) return { problems };
  // datetime-local is local time: toISOString gives the instant with its zone (Z).
  return { request: { sku, name, currency, tiers, closesAt: closes.toISOString() } };
};

const fieldLabels: Record<string, string> = { sku: 'SKU', name: 'Name', currency: 'Currency', closesAt: 'Closes at', tiers: 'Tiers' };
const issueLabel = (path: string): string => {
  const tier = /^tiers\.(\d+)\.(minQuantity|unitPrice)$/.exec(path);
  if (tier) return `Tier ${Number(tier[1]) + 1} ${tier[2] === 'minQuantity' ? 'minimum quantity' : 'unit price'}`;
  return fieldLabels[path] ?? path;
};

const StatusBadge = ({ pool }: { pool: Pool }) =>
  pool.status === 'open' ? <span className="badge badge-ok">Open</span> : <span className="badge badge-warn">{pool.result ? 'Closed' : 'Closing…'}</span>;

export const PoolsPanel = ({ currency = 'EUR' }: { currency?: string }) => {
  const { api } = useServices();
  const pools = useAsync((signal) => api.console.listConsolePools(signal), []);
  const [formOpen, setFormOpen] = useState(false);
  const [created, setCreated] = useState<Pool | null>(null);
  const list = [...(pools.data ?? [])].sort((a, b) => (a.status === b.status ? a.closesAt.localeCompare(b.closesAt) : a.status === 'open' ? -1 : 1));

  return (
    <>
      <header className="section-header">
        <div>
          <h1>Group buying</h1>
          <p className="muted">BestPrice pools: companies commit quantities; at closing every participant pays the tier price the pool total reached.</p>
        </div>
        <div className="panel-tools">
          <button type="button" className="btn btn-ghost" onClick={pools.reload}>
            Refresh
          </button>
          <button type="button" className="btn btn-primary" data-testid="pool-open-form" onClick={() => setFormOpen(true)} disabled={formOpen}>
            Open a pool
          </button>
        </div>
      </header>
      {created && (
        <div className="alert alert-info" role="status" data-testid="pool-created">
          Pool “{created.name}” is open until {when(created.closesAt)}. <Link to={`/console/pools/${encodeURIComponent(created.poolId)}`}>Show it</Link>
        </div>
      )}
      <div className={formOpen ? 'discount-grid' : undefined}>
        <section className="card panel" aria-label="Pools">
          {pools.loading && !pools.data ? (
            <Loading label="Loading pools…" />
          ) : pools.error ? (
            <ErrorBox error={pools.error} onRetry={pools.reload} />
          ) : (
            <div className="table-scroll">
              <table className="data-table" data-testid="pools-table">
                <thead>
                  <tr>
                    <th scope="col">Pool</th>
                    <th scope="col">Status</th>
                    <th scope="col" className="num">
                      Total
                    </th>
                    <th scope="col">Tier / price</th>
                    <th scope="col" className="num">
                      Companies
                    </th>
                    <th scope="col">Closes</th>
                  </tr>
                </thead>
                <tbody>
                  {list.length === 0 && (
                    <tr className="empty-row">
                      <td colSpan={6}>No pools yet.</td>
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
                      <td className="num">{pool.total}</td>
                      <td>
                        {pool.tierReached + 1}/{pool.tiers.length} · {money(pool.currentUnitPrice.amount, pool.currentUnitPrice.currency)}
                      </td>
                      <td className="num">{pool.participantCount}</td>
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
    <section className="card panel" aria-label="Open a pool">
      <form onSubmit={submit} data-testid="pool-form" noValidate>
        <h2>Open a pool</h2>
        <div className="field-row">
          <label className="field">
            SKU
            <input value={draft.sku} onChange={(event) => set('sku', event.target.value)} data-testid="pool-sku" autoComplete="off" required />
          </label>
          <label className="field field-small">
            Currency
            <input value={draft.currency} onChange={(event) => set('currency', event.target.value)} data-testid="pool-currency" maxLength={3} required />
          </label>
        </div>
        <label className="field">
          Name (shown to buyers)
          <input value={draft.name} onChange={(event) => set('name', event.target.value)} data-testid="pool-name" maxLength={120} required />
        </label>
        <label className="field">
          Closes at (your local time)
          <input type="datetime-local" value={draft.closesAt} onChange={(event) => set('closesAt', event.target.value)} data-testid="pool-closes-at" required />
        </label>
        <fieldset className="form-section">
          <legend>Price tiers (net unit price in {code})</legend>
          <p className="hint">The first tier applies from 0 units; each further tier needs a higher pool total and a lower price.</p>
          {draft.tiers.map((tier, index) => (
            <div className="field-row pool-tier-row" key={index}>
              <label className="field field-small">
                From units
                <input
                  inputMode="numeric"
                  value={index === 0 ? '0' : tier.minQuantity}
                  readOnly={index === 0}
                  onChange={(event) => setTier(index, { minQuantity: event.target.value })}
                  data-testid={`pool-tier-min-${index}`}
                />
              </label>
              <label className="field field-small">
                Unit price
                <input
                  inputMode="decimal"
                  placeholder="12.50"
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
                  aria-label={`Remove tier ${index + 1}`}
                >
                  Remove
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
            Add tier
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
            {busy ? 'Opening…' : 'Open pool'}
          </button>
          <button type="button" className="btn btn-ghost" onClick={onClose} disabled={busy}>
            Cancel
          </button>
        </div>
      </form>
    </section>
  );
};

export const PoolDetailView = ({ poolId }: { poolId: string }) => {
  const { api } = useServices();
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
      <Breadcrumb trail={[{ to: '/console/pools', label: 'Group buying' }]} current={poolId} mono />
      {!pool ? (
        detail.error ? (
          <ErrorBox error={detail.error} onRetry={detail.reload} />
        ) : (
          <Loading label="Loading the pool…" />
        )
      ) : (
        <div className="pool-detail" data-testid="pool-detail">
          <section className="card panel">
            <header className="panel-header">
              <h1>{pool.name}</h1>
              <StatusBadge pool={pool} />
            </header>
            <dl className="facts">
              <dt>Product</dt>
              <dd>
                <span className="mono">{pool.sku}</span> · {pool.productName}
              </dd>
              <dt>Closes</dt>
              <dd>{when(pool.closesAt)}</dd>
              <dt>Total</dt>
              <dd data-testid="pool-detail-total">
                {pool.total} {pool.unit}
              </dd>
              <dt>Tier reached</dt>
              <dd>
                {pool.tierReached + 1} of {pool.tiers.length} · {money(pool.currentUnitPrice.amount, pool.currentUnitPrice.currency)}
              </dd>
              <dt>Next tier</dt>
              <dd>
                {pool.nextTier
                  ? `${pool.nextTier.missing} more for ${money(pool.nextTier.unitPrice.amount, pool.nextTier.unitPrice.currency)}`
                  : 'Best price reached'}
              </dd>
              <dt>Pickup</dt>
              <dd className="mono">{pool.pickupWarehouseId}</dd>
              {pool.result && (
                <>
                  <dt>Result</dt>
                  <dd>
                    {pool.result.total} units at {money(pool.result.unitPrice.amount, pool.result.unitPrice.currency)}, {pool.result.orders} orders (closed{' '}
                    {when(pool.result.closedAt)})
                  </dd>
                </>
              )}
            </dl>
            <table className="tier-table">
              <caption>Tiers</caption>
              <tbody>
                {pool.tiers.map((tier, index) => (
                  <tr key={tier.minQuantity} className={index === pool.tierReached ? 'pool-tier-current' : undefined}>
                    <td>from {tier.minQuantity}</td>
                    <td className="num">{money(tier.unitPrice.amount, tier.unitPrice.currency)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </section>
          <section className="card panel" aria-label="Participants">
            <h2>Participants ({pool.participants.length})</h2>
            <div className="table-scroll">
              <table className="data-table" data-testid="pool-participants">
                <thead>
                  <tr>
                    <th scope="col">Company</th>
                    <th scope="col" className="num">
                      Quantity
                    </th>
                    <th scope="col">Committed by (last change)</th>
                    <th scope="col">Order</th>
                  </tr>
                </thead>
                <tbody>
                  {pool.participants.length === 0 && (
                    <tr className="empty-row">
                      <td colSpan={4}>No commitments yet.</td>
                    </tr>
                  )}
                  {pool.participants.map((participant) => (
                    <tr key={participant.companyId} data-testid={`pool-participant-${participant.companyId}`}>
                      <td>
                        <Link to={`/console/companies/${encodeURIComponent(participant.companyId)}`} className="mono">
                          {participant.companyId}
                        </Link>
                      </td>
                      <td className="num">{participant.quantity}</td>
                      <td>
                        {participant.committedBy.name && participant.committedBy.name !== participant.committedBy.email && (
                          <div>{participant.committedBy.name}</div>
                        )}
                        <div className="muted small">
                          {participant.committedBy.email} · {participant.committedBy.role} · {when(participant.updatedAt)}
                        </div>
                      </td>
                      <td className="mono">{participant.orderNumber ?? '—'}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            <button type="button" className="btn btn-small btn-ghost" onClick={() => navigate('/console/pools')}>
              ← All pools
            </button>
          </section>
        </div>
      )}
    </>
  );
};
