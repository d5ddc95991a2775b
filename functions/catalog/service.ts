import type { Identity } from '../shared/auth.js';
import { AppError, badRequest, notFound } from '../shared/errors.js';
import { displayPrices, loadSituation, type PricingRequest, type PricingSituation } from '../pricing/service.js';
import { PRICE_SORT_MAX_HITS } from './contract.js';
import * as repository from './repository.js';
import { productIdentifiers } from './items.js';
import { looksLikeIdentifier, normaliseIdentifier } from './search/analysis.js';
import { currentSearchEngine, type TextSearchEngine } from './search/engine.js';
import type { SearchSort } from './search/text-index.js';
import {
  assertMayBrowse,
  isCategoryVisible,
  presentCategory,
  presentProduct,
  sortCategories,
  type Category,
  type ContentLanguage,
  type Product,
  type Viewer,
} from './rules.js';

interface CatalogViewer extends Viewer {
  /** Loaded once per request and handed to pricing. */
  readonly situation: PricingSituation;
}

async function viewerFor(caller: Identity | undefined): Promise<CatalogViewer> {
  const situation = await loadSituation(caller?.companyId);
  const { settings, profile } = situation;
  const viewer: CatalogViewer = {
    situation,
    signedIn: caller !== undefined,
    shopIsLoginOnly: settings.loginOnly,
    staff: caller !== undefined && caller.companyId === undefined,
    ...(profile ? { customerGroup: profile.customerGroup, businessProfiles: profile.businessProfiles } : {}),
  };
  assertMayBrowse(viewer);
  return viewer;
}

/** Hidden categories answer 404 like missing ones, so a closed catalog does not leak. */
async function visibleCategory(categoryId: string, viewer: Viewer) {
  const category = await repository.findCategory(categoryId);
  if (!category || !isCategoryVisible(category, viewer)) throw notFound('Category');
  return category;
}

/** What presenting these SKUs to a signed-in caller reads (all items by key: one batch). */
const readsForPresenting = (skus: readonly string[], viewer: CatalogViewer, caller: Identity, pricing: PricingRequest) =>
  Promise.all([
    repository.listWarehouses(),
    displayPrices(caller, skus, pricing, viewer.situation),
    caller.companyId && skus.length ? repository.buyerNumbersOf(caller.companyId, skus) : new Map<string, string>(),
  ]);

async function present(
  products: readonly Product[],
  viewer: CatalogViewer,
  caller: Identity | undefined,
  pricing: PricingRequest,
  categories: ReadonlyMap<string, Category>,
  language: ContentLanguage | undefined,
) {
  const categoryOf = (product: Product) => categories.get(product.categoryId);
  if (!caller) return products.map((product) => presentProduct(product, viewer, [], undefined, categoryOf(product), language));
  const [warehouses, prices, buyerNumbers] = await readsForPresenting(
    products.map((product) => product.sku),
    viewer,
    caller,
    pricing,
  );
  return products.map((product) => {
    const view = presentProduct(product, viewer, warehouses, prices.get(product.sku), categoryOf(product), language);
    const buyerNumber = buyerNumbers.get(product.sku);
    return buyerNumber ? { ...view, buyerNumber } : view;
  });
}

export async function browseCategories(caller: Identity | undefined, language?: ContentLanguage) {
  const viewer = await viewerFor(caller);
  return sortCategories((await repository.listCategories()).filter((category) => isCategoryVisible(category, viewer))).map((category) =>
    presentCategory(category, language),
  );
}

export async function browseProducts(
  caller: Identity | undefined,
  categoryId: string,
  limit: number,
  cursor: string | undefined,
  pricing: PricingRequest,
  language?: ContentLanguage,
) {
  const viewer = await viewerFor(caller);
  const category = await visibleCategory(categoryId, viewer);
  const page = await repository.listProductsInCategory(categoryId, limit, cursor);
  return { products: await present(page.products, viewer, caller, pricing, new Map([[category.id, category]]), language), nextCursor: page.nextCursor };
}

