/**
 * The Amazon OpenSearch adapter of the text-search port (engine.ts), for catalogs beyond the embedded
 * index: an OpenSearch Serverless collection (SEARCH) or a managed domain, chosen at deployment
 * (`-c searchEngine=opensearch-serverless|opensearch-domain`, lib/constructs/search-engine.ts).
 *
 * Pure parts, unit-tested with worked examples: the index settings and mappings (`indexDefinition`,
 * the analysis of analysis.ts expressed as OpenSearch analysers), the documents (`toOpenSearchDocument`,
 * no unique identifiers), the query bodies (`searchBody`, `suggestBody`) and the mapping of answers to
 * the port's shapes (`toTextSearchResult`, `toSuggestResult`). The rest is a SigV4-signed HTTP client
 * (service `aoss` for Serverless, `es` for a domain) and the index lifecycle: a full rebuild writes a
 * new index and moves the alias to it, so searches never see a half-built index.
 */
import { createHash, createHmac } from 'node:crypto';
import { SignatureV4 } from '@smithy/signature-v4';
import type { AwsCredentialIdentity, AwsCredentialIdentityProvider, Checksum, SourceData } from '@smithy/types';
import { AppError } from '../../shared/errors.js';
import { config } from '../../shared/config.js';
import { compoundDictionary, tokenize, type SearchLanguage } from './analysis.js';
import type { SuggestResult, TextIndexWriter, TextSearchEngine } from './engine.js';
import {
  catalogWordsOf,
  type Facets,
  type FacetValue,
  type SearchDocument,
  type SearchFilters,
  type SearchSort,
  type StoredFields,
  type TextSearchResult,
} from './text-index.js';

// ---- analysis: the same chain as analysis.ts, as OpenSearch index settings ------------------------

/** Light stemming of analysis.ts (`stem`) as regular expressions: one ending removed, ≥ 3 letters kept, words with digits and words of ≤ 4 letters as they are. */
const stemEndings: Record<SearchLanguage, readonly string[]> = {
  de: ['ern', 'en', 'er', 'es', 'em', 'e', 'n', 's'],
  pl: ['ami', 'ach', 'iem', 'ow', 'om', 'ie', 'em', 'y', 'i', 'a', 'e', 'u', 'o'],
  en: ['es', 's'],
};

/**
 * `pattern_replace` token filters doing what `stem()` does. The lazy prefix takes the longest ending
 * that leaves three letters, as `stem()` tries its (longest-first) endings in order; English `-ies`
 * becomes `-y` first (`batteries` → `battery`), and a word so changed has no other ending left.
 */
export function stemFilters(language: SearchLanguage): Record<string, { type: 'pattern_replace'; pattern: string; replacement: string }> {
  const guard = '^(?=.{5,}$)(?!.*\\d)';
  const filters: Record<string, { type: 'pattern_replace'; pattern: string; replacement: string }> = {};
  if (language === 'en') filters.product_stem_ies = { type: 'pattern_replace', pattern: `${guard}(.{3,})ies$`, replacement: '$1y' };
  filters.product_stem = { type: 'pattern_replace', pattern: `${guard}(.{3,}?)(?:${stemEndings[language].join('|')})$`, replacement: '$1' };
  return filters;
}

/** Explicit letters before ASCII folding: ß → ss and the umlauts without their `e` (`ü` → `u`, as `Schlüssel` = `Schluessel` = `schlussel`). */
export const letterMappings: readonly string[] = ['ß => ss', 'ẞ => ss', 'ä => a', 'ö => o', 'ü => u', 'Ä => A', 'Ö => O', 'Ü => U'];

export const textAnalyzer = 'product_text';
const sortNormalizer = 'product_sort';

/**
 * Settings and mappings of a product index: the analysis of analysis.ts (folding, German
 * decompounding with the same word list, light stemming) and fields for filters and facets.
 * `catalogWords` are the catalog's own words (catalogWordsOf), as in the embedded index.
 */
