import { ApiError } from '../api.js';
import { ErrorBox, Loading } from '../components/Status.js';
import { Link } from '../router.js';
import { useServices } from '../services.js';
import type { ShopSettings } from '../types.js';
import { useAsync } from '../useAsync.js';
import { isLoginRequired } from './Catalog.js';
import { LoginWall } from './LoginWall.js';
import { Availability, Price } from './ProductBits.js';

interface ProductDetailProps {
  sku: string;
  shop: ShopSettings;
  signedIn: boolean;
  sessionKey: string;
}

export const ProductDetail = ({ sku, shop, signedIn, sessionKey }: ProductDetailProps) => {
  const { api } = useServices();
  const product = useAsync((signal) => api.shop.getProduct(sku, signal), [sku, sessionKey]);
  // Only for the breadcrumb; the page works without it.
  const categories = useAsync((signal) => api.shop.listCategories(signal).catch(() => []), [sessionKey]);

  if (product.loading) return <Loading label="Loading product…" />;
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

  return (
    <div className="product-page">
      <nav className="breadcrumb" aria-label="Breadcrumb">
        <Link to="/">Catalog</Link>
        <span aria-hidden="true">/</span>
        <Link to={`/?category=${encodeURIComponent(view.categoryId)}`}>
          {categories.data?.find((category) => category.id === view.categoryId)?.name ?? 'Back to category'}
        </Link>
      </nav>
      <article className="card product-detail" data-testid={`product-${view.sku}`}>
        <div className="product-detail-main">
          <p className="mono muted">SKU {view.sku}</p>
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
          </dl>
        </div>
        <aside className="price-box">
          <span className="price-label">{view.price ? `Your price per ${view.unit}` : 'Price'}</span>
          <Price product={view} signedIn={signedIn} />
        </aside>
      </article>
    </div>
  );
};