export async function showProduct(caller: Identity | undefined, sku: string, pricing: PricingRequest, language?: ContentLanguage) {
  const viewer = await viewerFor(caller);
  const product = await repository.findProduct(sku);
  if (!product || !product.active) throw notFound('Product');
  // The category list answers both the product's own category check and the related products' (one read, issue 18).
  // Prices and own numbers of the related products are read with them (one batch), before knowing which are visible.
  const [relatedFound, categoryList] = await Promise.all([
    repository.findProducts(product.related),
    repository.listCategories(),
    caller ? readsForPresenting([product.sku, ...product.related], viewer, caller, pricing) : undefined,
  ]);
  const categories = new Map(categoryList.map((category) => [category.id, category]));
  const ownCategory = categories.get(product.categoryId);
  if (!ownCategory || !isCategoryVisible(ownCategory, viewer)) throw notFound('Category');
  const relatedProducts = [...relatedFound.values()].filter((candidate) => candidate.active);
  const visibleRelated = relatedProducts.filter((candidate) => {
    const category = categories.get(candidate.categoryId);
    return category !== undefined && isCategoryVisible(category, viewer);
  });
  const [view, ...related] = await present([product, ...visibleRelated], viewer, caller, pricing, categories, language);
  return { ...view!, related };
}

export interface SearchQuery {
  readonly q: string;
  readonly category?: string | undefined;
  readonly manufacturer?: string | undefined;
  readonly attr?: Readonly<Record<string, string>> | undefined;
  readonly inStock?: boolean | undefined;
  readonly sort: SearchSort | 'price-asc' | 'price-desc';
  readonly limit: number;
  readonly cursor?: string | undefined;
  readonly lang?: ContentLanguage | undefined;
}

async function visibleCategoryMap(viewer: Viewer): Promise<Map<string, Category>> {
  return new Map((await repository.listCategories()).filter((category) => isCategoryVisible(category, viewer)).map((category) => [category.id, category]));
}

/**
 * The identifier lane: products whose SKU, EAN or MPN (normalised) is the query, or the caller
 * company's own number for it, then those starting with it. Each candidate is checked against the
 * product's current identifiers, activity and the viewer's categories, so a stale identifier item or
 * a closed category yields nothing. Own numbers are looked up in the caller's company only.
 */
async function identifierHits(
  query: string,
  visible: ReadonlyMap<string, Category>,
  prefixLimit: number,
  companyId: string | undefined,
): Promise<{ exact: string[]; prefixed: string[]; products: ReadonlyMap<string, Product> }> {
  if (!looksLikeIdentifier(query)) return { exact: [], prefixed: [], products: new Map() };
  const normalised = normaliseIdentifier(query);
  const [exact, prefixed, ownExact, ownPrefixed] = await Promise.all([
    repository.findSkusByIdentifier(normalised),
    repository.findSkusByIdentifierPrefix(normalised, prefixLimit),
    companyId ? repository.findSkuByBuyerNumber(companyId, normalised) : undefined,
    companyId ? repository.findSkusByBuyerNumberPrefix(companyId, normalised, prefixLimit) : [],
  ]);
  const candidates = [...new Set([...(ownExact ? [ownExact] : []), ...exact, ...ownPrefixed, ...prefixed])].slice(0, 100);
  const products = await repository.findProducts(candidates);
  const holds = (sku: string, matches: (identifier: string) => boolean) => {
    const product = products.get(sku);
    return (
      product !== undefined &&
      product.active &&
      visible.has(product.categoryId) &&
      productIdentifiers(product).some(({ normalised: identifier }) => matches(identifier))
    );
  };
  const shown = (sku: string) => {
    const product = products.get(sku);
    return product !== undefined && product.active && visible.has(product.categoryId);
  };
  const exactHits = [
    ...new Set([...(ownExact && shown(ownExact) ? [ownExact] : []), ...exact.filter((sku) => holds(sku, (identifier) => identifier === normalised))]),
  ];
  const prefixHits = [...ownPrefixed.filter(shown), ...prefixed.filter((sku) => holds(sku, (identifier) => identifier.startsWith(normalised)))].filter(
    (sku) => !exactHits.includes(sku),
  );
  return { exact: exactHits, prefixed: [...new Set(prefixHits)], products };
}

