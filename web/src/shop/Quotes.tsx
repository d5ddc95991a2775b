/** Sales-rep quotes in the shop: the company's quotes, one quote with its versions, PDF and acceptance; quote request from the cart. */
import { useEffect, useRef, useState } from 'react';
import { apiErrorMessage, ApiError } from '../api.js';
import { Empty, ErrorBox, Loading } from '../components/Status.js';
import { formatMoney } from '../money.js';
import { deliveryLabel, formatQuantity, isRetryable, quotesApi, statusLabels, type Offer, type OfferVersion } from '../quotes.js';
import { Link, navigate } from '../router.js';
import { useServices } from '../services.js';
import type { Money } from '../types.js';
import { useAsync } from '../useAsync.js';
import { newIdempotencyKey } from './Checkout.js';
import { Totals } from './OrderBits.js';
import { formatRate } from './ProductBits.js';

const money = (value: Money) => formatMoney(value.amount, value.currency);

export const QuoteStatus = ({ offer }: { offer: Offer }) => (
  <span className={`badge badge-${offer.status}`} data-testid="quote-status">
    {statusLabels[offer.status] ?? offer.status}
  </span>
);

/** Lines, totals and terms of one quote version (shop and console). */
export const QuoteVersionView = ({ version }: { version: OfferVersion }) => (
  <>
    <div className="table-scroll">
      <table className="data-table" data-testid="quote-lines">
        <thead>
          <tr>
            <th scope="col">SKU</th>
            <th scope="col">Product</th>
            <th scope="col" className="num">Quantity</th>
            <th scope="col" className="num">List price</th>
            <th scope="col" className="num">Quoted unit price</th>
            <th scope="col" className="num">VAT</th>
            <th scope="col" className="num">Line net</th>
          </tr>
        </thead>
        <tbody>
          {version.lines.map((line) => (
            <tr key={line.sku} data-testid={`quote-line-${line.sku}`}>
              <td className="mono">{line.sku}</td>
              <td>{line.name}</td>
              <td className="num">{formatQuantity(line.quantity, line.unit)}</td>
              <td className="num muted">{money(line.listUnitNet)}</td>
              <td className="num strong">{money(line.unitNet)}</td>
              <td className="num">{formatRate(line.vatRate)}</td>
              <td className="num">{money(line.lineNet)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
    <Totals
      prefix="quote-version"
      net={version.net}
      vat={version.vat}
      gross={version.gross}
      vatBreakdown={version.vatBreakdown}
      reverseCharge={version.reverseCharge}
      deliveryFee={version.terms.deliveryFee}
      payable={{ amount: version.gross.amount + version.terms.deliveryFee.amount, currency: version.gross.currency }}
    />
    <dl className="details" data-testid="quote-terms">
      <dt>Valid until</dt>
      <dd data-testid="quote-valid-until">{version.terms.validUntil}</dd>
      <dt>Delivery</dt>
      <dd>{deliveryLabel(version.terms.delivery)}</dd>
      <dt>Payment</dt>
      <dd>{version.terms.paymentMethod}</dd>
      {version.terms.note && (
        <>
          <dt>Note</dt>
          <dd>{version.terms.note}</dd>
        </>
      )}
      <dt>Version</dt>
      <dd>
        {version.version} · {new Date(version.createdAt).toLocaleString()} · {version.createdBy.name}
      </dd>
    </dl>
  </>
);

export const QuoteList = ({ companyId }: { companyId: string }) => {
  const { api } = useServices();
  const list = useAsync((signal) => quotesApi(api.shop).listCompany(companyId, signal), [companyId]);
  return (
    <section data-testid="quotes-page">
      <header className="section-header">
        <h1>Quotes</h1>
      </header>
      {list.loading ? (
        <Loading label="Loading quotes…" />
      ) : list.error || !list.data ? (
        <ErrorBox error={list.error} onRetry={list.reload} />
      ) : list.data.length === 0 ? (
        <Empty>No quotes yet. You can request one from your cart.</Empty>
      ) : (
        <div className="card table-card">
          <div className="table-scroll">
            <table className="data-table" data-testid="quotes-table">
              <thead>
                <tr>
                  <th scope="col">Quote</th>
                  <th scope="col">Status</th>
                  <th scope="col">Version</th>
                  <th scope="col">Valid until</th>
                  <th scope="col" className="num">Total</th>
                </tr>
              </thead>
              <tbody>
                {list.data.map((offer) => (
                  <QuoteRow key={offer.offerId} offer={offer} companyId={companyId} />
                ))}
              </tbody>
            </table>
          </div>
        </div>
      )}
    </section>
  );
};

/** One row; validity and total come from the shown (sent) version. */
const QuoteRow = ({ offer, companyId }: { offer: Offer; companyId: string }) => {
  const { api } = useServices();
  const shown = offer.sentVersion;
  const version = useAsync((signal) => (shown ? quotesApi(api.shop).getVersion(companyId, offer.offerId, shown, signal) : undefined), [offer.offerId, shown]);
  return (
    <tr data-testid={`quote-row-${offer.offerId}`}>
      <td>
        <Link to={`/quotes/${encodeURIComponent(offer.offerId)}`} className="mono">
          {offer.quoteNumber}
        </Link>
      </td>
      <td>
        <QuoteStatus offer={offer} />
      </td>
      <td>{shown ?? '—'}</td>
      <td>{version.data?.terms.validUntil ?? '—'}</td>
      <td className="num">{version.data ? money(version.data.gross) : '—'}</td>
    </tr>
  );
};

export const QuotePage = ({ companyId, offerId, canAccept }: { companyId: string; offerId: string; canAccept: boolean }) => {
  const { api } = useServices();
  const quotes = quotesApi(api.shop);
  const detail = useAsync((signal) => quotes.get(companyId, offerId, signal), [companyId, offerId]);
  const [selected, setSelected] = useState<number | undefined>(undefined);
  const latest = detail.data?.version?.version;
  const shownNumber = selected ?? latest;
  const older = useAsync(
    (signal) => (selected !== undefined && selected !== latest ? quotes.getVersion(companyId, offerId, selected, signal) : undefined),
    [selected, latest, companyId, offerId],
  );
  const [pdfError, setPdfError] = useState<unknown>(null);
  const [accepting, setAccepting] = useState(false);
  const [acceptError, setAcceptError] = useState<unknown>(null);
  const pending = useRef<{ version: number; key: string } | null>(null);

  if (detail.loading) return <Loading label="Loading the quote…" />;
  if (detail.error || !detail.data) return <ErrorBox error={detail.error} onRetry={detail.reload} />;
  const offer = detail.data;
  const version = selected !== undefined && selected !== latest ? older.data : (offer.version ?? undefined);

  const openPdf = async () => {
    setPdfError(null);
    const popup = window.open('', '_blank');
    try {
      const link = await quotes.pdf(companyId, offerId, shownNumber);
      if (popup) popup.location.href = link.url;
      else window.location.href = link.url;
    } catch (error) {
      popup?.close();
      setPdfError(error);
    }
  };

  const accept = async () => {
    if (!latest) return;
    // A fresh key per click; a retry of the same acceptance (network error, 5xx) keeps it.
    if (!pending.current || pending.current.version !== latest) pending.current = { version: latest, key: newIdempotencyKey() };
    setAccepting(true);
    setAcceptError(null);
    try {
      const placed = await quotes.accept(companyId, offerId, latest, pending.current.key);
      pending.current = null;
      navigate(`/orders/${encodeURIComponent(placed.orderId)}`);
    } catch (error) {
      if (!isRetryable(error)) {
        pending.current = null;
        if (error instanceof ApiError && error.status === 409) detail.reload();
      }
      setAcceptError(error);
    } finally {
      setAccepting(false);
    }
  };

  return (
    <section data-testid="quote-page">
      <nav className="breadcrumb" aria-label="Breadcrumb">
        <Link to="/quotes">Quotes</Link>
        <span aria-hidden="true">/</span>
        <span className="mono">{offer.quoteNumber}</span>
      </nav>
      <header className="section-header">
        <div>
          <h1>
            Quote <span className="mono">{offer.quoteNumber}</span> <QuoteStatus offer={offer} />
          </h1>
          {offer.acceptance && (
            <p>
              Accepted by {offer.acceptance.acceptedBy.name}: order{' '}
              <Link to={`/orders/${encodeURIComponent(offer.acceptance.orderId)}`}>{offer.acceptance.orderNumber}</Link>
            </p>
          )}
        </div>
        <div className="actions">
          {offer.versions.length > 1 && (
            <label className="field field-inline">
              Version{' '}
              <select value={shownNumber} onChange={(event) => setSelected(Number(event.target.value))} data-testid="quote-version-select">
                {offer.versions.map((number) => (
                  <option key={number} value={number}>
                    {number}
                    {number === latest ? ' (latest)' : ''}
                  </option>
                ))}
              </select>
            </label>
          )}
          {shownNumber !== undefined && (
            <button type="button" className="btn" onClick={() => void openPdf()} data-testid="quote-pdf">
              PDF
            </button>
          )}
          {canAccept && offer.acceptable && (selected === undefined || selected === latest) && (
            <button type="button" className="btn btn-primary" disabled={accepting} onClick={() => void accept()} data-testid="quote-accept">
              {accepting ? 'Accepting…' : 'Accept and order'}
            </button>
          )}
        </div>
      </header>
      {pdfError !== null && <ErrorBox error={pdfError} />}
      {acceptError !== null && (
        <div className="alert alert-error" role="alert" data-testid="quote-accept-error">
          {apiErrorMessage(acceptError)}
          {isRetryable(acceptError) && ' You can try again safely: the quote will not be ordered twice.'}
        </div>
      )}
      {selected !== undefined && selected !== latest && <p className="alert alert-warn">You are looking at an older version ({selected}); only the latest version can be accepted.</p>}
      <div className="card panel">
        {older.loading && selected !== undefined && selected !== latest ? (
          <Loading />
        ) : older.error ? (
          <ErrorBox error={older.error} onRetry={older.reload} />
        ) : version ? (
          <QuoteVersionView version={version} />
        ) : (
          <Empty>{offer.request ? `Your request is being prepared: "${offer.request.note}"` : 'No version yet.'}</Empty>
        )}
      </div>
    </section>
  );
};

/** "Request a quote for this cart" with a note (POST /quote-requests). */
export const RequestQuote = () => {
  const { api } = useServices();
  const [open, setOpen] = useState(false);
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [done, setDone] = useState<Offer | null>(null);
  useEffect(() => {
    if (!open) setError(null);
  }, [open]);
  if (done)
    return (
      <p className="alert alert-success" data-testid="quote-requested">
        Quote {done.quoteNumber} requested. Your sales representative will prepare it — see <Link to="/quotes">Quotes</Link>.
      </p>
    );
  if (!open)
    return (
      <button type="button" className="btn" onClick={() => setOpen(true)} data-testid="request-quote">
        Request a quote for this cart
      </button>
    );
  const submit = async () => {
    setBusy(true);
    setError(null);
    try {
      setDone(await quotesApi(api.shop).request(note.trim()));
    } catch (failure) {
      setError(failure);
    } finally {
      setBusy(false);
    }
  };
  return (
    <form
      className="card panel"
      data-testid="quote-request-form"
      onSubmit={(event) => {
        event.preventDefault();
        void submit();
      }}
    >
      <label className="field">
        Note for your sales representative
        <textarea value={note} onChange={(event) => setNote(event.target.value)} maxLength={2000} rows={3} required data-testid="quote-request-note" />
      </label>
      {error !== null && <ErrorBox error={error} />}
      <div className="actions">
        <button type="submit" className="btn btn-primary" disabled={busy || !note.trim()} data-testid="quote-request-submit">
          {busy ? 'Sending…' : 'Request quote'}
        </button>
        <button type="button" className="btn btn-ghost" onClick={() => setOpen(false)}>
          Cancel
        </button>
      </div>
    </form>
  );
};