export function indexDefinition(language: SearchLanguage, catalogWords: Iterable<string> = []) {
  const stems = stemFilters(language);
  const text = { type: 'text', analyzer: textAnalyzer } as const;
  return {
    settings: {
      analysis: {
        char_filter: {
          product_letters: { type: 'mapping', mappings: [...letterMappings] },
          // Transliterated umlauts (Schluessel, Duebel) fold like the umlauts: ae/oe/ue after a letter.
          product_transliterations: { type: 'pattern_replace', pattern: '(?<=[A-Za-z])([aouAOU])[eE]', replacement: '$1' },
        },
        tokenizer: {
          // Words and numbers; decimals and sizes stay one token (M8x40, 3x1.5, 0,5), as tokenize().
          product_words: { type: 'pattern', pattern: '[\\p{L}\\p{N}]+(?:[.,]\\p{N}+)?', group: 0 },
        },
        filter: {
          product_folding: { type: 'asciifolding', preserve_original: false },
          product_compounds: {
            type: 'dictionary_decompounder',
            word_list: [...compoundDictionary(catalogWords)].sort(),
            min_word_size: 6,
            min_subword_size: 3,
            only_longest_match: false,
          },
          ...stems,
        },
        analyzer: {
          [textAnalyzer]: {
            type: 'custom',
            char_filter: ['product_letters', 'product_transliterations'],
            tokenizer: 'product_words',
            filter: ['lowercase', 'product_folding', 'product_compounds', ...Object.keys(stems)],
          },
        },
        normalizer: {
          [sortNormalizer]: { type: 'custom', char_filter: ['product_letters'], filter: ['lowercase', 'asciifolding'] },
        },
      },
    },
    mappings: {
      dynamic: 'strict',
      properties: {
        // Only to order ties; not searchable (unique identifiers stay out of the text index).
        sku: { type: 'keyword', index: false },
        name: { ...text, fields: { sort: { type: 'keyword', normalizer: sortNormalizer } } },
        description: text,
        categoryName: text,
        manufacturer: { type: 'keyword', fields: { text } },
        attributeText: text,
        translatedText: text,
        categoryId: { type: 'keyword' },
        /** `code=value` of each attribute: filters and facet counts in one field. */
        attributePairs: { type: 'keyword' },
        attributeCodes: { type: 'keyword' },
        inStock: { type: 'boolean' },
        // Returned for suggestions and stored(), never indexed.
        attributes: { type: 'object', enabled: false },
        names: { type: 'object', enabled: false },
      },
    },
  };
}

/** Fields searched, with the embedded index's boosts. */
export const searchFields = ['name^3', 'translatedText^2', 'manufacturer.text^2', 'attributeText^1.5', 'categoryName^1', 'description^0.5'] as const;

/** The document of a product: texts, filter and facet values; no EAN, MPN or buyers' numbers, no prices. */
export function toOpenSearchDocument(document: SearchDocument) {
  const attributes = Object.fromEntries(Object.entries(document.attributes).filter(([, value]) => value !== ''));
  const names = Object.fromEntries(Object.entries(document.translations ?? {}).flatMap(([language, texts]) => (texts?.name ? [[language, texts.name]] : [])));
  return {
    sku: document.sku,
    name: document.name,
    description: document.description,
    categoryName: document.categoryName,
    ...(document.manufacturer ? { manufacturer: document.manufacturer } : {}),
    attributeText: Object.values(document.attributes).join(' '),
    translatedText: Object.values(document.translations ?? {})
      .map((texts) => `${texts?.name ?? ''} ${texts?.description ?? ''}`)
      .join(' ')
      .trim(),
    categoryId: document.categoryId,
    attributePairs: Object.entries(attributes).map(([code, value]) => attributePair(code, value)),
    attributeCodes: Object.keys(document.attributes),
    inStock: document.inStock,
    attributes,
    ...(Object.keys(names).length ? { names } : {}),
  };
}

export type OpenSearchDocument = ReturnType<typeof toOpenSearchDocument>;

const attributePair = (code: string, value: string) => `${code}=${value}`;

// ---- queries ----------------------------------------------------------------------------------------

export interface QueryOptions {
  /** Most hits returned (OpenSearch's default `index.max_result_window` is 10 000). */
  readonly maxHits?: number;
  /** Buckets per facet. */
  readonly facetSize?: number;
}

const DEFAULT_MAX_HITS = 10_000;
const DEFAULT_FACET_SIZE = 500;
/** Pinned (identifier) hits score above any text hit. */
const PINNED_BOOST = 1_000_000;
/** Typos as the embedded index allows them: none below five letters, one from five, two from ten. */
export const fuzziness = 'AUTO:5,10';

type Query = Record<string, unknown>;

