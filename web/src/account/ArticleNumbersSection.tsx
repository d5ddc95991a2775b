/**
 * The company's own article numbers (customer material numbers): every member sees them, company admins
 * map them to SKUs one by one or from a CSV file (`buyerNumber,sku`, every row or none). Buyers then
 * search, quick-order and read them on cart, order and invoice lines.
 */
import { useState, type FormEvent } from 'react';
import { useIntl } from 'react-intl';
import type { ApiResponse } from '../../../functions/contract.js';
import { ApiError, type ApiClient } from '../api.js';
import { ActionTable, RowAction } from '../components/ActionTable.js';
import { FormMessage } from '../components/Forms.js';
import { Loaded } from '../components/Status.js';
import { useT } from '../i18n/I18n.js';
import { useAsync } from '../useAsync.js';
import { useActionStatus } from './SectionForm.js';

/** The import's CSV format (column names are part of the format, the same in every language). */
const csvColumns = 'buyerNumber,sku';
const csvExample = `${csvColumns}\nM-100234,FAS-0122`;

type BuyerNumber = ApiResponse<'GET /companies/{companyId}/article-numbers'>['numbers'][number];

interface ImportRowError {
  row: number;
  code: string;
  message: string;
}

/** The row errors of a refused CSV import (`IMPORT_INVALID`), empty for any other error. */
const importRowErrors = (error: unknown): ImportRowError[] => {
  if (!(error instanceof ApiError) || error.code !== 'IMPORT_INVALID') return [];
  const errors = (error.details as { errors?: unknown } | undefined)?.errors;
  return Array.isArray(errors) ? (errors as ImportRowError[]) : [];
};

