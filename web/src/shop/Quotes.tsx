/** Sales-rep quotes in the shop: the company's quotes, one quote with its versions, PDF and acceptance; quote request from the cart. */
import { useEffect, useRef, useState } from 'react';
import { FormattedMessage } from 'react-intl';
import { apiErrorMessage, ApiError } from '../api.js';
import { Empty, ErrorBox, Loading } from '../components/Status.js';
import { formatDate, formatDateTime } from '../format.js';
import { useT, type Translate } from '../i18n/I18n.js';
import type { MessageKey } from '../i18n/messages/index.js';
import { formatMoney } from '../money.js';
import type { ApiClient } from '../api.js';
import { formatQuantity, isRetryable, notAcceptableTexts, quotesApi, statusLabels, type Offer, type OfferDetail, type OfferVersion } from '../quotes.js';
import { Link, navigate } from '../router.js';
import { useServices } from '../services.js';
import type { Money } from '../types.js';
import { useAsync } from '../useAsync.js';
import { newIdempotencyKey } from './Checkout.js';
import { deliveryText, paymentLabel, Totals } from './OrderBits.js';
import { formatRate } from './ProductBits.js';
import { Breadcrumb } from '../components/Breadcrumb.js';

const money = (value: Money) => formatMoney(value.amount, value.currency);

export const QuoteStatus = ({ offer }: { offer: Offer }) => (
  <span className={`badge badge-${offer.status}`} data-testid="quote-status">
    {statusLabels[offer.status] ?? offer.status}
  </span>
);

/** Lines, totals and terms of one quote version (shop and console). */
export const QuoteVersionView = ({ version }: { version: OfferVersion }) => {
  const t = useT();
  return (
    <>
      <div className="table-scroll">
        <table className="data-table" data-testid="quote-lines">
          <thead>
            <tr>
              <th scope="col">{t('quotes.col.sku')}</th>
              <th scope="col">{t('quotes.col.product')}</th>
              <th scope="col" className="num">
                {t('quotes.col.quantity')}
              </th>
              <th scope="col" className="num">
                {t('quotes.col.listPrice')}
              </th>
              <th scope="col" className="num">
                {t('quotes.col.quotedUnitPrice')}
              </th>
              <th scope="col" className="num">
                {t('quotes.col.vat')}
              </th>
              <th scope="col" className="num">
                {t('quotes.col.lineNet')}
              </th>
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
        <dt>{t('quotes.terms.validUntil')}</dt>
        <dd data-testid="quote-valid-until">{formatDate(version.terms.validUntil)}</dd>
        <dt>{t('quotes.terms.delivery')}</dt>
        <dd data-testid="quote-delivery-terms">{deliveryText(version.terms.delivery)}</dd>
        <dt>{t('quotes.terms.payment')}</dt>
        <dd data-testid="quote-payment-terms">{paymentLabel(version.terms.paymentMethod)}</dd>
        {version.terms.note && (
          <>
            <dt>{t('quotes.terms.note')}</dt>
            <dd>{version.terms.note}</dd>
          </>
        )}
        <dt>{t('quotes.terms.version')}</dt>
        <dd>
          {version.version} · {formatDateTime(version.createdAt)} · {version.createdBy.name}
        </dd>
      </dl>
    </>
  );
};

/** The state of one version in words: accepted, latest and acceptable, expired, superseded, not sent. */
const versionState = (t: Translate, offer: OfferDetail, version: OfferVersion & { notAcceptableBecause?: string }): { state: string; label: string } => {
  if (offer.acceptedVersion === version.version) return { state: 'accepted', label: t('quotes.state.accepted') };
  if (version.acceptable) return { state: 'acceptable', label: t('quotes.state.acceptable') };
  const reason = version.notAcceptableBecause;
  if (reason === 'QUOTE_SUPERSEDED') return { state: 'superseded', label: t('quotes.state.superseded') };
  if (reason === 'QUOTE_EXPIRED') return { state: 'expired', label: t('quotes.state.expired', { date: formatDate(version.terms.validUntil) }) };
  if (reason === 'QUOTE_NOT_SENT') return { state: 'draft', label: t('quotes.state.notSent') };
  if (reason === 'QUOTE_ALREADY_ACCEPTED') return { state: 'closed', label: t('quotes.state.closed') };
  return { state: 'other', label: reason ? (notAcceptableTexts[reason] ?? reason) : '' };
};

