import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compoundDictionary, foldDiacritics, stem, tokenize, tradeWords, type SearchLanguage } from '../../functions/catalog/search/analysis.js';
import { currentIndexWriter, embeddedWriter } from '../../functions/catalog/search/engine.js';
import {
  attributeInclude,
  bulkBody,
  fuzziness,
  indexDefinition,
  OpenSearchTextSearch,
  regionOf,
  searchBody,
  searchFields,
  serviceOf,
  SignedOpenSearchClient,
  stemFilters,
  textQuery,
  toOpenSearchDocument,
  toSuggestResult,
  toTextSearchResult,
  type SearchResponse,
} from '../../functions/catalog/search/opensearch.js';
import type { SearchDocument } from '../../functions/catalog/search/text-index.js';

const doc = (sku: string, name: string, extra: Partial<SearchDocument> = {}): SearchDocument => ({
  sku,
  name,
  description: '',
  categoryId: 'fasteners',
  categoryName: 'Befestigungstechnik',
  attributes: {},
  inStock: true,
  ...extra,
});

/** Java's `$1` and JavaScript's `$1` mean the same here; the patterns use no syntax the two read differently. */
const applyStem = (token: string, language: SearchLanguage) =>
  Object.values(stemFilters(language)).reduce((term, filter) => term.replace(new RegExp(filter.pattern), filter.replacement), token);

describe('OpenSearch index settings', () => {
  const definition = indexDefinition('de', ['schlossschraube']);
  const analysis = definition.settings.analysis;

  it('folds ß and umlauts explicitly, then every other diacritic with asciifolding (no originals kept)', () => {
    expect(analysis.char_filter.product_letters.mappings).toEqual(expect.arrayContaining(['ß => ss', 'ä => a', 'ö => o', 'ü => u']));
    expect(analysis.filter.product_folding).toEqual({ type: 'asciifolding', preserve_original: false });
    expect(analysis.analyzer.product_text.filter).toEqual(['lowercase', 'product_folding', 'product_compounds', 'product_stem']);
    expect(analysis.analyzer.product_text.char_filter).toEqual(['product_letters', 'product_transliterations']);
    // The transliteration filter, run here with JavaScript's regex engine (same syntax as Java's): Schluessel = Schlüssel.
    const { pattern, replacement } = analysis.char_filter.product_transliterations;
    expect('Schluessel Duebel Oel'.replace(new RegExp(pattern, 'g'), replacement)).toBe('Schlussel Dubel Oel');
    expect(foldDiacritics('Schluessel Duebel')).toBe('schlussel dubel');
  });

  it('cuts words as tokenize() does: sizes and decimals stay one token', () => {
    const words = new RegExp(analysis.tokenizer.product_words.pattern, 'gu');
    const text = 'Sechskantschraube M8x40, 3x1.5 mm² 0,5 l';
    expect((foldDiacritics(text).match(words) ?? []).map(String)).toEqual(tokenize(text));
  });

  it('decompounds with the same word list as the embedded index (trade words plus the catalog words)', () => {
    const words = analysis.filter.product_compounds.word_list;
    expect(analysis.filter.product_compounds).toMatchObject({ type: 'dictionary_decompounder', min_subword_size: 3, only_longest_match: false });
    expect(words).toEqual([...compoundDictionary(['schlossschraube'])].sort());
    expect(words).toEqual(expect.arrayContaining(['terrasse', 'schraube', 'schlussel', 'schlossschraube']));
    expect(words.length).toBe(compoundDictionary().size + 1);
    expect(tradeWords.length).toBeGreaterThan(50);
  });

  it('stems with the light suffix rules of analysis.ts, word for word', () => {
    const samples: Record<SearchLanguage, string[]> = {
      de: ['schrauben', 'muttern', 'scheiben', 'dubeln', 'bohrers', 'abern', 'hammer', 'zange', 'kopf', 'ring', 'm8x40', 'schlussel', 'terrassen'],
      pl: ['wkrety', 'wkretow', 'srubami', 'srubach', 'kolkiem', 'sruba', 'kolki', 'nakretka', 'stal', 'm8'],
      en: ['batteries', 'glasses', 'bolts', 'nuts', 'aties', 'bus', 'screws', 'washers', 'm10s'],
    };
    for (const language of ['de', 'pl', 'en'] as const) {
      for (const token of samples[language]) expect(applyStem(token, language), `${language} ${token}`).toBe(stem(token, language));
    }
    expect(Object.keys(indexDefinition('en').settings.analysis.filter)).toEqual(['product_folding', 'product_compounds', 'product_stem_ies', 'product_stem']);
  });

  it('maps texts for search, values for filters and facets, and no searchable identifier', () => {
    const { properties, dynamic } = definition.mappings;
    expect(dynamic).toBe('strict');
    expect(properties.sku).toEqual({ type: 'keyword', index: false });
    expect(properties.name).toMatchObject({ type: 'text', analyzer: 'product_text', fields: { sort: { type: 'keyword' } } });
    expect(Object.keys(properties).filter((field) => /ean|gtin|mpn|identifier|buyer/i.test(field))).toEqual([]);
    const document = toOpenSearchDocument(
      doc('HB-8', 'Sechskantschraube M8 x 40', {
        manufacturer: 'Fischer',
        attributes: { thread: 'M8', length: '40 mm', coating: '' },
        translations: { pl: { name: 'Śruba sześciokątna', description: 'stal' } },
      }),
    );
    expect(document).toEqual({
      sku: 'HB-8',
      name: 'Sechskantschraube M8 x 40',
      description: '',
      categoryName: 'Befestigungstechnik',
      manufacturer: 'Fischer',
      attributeText: 'M8 40 mm ',
      translatedText: 'Śruba sześciokątna stal',
      categoryId: 'fasteners',
      attributePairs: ['thread=M8', 'length=40 mm'],
      attributeCodes: ['thread', 'length', 'coating'],
      inStock: true,
      attributes: { thread: 'M8', length: '40 mm' },
      names: { pl: 'Śruba sześciokątna' },
    });
    // Every field of the document is mapped (dynamic: strict would refuse it otherwise).
    for (const field of Object.keys(document)) expect(Object.keys(properties)).toContain(field);
  });
});

