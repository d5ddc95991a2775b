import { describe, expect, it } from 'vitest';
import { AppError } from '../../functions/shared/errors.js';
import { money } from '../../functions/shared/money.js';
import { assertMayBrowse, presentProduct, sortCategories, type Product } from '../../functions/catalog/rules.js';

const product: Product = {
  sku: 'FAS-0111',
  name: 'Wood screw M4',
  description: 'Wood screw, M4.',
  categoryId: 'fasteners',
  unit: 'box',
  listPrice: money(450, 'EUR'),
  stockQuantity: 0,
  active: true,
};

describe('catalog visibility', () => {
  it('hides price and stock from guests', () => {
    const view = presentProduct(product, { signedIn: false, shopIsLoginOnly: false });
    expect(view).toEqual({ sku: 'FAS-0111', name: 'Wood screw M4', description: 'Wood screw, M4.', categoryId: 'fasteners', unit: 'box' });
  });

  it('shows price and availability to signed-in customers', () => {
    const view = presentProduct(product, { signedIn: true, shopIsLoginOnly: true });
    expect(view.price).toEqual({ amount: 450, currency: 'EUR' });
    expect(view.availability).toEqual({ inStock: false, quantity: 0 });
    expect(presentProduct({ ...product, stockQuantity: 3 }, { signedIn: true, shopIsLoginOnly: false }).availability?.inStock).toBe(true);
  });

  it('turns guests away from a login-only shop with LOGIN_REQUIRED', () => {
    expect(() => assertMayBrowse({ signedIn: true, shopIsLoginOnly: true })).not.toThrow();
    expect(() => assertMayBrowse({ signedIn: false, shopIsLoginOnly: false })).not.toThrow();
    try {
      assertMayBrowse({ signedIn: false, shopIsLoginOnly: true });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(AppError);
      expect((error as AppError).statusCode).toBe(401);
      expect((error as AppError).code).toBe('LOGIN_REQUIRED');
    }
  });

  it('orders categories by position, then name', () => {
    const sorted = sortCategories([
      { id: 'b', name: 'B', description: '', position: 1, productCount: 0 },
      { id: 'z', name: 'Z', description: '', position: 0, productCount: 0 },
      { id: 'a', name: 'A', description: '', position: 1, productCount: 0 },
    ]);
    expect(sorted.map((category) => category.id)).toEqual(['z', 'a', 'b']);
  });
});
