/**
 * The company's documents (`GET /companies/{id}/documents`): invoices with open / paid amounts, due
 * date and overdue flag, credit notes and delivery notes, a summary of what is open and overdue, and
 * downloads (PDF, EN 16931 XML) through short-lived presigned links fetched on click.
 */
import { useState, type ReactNode } from 'react';
import type { ApiClient } from '../api.js';
import { DataTable } from '../components/ActionTable.js';
import { ErrorBox, Loaded } from '../components/Status.js';
import { documentsApi, type DocumentFormat, type DocumentKind, type DocumentList, type InvoiceDocument } from '../documentsApi.js';
import { formatDate } from '../format.js';
import { useT } from '../i18n/I18n.js';
import type { MessageKey } from '../i18n/messages/index.js';
import { formatMoney } from '../money.js';
import { openFetchedLink } from '../openLink.js';
import { LoadMore } from '../shop/ProductTable.js';
import type { KsefSummary, Money } from '../types.js';
import { useAsync } from '../useAsync.js';

const show = (value: Money): string => formatMoney(value.amount, value.currency);
const day = (iso: string | undefined): string => (iso ? formatDate(iso) : '—');

/** Seller in Poland: the KSeF number, or "offline" until KSeF has numbered the document. */
const KsefLine = ({ ksef }: { ksef: KsefSummary | undefined }) => {
  const t = useT();
  return ksef?.ksefNumber || ksef?.status === 'offline' ? (
    <div className="muted small mono" data-testid="doc-ksef">
      {ksef.ksefNumber ? t('documents.ksef', { number: ksef.ksefNumber }) : t('documents.ksefOffline')}
    </div>
  ) : null;
};

type KindFilter = DocumentKind | 'all';
type StatusFilter = 'open' | 'paid' | 'all';

interface DocumentsSectionProps {
  api: ApiClient;
  companyId: string;
}

