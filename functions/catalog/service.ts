import type { Identity } from '../shared/auth.js';
import { notFound } from '../shared/errors.js';
import { getShopSettings } from '../accounts/service.js';
import * as repository from './repository.js';
import { assertMayBrowse, presentProduct, sortCategories, type Viewer } from './rules.js';

async function viewerFor(caller: Identity | undefined): Promise<Viewer> {
  const settings = await getShopSettings();
  const viewer = { signedIn: caller !== undefined, shopIsLoginOnly: settings.loginOnly };
  assertMayBrowse(viewer);
  return viewer;
}

export async function browseCategories(caller: Identity | undefined) {
  await viewerFor(caller);
  return sortCategories(await repository.listCategories());
}

export async function browseProducts(caller: Identity | undefined, categoryId: string, limit: number, cursor?: string) {
  const viewer = await viewerFor(caller);
  const page = await repository.listProductsInCategory(categoryId, limit, cursor);
  return { products: page.products.map((product) => presentProduct(product, viewer)), nextCursor: page.nextCursor };
}

export async function showProduct(caller: Identity | undefined, sku: string) {
  const viewer = await viewerFor(caller);
  const product = await repository.findProduct(sku);
  if (!product || !product.active) throw notFound('Product');
  return presentProduct(product, viewer);
}

export const findProducts = repository.findProducts;
