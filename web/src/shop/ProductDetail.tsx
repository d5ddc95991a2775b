import { useEffect } from 'react';
import { ApiError } from '../api.js';
import { ErrorBox, Loading } from '../components/Status.js';
import { userLocale } from '../money.js';
import { Link } from '../router.js';
import { useServices } from '../services.js';
import type { ProductView, ShopSettings } from '../types.js';
import { useAsync } from '../useAsync.js';
import { isLoginRequired } from './Catalog.js';
import { AddToCart } from './AddToCart.js';
import { AddToList } from './AddToList.js';
import { LoginWall } from './LoginWall.js';
import { ProductGallery } from './ProductMedia.js';
import { Availability, formatQuantityText, formatRate, money, Price, priceModeLabel, YourNumber } from './ProductBits.js';
import { usePricing } from './pricing.js';

interface ProductDetailProps {
  sku: string;
  shop: ShopSettings;
  signedIn: boolean;
  sessionKey: string;
}

const quantityFormat = new Intl.NumberFormat(userLocale());

export const ProductDetail = ({ sku, shop, signedIn, sessionKey }: ProductDetailProps) => {
  const { api } = useServices();
  const { agreementId, selected, reportError } = usePricing();
  // Another agreement reloads the prices; the page stays on screen meanwhile.
  const product = useAsync((signal) => api.shop.getProduct(sku, { agreement: agreementId }, signal), [sku, sessionKey, agreementId], { keepData: true });
  // Only for the breadcrumb; the page works without it.
  const categories = useAsync((signal) => api.shop.listCategories(signal).catch(() => []), [sessionKey]);

  useEffect(() => {
    if (product.error) reportError(product.error);
  }, [product.error, reportError]);

  if (product.loading && !product.data) return <Loading label="Loading product…" />;
  if (product.error) {
    if (!signedIn && isLoginRequired(product.error)) return <LoginWall shop={shop} />;
    if (product.error instanceof ApiError && product.error.status === 404) {
      return (
        <section className="card narrow">
          <h1>Product not found</h1>
          <p className="muted">There is no product with the SKU {sku}.</p>
          <Link to="/">← Back to the catalog</Link>
        </section>
      );
    }
    return <ErrorBox error={product.error} onRetry={product.reload} />;
  }
  const view = product.data;
  if (!view) return null;
  const related = view.related ?? [];

  return (
    <div className={product.loading ? 'product-page refreshing' : 'product-page'} aria-busy={product.loading}>
      <nav className="breadcrumb" aria-label="Breadcrumb">
        <Link to="/">Catalog</Link>
        <span aria-hidden="true">/</span>
        <Link to={`/?category=${encodeURIComponent(view.categoryId)}`}>
          {categories.data?.find((category) => category.id === view.categoryId)?.name ?? 'Back to category'}
        </Link>
      </nav>
      <article className="card product-detail" data-testid={`product-${view.sku}`}>
        <ProductGallery product={view} />
        <div className="product-detail-main">
          <p className="mono muted">SKU {view.sku}</p>
          <YourNumber buyerNumber={view.buyerNumber} />
          <h1>{view.name}</h1>
          {view.description && <p className="product-description">{view.description}</p>}
          <dl className="facts">
            <dt>Unit</dt>
            <dd>{view.unit}</dd>
            {signedIn && (
              <>
                <dt>Availability</dt>
                <dd>
                  <Availability product={view} />
                </dd>
              </>
            )}
            {view.vatRate !== undefined && (
              <>
                <dt>VAT rate</dt>
                <dd data-testid="vat-rate">{formatRate(view.vatRate)}</dd>
              </>
            )}
          </dl>
        </div>
        <aside className="price-box">
          <span className="price-label">{view.price ? `Your price per ${view.unit}` : 'Price'}</span>
          <Price product={view} signedIn={signedIn} />
          {view.price && selected && (
            <span className="muted small" data-testid="price-agreement">
              Agreement: {selected.name}
            </span>
          )}
          {view.price && <AddToCart sku={view.sku} unit={view.unit} large />}
          {view.price && <AddToList sku={view.sku} unit={view.unit} />}
          <PriceTiers product={view} />
          <PriceExplanation lines={view.priceExplanation} />
        </aside>
      </article>
      {view.availability?.warehouses && view.availability.warehouses.length > 0 && (
        <section className="card panel" aria-labelledby="stock-title">
          <header className="panel-header">
            <h2 id="stock-title">Stock per warehouse</h2>
          </header>
          <table className="data-table" data-testid="warehouse-stock">
            <thead>
              <tr>
                <th scope="col">Warehouse</th>
                <th scope="col" className="num">
                  In stock ({view.unit})
                </th>
              </tr>
            </thead>
            <tbody>
              {view.availability.warehouses.map((warehouse) => (
                <tr key={warehouse.id} data-testid={`warehouse-${warehouse.id}`}>
                  <td>{warehouse.name}</td>
                  <td className="num">{warehouse.quantity > 0 ? quantityFormat.format(warehouse.quantity) : <span className="muted">none</span>}</td>
                </tr>
              ))}
            </tbody>
            <tfoot>
              <tr>
                <th scope="row">Total</th>
                <td className="num strong">{quantityFormat.format(view.availability.quantity)}</td>
              </tr>
            </tfoot>
          </table>
        </section>
      )}
      {related.length > 0 && <RelatedProducts products={related} signedIn={signedIn} />}
    </div>
  );
};

