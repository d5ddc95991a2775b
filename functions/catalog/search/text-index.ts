/**
 * The embedded text index of the product search (MiniSearch): built from the catalog by the indexer,
 * kept as one JSON snapshot in S3, loaded by the catalog function when the first search comes in.
 * Holds only texts and facet values, never prices or unique identifiers (those are DynamoDB lookups).
 */
import MiniSearch from 'minisearch';
import { compoundDictionary, createAnalyzer, tokenize, type Analyzer, type SearchLanguage } from './analysis.js';

/** What the index knows of a product. */
export interface SearchDocument {
  readonly sku: string;
  readonly name: string;
  readonly description: string;
  readonly categoryId: string;
  readonly categoryName: string;
  readonly manufacturer?: string;
  /** Attribute code → value with unit as shown ("M8", "40 mm", "A2"). */
  readonly attributes: Readonly<Record<string, string>>;
  readonly inStock: boolean;
  /** Name and description in other languages, searched as well (a Polish buyer types Polish words). */
  readonly translations?: Partial<Record<SearchLanguage, { readonly name?: string; readonly description?: string }>>;
}

export interface StoredFields {
  /** Names in other languages, for suggestions. */
  readonly names?: Partial<Record<SearchLanguage, string>>;
  readonly name: string;
  readonly categoryId: string;
  readonly manufacturer?: string;
  readonly attributes: Readonly<Record<string, string>>;
  readonly inStock: boolean;
}

export interface SearchFilters {
  /** Categories the viewer may see: hits elsewhere are dropped before counting (closed catalogs). */
  readonly visibleCategories: ReadonlySet<string>;
  readonly category?: string;
  readonly manufacturer?: string;
  readonly attributes?: Readonly<Record<string, string>>;
  readonly inStock?: boolean;
}

export type SearchSort = 'relevance' | 'name';

export interface FacetValue {
  readonly value: string;
  readonly count: number;
}

export interface Facets {
  readonly category: readonly FacetValue[];
  readonly manufacturer: readonly FacetValue[];
  readonly attributes: Readonly<Record<string, readonly FacetValue[]>>;
  readonly availability: { readonly inStock: number; readonly outOfStock: number };
}

export interface TextSearchResult {
  /** All matching SKUs in result order (the service pages through them). */
  readonly skus: readonly string[];
  readonly facets: Facets;
}

const fields = ['name', 'description', 'manufacturer', 'categoryName', 'attributeText', 'translatedText'] as const;
const storeFields = ['name', 'names', 'categoryId', 'manufacturer', 'attributes', 'inStock'] as const;

export interface SnapshotHeader {
  readonly version: 2;
  readonly language: SearchLanguage;
  readonly builtAt: string;
  readonly documentCount: number;
  /** Words of the decompounding dictionary beyond the trade word list (the catalog's own). */
  readonly catalogWords: readonly string[];
}

export class ProductTextIndex {
  private constructor(
    private readonly index: MiniSearch<SearchDocument>,
    private readonly analyzer: Analyzer,
    readonly header: SnapshotHeader,
    /** Every indexed SKU in catalog order: an empty query lists them without MiniSearch's wildcard search (which copies every document). */
    private readonly skus: readonly string[],
  ) {}

  private static options(analyzer: Analyzer) {
    return {
      idField: 'sku',
      fields: [...fields],
      storeFields: [...storeFields],
      extractField: (document: SearchDocument, field: string): string => {
        if (field === 'attributeText') return Object.values(document.attributes).join(' ');
        if (field === 'translatedText')
          return Object.values(document.translations ?? {})
            .map((texts) => `${texts?.name ?? ''} ${texts?.description ?? ''}`)
            .join(' ');
        if (field === 'names') {
          const names = Object.entries(document.translations ?? {}).flatMap(([language, texts]) => (texts?.name ? [[language, texts.name]] : []));
          return (names.length ? Object.fromEntries(names) : undefined) as unknown as string;
        }
        const value = (document as unknown as Record<string, unknown>)[field];
        return (value ?? '') as string;
      },
      tokenize: (text: string) => analyzer.indexTerms(text),
      processTerm: (term: string) => term,
      searchOptions: {
        tokenize: (text: string) => analyzer.queryTerms(text),
        processTerm: (term: string) => term,
        boost: { name: 3, translatedText: 2, manufacturer: 2, attributeText: 1.5, categoryName: 1, description: 0.5 },
        combineWith: 'AND' as const,
        prefix: (_term: string, position: number, terms: string[]) => position === terms.length - 1,
        fuzzy: (term: string) => (term.length >= 5 ? 0.2 : false),
        maxFuzzy: 2,
      },
    };
  }