/**
 * SKUs for article numbers typed or pasted as they are (quick order, barcode scans): an EAN, MPN or the
 * caller company's own number that stands for exactly one active product the caller may see. Numbers
 * that are ambiguous or unknown are left out.
 */
export async function resolveArticleNumbers(caller: Identity, numbers: readonly string[]): Promise<Map<string, string>> {
  const wanted = [...new Set(numbers)].slice(0, 200);
  if (!wanted.length) return new Map();
  const viewer = await viewerFor(caller);
  const visible = await visibleCategoryMap(viewer);
  const candidates = await Promise.all(
    wanted.map(async (number) => {
      const normalised = normaliseIdentifier(number);
      const [skus, own] = await Promise.all([
        repository.findSkusByIdentifier(normalised),
        caller.companyId ? repository.findSkuByBuyerNumber(caller.companyId, normalised) : undefined,
      ]);
      return { number, normalised, skus: own ? [own] : skus, own: own !== undefined };
    }),
  );
  const products = await repository.findProducts([...new Set(candidates.flatMap((candidate) => candidate.skus))].slice(0, 100));
  const resolved = new Map<string, string>();
  for (const { number, normalised, skus, own } of candidates) {
    const hits = skus.filter((sku) => {
      const product = products.get(sku);
      return (
        product?.active &&
        visible.has(product.categoryId) &&
        (own || productIdentifiers(product).some(({ normalised: identifier }) => identifier === normalised))
      );
    });
    if (hits.length === 1) resolved.set(number, hits[0]!);
  }
  return resolved;
}

async function textIndex(): Promise<TextSearchEngine> {
  const index = await currentSearchEngine();
  if (!index) throw new AppError(503, 'SEARCH_INDEX_NOT_READY', 'The product search is being built. Please try again in a minute.');
  return index;
}

/** The hits in the order of the buyer's unit prices (ties by SKU; unpriced last). */
async function byPrice(
  caller: Identity | undefined,
  skus: readonly string[],
  sort: 'price-asc' | 'price-desc',
  pricing: PricingRequest,
  viewer: CatalogViewer,
) {
  if (!caller?.companyId) throw badRequest('PRICE_SORT_NEEDS_LOGIN', 'Sorting by price needs a signed-in customer: prices are per customer');
  if (skus.length > PRICE_SORT_MAX_HITS)
    throw badRequest('TOO_MANY_HITS_FOR_PRICE_SORT', `Sorting by price works for up to ${PRICE_SORT_MAX_HITS} hits; narrow the search (${skus.length} hits)`);
  const prices = await displayPrices(caller, skus, pricing, viewer.situation);
  const direction = sort === 'price-asc' ? 1 : -1;
  const amount = (sku: string) => prices.get(sku)?.price.amount;
  return [...skus].sort((a, b) => {
    const left = amount(a);
    const right = amount(b);
    if (left === undefined || right === undefined) return (left === undefined ? 1 : 0) - (right === undefined ? 1 : 0) || a.localeCompare(b);
    return direction * (left - right) || a.localeCompare(b);
  });
}

