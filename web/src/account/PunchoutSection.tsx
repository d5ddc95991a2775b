/**
 * Punchout setup for company admins (GET/PUT/DELETE /companies/{companyId}/punchout): the OCI login,
 * the cXML identity. Sessions act as a technical buyer account the portal creates with the first
 * save and removes when punchout is switched off — no person's account. Secrets are shown once,
 * right after they were issued; the portal keeps only hashes.
 */
import { useEffect, useState } from 'react';
import { useIntl } from 'react-intl';
import type { ApiResponse } from '../../../functions/contract.js';
import type { ApiClient } from '../api.js';
import { FormMessage } from '../components/Forms.js';
import { ErrorBox, Loading } from '../components/Status.js';
import { useT } from '../i18n/I18n.js';
import { useServices } from '../services.js';
import { useAsync } from '../useAsync.js';
import '../shop/punchout.css';

/** Secrets a save issued (first set-up, new cXML identity, rotation): shown once. */
type PunchoutSecrets = ApiResponse<'PUT /companies/{companyId}/punchout'>['secrets'];

/** Names from the protocols (versions, field names): the same in every language. */
const protocolNames = { oci: 'SAP OCI 4.0', cxml: 'cXML 1.2', ociPassword: 'OCI PASSWORD', cxmlSecret: 'cXML SharedSecret' } as const;