describe('OpenSearch queries', () => {
  const visible = new Set(['safety', 'fasteners']);

  it('matches every word in some field, with typos, the last word also as a prefix', () => {
    expect(textQuery('Sechskant Schraube')).toEqual({
      bool: {
        must: [
          { multi_match: { query: 'sechskant', fields: [...searchFields], fuzziness: 'AUTO:5,10', operator: 'and' } },
          {
            bool: {
              should: [
                { multi_match: { query: 'schraube', fields: [...searchFields], fuzziness, operator: 'and' } },
                { multi_match: { query: 'schraube', fields: [...searchFields], type: 'bool_prefix' } },
              ],
              minimum_should_match: 1,
            },
          },
        ],
      },
    });
    expect(searchFields).toEqual(['name^3', 'translatedText^2', 'manufacturer.text^2', 'attributeText^1.5', 'categoryName^1', 'description^0.5']);
    expect(textQuery(' -- ')).toEqual({ match_none: {} });
  });

  it('filters the visible categories always, the shopper filters after the facets, each facet without its own filter', () => {
    const body = searchBody('schraube', { visibleCategories: visible, category: 'fasteners', attributes: { thread: 'M8' }, inStock: true }, 'relevance', [
      'HB-8',
    ]);
    expect(body.query.bool.filter).toEqual([{ terms: { categoryId: ['fasteners', 'safety'] } }]);
    expect(body.query.bool.must[0]).toEqual({
      bool: { should: [textQuery('schraube'), { constant_score: { filter: { ids: { values: ['HB-8'] } }, boost: 1_000_000 } }], minimum_should_match: 1 },
    });
    const category = { term: { categoryId: 'fasteners' } };
    const stock = { term: { inStock: true } };
    const thread = { term: { attributePairs: 'thread=M8' } };
    expect(body.post_filter).toEqual({ bool: { filter: [category, stock, thread] } });
    expect(body.aggs.category.filter).toEqual({ bool: { filter: [stock, thread] } });
    expect(body.aggs.manufacturer.filter).toEqual({ bool: { filter: [category, stock, thread] } });
    expect(body.aggs.availability.filter).toEqual({ bool: { filter: [category, thread] } });
    expect((body.aggs as Record<string, unknown>).attribute_0).toEqual({
      filter: { bool: { filter: [category, stock] } },
      aggs: { values: { terms: { field: 'attributePairs', size: 500, include: 'thread=.*' } } },
    });
    expect(body.sort).toEqual([{ _score: 'desc' }, { sku: 'asc' }]);
    expect(body._source).toBe(false);
    expect(body.size).toBe(10_000);
  });

  it('lists everything for an empty query, only the pinned for none, and sorts by name on request', () => {
    expect(searchBody('', { visibleCategories: visible }, 'name').query.bool.must).toEqual([{ match_all: {} }]);
    expect(searchBody('', { visibleCategories: visible }, 'name').sort).toEqual([{ 'name.sort': 'asc' }, { sku: 'asc' }]);
    expect(searchBody(null, { visibleCategories: visible }, 'relevance', ['A', 'B']).query.bool.must).toEqual([
      { constant_score: { filter: { ids: { values: ['A', 'B'] } }, boost: 1_000_000 } },
    ]);
    expect(searchBody('x', { visibleCategories: visible }, 'relevance')).not.toHaveProperty('post_filter');
    expect(attributeInclude('size.eu')).toBe('size\\.eu=.*');
  });

  it('reads the answer in the embedded index shape: pinned first, facets most frequent first', () => {
    const response: SearchResponse = {
      hits: { hits: [{ _id: 'GL-2' }, { _id: 'HB-8' }, { _id: 'GL-1' }] },
      aggregations: {
        category: {
          doc_count: 4,
          values: {
            buckets: [
              { key: 'safety', doc_count: 2 },
              { key: 'fasteners', doc_count: 2 },
            ],
          },
        },
        manufacturer: {
          doc_count: 3,
          values: {
            buckets: [
              { key: 'Uvex', doc_count: 2 },
              { key: 'Fischer', doc_count: 1 },
            ],
          },
        },
        availability: { doc_count: 3, values: { buckets: { inStock: { doc_count: 2 }, outOfStock: { doc_count: 1 } } } },
        attributes: {
          doc_count: 3,
          values: {
            buckets: [
              { key: 'size=9', doc_count: 1 },
              { key: 'size=10', doc_count: 1 },
              { key: 'thread=M8', doc_count: 1 },
            ],
          },
        },
        attributeCodes: {
          buckets: [
            { key: 'size', doc_count: 2 },
            { key: 'thread', doc_count: 1 },
            { key: 'length', doc_count: 1 },
          ],
        },
        attribute_0: {
          doc_count: 3,
          values: {
            buckets: [
              { key: 'thread=M8', doc_count: 1 },
              { key: 'thread=M10', doc_count: 2 },
            ],
          },
        },
      },
    };
    const result = toTextSearchResult(response, { visibleCategories: visible, attributes: { thread: 'M8' } }, 'relevance', ['HB-8', 'XX-1']);
    expect(result).toEqual({
      skus: ['HB-8', 'GL-2', 'GL-1'],
      facets: {
        category: [
          { value: 'fasteners', count: 2 },
          { value: 'safety', count: 2 },
        ],
        manufacturer: [
          { value: 'Uvex', count: 2 },
          { value: 'Fischer', count: 1 },
        ],
        attributes: {
          length: [],
          size: [
            { value: '10', count: 1 },
            { value: '9', count: 1 },
          ],
          thread: [
            { value: 'M10', count: 2 },
            { value: 'M8', count: 1 },
          ],
        },
        availability: { inStock: 2, outOfStock: 1 },
      },
    });
    // Under name sort the pinned lead in the answer's (name) order.
    expect(toTextSearchResult(response, { visibleCategories: visible }, 'name', ['GL-1', 'HB-8']).skus).toEqual(['HB-8', 'GL-1', 'GL-2']);
  });

  it('reads suggestions with their stored names', () => {
    const result = toSuggestResult({
      hits: { hits: [{ _id: 'GL-1', _source: { name: 'Schutzhandschuhe', names: { pl: 'Rękawice' }, categoryId: 'safety', attributes: {}, inStock: true } }] },
      aggregations: { categories: { buckets: [{ key: 'safety', doc_count: 2 }] } },
    });
    expect(result.skus).toEqual(['GL-1']);
    expect(result.categories).toEqual([{ value: 'safety', count: 2 }]);
    expect(result.stored.get('GL-1')).toEqual({ name: 'Schutzhandschuhe', names: { pl: 'Rękawice' }, categoryId: 'safety', attributes: {}, inStock: true });
  });

  it('writes bulk bodies as NDJSON: an action line, a source line, a final newline', () => {
    const body = bulkBody('products-1', [{ index: toOpenSearchDocument(doc('A-1', 'Dübel')) }, { delete: 'B-2' }]);
    const lines = body.split('\n');
    expect(lines.at(-1)).toBe('');
    expect(lines.slice(0, -1).map((line) => JSON.parse(line))).toEqual([
      { index: { _index: 'products-1', _id: 'A-1' } },
      expect.objectContaining({ sku: 'A-1', name: 'Dübel' }),
      { delete: { _index: 'products-1', _id: 'B-2' } },
    ]);
  });

  it('knows the signing service and region from the endpoint', () => {
    expect(serviceOf('https://abc123.eu-central-1.aoss.amazonaws.com')).toBe('aoss');
    expect(regionOf('https://abc123.eu-central-1.aoss.amazonaws.com')).toBe('eu-central-1');
    expect(serviceOf('https://search-b2b-search-dev-xyz.eu-west-1.es.amazonaws.com')).toBe('es');
    expect(regionOf('https://search-b2b-search-dev-xyz.eu-west-1.es.amazonaws.com')).toBe('eu-west-1');
  });

  it('picks the embedded writer unless SEARCH_ENGINE=opensearch', async () => {
    expect(await currentIndexWriter('embedded')).toBe(embeddedWriter);
  });
});

