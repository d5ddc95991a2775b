/**
 * `/pools` and `/pools/<poolId>`: BestPrice group buying (docs/group-buying.md) for company users.
 * Companies pool their demand for one product; the pool total decides the tier price every
 * participant pays at closing. The page re-reads the pools every few seconds while it is open, so
 * the tier visibly moves when other companies commit; pools that close while the page is open stay
 * on it (read one by one with `GET /pools/<id>`) and show their result.
 */
import { useCallback, useEffect, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { FormattedMessage } from 'react-intl';
import { ApiError, apiErrorMessage, isAbortError } from '../api.js';
import { Empty, ErrorBox, Loading } from '../components/Status.js';
import { formatDateTime, formatDecimal, parseDecimal } from '../format.js';
import { useT } from '../i18n/I18n.js';
import type { MessageKey } from '../i18n/messages/index.js';
import { translate } from '../i18n/translate.js';
import { formatMoney, userLocale } from '../money.js';
import { formatBasisPoints } from '../moneyInput.js';
import { Link } from '../router.js';
import { useServices } from '../services.js';
import type { Money, Pool, Role } from '../types.js';
import { Breadcrumb } from '../components/Breadcrumb.js';

/** How often the open pools are read again while the page is visible. */
export const POOL_REFRESH_MS = 3_000;
const MAX_COMMITMENT = 1_000_000;

const money = (value: Money): string => formatMoney(value.amount, value.currency, userLocale());
const units = (quantity: number, unit: string): string => (unit ? `${formatDecimal(quantity)} ${unit}` : translate('groupbuy.units', { count: quantity }));
const bold = (chunks: ReactNode[]) => <strong>{chunks}</strong>;

/** "2 d 03:04:05", "03:04:05", "04:05" until `closesAt`; null once it has passed. */
export const countdown = (closesAt: string, now: number): string | null => {
  const left = Math.floor((new Date(closesAt).getTime() - now) / 1000);
  if (!(left > 0)) return null;
  const days = Math.floor(left / 86_400);
  const hours = Math.floor((left % 86_400) / 3_600);
  const minutes = Math.floor((left % 3_600) / 60);
  const seconds = left % 60;
  const pad = (n: number) => String(n).padStart(2, '0');
  const clock = hours > 0 || days > 0 ? `${pad(hours)}:${pad(minutes)}:${pad(seconds)}` : `${pad(minutes)}:${pad(seconds)}`;
  return days > 0 ? translate('groupbuy.days', { days, clock }) : clock;
};

/** Whole units 0 … 1,000,000 as typed in the UI locale ("15", " 15 ", "1.000" in German); undefined for anything else. */
export const parseWholeUnits = (input: string): number | undefined => {
  const text = parseDecimal(input) ?? '';
  if (!/^\d{1,7}$/.test(text)) return undefined;
  const value = Number(text);
  return value <= MAX_COMMITMENT ? value : undefined;
};

/** A clock that ticks every `ms` (for the closing countdown). */
const useNow = (ms: number): number => {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = window.setInterval(() => setNow(Date.now()), ms);
    return () => window.clearInterval(timer);
  }, [ms]);
  return now;
};

/** A closed pool whose result (and, for participants, order) is known needs no more reading. */
const settled = (pool: Pool): boolean =>
  pool.status === 'closed' && pool.result !== undefined && (!pool.myCommitment || pool.myCommitment.orderId !== undefined);

interface GroupBuyingProps {
  /** Show only this pool (`/pools/<poolId>`, also after closing). */
  poolId?: string;
  role: Role;
}

