/** Shop account: company admins download their catalog with their own prices as BMEcat 2005 (for their e-procurement system). */
import { useState } from 'react';
import { apiErrorMessage, type ApiClient } from '../api.js';
import { catalogExchangeApi, type BmecatExport } from '../catalogExchange.js';

export const BmecatDownload = ({ api, companyId }: { api: ApiClient; companyId: string }) => {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<BmecatExport | null>(null);

  const download = async () => {
    setBusy(true);
    setError(null);
    try {
      const result = await catalogExchangeApi(api).exportBmecat(companyId);
      setDone(result);
    } catch (failure) {
      setError(apiErrorMessage(failure));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="card panel" data-testid="bmecat-section">
      <h2>Catalog for your procurement system</h2>
      <p className="muted small">Your catalog with your prices as a BMEcat 2005 file (XML), ready for SAP, Coupa and other e-procurement systems.</p>
      <button type="button" className="btn" onClick={download} disabled={busy} data-testid="bmecat-download">
        {busy ? 'Preparing…' : 'Download BMEcat'}
      </button>
      {done && (
        <p className="small" data-testid="bmecat-ready" data-products={done.products}>
          {done.products} products in {done.categories} categories:{' '}
          <a href={done.url} download={done.fileName} data-testid="bmecat-link">
            save {done.fileName}
          </a>{' '}
          (link valid for 5 minutes)
        </p>
      )}
      {error && (
        <div className="alert alert-error" role="alert" data-testid="bmecat-error">
          {error}
        </div>
      )}
    </section>
  );
};
