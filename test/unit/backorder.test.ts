import { describe, expect, it } from 'vitest';
import { backorderFromItem, backorderSplit } from '../../functions/catalog/backorder.js';
import { allocate } from '../../functions/catalog/stock.js';

/** Issue 17 item 3: back-orders — what ships now and what later. */

const allowed = { backorder: { allowed: true, expectedAt: '2027-01-15' } };

describe('backorderSplit', () => {
  it('splits a quantity beyond stock into now and later for a product that allows it', () => {
    expect(backorderSplit(12_000, 5_000, allowed)).toEqual({ now: 5_000, later: 7_000, expectedAt: '2027-01-15' });
    expect(backorderSplit(2_500, 0, allowed)).toEqual({ now: 0, later: 2_500, expectedAt: '2027-01-15' });
  });

  it('nothing to split when the stock covers it or the product does not allow back-orders', () => {
    expect(backorderSplit(5_000, 5_000, allowed)).toBeUndefined();
    expect(backorderSplit(12_000, 5_000, {})).toBeUndefined();
    expect(backorderSplit(12_000, 5_000, { backorder: { allowed: false, expectedAt: '2027-01-15' } })).toBeUndefined();
    expect(backorderSplit(12_000, 5_000, undefined)).toBeUndefined();
  });

  it('reads only a well-formed flag from the product item', () => {
    expect(backorderFromItem({ allowed: true, expectedAt: '2027-01-15' })).toEqual({ allowed: true, expectedAt: '2027-01-15' });
    expect(backorderFromItem({ allowed: 'yes', expectedAt: '2027-01-15' })).toBeUndefined();
    expect(backorderFromItem({ allowed: true, expectedAt: 'soon' })).toBeUndefined();
    expect(backorderFromItem(undefined)).toBeUndefined();
  });
});

describe('allocate with back-orders', () => {
  const stock = new Map<string, Record<string, number>>([
    ['A', { stuttgart: 3, krakow: 1 }],
    ['B', { stuttgart: 2 }],
  ]);

  it('a back-orderable line takes all there is and records the rest', () => {
    const result = allocate([{ sku: 'A', quantity: 6 }], stock, ['stuttgart'], new Set(['A']));
    expect(result.missing).toEqual([]);
    expect(result.allocations).toEqual([
      { sku: 'A', warehouse: 'stuttgart', quantity: 3 },
      { sku: 'A', warehouse: 'krakow', quantity: 1 },
    ]);
    expect(result.backordered).toEqual([{ sku: 'A', quantity: 2 }]);
  });

  it('other products still go missing; a covered back-orderable line records nothing', () => {
    const result = allocate(
      [
        { sku: 'A', quantity: 2 },
        { sku: 'B', quantity: 3 },
      ],
      stock,
      ['stuttgart'],
      new Set(['A']),
    );
    expect(result.missing).toEqual(['B']);
    expect(result.backordered).toEqual([]);
  });

  it('with no stock at all the whole line is back-ordered; without the flag nothing changes', () => {
    expect(allocate([{ sku: 'C', quantity: 1.5 }], stock, [], new Set(['C']))).toEqual({
      allocations: [],
      missing: [],
      backordered: [{ sku: 'C', quantity: 1.5 }],
    });
    expect(allocate([{ sku: 'A', quantity: 6 }], stock, ['stuttgart'])).toMatchObject({ missing: ['A'], backordered: [] });
  });
});