/**
 * The text part of a query, term-centric like MiniSearch's AND: every word must match in some
 * field (with typos), the last word also as a prefix. Words are cut as analysis.ts cuts them; each is
 * analysed by the index's own analyser (folding, compounds, stems).
 */
export function textQuery(query: string): Query {
  const words = tokenize(query);
  if (words.length === 0) return { match_none: {} };
  const clauses = words.map((word, position): Query => {
    const fuzzy: Query = { multi_match: { query: word, fields: [...searchFields], fuzziness, operator: 'and' } };
    if (position < words.length - 1) return fuzzy;
    return { bool: { should: [fuzzy, { multi_match: { query: word, fields: [...searchFields], type: 'bool_prefix' } }], minimum_should_match: 1 } };
  });
  return clauses.length === 1 ? clauses[0]! : { bool: { must: clauses } };
}

/** `query` null: only the pinned; empty: every product; else the text query, each or'ed with the pinned. */
function matchQuery(query: string | null, pinned: readonly string[]): Query {
  const pins: Query[] = pinned.length ? [{ constant_score: { filter: { ids: { values: [...pinned] } }, boost: PINNED_BOOST } }] : [];
  const text = query?.trim();
  if (text === undefined) return pins[0] ?? { match_none: {} };
  const base = text === '' ? { match_all: {} } : textQuery(text);
  return pins.length ? { bool: { should: [base, ...pins], minimum_should_match: 1 } } : base;
}

type FilterKey = 'category' | 'manufacturer' | 'availability' | `attribute:${string}`;

/** The shopper's filters, each with its key (a facet is counted without its own filter). */
function filterClauses(filters: SearchFilters): [FilterKey, Query][] {
  const clauses: [FilterKey, Query][] = [];
  if (filters.category) clauses.push(['category', { term: { categoryId: filters.category } }]);
  if (filters.manufacturer) clauses.push(['manufacturer', { term: { manufacturer: filters.manufacturer } }]);
  if (filters.inStock !== undefined) clauses.push(['availability', { term: { inStock: filters.inStock } }]);
  for (const [code, value] of Object.entries(filters.attributes ?? {}))
    clauses.push([`attribute:${code}`, { term: { attributePairs: attributePair(code, value) } }]);
  return clauses;
}

const allBut = (clauses: readonly [FilterKey, Query][], key?: FilterKey): Query => ({
  bool: { filter: clauses.filter(([candidate]) => candidate !== key).map(([, clause]) => clause) },
});

/** A Lucene regular expression matching `code=` and any value (for one attribute's facet). */
export const attributeInclude = (code: string) => `${code.replace(/[.?+*|{}[\]()"\\#@&<>~]/g, (character) => `\\${character}`)}=.*`;

/**
 * The search request: hits in the visible categories matching the query (or pinned), the shopper's
 * filters as `post_filter` so that each facet aggregation can leave out its own filter.
 */
export function searchBody(query: string | null, filters: SearchFilters, sort: SearchSort, pinned: readonly string[] = [], options: QueryOptions = {}) {
  const clauses = filterClauses(filters);
  const facetSize = options.facetSize ?? DEFAULT_FACET_SIZE;
  const attributeFilters = Object.keys(filters.attributes ?? {});
  return {
    size: options.maxHits ?? DEFAULT_MAX_HITS,
    _source: false,
    track_total_hits: false,
    query: { bool: { must: [matchQuery(query, pinned)], filter: [{ terms: { categoryId: [...filters.visibleCategories].sort() } }] } },
    ...(clauses.length ? { post_filter: allBut(clauses) } : {}),
    // Under name sort the pinned are moved to the front when the answer is read (toTextSearchResult).
    sort: sort === 'name' ? [{ 'name.sort': 'asc' }, { sku: 'asc' }] : [{ _score: 'desc' }, { sku: 'asc' }],
    aggs: {
      category: { filter: allBut(clauses, 'category'), aggs: { values: { terms: { field: 'categoryId', size: facetSize } } } },
      manufacturer: { filter: allBut(clauses, 'manufacturer'), aggs: { values: { terms: { field: 'manufacturer', size: facetSize } } } },
      availability: {
        filter: allBut(clauses, 'availability'),
        aggs: { values: { filters: { filters: { inStock: { term: { inStock: true } }, outOfStock: { term: { inStock: false } } } } } },
      },
      attributes: { filter: allBut(clauses), aggs: { values: { terms: { field: 'attributePairs', size: facetSize * 4 } } } },
      attributeCodes: { terms: { field: 'attributeCodes', size: facetSize } },
      ...Object.fromEntries(
        attributeFilters.map((code, index) => [
          `attribute_${index}`,
          {
            filter: allBut(clauses, `attribute:${code}`),
            aggs: { values: { terms: { field: 'attributePairs', size: facetSize, include: attributeInclude(code) } } },
          },
        ]),
      ),
    },
  };
}

