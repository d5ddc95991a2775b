/**
 * Product search of the console's pickers (order on behalf, new quote): words, SKU, EAN or MPN
 * through `GET /catalog/search` over the whole catalog (staff see every category); the rep picks a
 * hit. No prices here: the customer's own prices come from the order preview / the quote.
 */
import { useState, type KeyboardEvent } from 'react';
import { ErrorBox } from '../components/Status.js';
import { useServices } from '../services.js';
import { useDebounced } from '../shop/Checkout.js';
import { useAsync } from '../useAsync.js';
import './productSearch.css';

const LIMIT = 20;

interface ProductSearchPickerProps {
  /** Test ids: `<prefix>-search`, `<prefix>-products`, `<prefix>-product-<sku>`, `<prefix>-add`. */
  testIdPrefix: string;
  onPick: (sku: string, name: string) => void;
  label?: string;
}

export const ProductSearchPicker = ({ testIdPrefix, onPick, label = 'Search name, SKU, EAN or MPN' }: ProductSearchPickerProps) => {
  const { api } = useServices();
  const [text, setText] = useState('');
  const term = useDebounced(text.trim(), 250);
  const hits = useAsync((signal) => (term ? api.console.searchProducts({ q: term, limit: LIMIT }, signal) : undefined), [term], { keepData: true });
  const result = term ? hits.data : undefined;
  const products = result?.products ?? [];

  // Enter picks the hit of an exact article number (a scanned EAN) or the only hit; it never submits the form around.
  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key !== 'Enter') return;
    event.preventDefault();
    if (!result || term !== text.trim()) return;
    const chosen =
      (result.exactMatch ? products.find((product) => product.sku === result.exactMatch) : undefined) ?? (products.length === 1 ? products[0] : undefined);
    if (chosen) {
      onPick(chosen.sku, chosen.name);
      setText('');
    }
  };

  return (
    <div className="product-search-picker">
      <label className="field">
        {label}
        <input
          type="search"
          value={text}
          onChange={(event) => setText(event.target.value)}
          onKeyDown={onKeyDown}
          placeholder="e.g. hex bolt M8, FAS-0122 or an EAN"
          autoComplete="off"
          maxLength={200}
          data-testid={`${testIdPrefix}-search`}
        />
      </label>
      {hits.error !== undefined && term ? (
        <ErrorBox error={hits.error} onRetry={hits.reload} />
      ) : !term ? (
        <p className="muted small" data-testid={`${testIdPrefix}-search-hint`}>
          Type a product name or an article number to find products.
        </p>
      ) : !result ? (
        <p className="muted small">Searching…</p>
      ) : (
        <>
          <p className="muted small" aria-live="polite" data-testid={`${testIdPrefix}-search-total`}>
            {result.total === 0
              ? 'No matching products.'
              : result.total > products.length
                ? `${result.total} products, the first ${products.length} shown — refine the search to see others.`
                : result.total === 1
                  ? '1 product'
                  : `${result.total} products`}
          </p>
          <ul className={hits.loading ? 'plain-list refreshing' : 'plain-list'} data-testid={`${testIdPrefix}-products`} aria-busy={hits.loading}>
            {products.map((product) => (
              <li key={product.sku} data-testid={`${testIdPrefix}-product-${product.sku}`}>
                <button type="button" className="btn btn-small" onClick={() => onPick(product.sku, product.name)} data-testid={`${testIdPrefix}-add`}>
                  Add
                </button>{' '}
                <span className="mono">{product.sku}</span> {product.name}
                <span className="muted small">
                  {product.manufacturer ? ` · ${product.manufacturer}` : ''}
                  {product.ean ? ` · EAN ${product.ean}` : ''}
                  {product.availability ? ` · ${product.availability.quantity} in stock` : ''}
                </span>
              </li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
};
