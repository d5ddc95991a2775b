/**
 * The text-search port of the product search: one interface, two engines. The embedded MiniSearch
 * index (text-index.ts, S3 snapshot) serves catalogs up to about 200 000 products; the Amazon
 * OpenSearch adapter (opensearch.ts) larger ones. `SEARCH_ENGINE` (embedded | opensearch) picks one;
 * the catalog function searches it, the catalog indexer writes it. Both analyse texts the same way
 * (analysis.ts, docs/search.md) and answer in the same shape (TextSearchResult).
 */
import { config } from '../../shared/config.js';
import { currentTextIndex, isPreconditionFailed, snapshotForUpdate, storeSnapshot } from './snapshot.js';
import type { SearchLanguage } from './analysis.js';
import {
  ProductTextIndex,
  type FacetValue,
  type SearchDocument,
  type SearchFilters,
  type SearchSort,
  type StoredFields,
  type TextSearchResult,
} from './text-index.js';

export interface SuggestResult {
  readonly skus: readonly string[];
  readonly categories: readonly FacetValue[];
  /** Stored fields of the suggested products (names per language for the search box). */
  readonly stored: ReadonlyMap<string, StoredFields>;
}

/** The read side: what the catalog function asks. */
export interface TextSearchEngine {
  readonly kind: 'embedded' | 'opensearch';
  /**
   * Hits of `query` (all products when empty, only `pinned` when null) in the viewer's categories,
   * filtered, sorted, with facet counts (each facet counted without its own filter); `pinned`
   * (identifier hits) come first.
   */
  search(query: string | null, filters: SearchFilters, sort: SearchSort, pinned?: readonly string[]): Promise<TextSearchResult>;
  /** Products and categories for the search box while typing. */
  suggest(query: string, visibleCategories: ReadonlySet<string>, limit: number, pinned?: readonly string[]): Promise<SuggestResult>;
  /** Stored fields of the given SKUs that are indexed (absent ones are not in the map). */
  stored(skus: readonly string[]): Promise<ReadonlyMap<string, StoredFields>>;
}

/** The write side: what the catalog indexer does. */
export interface TextIndexWriter {
  /** Replaces the whole index with `documents` (a full rebuild; searches see the old index until it is done). */
  replaceAll(documents: readonly SearchDocument[], language: SearchLanguage): Promise<void>;
  /** Adds or replaces single products in place (only engines that index incrementally). */
  upsert?(documents: readonly SearchDocument[]): Promise<void>;
  /** Removes products from the index (only engines that index incrementally). */
  remove?(skus: readonly string[]): Promise<void>;
  /**
   * Upserts and removals in one step (the indexer's incremental path); false when there is no index
   * to change yet (then the indexer rebuilds).
   */
  applyChanges(upserts: readonly SearchDocument[], removals: readonly string[]): Promise<boolean>;
}

/** The embedded index behind the port: synchronous MiniSearch calls, answered as promises. */
export class EmbeddedTextSearch implements TextSearchEngine {
  readonly kind = 'embedded' as const;
  constructor(readonly index: ProductTextIndex) {}

  async search(query: string | null, filters: SearchFilters, sort: SearchSort, pinned: readonly string[] = []): Promise<TextSearchResult> {
    return this.index.search(query, filters, sort, pinned);
  }

  async suggest(query: string, visibleCategories: ReadonlySet<string>, limit: number, pinned: readonly string[] = []): Promise<SuggestResult> {
    const { skus, categories } = this.index.suggest(query, visibleCategories, limit, pinned);
    return { skus, categories, stored: this.storedNow(skus) };
  }

  async stored(skus: readonly string[]): Promise<ReadonlyMap<string, StoredFields>> {
    return this.storedNow(skus);
  }

  private storedNow(skus: readonly string[]): Map<string, StoredFields> {
    const found = new Map<string, StoredFields>();
    for (const sku of skus) {
      const stored = this.index.stored(sku);
      if (stored) found.set(sku, stored);
    }
    return found;
  }
}

/**
 * The embedded writer: builds the MiniSearch index and stores it as the S3 snapshot, or changes the
 * stored snapshot in place. Concurrent indexers do not lose each other's changes: the write is
 * conditional on the ETag read, and a lost race reads again (three times, then the batch is retried).
 */
export const embeddedWriter: TextIndexWriter = {
  async replaceAll(documents, language) {
    await storeSnapshot(ProductTextIndex.build(documents, language));
  },
  async applyChanges(upserts, removals) {
    for (let attempt = 1; ; attempt++) {
      const current = await snapshotForUpdate();
      if (!current) return false;
      try {
        await storeSnapshot(current.index.applyChanges(upserts, removals), current.etag);
        return true;
      } catch (error) {
        if (!isPreconditionFailed(error) || attempt >= 3) throw error;
      }
    }
  },
};

export type SearchEngineKind = 'embedded' | 'opensearch';

let openSearch: Promise<TextSearchEngine & TextIndexWriter> | undefined;

/** The OpenSearch adapter for this function's configuration, created once (loaded only when configured). */
function openSearchAdapter(): Promise<TextSearchEngine & TextIndexWriter> {
  openSearch ??= import('./opensearch.js').then(({ OpenSearchTextSearch }) => OpenSearchTextSearch.fromConfig());
  return openSearch;
}

/** The configured engine, or undefined while the embedded index has no snapshot yet. */
export async function currentSearchEngine(kind: SearchEngineKind = config.searchEngine()): Promise<TextSearchEngine | undefined> {
  if (kind === 'opensearch') return openSearchAdapter();
  const index = await currentTextIndex();
  return index ? new EmbeddedTextSearch(index) : undefined;
}

/** Where the indexer writes: the configured engine. */
export async function currentIndexWriter(kind: SearchEngineKind = config.searchEngine()): Promise<TextIndexWriter> {
  return kind === 'opensearch' ? openSearchAdapter() : embeddedWriter;
}