interface Bucket {
  readonly key: string | number;
  readonly doc_count: number;
}
interface TermsAggregation {
  readonly buckets: readonly Bucket[];
}
export interface SearchResponse {
  readonly hits: { readonly hits: readonly { readonly _id: string; readonly _source?: Record<string, unknown> }[] };
  readonly aggregations?: Record<string, unknown>;
}

const collator = new Intl.Collator();

/** Values with their counts, most frequent first, then alphabetical (as the embedded index). */
function counted(values: Iterable<[string, number]>): FacetValue[] {
  return [...values]
    .filter(([, count]) => count > 0)
    .map(([value, count]) => ({ value, count }))
    .sort((a, b) => b.count - a.count || collator.compare(a.value, b.value));
}

const bucketsOf = (aggregation: unknown): readonly Bucket[] =>
  ((aggregation as { values?: TermsAggregation; buckets?: readonly Bucket[] } | undefined)?.values?.buckets ??
    (aggregation as { buckets?: readonly Bucket[] } | undefined)?.buckets ??
    []) as readonly Bucket[];

/** Pinned first (in their order for relevance, in the answer's order for name), then the others in the answer's order. */
function orderHits(ids: readonly string[], sort: SearchSort, pinned: readonly string[]): string[] {
  const pinnedSet = new Set(pinned);
  const found = new Set(ids);
  const first = sort === 'name' ? ids.filter((id) => pinnedSet.has(id)) : [...new Set(pinned)].filter((sku) => found.has(sku));
  return [...first, ...ids.filter((id) => !pinnedSet.has(id))];
}

/** The answer to `searchBody` in the port's shape. */
export function toTextSearchResult(response: SearchResponse, filters: SearchFilters, sort: SearchSort, pinned: readonly string[] = []): TextSearchResult {
  const aggregations = response.aggregations ?? {};
  const pairCounts = (aggregation: unknown, only?: string) => {
    const byCode = new Map<string, Map<string, number>>();
    for (const bucket of bucketsOf(aggregation)) {
      const pair = String(bucket.key);
      const separator = pair.indexOf('=');
      if (separator < 0) continue;
      const code = pair.slice(0, separator);
      if (only !== undefined && code !== only) continue;
      let values = byCode.get(code);
      if (!values) byCode.set(code, (values = new Map()));
      values.set(pair.slice(separator + 1), bucket.doc_count);
    }
    return byCode;
  };
  const unfiltered = pairCounts(aggregations.attributes);
  const attributeFilters = Object.keys(filters.attributes ?? {});
  attributeFilters.forEach((code, index) => {
    unfiltered.set(code, pairCounts(aggregations[`attribute_${index}`], code).get(code) ?? new Map());
  });
  const codes = new Set([...bucketsOf(aggregations.attributeCodes).map((bucket) => String(bucket.key)), ...unfiltered.keys()]);
  const availability = (aggregations.availability as { values?: { buckets?: Record<string, { doc_count: number }> } } | undefined)?.values?.buckets;
  const facets: Facets = {
    category: counted(bucketsOf(aggregations.category).map((bucket) => [String(bucket.key), bucket.doc_count])),
    manufacturer: counted(bucketsOf(aggregations.manufacturer).map((bucket) => [String(bucket.key), bucket.doc_count])),
    attributes: Object.fromEntries([...codes].sort().map((code) => [code, counted(unfiltered.get(code) ?? [])])),
    availability: { inStock: availability?.inStock?.doc_count ?? 0, outOfStock: availability?.outOfStock?.doc_count ?? 0 },
  };
  return {
    skus: orderHits(
      response.hits.hits.map((hit) => hit._id),
      sort,
      pinned,
    ),
    facets,
  };
}

const storedSource = ['name', 'names', 'categoryId', 'manufacturer', 'attributes', 'inStock'];

