/**
 * `/search?q=…`: the hits of the shop search (`GET /catalog/search`) with facet filters (category,
 * manufacturer, each attribute, in stock only) as checkable lists with counts, the active filters
 * as removable chips, sorting and "load more". All of it lives in the URL (see searchQuery.ts); an
 * article number, EAN or MPN typed exactly opens that product's page.
 */
import { useEffect, useRef, useState } from 'react';
import { ApiError, apiErrorMessage, isAbortError } from '../api.js';
import { Empty, ErrorBox, Loading } from '../components/Status.js';
import { formatDecimal } from '../format.js';
import { useT } from '../i18n/I18n.js';
import { Link, navigate } from '../router.js';
import { useServices } from '../services.js';
import type { ProductView, SearchFacets, ShopSettings } from '../types.js';
import { useCart } from './cart.js';
import { isLoginRequired } from './Catalog.js';
import { LoginWall } from './LoginWall.js';
import { RichText } from './ProductBits.js';
import { usePricing } from './pricing.js';
import { LoadMore, ProductTable } from './ProductTable.js';
import { apiQueryOf, filtersFromQuery, hasFilters, searchHref, type SearchFilters, type SearchSort } from './searchQuery.js';
import './search.css';

const PAGE_SIZE = 24;
/** The API's page-size limit: a price reload fetches up to this many hits at once. */
const MAX_PAGE_SIZE = 48;

interface SearchPageProps {
  shop: ShopSettings;
  signedIn: boolean;
  /** Changes on sign-in/sign-out so that prices are reloaded. */
  sessionKey: string;
  query: URLSearchParams;
}

export const SearchPage = ({ shop, signedIn, sessionKey, query }: SearchPageProps) => {
  const filters = filtersFromQuery(query);
  return <SearchResults key={sessionKey} filters={filters} shop={shop} signedIn={signedIn} />;
};

interface Results {
  total: number;
  products: ProductView[];
  facets: SearchFacets;
  nextCursor?: string | undefined;
  /** The search (`searchHref`) these hits belong to. */
  href: string;
}

const isPriceSort = (sort: SearchSort): boolean => sort === 'price-asc' || sort === 'price-desc';
/** A price sort of too many hits, or by a guest: the search stands, only the order cannot be had. */
const isPriceSortError = (error: unknown): boolean =>
  error instanceof ApiError && (error.code === 'TOO_MANY_HITS_FOR_PRICE_SORT' || error.code === 'PRICE_SORT_NEEDS_LOGIN');

