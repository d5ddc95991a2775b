/** Shop account: company admins download their catalog with their own prices as BMEcat 2005 (for their e-procurement system). */
import { useState } from 'react';
import { apiErrorMessage, type ApiClient } from '../api.js';
import { catalogExchangeApi, type BmecatExport } from '../catalogExchange.js';
import { useT } from '../i18n/I18n.js';

export const BmecatDownload = ({ api, companyId }: { api: ApiClient; companyId: string }) => {
  const t = useT();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<BmecatExport | null>(null);

  const download = async () => {
    setBusy(true);
    setError(null);
    try {
      const result = await catalogExchangeApi(api).exportBmecat(companyId);
      if (result.status === 'completed' && result.url) setDone(result);
      else setError(t('account.bmecat.failed'));
    } catch (failure) {
      setError(apiErrorMessage(failure));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="card panel" data-testid="bmecat-section">
      <h2>{t('account.bmecat.title')}</h2>
      <p className="muted small">{t('account.bmecat.intro')}</p>
      <button type="button" className="btn" onClick={download} disabled={busy} data-testid="bmecat-download">
        {busy ? t('account.preparing') : t('account.bmecat.download')}
      </button>
      {done?.url && (
        <p className="small" data-testid="bmecat-ready" data-products={done.products ?? 0}>
          {t('account.bmecat.ready', { products: done.products ?? 0, categories: done.categories ?? 0 })}{' '}
          <a href={done.url} download={done.fileName ?? 'bmecat.xml'} data-testid="bmecat-link">
            {t('account.bmecat.save', { fileName: done.fileName ?? 'bmecat.xml' })}
          </a>{' '}
          {t('account.bmecat.validity')}
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