export const GroupBuying = ({ poolId, role }: GroupBuyingProps) => {
  const { api } = useServices();
  const t = useT();
  const client = api.shop;
  const [pools, setPools] = useState<Pool[] | undefined>(undefined);
  const [error, setError] = useState<unknown>(undefined);
  const [updatedAt, setUpdatedAt] = useState<number | undefined>(undefined);
  const poolsRef = useRef<Pool[]>([]);
  // Bumped by every local change (commitment): a refresh started before it must not overwrite its answer.
  const version = useRef(0);
  const now = useNow(1_000);

  const apply = useCallback((next: Pool[]) => {
    poolsRef.current = next;
    setPools(next);
  }, []);

  const refresh = useCallback(
    async (signal: AbortSignal) => {
      const started = version.current;
      let next: Pool[];
      if (poolId) {
        const known = poolsRef.current[0];
        next = known && settled(known) ? [known] : [await client.getPool(poolId, signal)];
      } else {
        const open = await client.listPools(signal);
        const openIds = new Set(open.map((pool) => pool.poolId));
        // Pools shown before that are no longer listed have closed: keep showing them with their result.
        const gone = poolsRef.current.filter((pool) => !openIds.has(pool.poolId));
        const closed = await Promise.all(
          gone.map((pool) => (settled(pool) ? pool : client.getPool(pool.poolId, signal).catch(() => ({ ...pool, status: 'closed' as const })))),
        );
        next = [...open, ...closed];
      }
      if (signal.aborted || started !== version.current) return;
      apply(next);
      setError(undefined);
      setUpdatedAt(Date.now());
    },
    [client, poolId, apply],
  );

  useEffect(() => {
    const controller = new AbortController();
    let timer: number | undefined;
    const tick = async () => {
      if (document.visibilityState !== 'hidden' || poolsRef.current.length === 0) {
        try {
          await refresh(controller.signal);
        } catch (failure) {
          if (!controller.signal.aborted && !isAbortError(failure)) setError(failure);
        }
      }
      if (!controller.signal.aborted) timer = window.setTimeout(tick, POOL_REFRESH_MS);
    };
    void tick();
    return () => {
      controller.abort();
      window.clearTimeout(timer);
    };
  }, [refresh]);

  const changed = useCallback(
    (pool: Pool) => {
      version.current += 1;
      apply(poolsRef.current.map((candidate) => (candidate.poolId === pool.poolId ? pool : candidate)));
    },
    [apply],
  );

  const canCommit = role === 'company-admin' || role === 'buyer';
  const list = pools ?? [];

  return (
    <section className="pools-page" data-testid="pools-page">
      <header className="section-header">
        <div>
          {poolId && <Breadcrumb trail={[{ to: '/pools', label: t('groupbuy.title') }]} current={poolId} mono />}
          <h1>{t('groupbuy.title')}</h1>
          <p className="muted">
            {t('groupbuy.intro')}
            {!canCommit && ` ${t('groupbuy.followOnly')}`}
          </p>
        </div>
        {updatedAt !== undefined && (
          <span className="muted small" aria-live="off">
            {t('groupbuy.updated', { time: new Date(updatedAt).toLocaleTimeString(userLocale()) })}
          </span>
        )}
      </header>
      {error !== undefined && pools !== undefined && (
        <div className="alert alert-warn" role="status">
          {t('groupbuy.updateFailed', { error: apiErrorMessage(error) })}
        </div>
      )}
      {pools === undefined ? (
        error !== undefined ? (
          <ErrorBox error={error} />
        ) : (
          <Loading label={t('groupbuy.loading')} />
        )
      ) : list.length === 0 ? (
        <Empty>{t('groupbuy.empty')}</Empty>
      ) : (
        <div className="pool-grid">
          {list.map((pool) => (
            <PoolCard key={pool.poolId} pool={pool} now={now} canCommit={canCommit} onChanged={changed} />
          ))}
        </div>
      )}
    </section>
  );
};

interface PoolCardProps {
  pool: Pool;
  now: number;
  canCommit: boolean;
  onChanged: (pool: Pool) => void;
}