/** The standard unit price and the quantity tiers of the winning price source. */
const PriceTiers = ({ product }: { product: ProductView }) => {
  if (!product.price || !product.tiers || product.tiers.length === 0) return null;
  return (
    <table className="tier-table" data-testid="price-tiers">
      <caption>Quantity prices ({priceModeLabel(product)})</caption>
      <thead>
        <tr>
          <th scope="col">Quantity</th>
          <th scope="col" className="num">
            Per {product.unit}
          </th>
        </tr>
      </thead>
      <tbody>
        <tr>
          <td>below {formatQuantityText(product.tiers[0]!.minQuantity)}</td>
          <td className="num">{money(product.price)}</td>
        </tr>
        {product.tiers.map((tier) => (
          <tr key={tier.minQuantity} data-testid={`tier-${tier.minQuantity}`}>
            <td>from {formatQuantityText(tier.minQuantity)}</td>
            <td className="num">{money(tier.unitPrice)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
};

/** The steps that led to the price (list, tier, agreement, conversion, VAT), collapsed by default. */
export const PriceExplanation = ({ lines, summary = 'How is this price calculated?' }: { lines: readonly string[] | undefined; summary?: string }) => {
  if (!lines || lines.length === 0) return null;
  return (
    <details className="price-explanation" data-testid="price-explanation">
      <summary>{summary}</summary>
      <ol>
        {lines.map((line, index) => (
          <li key={index}>{line}</li>
        ))}
      </ol>
    </details>
  );
};

/** Cross-selling: "Customers also buy", each with the price for the current agreement. */
const RelatedProducts = ({ products, signedIn }: { products: ProductView[]; signedIn: boolean }) => (
  <section className="related" aria-labelledby="related-title" data-testid="related-products">
    <h2 id="related-title">Customers also buy</h2>
    <ul className="related-list">
      {products.map((product) => (
        <li key={product.sku} className="card related-card" data-testid={`related-${product.sku}`}>
          <Link to={`/products/${encodeURIComponent(product.sku)}`} className="product-name">
            {product.name}
          </Link>
          <span className="mono muted small">{product.sku}</span>
          <div className="related-price">
            <Price product={product} signedIn={signedIn} />
          </div>
          {signedIn && <Availability product={product} />}
        </li>
      ))}
    </ul>
  </section>
);
