/** The shop's main screen: category list on the left, the selected category's products on the right. */
import { useEffect, useRef, useState } from 'react';
import { ApiError, isAbortError } from '../api.js';
import { Empty, ErrorBox, Loading } from '../components/Status.js';
import { useT } from '../i18n/I18n.js';
import { Link } from '../router.js';
import { useServices } from '../services.js';
import type { Category, ProductView, ShopSettings } from '../types.js';
import { useAsync } from '../useAsync.js';
import { LoginWall } from './LoginWall.js';
import { usePricing } from './pricing.js';
import { RichText } from './ProductBits.js';
import { LoadMore, ProductTable } from './ProductTable.js';

const PAGE_SIZE = 24;
/** The API's page-size limit: a price reload fetches up to this many products at once. */
const MAX_PAGE_SIZE = 100;

export const isLoginRequired = (error: unknown): boolean => error instanceof ApiError && error.code === 'LOGIN_REQUIRED';

interface CatalogProps {
  shop: ShopSettings;
  signedIn: boolean;
  /** Changes on sign-in/sign-out so that prices are reloaded. */
  sessionKey: string;
  selectedCategoryId: string | null;
}

export const Catalog = ({ shop, signedIn, sessionKey, selectedCategoryId }: CatalogProps) => {
  const { api } = useServices();
  const t = useT();
  const categories = useAsync((signal) => api.shop.listCategories(signal), [sessionKey]);

  if (categories.loading) return <Loading label={t('catalog.loading')} />;
  if (categories.error) {
    if (!signedIn && isLoginRequired(categories.error)) return <LoginWall shop={shop} />;
    return <ErrorBox error={categories.error} onRetry={categories.reload} />;
  }
  const list = categories.data ?? [];
  const selected = list.find((category) => category.id === selectedCategoryId) ?? list[0];

  return (
    <div className="catalog">
      <aside className="catalog-nav" aria-label={t('catalog.categories')}>
        <h2 className="nav-title">{t('catalog.categories')}</h2>
        <ul className="category-list" data-testid="category-list">
          {list.map((category) => (
            <li key={category.id}>
              <Link
                to={`/?category=${encodeURIComponent(category.id)}`}
                data-testid={`category-${category.id}`}
                className={category.id === selected?.id ? 'category-link active' : 'category-link'}
                aria-current={category.id === selected?.id ? 'page' : undefined}
              >
                <span>{category.name}</span>
                <span className="count">{category.productCount}</span>
              </Link>
            </li>
          ))}
        </ul>
        {list.length === 0 && <p className="muted small">{t('catalog.noCategories')}</p>}
      </aside>
      <section className="catalog-main">
        {selected ? (
          <ProductList key={`${selected.id}|${sessionKey}`} category={selected} shop={shop} signedIn={signedIn} />
        ) : (
          <Empty>{t('catalog.empty')}</Empty>
        )}
      </section>
    </div>
  );
};

const ProductList = ({ category, shop, signedIn }: { category: Category; shop: ShopSettings; signedIn: boolean }) => {
  const { api } = useServices();
  const { agreementId, reportError } = usePricing();
  const t = useT();
  const [products, setProducts] = useState<ProductView[]>([]);
  const [nextCursor, setNextCursor] = useState<string | undefined>();
  const [loading, setLoading] = useState(true);
  const [loadingMore, setLoadingMore] = useState(false);
  const [error, setError] = useState<unknown>();
  const [attempt, setAttempt] = useState(0);
  // How many products are on screen: a price reload (other agreement) fetches as many again.
  const shown = useRef(0);
  shown.current = products.length;

  useEffect(() => {
    const controller = new AbortController();
    // Keep the current rows visible while prices are recalculated; only the first load shows a spinner.
    setLoading(true);
    setError(undefined);
    const limit = Math.min(MAX_PAGE_SIZE, Math.max(PAGE_SIZE, shown.current));
    api.shop.listProducts({ category: category.id, limit, agreement: agreementId }, controller.signal).then(
      (page) => {
        if (controller.signal.aborted) return;
        setProducts(page.products);
        setNextCursor(page.nextCursor);
        setLoading(false);
      },
      (failure: unknown) => {
        if (controller.signal.aborted || isAbortError(failure)) return;
        setError(failure);
        setProducts([]);
        setLoading(false);
        reportError(failure);
      },
    );
    return () => controller.abort();
  }, [api, category.id, agreementId, attempt, reportError]);

  const loadMore = async () => {
    if (!nextCursor || loadingMore) return;
    setLoadingMore(true);
    setError(undefined);
    try {
      const page = await api.shop.listProducts({ category: category.id, limit: PAGE_SIZE, cursor: nextCursor, agreement: agreementId });
      setProducts((current) => {
        const seen = new Set(current.map((product) => product.sku));
        return [...current, ...page.products.filter((product) => !seen.has(product.sku))];
      });
      setNextCursor(page.nextCursor);
    } catch (failure) {
      setError(failure);
    } finally {
      setLoadingMore(false);
    }
  };

  return (
    <>
      <header className="section-header">
        <div>
          <h1>{category.name}</h1>
          {category.description && <p className="muted">{category.description}</p>}
        </div>
        <span className="muted small">{t('catalog.productCount', { count: category.productCount })}</span>
      </header>
      {!signedIn && (
        <div className="alert alert-info">
          <RichText id="catalog.guestNotice" values={{ link: (chunks) => <Link to="/login">{chunks}</Link> }} />
        </div>
      )}
      {loading && products.length === 0 ? (
        <Loading label={t('catalog.loadingProducts')} />
      ) : error && products.length === 0 ? (
        !signedIn && isLoginRequired(error) ? (
          <LoginWall shop={shop} />
        ) : (
          <ErrorBox error={error} onRetry={() => setAttempt((n) => n + 1)} />
        )
      ) : products.length === 0 ? (
        <Empty>{t('catalog.noProducts')}</Empty>
      ) : (
        <>
          <ProductTable
            products={products}
            signedIn={signedIn}
            loading={loading}
            details={(product) => product.description && <div className="muted small clamp">{product.description}</div>}
          />
          {error !== undefined && <ErrorBox error={error} />}
          {nextCursor && <LoadMore onClick={() => void loadMore()} busy={loadingMore} loading={loading} />}
        </>
      )}
    </>
  );
};