export const DocumentsSection = ({ api, companyId }: DocumentsSectionProps) => {
  const t = useT();
  const calls = documentsApi(api);
  const [kind, setKind] = useState<KindFilter>('all');
  const [status, setStatus] = useState<StatusFilter>('all');
  const [more, setMore] = useState<DocumentList[]>([]);
  const [loadingMore, setLoadingMore] = useState(false);
  const [moreError, setMoreError] = useState<unknown>();
  const filter = { ...(kind !== 'all' ? { kind } : {}), ...(status !== 'all' && (kind === 'all' || kind === 'invoice') ? { status } : {}) };
  const list = useAsync(
    (signal) => {
      setMore([]);
      return calls.list(companyId, filter, signal);
    },
    [companyId, kind, status],
  );

  const pages = list.data ? [list.data, ...more] : [];
  const invoices = pages.flatMap((page) => page.invoices);
  const creditNotes = pages.flatMap((page) => page.creditNotes);
  const deliveryNotes = pages.flatMap((page) => page.deliveryNotes);
  const nextCursor = pages.length > 0 ? pages[pages.length - 1]?.nextCursor : undefined;
  // Credit and delivery notes are neither open nor paid: a status filter leaves only invoices.
  const shows = (group: DocumentKind) => (kind === 'all' || kind === group) && (group === 'invoice' || status === 'all');

  const loadMore = async () => {
    if (!nextCursor) return;
    setLoadingMore(true);
    setMoreError(undefined);
    try {
      const page = await calls.list(companyId, { ...filter, cursor: nextCursor });
      setMore((current) => [...current, page]);
    } catch (failure) {
      setMoreError(failure);
    } finally {
      setLoadingMore(false);
    }
  };

  return (
    <section className="card panel documents-section" aria-labelledby="documents-title" data-testid="documents-section">
      <header className="panel-header">
        <h2 id="documents-title">{t('documents.title')}</h2>
        <button type="button" className="btn btn-small btn-ghost" onClick={list.reload} disabled={list.loading} data-testid="documents-refresh">
          {t('documents.refresh')}
        </button>
      </header>
      <div className="inline-form documents-filters">
        <label className="field">
          <span>{t('documents.filter.kind')}</span>
          <select value={kind} onChange={(event) => setKind(event.target.value as KindFilter)} data-testid="documents-kind">
            <option value="all">{t('documents.kind.all')}</option>
            <option value="invoice">{t('documents.kind.invoice')}</option>
            <option value="credit-note">{t('documents.kind.creditNote')}</option>
            <option value="delivery-note">{t('documents.kind.deliveryNote')}</option>
          </select>
        </label>
        <label className="field">
          <span>{t('documents.filter.status')}</span>
          <select
            value={status}
            onChange={(event) => setStatus(event.target.value as StatusFilter)}
            disabled={kind !== 'all' && kind !== 'invoice'}
            data-testid="documents-status"
          >
            <option value="all">{t('documents.status.all')}</option>
            <option value="open">{t('documents.status.open')}</option>
            <option value="paid">{t('documents.status.paid')}</option>
          </select>
        </label>
      </div>
      <Loaded state={list} label={t('documents.loading')}>
        {(first) => (
          <>
            <Summary list={first} />
            {shows('invoice') && <InvoiceTable api={api} companyId={companyId} invoices={invoices} />}
            {shows('credit-note') && (
              <DocumentGroup kind="credit-note" count={creditNotes.length}>
                <DataTable
                  scroll
                  rows={creditNotes}
                  testId="credit-notes-table"
                  identify={(note) => ({ key: note.number, testId: `doc-credit-note-${note.number}` })}
                  columns={[
                    {
                      label: t('documents.col.creditNote'),
                      className: 'mono',
                      cell: (note) => (
                        <>
                          {note.number}
                          <KsefLine ksef={note.ksef} />
                        </>
                      ),
                    },
                    { label: t('documents.col.date'), className: 'nowrap', cell: (note) => day(note.issuedAt) },
                    { label: t('documents.col.forInvoice'), className: 'mono', cell: (note) => note.invoiceNumber },
                    {
                      label: t('documents.col.reason'),
                      cell: (note) => (
                        <>
                          {note.reason}
                          {note.refundDue.amount > 0 && <div className="muted small">{t('documents.refundDueColon', { amount: show(note.refundDue) })}</div>}
                        </>
                      ),
                    },
                    { label: t('documents.col.amount'), numeric: true, cell: (note) => show(note.gross) },
                    {
                      label: t('documents.col.download'),
                      cell: (note) => <Downloads api={api} companyId={companyId} kind="credit-note" number={note.number} formats={note.formats} />,
                    },
                  ]}
                />
              </DocumentGroup>
            )}
            {shows('delivery-note') && (
              <DocumentGroup kind="delivery-note" count={deliveryNotes.length}>
                <ul className="plain-list" data-testid="delivery-notes">
                  {deliveryNotes.map((note) => (
                    <li key={note.number} className="document-row" data-testid={`doc-delivery-note-${note.number}`}>
                      <span>
                        <span className="mono strong">{note.number}</span>{' '}
                        <span className="muted small">
                          · {t('documents.deliveryNotes.order', { number: note.orderNumber })} · {day(note.issuedAt)} · {note.carrier}
                        </span>
                      </span>
                      <Downloads api={api} companyId={companyId} kind="delivery-note" number={note.number} formats={note.formats} />
                    </li>
                  ))}
                </ul>
              </DocumentGroup>
            )}
            {moreError !== undefined && <ErrorBox error={moreError} />}
            {kind !== 'all' && nextCursor && (
              <LoadMore
                onClick={() => void loadMore()}
                busy={loadingMore}
                loading={false}
                label={t('documents.loadMore')}
                busyLabel={t('documents.loadingMore')}
                testId="documents-load-more"
              />
            )}
          </>
        )}
      </Loaded>
    </section>
  );
};

const Summary = ({ list }: { list: DocumentList }) => {
  const t = useT();
  return list.summary.length === 0 ? (
    <p className="muted small" data-testid="documents-summary-none">
      {t('documents.summary.none')}
    </p>
  ) : (
    <ul className="plain-list" data-testid="documents-summary">
      {list.summary.map((entry) => (
        <li key={entry.currency}>
          {t('documents.summary.open', { count: entry.openInvoices })}{' '}
          <span className="strong" data-testid={`documents-total-open-${entry.currency}`}>
            {show(entry.totalOpen)}
          </span>
          <span className="muted"> · </span>
          {t('documents.summary.overdue', { count: entry.overdueInvoices })}{' '}
          <span className={entry.totalOverdue.amount > 0 ? 'strong' : undefined} data-testid={`documents-total-overdue-${entry.currency}`}>
            {show(entry.totalOverdue)}
          </span>
        </li>
      ))}
    </ul>
  );
};

const groupTexts: Record<DocumentKind, { title: MessageKey; empty: MessageKey; emptyTestId: string }> = {
  invoice: { title: 'documents.kind.invoice', empty: 'documents.invoices.empty', emptyTestId: 'invoices-empty' },
  'credit-note': { title: 'documents.kind.creditNote', empty: 'documents.creditNotes.empty', emptyTestId: 'credit-notes-empty' },
  'delivery-note': { title: 'documents.kind.deliveryNote', empty: 'documents.deliveryNotes.empty', emptyTestId: 'delivery-notes-empty' },
};