const SearchResults = ({ filters, shop, signedIn }: { filters: SearchFilters; shop: ShopSettings; signedIn: boolean }) => {
  const { api } = useServices();
  const { agreementId, reportError } = usePricing();
  const cart = useCart();
  const t = useT();
  const href = searchHref(filters);
  const [results, setResults] = useState<Results | undefined>();
  const [loading, setLoading] = useState(true);
  const [loadingMore, setLoadingMore] = useState(false);
  const [error, setError] = useState<unknown>();
  const [attempt, setAttempt] = useState(0);
  // The hits on screen and their search: a price reload (other agreement) of the same search fetches as many again.
  const shown = useRef({ href: '', count: 0 });
  shown.current = { href: results?.href ?? '', count: results?.products.length ?? 0 };

  useEffect(() => {
    const controller = new AbortController();
    const current = filtersFromQuery(new URL(href, window.location.origin).searchParams);
    // The previous hits stay visible (dimmed) while the new ones load; only the first load shows a spinner.
    setLoading(true);
    setError(undefined);
    const limit = shown.current.href === href ? Math.min(MAX_PAGE_SIZE, Math.max(PAGE_SIZE, shown.current.count)) : PAGE_SIZE;
    api.shop.searchProducts({ ...apiQueryOf(current), limit, agreement: agreementId }, controller.signal).then(
      (page) => {
        if (controller.signal.aborted) return;
        if (page.exactMatch && current.q && !hasFilters(current)) {
          navigate(`/products/${encodeURIComponent(page.exactMatch)}`, { replace: true });
          return;
        }
        setResults({ ...page, href });
        setLoading(false);
      },
      (failure: unknown) => {
        if (controller.signal.aborted || isAbortError(failure)) return;
        setError(failure);
        setResults(undefined);
        setLoading(false);
        reportError(failure);
      },
    );
    return () => controller.abort();
  }, [api, href, agreementId, attempt, reportError]);

  const loadMore = async () => {
    if (!results?.nextCursor || loadingMore || results.href !== href) return;
    setLoadingMore(true);
    setError(undefined);
    try {
      const page = await api.shop.searchProducts({ ...apiQueryOf(filters), limit: PAGE_SIZE, cursor: results.nextCursor, agreement: agreementId });
      setResults((current) => {
        if (!current) return { ...page, href };
        const seen = new Set(current.products.map((product) => product.sku));
        return { ...page, href: current.href, products: [...current.products, ...page.products.filter((product) => !seen.has(product.sku))] };
      });
    } catch (failure) {
      setError(failure);
    } finally {
      setLoadingMore(false);
    }
  };

  const change = (next: Partial<SearchFilters>) => navigate(searchHref({ ...filters, ...next }));
  const products = results?.products ?? [];

  return (
    <div className="catalog search-page" data-testid="search-page">
      <aside className="catalog-nav search-facets" aria-label={t('search.filters')} data-testid="search-facets">
        <h2 className="nav-title">{t('search.filters')}</h2>
        {results ? <FacetFilters facets={results.facets} filters={filters} onChange={change} /> : <p className="muted small facet-hint">—</p>}
      </aside>
      <section className="catalog-main">
        <header className="section-header">
          <div>
            <h1>{filters.q ? t('search.resultsFor', { q: filters.q }) : t('search.allProducts')}</h1>
            {results && (
              <p className="muted" data-testid="search-total" data-total={results.total} aria-live="polite">
                {t('search.total', { count: results.total })}
              </p>
            )}
          </div>
          <label className="field field-inline">
            {t('search.sortBy')}{' '}
            <select value={filters.sort} onChange={(event) => change({ sort: event.target.value as SearchSort })} data-testid="search-sort">
              <option value="relevance">{t('search.sort.relevance')}</option>
              <option value="name">{t('search.sort.name')}</option>
              {(cart.enabled || isPriceSort(filters.sort)) && (
                <>
                  <option value="price-asc">{t('search.sort.priceAsc')}</option>
                  <option value="price-desc">{t('search.sort.priceDesc')}</option>
                </>
              )}
            </select>
          </label>
        </header>
        <ActiveFilters filters={filters} facets={results?.facets} onChange={change} />
        {!signedIn && (
          <div className="alert alert-info">
            <RichText id="catalog.guestNotice" values={{ link: (chunks) => <Link to="/login">{chunks}</Link> }} />
          </div>
        )}
        {loading && !results ? (
          <Loading label={t('search.searching')} />
        ) : error && !results ? (
          !signedIn && isLoginRequired(error) ? (
            <LoginWall shop={shop} />
          ) : (
            <div data-testid="search-error">
              {isPriceSortError(error) ? (
                <ErrorBox error={error}>
                  {apiErrorMessage(error)}{' '}
                  <button type="button" className="btn btn-small" onClick={() => change({ sort: 'relevance' })} data-testid="search-sort-relevance">
                    {t('search.sortByRelevance')}
                  </button>
                </ErrorBox>
              ) : (
                <ErrorBox error={error} onRetry={() => setAttempt((n) => n + 1)} />
              )}
            </div>
          )
        ) : products.length === 0 ? (
          <div data-testid="search-empty">
            <Empty>
              {filters.q
                ? t(hasFilters(filters) ? 'search.empty.queryFiltered' : 'search.empty.query', { q: filters.q })
                : t(hasFilters(filters) ? 'search.empty.allFiltered' : 'search.empty.all')}
            </Empty>
            {hasFilters(filters) && (
              <p className="search-empty-action">
                <button type="button" className="btn" onClick={() => navigate(searchHref({ q: filters.q, sort: filters.sort }))}>
                  {t('search.removeAllFilters')}
                </button>
              </p>
            )}
          </div>
        ) : (
          <>
            <ProductTable
              products={products}
              signedIn={signedIn}
              loading={loading}
              details={(product) => <ProductFacts product={product} />}
              testId="search-results"
            />
            {error !== undefined && <ErrorBox error={error} />}
            {results?.nextCursor && (
              <LoadMore
                onClick={() => void loadMore()}
                busy={loadingMore}
                loading={loading}
                label={t('search.loadMoreShown', { shown: products.length, total: results.total })}
              />
            )}
          </>
        )}
      </section>
    </div>
  );
};

