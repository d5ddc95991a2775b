/**
 * Product search of the console's pickers (order on behalf, new quote): words, SKU, EAN or MPN
 * through `GET /catalog/search` over the whole catalog (staff see every category); the rep picks a
 * hit. No prices here: the customer's own prices come from the order preview / the quote.
 */
import { useState, type KeyboardEvent } from 'react';
import { ErrorBox } from '../components/Status.js';
import { formatDecimal } from '../format.js';
import { useT } from '../i18n/I18n.js';
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

export const ProductSearchPicker = ({ testIdPrefix, onPick, label }: ProductSearchPickerProps) => {
  const t = useT();
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
        {label ?? t('consoleOrders.picker.label')}
        <input
          type="search"
          value={text}
          onChange={(event) => setText(event.target.value)}
          onKeyDown={onKeyDown}
          placeholder={t('consoleOrders.picker.placeholder')}
          autoComplete="off"
          maxLength={200}
          data-testid={`${testIdPrefix}-search`}
        />
      </label>
      {hits.error !== undefined && term ? (
        <ErrorBox error={hits.error} onRetry={hits.reload} />
      ) : !term ? (
        <p className="muted small" data-testid={`${testIdPrefix}-search-hint`}>
          {t('consoleOrders.picker.hint')}
        </p>
      ) : !result ? (
        <p className="muted small">{t('consoleOrders.picker.searching')}</p>
      ) : (
        <>
          <p className="muted small" aria-live="polite" data-testid={`${testIdPrefix}-search-total`}>
            {result.total === 0
              ? t('consoleOrders.picker.none')
              : result.total > products.length
                ? t('consoleOrders.picker.firstShown', { total: result.total, shown: products.length })
                : t('consoleOrders.picker.count', { count: result.total })}
          </p>
          <ul className={hits.loading ? 'plain-list refreshing' : 'plain-list'} data-testid={`${testIdPrefix}-products`} aria-busy={hits.loading}>
            {products.map((product) => (
              <li key={product.sku} data-testid={`${testIdPrefix}-product-${product.sku}`}>
                <button type="button" className="btn btn-small" onClick={() => onPick(product.sku, product.name)} data-testid={`${testIdPrefix}-add`}>
                  {t('consoleOrders.add')}
                </button>{' '}
                <span className="mono">{product.sku}</span> {product.name}
                <span className="muted small">
                  {product.manufacturer ? ` · ${product.manufacturer}` : ''}
                  {product.ean ? ` · ${t('consoleOrders.picker.ean', { ean: product.ean })}` : ''}
                  {product.availability ? ` · ${t('consoleOrders.picker.inStock', { quantity: formatDecimal(product.availability.quantity) })}` : ''}
                </span>
              </li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
};
