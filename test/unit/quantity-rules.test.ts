import { describe, expect, it } from 'vitest';
import { nearestQuantities, quantityIncrement, quantityProblems, smallestQuantity } from '../../functions/shared/quantity-rules.js';
import { quantityProblems as engineQuantityProblems } from '../../functions/pricing/engine.js';
import { presentQuantityRules } from '../../functions/pricing/service.js';

/** Seed 002 rules (local/seed-data.ts): cleaning by the litre, fasteners from 2 boxes, plumbing in fives. */
const litres = { minimum: 500, step: 250 };
const fasteners = { minimum: 2000 };
const plumbing = { multiple: 5000 };

describe('quantity rules shared by the cart and the quantity fields', () => {
  it('refuses what the cart refuses, with the same codes', () => {
    expect(quantityProblems(600, litres)).toEqual(['NOT_A_STEP']);
    expect(quantityProblems(250, litres)).toEqual(['BELOW_MINIMUM']);
    expect(quantityProblems(750, litres)).toEqual([]);
    expect(quantityProblems(1000, fasteners)).toEqual(['BELOW_MINIMUM']);
    expect(quantityProblems(7000, plumbing)).toEqual(['NOT_A_MULTIPLE']);
    expect(quantityProblems(1500, undefined)).toEqual(['NOT_A_STEP']);
    expect(quantityProblems(0, litres)).toEqual(['NOT_POSITIVE']);
    for (const [quantity, rules] of [
      [600, litres],
      [7000, plumbing],
      [1000, fasteners],
      [0, undefined],
    ] as const)
      expect(engineQuantityProblems(quantity, rules)).toEqual(quantityProblems(quantity, rules));
  });

  it('suggests the nearest allowed quantities: 0.6 l in steps of 0.25 → 0.5 or 0.75', () => {
    expect(nearestQuantities(600, litres)).toEqual([500, 750]);
    expect(nearestQuantities(300, litres)).toEqual([500]);
    expect(nearestQuantities(750, litres)).toEqual([]);
    expect(nearestQuantities(1000, fasteners)).toEqual([2000]);
    expect(nearestQuantities(7000, plumbing)).toEqual([5000, 10000]);
    expect(nearestQuantities(2500, undefined)).toEqual([2000, 3000]);
    expect(nearestQuantities(0, plumbing)).toEqual([5000]);
    for (const quantity of [1, 600, 1234, 99_999])
      for (const rules of [litres, fasteners, plumbing, { minimum: 2000, step: 500, multiple: 1500 }])
        for (const suggestion of nearestQuantities(quantity, rules)) expect(quantityProblems(suggestion, rules)).toEqual([]);
  });

  it('combines step and multiple and rounds the minimum up to them', () => {
    expect(quantityIncrement({ step: 500, multiple: 1500 })).toBe(1500);
    expect(quantityIncrement({ step: 0 })).toBe(1);
    expect(smallestQuantity({ minimum: 2000, multiple: 5000 })).toBe(5000);
    expect(smallestQuantity(litres)).toBe(500);
  });

  it('hands the rules to the catalog as decimal quantities with the defaults written out', () => {
    expect(presentQuantityRules(litres)).toEqual({ minimum: '0.5', step: '0.25' });
    expect(presentQuantityRules(undefined)).toEqual({ minimum: '1', step: '1' });
    expect(presentQuantityRules({ ...plumbing, packSize: 12000, packDiscount: 500 })).toEqual({
      minimum: '1',
      step: '1',
      multiple: '5',
      packSize: '12',
      packDiscount: 500,
    });
  });
});