/** Every version the viewer may read (staff: all; customers: the sent ones) with date, author, total, validity and state. */
export const QuoteVersionHistory = ({
  api,
  companyId,
  offerId,
  offer,
  selected,
  onSelect,
}: {
  api: ApiClient;
  companyId: string;
  offerId: string;
  offer: OfferDetail;
  selected: number | undefined;
  onSelect: (version: number) => void;
}) => {
  const t = useT();
  const quotes = quotesApi(api);
  const key = `${offer.versions.join(',')}|${offer.status}|${offer.sentVersion ?? ''}`;
  const versions = useAsync(
    (signal) => Promise.all(offer.versions.map((number) => quotes.getVersion(companyId, offerId, number, signal))),
    [companyId, offerId, key],
  );
  if (versions.loading) return <Loading label={t('quotes.history.loading')} />;
  if (versions.error || !versions.data) return <ErrorBox error={versions.error} onRetry={versions.reload} />;
  return (
    <div className="card table-card">
      <h2 className="panel-title">{t('quotes.history.title')}</h2>
      <div className="table-scroll">
        <table className="data-table" data-testid="quote-history">
          <thead>
            <tr>
              <th scope="col">{t('quotes.col.version')}</th>
              <th scope="col">{t('quotes.col.created')}</th>
              <th scope="col">{t('quotes.col.by')}</th>
              <th scope="col">{t('quotes.col.validUntil')}</th>
              <th scope="col" className="num">
                {t('quotes.col.gross')}
              </th>
              <th scope="col">{t('quotes.col.state')}</th>
              <th scope="col" />
            </tr>
          </thead>
          <tbody>
            {[...versions.data].reverse().map((version) => {
              const state = versionState(t, offer, version);
              return (
                <tr
                  key={version.version}
                  data-testid={`quote-history-${version.version}`}
                  data-state={state.state}
                  className={selected === version.version ? 'selected' : undefined}
                >
                  <td>
                    {version.version}
                    {offer.sentVersion === version.version ? t('quotes.history.sent') : ''}
                  </td>
                  <td className="nowrap">{formatDateTime(version.createdAt)}</td>
                  <td>{version.createdBy.name}</td>
                  <td>{formatDate(version.terms.validUntil)}</td>
                  <td className="num">{money(version.gross)}</td>
                  <td data-testid="quote-history-state">
                    <span
                      className={
                        state.state === 'acceptable' || state.state === 'accepted'
                          ? 'badge badge-ok'
                          : state.state === 'expired' || state.state === 'superseded'
                            ? 'badge badge-muted'
                            : 'badge'
                      }
                    >
                      {state.label}
                    </span>
                  </td>
                  <td>
                    {selected !== version.version && (
                      <button type="button" className="btn btn-ghost btn-small" onClick={() => onSelect(version.version)} data-testid="quote-history-show">
                        {t('quotes.history.show')}
                      </button>
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </div>
  );
};

export const QuoteList = ({ companyId }: { companyId: string }) => {
  const { api } = useServices();
  const t = useT();
  const list = useAsync((signal) => quotesApi(api.shop).listCompany(companyId, signal), [companyId]);
  return (
    <section data-testid="quotes-page">
      <header className="section-header">
        <h1>{t('quotes.list.title')}</h1>
      </header>
      {list.loading ? (
        <Loading label={t('quotes.list.loading')} />
      ) : list.error || !list.data ? (
        <ErrorBox error={list.error} onRetry={list.reload} />
      ) : list.data.length === 0 ? (
        <Empty>{t('quotes.list.empty')}</Empty>
      ) : (
        <div className="card table-card">
          <div className="table-scroll">
            <table className="data-table" data-testid="quotes-table">
              <thead>
                <tr>
                  <th scope="col">{t('quotes.col.quote')}</th>
                  <th scope="col">{t('quotes.col.status')}</th>
                  <th scope="col">{t('quotes.col.version')}</th>
                  <th scope="col">{t('quotes.col.validUntil')}</th>
                  <th scope="col" className="num">
                    {t('quotes.col.total')}
                  </th>
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
  const t = useT();
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
      <td>
        {version.data ? formatDate(version.data.terms.validUntil) : '—'}
        {offer.status === 'sent' && version.data?.notAcceptableBecause === 'QUOTE_EXPIRED' && (
          <span className="badge badge-muted" data-testid="quote-row-expired">
            {' '}
            {t('quotes.list.expired')}
          </span>
        )}
      </td>
      <td className="num">{version.data ? money(version.data.gross) : '—'}</td>
    </tr>
  );
};

export const QuotePage = ({ companyId, offerId, canAccept }: { companyId: string; offerId: string; canAccept: boolean }) => {
  const { api } = useServices();
  const t = useT();
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
  // Why the latest version cannot be accepted (expired, superseded, not sent), shown next to the disabled button.
  const latestState = useAsync(
    (signal) => (latest && detail.data && !detail.data.acceptable ? quotes.getVersion(companyId, offerId, latest, signal) : undefined),
    [latest, detail.data?.acceptable, detail.data?.status, companyId, offerId],
  );

  if (detail.loading) return <Loading label={t('quotes.page.loading')} />;
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
      <Breadcrumb trail={[{ to: '/quotes', label: t('quotes.page.breadcrumb') }]} current={offer.quoteNumber} mono />
      <header className="section-header">
        <div>
          <h1>
            {t('quotes.page.heading')} <span className="mono">{offer.quoteNumber}</span> <QuoteStatus offer={offer} />
          </h1>
          {offer.acceptance && (
            <p>
              {t('quotes.page.acceptedBy', { name: offer.acceptance.acceptedBy.name })}{' '}
              <Link to={`/orders/${encodeURIComponent(offer.acceptance.orderId)}`}>{offer.acceptance.orderNumber}</Link>
            </p>
          )}
        </div>
        <div className="actions">
          {offer.versions.length > 1 && (
            <label className="field field-inline">
              {t('quotes.page.version')}{' '}
              <select value={shownNumber} onChange={(event) => setSelected(Number(event.target.value))} data-testid="quote-version-select">
                {offer.versions.map((number) => (
                  <option key={number} value={number}>
                    {number}
                    {number === latest ? t('quotes.page.latest') : ''}
                  </option>
                ))}
              </select>
            </label>
          )}
          {shownNumber !== undefined && (
            <button type="button" className="btn" onClick={() => void openPdf()} data-testid="quote-pdf">
              {t('quotes.page.pdf')}
            </button>
          )}
          {canAccept && offer.acceptable && (selected === undefined || selected === latest) && (
            <button type="button" className="btn btn-primary" disabled={accepting} onClick={() => void accept()} data-testid="quote-accept">
              {accepting ? t('quotes.page.accepting') : t('quotes.page.accept')}
            </button>
          )}
          {canAccept && !offer.acceptable && offer.status !== 'accepted' && latest !== undefined && (
            <span className="not-acceptable" data-testid="quote-not-acceptable" data-reason={latestState.data?.notAcceptableBecause ?? ''}>
              <button type="button" className="btn btn-primary" disabled aria-describedby="quote-not-acceptable-reason">
                {t('quotes.page.accept')}
              </button>{' '}
              <span id="quote-not-acceptable-reason" className="muted small">
                {latestState.data?.notAcceptableBecause === 'QUOTE_EXPIRED'
                  ? t('quotes.page.expiredOn', { date: formatDate(latestState.data.terms.validUntil) })
                  : latestState.data?.notAcceptableBecause
                    ? (notAcceptableTexts[latestState.data.notAcceptableBecause] ?? latestState.data.notAcceptableBecause)
                    : ''}
              </span>
            </span>
          )}
        </div>
      </header>
      {pdfError !== null && <ErrorBox error={pdfError} />}
      {acceptError !== null && (
        <div className="alert alert-error" role="alert" data-testid="quote-accept-error">
          {apiErrorMessage(acceptError)}
          {isRetryable(acceptError) && ` ${t('quotes.page.retrySafe')}`}
        </div>
      )}
      {selected !== undefined && selected !== latest && (
        <p className="alert alert-warn" data-testid="quote-older-version">
          {t('quotes.page.olderVersion', { version: selected })}
        </p>
      )}
      {offer.versions.length > 1 && (
        <QuoteVersionHistory api={api.shop} companyId={companyId} offerId={offerId} offer={offer} selected={shownNumber} onSelect={setSelected} />
      )}
      <div className="card panel">
        {older.loading && selected !== undefined && selected !== latest ? (
          <Loading />
        ) : older.error ? (
          <ErrorBox error={older.error} onRetry={older.reload} />
        ) : version ? (
          <QuoteVersionView version={version} />
        ) : (
          <Empty>{offer.request ? t('quotes.page.requestPrepared', { note: offer.request.note }) : t('quotes.page.noVersion')}</Empty>
        )}
      </div>
    </section>
  );
};

/** "Request a quote for this cart" with a note (POST /quote-requests). */
export const RequestQuote = () => {
  const { api } = useServices();
  const t = useT();
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
        <FormattedMessage
          id={'quotes.request.done' satisfies MessageKey}
          values={{ number: done.quoteNumber, link: (chunks) => <Link to="/quotes">{chunks}</Link> }}
        />
      </p>
    );
  if (!open)
    return (
      <button type="button" className="btn" onClick={() => setOpen(true)} data-testid="request-quote">
        {t('quotes.request.open')}
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
        {t('quotes.request.note')}
        <textarea value={note} onChange={(event) => setNote(event.target.value)} maxLength={2000} rows={3} required data-testid="quote-request-note" />
      </label>
      {error !== null && <ErrorBox error={error} />}
      <div className="actions">
        <button type="submit" className="btn btn-primary" disabled={busy || !note.trim()} data-testid="quote-request-submit">
          {busy ? t('quotes.request.sending') : t('quotes.request.submit')}
        </button>
        <button type="button" className="btn btn-ghost" onClick={() => setOpen(false)}>
          {t('quotes.request.cancel')}
        </button>
      </div>
    </form>
  );
};