  static build(documents: Iterable<SearchDocument>, language: SearchLanguage, builtAt = new Date().toISOString()): ProductTextIndex {
    const list = [...documents];
    const catalogWords = catalogWordsOf(list);
    const analyzer = createAnalyzer(language, compoundDictionary(catalogWords));
    const index = new MiniSearch<SearchDocument>(ProductTextIndex.options(analyzer));
    index.addAll(list);
    const header: SnapshotHeader = { version: 2, language, builtAt, documentCount: list.length, catalogWords: [...catalogWords].sort() };
    return new ProductTextIndex(
      index,
      analyzer,
      header,
      list.map((document) => document.sku),
    );
  }

  /** The snapshot as stored in S3: a header line, a line with the SKUs, then MiniSearch's own JSON. */
  serialize(): string {
    return `${JSON.stringify(this.header)}\n${JSON.stringify(this.skus)}\n${JSON.stringify(this.index)}`;
  }

  static load(snapshot: string): ProductTextIndex {
    const newline = snapshot.indexOf('\n');
    const header = JSON.parse(snapshot.slice(0, newline)) as SnapshotHeader;
    if (header.version !== 2) throw new Error(`Unknown search snapshot version ${String(header.version)}`);
    const second = snapshot.indexOf('\n', newline + 1);
    const skus = JSON.parse(snapshot.slice(newline + 1, second)) as string[];
    const analyzer = createAnalyzer(header.language, compoundDictionary(header.catalogWords));
    const index = MiniSearch.loadJSON<SearchDocument>(snapshot.slice(second + 1), ProductTextIndex.options(analyzer));
    return new ProductTextIndex(index, analyzer, header, skus);
  }

  get size(): number {
    return this.index.documentCount;
  }

  /**
   * This index with `upserts` added or replaced and the `removals` (SKUs) taken out, changed in place:
   * the indexer's incremental update of a loaded snapshot. New products go to the end of the SKU list
   * and their words join the compound dictionary only at the next full rebuild.
   */
  applyChanges(upserts: readonly SearchDocument[], removals: readonly string[], changedAt = new Date().toISOString()): ProductTextIndex {
    const gone = new Set(removals.filter((sku) => this.index.has(sku)));
    for (const sku of gone) this.index.discard(sku);
    const added: string[] = [];
    for (const document of upserts) {
      if (this.index.has(document.sku)) this.index.replace(document);
      else {
        this.index.add(document);
        added.push(document.sku);
      }
    }
    const upserted = new Set(upserts.map((document) => document.sku));
    const skus = [...this.skus.filter((sku) => !gone.has(sku) || upserted.has(sku)), ...added.filter((sku) => !this.skus.includes(sku))];
    return new ProductTextIndex(this.index, this.analyzer, { ...this.header, builtAt: changedAt, documentCount: this.index.documentCount }, skus);
  }

  /**
   * Hits of `query` (all products when empty, only `pinned` when null) the viewer may see, filtered, sorted, with facet counts.
   * A facet counts what its own filter would show: the category facet ignores the category filter,
   * an attribute facet ignores that attribute's filter, and so on, so a shopper can switch values.
   */
  search(query: string | null, filters: SearchFilters, sort: SearchSort, pinned: readonly string[] = []): TextSearchResult {
    const attributeFilters = Object.entries(filters.attributes ?? {});
    const hits: Hit[] = [];
    const categories = new Map<string, number>();
    const manufacturers = new Map<string, number>();
    const attributes = new Map<string, Map<string, number>>();
    const availability = { inStock: 0, outOfStock: 0 };
    const attributeCounts = (code: string) => {
      let counts = attributes.get(code);
      if (!counts) attributes.set(code, (counts = new Map()));
      return counts;
    };
    let failures = 0;
    let failed = '';
    const fail = (filter: string) => {
      failures++;
      failed = filter;
    };
    // One pass over the hits: a hit that fails no filter counts in every facet; one that fails a single
    // filter counts only in that filter's own facet (what switching that value would show); others nowhere.
    for (const hit of this.matches(query, pinned)) {
      const stored = hit.stored;
      if (!filters.visibleCategories.has(stored.categoryId)) continue;
      for (const code in stored.attributes) attributeCounts(code);
      failures = 0;
      if (filters.category && stored.categoryId !== filters.category) fail('category');
      if (filters.manufacturer && stored.manufacturer !== filters.manufacturer) fail('manufacturer');
      if (filters.inStock !== undefined && stored.inStock !== filters.inStock) fail('availability');
      for (const [code, value] of attributeFilters) if (stored.attributes[code] !== value) fail(`attribute:${code}`);
      if (failures > 1) continue;
      const all = failures === 0;
      if (all) hits.push(hit);
      if (all || failed === 'category') increment(categories, stored.categoryId);
      if ((all || failed === 'manufacturer') && stored.manufacturer) increment(manufacturers, stored.manufacturer);
      if (all || failed === 'availability') availability[stored.inStock ? 'inStock' : 'outOfStock']++;
      if (all) {
        for (const code in stored.attributes) {
          const value = stored.attributes[code];
          if (value) increment(attributeCounts(code), value);
        }
      } else if (failed.startsWith('attribute:')) {
        const code = failed.slice('attribute:'.length);
        const value = stored.attributes[code];
        if (value) increment(attributeCounts(code), value);
      }
    }
    const isPinned = (hit: Hit) => (hit.score === Number.POSITIVE_INFINITY ? 1 : 0);
    if (sort === 'name') hits.sort((a, b) => isPinned(b) - isPinned(a) || collator.compare(a.stored.name, b.stored.name) || collator.compare(a.sku, b.sku));
    return {
      skus: hits.map((hit) => hit.sku),
      facets: {
        category: countedValues(categories),
        manufacturer: countedValues(manufacturers),
        attributes: Object.fromEntries([...attributes.keys()].sort().map((code) => [code, countedValues(attributes.get(code)!)])),
        availability,
      },
    };
  }

