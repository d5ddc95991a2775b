/** Console quotes (sales reps, back office): list, "New quote" form, detail with new version, send and copy. */
import { useState, type FormEvent } from 'react';
import { apiErrorMessage } from '../api.js';
import { DataTable } from '../components/ActionTable.js';
import { Empty, ErrorBox, Loaded, Loading } from '../components/Status.js';
import { formatDateTime, formatDecimal, decimalForInput } from '../format.js';
import { useT } from '../i18n/I18n.js';
import { formatMinorUnits, parseMinorUnits } from '../moneyInput.js';
import { parseQuoteLines, quotesApi, type CompanyCart, type OfferStatus, type QuoteContent } from '../quotes.js';
import { Link, navigate } from '../router.js';
import { useServices } from '../services.js';
import type { Company } from '../types.js';
import { useAsync } from '../useAsync.js';
import { QuoteStatus, QuoteVersionHistory, QuoteVersionView } from '../shop/Quotes.js';
import { newTermsDraft, QuoteTermsSection, termsDraftOf, termsOf, type QuoteTermsDraft } from './QuoteTerms.js';
import { Breadcrumb } from '../components/Breadcrumb.js';
import { ProductSearchPicker } from './ProductSearchPicker.js';

const quotePath = (companyId: string, offerId: string) => `/console/quotes/${encodeURIComponent(companyId)}/${encodeURIComponent(offerId)}`;

const useCompanies = () => {
  const { api } = useServices();
  return useAsync((signal) => api.console.listCompanies({}, signal), []);
};

const CompanySelect = ({ value, onChange, companies, testId }: { value: string; onChange: (id: string) => void; companies: Company[]; testId: string }) => {
  const t = useT();
  return (
    <select value={value} onChange={(event) => onChange(event.target.value)} required data-testid={testId}>
      <option value="">{t('consoleOrders.quotes.chooseCompany')}</option>
      {companies.map((company) => (
        <option key={company.id} value={company.id}>
          {company.name} ({company.city})
        </option>
      ))}
    </select>
  );
};

export const QuotesPanel = () => {
  const t = useT();
  const { api } = useServices();
  const [status, setStatus] = useState<OfferStatus | ''>('');
  const list = useAsync((signal) => quotesApi(api.console).listStaff(status || undefined, signal), [status]);
  const companies = useCompanies();
  const names = new Map((companies.data?.companies ?? []).map((company) => [company.id, company.name]));
  return (
    <section>
      <header className="section-header">
        <h1>{t('consoleOrders.quotes.title')}</h1>
        <label className="field field-inline">
          {t('consoleOrders.status')}{' '}
          <select value={status} onChange={(event) => setStatus(event.target.value as OfferStatus | '')} data-testid="quotes-filter">
            <option value="">{t('consoleOrders.all')}</option>
            <option value="requested">{t('quotes.status.requested')}</option>
            <option value="draft">{t('quotes.status.draft')}</option>
            <option value="sent">{t('quotes.status.sent')}</option>
            <option value="accepted">{t('quotes.status.accepted')}</option>
          </select>
        </label>
      </header>
      <NewQuoteForm companies={companies.data?.companies ?? []} />
      <Loaded state={list} label={t('consoleOrders.quotes.loading')} isEmpty={(offers) => offers.length === 0} empty={t('consoleOrders.quotes.none')}>
        {(offers) => (
          <div className="card table-card">
            <DataTable
              scroll
              rows={offers}
              testId="console-quotes-table"
              identify={(offer) => ({ key: offer.offerId, testId: `quote-row-${offer.offerId}` })}
              columns={[
                {
                  label: t('consoleOrders.quotes.col.quote'),
                  cell: (offer) => (
                    <>
                      <Link to={quotePath(offer.companyId, offer.offerId)} className="mono">
                        {offer.quoteNumber}
                      </Link>
                      {offer.request && <div className="muted small">{t('consoleOrders.quotes.request', { note: offer.request.note })}</div>}
                    </>
                  ),
                },
                { label: t('consoleOrders.company'), cell: (offer) => names.get(offer.companyId) ?? offer.companyId },
                { label: t('consoleOrders.status'), cell: (offer) => <QuoteStatus offer={offer} /> },
                { label: t('consoleOrders.quotes.col.latestVersion'), cell: (offer) => offer.latestVersion || '—' },
                { label: t('consoleOrders.quotes.col.updated'), className: 'nowrap', cell: (offer) => formatDateTime(offer.updatedAt) },
              ]}
            />
          </div>
        )}
      </Loaded>
    </section>
  );
};

