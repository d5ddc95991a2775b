/**
 * `/cart`: the active cart priced for the chosen agreement — lines with quantity edit and remove,
 * unit and line prices, problems in words, price changes since a line was added, stock shortages,
 * suggestions, totals; quick order (paste SKU lists / CSV) and saved carts.
 */
import { useEffect, useMemo, useState, type FormEvent } from 'react';
import { apiErrorMessage } from '../api.js';
import { FormMessage } from '../components/Forms.js';
import { Empty, ErrorBox, Loading } from '../components/Status.js';
import { Link } from '../router.js';
import { useServices } from '../services.js';
import type { CartLineView, CartView, Money, QuickOrderResult, QuoteLine } from '../types.js';
import { useAsync } from '../useAsync.js';
import { useCart } from './cart.js';
import { formatWhen, Totals } from './OrderBits.js';
import { formatQuantityText, money, YourNumber } from './ProductBits.js';
import { usePricing } from './pricing.js';
import { problemText } from './QuickQuote.js';
import { RequestQuote } from './Quotes.js';
import { formatThousandths, parseThousandths } from './quoteInput.js';

/** Whether the cart can go to the checkout: lines, no line problems, enough stock. */
export const cartBlockers = (view: CartView | undefined): string[] => {
  if (!view || view.lines.length === 0) return ['Your cart is empty.'];
  const blockers: string[] = [];
  const problemLines = view.quote?.lines.filter((line) => line.problems.length > 0).length ?? 0;
  if (problemLines > 0)
    blockers.push(problemLines === 1 ? '1 line has a problem; please correct it.' : `${problemLines} lines have problems; please correct them.`);
  const shortages = view.stockShortages?.length ?? 0;
  if (shortages > 0) blockers.push(shortages === 1 ? '1 line exceeds the available stock.' : `${shortages} lines exceed the available stock.`);
  return blockers;
};

