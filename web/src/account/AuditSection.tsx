/** The audit trail of a company (newest first). */
import type { ApiClient } from '../api.js';
import { auditChangeText, auditDetailChanges } from '../auditText.js';
import { ErrorBox, Loading } from '../components/Status.js';
import { formatDateTime } from '../format.js';
import { useT } from '../i18n/I18n.js';
import { hasMessage } from '../i18n/translate.js';
import type { AuditEntry } from '../types.js';
import { useAsync } from '../useAsync.js';
import { roleLabel } from './permissions.js';

/** Date and time in the UI language's locale (kept here for the screens that import it from this module). */
export { formatDateTime };

/** "company.billing-address.changed" → "Company billing address changed". */
const humanize = (action: string): string => {
  const text = action
    .replace(/[._-]+/g, ' ')
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .trim()
    .toLowerCase();
  return text.charAt(0).toUpperCase() + text.slice(1);
};

/** What changed, one field a line: "VAT ID: DE… → DE…" or "E-mail: …". */
const AuditDetails = ({ details }: { details: unknown }) => {
  const changes = auditDetailChanges(details);
  if (changes.length === 0) return null;
  return (
    <ul className="small audit-details plain-list" data-testid="audit-details">
      {changes.map((change) => (
        <li key={change.field} data-testid={`audit-change-${change.field}`}>
          {auditChangeText(change)}
        </li>
      ))}
    </ul>
  );
};

/** `version` changes after edits elsewhere on the page, which reloads the trail. */
export const AuditSection = ({ api, companyId, version = 0 }: { api: ApiClient; companyId: string; version?: number }) => {
  const t = useT();
  const entries = useAsync((signal) => api.listAudit(companyId, signal), [companyId, version]);
  /** Known actions in the UI language, others as readable words. */
  const actionLabel = (action: string): string => {
    const key = `account.audit.action.${action}`;
    return hasMessage(key) ? t(key) : humanize(action);
  };
  return (
    <section className="card panel" aria-labelledby="audit-title" data-testid="audit-section">
      <header className="panel-header">
        <h2 id="audit-title">{t('account.audit.title')}</h2>
        <button type="button" className="btn btn-small btn-ghost" onClick={entries.reload} disabled={entries.loading}>
          {t('account.refresh')}
        </button>
      </header>
      {entries.loading ? (
        <Loading label={t('account.audit.loading')} />
      ) : entries.error ? (
        <ErrorBox error={entries.error} onRetry={entries.reload} />
      ) : (entries.data ?? []).length === 0 ? (
        <p className="muted" data-testid="audit-list">
          {t('account.audit.none')}
        </p>
      ) : (
        <ol className="audit-list" data-testid="audit-list">
          {(entries.data ?? []).map((entry: AuditEntry, index) => (
            <li key={`${entry.at}-${index}`} data-testid="audit-entry">
              <div className="audit-head">
                <span className="strong" data-testid="audit-action">
                  {actionLabel(entry.action)}
                </span>
                <time className="muted small" dateTime={entry.at}>
                  {formatDateTime(entry.at)}
                </time>
              </div>
              <div className="muted small">
                {t('account.audit.by', { actor: entry.actor?.name || entry.actor?.sub || t('account.audit.system') })}
                {entry.actor?.role && <> ({roleLabel(entry.actor.role)})</>}
                {entry.onBehalf && <span className="badge badge-warn badge-inline">{t('account.audit.onBehalf')}</span>}
              </div>
              <AuditDetails details={entry.details} />
            </li>
          ))}
        </ol>
      )}
    </section>
  );
};
