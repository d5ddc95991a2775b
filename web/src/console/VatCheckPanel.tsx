import { useState } from 'react';
import { apiErrorMessage } from '../api.js';
import { ErrorBox, Loading } from '../components/Status.js';
import { formatDate, formatDateTime } from '../format.js';
import { useT } from '../i18n/I18n.js';
import type { MessageKey } from '../i18n/messages/index.js';
import { useServices } from '../services.js';
import { useAsync } from '../useAsync.js';

const statusLabel: Record<'valid' | 'invalid' | 'unavailable', MessageKey> = {
  valid: 'console.vat.status.valid',
  invalid: 'console.vat.status.invalid',
  unavailable: 'console.vat.status.unavailable',
};

/**
 * The company's VIES evidence on its console page (issue 13 item 5): last check, consultation number,
 * name and address as VIES gave them; back office re-checks now (POST /console/companies/{id}/vat-check).
 */
export const VatCheckPanel = ({ companyId, canRecheck }: { companyId: string; canRecheck: boolean }) => {
  const { api } = useServices();
  const t = useT();
  const [reload, setReload] = useState(0);
  const company = useAsync((signal) => api.console.getCompany(companyId, signal), [companyId, reload]);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const recheck = async () => {
    setBusy(true);
    setError(null);
    try {
      await api.console.call('POST /console/companies/{companyId}/vat-check', { params: { companyId } }, { auth: 'required' });
      setReload((value) => value + 1);
    } catch (caught) {
      setError(apiErrorMessage(caught));
    } finally {
      setBusy(false);
    }
  };

  if (company.loading && !company.data) return <Loading />;
  if (company.error) return <ErrorBox error={company.error} />;
  const check = company.data?.vatCheck;
  const evidence = check?.evidence;
  return (
    <section className="card" data-testid="vat-check">
      <h3>{t('console.vat.title')}</h3>
      {!check ? (
        <p className="small">{company.data?.vatId ? t('console.vat.notChecked', { vatId: company.data.vatId }) : t('console.vat.notCheckedNoId')}</p>
      ) : (
        <dl className="small">
          <dt>{t('console.vatId')}</dt>
          <dd className="mono">{check.vatId}</dd>
          <dt>{t('console.vat.lastCheck')}</dt>
          <dd data-testid="vat-check-status">
            {t('console.vat.lastCheckValue', { when: formatDateTime(check.lastAttemptAt), status: t(statusLabel[check.status]) })}
            {check.error ? ` (${check.error})` : ''}
          </dd>
          <dt>{t('console.vat.evidence')}</dt>
          <dd data-testid="vat-check-evidence">
            {evidence
              ? `${t('console.vat.evidenceOn', { date: formatDate(evidence.requestDate.slice(0, 10)) })}${evidence.consultationNumber ? t('console.vat.consultation', { number: evidence.consultationNumber }) : ''}${evidence.name ? ` · ${evidence.name}` : ''}${evidence.address ? ` · ${evidence.address.replace(/\n/g, ', ')}` : ''}`
              : t('console.vat.noEvidence')}
          </dd>
          <dt>{t('console.vat.nextCheck')}</dt>
          <dd>{formatDate(check.dueAt)}</dd>
        </dl>
      )}
      {canRecheck && (
        <button type="button" onClick={() => void recheck()} disabled={busy} data-testid="vat-recheck">
          {busy ? t('console.vat.checking') : t('console.vat.recheck')}
        </button>
      )}
      {error && <p className="error">{error}</p>}
    </section>
  );
};
