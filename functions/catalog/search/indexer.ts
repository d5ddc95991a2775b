/**
 * Builds the text index from the catalog and writes it to the configured engine (engine.ts: the
 * embedded snapshot in S3, or OpenSearch): run by the catalog indexer on every `catalog.changed` event
 * (one rebuild per batch of events) and by the local stack after seeding.
 * A full rebuild reads each category's products on GSI1; it is a background job, never a request.
 */
import { config } from '../../shared/config.js';
import { listActiveProductsInCategory, listCategories } from '../repository.js';
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

export async function rebuildTextIndex(language: SearchLanguage = config.searchLanguage()): Promise<{ documents: number; durationMs: number }> {
  const started = Date.now();
  const documents: SearchDocument[] = [];
  for (const category of await listCategories()) {
    for (const product of await listActiveProductsInCategory(category.id)) documents.push(toSearchDocument(product, category.name));
  }
  await (await currentIndexWriter()).replaceAll(documents, language);
  return { documents: documents.length, durationMs: Date.now() - started };
}