const PoolCard = ({ pool, now, canCommit, onChanged }: PoolCardProps) => {
  const t = useT();
  const left = countdown(pool.closesAt, now);
  const closed = pool.status === 'closed' || left === null;
  const reached = pool.tiers[pool.tierReached];
  const next = pool.nextTier;
  const from = reached?.minQuantity ?? 0;
  const progress = next ? Math.max(0, Math.min(100, Math.floor(((pool.total - from) * 100) / Math.max(1, next.minQuantity - from)))) : 100;
  const mine = pool.myCommitment ?? null;

  return (
    <article className={closed ? 'card pool-card pool-closed' : 'card pool-card'} data-testid={`pool-${pool.poolId}`} data-status={closed ? 'closed' : 'open'}>
      <header className="pool-head">
        <div>
          <h2 className="pool-name">{pool.name}</h2>
          <div className="muted small">
            <Link to={`/products/${encodeURIComponent(pool.sku)}`}>{pool.productName}</Link> · <span className="mono">{pool.sku}</span>
          </div>
        </div>
        <div className="pool-status" data-testid="pool-status" data-status={closed ? 'closed' : 'open'}>
          {closed ? (
            <span className="badge badge-warn">{t('groupbuy.closed')}</span>
          ) : (
            <>
              <span className="badge badge-ok">{t('groupbuy.open')}</span>{' '}
              <span className="pool-countdown" title={t('groupbuy.closesAt', { date: formatDateTime(pool.closesAt) })}>
                <FormattedMessage
                  id={'groupbuy.closesIn' satisfies MessageKey}
                  values={{ left, b: (chunks: ReactNode[]) => <strong className="nowrap">{chunks}</strong> }}
                />
              </span>
            </>
          )}
        </div>
      </header>

      <div className="pool-standing">
        <div className="pool-figure">
          <span className="price-label">{closed && pool.result ? t('groupbuy.finalPrice') : t('groupbuy.currentPrice')}</span>
          <span className="price" data-testid="pool-price">
            {money(pool.result ? pool.result.unitPrice : pool.currentUnitPrice)}
          </span>
          <span className="muted small">
            {t('groupbuy.netPer', { unit: pool.unit || t('groupbuy.unitWord') })}
            {pool.savingBps > 0 && t('groupbuy.saves', { percent: formatBasisPoints(pool.savingBps) })}
          </span>
        </div>
        <div className="pool-figure">
          <span className="price-label">{t('groupbuy.poolTotal')}</span>
          <span className="pool-number" data-testid="pool-total" data-total={pool.total}>
            {formatDecimal(pool.total)}
          </span>
          <span className="muted small">{t('groupbuy.companies', { unit: pool.unit || t('groupbuy.unitsWord'), count: pool.participantCount })}</span>
        </div>
        <div className="pool-figure">
          <span className="price-label">{t('groupbuy.tierReached')}</span>
          <span className="pool-number" data-testid="pool-tier-reached" data-tier={pool.tierReached}>
            {t('groupbuy.tierOf', { tier: pool.tierReached + 1, count: pool.tiers.length })}
          </span>
          <span className="muted small">{t('groupbuy.from', { quantity: units(from, pool.unit) })}</span>
        </div>
      </div>

      {!closed && (
        <div className="pool-next" data-testid="pool-next-tier" data-missing={next?.missing ?? 0}>
          <div className="pool-progress" role="progressbar" aria-valuemin={0} aria-valuemax={100} aria-valuenow={progress} aria-label={t('groupbuy.progress')}>
            <span style={{ width: `${progress}%` }} />
          </div>
          {next ? (
            <span>
              <FormattedMessage
                id={'groupbuy.moreToReach' satisfies MessageKey}
                values={{ missing: units(next.missing, pool.unit), price: money(next.unitPrice), min: units(next.minQuantity, pool.unit), b: bold }}
              />
            </span>
          ) : (
            <span>{t('groupbuy.bestReached')}</span>
          )}
        </div>
      )}

      <table className="tier-table pool-tiers">
        <caption>{t('groupbuy.tiersCaption', { unit: pool.unit || t('groupbuy.unitWord') })}</caption>
        <thead>
          <tr>
            <th scope="col">{t('groupbuy.poolTotal')}</th>
            <th scope="col" className="num">
              {t('groupbuy.unitPrice')}
            </th>
          </tr>
        </thead>
        <tbody>
          {pool.tiers.map((tier, index) => (
            <tr
              key={tier.minQuantity}
              data-testid={`pool-tier-${index}`}
              data-reached={index === pool.tierReached ? 'true' : 'false'}
              className={index === pool.tierReached ? 'pool-tier-current' : index < pool.tierReached ? 'pool-tier-passed' : undefined}
              aria-current={index === pool.tierReached ? 'true' : undefined}
            >
              <td>{tier.minQuantity === 0 ? t('groupbuy.anyQuantity') : t('groupbuy.from', { quantity: units(tier.minQuantity, pool.unit) })}</td>
              <td className="num">
                {money(tier.unitPrice)}
                {index === pool.tierReached && (
                  <span className="badge badge-ok pool-tier-badge">{closed ? t('groupbuy.tierFinal') : t('groupbuy.tierReachedBadge')}</span>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>

      <div className="pool-mine">
        <div data-testid="pool-my-commitment" data-quantity={mine?.quantity ?? 0}>
          {mine ? (
            <>
              <FormattedMessage id={'groupbuy.mine' satisfies MessageKey} values={{ quantity: units(mine.quantity, pool.unit), b: bold }} />
              <span className="muted small">{t('groupbuy.lastChange', { name: mine.committedBy, date: formatDateTime(mine.updatedAt) })}</span>
            </>
          ) : (
            <span className="muted">{t('groupbuy.notCommitted')}</span>
          )}
        </div>
        {closed ? <PoolResultBox pool={pool} /> : canCommit && <CommitmentForm pool={pool} onChanged={onChanged} />}
      </div>
      <p className="muted small pool-foot">
        <FormattedMessage
          id={'groupbuy.foot' satisfies MessageKey}
          values={{
            date: formatDateTime(pool.closesAt),
            warehouse: pool.pickupWarehouseId,
            mono: (chunks: ReactNode[]) => <span className="mono">{chunks}</span>,
          }}
        />
      </p>
    </article>
  );
};

const PoolResultBox = ({ pool }: { pool: Pool }) => {
  const t = useT();
  const mine = pool.myCommitment ?? null;
  if (!pool.result) {
    return (
      <div className="alert alert-info" data-testid="pool-result" data-state="closing">
        {t('groupbuy.closing')}
      </div>
    );
  }
  const result = pool.result;
  return (
    <div className="alert alert-info pool-result" data-testid="pool-result" data-state="done">
      <div>
        <FormattedMessage
          id={'groupbuy.result' satisfies MessageKey}
          values={{
            total: units(result.total, pool.unit),
            price: <strong data-testid="pool-final-price">{money(result.unitPrice)}</strong>,
            tier: result.tierReached + 1,
            b: bold,
          }}
        />
      </div>
      {mine ? (
        <div>
          <FormattedMessage
            id={'groupbuy.buys' satisfies MessageKey}
            values={{
              quantity: units(mine.quantity, pool.unit),
              amount: money({ amount: result.unitPrice.amount * mine.quantity, currency: result.unitPrice.currency }),
              b: bold,
            }}
          />{' '}
          {mine.orderId ? (
            <Link to={`/orders/${encodeURIComponent(mine.orderId)}`} data-testid="pool-order-link">
              {t('groupbuy.viewOrder')}
            </Link>
          ) : (
            <span className="muted">{t('groupbuy.orderPending')}</span>
          )}
        </div>
      ) : (
        <div className="muted">{t('groupbuy.notTakenPart')}</div>
      )}
    </div>
  );
};

const CommitmentForm = ({ pool, onChanged }: { pool: Pool; onChanged: (pool: Pool) => void }) => {
  const { api } = useServices();
  const t = useT();
  const current = pool.myCommitment?.quantity ?? 0;
  const [draft, setDraft] = useState(() => (current > 0 ? String(current) : ''));
  const [dirty, setDirty] = useState(false);
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ kind: 'error' | 'ok'; text: string } | null>(null);

  // Another user of the company may change the commitment: follow it unless the user is typing.
  useEffect(() => {
    if (!dirty) setDraft(current > 0 ? String(current) : '');
  }, [current, dirty]);

  const send = async (quantity: number) => {
    setBusy(true);
    setMessage(null);
    try {
      const updated = await api.shop.setPoolCommitment(pool.poolId, quantity);
      onChanged(updated);
      setDirty(false);
      setDraft(quantity > 0 ? String(quantity) : '');
      setMessage({
        kind: 'ok',
        text: quantity === 0 ? t('groupbuy.withdrawn') : t('groupbuy.nowCommits', { quantity: units(quantity, pool.unit) }),
      });
    } catch (failure) {
      const text =
        failure instanceof ApiError && failure.code === 'INVALID_QUANTITY' ? t('groupbuy.invalidQuantity', { max: MAX_COMMITMENT }) : apiErrorMessage(failure);
      setMessage({ kind: 'error', text });
    } finally {
      setBusy(false);
    }
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const quantity = draft.trim() === '' ? 0 : parseWholeUnits(draft);
    if (quantity === undefined) {
      setMessage({ kind: 'error', text: t('groupbuy.invalidInput', { max: MAX_COMMITMENT }) });
      return;
    }
    if (quantity === current && quantity > 0) {
      setMessage({ kind: 'ok', text: t('groupbuy.alreadyCommitted') });
      return;
    }
    void send(quantity);
  };

  const inputId = `pool-qty-${pool.poolId}`;
  return (
    <form className="pool-commit-form" onSubmit={submit} noValidate>
      <label htmlFor={inputId} className="inline-label">
        {current > 0 ? t('groupbuy.changeTo') : t('groupbuy.commit')}
      </label>
      <input
        id={inputId}
        className="input-amount"
        type="text"
        inputMode="numeric"
        autoComplete="off"
        placeholder="0"
        value={draft}
        onChange={(event) => {
          setDraft(event.target.value);
          setDirty(true);
          setMessage(null);
        }}
        disabled={busy}
        data-testid="pool-commitment-input"
        aria-describedby={`${inputId}-hint`}
      />
      <span className="muted small">{pool.unit || t('groupbuy.unitsWord')}</span>
      <button type="submit" className="btn btn-primary btn-small" disabled={busy} data-testid="pool-commit">
        {current > 0 ? t('groupbuy.changeCommitment') : t('groupbuy.commit')}
      </button>
      {current > 0 && (
        <button type="button" className="btn btn-small btn-ghost" disabled={busy} data-testid="pool-withdraw" onClick={() => void send(0)}>
          {t('groupbuy.withdraw')}
        </button>
      )}
      <span id={`${inputId}-hint`} className="visually-hidden">
        {t('groupbuy.hint')}
      </span>
      {message && (
        <span
          className={message.kind === 'error' ? 'form-error' : 'form-success'}
          role={message.kind === 'error' ? 'alert' : 'status'}
          data-testid="pool-commit-status"
        >
          {message.text}
        </span>
      )}
    </form>
  );
};
