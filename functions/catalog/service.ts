import type { Identity } from '../shared/auth.js';
import { notFound } from '../shared/errors.js';
import { displayPrices, loadSituation, type PricingRequest, type PricingSituation } from '../pricing/service.js';
import * as repository from './repository.js';
import { assertMayBrowse, isCategoryVisible, presentCategory, presentProduct, sortCategories, type Product, type Viewer } from './rules.js';

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

async function present(products: readonly Product[], viewer: CatalogViewer, caller: Identity | undefined, pricing: PricingRequest) {
  if (!caller) return products.map((product) => presentProduct(product, viewer, []));
  const [warehouses, prices] = await Promise.all([
    repository.listWarehouses(),
    displayPrices(caller, products.map((product) => product.sku), pricing, viewer.situation),
  ]);
  return products.map((product) => presentProduct(product, viewer, warehouses, prices.get(product.sku)));
}

export async function browseCategories(caller: Identity | undefined) {
  const viewer = await viewerFor(caller);
  return sortCategories((await repository.listCategories()).filter((category) => isCategoryVisible(category, viewer))).map(presentCategory);
}

export async function browseProducts(caller: Identity | undefined, categoryId: string, limit: number, cursor: string | undefined, pricing: PricingRequest) {
  const viewer = await viewerFor(caller);
  await visibleCategory(categoryId, viewer);
  const page = await repository.listProductsInCategory(categoryId, limit, cursor);
  return { products: await present(page.products, viewer, caller, pricing), nextCursor: page.nextCursor };
}

export async function showProduct(caller: Identity | undefined, sku: string, pricing: PricingRequest) {
  const viewer = await viewerFor(caller);
  const product = await repository.findProduct(sku);
  if (!product || !product.active) throw notFound('Product');
  await visibleCategory(product.categoryId, viewer);
  const relatedProducts = [...(await repository.findProducts(product.related)).values()].filter((candidate) => candidate.active);
  const categories = new Map((await repository.listCategories()).map((category) => [category.id, category]));
  const visibleRelated = relatedProducts.filter((candidate) => {
    const category = categories.get(candidate.categoryId);
    return category !== undefined && isCategoryVisible(category, viewer);
  });
  const [view, ...related] = await present([product, ...visibleRelated], viewer, caller, pricing);
  return { ...view!, related };
}

export async function listWarehouses() {
  return { warehouses: await repository.listWarehouses() };
}

export const findProducts = repository.findProducts;

/** Unfiltered reads and the writes catalog exchange needs next to its import (visibility is the caller's). */
export { listCategories, listProductsInCategory, productExistsCheck, refreshProductCount } from './repository.js';