/** A kind of document under its heading: its table or list, or the note that there is none. */
const DocumentGroup = ({ kind, count, children }: { kind: DocumentKind; count: number; children: ReactNode }) => {
  const t = useT();
  const texts = groupTexts[kind];
  return (
    <>
      <h3 className="small strong">{t(texts.title)}</h3>
      {count === 0 ? (
        <p className="muted small" data-testid={texts.emptyTestId}>
          {t(texts.empty)}
        </p>
      ) : (
        children
      )}
    </>
  );
};

const InvoiceTable = ({ api, companyId, invoices }: { api: ApiClient; companyId: string; invoices: InvoiceDocument[] }) => {
  const t = useT();
  return (
    <DocumentGroup kind="invoice" count={invoices.length}>
      <DataTable
        scroll
        rows={invoices}
        testId="invoices-table"
        identify={(invoice) => ({ key: invoice.number, testId: `doc-invoice-${invoice.number}`, status: invoice.status })}
        columns={[
          {
            label: t('documents.col.invoice'),
            cell: (invoice) => (
              <>
                <span className="mono">{invoice.number}</span>
                {invoice.orderNumber && <div className="muted small mono">{invoice.orderNumber}</div>}
                <KsefLine ksef={invoice.ksef} />
              </>
            ),
          },
          { label: t('documents.col.date'), className: 'nowrap', cell: (invoice) => day(invoice.issuedAt) },
          { label: t('documents.col.due'), className: 'nowrap', cell: (invoice) => day(invoice.dueDate) },
          { label: t('documents.col.total'), numeric: true, cell: (invoice) => show(invoice.total) },
          {
            label: t('documents.col.paid'),
            numeric: true,
            testId: 'doc-invoice-paid',
            cell: (invoice) => (
              <>
                {show(invoice.paid)}
                {invoice.credited.amount > 0 && <div className="muted small">{t('documents.credited', { amount: show(invoice.credited) })}</div>}
              </>
            ),
          },
          { label: t('documents.col.open'), numeric: true, className: 'strong', testId: 'doc-invoice-open', cell: (invoice) => show(invoice.open) },
          {
            label: t('documents.col.status'),
            cell: (invoice) => (
              <>
                <span
                  className={`badge ${invoice.status === 'paid' ? 'badge-ok' : invoice.overdue ? 'badge-danger' : 'badge-warn'}`}
                  data-testid="doc-invoice-status"
                >
                  {t(
                    invoice.status === 'paid'
                      ? 'documents.invoiceStatus.paid'
                      : invoice.overdue
                        ? 'documents.invoiceStatus.overdue'
                        : 'documents.invoiceStatus.open',
                  )}
                </span>
                {invoice.refundDue.amount > 0 && <div className="muted small">{t('documents.refundDue', { amount: show(invoice.refundDue) })}</div>}
              </>
            ),
          },
          {
            label: t('documents.col.download'),
            cell: (invoice) => <Downloads api={api} companyId={companyId} kind="invoice" number={invoice.number} formats={invoice.formats} />,
          },
        ]}
      />
    </DocumentGroup>
  );
};

const formatLabels: Record<DocumentFormat, MessageKey> = { pdf: 'documents.format.pdf', xml: 'documents.format.xml' };

/** Download buttons: the presigned link lives minutes, so it is fetched on click and opened at once. */
const Downloads = ({
  api,
  companyId,
  kind,
  number,
  formats,
}: {
  api: ApiClient;
  companyId: string;
  kind: DocumentKind;
  number: string;
  formats: DocumentFormat[];
}) => {
  const t = useT();
  const [busy, setBusy] = useState<DocumentFormat | null>(null);
  const [error, setError] = useState<unknown>();
  const open = async (format: DocumentFormat) => {
    setBusy(format);
    setError(undefined);
    try {
      await openFetchedLink(async () => (await documentsApi(api).link(companyId, kind, number, format)).url);
    } catch (failure) {
      setError(failure);
    } finally {
      setBusy(null);
    }
  };
  return (
    <span className="document-downloads">
      {formats.map((format) => (
        <button
          key={format}
          type="button"
          className="btn btn-small btn-ghost"
          onClick={() => void open(format)}
          disabled={busy !== null}
          data-testid={`download-${kind}-${format}-${number}`}
        >
          {busy === format ? t('documents.opening') : t(formatLabels[format])}
        </button>
      ))}
      {error !== undefined && <ErrorBox error={error} />}
    </span>
  );
};