/** The company's own article number, manufacturer, MPN, EAN and the attributes under the product name. */
const ProductFacts = ({ product }: { product: ProductView }) => {
  const t = useT();
  const identifiers = [
    product.buyerNumber ? t('search.fact.yourNumber', { number: product.buyerNumber }) : undefined,
    product.manufacturer,
    product.mpn ? t('search.fact.mpn', { mpn: product.mpn }) : undefined,
    product.ean ? t('search.fact.ean', { ean: product.ean }) : undefined,
  ].filter((part): part is string => Boolean(part));
  return (
    <>
      {identifiers.length > 0 && (
        <div className="muted small product-identifiers" data-testid="product-identifiers">
          {identifiers.join(' · ')}
        </div>
      )}
      {product.attributes && product.attributes.length > 0 && (
        <ul className="attribute-list" data-testid="product-attributes">
          {product.attributes.map((attribute) => (
            <li key={attribute.code} className="attribute" data-code={attribute.code}>
              <span className="attribute-label">{attribute.label}</span> {attribute.value}
            </li>
          ))}
        </ul>
      )}
    </>
  );
};

interface FacetOption {
  value: string;
  label: string;
  count: number;
}

const valueOrder = new Intl.Collator(undefined, { numeric: true });
/** Most hits first; equal counts in natural order (M4, M5, M10). */
const byCountThenValue = (a: FacetOption, b: FacetOption) => b.count - a.count || valueOrder.compare(a.value, b.value);

/** One facet as a list of checkboxes; a facet takes one value, so checking another replaces it. */
const FacetGroup = ({
  title,
  testId,
  options,
  selected,
  onSelect,
}: {
  title: string;
  testId: string;
  options: FacetOption[];
  selected: string | undefined;
  onSelect: (value: string | undefined) => void;
}) => {
  // A value chosen in the URL stays listed (and removable) even when it has no hits now.
  const listed =
    selected !== undefined && !options.some((option) => option.value === selected) ? [{ value: selected, label: selected, count: 0 }, ...options] : options;
  if (listed.length === 0) return null;
  return (
    <fieldset className="facet" data-testid={testId}>
      <legend className="facet-title">{title}</legend>
      <ul className="facet-list">
        {listed.map((option) => (
          <li key={option.value}>
            <label className="facet-option" data-testid={`${testId}-${option.value}`}>
              <input type="checkbox" checked={option.value === selected} onChange={(event) => onSelect(event.target.checked ? option.value : undefined)} />
              <span className="facet-label">{option.label}</span>
              <span className="count">{formatDecimal(option.count)}</span>
            </label>
          </li>
        ))}
      </ul>
    </fieldset>
  );
};