export const CartPage = () => {
  const cart = useCart();
  const { selected } = usePricing();
  const view = cart.view;

  return (
    <div className="cart-page" data-testid="cart-page">
      <header className="section-header">
        <div>
          <h1>Your cart</h1>
          <p className="muted">Prices are recalculated whenever you open the cart{selected ? ` · Agreement: ${selected.name}` : ''}.</p>
        </div>
        {view && view.lines.length > 0 && <ClearCart />}
      </header>
      {cart.loading && !view ? (
        <Loading label="Loading your cart…" />
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
            Your cart is empty. Add products from the <Link to="/">catalog</Link>, paste a list below or restore a saved cart.
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
          <span className="small">Remove all lines?</span>
          <button type="button" className="btn btn-small btn-danger" onClick={() => void clear()} data-testid="cart-clear-confirm">
            Yes, empty the cart
          </button>
          <button type="button" className="btn btn-small btn-ghost" onClick={() => setConfirming(false)}>
            Keep
          </button>
        </>
      ) : (
        <button type="button" className="btn btn-small btn-ghost" onClick={() => setConfirming(true)} data-testid="cart-clear">
          Empty cart
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
  return (
    <section className={refreshing ? 'card cart-lines refreshing' : 'card cart-lines'} aria-busy={refreshing}>
      <div className="table-scroll">
        <table className="data-table cart-table" data-testid="cart-lines">
          <thead>
            <tr>
              <th scope="col">Product</th>
              <th scope="col">Quantity</th>
              <th scope="col" className="num">
                Unit net
              </th>
              <th scope="col" className="num">
                Line net
              </th>
              <th scope="col">
                <span className="visually-hidden">Remove</span>
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
  const [draft, setDraft] = useState(line.quantity);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  // A new cart (other tab, quick order) shows the new quantity.
  useEffect(() => setDraft(line.quantity), [line.quantity]);

  const problems = priced?.problems ?? [];
  const hasProblems = problems.length > 0;
  const draftThousandths = parseThousandths(draft);
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
      setError('Enter a quantity with at most three decimals, e.g. 2 or 0.25 (0 removes the line).');
      return;
    }
    void setQuantity(formatThousandths(draftThousandths));
  };

  return (
    <tr data-testid={`cart-line-${line.sku}`} className={hasProblems || available !== undefined ? 'row-problem' : undefined}>
      <td data-label="Product">
        <Link to={`/products/${encodeURIComponent(line.sku)}`} className="product-name">
          {line.name}
        </Link>
        <div className="mono muted">{line.sku}</div>
        <YourNumber buyerNumber={line.buyerNumber} />
        {hasProblems && (
          <ul className="line-problems" data-testid="cart-line-problems">
            {problems.map((code) => (
              <li key={code} data-problem={code}>
                {problemText(code, priced?.explanation ?? [])}
              </li>
            ))}
          </ul>
        )}
        {available !== undefined && (
          <p className="line-notice warn" data-testid="cart-line-shortage">
            Only {formatQuantityText(available)} {line.unit} in stock. Please reduce the quantity or ask your manager about the delivery date.
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
            Price changed since you added it: was {money(change.was)}, now {money(change.now)}
            {change.now.amount > change.was.amount ? ' (higher)' : ' (lower)'}.
          </p>
        )}
      </td>
      <td data-label="Quantity">
        <form className="qty-form" onSubmit={update}>
          <input
            type="text"
            inputMode="decimal"
            value={draft}
            onChange={(event) => {
              setDraft(event.target.value);
              setError(undefined);
            }}
            aria-label={`Quantity of ${line.sku} in ${line.unit}`}
            data-testid="cart-line-qty"
            size={6}
            disabled={busy}
          />
          <span className="muted small">{line.unit}</span>
          {dirty && (
            <button type="submit" className="btn btn-small" disabled={busy} data-testid="cart-line-update">
              Update
            </button>
          )}
        </form>
        {error && (
          <div className="form-error small" role="alert" data-testid="cart-line-error">
            {error}
          </div>
        )}
      </td>
      <td className="num" data-label="Unit net" data-testid="cart-line-unit-net">
        {priced && (priced.unitNet.amount > 0 || !hasProblems) ? money(priced.unitNet) : '—'}
        {priced && !hasProblems && <div className="muted small">VAT {reverseCharge ? '0 %' : `${priced.vatRate / 100} %`}</div>}
      </td>
      <td className="num strong" data-label="Line net" data-testid="cart-line-net">
        {priced && !hasProblems ? money(priced.lineNet) : <span className="muted">—</span>}
      </td>
      <td className="num">
        <button
          type="button"
          className="btn btn-small btn-ghost"
          onClick={() => void setQuantity('0')}
          disabled={busy}
          data-testid="cart-line-remove"
          aria-label={`Remove ${line.name}`}
        >
          Remove
        </button>
      </td>
    </tr>
  );
};

const CartSummary = ({ view }: { view: CartView }) => {
  const quote = view.quote;
  const blockers = cartBlockers(view);
  return (
    <aside className="card cart-summary" data-testid="cart-summary">
      <h2>Summary</h2>
      <p className="muted small">
        {view.lines.length} {view.lines.length === 1 ? 'line' : 'lines'} · {quote?.currency ?? ''} · delivery and payment are chosen at the checkout
      </p>
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
          Proceed to checkout
        </Link>
      ) : (
        <button type="button" className="btn btn-primary btn-block" disabled data-testid="checkout-link">
          Proceed to checkout
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
      <h2 id="suggestions-title">Often bought together</h2>
      {error && <div className="form-error">{error}</div>}
      <ul className="related-list">
        {suggestions.map((suggestion) => (
          <li key={suggestion.sku} className="card related-card" data-testid={`suggestion-${suggestion.sku}`}>
            <Link to={`/products/${encodeURIComponent(suggestion.sku)}`} className="product-name">
              {suggestion.name}
            </Link>
            <span className="mono muted small">{suggestion.sku}</span>
            <span className="related-price">
              {suggestion.price ? <span className="price">{money(suggestion.price)}</span> : <span className="muted">Price on request</span>}
              <span className="muted small"> / {suggestion.unit}</span>
            </span>
            <button type="button" className="btn btn-small" onClick={() => void add(suggestion.sku)} disabled={busy !== null} data-testid="suggestion-add">
              {busy === suggestion.sku ? 'Adding…' : `Add 1 ${suggestion.unit}`}
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
  const [text, setText] = useState('');
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<QuickOrderResult>();
  const [error, setError] = useState<unknown>();

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!text.trim()) {
      setError('Paste or type at least one line "SKU quantity".');
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
      <h2>Quick order</h2>
      <p className="muted small">
        One product per line: <span className="mono">SKU quantity</span>, or pasted from a spreadsheet as <span className="mono">SKU;quantity</span>,{' '}
        <span className="mono">SKU,quantity</span> or tab-separated. Without a quantity, 1 is added.
      </p>
      <label className="field">
        <span className="visually-hidden">Products and quantities</span>
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
          {busy ? 'Adding…' : 'Add to cart'}
        </button>
      </div>
      <FormMessage error={error} testId="quick-order-error" />
      {result && (
        <div className="quick-order-result" role="status" data-testid="quick-order-result">
          <p className={result.added > 0 ? 'form-success' : 'muted small'} data-testid="quick-order-added">
            {result.added === 0
              ? 'Nothing was added.'
              : result.added === 1
                ? '1 line was added to your cart.'
                : `${result.added} lines were added to your cart.`}
          </p>
          {result.unknownSkus.length > 0 && (
            <div className="form-error" data-testid="quick-order-unknown">
              Unknown products (not added): <span className="mono">{result.unknownSkus.join(', ')}</span>
            </div>
          )}
          {result.invalidLines.length > 0 && (
            <div className="form-error" data-testid="quick-order-invalid">
              These lines could not be read (write "SKU quantity"):
              <ul className="issue-list">
                {result.invalidLines.map((line) => (
                  <li key={line.line}>
                    Line {line.line}: <span className="mono">{line.text}</span>
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
  const saved = useAsync((signal) => api.shop.listSavedCarts(signal), []);
  const [name, setName] = useState('');
  const [busy, setBusy] = useState<string | null>(null);
  const [confirmDelete, setConfirmDelete] = useState<string | null>(null);
  const [message, setMessage] = useState<{ ok?: string; error?: unknown }>({});

  const save = async (event: FormEvent) => {
    event.preventDefault();
    if (!name.trim()) return setMessage({ error: 'Please give the cart a name, e.g. "Site Esslingen – weekly".' });
    setBusy('save');
    setMessage({});
    try {
      const result = await api.shop.saveCart(name.trim());
      setMessage({ ok: `Saved "${result.name}" with ${result.lines} ${result.lines === 1 ? 'line' : 'lines'}.` });
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
      setMessage({ ok: `The lines of "${cartName}" were added to your cart.` });
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
      setMessage({ ok: `Deleted "${cartName}".` });
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
      <h2>Saved carts</h2>
      <form className="inline-form" onSubmit={(event) => void save(event)}>
        <label className="field">
          <span>Save the current cart as…</span>
          <input
            type="text"
            value={name}
            maxLength={80}
            onChange={(event) => setName(event.target.value)}
            placeholder="e.g. Monthly fasteners"
            disabled={!hasLines}
            data-testid="save-cart-name"
          />
        </label>
        <button type="submit" className="btn" disabled={!hasLines || busy !== null} data-testid="save-cart-submit">
          Save
        </button>
      </form>
      <FormMessage error={message.error} success={message.ok} testId="saved-carts-status" />
      {saved.loading ? (
        <Loading label="Loading saved carts…" />
      ) : saved.error ? (
        <ErrorBox error={saved.error} onRetry={saved.reload} />
      ) : carts.length === 0 ? (
        <p className="muted small">No saved carts yet. Save a cart you order regularly and add it again with one click.</p>
      ) : (
        <ul className="card-list saved-cart-list">
          {carts.map((entry) => (
            <li key={entry.cartId} data-testid={`saved-cart-${entry.cartId}`} className="saved-cart">
              <div>
                <strong className="saved-cart-name">{entry.name}</strong>
                <div className="muted small">
                  {entry.lines} {entry.lines === 1 ? 'line' : 'lines'} · saved {formatWhen(entry.updatedAt)}
                </div>
              </div>
              <div className="panel-tools">
                <button
                  type="button"
                  className="btn btn-small"
                  onClick={() => void restore(entry.cartId, entry.name)}
                  disabled={busy !== null}
                  data-testid={`restore-cart-${entry.cartId}`}
                >
                  Add to cart
                </button>
                {confirmDelete === entry.cartId ? (
                  <button
                    type="button"
                    className="btn btn-small btn-danger"
                    onClick={() => void remove(entry.cartId, entry.name)}
                    disabled={busy !== null}
                    data-testid={`delete-cart-confirm-${entry.cartId}`}
                  >
                    Really delete
                  </button>
                ) : (
                  <button
                    type="button"
                    className="btn btn-small btn-ghost"
                    onClick={() => setConfirmDelete(entry.cartId)}
                    disabled={busy !== null}
                    data-testid={`delete-cart-${entry.cartId}`}
                  >
                    Delete
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
