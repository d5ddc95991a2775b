import { useEffect } from 'react';
import { ApiError } from '../api.js';
import { ErrorBox, Loading } from '../components/Status.js';
import { formatDecimal } from '../format.js';
import { useT } from '../i18n/I18n.js';
import { Link } from '../router.js';
import { useServices } from '../services.js';
import type { ProductView, ShopSettings } from '../types.js';
import { useAsync } from '../useAsync.js';
import { isLoginRequired } from './Catalog.js';
import { AddToCart } from './AddToCart.js';
import { AddToList } from './AddToList.js';
import { LoginWall } from './LoginWall.js';
import { ProductGallery } from './ProductMedia.js';
import { Availability, formatQuantityText, formatRate, money, Price, priceModeLabel, QuantityRules, quantityRulePhrases, YourNumber } from './ProductBits.js';
import { usePricing } from './pricing.js';

interface ProductDetailProps {
  sku: string;
  shop: ShopSettings;
  signedIn: boolean;
  sessionKey: string;
}

export const ProductDetail = ({ sku, shop, signedIn, sessionKey }: ProductDetailProps) => {
  const { api } = useServices();
  const t = useT();
  const { agreementId, selected, reportError } = usePricing();
  // Another agreement reloads the prices; the page stays on screen meanwhile.
  const product = useAsync((signal) => api.shop.getProduct(sku, { agreement: agreementId }, signal), [sku, sessionKey, agreementId], { keepData: true });
  // Only for the breadcrumb; the page works without it.
  const categories = useAsync((signal) => api.shop.listCategories(signal).catch(() => []), [sessionKey]);

  useEffect(() => {
    if (product.error) reportError(product.error);
  }, [product.error, reportError]);

  if (product.loading && !product.data) return <Loading label={t('catalog.product.loading')} />;
  if (product.error) {
    if (!signedIn && isLoginRequired(product.error)) return <LoginWall shop={shop} />;
    if (product.error instanceof ApiError && product.error.status === 404) {
      return (
        <section className="card narrow">
          <h1>{t('catalog.product.notFound')}</h1>
          <p className="muted">{t('catalog.product.notFoundText', { sku })}</p>
          <Link to="/">{t('catalog.product.backToCatalog')}</Link>
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
      <nav className="breadcrumb" aria-label={t('catalog.product.breadcrumb')}>
        <Link to="/">{t('catalog.product.breadcrumbCatalog')}</Link>
        <span aria-hidden="true">/</span>
        <Link to={`/?category=${encodeURIComponent(view.categoryId)}`}>
          {categories.data?.find((category) => category.id === view.categoryId)?.name ?? t('catalog.product.backToCategory')}
        </Link>
      </nav>
      <article className="card product-detail" data-testid={`product-${view.sku}`}>
        <ProductGallery product={view} />
        <div className="product-detail-main">
          <p className="mono muted">{t('catalog.product.sku', { sku: view.sku })}</p>
          <YourNumber buyerNumber={view.buyerNumber} />
          <h1>{view.name}</h1>
          {view.description && <p className="product-description">{view.description}</p>}
          <dl className="facts">
            <dt>{t('catalog.product.unit')}</dt>
            <dd>{view.unit}</dd>
            {quantityRulePhrases(view.quantityRules, view.unit).length > 0 && (
              <>
                <dt>{t('catalog.rules.title')}</dt>
                <dd>
                  <QuantityRules product={view} />
                </dd>
              </>
            )}
            {signedIn && (
              <>
                <dt>{t('catalog.product.availability')}</dt>
                <dd>
                  <Availability product={view} />
                </dd>
              </>
            )}
            {view.vatRate !== undefined && (
              <>
                <dt>{t('catalog.product.vatRate')}</dt>
                <dd data-testid="vat-rate">{formatRate(view.vatRate)}</dd>
              </>
            )}
          </dl>
        </div>
        <aside className="price-box">
          <span className="price-label">{view.price ? t('catalog.product.pricePerUnit', { unit: view.unit }) : t('catalog.product.price')}</span>
          <Price product={view} signedIn={signedIn} />
          {view.price && selected && (
            <span className="muted small" data-testid="price-agreement">
              {t('catalog.product.agreement', { name: selected.name })}
            </span>
          )}
          {view.price && <AddToCart sku={view.sku} unit={view.unit} rules={view.quantityRules} large />}
          {view.price && <AddToList sku={view.sku} unit={view.unit} />}
          <PriceTiers product={view} />
          <PriceExplanation lines={view.priceExplanation} />
        </aside>
      </article>
      {view.availability?.warehouses && view.availability.warehouses.length > 0 && (
        <section className="card panel" aria-labelledby="stock-title">
          <header className="panel-header">
            <h2 id="stock-title">{t('catalog.product.stockTitle')}</h2>
          </header>
          <table className="data-table" data-testid="warehouse-stock">
            <thead>
              <tr>
                <th scope="col">{t('catalog.product.warehouse')}</th>
                <th scope="col" className="num">
                  {t('catalog.product.inStockUnit', { unit: view.unit })}
                </th>
              </tr>
            </thead>
            <tbody>
              {view.availability.warehouses.map((warehouse) => (
                <tr key={warehouse.id} data-testid={`warehouse-${warehouse.id}`}>
                  <td>{warehouse.name}</td>
                  <td className="num">
                    {warehouse.quantity > 0 ? formatDecimal(warehouse.quantity) : <span className="muted">{t('catalog.product.noStock')}</span>}
                  </td>
                </tr>
              ))}
            </tbody>
            <tfoot>
              <tr>
                <th scope="row">{t('catalog.product.stockTotal')}</th>
                <td className="num strong">{formatDecimal(view.availability.quantity)}</td>
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
  const t = useT();
  if (!product.price || !product.tiers || product.tiers.length === 0) return null;
  return (
    <table className="tier-table" data-testid="price-tiers">
      <caption>{t('catalog.tiers.caption', { mode: priceModeLabel(product) })}</caption>
      <thead>
        <tr>
          <th scope="col">{t('catalog.tiers.quantity')}</th>
          <th scope="col" className="num">
            {t('catalog.tiers.perUnit', { unit: product.unit })}
          </th>
        </tr>
      </thead>
      <tbody>
        <tr>
          <td>{t('catalog.tiers.below', { quantity: formatQuantityText(product.tiers[0]!.minQuantity) })}</td>
          <td className="num">{money(product.price)}</td>
        </tr>
        {product.tiers.map((tier) => (
          <tr key={tier.minQuantity} data-testid={`tier-${tier.minQuantity}`}>
            <td>{t('catalog.tiers.from', { quantity: formatQuantityText(tier.minQuantity) })}</td>
            <td className="num">{money(tier.unitPrice)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
};

/** The steps that led to the price (list, tier, agreement, conversion, VAT), collapsed by default. */
export const PriceExplanation = ({ lines, summary }: { lines: readonly string[] | undefined; summary?: string }) => {
  const t = useT();
  if (!lines || lines.length === 0) return null;
  return (
    <details className="price-explanation" data-testid="price-explanation">
      <summary>{summary ?? t('catalog.product.howCalculated')}</summary>
      <ol>
        {lines.map((line, index) => (
          <li key={index}>{line}</li>
        ))}
      </ol>
    </details>
  );
};

/** Cross-selling: "Customers also buy", each with the price for the current agreement. */
const RelatedProducts = ({ products, signedIn }: { products: ProductView[]; signedIn: boolean }) => {
  const t = useT();
  return (
    <section className="related" aria-labelledby="related-title" data-testid="related-products">
      <h2 id="related-title">{t('catalog.product.related')}</h2>
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
};