const FacetFilters = ({ facets, filters, onChange }: { facets: SearchFacets; filters: SearchFilters; onChange: (next: Partial<SearchFilters>) => void }) => {
  const withAttribute = (code: string, value: string | undefined): Record<string, string> => {
    const { [code]: _removed, ...others } = filters.attributes;
    return value === undefined ? others : { ...others, [code]: value };
  };
  const t = useT();
  const attributeCodes = new Set(facets.attributes.map((facet) => facet.code));
  return (
    <div className="facets">
      <fieldset className="facet" data-testid="facet-availability">
        <legend className="facet-title">{t('search.facet.availability')}</legend>
        <label className="facet-option" data-testid="facet-in-stock">
          <input type="checkbox" checked={filters.inStock} onChange={(event) => onChange({ inStock: event.target.checked })} />
          <span className="facet-label">{t('search.facet.inStock')}</span>
          <span className="count">{formatDecimal(facets.availability.inStock)}</span>
        </label>
      </fieldset>
      <FacetGroup
        title={t('search.facet.category')}
        testId="facet-category"
        options={facets.category}
        selected={filters.category}
        onSelect={(category) => onChange({ category })}
      />
      <FacetGroup
        title={t('search.facet.manufacturer')}
        testId="facet-manufacturer"
        options={facets.manufacturer.map((facet) => ({ ...facet, label: facet.value }))}
        selected={filters.manufacturer}
        onSelect={(manufacturer) => onChange({ manufacturer })}
      />
      {facets.attributes.map((facet) => (
        <FacetGroup
          key={facet.code}
          title={facet.label}
          testId={`facet-attr-${facet.code}`}
          options={facet.values.map((value) => ({ ...value, label: value.value })).sort(byCountThenValue)}
          selected={filters.attributes[facet.code]}
          onSelect={(value) => onChange({ attributes: withAttribute(facet.code, value) })}
        />
      ))}
      {Object.entries(filters.attributes)
        .filter(([code]) => !attributeCodes.has(code))
        .map(([code, value]) => (
          <FacetGroup
            key={code}
            title={code}
            testId={`facet-attr-${code}`}
            options={[]}
            selected={value}
            onSelect={(chosen) => onChange({ attributes: withAttribute(code, chosen) })}
          />
        ))}
    </div>
  );
};

/** The filters in force as chips with a remove button each, and "Clear all". */
const ActiveFilters = ({
  filters,
  facets,
  onChange,
}: {
  filters: SearchFilters;
  facets: SearchFacets | undefined;
  onChange: (next: Partial<SearchFilters>) => void;
}) => {
  const t = useT();
  const chips: { key: string; label: string; remove: Partial<SearchFilters> }[] = [];
  if (filters.category) {
    const label = facets?.category.find((facet) => facet.value === filters.category)?.label ?? filters.category;
    chips.push({ key: 'category', label: t('search.chip.category', { name: label }), remove: { category: undefined } });
  }
  if (filters.manufacturer)
    chips.push({ key: 'manufacturer', label: t('search.chip.manufacturer', { name: filters.manufacturer }), remove: { manufacturer: undefined } });
  for (const [code, value] of Object.entries(filters.attributes)) {
    const label = facets?.attributes.find((facet) => facet.code === code)?.label ?? code;
    const { [code]: _removed, ...others } = filters.attributes;
    chips.push({ key: `attr-${code}`, label: t('search.chip.attribute', { label, value }), remove: { attributes: others } });
  }
  if (filters.inStock) chips.push({ key: 'in-stock', label: t('search.chip.inStock'), remove: { inStock: false } });
  if (chips.length === 0) return null;
  return (
    <div className="active-filters" data-testid="active-filters">
      <span className="muted small">{t('search.filtersLabel')}</span>
      <ul className="chip-list">
        {chips.map((chip) => (
          <li key={chip.key} className="filter-chip" data-testid={`active-filter-${chip.key}`}>
            <span>{chip.label}</span>
            <button
              type="button"
              className="filter-chip-remove"
              onClick={() => onChange(chip.remove)}
              aria-label={t('search.chip.remove', { filter: chip.label })}
            >
              ×
            </button>
          </li>
        ))}
      </ul>
      {chips.length > 1 && (
        <button
          type="button"
          className="btn btn-ghost btn-small"
          onClick={() => onChange({ category: undefined, manufacturer: undefined, attributes: {}, inStock: false })}
          data-testid="clear-filters"
        >
          {t('search.clearAll')}
        </button>
      )}
    </div>
  );
};