/** Lines typed in the textarea, as far as they parse (for the customer's delivery / payment preview). */
const previewLines = (text: string): { sku: string; quantity: string }[] => {
  const parsed = parseQuoteLines(text);
  return 'error' in parsed ? [] : parsed.lines.map((line) => ({ sku: line.sku, quantity: line.quantity }));
};

/** The lines text with one more unit of `sku`: its line's quantity goes up, or a line "SKU 1" is added. */
const withLine = (text: string, sku: string): string => {
  const rows = text.split(/\r?\n/);
  const index = rows.findIndex((row) => row.trim().split(/[\s;]+/)[0] === sku);
  if (index >= 0) {
    // A whole quantity goes up by one; a fractional one ("2,5") is the rep's to change.
    const match = /^(\s*\S+[\s;]+)(\d+)((?:[\s;].*)?)$/.exec(rows[index] ?? '');
    if (match) rows[index] = `${match[1]}${Number(match[2]) + 1}${match[3]}`;
    return rows.join('\n');
  }
  const kept = text.replace(/\s+$/, '');
  return kept ? `${kept}\n${sku} 1` : `${sku} 1`;
};

/** Cart takeover: the company's active carts (`GET /companies/<id>/carts`), one can be the quote's source. */
const CartTakeover = ({ companyId, value, onChange }: { companyId: string; value: CompanyCart | null; onChange: (cart: CompanyCart | null) => void }) => {
  const t = useT();
  const { api } = useServices();
  const carts = useAsync((signal) => (companyId ? quotesApi(api.console).carts(companyId, signal) : undefined), [companyId]);
  if (!companyId) return null;
  if (carts.loading) return <Loading label={t('consoleOrders.quotes.loadingCarts')} />;
  if (carts.error) return <ErrorBox error={carts.error} onRetry={carts.reload} />;
  const list = carts.data ?? [];
  return (
    <fieldset className="card panel" data-testid="quote-carts">
      <legend className="choice-legend">
        <h3>{t('consoleOrders.quotes.fromCart')}</h3>
      </legend>
      {list.length === 0 ? (
        <p className="muted" data-testid="quote-carts-empty">
          {t('consoleOrders.quotes.noCarts')}
        </p>
      ) : (
        <>
          <label className="choice-head">
            <input type="radio" name="quote-cart" checked={value === null} onChange={() => onChange(null)} data-testid="quote-cart-none" />{' '}
            {t('consoleOrders.quotes.fromScratch')}
          </label>
          {list.map((cart) => (
            <label key={cart.ownerSub} className="choice-head" data-testid={`quote-cart-${cart.ownerSub}`}>
              <input
                type="radio"
                name="quote-cart"
                checked={value?.ownerSub === cart.ownerSub}
                onChange={() => onChange(cart)}
                data-testid="quote-cart-radio"
              />{' '}
              <span>
                {cart.ownerName}: {cart.lines.map((line) => `${line.sku} × ${formatDecimal(line.quantity)}`).join(', ')}{' '}
                <span className="muted small">({formatDateTime(cart.updatedAt)})</span>
              </span>
            </label>
          ))}
        </>
      )}
    </fieldset>
  );
};

