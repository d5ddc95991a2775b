/**
 * The company's documents (`GET /companies/{id}/documents`): invoices with open / paid amounts, due
 * date and overdue flag, credit notes and delivery notes, a summary of what is open and overdue, and
 * downloads (PDF, EN 16931 XML) through short-lived presigned links fetched on click.
 */
import { useState } from 'react';
import type { ApiClient } from '../api.js';
import { ErrorBox, Loading } from '../components/Status.js';
import { documentsApi, type DocumentFormat, type DocumentKind, type DocumentList, type InvoiceDocument } from '../documentsApi.js';
import { formatMoney, userLocale } from '../money.js';
import { openFetchedLink } from '../openLink.js';
import type { KsefSummary, Money } from '../types.js';
import { useAsync } from '../useAsync.js';

const show = (value: Money): string => formatMoney(value.amount, value.currency, userLocale());
const day = (iso: string | undefined): string => (iso ? iso.slice(0, 10) : '—');

/** Seller in Poland: the KSeF number, or "offline" until KSeF has numbered the document. */
const KsefLine = ({ ksef }: { ksef: KsefSummary | undefined }) =>
  ksef?.ksefNumber || ksef?.status === 'offline' ? (
    <div className="muted small mono" data-testid="doc-ksef">
      KSeF: {ksef.ksefNumber ?? 'offline'}
    </div>
  ) : null;

type KindFilter = DocumentKind | 'all';
type StatusFilter = 'open' | 'paid' | 'all';

interface DocumentsSectionProps {
  api: ApiClient;
  companyId: string;
}

