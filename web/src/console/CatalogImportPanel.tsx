/** Console "Catalog import" tab (back-office): upload a products or prices CSV, follow the job, read the error report. */
import { useEffect, useState, type FormEvent } from 'react';
import { apiErrorMessage } from '../api.js';
import { catalogExchangeApi, type CatalogImport, type ImportKind } from '../catalogExchange.js';
import { Empty, ErrorBox, Loading } from '../components/Status.js';
import { useServices } from '../services.js';
import { useAsync } from '../useAsync.js';

const finished = (job: CatalogImport) => job.status === 'completed' || job.status === 'failed';

export const CatalogImportPanel = () => {
  const { api } = useServices();
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
          <h1>Catalog import</h1>
          <p className="muted">
            Products or price-list entries from a CSV file (columns in docs/catalog-exchange.md). Each row is written completely or not at all; bad rows are
            reported with their row number.
          </p>
        </div>
      </header>
      <form className="card form-grid" onSubmit={submit} data-testid="catalog-import-form">
        <label className="field">
          What the file holds
          <select value={kind} onChange={(event) => setKind(event.target.value as ImportKind)} data-testid="catalog-import-kind">
            <option value="products">Products (master data and list prices)</option>
            <option value="prices">Prices (price-list entries)</option>
          </select>
        </label>
        <label className="field">
          Decimal separator
          <select value={decimalSeparator} onChange={(event) => setDecimalSeparator(event.target.value as '.' | ',')} data-testid="catalog-import-decimal">
            <option value=".">12.34 (fields separated by ,)</option>
            <option value=",">12,34 (fields separated by ;)</option>
          </select>
        </label>
        <label className="field">
          CSV file
          <input type="file" accept=".csv,text/csv" onChange={(event) => setFile(event.target.files?.[0] ?? null)} data-testid="catalog-import-file" required />
        </label>
        <div className="form-actions">
          <button type="submit" className="btn btn-primary" disabled={!file || busy} data-testid="catalog-import-submit">
            {busy ? 'Uploading…' : 'Upload and import'}
          </button>
        </div>
        {error && (
          <div className="alert alert-error" role="alert" data-testid="catalog-import-error">
            {error}
          </div>
        )}
      </form>
      {job && <ImportResult job={job} />}
      <h2>Recent imports</h2>
      {history.loading ? (
        <Loading label="Loading imports…" />
      ) : history.error || !history.data ? (
        <ErrorBox error={history.error} onRetry={history.reload} />
      ) : history.data.length === 0 ? (
        <Empty>No imports yet.</Empty>
      ) : (
        <div className="table-scroll">
          <table className="data-table" data-testid="catalog-import-history">
            <thead>
              <tr>
                <th>Started</th>
                <th>File</th>
                <th>Kind</th>
                <th>Status</th>
                <th className="num">Rows</th>
                <th className="num">Imported</th>
                <th className="num">Failed</th>
              </tr>
            </thead>
            <tbody>
              {history.data.map((entry) => (
                <tr key={entry.importId}>
                  <td>{new Date(entry.createdAt).toLocaleString()}</td>
                  <td className="mono">{entry.fileName}</td>
                  <td>{entry.kind}</td>
                  <td>{entry.status}</td>
                  <td className="num">{entry.counts.rows}</td>
                  <td className="num">{entry.counts.imported}</td>
                  <td className="num">{entry.counts.failed}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
};

const ImportResult = ({ job }: { job: CatalogImport }) => (
  <div className="card" data-testid="catalog-import-result" data-status={job.status}>
    <h2>
      {job.fileName} · <span data-testid="catalog-import-status">{job.status}</span>
    </h2>
    {!finished(job) && <Loading label={`Importing… ${job.counts.rows} rows read`} />}
    <dl className="facts" data-testid="catalog-import-summary">
      <dt>Rows</dt>
      <dd data-testid="catalog-import-rows">{job.counts.rows}</dd>
      <dt>Imported</dt>
      <dd data-testid="catalog-import-imported">{job.counts.imported}</dd>
      <dt>Failed</dt>
      <dd data-testid="catalog-import-failed">{job.counts.failed}</dd>
      {job.durationMs !== undefined && (
        <>
          <dt>Took</dt>
          <dd>{(job.durationMs / 1000).toFixed(1)} s</dd>
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
          Download the error report (CSV)
        </a>
      </p>
    )}
    {job.errorSample && job.errorSample.length > 0 && (
      <div className="table-scroll">
        <table className="data-table" data-testid="catalog-import-errors">
          <thead>
            <tr>
              <th className="num">Row</th>
              <th>Column</th>
              <th>Code</th>
              <th>Message</th>
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
