/**
 * Builds the text index from the catalog and writes it to the configured engine (engine.ts: the
 * embedded snapshot in S3, or OpenSearch): a full rebuild by the local stack after seeding and when no
 * index exists yet; otherwise the catalog indexer changes just the products of a batch of
 * `catalog.changed` events (stock crossing zero included, so the availability facet stays true).
 * A full rebuild reads each category's products on GSI1; it is a background job, never a request.
 */
import { config } from '../../shared/config.js';
import { findProducts, listActiveProductsInCategory, listCategories } from '../repository.js';
import type { Product } from '../rules.js';
import type { SearchLanguage } from './analysis.js';
import { currentIndexWriter } from './engine.js';
import type { SearchDocument } from './text-index.js';

export const toSearchDocument = (product: Product, categoryName: string): SearchDocument => ({
  sku: product.sku,
  name: product.name,
  description: product.description,
  categoryId: product.categoryId,
  categoryName,
  ...(product.manufacturer ? { manufacturer: product.manufacturer } : {}),
  attributes: product.attributes ?? {},
  ...(product.texts ? { translations: product.texts } : {}),
  inStock: Object.values(product.stock).some((quantity) => quantity > 0),
});

/** Above this many changed products a batch rebuilds the whole index instead (one scan of GSI1 beats thousands of reads). */
export const INCREMENTAL_LIMIT = 2000;

/**
 * Brings the given products up to date in the index: active ones are added or replaced, deleted or
 * inactive ones removed. Rebuilds everything when there is no index yet or the batch is large.
 */
export async function updateTextIndex(
  skus: readonly string[],
  language: SearchLanguage = config.searchLanguage(),
): Promise<{ mode: 'incremental' | 'rebuild'; documents: number; durationMs: number }> {
  const started = Date.now();
  const unique = [...new Set(skus)];
  if (unique.length > 0 && unique.length <= INCREMENTAL_LIMIT) {
    const chunks = Array.from({ length: Math.ceil(unique.length / 100) }, (_, index) => unique.slice(index * 100, index * 100 + 100));
    const [found, categories] = await Promise.all([Promise.all(chunks.map(findProducts)), listCategories()]);
    const products = found.flatMap((chunk) => [...chunk.values()]);
    const categoryNames = new Map(categories.map((category) => [category.id, category.name]));
    const upserts = products
      .filter((product) => product.active && categoryNames.has(product.categoryId))
      .map((product) => toSearchDocument(product, categoryNames.get(product.categoryId)!));
    const kept = new Set(upserts.map((document) => document.sku));
    const removals = unique.filter((sku) => !kept.has(sku));
    if (await (await currentIndexWriter()).applyChanges(upserts, removals))
      return { mode: 'incremental', documents: unique.length, durationMs: Date.now() - started };
  }
  const rebuilt = await rebuildTextIndex(language);
  return { mode: 'rebuild', ...rebuilt, durationMs: Date.now() - started };
}

export async function rebuildTextIndex(language: SearchLanguage = config.searchLanguage()): Promise<{ documents: number; durationMs: number }> {
  const started = Date.now();
  const documents: SearchDocument[] = [];
  for (const category of await listCategories()) {
    for (const product of await listActiveProductsInCategory(category.id)) documents.push(toSearchDocument(product, category.name));
  }
  await (await currentIndexWriter()).replaceAll(documents, language);
  return { documents: documents.length, durationMs: Date.now() - started };
}