  /** Products and categories for the search box while typing: the best hits and where they are. */
  suggest(
    query: string,
    visibleCategories: ReadonlySet<string>,
    limit: number,
    pinned: readonly string[] = [],
  ): { readonly skus: readonly string[]; readonly categories: readonly FacetValue[] } {
    const hits = this.matches(query, pinned).filter((hit) => visibleCategories.has(hit.stored.categoryId));
    return { skus: hits.slice(0, limit).map((hit) => hit.sku), categories: countValues(hits.map((hit) => hit.stored.categoryId)).slice(0, limit) };
  }

  /** The stored fields of an indexed product (its name for suggestions). */
  stored(sku: string): StoredFields | undefined {
    return this.index.getStoredFields(sku) as StoredFields | undefined;
  }

  /** `pinned` (identifier hits) come first, in their order, then the text hits by relevance. */
  private matches(query: string | null, pinned: readonly string[]): Hit[] {
    const text = query?.trim();
    const results: Hit[] =
      text === undefined
        ? []
        : !text
          ? this.skus.map((sku) => ({ sku, score: 0, stored: this.stored(sku)! }))
          : this.hasTerms(text)
            ? this.index.search(text).map((result) => ({ sku: String(result.id), score: result.score, stored: result as unknown as StoredFields }))
            : [];
    const pinnedHits = pinned.flatMap((sku): Hit[] => {
      const stored = this.stored(sku);
      return stored ? [{ sku, score: Number.POSITIVE_INFINITY, stored }] : [];
    });
    const first = new Set(pinnedHits.map((hit) => hit.sku));
    return [...pinnedHits, ...results.filter((hit) => !first.has(hit.sku))];
  }

  /** Whether a query has any term the analyzer keeps (a query of only punctuation has none). */
  hasTerms(query: string): boolean {
    return this.analyzer.queryTerms(query).length > 0;
  }
}

/**
 * The catalog's own words for the decompounding dictionary (beyond the trade word list): the words of
 * names and category names, four letters or more, without digits. The OpenSearch adapter feeds the same
 * list to its `dictionary_decompounder`.
 */
export function catalogWordsOf(documents: Iterable<SearchDocument>): Set<string> {
  const catalogWords = new Set<string>();
  for (const document of documents)
    for (const word of tokenize(
      `${document.name} ${document.categoryName} ${Object.values(document.translations ?? {})
        .map((texts) => texts?.name ?? '')
        .join(' ')}`,
    ))
      if (word.length >= 4 && !/\d/.test(word)) catalogWords.add(word);
  return catalogWords;
}

interface Hit {
  readonly sku: string;
  readonly score: number;
  readonly stored: StoredFields;
}

/** The default collation, as `localeCompare` without arguments, but without its per-call set-up. */
const collator = new Intl.Collator();

const increment = (counts: Map<string, number>, value: string) => counts.set(value, (counts.get(value) ?? 0) + 1);

/** Values with their counts, most frequent first, then alphabetical. */
function countedValues(counts: ReadonlyMap<string, number>): FacetValue[] {
  return [...counts].map(([value, count]) => ({ value, count })).sort((a, b) => b.count - a.count || collator.compare(a.value, b.value));
}

/** Counts of each value, most frequent first, then alphabetical. */
function countValues(values: readonly string[]): FacetValue[] {
  const counts = new Map<string, number>();
  for (const value of values) increment(counts, value);
  return countedValues(counts);
}