describe('OpenSearch adapter against a stand-in server', () => {
  interface Recorded {
    readonly method: string;
    readonly url: string;
    readonly headers: IncomingMessage['headers'];
    readonly body: string;
  }
  const requests: Recorded[] = [];
  let aliasTarget: string | undefined = 'products-1000';
  const server = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
    request.on('end', () => {
      requests.push({ method: request.method!, url: request.url!, headers: request.headers, body });
      const json = (status: number, value: unknown) => {
        response.writeHead(status, { 'content-type': 'application/json' });
        response.end(JSON.stringify(value));
      };
      if (request.url === '/_bulk') return json(200, { errors: false, items: [] });
      if (request.url === '/_alias/products') return aliasTarget ? json(200, { [aliasTarget]: { aliases: { products: {} } } }) : json(404, {});
      if (request.url === '/_aliases') return json(200, { acknowledged: true });
      if (request.url === '/products/_search') {
        if (!aliasTarget) return json(404, { error: { type: 'index_not_found_exception' } });
        return json(200, { hits: { hits: [{ _id: 'A-1' }] }, aggregations: { category: { values: { buckets: [{ key: 'fasteners', doc_count: 1 }] } } } });
      }
      return json(200, { acknowledged: true });
    });
  });
  let adapter: OpenSearchTextSearch;

  beforeAll(async () => {
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    const client = new SignedOpenSearchClient({
      endpoint: `http://127.0.0.1:${port}`,
      service: 'aoss',
      region: 'eu-central-1',
      credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY', sessionToken: 'session' },
    });
    adapter = new OpenSearchTextSearch(client, 'products', { now: () => 2000 });
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('rebuilds into a new index, bulk-loads it as signed NDJSON, then moves the alias and drops the old index', async () => {
    requests.length = 0;
    await adapter.replaceAll([doc('A-1', 'Terrassenschraube A2'), doc('B-2', 'Schlüssel')], 'de');
    expect(requests.map((request) => `${request.method} ${request.url}`)).toEqual([
      'PUT /products-2000',
      'POST /_bulk',
      'GET /_alias/products',
      'POST /_aliases',
      'DELETE /products-1000',
    ]);
    for (const request of requests) {
      expect(request.headers.authorization).toMatch(
        /^AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE\/\d{8}\/eu-central-1\/aoss\/aws4_request, SignedHeaders=[a-z0-9;-]*host[a-z0-9;-]*, Signature=[0-9a-f]{64}$/,
      );
      expect(request.headers['x-amz-date']).toMatch(/^\d{8}T\d{6}Z$/);
      expect(request.headers['x-amz-security-token']).toBe('session');
      // OpenSearch Serverless needs the payload hash header.
      expect(request.headers['x-amz-content-sha256']).toMatch(/^[0-9a-f]{64}$/);
    }
    const created = JSON.parse(requests[0]!.body) as ReturnType<typeof indexDefinition>;
    expect(created.settings.analysis.filter.product_compounds.word_list).toEqual(expect.arrayContaining(['terrassenschraube', 'schlussel']));
    const bulk = requests[1]!;
    expect(bulk.headers['content-type']).toBe('application/x-ndjson');
    expect(bulk.body.endsWith('\n')).toBe(true);
    const lines = bulk.body
      .trimEnd()
      .split('\n')
      .map((line) => JSON.parse(line));
    expect(lines).toHaveLength(4);
    expect(lines[0]).toEqual({ index: { _index: 'products-2000', _id: 'A-1' } });
    expect(lines[1]).toMatchObject({ sku: 'A-1', name: 'Terrassenschraube A2' });
    expect(JSON.parse(requests[3]!.body)).toEqual({
      actions: [{ remove: { index: 'products-1000', alias: 'products' } }, { add: { index: 'products-2000', alias: 'products' } }],
    });
  });

  it('searches the alias with a signed request and answers in the port shape', async () => {
    requests.length = 0;
    const result = await adapter.search('schraube', { visibleCategories: new Set(['fasteners']) }, 'relevance');
    expect(result.skus).toEqual(['A-1']);
    expect(result.facets.category).toEqual([{ value: 'fasteners', count: 1 }]);
    expect(requests[0]!.method).toBe('POST');
    expect(requests[0]!.headers['content-type']).toBe('application/json');
    expect(requests[0]!.headers.authorization).toMatch(/^AWS4-HMAC-SHA256 /);
    expect(JSON.parse(requests[0]!.body)).toMatchObject({ query: { bool: { filter: [{ terms: { categoryId: ['fasteners'] } }] } } });
  });

  it('answers 503 SEARCH_INDEX_NOT_READY before the first rebuild', async () => {
    aliasTarget = undefined;
    await expect(adapter.search('x', { visibleCategories: new Set(['fasteners']) }, 'relevance')).rejects.toMatchObject({
      statusCode: 503,
      code: 'SEARCH_INDEX_NOT_READY',
    });
    aliasTarget = 'products-2000';
  });
});
