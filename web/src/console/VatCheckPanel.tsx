import { useState } from 'react';
import { apiErrorMessage } from '../api.js';
import { ErrorBox, Loading } from '../components/Status.js';
import { useServices } from '../services.js';
import { useAsync } from '../useAsync.js';

const statusLabel = { valid: 'valid', invalid: 'not valid', unavailable: 'VIES could not answer' } as const;

/**
 * The company's VIES evidence on its console page (issue 13 item 5): last check, consultation number,
 * name and address as VIES gave them; back office re-checks now (POST /console/companies/{id}/vat-check).
 */
export const VatCheckPanel = ({ companyId, canRecheck }: { companyId: string; canRecheck: boolean }) => {
  const { api } = useServices();
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
      <h3>VAT ID check (VIES)</h3>
      {!check ? (
        <p className="small">Not checked yet — no reverse charge until VIES confirms {company.data?.vatId || 'a VAT ID'}.</p>
      ) : (
        <dl className="small">
          <dt>VAT ID</dt>
          <dd className="mono">{check.vatId}</dd>
          <dt>Last check</dt>
          <dd data-testid="vat-check-status">
            {new Date(check.lastAttemptAt).toLocaleString()}: {statusLabel[check.status]}
            {check.error ? ` (${check.error})` : ''}
          </dd>
          <dt>Evidence</dt>
          <dd data-testid="vat-check-evidence">
            {evidence
              ? `VIES on ${evidence.requestDate.slice(0, 10)}${evidence.consultationNumber ? `, consultation number ${evidence.consultationNumber}` : ''}${evidence.name ? ` · ${evidence.name}` : ''}${evidence.address ? ` · ${evidence.address.replace(/\n/g, ', ')}` : ''}`
              : 'none (no reverse charge)'}
          </dd>
          <dt>Next check</dt>
          <dd>{new Date(check.dueAt).toLocaleDateString()}</dd>
        </dl>
      )}
      {canRecheck && (
        <button type="button" onClick={() => void recheck()} disabled={busy} data-testid="vat-recheck">
          {busy ? 'Checking…' : 'Check with VIES now'}
        </button>
      )}
      {error && <p className="error">{error}</p>}
    </section>
  );
};