const NewQuoteForm = ({ companies }: { companies: Company[] }) => {
  const t = useT();
  const { api } = useServices();
  const [open, setOpen] = useState(false);
  const [companyId, setCompanyId] = useState('');
  const [cart, setCart] = useState<CompanyCart | null>(null);
  const [linesText, setLinesText] = useState('');
  const [terms, setTerms] = useState<QuoteTermsDraft>(newTermsDraft);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  if (!open)
    return (
      <p>
        <button type="button" className="btn btn-primary" onClick={() => setOpen(true)} data-testid="new-quote">
          {t('consoleOrders.quotes.new')}
        </button>
      </p>
    );
  const typed = previewLines(linesText);
  // With a cart, typed lines override the cart's quantities / prices by SKU or add lines.
  const lines = cart ? [...cart.lines.filter((line) => !typed.some((extra) => extra.sku === line.sku)), ...typed] : typed;
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    if (!companyId) return setError(t('consoleOrders.quotes.chooseCompanyError'));
    const parsed = linesText.trim() || !cart ? parseQuoteLines(linesText) : { lines: [] };
    if ('error' in parsed) return setError(parsed.error);
    const chosen = termsOf(terms);
    if (!chosen.terms) return setError(chosen.missing ?? t('consoleOrders.completeTerms'));
    setBusy(true);
    try {
      const created = await quotesApi(api.console).create(companyId, {
        ...(cart ? { fromCartOf: cart.ownerSub } : {}),
        lines: parsed.lines,
        terms: chosen.terms,
      });
      navigate(quotePath(created.companyId, created.offerId));
    } catch (failure) {
      setError(apiErrorMessage(failure));
    } finally {
      setBusy(false);
    }
  };
  return (
    <form className="card panel" onSubmit={(event) => void submit(event)} data-testid="new-quote-form" noValidate>
      <h2>{t('consoleOrders.quotes.new')}</h2>
      <label className="field">
        {t('consoleOrders.company')}
        <CompanySelect
          value={companyId}
          onChange={(id) => {
            setCompanyId(id);
            setCart(null);
          }}
          companies={companies}
          testId="quote-company"
        />
      </label>
      <CartTakeover companyId={companyId} value={cart} onChange={setCart} />
      <fieldset className="card panel" data-testid="quote-product-picker">
        <legend className="choice-legend">
          <h3>{t('consoleOrders.quotes.findProducts')}</h3>
        </legend>
        <ProductSearchPicker testIdPrefix="quote" onPick={(sku) => setLinesText((text) => withLine(text, sku))} />
      </fieldset>
      <label className="field">
        {t('consoleOrders.quotes.linesHelp', { what: cart ? t('consoleOrders.quotes.overrides') : t('consoleOrders.lines') })}{' '}
        <span className="mono">{t('consoleOrders.quotes.linesFormat')}</span>
        {t('consoleOrders.quotes.linesExampleLead')} <span className="mono">{t('consoleOrders.quotes.linesExample')}</span>{' '}
        {t('consoleOrders.quotes.linesNoPrice')}
        <textarea value={linesText} onChange={(event) => setLinesText(event.target.value)} rows={5} className="mono" data-testid="quote-lines-input" />
      </label>
      <QuoteTermsSection companyId={companyId} lines={lines} draft={terms} onChange={setTerms} />
      {error && (
        <div className="alert alert-error" role="alert" data-testid="new-quote-error">
          {error}
        </div>
      )}
      <div className="actions">
        <button type="submit" className="btn btn-primary" disabled={busy} data-testid="create-quote">
          {busy ? t('consoleOrders.quotes.creating') : t('consoleOrders.quotes.create')}
        </button>
        <button type="button" className="btn btn-ghost" onClick={() => setOpen(false)}>
          {t('consoleOrders.cancel')}
        </button>
      </div>
    </form>
  );
};

