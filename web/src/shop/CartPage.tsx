/**
 * `/cart`: the active cart priced for the chosen agreement — lines with quantity edit and remove,
 * unit and line prices, problems in words, price changes since a line was added, stock shortages,
 * suggestions, totals; quick order (paste SKU lists / CSV) and saved carts.
 */
import { useEffect, useMemo, useState, type FormEvent } from 'react';
import { apiErrorMessage } from '../api.js';
import { FormMessage } from '../components/Forms.js';
import { Empty, ErrorBox, Loading } from '../components/Status.js';
import { decimalForInput, formatDate, formatDateTime } from '../format.js';
import { useT } from '../i18n/I18n.js';
import { translate } from '../i18n/translate.js';
import { Link } from '../router.js';
import { useServices } from '../services.js';
import type { CartLineView, CartView, Money, QuickOrderResult, QuoteLine } from '../types.js';
import { useAsync } from '../useAsync.js';
import { useCart } from './cart.js';
import { Totals } from './OrderBits.js';
import { formatQuantityText, formatRate, money, parseQuantityThousandths, RichText, YourNumber } from './ProductBits.js';
import { usePricing } from './pricing.js';
import { problemText } from './QuickQuote.js';
import { RequestQuote } from './Quotes.js';
import { formatThousandths } from './quoteInput.js';

/** Whether the cart can go to the checkout: lines, no line problems, enough stock. */
export const cartBlockers = (view: CartView | undefined): string[] => {
  if (!view || view.lines.length === 0) return [translate('cart.blocker.empty')];
  const blockers: string[] = [];
  const problemLines = view.quote?.lines.filter((line) => line.problems.length > 0).length ?? 0;
  if (problemLines > 0) blockers.push(translate('cart.blocker.problems', { count: problemLines }));
  const shortages = view.stockShortages?.length ?? 0;
  if (shortages > 0) blockers.push(translate('cart.blocker.shortages', { count: shortages }));
  return blockers;
};

export const CartPage = () => {
  const cart = useCart();
  const { selected } = usePricing();
  const t = useT();
  const view = cart.view;

  return (
    <div className="cart-page" data-testid="cart-page">
      <header className="section-header">
        <div>
          <h1>{t('cart.title')}</h1>
          <p className="muted">{selected ? t('cart.pricesNoteAgreement', { agreement: selected.name }) : t('cart.pricesNote')}</p>
        </div>
        {view && view.lines.length > 0 && <ClearCart />}
      </header>
      {cart.loading && !view ? (
        <Loading label={t('cart.loading')} />
      ) : cart.error !== undefined && !view ? (
        <ErrorBox error={cart.error} onRetry={cart.reload} />
      ) : view && view.lines.length > 0 ? (
        <div className="cart-grid">
          <CartLines view={view} refreshing={cart.loading} />
          <CartSummary view={view} />
        </div>
      ) : (
        <Empty>
          <span data-testid="cart-empty">
            <RichText id="cart.empty" values={{ link: (chunks) => <Link to="/">{chunks}</Link> }} />
          </span>
        </Empty>
      )}
      {view && view.suggestions.length > 0 && <Suggestions suggestions={view.suggestions} />}
      <div className="cart-tools">
        <QuickOrder />
        <SavedCarts hasLines={(view?.lines.length ?? 0) > 0} />
      </div>
    </div>
  );
};

const ClearCart = () => {
  const { api } = useServices();
  const cart = useCart();
  const t = useT();
  const [confirming, setConfirming] = useState(false);
  const [error, setError] = useState<unknown>();
  const clear = async () => {
    setError(undefined);
    try {
      await cart.change(() => api.shop.clearCart());
    } catch (failure) {
      setError(failure);
    } finally {
      setConfirming(false);
    }
  };
  return (
    <div className="panel-tools">
      {confirming ? (
        <>
          <span className="small">{t('cart.clearQuestion')}</span>
          <button type="button" className="btn btn-small btn-danger" onClick={() => void clear()} data-testid="cart-clear-confirm">
            {t('cart.clearConfirm')}
          </button>
          <button type="button" className="btn btn-small btn-ghost" onClick={() => setConfirming(false)}>
            {t('cart.clearKeep')}
          </button>
        </>
      ) : (
        <button type="button" className="btn btn-small btn-ghost" onClick={() => setConfirming(true)} data-testid="cart-clear">
          {t('cart.clear')}
        </button>
      )}
      {error !== undefined && <span className="form-error">{apiErrorMessage(error)}</span>}
    </div>
  );
};

