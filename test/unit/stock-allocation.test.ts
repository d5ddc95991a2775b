import { describe, expect, it } from 'vitest';
import { allocate, soldOut } from '../../functions/catalog/stock.js';

const stock: ReadonlyMap<string, Readonly<Record<string, number>>> = new Map<string, Record<string, number>>([
  ['SKU-1', { W1: 10, W2: 10 }],
  ['SKU-2', { W1: 0.5 }],
]);

describe('stock allocation', () => {
  it('takes from the preferred warehouse first and splits when it alone cannot serve the line', () => {
    expect(allocate([{ sku: 'SKU-1', quantity: 12 }], stock, ['W2']).allocations).toEqual([
      { sku: 'SKU-1', warehouse: 'W2', quantity: 10 },
      { sku: 'SKU-1', warehouse: 'W1', quantity: 2 },
    ]);
  });

  it('lets two lines of one SKU share the stock instead of both counting the same units', () => {
    const { allocations, missing } = allocate(
      [
        { sku: 'SKU-1', quantity: 8 },
        { sku: 'SKU-1', quantity: 8 },
      ],
      stock,
      ['W1'],
    );
    expect(missing).toEqual([]);
    expect(allocations).toEqual([
      { sku: 'SKU-1', warehouse: 'W1', quantity: 8 },
      { sku: 'SKU-1', warehouse: 'W1', quantity: 2 },
      { sku: 'SKU-1', warehouse: 'W2', quantity: 6 },
    ]);
    expect(
      allocate(
        [
          { sku: 'SKU-1', quantity: 15 },
          { sku: 'SKU-1', quantity: 6 },
        ],
        stock,
        [],
      ).missing,
    ).toEqual(['SKU-1']);
  });

  it('handles fractional quantities exactly and reports what is missing', () => {
    expect(
      allocate(
        [
          { sku: 'SKU-2', quantity: 0.25 },
          { sku: 'SKU-2', quantity: 0.25 },
        ],
        stock,
        [],
      ).missing,
    ).toEqual([]);
    expect(
      allocate(
        [
          { sku: 'SKU-2', quantity: 0.25 },
          { sku: 'SKU-2', quantity: 0.3 },
        ],
        stock,
        [],
      ).missing,
    ).toEqual(['SKU-2']);
    expect(allocate([{ sku: 'SKU-X', quantity: 1 }], stock, []).missing).toEqual(['SKU-X']);
  });
});

describe('sold-out detection after a reservation', () => {
  it('names the products a reservation leaves without stock anywhere', () => {
    const stock = new Map<string, Record<string, number>>([
      ['A', { stuttgart: 2, krakow: 0 }],
      ['B', { stuttgart: 5 }],
      ['C', { stuttgart: 0 }],
    ]);
    const taken = [
      { sku: 'A', warehouse: 'stuttgart', quantity: 2 },
      { sku: 'B', warehouse: 'stuttgart', quantity: 4.75 },
    ];
    // C was sold out before: its availability does not change.
    expect(soldOut(stock, taken)).toEqual(['A']);
    expect(soldOut(stock, [...taken, { sku: 'B', warehouse: 'stuttgart', quantity: 0.25 }])).toEqual(['A', 'B']);
  });
});
