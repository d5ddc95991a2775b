/** The users of a company: list for admins, reps and back office; invitations and changes by the company admin. */
import { useState, type FormEvent } from 'react';
import type { ApiClient } from '../api.js';
import { FormMessage, looksLikeEmail } from '../components/Forms.js';
import { ErrorBox, Loading } from '../components/Status.js';
import { useT } from '../i18n/I18n.js';
import { translate } from '../i18n/translate.js';
import { formatMoney } from '../money.js';
import { formatMinorUnits, parseMinorUnits } from '../moneyInput.js';
import type { CompanyRole, CompanyUser, Money } from '../types.js';
import { useAsync } from '../useAsync.js';
import { roleLabel } from './permissions.js';

const assignableRoles: readonly CompanyRole[] = ['company-admin', 'super-user', 'buyer'];

/** "" → no limit (null); otherwise the amount in cents, or an error text. */
const parseLimit = (text: string, currency: string): { limit: Money | null } | { error: string } => {
  if (text.trim() === '') return { limit: null };
  const amount = parseMinorUnits(text, currency);
  if (amount === undefined) return { error: translate('account.users.limitInvalid') };
  if (amount === 0) return { error: translate('account.users.limitZero') };
  return { limit: { amount, currency } };
};

interface UsersSectionProps {
  api: ApiClient;
  companyId: string;
  /** The company's currency (order limits are kept in it). */
  currency: string;
  /** The company admin may invite and change users; everyone else sees the list only. */
  manage: boolean;
  /** The signed-in user (marked "you"). */
  viewerSub?: string;
  /** Called after any change (e.g. to refresh the audit trail). */
  onChanged?: () => void;
}