/** Suggestions: the best hits in the visible categories (with their stored fields) and their categories. */
export function suggestBody(query: string, visibleCategories: ReadonlySet<string>, limit: number, pinned: readonly string[] = []) {
  return {
    size: limit,
    _source: storedSource,
    track_total_hits: false,
    query: { bool: { must: [matchQuery(query, pinned)], filter: [{ terms: { categoryId: [...visibleCategories].sort() } }] } },
    sort: [{ _score: 'desc' }, { sku: 'asc' }],
    aggs: { categories: { terms: { field: 'categoryId', size: limit } } },
  };
}

const toStored = (source: Record<string, unknown> | undefined): StoredFields | undefined =>
  source && typeof source.name === 'string'
    ? {
        name: source.name,
        categoryId: String(source.categoryId ?? ''),
        ...(typeof source.manufacturer === 'string' ? { manufacturer: source.manufacturer } : {}),
        ...(source.names ? { names: source.names as StoredFields['names'] } : {}),
        attributes: (source.attributes ?? {}) as Record<string, string>,
        inStock: source.inStock === true,
      }
    : undefined;

export function toSuggestResult(response: SearchResponse, pinned: readonly string[] = []): SuggestResult {
  const stored = new Map<string, StoredFields>();
  for (const hit of response.hits.hits) {
    const fields = toStored(hit._source);
    if (fields) stored.set(hit._id, fields);
  }
  return {
    skus: orderHits(
      response.hits.hits.map((hit) => hit._id),
      'relevance',
      pinned,
    ),
    categories: counted(bucketsOf(response.aggregations?.categories).map((bucket) => [String(bucket.key), bucket.doc_count])),
    stored,
  };
}

/** A `_bulk` body: one action line and, for `index`, one source line each, newline-terminated (NDJSON). */
export function bulkBody(index: string, operations: readonly ({ index: OpenSearchDocument } | { delete: string })[]): string {
  return operations
    .map((operation) =>
      'index' in operation
        ? `${JSON.stringify({ index: { _index: index, _id: operation.index.sku } })}\n${JSON.stringify(operation.index)}\n`
        : `${JSON.stringify({ delete: { _index: index, _id: operation.delete } })}\n`,
    )
    .join('');
}

// ---- signed HTTP --------------------------------------------------------------------------------------

/** SHA-256 (and HMAC) for the SigV4 signer, on node:crypto: no extra dependency. */
class Sha256 implements Checksum {
  private hash: ReturnType<typeof createHash> | ReturnType<typeof createHmac>;
  constructor(private readonly secret?: SourceData) {
    this.hash = this.create();
  }
  private create() {
    return this.secret === undefined ? createHash('sha256') : createHmac('sha256', toBuffer(this.secret));
  }
  update(data: Uint8Array): void {
    this.hash.update(toBuffer(data));
  }
  async digest(): Promise<Uint8Array> {
    return new Uint8Array(this.hash.digest());
  }
  reset(): void {
    this.hash = this.create();
  }
}

const toBuffer = (data: SourceData): Buffer =>
  typeof data === 'string'
    ? Buffer.from(data, 'utf8')
    : ArrayBuffer.isView(data)
      ? Buffer.from(data.buffer, data.byteOffset, data.byteLength)
      : Buffer.from(data as ArrayBuffer);

export class OpenSearchError extends Error {
  constructor(
    readonly status: number,
    readonly body: unknown,
    what: string,
  ) {
    super(`OpenSearch ${what} answered ${status}: ${JSON.stringify(body).slice(0, 500)}`);
    this.name = 'OpenSearchError';
  }
  get type(): string | undefined {
    return (this.body as { error?: { type?: string } } | undefined)?.error?.type;
  }
}

export interface OpenSearchConnection {
  /** `https://<id>.<region>.aoss.amazonaws.com` or `https://search-<domain>-<hash>.<region>.es.amazonaws.com` */
  readonly endpoint: string;
  /** `aoss` (Serverless) or `es` (domain); default: from the endpoint's host name. */
  readonly service?: 'aoss' | 'es';
  /** Default: from the endpoint's host name, else AWS_REGION. */
  readonly region?: string;
  /** Default: the SDK's provider chain (in Lambda the execution role). */
  readonly credentials?: AwsCredentialIdentity | AwsCredentialIdentityProvider;
  /** The alias searched and written. */
  readonly index?: string;
}