export const QuoteDetailView = ({ companyId, offerId }: { companyId: string; offerId: string }) => {
  const t = useT();
  const { api } = useServices();
  const quotes = quotesApi(api.console);
  const detail = useAsync((signal) => quotes.get(companyId, offerId, signal), [companyId, offerId]);
  const companies = useCompanies();
  const [selected, setSelected] = useState<number | undefined>(undefined);
  const latest = detail.data?.version?.version;
  const older = useAsync(
    (signal) => (selected !== undefined && selected !== latest ? quotes.getVersion(companyId, offerId, selected, signal) : undefined),
    [selected, latest, companyId, offerId],
  );
  const [editing, setEditing] = useState<{ prices: Record<string, string>; terms: QuoteTermsDraft; linesText: string } | null>(null);
  const [copyTarget, setCopyTarget] = useState('');
  const [copyValidUntil, setCopyValidUntil] = useState('');
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);

  if (detail.loading) return <Loading label={t('consoleOrders.quote.loading')} />;
  if (detail.error || !detail.data) return <ErrorBox error={detail.error} onRetry={detail.reload} />;
  const offer = detail.data;
  const current = offer.version;
  const shown = selected !== undefined && selected !== latest ? older.data : (current ?? undefined);

  const run = async (action: () => Promise<string>) => {
    setBusy(true);
    setMessage(null);
    try {
      setMessage({ ok: true, text: await action() });
    } catch (failure) {
      setMessage({ ok: false, text: apiErrorMessage(failure) });
    } finally {
      setBusy(false);
    }
  };

  const startEdit = () =>
    setEditing({
      prices: Object.fromEntries((current?.lines ?? []).map((line) => [line.sku, formatMinorUnits(line.unitNet.amount, line.unitNet.currency)])),
      terms: current ? termsDraftOf(current) : newTermsDraft(),
      linesText: current ? '' : (offer.request?.lines ?? []).map((line) => `${line.sku} ${decimalForInput(line.quantity)}`).join('\n'),
    });

  const saveVersion = () =>
    run(async () => {
      if (!editing) return '';
      let lines: QuoteContent['lines'];
      if (current) {
        lines = current.lines.map((line) => {
          const cents = parseMinorUnits(editing.prices[line.sku] ?? '', line.unitNet.currency);
          if (cents === undefined) throw new Error(t('consoleOrders.quote.badPrice', { sku: line.sku }));
          return { sku: line.sku, quantity: line.quantity, unitNet: cents };
        });
      } else {
        const parsed = parseQuoteLines(editing.linesText);
        if ('error' in parsed) throw new Error(parsed.error);
        lines = parsed.lines;
      }
      const chosen = termsOf(editing.terms);
      if (!chosen.terms) throw new Error(chosen.missing ?? t('consoleOrders.completeTerms'));
      const revised = await quotes.revise(companyId, offerId, { lines, terms: chosen.terms });
      setEditing(null);
      setSelected(undefined);
      detail.reload();
      return t('consoleOrders.quote.versionSaved', { version: revised.version.version });
    }).catch(() => undefined);

  return (
    <section data-testid="console-quote">
      <Breadcrumb trail={[{ to: '/console/quotes', label: t('consoleOrders.quotes.title') }]} current={offer.quoteNumber} mono />
      <header className="section-header">
        <div>
          <h1>
            {t('consoleOrders.quote.heading')} <span className="mono">{offer.quoteNumber}</span> <QuoteStatus offer={offer} />
          </h1>
          <p className="muted">
            {companies.data?.companies.find((company) => company.id === companyId)?.name ?? companyId}
            {offer.sentVersion ? ` · ${t('consoleOrders.quote.versionSentNote', { version: offer.sentVersion })}` : ''}
            {offer.acceptance
              ? ` · ${t('consoleOrders.quote.acceptedBy', { name: offer.acceptance.acceptedBy.name, order: offer.acceptance.orderNumber })}`
              : ''}
          </p>
          {offer.request && <p>{t('consoleOrders.quote.customerRequest', { note: offer.request.note })}</p>}
        </div>
        <div className="actions">
          {offer.versions.length > 1 && (
            <select
              value={selected ?? latest}
              onChange={(event) => setSelected(Number(event.target.value))}
              data-testid="quote-version-select"
              aria-label={t('consoleOrders.quote.version')}
            >
              {offer.versions.map((number) => (
                <option key={number} value={number}>
                  {number === latest ? t('consoleOrders.quote.versionLatest', { number }) : t('consoleOrders.quote.versionOption', { number })}
                </option>
              ))}
            </select>
          )}
          {offer.status !== 'accepted' && (
            <button type="button" className="btn" disabled={busy} onClick={startEdit} data-testid="quote-new-version">
              {t('consoleOrders.quote.newVersion')}
            </button>
          )}
          {offer.status !== 'accepted' && current && (
            <button
              type="button"
              className="btn btn-primary"
              disabled={busy}
              data-testid="quote-send"
              onClick={() =>
                void run(async () => {
                  const sent = await quotes.send(companyId, offerId);
                  detail.reload();
                  return t('consoleOrders.quote.sent', { version: sent.sentVersion ?? '', count: sent.mailedTo });
                })
              }
            >
              {t('consoleOrders.quote.send')}
            </button>
          )}
          {offer.sentVersion !== undefined && (
            <button
              type="button"
              className="btn"
              data-testid="quote-pdf"
              onClick={() =>
                void run(async () => {
                  const link = await quotes.pdf(companyId, offerId, selected);
                  window.open(link.url, '_blank', 'noopener');
                  return t('consoleOrders.quote.pdfOpened', { version: link.version });
                })
              }
            >
              {t('consoleOrders.quote.pdf')}
            </button>
          )}
        </div>
      </header>
      {message && (
        <div className={message.ok ? 'alert alert-success' : 'alert alert-error'} role="status" data-testid="quote-message">
          {message.text}
        </div>
      )}
      {editing && (
        <form
          className="card panel"
          data-testid="quote-version-form"
          onSubmit={(event) => {
            event.preventDefault();
            void saveVersion();
          }}
        >
          <h2>{t('consoleOrders.quote.newVersion')}</h2>
          {current ? (
            <table className="data-table">
              <thead>
                <tr>
                  <th scope="col">{t('consoleOrders.sku')}</th>
                  <th scope="col" className="num">
                    {t('consoleOrders.quantity')}
                  </th>
                  <th scope="col" className="num">
                    {t('consoleOrders.quote.listPrice')}
                  </th>
                  <th scope="col">{t('consoleOrders.quote.unitPrice', { currency: current.currency })}</th>
                </tr>
              </thead>
              <tbody>
                {current.lines.map((line) => (
                  <tr key={line.sku}>
                    <td className="mono">{line.sku}</td>
                    <td className="num">{formatDecimal(line.quantity)}</td>
                    <td className="num">{formatMinorUnits(line.listUnitNet.amount, line.listUnitNet.currency)}</td>
                    <td>
                      <input
                        value={editing.prices[line.sku] ?? ''}
                        onChange={(event) => setEditing({ ...editing, prices: { ...editing.prices, [line.sku]: event.target.value } })}
                        inputMode="decimal"
                        data-testid={`quote-price-${line.sku}`}
                      />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          ) : (
            <>
              <ProductSearchPicker testIdPrefix="quote" onPick={(sku) => setEditing({ ...editing, linesText: withLine(editing.linesText, sku) })} />
              <label className="field">
                {t('consoleOrders.quotes.linesDash')} <span className="mono">{t('consoleOrders.quotes.linesFormat')}</span>
                <textarea
                  value={editing.linesText}
                  onChange={(event) => setEditing({ ...editing, linesText: event.target.value })}
                  rows={5}
                  className="mono"
                  data-testid="quote-lines-input"
                />
              </label>
            </>
          )}
          <QuoteTermsSection
            companyId={companyId}
            lines={current ? current.lines.map((line) => ({ sku: line.sku, quantity: line.quantity })) : previewLines(editing.linesText)}
            draft={editing.terms}
            onChange={(terms) => setEditing({ ...editing, terms })}
          />
          <div className="actions">
            <button type="submit" className="btn btn-primary" disabled={busy} data-testid="quote-save-version">
              {t('consoleOrders.quote.saveVersion')}
            </button>
            <button type="button" className="btn btn-ghost" onClick={() => setEditing(null)}>
              {t('consoleOrders.cancel')}
            </button>
          </div>
        </form>
      )}
      {offer.versions.length > 0 && (
        <QuoteVersionHistory api={api.console} companyId={companyId} offerId={offerId} offer={offer} selected={selected ?? latest} onSelect={setSelected} />
      )}
      <div className="card panel">
        {older.loading && selected !== undefined && selected !== latest ? (
          <Loading />
        ) : older.error ? (
          <ErrorBox error={older.error} onRetry={older.reload} />
        ) : shown ? (
          <QuoteVersionView version={shown} />
        ) : (
          <Empty>{t('consoleOrders.quote.noVersion')}</Empty>
        )}
      </div>
      {current && (
        <form
          className="card panel"
          data-testid="quote-copy-form"
          onSubmit={(event) => {
            event.preventDefault();
            if (!copyTarget) return;
            void run(async () => {
              const copy = await quotes.copy(companyId, offerId, copyTarget, copyValidUntil || undefined);
              navigate(quotePath(copy.companyId, copy.offerId));
              return t('consoleOrders.quote.copied', { number: copy.quoteNumber });
            });
          }}
        >
          <h2>{t('consoleOrders.quote.copyTitle')}</h2>
          <div className="field-row">
            <label className="field">
              {t('consoleOrders.company')}
              <CompanySelect
                value={copyTarget}
                onChange={setCopyTarget}
                companies={(companies.data?.companies ?? []).filter((company) => company.id !== companyId)}
                testId="quote-copy-company"
              />
            </label>
            <label className="field">
              {t('consoleOrders.quote.copyValidUntil')}
              <input type="date" value={copyValidUntil} onChange={(event) => setCopyValidUntil(event.target.value)} data-testid="quote-copy-valid-until" />
            </label>
            <button type="submit" className="btn" disabled={busy || !copyTarget} data-testid="quote-copy">
              {t('consoleOrders.quote.copy')}
            </button>
          </div>
        </form>
      )}
    </section>
  );
};