export const UsersSection = ({ api, companyId, currency, manage, viewerSub, onChanged }: UsersSectionProps) => {
  const t = useT();
  const users = useAsync((signal) => api.listUsers(companyId, signal), [companyId]);
  const [rowBusy, setRowBusy] = useState<string | null>(null);
  const [rowStatus, setRowStatus] = useState<{ sub: string; error?: unknown; ok?: string } | null>(null);
  const [limitDrafts, setLimitDrafts] = useState<Record<string, string>>({});

  const replace = (updated: CompanyUser) => users.setData((users.data ?? []).map((user) => (user.sub === updated.sub ? updated : user)));

  const change = async (user: CompanyUser, patch: Parameters<ApiClient['updateUser']>[2], ok: string) => {
    setRowBusy(user.sub);
    setRowStatus(null);
    try {
      replace(await api.updateUser(companyId, user.sub, patch));
      setRowStatus({ sub: user.sub, ok });
      onChanged?.();
      return true;
    } catch (error) {
      setRowStatus({ sub: user.sub, error });
      return false;
    } finally {
      setRowBusy(null);
    }
  };

  const saveLimit = async (user: CompanyUser) => {
    const draft = limitDrafts[user.sub];
    if (draft === undefined) return;
    const parsed = parseLimit(draft, currency);
    if ('error' in parsed) return setRowStatus({ sub: user.sub, error: parsed.error });
    const saved = await change(user, { orderLimit: parsed.limit }, t('account.users.limitSaved'));
    if (saved) setLimitDrafts(({ [user.sub]: _, ...rest }) => rest);
  };

  return (
    <section className="card panel" aria-labelledby="users-title" data-testid="users-section">
      <header className="panel-header">
        <h2 id="users-title">{t('account.users.title')}</h2>
        {!manage && <span className="muted small">{t('account.readOnly')}</span>}
      </header>
      {users.loading ? (
        <Loading label={t('account.users.loading')} />
      ) : users.error ? (
        <ErrorBox error={users.error} onRetry={users.reload} />
      ) : (
        <div className="table-scroll">
          <table className="data-table" data-testid="users-table">
            <thead>
              <tr>
                <th scope="col">{t('account.users.user')}</th>
                <th scope="col">{t('account.role')}</th>
                <th scope="col">{t('account.status')}</th>
                <th scope="col" className="num">
                  {t('account.users.orderLimit')}
                </th>
              </tr>
            </thead>
            <tbody>
              {(users.data ?? []).map((user) => {
                const busy = rowBusy === user.sub;
                const limitDraft = limitDrafts[user.sub];
                // The punchout account is the portal's: its role and state follow the punchout set-up only.
                const editable = manage && !user.technical;
                return (
                  <tr key={user.sub} data-testid={`user-${user.email}`} className={user.enabled ? undefined : 'row-disabled'}>
                    <td data-label={t('account.users.user')}>
                      <div className="strong">
                        {user.name} {user.sub === viewerSub && <span className="muted small">{t('account.users.you')}</span>}
                      </div>
                      <div className="muted small">{user.email}</div>
                      {user.technical && (
                        <span className="badge" title={t('account.users.technicalTitle')} data-testid="user-technical">
                          {t('account.users.technical')}
                        </span>
                      )}
                      {rowStatus?.sub === user.sub && <FormMessage error={rowStatus.error} success={rowStatus.ok} testId="user-status" />}
                    </td>
                    <td data-label={t('account.role')}>
                      {editable ? (
                        <select
                          aria-label={t('account.users.roleOf', { name: user.name })}
                          value={user.role}
                          disabled={busy}
                          onChange={(event) => void change(user, { role: event.target.value as CompanyRole }, t('account.users.roleChanged'))}
                          data-testid="user-role"
                        >
                          {assignableRoles.map((role) => (
                            <option key={role} value={role}>
                              {roleLabel(role)}
                            </option>
                          ))}
                        </select>
                      ) : (
                        <span className="role-badge role-badge-light" data-testid="user-role">
                          {roleLabel(user.role)}
                        </span>
                      )}
                    </td>
                    <td data-label={t('account.status')}>
                      <span className={user.enabled ? 'badge badge-ok' : 'badge badge-warn'} data-testid="user-enabled">
                        {user.enabled ? t('account.users.enabled') : t('account.users.disabled')}
                      </span>
                      {editable && (
                        <button
                          type="button"
                          className="btn btn-small btn-link"
                          disabled={busy}
                          onClick={() =>
                            void change(user, { enabled: !user.enabled }, user.enabled ? t('account.users.userDisabled') : t('account.users.userEnabled'))
                          }
                          data-testid="user-toggle-enabled"
                        >
                          {user.enabled ? t('account.users.disable') : t('account.users.enable')}
                        </button>
                      )}
                    </td>
                    <td className="num" data-label={t('account.users.orderLimit')}>
                      {manage && limitDraft !== undefined ? (
                        <form
                          className="inline-form"
                          onSubmit={(event) => {
                            event.preventDefault();
                            void saveLimit(user);
                          }}
                        >
                          <input
                            type="text"
                            inputMode="decimal"
                            className="input-amount"
                            aria-label={t('account.users.limitOf', { name: user.name })}
                            value={limitDraft}
                            onChange={(event) => setLimitDrafts({ ...limitDrafts, [user.sub]: event.target.value })}
                            placeholder={t('account.users.noLimit')}
                            data-testid="user-limit-input"
                            autoFocus
                          />
                          <button type="submit" className="btn btn-small btn-primary" disabled={busy} data-testid="user-limit-save">
                            {t('account.save')}
                          </button>
                          <button type="button" className="btn btn-small btn-ghost" onClick={() => setLimitDrafts(({ [user.sub]: _, ...rest }) => rest)}>
                            {t('account.cancel')}
                          </button>
                        </form>
                      ) : (
                        <>
                          <span data-testid="user-limit">
                            {user.orderLimit ? formatMoney(user.orderLimit.amount, user.orderLimit.currency) : t('account.users.noLimit')}
                          </span>
                          {manage && (
                            <button
                              type="button"
                              className="btn btn-small btn-link"
                              onClick={() =>
                                setLimitDrafts({
                                  ...limitDrafts,
                                  [user.sub]: user.orderLimit ? formatMinorUnits(user.orderLimit.amount, user.orderLimit.currency) : '',
                                })
                              }
                              data-testid="user-limit-edit"
                            >
                              {t('account.change')}
                            </button>
                          )}
                        </>
                      )}
                    </td>
                  </tr>
                );
              })}
              {users.data?.length === 0 && (
                <tr className="empty-row">
                  <td colSpan={4}>{t('account.users.none')}</td>
                </tr>
              )}
            </tbody>
          </table>
        </div>
      )}
      {manage && (
        <InviteForm
          api={api}
          companyId={companyId}
          currency={currency}
          onInvited={(user) => {
            users.setData([...(users.data ?? []).filter((existing) => existing.sub !== user.sub), user]);
            onChanged?.();
          }}
        />
      )}
    </section>
  );
};

