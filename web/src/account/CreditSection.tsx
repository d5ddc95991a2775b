/**
 * Trade credit (limit, used, available) and prepaid balance with the last ledger entries
 * (`GET /companies/{id}/credit`). Back office sets the credit limit and records prepaid top-ups
 * in the console.
 */
import { useState, type FormEvent } from 'react';
import type { ApiClient } from '../api.js';
import { FormMessage } from '../components/Forms.js';
import { ErrorBox, Loading } from '../components/Status.js';
import { useT } from '../i18n/I18n.js';
import type { MessageKey } from '../i18n/messages/index.js';
import { formatMoney } from '../money.js';
import { formatMinorUnits, parseMinorUnits } from '../moneyInput.js';
import type { CreditStatus, LedgerEntry, Money } from '../types.js';
import { useAsync } from '../useAsync.js';
import { formatDateTime } from './AuditSection.js';

const show = (value: Money): string => formatMoney(value.amount, value.currency);

const ledgerLabels: Record<LedgerEntry['kind'], MessageKey> = {
  'top-up': 'account.credit.kind.top-up',
  charge: 'account.credit.kind.charge',
  refund: 'account.credit.kind.refund',
};

interface CreditSectionProps {
  api: ApiClient;
  companyId: string;
  /** Back office in the console: limit and top-up forms. */
  manage: boolean;
  /** How many ledger entries to show. */
  ledgerSize?: number;
}

export const CreditSection = ({ api, companyId, manage, ledgerSize = 5 }: CreditSectionProps) => {
  const t = useT();
  const status = useAsync((signal) => api.getCredit(companyId, signal), [companyId]);
  const data = status.data;
  return (
    <section className="card panel credit-section" aria-labelledby="credit-title" data-testid="credit-section">
      <header className="panel-header">
        <h2 id="credit-title">{t('account.credit.title')}</h2>
      </header>
      {status.loading && !data ? (
        <Loading label={t('account.credit.loading')} />
      ) : status.error || !data ? (
        <ErrorBox error={status.error} onRetry={status.reload} />
      ) : (
        <>
          <h3 className="small strong">{t('account.credit.trade')}</h3>
          {data.credit.limit.amount === 0 && data.credit.used.amount === 0 ? (
            <p className="muted small" data-testid="credit-none">
              {t('account.credit.none')}
            </p>
          ) : null}
          <dl className="facts credit-facts">
            <dt>{t('account.credit.limit')}</dt>
            <dd data-testid="credit-limit">{show(data.credit.limit)}</dd>
            <dt>{t('account.credit.used')}</dt>
            <dd data-testid="credit-used">{show(data.credit.used)}</dd>
            <dt>{t('account.credit.available')}</dt>
            <dd className="strong" data-testid="credit-available">
              {show(data.credit.available)}
            </dd>
          </dl>
          <CreditBar credit={data.credit} />
          <h3 className="small strong">{t('account.credit.prepaid')}</h3>
          <p className="prepaid-balance" data-testid="prepaid-balance">
            {show(data.prepaid.balance)}
          </p>
          {data.prepaid.ledger.length === 0 ? (
            <p className="muted small">{t('account.credit.noMovements')}</p>
          ) : (
            <ul className="plain-list ledger-list" data-testid="ledger-list">
              {data.prepaid.ledger.slice(0, ledgerSize).map((entry, index) => (
                <li key={`${entry.at}-${index}`} className="ledger-entry" data-testid="ledger-entry" data-kind={entry.kind}>
                  <span>
                    <span className="strong">{ledgerLabels[entry.kind] ? t(ledgerLabels[entry.kind]) : entry.kind}</span>{' '}
                    <span className="mono small">{entry.reference}</span>
                    <span className="muted small"> · {formatDateTime(entry.at)}</span>
                  </span>
                  <span className="ledger-amounts">
                    <span className={entry.kind === 'charge' ? 'ledger-amount debit' : 'ledger-amount credit'}>
                      {entry.kind === 'charge' ? '−' : '+'}
                      {show(entry.amount)}
                    </span>
                    <span className="muted small">{t('account.credit.balance', { amount: show(entry.balanceAfter) })}</span>
                  </span>
                </li>
              ))}
            </ul>
          )}
          {manage && <ManageCredit api={api} companyId={companyId} status={data} onChanged={status.setData} />}
        </>
      )}
    </section>
  );
};

const CreditBar = ({ credit }: { credit: CreditStatus['credit'] }) => {
  const t = useT();
  if (credit.limit.amount <= 0) return null;
  const percent = Math.min(100, Math.round((credit.used.amount / credit.limit.amount) * 100));
  return (
    <div className="credit-bar" role="img" aria-label={t('account.credit.barLabel', { percent })}>
      <span style={{ width: `${percent}%` }} />
    </div>
  );
};