export const DocumentsSection = ({ api, companyId }: DocumentsSectionProps) => {
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
        <h2 id="documents-title">Invoices and documents</h2>
        <button type="button" className="btn btn-small btn-ghost" onClick={list.reload} disabled={list.loading} data-testid="documents-refresh">
          Refresh
        </button>
      </header>
      <div className="inline-form documents-filters">
        <label className="field">
          <span>Documents</span>
          <select value={kind} onChange={(event) => setKind(event.target.value as KindFilter)} data-testid="documents-kind">
            <option value="all">All</option>
            <option value="invoice">Invoices</option>
            <option value="credit-note">Credit notes</option>
            <option value="delivery-note">Delivery notes</option>
          </select>
        </label>
        <label className="field">
          <span>Invoice status</span>
          <select
            value={status}
            onChange={(event) => setStatus(event.target.value as StatusFilter)}
            disabled={kind !== 'all' && kind !== 'invoice'}
            data-testid="documents-status"
          >
            <option value="all">Open and paid</option>
            <option value="open">Open</option>
            <option value="paid">Paid</option>
          </select>
        </label>
      </div>
      {list.loading && !list.data ? (
        <Loading label="Loading documents…" />
      ) : list.error || !list.data ? (
        <ErrorBox error={list.error} onRetry={list.reload} />
      ) : (
        <>
          <Summary list={list.data} />
          {(kind === 'all' || kind === 'invoice') && <InvoiceTable api={api} companyId={companyId} invoices={invoices} />}
          {(kind === 'all' || kind === 'credit-note') && status === 'all' && (
            <>
              <h3 className="small strong">Credit notes</h3>
              {creditNotes.length === 0 ? (
                <p className="muted small" data-testid="credit-notes-empty">
                  No credit notes.
                </p>
              ) : (
                <div className="table-scroll">
                  <table className="data-table" data-testid="credit-notes-table">
                    <thead>
                      <tr>
                        <th scope="col">Credit note</th>
                        <th scope="col">Date</th>
                        <th scope="col">For invoice</th>
                        <th scope="col">Reason</th>
                        <th scope="col" className="num">
                          Amount
                        </th>
                        <th scope="col">Download</th>
                      </tr>
                    </thead>
                    <tbody>
                      {creditNotes.map((note) => (
                        <tr key={note.number} data-testid={`doc-credit-note-${note.number}`}>
                          <td className="mono">
                            {note.number}
                            <KsefLine ksef={note.ksef} />
                          </td>
                          <td className="nowrap">{day(note.issuedAt)}</td>
                          <td className="mono">{note.invoiceNumber}</td>
                          <td>
                            {note.reason}
                            {note.refundDue.amount > 0 && <div className="muted small">Refund due: {show(note.refundDue)}</div>}
                          </td>
                          <td className="num">{show(note.gross)}</td>
                          <td>
                            <Downloads api={api} companyId={companyId} kind="credit-note" number={note.number} formats={note.formats} />
                          </td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </div>
              )}
            </>
          )}
          {(kind === 'all' || kind === 'delivery-note') && status === 'all' && (
            <>
              <h3 className="small strong">Delivery notes</h3>
              {deliveryNotes.length === 0 ? (
                <p className="muted small" data-testid="delivery-notes-empty">
                  No delivery notes.
                </p>
              ) : (
                <ul className="plain-list" data-testid="delivery-notes">
                  {deliveryNotes.map((note) => (
                    <li key={note.number} className="document-row" data-testid={`doc-delivery-note-${note.number}`}>
                      <span>
                        <span className="mono strong">{note.number}</span>{' '}
                        <span className="muted small">
                          · order {note.orderNumber} · {day(note.issuedAt)} · {note.carrier}
                        </span>
                      </span>
                      <Downloads api={api} companyId={companyId} kind="delivery-note" number={note.number} formats={note.formats} />
                    </li>
                  ))}
                </ul>
              )}
            </>
          )}
          {moreError !== undefined && <ErrorBox error={moreError} />}
          {kind !== 'all' && nextCursor && (
            <div className="load-more">
              <button type="button" className="btn" onClick={() => void loadMore()} disabled={loadingMore} data-testid="documents-load-more">
                {loadingMore ? 'Loading…' : 'Load more'}
              </button>
            </div>
          )}
        </>
      )}
    </section>
  );
};

const Summary = ({ list }: { list: DocumentList }) =>
  list.summary.length === 0 ? (
    <p className="muted small" data-testid="documents-summary-none">
      Nothing is open. Thank you!
    </p>
  ) : (
    <ul className="plain-list" data-testid="documents-summary">
      {list.summary.map((entry) => (
        <li key={entry.currency}>
          Open ({entry.openInvoices}):{' '}
          <span className="strong" data-testid={`documents-total-open-${entry.currency}`}>
            {show(entry.totalOpen)}
          </span>
          <span className="muted"> · </span>
          Overdue ({entry.overdueInvoices}):{' '}
          <span className={entry.totalOverdue.amount > 0 ? 'strong' : undefined} data-testid={`documents-total-overdue-${entry.currency}`}>
            {show(entry.totalOverdue)}
          </span>
        </li>
      ))}
    </ul>
  );

const InvoiceTable = ({ api, companyId, invoices }: { api: ApiClient; companyId: string; invoices: InvoiceDocument[] }) => (
  <>
    <h3 className="small strong">Invoices</h3>
    {invoices.length === 0 ? (
      <p className="muted small" data-testid="invoices-empty">
        No invoices.
      </p>
    ) : (
      <div className="table-scroll">
        <table className="data-table" data-testid="invoices-table">
          <thead>
            <tr>
              <th scope="col">Invoice</th>
              <th scope="col">Date</th>
              <th scope="col">Due</th>
              <th scope="col" className="num">
                Total
              </th>
              <th scope="col" className="num">
                Paid
              </th>
              <th scope="col" className="num">
                Open
              </th>
              <th scope="col">Status</th>
              <th scope="col">Download</th>
            </tr>
          </thead>
          <tbody>
            {invoices.map((invoice) => (
              <tr key={invoice.number} data-testid={`doc-invoice-${invoice.number}`} data-status={invoice.status}>
                <td>
                  <span className="mono">{invoice.number}</span>
                  {invoice.orderNumber && <div className="muted small mono">{invoice.orderNumber}</div>}
                  <KsefLine ksef={invoice.ksef} />
                </td>
                <td className="nowrap">{day(invoice.issuedAt)}</td>
                <td className="nowrap">{day(invoice.dueDate)}</td>
                <td className="num">{show(invoice.total)}</td>
                <td className="num" data-testid="doc-invoice-paid">
                  {show(invoice.paid)}
                  {invoice.credited.amount > 0 && <div className="muted small">credited {show(invoice.credited)}</div>}
                </td>
                <td className="num strong" data-testid="doc-invoice-open">
                  {show(invoice.open)}
                </td>
                <td>
                  <span
                    className={`badge ${invoice.status === 'paid' ? 'badge-ok' : invoice.overdue ? 'badge-danger' : 'badge-warn'}`}
                    data-testid="doc-invoice-status"
                  >
                    {invoice.status === 'paid' ? 'Paid' : invoice.overdue ? 'Overdue' : 'Open'}
                  </span>
                  {invoice.refundDue.amount > 0 && <div className="muted small">Refund due {show(invoice.refundDue)}</div>}
                </td>
                <td>
                  <Downloads api={api} companyId={companyId} kind="invoice" number={invoice.number} formats={invoice.formats} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    )}
  </>
);

const formatLabels: Record<DocumentFormat, string> = { pdf: 'PDF', xml: 'XML (e-invoice)' };

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
          {busy === format ? 'Opening…' : formatLabels[format]}
        </button>
      ))}
      {error !== undefined && <ErrorBox error={error} />}
    </span>
  );
};