const CartLines = ({ view, refreshing }: { view: CartView; refreshing: boolean }) => {
  const priced = useMemo(() => new Map((view.quote?.lines ?? []).map((line) => [line.sku, line])), [view.quote]);
  const changes = useMemo(() => new Map(view.changes.map((change) => [change.sku, change])), [view.changes]);
  const shortages = useMemo(() => new Map((view.stockShortages ?? []).map((shortage) => [shortage.sku, shortage.available])), [view.stockShortages]);
  const reverseCharge = view.quote?.reverseCharge.applies ?? false;
  const t = useT();
  return (
    <section className={refreshing ? 'card cart-lines refreshing' : 'card cart-lines'} aria-busy={refreshing}>
      <div className="table-scroll">
        <table className="data-table cart-table card-table" data-testid="cart-lines">
          <thead>
            <tr>
              <th scope="col">{t('cart.col.product')}</th>
              <th scope="col">{t('cart.col.quantity')}</th>
              <th scope="col" className="num">
                {t('cart.col.unitNet')}
              </th>
              <th scope="col" className="num">
                {t('cart.col.lineNet')}
              </th>
              <th scope="col">
                <span className="visually-hidden">{t('cart.remove')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {view.lines.map((line) => (
              <CartLineRow
                key={line.sku}
                line={line}
                priced={priced.get(line.sku)}
                change={changes.get(line.sku)}
                available={shortages.get(line.sku)}
                reverseCharge={reverseCharge}
              />
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
};

interface CartLineRowProps {
  line: CartLineView;
  priced: QuoteLine | undefined;
  change: { was: Money; now: Money } | undefined;
  /** Set when the line exceeds the stock: the total available (decimal string). */
  available: string | undefined;
  reverseCharge: boolean;
}

const CartLineRow = ({ line, priced, change, available, reverseCharge }: CartLineRowProps) => {
  const { api } = useServices();
  const cart = useCart();
  const t = useT();
  const [draft, setDraft] = useState(() => decimalForInput(line.quantity));
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  // A new cart (other tab, quick order) shows the new quantity.
  useEffect(() => setDraft(decimalForInput(line.quantity)), [line.quantity]);

  const problems = priced?.problems ?? [];
  const hasProblems = problems.length > 0;
  const draftThousandths = parseQuantityThousandths(draft);
  const dirty = draftThousandths === undefined || formatThousandths(draftThousandths) !== line.quantity;

  const setQuantity = async (quantity: string) => {
    setBusy(true);
    setError(undefined);
    try {
      await cart.change(() => api.shop.setCartQuantity(line.sku, quantity));
    } catch (failure) {
      setError(apiErrorMessage(failure));
    } finally {
      setBusy(false);
    }
  };

  const update = (event: FormEvent) => {
    event.preventDefault();
    if (draftThousandths === undefined) {
      setError(t('cart.qtyInvalid'));
      return;
    }
    void setQuantity(formatThousandths(draftThousandths));
  };

  return (
    <tr data-testid={`cart-line-${line.sku}`} className={hasProblems || available !== undefined ? 'row-problem' : undefined}>
      <td data-label={t('cart.col.product')}>
        <Link to={`/products/${encodeURIComponent(line.sku)}`} className="product-name">
          {line.name}
        </Link>
        <div className="mono muted">{line.sku}</div>
        <YourNumber buyerNumber={line.buyerNumber} />
        {hasProblems && (
          <ul className="line-problems" data-testid="cart-line-problems">
            {problems.map((code) => (
              <li key={code} data-problem={code}>
                {problemText(code, priced?.problemDetails)}
              </li>
            ))}
          </ul>
        )}
        {line.backorder && (
          <p className="line-notice" data-testid="cart-line-backorder">
            {t('cart.backorder', {
              now: formatQuantityText(line.backorder.now),
              later: formatQuantityText(line.backorder.later),
              unit: line.unit,
              date: formatDate(line.backorder.expectedAt),
            })}
          </p>
        )}
        {available !== undefined && (
          <p className="line-notice warn" data-testid="cart-line-shortage">
            {t('cart.shortage', { available: formatQuantityText(available), unit: line.unit })}
          </p>
        )}
        {priced && priced.discounts.length > 0 && (
          <ul className="plain-list small line-discounts" data-testid="cart-line-discounts">
            {priced.discounts.map((discount) => (
              <li key={discount.discountId}>
                {discount.name}: −{money(discount.amount)}
              </li>
            ))}
          </ul>
        )}
        {change && (
          <p className="line-notice" data-testid="cart-line-price-change">
            {t(change.now.amount > change.was.amount ? 'cart.priceChangedHigher' : 'cart.priceChangedLower', {
              was: money(change.was),
              now: money(change.now),
            })}
          </p>
        )}
      </td>
      <td data-label={t('cart.col.quantity')}>
        <form className="qty-form" onSubmit={update}>
          <input
            type="text"
            inputMode="decimal"
            value={draft}
            onChange={(event) => {
              setDraft(event.target.value);
              setError(undefined);
            }}
            aria-label={t('cart.qtyLabel', { sku: line.sku, unit: line.unit })}
            data-testid="cart-line-qty"
            size={6}
            disabled={busy}
          />
          <span className="muted small">{line.unit}</span>
          {dirty && (
            <button type="submit" className="btn btn-small" disabled={busy} data-testid="cart-line-update">
              {t('cart.update')}
            </button>
          )}
        </form>
        {error && (
          <div className="form-error small" role="alert" data-testid="cart-line-error">
            {error}
          </div>
        )}
      </td>
      <td className="num" data-label={t('cart.col.unitNet')} data-testid="cart-line-unit-net">
        {priced && (priced.unitNet.amount > 0 || !hasProblems) ? money(priced.unitNet) : '—'}
        {priced && !hasProblems && <div className="muted small">{t('cart.vat', { rate: reverseCharge ? formatRate(0) : formatRate(priced.vatRate) })}</div>}
      </td>
      <td className="num strong" data-label={t('cart.col.lineNet')} data-testid="cart-line-net">
        {priced && !hasProblems ? money(priced.lineNet) : <span className="muted">—</span>}
      </td>
      <td className="num">
        <button
          type="button"
          className="btn btn-small btn-ghost"
          onClick={() => void setQuantity('0')}
          disabled={busy}
          data-testid="cart-line-remove"
          aria-label={t('cart.removeLabel', { name: line.name })}
        >
          {t('cart.remove')}
        </button>
      </td>
    </tr>
  );
};

const CartSummary = ({ view }: { view: CartView }) => {
  const quote = view.quote;
  const blockers = cartBlockers(view);
  const t = useT();
  return (
    <aside className="card cart-summary" data-testid="cart-summary">
      <h2>{t('cart.summary')}</h2>
      <p className="muted small">{t('cart.summaryNote', { count: view.lines.length, currency: quote?.currency ?? '' })}</p>
      {quote && (
        <Totals
          prefix="cart"
          net={quote.net}
          vat={quote.vat}
          gross={quote.gross}
          vatBreakdown={quote.vatBreakdown}
          orderDiscounts={quote.orderDiscounts}
          reverseCharge={quote.reverseCharge}
        />
      )}
      {blockers.length > 0 && (
        <div className="alert alert-warn" role="status" data-testid="cart-blockers">
          <span>{blockers.join(' ')}</span>
        </div>
      )}
      {blockers.length === 0 ? (
        <Link to="/checkout" className="btn btn-primary btn-block" data-testid="checkout-link">
          {t('cart.checkout')}
        </Link>
      ) : (
        <button type="button" className="btn btn-primary btn-block" disabled data-testid="checkout-link">
          {t('cart.checkout')}
        </button>
      )}
      <div style={{ marginTop: '0.75rem' }}>
        <RequestQuote />
      </div>
    </aside>
  );
};

const Suggestions = ({ suggestions }: { suggestions: CartView['suggestions'] }) => {
  const { api } = useServices();
  const cart = useCart();
  const t = useT();
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<string>();
  const add = async (sku: string) => {
    setBusy(sku);
    setError(undefined);
    try {
      await cart.change(() => api.shop.addToCart([{ sku, quantity: '1' }]));
    } catch (failure) {
      setError(apiErrorMessage(failure));
    } finally {
      setBusy(null);
    }
  };
  return (
    <section className="related cart-suggestions" aria-labelledby="suggestions-title" data-testid="cart-suggestions">
      <h2 id="suggestions-title">{t('cart.suggestions')}</h2>
      {error && <div className="form-error">{error}</div>}
      <ul className="related-list">
        {suggestions.map((suggestion) => (
          <li key={suggestion.sku} className="card related-card" data-testid={`suggestion-${suggestion.sku}`}>
            <Link to={`/products/${encodeURIComponent(suggestion.sku)}`} className="product-name">
              {suggestion.name}
            </Link>
            <span className="mono muted small">{suggestion.sku}</span>
            <span className="related-price">
              {suggestion.price ? <span className="price">{money(suggestion.price)}</span> : <span className="muted">{t('catalog.price.onRequest')}</span>}
              <span className="muted small"> / {suggestion.unit}</span>
            </span>
            <button type="button" className="btn btn-small" onClick={() => void add(suggestion.sku)} disabled={busy !== null} data-testid="suggestion-add">
              {busy === suggestion.sku ? t('cart.adding') : t('cart.addOne', { unit: suggestion.unit })}
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
};

const QUICK_ORDER_EXAMPLE = 'POW-0311 2\nFAS-0111;10\nCLE-0911,0.75';

const QuickOrder = () => {
  const { api } = useServices();
  const cart = useCart();
  const t = useT();
  const [text, setText] = useState('');
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<QuickOrderResult>();
  const [error, setError] = useState<unknown>();

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!text.trim()) {
      setError(t('cart.quickOrder.needLine'));
      return;
    }
    setBusy(true);
    setError(undefined);
    setResult(undefined);
    try {
      await cart.change(async () => {
        const answer = await api.shop.quickOrder(text);
        setResult(answer);
        return answer.cart;
      });
      setText('');
    } catch (failure) {
      setError(failure);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="card panel quick-order" onSubmit={(event) => void submit(event)} data-testid="quick-order-form">
      <h2>{t('cart.quickOrder.title')}</h2>
      <p className="muted small">
        <RichText id="cart.quickOrder.help" values={{ mono: (chunks) => <span className="mono">{chunks}</span> }} />
      </p>
      <label className="field">
        <span className="visually-hidden">{t('cart.quickOrder.inputLabel')}</span>
        <textarea
          rows={6}
          className="mono"
          value={text}
          placeholder={QUICK_ORDER_EXAMPLE}
          spellCheck={false}
          onChange={(event) => setText(event.target.value)}
          data-testid="quick-order-input"
        />
      </label>
      <div className="form-actions">
        <button type="submit" className="btn btn-primary" disabled={busy} data-testid="quick-order-submit">
          {busy ? t('cart.adding') : t('cart.addToCart')}
        </button>
      </div>
      <FormMessage error={error} testId="quick-order-error" />
      {result && (
        <div className="quick-order-result" role="status" data-testid="quick-order-result">
          <p className={result.added > 0 ? 'form-success' : 'muted small'} data-testid="quick-order-added">
            {t('cart.quickOrder.added', { count: result.added })}
          </p>
          {result.unknownSkus.length > 0 && (
            <div className="form-error" data-testid="quick-order-unknown">
              {t('cart.quickOrder.unknown')} <span className="mono">{result.unknownSkus.join(', ')}</span>
            </div>
          )}
          {result.invalidLines.length > 0 && (
            <div className="form-error" data-testid="quick-order-invalid">
              {t('cart.quickOrder.invalid')}
              <ul className="issue-list">
                {result.invalidLines.map((line) => (
                  <li key={line.line}>
                    {t('cart.quickOrder.line', { line: String(line.line) })} <span className="mono">{line.text}</span>
                  </li>
                ))}
              </ul>
            </div>
          )}
        </div>
      )}
    </form>
  );
};

const SavedCarts = ({ hasLines }: { hasLines: boolean }) => {
  const { api } = useServices();
  const cart = useCart();
  const t = useT();
  const saved = useAsync((signal) => api.shop.listSavedCarts(signal), []);
  const [name, setName] = useState('');
  const [busy, setBusy] = useState<string | null>(null);
  const [confirmDelete, setConfirmDelete] = useState<string | null>(null);
  const [message, setMessage] = useState<{ ok?: string; error?: unknown }>({});

  const save = async (event: FormEvent) => {
    event.preventDefault();
    if (!name.trim()) return setMessage({ error: t('cart.saved.nameMissing') });
    setBusy('save');
    setMessage({});
    try {
      const result = await api.shop.saveCart(name.trim());
      setMessage({ ok: t('cart.saved.saved', { name: result.name, count: result.lines }) });
      setName('');
      saved.reload();
    } catch (failure) {
      setMessage({ error: failure });
    } finally {
      setBusy(null);
    }
  };

  const restore = async (cartId: string, cartName: string) => {
    setBusy(cartId);
    setMessage({});
    try {
      await cart.change(() => api.shop.restoreSavedCart(cartId));
      setMessage({ ok: t('cart.saved.restored', { name: cartName }) });
    } catch (failure) {
      setMessage({ error: failure });
    } finally {
      setBusy(null);
    }
  };

  const remove = async (cartId: string, cartName: string) => {
    setBusy(cartId);
    setMessage({});
    try {
      await api.shop.deleteSavedCart(cartId);
      setMessage({ ok: t('cart.saved.deleted', { name: cartName }) });
      setConfirmDelete(null);
      saved.reload();
    } catch (failure) {
      setMessage({ error: failure });
    } finally {
      setBusy(null);
    }
  };

  const carts = saved.data ?? [];
  return (
    <section className="card panel saved-carts" data-testid="saved-carts">
      <h2>{t('cart.saved.title')}</h2>
      <form className="inline-form" onSubmit={(event) => void save(event)}>
        <label className="field">
          <span>{t('cart.saved.saveAs')}</span>
          <input
            type="text"
            value={name}
            maxLength={80}
            onChange={(event) => setName(event.target.value)}
            placeholder={t('cart.saved.placeholder')}
            disabled={!hasLines}
            data-testid="save-cart-name"
          />
        </label>
        <button type="submit" className="btn" disabled={!hasLines || busy !== null} data-testid="save-cart-submit">
          {t('cart.saved.save')}
        </button>
      </form>
      <FormMessage error={message.error} success={message.ok} testId="saved-carts-status" />
      {saved.loading ? (
        <Loading label={t('cart.saved.loading')} />
      ) : saved.error ? (
        <ErrorBox error={saved.error} onRetry={saved.reload} />
      ) : carts.length === 0 ? (
        <p className="muted small">{t('cart.saved.none')}</p>
      ) : (
        <ul className="card-list saved-cart-list">
          {carts.map((entry) => (
            <li key={entry.cartId} data-testid={`saved-cart-${entry.cartId}`} className="saved-cart">
              <div>
                <strong className="saved-cart-name">{entry.name}</strong>
                <div className="muted small">{t('cart.saved.meta', { count: entry.lines, when: formatDateTime(entry.updatedAt) })}</div>
              </div>
              <div className="panel-tools">
                <button
                  type="button"
                  className="btn btn-small"
                  onClick={() => void restore(entry.cartId, entry.name)}
                  disabled={busy !== null}
                  data-testid={`restore-cart-${entry.cartId}`}
                >
                  {t('cart.addToCart')}
                </button>
                {confirmDelete === entry.cartId ? (
                  <button
                    type="button"
                    className="btn btn-small btn-danger"
                    onClick={() => void remove(entry.cartId, entry.name)}
                    disabled={busy !== null}
                    data-testid={`delete-cart-confirm-${entry.cartId}`}
                  >
                    {t('cart.saved.reallyDelete')}
                  </button>
                ) : (
                  <button
                    type="button"
                    className="btn btn-small btn-ghost"
                    onClick={() => setConfirmDelete(entry.cartId)}
                    disabled={busy !== null}
                    data-testid={`delete-cart-${entry.cartId}`}
                  >
                    {t('cart.saved.delete')}
                  </button>
                )}
              </div>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
};