export const ArticleNumbersSection = ({ api, companyId, manage }: { api: ApiClient; companyId: string; manage: boolean }) => {
  const t = useT();
  const intl = useIntl();
  const [extra, setExtra] = useState<{ numbers: BuyerNumber[]; nextCursor?: string }>({ numbers: [] });
  const firstPage = useAsync(
    async (signal) => {
      setExtra({ numbers: [] });
      return api.call('GET /companies/{companyId}/article-numbers', { params: { companyId }, query: { limit: 100 } }, { auth: 'required', signal });
    },
    [companyId],
  );
  const [sku, setSku] = useState('');
  const [buyerNumber, setBuyerNumber] = useState('');
  const [csv, setCsv] = useState('');
  const [rowErrors, setRowErrors] = useState<ImportRowError[]>([]);
  const { busy, status, setStatus, run } = useActionStatus();

  const numbers = [...(firstPage.data?.numbers ?? []), ...extra.numbers];
  const nextCursor = extra.numbers.length ? extra.nextCursor : firstPage.data?.nextCursor;

  const loadMore = () =>
    run(async () => {
      const page = await api.call(
        'GET /companies/{companyId}/article-numbers',
        { params: { companyId }, query: { limit: 100, cursor: nextCursor } },
        { auth: 'required' },
      );
      setExtra((current) => ({ numbers: [...current.numbers, ...page.numbers], ...(page.nextCursor ? { nextCursor: page.nextCursor } : {}) }));
    });

  const save = async (event: FormEvent) => {
    event.preventDefault();
    if (!sku.trim() || !buyerNumber.trim()) return setStatus({ error: t('account.articles.missing') });
    const saved = await run(
      () =>
        api.call(
          'PUT /companies/{companyId}/article-numbers/{sku}',
          { params: { companyId, sku: sku.trim() }, body: { buyerNumber: buyerNumber.trim() } },
          { auth: 'required' },
        ),
      t('account.articles.saved', { buyerNumber: buyerNumber.trim(), sku: sku.trim() }),
    );
    if (saved) {
      setSku('');
      setBuyerNumber('');
      firstPage.reload();
    }
  };

  const remove = async (entry: BuyerNumber) => {
    if (
      await run(
        () => api.call('DELETE /companies/{companyId}/article-numbers/{sku}', { params: { companyId, sku: entry.sku } }, { auth: 'required' }),
        t('account.articles.removed', { buyerNumber: entry.buyerNumber }),
      )
    )
      firstPage.reload();
  };

  const importFile = async (event: FormEvent) => {
    event.preventDefault();
    setRowErrors([]);
    if (!csv.trim()) return setStatus({ error: t('account.articles.noCsv') });
    let imported = 0;
    const done = await run(async () => {
      try {
        imported = (await api.call('POST /companies/{companyId}/article-numbers/import', { params: { companyId }, body: { csv } }, { auth: 'required' }))
          .imported;
      } catch (error) {
        setRowErrors(importRowErrors(error));
        throw error;
      }
    });
    if (done) {
      setStatus({ ok: t('account.articles.imported', { count: imported }) });
      setCsv('');
      firstPage.reload();
    }
  };

  return (
    <section className="card panel" aria-labelledby="article-numbers-title" data-testid="article-numbers-section">
      <header className="panel-header">
        <h2 id="article-numbers-title">{t('account.articles.title')}</h2>
      </header>
      <p className="muted small">{t('account.articles.intro')}</p>
      {status && <FormMessage error={status.error} success={status.ok} testId="article-numbers-status" />}
      {rowErrors.length > 0 && (
        <ul className="line-problems" data-testid="article-numbers-row-errors">
          {rowErrors.map((problem) => (
            <li key={`${problem.row}-${problem.code}`}>{t('account.articles.rowError', { row: problem.row, message: problem.message })}</li>
          ))}
        </ul>
      )}
      <Loaded state={firstPage} label={t('account.articles.loading')} isEmpty={() => numbers.length === 0} empty={t('account.articles.none')}>
        {() => (
          <ActionTable
            scroll
            rows={numbers}
            testId="article-numbers"
            identify={(entry) => ({ key: entry.sku, testId: `article-number-${entry.sku}` })}
            columns={[
              { label: t('account.articles.yourNo'), cell: (entry) => <span className="mono">{entry.buyerNumber}</span> },
              { label: t('account.articles.sku'), cell: (entry) => <span className="mono">{entry.sku}</span> },
              { label: t('account.articles.product'), cell: (entry) => entry.name },
            ]}
            actions={(entry) =>
              manage ? (
                <RowAction label={t('account.remove')} disabled={busy} onClick={() => void remove(entry)} testId={`article-number-remove-${entry.sku}`} />
              ) : null
            }
          />
        )}
      </Loaded>
      {nextCursor && (
        <button type="button" className="btn btn-small" disabled={busy} onClick={() => void loadMore()} data-testid="article-numbers-more">
          {t('account.articles.more')}
        </button>
      )}
      {manage && (
        <>
          <form className="inline-form" onSubmit={(event) => void save(event)}>
            <input
              type="text"
              maxLength={32}
              placeholder={t('account.articles.sku')}
              aria-label={t('account.articles.skuLabel')}
              value={sku}
              onChange={(event) => setSku(event.target.value)}
              data-testid="article-number-sku"
            />
            <input
              type="text"
              maxLength={35}
              placeholder={t('account.articles.yourNumber')}
              aria-label={t('account.articles.yourNumber')}
              value={buyerNumber}
              onChange={(event) => setBuyerNumber(event.target.value)}
              data-testid="article-number-value"
            />
            <button type="submit" className="btn btn-small" disabled={busy} data-testid="article-number-save">
              {t('account.save')}
            </button>
          </form>
          <form className="subform" onSubmit={(event) => void importFile(event)}>
            <label>
              {intl.formatMessage(
                { id: 'account.articles.csvLabel' },
                { columns: <span className="mono">{csvColumns}</span>, separator: <span className="mono">;</span> },
              )}
              <input
                type="file"
                accept=".csv,text/csv"
                onChange={(event) => {
                  const file = event.target.files?.[0];
                  if (file) void file.text().then(setCsv);
                }}
                data-testid="article-numbers-file"
              />
            </label>
            <textarea
              rows={4}
              aria-label={t('account.articles.csvRows')}
              placeholder={csvExample}
              value={csv}
              onChange={(event) => setCsv(event.target.value)}
              data-testid="article-numbers-csv"
            />
            <button type="submit" className="btn btn-small" disabled={busy} data-testid="article-numbers-import">
              {t('account.articles.import')}
            </button>
          </form>
        </>
      )}
    </section>
  );
};
