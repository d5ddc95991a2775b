/** Console "Catalog import" tab (back-office): upload a products or prices CSV, follow the job, read the error report. */
import { useEffect, useState, type FormEvent } from 'react';
import { apiErrorMessage } from '../api.js';
import { catalogExchangeApi, type CatalogImport, type ImportKind, type ImportStatus } from '../catalogExchange.js';
import { Empty, ErrorBox, Loading } from '../components/Status.js';
import { formatDateTime, formatDecimal } from '../format.js';
import { useT, type Translate } from '../i18n/I18n.js';
import type { MessageKey } from '../i18n/messages/index.js';
import { useServices } from '../services.js';
import { useAsync } from '../useAsync.js';

const finished = (job: CatalogImport) => job.status === 'completed' || job.status === 'failed';

const kindLabels: Record<ImportKind, MessageKey> = { products: 'console.import.kind.products', prices: 'console.import.kind.prices' };
const statusLabels: Record<ImportStatus, MessageKey> = {
  queued: 'console.import.status.queued',
  running: 'console.import.status.running',
  completed: 'console.import.status.completed',
  failed: 'console.import.status.failed',
};
const kindLabel = (t: Translate, kind: string) => (kind in kindLabels ? t(kindLabels[kind as ImportKind]) : kind);
const statusLabel = (t: Translate, status: string) => (status in statusLabels ? t(statusLabels[status as ImportStatus]) : status);