interface ManageCreditProps {
  api: ApiClient;
  companyId: string;
  status: CreditStatus;
  onChanged: (status: CreditStatus) => void;
}

/** Back office: the credit limit, and prepayments received by bank transfer. */
const ManageCredit = ({ api, companyId, status, onChanged }: ManageCreditProps) => {
  const currency = status.credit.limit.currency || 'EUR';
  const balanceCurrency = status.prepaid.balance.currency || 'EUR';
  const [limit, setLimit] = useState(() => formatMinorUnits(status.credit.limit.amount, currency));
  const [limitMessage, setLimitMessage] = useState<{ ok?: string; error?: unknown }>({});
  const [amount, setAmount] = useState('');
  const [reference, setReference] = useState('');
  const [topUpMessage, setTopUpMessage] = useState<{ ok?: string; error?: unknown }>({});
  const [busy, setBusy] = useState<'limit' | 'top-up' | null>(null);
  const t = useT();

  const saveLimit = async (event: FormEvent) => {
    event.preventDefault();
    const minor = parseMinorUnits(limit, currency);
    if (minor === undefined) return setLimitMessage({ error: t('account.credit.limitInvalid', { currency }) });
    setBusy('limit');
    setLimitMessage({});
    try {
      const credit = await api.setCreditLimit(companyId, { amount: minor, currency });
      onChanged({ ...status, credit });
      setLimit(formatMinorUnits(credit.limit.amount, credit.limit.currency));
      setLimitMessage({ ok: t('account.credit.limitSet', { limit: show(credit.limit), available: show(credit.available) }) });
    } catch (failure) {
      setLimitMessage({ error: failure });
    } finally {
      setBusy(null);
    }
  };

  const topUp = async (event: FormEvent) => {
    event.preventDefault();
    const minor = parseMinorUnits(amount, balanceCurrency);
    if (minor === undefined || minor <= 0) return setTopUpMessage({ error: t('account.credit.amountInvalid', { currency: balanceCurrency }) });
    if (!reference.trim()) return setTopUpMessage({ error: t('account.credit.referenceMissing') });
    setBusy('top-up');
    setTopUpMessage({});
    try {
      const updated = await api.recordTopUp(companyId, { amount: minor, currency: balanceCurrency }, reference.trim());
      onChanged(updated);
      setTopUpMessage({
        ok: t('account.credit.booked', { amount: show({ amount: minor, currency: balanceCurrency }), balance: show(updated.prepaid.balance) }),
      });
      setAmount('');
      setReference('');
    } catch (failure) {
      setTopUpMessage({ error: failure });
    } finally {
      setBusy(null);
    }
  };

  return (
    <div className="manage-credit">
      <form className="subform" onSubmit={(event) => void saveLimit(event)} data-testid="credit-limit-form">
        <h3 className="small strong">{t('account.credit.setLimit')}</h3>
        <div className="inline-form">
          <label className="field">
            <span>{t('account.credit.limitLabel', { currency })}</span>
            <input type="text" inputMode="decimal" value={limit} onChange={(event) => setLimit(event.target.value)} data-testid="credit-limit-input" />
          </label>
          <button type="submit" className="btn" disabled={busy !== null} data-testid="credit-limit-save">
            {busy === 'limit' ? t('account.saving') : t('account.credit.saveLimit')}
          </button>
        </div>
        <FormMessage error={limitMessage.error} success={limitMessage.ok} testId="credit-limit-status" />
      </form>
      <form className="subform" onSubmit={(event) => void topUp(event)} data-testid="topup-form">
        <h3 className="small strong">{t('account.credit.topUpTitle')}</h3>
        <div className="field-row">
          <label className="field field-small">
            <span>{t('account.credit.amountLabel', { currency: balanceCurrency })}</span>
            <input type="text" inputMode="decimal" value={amount} onChange={(event) => setAmount(event.target.value)} data-testid="topup-amount" />
          </label>
          <label className="field">
            <span>{t('account.credit.reference')}</span>
            <input type="text" maxLength={60} value={reference} onChange={(event) => setReference(event.target.value)} data-testid="topup-reference" />
          </label>
        </div>
        <button type="submit" className="btn" disabled={busy !== null} data-testid="topup-submit">
          {busy === 'top-up' ? t('account.credit.booking') : t('account.credit.bookTopUp')}
        </button>
        <FormMessage error={topUpMessage.error} success={topUpMessage.ok} testId="topup-status" />
      </form>
    </div>
  );
};