/** `aoss` for a Serverless collection endpoint, else `es`. */
export const serviceOf = (endpoint: string): 'aoss' | 'es' => (new URL(endpoint).hostname.endsWith('.aoss.amazonaws.com') ? 'aoss' : 'es');

export function regionOf(endpoint: string): string | undefined {
  const parts = new URL(endpoint).hostname.split('.');
  const at = parts.findIndex((part, index) => (part === 'aoss' || part === 'es') && parts[index + 1] === 'amazonaws');
  return at > 0 ? parts[at - 1] : undefined;
}

const defaultCredentials = (): AwsCredentialIdentityProvider => {
  let provider: Promise<AwsCredentialIdentityProvider> | undefined;
  return async () => {
    provider ??= import('@aws-sdk/credential-provider-node').then(({ defaultProvider }) => defaultProvider());
    return (await provider)();
  };
};

/** Signed JSON and NDJSON calls to one OpenSearch endpoint. */
export class SignedOpenSearchClient {
  private readonly url: URL;
  private readonly signer: SignatureV4;

  constructor(connection: OpenSearchConnection) {
    this.url = new URL(connection.endpoint);
    const region = connection.region ?? regionOf(connection.endpoint) ?? process.env.AWS_REGION;
    if (!region) throw new Error(`No region for OpenSearch endpoint ${connection.endpoint}`);
    this.signer = new SignatureV4({
      service: connection.service ?? serviceOf(connection.endpoint),
      region,
      credentials: connection.credentials ?? defaultCredentials(),
      sha256: Sha256,
    });
  }

  /** One call; `body` an object (JSON) or a string (sent as NDJSON). 404 answers `undefined` when `allowMissing`. */
  async request<T = unknown>(method: 'GET' | 'HEAD' | 'PUT' | 'POST' | 'DELETE', path: string, body?: unknown, allowMissing = false): Promise<T | undefined> {
    const payload = body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body);
    const headers: Record<string, string> = { host: this.url.host };
    if (payload !== undefined) headers['content-type'] = typeof body === 'string' ? 'application/x-ndjson' : 'application/json';
    const basePath = this.url.pathname.replace(/\/$/, '');
    const signed = await this.signer.sign({
      method,
      protocol: this.url.protocol,
      hostname: this.url.hostname,
      ...(this.url.port ? { port: Number(this.url.port) } : {}),
      path: `${basePath}${path}`,
      query: {},
      headers,
      ...(payload !== undefined ? { body: payload } : {}),
    });
    const response = await fetch(`${this.url.origin}${basePath}${path}`, {
      method,
      headers: Object.fromEntries(Object.entries(signed.headers).filter(([name]) => name !== 'host')),
      ...(payload !== undefined ? { body: payload } : {}),
    });
    const text = method === 'HEAD' ? '' : await response.text();
    const parsed = text ? (JSON.parse(text) as unknown) : undefined;
    if (response.status === 404 && allowMissing) return undefined;
    if (!response.ok) throw new OpenSearchError(response.status, parsed ?? text, `${method} ${path}`);
    return (parsed ?? {}) as T;
  }
}

// ---- the adapter ----------------------------------------------------------------------------------------

const BULK_DOCUMENTS = 500;

const notReady = () => new AppError(503, 'SEARCH_INDEX_NOT_READY', 'The product search is being built. Please try again in a minute.');

/** Both sides of the port on OpenSearch. */
export class OpenSearchTextSearch implements TextSearchEngine, TextIndexWriter {
  readonly kind = 'opensearch' as const;
  readonly alias: string;

  constructor(
    private readonly client: SignedOpenSearchClient,
    alias = 'products',
    private readonly options: QueryOptions & { readonly now?: () => number } = {},
  ) {
    this.alias = alias;
  }

  static fromConfig(): OpenSearchTextSearch {
    return new OpenSearchTextSearch(new SignedOpenSearchClient({ endpoint: config.openSearchEndpoint() }), config.openSearchIndex());
  }

  private async searchAlias<T>(body: unknown): Promise<T> {
    try {
      return (await this.client.request<T>('POST', `/${this.alias}/_search`, body))!;
    } catch (error) {
      if (error instanceof OpenSearchError && error.status === 404) throw notReady();
      throw error;
    }
  }