export const CatalogImportPanel = () => {
  const { api } = useServices();
  const t = useT();
  const exchange = catalogExchangeApi(api.console);
  const history = useAsync((signal) => exchange.listImports(signal), []);
  const [kind, setKind] = useState<ImportKind>('products');
  const [decimalSeparator, setDecimalSeparator] = useState<'.' | ','>('.');
  const [file, setFile] = useState<File | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [job, setJob] = useState<CatalogImport | null>(null);

  // Poll the running job until it is finished.
  useEffect(() => {
    if (!job || finished(job)) return;
    const timer = setTimeout(() => {
      exchange
        .getImport(job.importId)
        .then((next) => {
          setJob(next);
          if (finished(next)) history.reload();
        })
        .catch((failure: unknown) => setError(apiErrorMessage(failure)));
    }, 1000);
    return () => clearTimeout(timer);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [job]);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!file) return;
    setBusy(true);
    setError(null);
    try {
      setJob(await exchange.startImport(file, kind, decimalSeparator));
    } catch (failure) {
      setError(apiErrorMessage(failure));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section>
      <header className="section-header">
        <div>
          <h1>{t('console.import.title')}</h1>
          <p className="muted">{t('console.import.intro')}</p>
        </div>
      </header>
      <form className="card form-grid" onSubmit={submit} data-testid="catalog-import-form">
        <label className="field">
          {t('console.import.kindField')}
          <select value={kind} onChange={(event) => setKind(event.target.value as ImportKind)} data-testid="catalog-import-kind">
            <option value="products">{t('console.import.kindOption.products')}</option>
            <option value="prices">{t('console.import.kindOption.prices')}</option>
          </select>
        </label>
        <label className="field">
          {t('console.import.decimal')}
          <select value={decimalSeparator} onChange={(event) => setDecimalSeparator(event.target.value as '.' | ',')} data-testid="catalog-import-decimal">
            <option value=".">{t('console.import.decimal.dot')}</option>
            <option value=",">{t('console.import.decimal.comma')}</option>
          </select>
        </label>
        <label className="field">
          {t('console.import.file')}
          <input type="file" accept=".csv,text/csv" onChange={(event) => setFile(event.target.files?.[0] ?? null)} data-testid="catalog-import-file" required />
        </label>
        <div className="form-actions">
          <button type="submit" className="btn btn-primary" disabled={!file || busy} data-testid="catalog-import-submit">
            {busy ? t('console.import.uploading') : t('console.import.submit')}
          </button>
        </div>
        {error && (
          <div className="alert alert-error" role="alert" data-testid="catalog-import-error">
            {error}
          </div>
        )}
      </form>
      {job && <ImportResult job={job} />}
      <h2>{t('console.import.recent')}</h2>
      {history.loading ? (
        <Loading label={t('console.import.loading')} />
      ) : history.error || !history.data ? (
        <ErrorBox error={history.error} onRetry={history.reload} />
      ) : history.data.length === 0 ? (
        <Empty>{t('console.import.none')}</Empty>
      ) : (
        <div className="table-scroll">
          <table className="data-table" data-testid="catalog-import-history">
            <thead>
              <tr>
                <th>{t('console.import.col.started')}</th>
                <th>{t('console.import.col.file')}</th>
                <th>{t('console.import.col.kind')}</th>
                <th>{t('console.status')}</th>
                <th className="num">{t('console.import.col.rows')}</th>
                <th className="num">{t('console.import.col.imported')}</th>
                <th className="num">{t('console.import.col.failed')}</th>
              </tr>
            </thead>
            <tbody>
              {history.data.map((entry) => (
                <tr key={entry.importId}>
                  <td>{formatDateTime(entry.createdAt)}</td>
                  <td className="mono">{entry.fileName}</td>
                  <td>{kindLabel(t, entry.kind)}</td>
                  <td>{statusLabel(t, entry.status)}</td>
                  <td className="num">{formatDecimal(entry.counts.rows)}</td>
                  <td className="num">{formatDecimal(entry.counts.imported)}</td>
                  <td className="num">{formatDecimal(entry.counts.failed)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
};

const ImportResult = ({ job }: { job: CatalogImport }) => {
  const t = useT();
  return (
    <div className="card" data-testid="catalog-import-result" data-status={job.status}>
      <h2>
        {job.fileName} · <span data-testid="catalog-import-status">{statusLabel(t, job.status)}</span>
      </h2>
      {!finished(job) && <Loading label={t('console.import.importing', { rows: job.counts.rows })} />}
      <dl className="facts" data-testid="catalog-import-summary">
        <dt>{t('console.import.col.rows')}</dt>
        <dd data-testid="catalog-import-rows">{formatDecimal(job.counts.rows)}</dd>
        <dt>{t('console.import.col.imported')}</dt>
        <dd data-testid="catalog-import-imported">{formatDecimal(job.counts.imported)}</dd>
        <dt>{t('console.import.col.failed')}</dt>
        <dd data-testid="catalog-import-failed">{formatDecimal(job.counts.failed)}</dd>
        {job.durationMs !== undefined && (
          <>
            <dt>{t('console.import.took')}</dt>
            <dd>{t('console.import.seconds', { seconds: formatDecimal((job.durationMs / 1000).toFixed(1)) })}</dd>
          </>
        )}
      </dl>
      {job.failure && (
        <div className="alert alert-error" role="alert">
          {job.failure.code}: {job.failure.message}
        </div>
      )}
      {job.reportUrl && (
        <p>
          <a href={job.reportUrl} className="btn btn-small" data-testid="catalog-import-report">
            {t('console.import.report')}
          </a>
        </p>
      )}
      {job.errorSample && job.errorSample.length > 0 && (
        <div className="table-scroll">
          <table className="data-table" data-testid="catalog-import-errors">
            <thead>
              <tr>
                <th className="num">{t('console.import.col.row')}</th>
                <th>{t('console.import.col.column')}</th>
                <th>{t('console.import.col.code')}</th>
                <th>{t('console.import.col.message')}</th>
              </tr>
            </thead>
            <tbody>
              {job.errorSample.map((error, index) => (
                <tr key={`${error.row}-${error.column}-${index}`}>
                  <td className="num">{error.row}</td>
                  <td className="mono">{error.column}</td>
                  <td className="mono">{error.code}</td>
                  <td>{error.message}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
};
