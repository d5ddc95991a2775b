import { describe, expect, it } from 'vitest';
import { ProductTextIndex, type SearchDocument } from '../../functions/catalog/search/text-index.js';

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

const documents: SearchDocument[] = [
  doc('TS-1', 'Terrassenschraube A2 5 x 60', { manufacturer: 'Würth', attributes: { material: 'A2', length: '60 mm' } }),
  doc('TS-2', 'Terrassenschraube A4 5 x 60', { manufacturer: 'Würth', attributes: { material: 'A4', length: '60 mm' }, inStock: false }),
  doc('HB-8', 'Sechskantschraube DIN 933 M8 x 40', { manufacturer: 'Fischer', attributes: { material: 'A2', thread: 'M8', length: '40 mm' } }),
  doc('WK-1', 'Wkręt do drewna 4 x 40', { manufacturer: 'Fischer', attributes: { material: 'stal', length: '40 mm' } }),
  doc('GL-1', 'Schutzhandschuhe Nitril', { categoryId: 'safety', categoryName: 'Arbeitsschutz', manufacturer: 'Uvex', attributes: { size: '9' } }),
  doc('GL-2', 'Schutzhandschuhe Leder', { categoryId: 'safety', categoryName: 'Arbeitsschutz', manufacturer: 'Uvex', attributes: { size: '10' } }),
];
const everything = new Set(['fasteners', 'safety']);
const index = ProductTextIndex.build(documents, 'de', '2026-12-03T00:00:00.000Z');

describe('product text index', () => {
  it('finds compounds written apart and words without diacritics', () => {
    expect(index.search('Terrassen Schraube', { visibleCategories: everything }, 'relevance').skus).toEqual(expect.arrayContaining(['TS-1', 'TS-2']));
    expect(index.search('wkret', { visibleCategories: everything }, 'relevance').skus).toEqual(['WK-1']);
    expect(index.search('handschuh', { visibleCategories: everything }, 'relevance').skus.toSorted()).toEqual(['GL-1', 'GL-2']);
  });

  it('tolerates a typo in a longer word and completes the last word', () => {
    expect(index.search('Terassenschraube', { visibleCategories: everything }, 'relevance').skus).toContain('TS-1');
    expect(index.search('Sechskant', { visibleCategories: everything }, 'relevance').skus).toEqual(['HB-8']);
    expect(index.search('schutzhand', { visibleCategories: everything }, 'relevance').skus.toSorted()).toEqual(['GL-1', 'GL-2']);
  });

  it('drops hits outside the visible categories before counting facets', () => {
    const result = index.search('', { visibleCategories: new Set(['fasteners']) }, 'name');
    expect(result.skus).toEqual(['HB-8', 'TS-1', 'TS-2', 'WK-1']);
    expect(result.facets.category).toEqual([{ value: 'fasteners', count: 4 }]);
    expect(result.facets.manufacturer).toEqual([
      { value: 'Fischer', count: 2 },
      { value: 'Würth', count: 2 },
    ]);
    expect(result.facets.availability).toEqual({ inStock: 3, outOfStock: 1 });
  });

  it('counts each facet without its own filter, so a shopper can switch values', () => {
    const result = index.search('', { visibleCategories: everything, attributes: { material: 'A2' }, manufacturer: 'Würth' }, 'name');
    expect(result.skus).toEqual(['TS-1']);
    // material counts the Würth products of every material; manufacturer counts the A2 products of every manufacturer.
    expect(result.facets.attributes.material).toEqual([
      { value: 'A2', count: 1 },
      { value: 'A4', count: 1 },
    ]);
    expect(result.facets.manufacturer).toEqual([
      { value: 'Fischer', count: 1 },
      { value: 'Würth', count: 1 },
    ]);
    expect(result.facets.category).toEqual([{ value: 'fasteners', count: 1 }]);
    expect(index.search('', { visibleCategories: everything, inStock: true, category: 'fasteners' }, 'name').skus).toEqual(['HB-8', 'TS-1', 'WK-1']);
  });

  it('puts identifier hits first and keeps them only when visible', () => {
    const result = index.search('Schraube', { visibleCategories: everything }, 'name', ['TS-2']);
    expect(result.skus[0]).toBe('TS-2');
    expect(result.skus.filter((sku) => sku === 'TS-2')).toHaveLength(1);
    expect(index.search('GL-1', { visibleCategories: new Set(['fasteners']) }, 'relevance', ['GL-1']).skus).toEqual([]);
  });

  it('answers nothing for a query of punctuation only, instead of everything', () => {
    expect(index.search('-- / ..', { visibleCategories: everything }, 'relevance').skus).toEqual([]);
  });

  it('suggests products and their categories while typing', () => {
    const suggestions = index.suggest('schutz', everything, 5);
    expect(suggestions.skus.toSorted()).toEqual(['GL-1', 'GL-2']);
    expect(suggestions.categories).toEqual([{ value: 'safety', count: 2 }]);
    expect(index.suggest('schutz', new Set(['fasteners']), 5).skus).toEqual([]);
  });

  it('survives the snapshot round trip with the same answers and no prices or identifiers in it', () => {
    const snapshot = index.serialize();
    expect(snapshot).not.toMatch(/listPrice|ean|mpn/i);
    const loaded = ProductTextIndex.load(snapshot);
    expect(loaded.header).toMatchObject({ version: 2, language: 'de', documentCount: 6, builtAt: '2026-12-03T00:00:00.000Z' });
    for (const query of ['Terrassen Schraube', 'wkret', 'M8', ''])
      expect(loaded.search(query, { visibleCategories: everything }, 'relevance').skus).toEqual(
        index.search(query, { visibleCategories: everything }, 'relevance').skus,
      );
    expect(loaded.stored('HB-8')).toMatchObject({ name: 'Sechskantschraube DIN 933 M8 x 40', manufacturer: 'Fischer' });
  });
});

describe('incremental index updates', () => {
  it('replaces, adds and removes products in a loaded snapshot, facets and the SKU list included', () => {
    const loaded = ProductTextIndex.load(ProductTextIndex.build(documents, 'de', '2026-12-03T00:00:00.000Z').serialize());
    const changed = loaded.applyChanges(
      [
        doc('TS-2', 'Terrassenschraube A4 5 x 60', { manufacturer: 'Würth', attributes: { material: 'A4', length: '60 mm' }, inStock: true }),
        doc('NEW-1', 'Holzbauschraube Senkkopf 8 x 200', { manufacturer: 'Spax', attributes: { material: 'verzinkt' } }),
      ],
      ['GL-2', 'NOT-INDEXED'],
      '2026-12-04T00:00:00.000Z',
    );
    const all = { visibleCategories: everything };
    expect(changed.search('holzbauschraube', all, 'relevance').skus).toEqual(['NEW-1']);
    expect(changed.search('leder', all, 'relevance').skus).toEqual([]);
    expect(changed.search('terrassenschraube', { ...all, inStock: false }, 'relevance').skus).toEqual([]);
    expect(changed.search('terrassenschraube', all, 'relevance').facets.availability).toEqual({ inStock: 2, outOfStock: 0 });
    expect(changed.search('', all, 'relevance').skus).toEqual(['TS-1', 'TS-2', 'HB-8', 'WK-1', 'GL-1', 'NEW-1']);
    expect(changed.header).toMatchObject({ documentCount: 6, builtAt: '2026-12-04T00:00:00.000Z' });
    // The changed index survives its own snapshot.
    expect(ProductTextIndex.load(changed.serialize()).search('holzbauschraube', all, 'relevance').skus).toEqual(['NEW-1']);
  });
});