  async search(query: string | null, filters: SearchFilters, sort: SearchSort, pinned: readonly string[] = []): Promise<TextSearchResult> {
    if (query === null && pinned.length === 0) return toTextSearchResult({ hits: { hits: [] } }, filters, sort);
    const response = await this.searchAlias<SearchResponse>(searchBody(query, filters, sort, pinned, this.options));
    return toTextSearchResult(response, filters, sort, pinned);
  }

  async suggest(query: string, visibleCategories: ReadonlySet<string>, limit: number, pinned: readonly string[] = []): Promise<SuggestResult> {
    return toSuggestResult(await this.searchAlias<SearchResponse>(suggestBody(query, visibleCategories, limit, pinned)), pinned);
  }

  async stored(skus: readonly string[]): Promise<ReadonlyMap<string, StoredFields>> {
    const found = new Map<string, StoredFields>();
    if (skus.length === 0) return found;
    const response = await this.client.request<{ docs?: { _id: string; found?: boolean; _source?: Record<string, unknown> }[] }>(
      'POST',
      `/${this.alias}/_mget?_source_includes=${storedSource.join(',')}`,
      { ids: [...new Set(skus)] },
      true,
    );
    for (const doc of response?.docs ?? []) {
      const fields = doc.found ? toStored(doc._source) : undefined;
      if (fields) found.set(doc._id, fields);
    }
    return found;
  }

  /** A new index with the current analysis (the catalog's words in the decompounding dictionary), filled, then the alias moved to it. */
  async replaceAll(documents: readonly SearchDocument[], language: SearchLanguage): Promise<void> {
    const name = `${this.alias}-${(this.options.now ?? Date.now)()}`;
    await this.client.request('PUT', `/${name}`, indexDefinition(language, catalogWordsOf(documents)));
    try {
      await this.bulk(
        name,
        documents.map((document) => ({ index: toOpenSearchDocument(document) })),
      );
      const current = (await this.client.request<Record<string, unknown>>('GET', `/_alias/${this.alias}`, undefined, true)) ?? {};
      const previous = Object.keys(current).filter((index) => index !== name);
      await this.client.request('POST', '/_aliases', {
        actions: [...previous.map((index) => ({ remove: { index, alias: this.alias } })), { add: { index: name, alias: this.alias } }],
      });
      for (const index of previous) await this.client.request('DELETE', `/${index}`, undefined, true);
    } catch (error) {
      await this.client.request('DELETE', `/${name}`, undefined, true).catch(() => undefined);
      throw error;
    }
  }

  /** In place, through the alias (new words join the decompounding dictionary at the next full rebuild). */
  async upsert(documents: readonly SearchDocument[]): Promise<void> {
    await this.bulk(
      this.alias,
      documents.map((document) => ({ index: toOpenSearchDocument(document) })),
    );
  }

  async remove(skus: readonly string[]): Promise<void> {
    await this.bulk(
      this.alias,
      skus.map((sku) => ({ delete: sku })),
    );
  }

  async applyChanges(upserts: readonly SearchDocument[], removals: readonly string[]): Promise<boolean> {
    const current = await this.client.request<Record<string, unknown>>('GET', `/_alias/${this.alias}`, undefined, true);
    if (!current || Object.keys(current).length === 0) return false;
    await this.bulk(this.alias, [...upserts.map((document) => ({ index: toOpenSearchDocument(document) })), ...removals.map((sku) => ({ delete: sku }))]);
    return true;
  }

  private async bulk(index: string, operations: readonly ({ index: OpenSearchDocument } | { delete: string })[]): Promise<void> {
    for (let start = 0; start < operations.length; start += BULK_DOCUMENTS) {
      const answer = await this.client.request<{ errors?: boolean; items?: Record<string, { status: number; error?: unknown }>[] }>(
        'POST',
        '/_bulk',
        bulkBody(index, operations.slice(start, start + BULK_DOCUMENTS)),
      );
      if (answer?.errors) {
        // Deleting what is not there (404) is no failure.
        const failed = (answer.items ?? [])
          .flatMap((item) => Object.entries(item))
          .filter(([action, result]) => result.status >= 300 && !(action === 'delete' && result.status === 404));
        if (failed.length) throw new Error(`OpenSearch bulk indexing failed for ${failed.length} documents: ${JSON.stringify(failed[0]).slice(0, 500)}`);
      }
    }
  }
}