export const PunchoutSection = ({ api, companyId }: { api: ApiClient; companyId: string }) => {
  const { config: runtime } = useServices();
  const t = useT();
  const intl = useIntl();
  const current = useAsync((signal) => api.call('GET /companies/{companyId}/punchout', { params: { companyId } }, { auth: 'required', signal }), [companyId]);
  const [oci, setOci] = useState(true);
  const [cxmlOn, setCxmlOn] = useState(false);
  const [domain, setDomain] = useState('NetworkID');
  const [identity, setIdentity] = useState('');
  const [vendorNumber, setVendorNumber] = useState('');
  const [secrets, setSecrets] = useState<PunchoutSecrets>();
  const [status, setStatus] = useState<{ error?: unknown; ok?: string }>({});
  const [saving, setSaving] = useState(false);

  const data = current.data;
  useEffect(() => {
    if (!data?.configured) return;
    setOci(Boolean(data.oci));
    setCxmlOn(Boolean(data.cxml));
    if (data.cxml) {
      setDomain(data.cxml.domain);
      setIdentity(data.cxml.identity);
    }
    setVendorNumber(data.vendorNumber ?? '');
  }, [data]);

  if (current.loading) return <Loading label={t('account.punchout.loading')} />;
  if (current.error || !data) return <ErrorBox error={current.error} onRetry={current.reload} />;

  const save = async (rotate: ('oci' | 'cxml')[] = []) => {
    setSaving(true);
    setStatus({});
    try {
      const { secrets: issued, ...saved } = await api.call(
        'PUT /companies/{companyId}/punchout',
        {
          params: { companyId },
          body: {
            oci,
            cxml: cxmlOn ? { domain: domain.trim(), identity: identity.trim() } : null,
            vendorNumber: vendorNumber.trim() || null,
            ...(rotate.length ? { rotate } : {}),
          },
        },
        { auth: 'required' },
      );
      setSecrets(Object.keys(issued).length ? issued : undefined);
      current.setData(saved);
      setStatus({ ok: t('account.punchout.saved') });
    } catch (error) {
      setStatus({ error });
    } finally {
      setSaving(false);
    }
  };

  const remove = async () => {
    setSaving(true);
    setStatus({});
    try {
      await api.call('DELETE /companies/{companyId}/punchout', { params: { companyId } }, { auth: 'required' });
      setSecrets(undefined);
      current.reload();
      setStatus({ ok: t('account.punchout.removed') });
    } catch (error) {
      setStatus({ error });
    } finally {
      setSaving(false);
    }
  };

  const apiBase = runtime.apiBaseUrl.replace(/\/+$/, '');
  return (
    <section className="card panel" aria-labelledby="punchout-title" data-testid="punchout-section">
      <h2 id="punchout-title">{t('account.punchout.title')}</h2>
      <p className="muted small">{t('account.punchout.intro')}</p>
      <div className="punchout-form-grid">
        <label className="punchout-check">
          <input type="checkbox" checked={oci} onChange={(event) => setOci(event.target.checked)} data-testid="punchout-oci" /> {protocolNames.oci}
        </label>
        <label className="punchout-check">
          <input type="checkbox" checked={cxmlOn} onChange={(event) => setCxmlOn(event.target.checked)} data-testid="punchout-cxml" /> {protocolNames.cxml}
        </label>
        {cxmlOn && (
          <>
            <label>
              {t('account.punchout.cxmlDomain')}
              <input value={domain} onChange={(event) => setDomain(event.target.value)} data-testid="punchout-cxml-domain" />
            </label>
            <label>
              {t('account.punchout.cxmlIdentity')}
              <input value={identity} onChange={(event) => setIdentity(event.target.value)} data-testid="punchout-cxml-identity" />
            </label>
          </>
        )}
        <label>
          {t('account.punchout.vendor')}
          <input value={vendorNumber} maxLength={10} onChange={(event) => setVendorNumber(event.target.value)} data-testid="punchout-vendor" />
        </label>
      </div>
      <div className="form-actions">
        <button
          type="button"
          className="btn btn-primary btn-small"
          disabled={saving || (!oci && !cxmlOn)}
          onClick={() => void save()}
          data-testid="punchout-save"
        >
          {saving ? t('account.saving') : t('account.save')}
        </button>
        {data.configured && data.oci && (
          <button type="button" className="btn btn-ghost btn-small" disabled={saving} onClick={() => void save(['oci'])} data-testid="punchout-rotate-oci">
            {t('account.punchout.rotateOci')}
          </button>
        )}
        {data.configured && data.cxml && (
          <button type="button" className="btn btn-ghost btn-small" disabled={saving} onClick={() => void save(['cxml'])} data-testid="punchout-rotate-cxml">
            {t('account.punchout.rotateCxml')}
          </button>
        )}
        {data.configured && (
          <button type="button" className="btn btn-ghost btn-small" disabled={saving} onClick={() => void remove()} data-testid="punchout-remove">
            {t('account.punchout.switchOff')}
          </button>
        )}
      </div>
      <FormMessage error={status.error} success={status.ok} testId="punchout-status" />
      {secrets && (
        <div className="punchout-secret" role="alert" data-testid="punchout-secrets">
          <strong>{t('account.punchout.copyNow')}</strong>
          {secrets.ociPassword && (
            <p>
              {protocolNames.ociPassword}: <code data-testid="punchout-oci-password">{secrets.ociPassword}</code>
            </p>
          )}
          {secrets.cxmlSharedSecret && (
            <p>
              {protocolNames.cxmlSecret}: <code data-testid="punchout-cxml-secret">{secrets.cxmlSharedSecret}</code>
            </p>
          )}
        </div>
      )}
      {data.configured && (
        <dl className="facts small punchout-facts" data-testid="punchout-facts">
          {data.oci && (
            <>
              <dt>{t('account.punchout.ociUrl')}</dt>
              <dd>
                {intl.formatMessage(
                  { id: 'account.punchout.ociUrlText' },
                  {
                    url: <code>{`${apiBase}${data.entryPaths.oci}`}</code>,
                    username: <code data-testid="punchout-oci-username">{data.oci.username}</code>,
                  },
                )}
              </dd>
            </>
          )}
          {data.cxml && (
            <>
              <dt>{t('account.punchout.cxmlUrl')}</dt>
              <dd>
                {intl.formatMessage(
                  { id: 'account.punchout.cxmlUrlText' },
                  { url: <code>{`${apiBase}${data.entryPaths.cxml}`}</code>, domain: data.cxml.domain, identity: data.cxml.identity },
                )}
              </dd>
            </>
          )}
          <dt>{t('account.punchout.actsAs')}</dt>
          <dd data-testid="punchout-technical-account">
            {data.technicalAccount
              ? intl.formatMessage({ id: 'account.punchout.technicalAccount' }, { username: <code>{data.technicalAccount.username}</code> })
              : t('account.punchout.nobody')}
          </dd>
        </dl>
      )}
    </section>
  );
};
