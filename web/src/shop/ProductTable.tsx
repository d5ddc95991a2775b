import type { ReactNode } from 'react';
import { useT } from '../i18n/I18n.js';
import { Link } from '../router.js';
import type { ProductView } from '../types.js';
import { AddToCart } from './AddToCart.js';
import { useCart } from './cart.js';
import { Availability, FirstTier, Price, QuantityRules } from './ProductBits.js';
import { ProductThumb } from './ProductMedia.js';

interface ProductTableProps {
  readonly products: readonly ProductView[];
  readonly signedIn: boolean;
  readonly loading: boolean;
  /** What goes under the product name (description, facts). */
  readonly details: (product: ProductView) => ReactNode;
  readonly testId?: string;
}

/** The product list of catalog and search pages: rows on a desktop, cards on a phone (data-label). */
export const ProductTable = ({ products, signedIn, loading, details, testId }: ProductTableProps) => {
  const cart = useCart();
  const t = useT();
  return (
    <table className={loading ? 'data-table product-table refreshing' : 'data-table product-table'} aria-busy={loading} data-testid={testId}>
      <thead>
        <tr>
          <th scope="col">{t('catalog.col.sku')}</th>
          <th scope="col">{t('catalog.col.product')}</th>
          <th scope="col">{t('catalog.col.unit')}</th>
          {signedIn && <th scope="col">{t('catalog.col.availability')}</th>}
          <th scope="col" className="num">
            {t('catalog.col.price')}
          </th>
          {cart.enabled && (
            <th scope="col" className="order-col">
              {t('catalog.col.order')}
            </th>
          )}
        </tr>
      </thead>
      <tbody>
        {products.map((product) => (
          <tr key={product.sku} data-testid={`product-${product.sku}`}>
            <td className="mono" data-label={t('catalog.col.sku')}>
              {product.sku}
            </td>
            <td data-label={t('catalog.col.product')}>
              <ProductThumb product={product} />
              <Link to={`/products/${encodeURIComponent(product.sku)}`} className="product-name">
                {product.name}
              </Link>
              {details(product)}
            </td>
            <td data-label={t('catalog.col.unit')}>
              {product.unit}
              <QuantityRules product={product} />
            </td>
            {signedIn && (
              <td data-label={t('catalog.col.availability')}>
                <Availability product={product} />
              </td>
            )}
            <td className="num" data-label={t('catalog.col.price')}>
              <div className="price-cell">
                <Price product={product} signedIn={signedIn} />
                <FirstTier tiers={product.tiers} unit={product.unit} />
              </div>
            </td>
            {cart.enabled && (
              <td className="order-col" data-label={t('catalog.col.order')}>
                {product.price ? <AddToCart sku={product.sku} unit={product.unit} rules={product.quantityRules} /> : <span className="muted small">—</span>}
              </td>
            )}
          </tr>
        ))}
      </tbody>
    </table>
  );
};

/** "Load more" under a paged list; the texts and the test id are the catalog's unless given. */
export const LoadMore = ({
  onClick,
  busy,
  loading,
  label,
  busyLabel,
  testId = 'load-more',
}: {
  onClick: () => void;
  busy: boolean;
  loading: boolean;
  label?: string;
  busyLabel?: string;
  testId?: string;
}) => {
  const t = useT();
  return (
    <div className="load-more">
      <button type="button" className="btn" data-testid={testId} onClick={onClick} disabled={busy || loading}>
        {busy ? (busyLabel ?? t('catalog.loadingMore')) : (label ?? t('catalog.loadMore'))}
      </button>
    </div>
  );
};