export async function searchProducts(caller: Identity | undefined, query: SearchQuery, pricing: PricingRequest) {
  const viewer = await viewerFor(caller);
  const [visible, index] = await Promise.all([visibleCategoryMap(viewer), textIndex()]);
  const { exact, prefixed, products: identified } = await identifierHits(query.q, visible, 24, caller?.companyId);
  const filtered = Boolean(query.category || query.manufacturer || query.attr || query.inStock !== undefined);
  // An exact article number answers with the number lane alone: its words would only add noise.
  const result = await index.search(
    exact.length && !filtered ? null : query.q,
    {
      visibleCategories: new Set(visible.keys()),
      ...(query.category ? { category: query.category } : {}),
      ...(query.manufacturer ? { manufacturer: query.manufacturer } : {}),
      ...(query.attr ? { attributes: query.attr } : {}),
      ...(query.inStock !== undefined ? { inStock: query.inStock } : {}),
    },
    query.sort === 'name' ? 'name' : 'relevance',
    [...exact, ...prefixed],
  );
  // The identifier lane is the table: an exact hit is found before the indexer has seen a new product.
  const indexed = filtered || !exact.length ? new Map() : await index.stored(exact);
  const unindexed = filtered ? [] : exact.filter((sku) => !indexed.has(sku));
  const skus =
    query.sort === 'price-asc' || query.sort === 'price-desc'
      ? await byPrice(caller, [...unindexed, ...result.skus], query.sort, pricing, viewer)
      : [...unindexed, ...result.skus];
  const offset = query.cursor ? Number(query.cursor) : 0;
  const pageSkus = skus.slice(offset, offset + query.limit);
  const unread = pageSkus.filter((sku) => !identified.has(sku));
  const found = new Map([...identified, ...(unread.length ? await repository.findProducts(unread) : [])]);
  const products = pageSkus.flatMap((sku) => {
    const product = found.get(sku);
    return product?.active && visible.has(product.categoryId) ? [product] : [];
  });
  const labels = new Map<string, string>();
  for (const category of visible.values())
    for (const [code, label] of Object.entries({ ...category.attributeLabels, ...(query.lang ? category.texts?.[query.lang]?.attributeLabels : {}) }))
      if (!labels.has(code)) labels.set(code, label);
  const next = offset + query.limit;
  return {
    total: skus.length,
    ...(exact.length === 1 && skus[0] === exact[0] ? { exactMatch: exact[0] } : {}),
    products: await present(products, viewer, caller, pricing, visible, query.lang),
    facets: {
      category: result.facets.category.map((facet) => {
        const category = visible.get(facet.value);
        return { ...facet, label: category ? presentCategory(category, query.lang).name : facet.value };
      }),
      manufacturer: [...result.facets.manufacturer],
      attributes: Object.entries(result.facets.attributes).map(([code, values]) => ({ code, label: labels.get(code) ?? code, values: [...values] })),
      availability: result.facets.availability,
    },
    ...(next < skus.length ? { nextCursor: String(next) } : {}),
  };
}

/** Search-box suggestions: article-number prefixes first, then the best text hits, and their categories. */
export async function suggest(caller: Identity | undefined, q: string, language?: ContentLanguage) {
  const viewer = await viewerFor(caller);
  const [visible, index] = await Promise.all([visibleCategoryMap(viewer), textIndex()]);
  const { exact, prefixed } = await identifierHits(q, visible, 8, caller?.companyId);
  const { skus, categories, stored: storedFields } = await index.suggest(q, new Set(visible.keys()), 8, [...exact, ...prefixed]);
  return {
    products: skus.flatMap((sku) => {
      const stored = storedFields.get(sku);
      return stored ? [{ sku, name: (language && stored.names?.[language]) || stored.name, categoryId: stored.categoryId }] : [];
    }),
    categories: categories.slice(0, 5).flatMap((facet) => {
      const category = visible.get(facet.value);
      return category ? [{ id: facet.value, name: presentCategory(category, language).name, count: facet.count }] : [];
    }),
  };
}

export async function listWarehouses() {
  return { warehouses: await repository.listWarehouses() };
}

/**
 * Products by SKU for other contexts, each read once per API request (functions/shared/items.ts): the
 * cart view, the approval check and the order lines of one checkout ask for the same products.
 */
export const findProducts = (skus: readonly string[]) => repository.findProducts(skus);

/** Unfiltered reads and the writes catalog exchange needs next to its import (visibility is the caller's). */
export {
  buyerNumbersOf,
  findSkuByBuyerNumber,
  listBuyerNumbers,
  listCategories,
  listProductsInCategory,
  productExistsCheck,
  refreshProductCount,
} from './repository.js';

/** Items other contexts' routes prefetch next to the caller's status (functions/shared/http.ts `prefetching`). */
export const catalogReads = { warehouses: () => repository.catalogKeys.warehouses() };