const InviteForm = ({
  api,
  companyId,
  currency,
  onInvited,
}: {
  api: ApiClient;
  companyId: string;
  currency: string;
  onInvited: (user: CompanyUser) => void;
}) => {
  const [email, setEmail] = useState('');
  const [name, setName] = useState('');
  const [role, setRole] = useState<CompanyRole>('buyer');
  const [limit, setLimit] = useState('');
  const [busy, setBusy] = useState(false);
  const [status, setStatus] = useState<{ error?: unknown; ok?: string }>({});
  const t = useT();

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!looksLikeEmail(email)) return setStatus({ error: t('account.users.emailInvalid') });
    if (!name.trim()) return setStatus({ error: t('account.users.nameMissing') });
    const parsed = parseLimit(limit, currency);
    if ('error' in parsed) return setStatus({ error: parsed.error });
    setBusy(true);
    setStatus({});
    try {
      const user = await api.inviteUser(companyId, {
        email: email.trim(),
        name: name.trim(),
        role,
        ...(parsed.limit ? { orderLimit: parsed.limit } : {}),
      });
      onInvited(user);
      setStatus({ ok: t('account.users.invitationSent', { email: user.email || email.trim() }) });
      setEmail('');
      setName('');
      setLimit('');
      setRole('buyer');
    } catch (error) {
      setStatus({ error });
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="subform" onSubmit={submit} noValidate data-testid="invite-form">
      <h3>{t('account.users.inviteTitle')}</h3>
      <p className="muted small">{t('account.users.inviteIntro')}</p>
      <div className="field-row">
        <label className="field">
          <span>{t('account.email')}</span>
          <input type="email" value={email} onChange={(e) => setEmail(e.target.value)} data-testid="invite-email" maxLength={254} />
        </label>
        <label className="field">
          <span>{t('account.name')}</span>
          <input type="text" value={name} onChange={(e) => setName(e.target.value)} data-testid="invite-name" maxLength={120} />
        </label>
      </div>
      <div className="field-row">
        <label className="field">
          <span>{t('account.role')}</span>
          <select value={role} onChange={(e) => setRole(e.target.value as CompanyRole)} data-testid="invite-role">
            {assignableRoles.map((option) => (
              <option key={option} value={option}>
                {roleLabel(option)}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span>{t('account.users.limitOptional')}</span>
          <input
            type="text"
            inputMode="decimal"
            value={limit}
            onChange={(e) => setLimit(e.target.value)}
            placeholder={t('account.users.noLimit')}
            data-testid="invite-limit"
          />
        </label>
      </div>
      <FormMessage
        error={status.error}
        success={status.ok}
        testId="invite-status"
        labels={{ email: t('account.email'), name: t('account.name'), role: t('account.role'), 'orderLimit.amount': t('account.users.orderLimit') }}
      />
      <div className="form-actions">
        <button type="submit" className="btn btn-primary" disabled={busy} data-testid="invite-submit">
          {busy ? t('account.users.sending') : t('account.users.sendInvitation')}
        </button>
      </div>
    </form>
  );
};
