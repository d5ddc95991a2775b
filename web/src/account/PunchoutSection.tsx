/**
 * Punchout setup for company admins (GET/PUT/DELETE /companies/{companyId}/punchout): the OCI login,
 * the cXML identity. Sessions act as a technical buyer account the portal creates with the first
 * save and removes when punchout is switched off — no person's account. Secrets are shown once,
 * right after they were issued; the portal keeps only hashes.
 */
import { useEffect, useState } from 'react';
import type { ApiResponse } from '../../../functions/contract.js';
import type { ApiClient } from '../api.js';
import { FormMessage } from '../components/Forms.js';
import { ErrorBox, Loading } from '../components/Status.js';
import { useServices } from '../services.js';
import { useAsync } from '../useAsync.js';
import '../shop/punchout.css';

/** Secrets a save issued (first set-up, new cXML identity, rotation): shown once. */
type PunchoutSecrets = ApiResponse<'PUT /companies/{companyId}/punchout'>['secrets'];

export const PunchoutSection = ({ api, companyId }: { api: ApiClient; companyId: string }) => {
  const { config: runtime } = useServices();
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

  if (current.loading) return <Loading label="Loading punchout setup…" />;
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
      setStatus({ ok: 'Punchout setup saved.' });
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
      setStatus({ ok: 'Punchout switched off; the credentials and the technical account no longer work.' });
    } catch (error) {
      setStatus({ error });
    } finally {
      setSaving(false);
    }
  };

  const apiBase = runtime.apiBaseUrl.replace(/\/+$/, '');
  return (
    <section className="card panel" aria-labelledby="punchout-title" data-testid="punchout-section">
      <h2 id="punchout-title">Punchout (SAP OCI / cXML)</h2>
      <p className="muted small">
        Let your procurement system (SAP SRM / S/4HANA, SAP Ariba, Coupa …) open this shop with your prices and take the cart back for approval. Sessions act as
        a technical buyer account the portal creates for this set-up (shown in your user list, nobody signs in with it); each session has its own cart.
      </p>
      <div className="punchout-form-grid">
        <label className="punchout-check">
          <input type="checkbox" checked={oci} onChange={(event) => setOci(event.target.checked)} data-testid="punchout-oci" /> SAP OCI 4.0
        </label>
        <label className="punchout-check">
          <input type="checkbox" checked={cxmlOn} onChange={(event) => setCxmlOn(event.target.checked)} data-testid="punchout-cxml" /> cXML 1.2
        </label>
        {cxmlOn && (
          <>
            <label>
              cXML credential domain (From)
              <input value={domain} onChange={(event) => setDomain(event.target.value)} data-testid="punchout-cxml-domain" />
            </label>
            <label>
              cXML identity (your Ariba Network ID / buyer ID)
              <input value={identity} onChange={(event) => setIdentity(event.target.value)} data-testid="punchout-cxml-identity" />
            </label>
          </>
        )}
        <label>
          Our vendor number in your system (optional, OCI NEW_ITEM-VENDOR)
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
          {saving ? 'Saving…' : 'Save'}
        </button>
        {data.configured && data.oci && (
          <button type="button" className="btn btn-ghost btn-small" disabled={saving} onClick={() => void save(['oci'])} data-testid="punchout-rotate-oci">
            New OCI password
          </button>
        )}
        {data.configured && data.cxml && (
          <button type="button" className="btn btn-ghost btn-small" disabled={saving} onClick={() => void save(['cxml'])} data-testid="punchout-rotate-cxml">
            New cXML shared secret
          </button>
        )}
        {data.configured && (
          <button type="button" className="btn btn-ghost btn-small" disabled={saving} onClick={() => void remove()} data-testid="punchout-remove">
            Switch off
          </button>
        )}
      </div>
      <FormMessage error={status.error} success={status.ok} testId="punchout-status" />
      {secrets && (
        <div className="punchout-secret" role="alert" data-testid="punchout-secrets">
          <strong>Copy these now — they are shown only once.</strong>
          {secrets.ociPassword && (
            <p>
              OCI PASSWORD: <code data-testid="punchout-oci-password">{secrets.ociPassword}</code>
            </p>
          )}
          {secrets.cxmlSharedSecret && (
            <p>
              cXML SharedSecret: <code data-testid="punchout-cxml-secret">{secrets.cxmlSharedSecret}</code>
            </p>
          )}
        </div>
      )}
      {data.configured && (
        <dl className="facts small punchout-facts" data-testid="punchout-facts">
          {data.oci && (
            <>
              <dt>OCI catalog URL</dt>
              <dd>
                <code>{`${apiBase}${data.entryPaths.oci}`}</code> with USERNAME <code data-testid="punchout-oci-username">{data.oci.username}</code>, PASSWORD
                and HOOK_URL
              </dd>
            </>
          )}
          {data.cxml && (
            <>
              <dt>cXML punchout and order URL</dt>
              <dd>
                <code>{`${apiBase}${data.entryPaths.cxml}`}</code> (PunchOutSetupRequest and OrderRequest) from {data.cxml.domain} {data.cxml.identity}
              </dd>
            </>
          )}
          <dt>Acts as</dt>
          <dd data-testid="punchout-technical-account">
            {data.technicalAccount ? (
              <>
                technical account <code>{data.technicalAccount.username}</code>
              </>
            ) : (
              'nobody yet — save the set-up to create its technical account (set-ups that named a person no longer work)'
            )}
          </dd>
        </dl>
      )}
    </section>
  );
};
