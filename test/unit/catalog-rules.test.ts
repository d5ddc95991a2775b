import { describe, expect, it } from 'vitest';
import { AppError } from '../../functions/shared/errors.js';
import { money } from '../../functions/shared/money.js';
import {
  assertMayBrowse,
  isCategoryVisible,
  presentCategory,
  presentProduct,
  sortCategories,
  type Category,
  type Product,
} from '../../functions/catalog/rules.js';

const product: Product = {
  sku: 'FAS-0111',
  name: 'Wood screw M4',
  description: 'Wood screw, M4.',
  categoryId: 'fasteners',
  unit: 'box',
  listPrice: money(450, 'EUR'),
  stock: {},
  related: [],
  active: true,
};
const warehouses = [
  { id: 'stuttgart', name: 'Stuttgart', city: 'Stuttgart' },
  { id: 'krakow', name: 'Kraków', city: 'Kraków' },
];

describe('catalog visibility', () => {
  it('hides price and stock from guests', () => {
    const view = presentProduct(product, { signedIn: false, shopIsLoginOnly: false }, warehouses);
    expect(view).toEqual({ sku: 'FAS-0111', name: 'Wood screw M4', description: 'Wood screw, M4.', categoryId: 'fasteners', unit: 'box', media: [] });
  });

  it('shows the customer price and stock per warehouse to signed-in customers', () => {
    const price = { price: { amount: 405, currency: 'EUR' }, priceDisplay: 'net' as const, vatRate: 1900, tiers: [], explanation: ['Group price list'] };
    const view = presentProduct(product, { signedIn: true, shopIsLoginOnly: true }, warehouses, price);
    expect(view.price).toEqual({ amount: 405, currency: 'EUR' });
    expect(view.priceExplanation).toEqual(['Group price list']);
    expect(view.availability).toEqual({
      inStock: false,
      quantity: 0,
      warehouses: [
        { id: 'stuttgart', name: 'Stuttgart', quantity: 0 },
        { id: 'krakow', name: 'Kraków', quantity: 0 },
      ],
    });
    const stocked = presentProduct({ ...product, stock: { stuttgart: 3, krakow: 40 } }, { signedIn: true, shopIsLoginOnly: false }, warehouses);
    expect(stocked.availability).toMatchObject({ inStock: true, quantity: 43, warehouses: [{ quantity: 3 }, { quantity: 40 }] });
  });

  it('closes categories to other customer groups, business profiles and guests', () => {
    const guest = { signedIn: false, shopIsLoginOnly: false };
    const wholesaleBuilder = { signedIn: true, shopIsLoginOnly: false, customerGroup: 'wholesale', businessProfiles: ['construction'] };
    const retailInstaller = { signedIn: true, shopIsLoginOnly: false, customerGroup: 'retail', businessProfiles: ['installation'] };
    const staff = { signedIn: true, shopIsLoginOnly: false, staff: true };
    const open = {};
    const proOnly = { visibility: { customerGroups: ['wholesale', 'key-account'] } };
    const installersOnly = { visibility: { businessProfiles: ['installation'] } };
    const membersOnly = { visibility: { guests: false } };
    expect([guest, wholesaleBuilder, retailInstaller, staff].map((viewer) => isCategoryVisible(open, viewer))).toEqual([true, true, true, true]);
    expect([guest, wholesaleBuilder, retailInstaller, staff].map((viewer) => isCategoryVisible(proOnly, viewer))).toEqual([false, true, false, true]);
    expect([guest, wholesaleBuilder, retailInstaller, staff].map((viewer) => isCategoryVisible(installersOnly, viewer))).toEqual([false, false, true, true]);
    expect([guest, wholesaleBuilder, retailInstaller, staff].map((viewer) => isCategoryVisible(membersOnly, viewer))).toEqual([false, true, true, true]);
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

describe('product texts per language', () => {
  const translated: Product = {
    ...product,
    attributes: { thread: 'M4', length: '30 mm' },
    texts: { de: { name: 'Holzschraube M4', description: 'Holzschraube, M4.' }, pl: { name: 'Wkręt do drewna M4' } },
  };
  const category: Category = {
    id: 'fasteners',
    name: 'Fasteners',
    description: 'Screws and bolts',
    position: 0,
    productCount: 1,
    attributeLabels: { thread: 'Thread', length: 'Length' },
    texts: { de: { name: 'Befestigungstechnik', attributeLabels: { thread: 'Gewinde' } }, pl: { name: 'Elementy złączne' } },
  };
  const guest = { signedIn: false, shopIsLoginOnly: false };

  it('shows name, description and attribute labels in the requested language', () => {
    const view = presentProduct(translated, guest, warehouses, undefined, category, 'de');
    expect(view).toMatchObject({ name: 'Holzschraube M4', description: 'Holzschraube, M4.' });
    expect(view.attributes).toEqual([
      { code: 'thread', label: 'Gewinde', value: 'M4' },
      { code: 'length', label: 'Length', value: '30 mm' },
    ]);
    expect(presentCategory(category, 'de')).toMatchObject({ name: 'Befestigungstechnik', description: 'Screws and bolts' });
  });

  it('falls back to the default (English) text for whatever is not translated', () => {
    const polish = presentProduct(translated, guest, warehouses, undefined, category, 'pl');
    expect(polish).toMatchObject({ name: 'Wkręt do drewna M4', description: 'Wood screw, M4.' });
    expect(polish.attributes?.[0]?.label).toBe('Thread');
    expect(presentProduct(translated, guest, warehouses, undefined, category).name).toBe('Wood screw M4');
    expect(presentProduct(translated, guest, warehouses, undefined, category, 'en').name).toBe('Wood screw M4');
    expect(presentCategory(category, 'pl').name).toBe('Elementy złączne');
    expect(presentCategory(category).name).toBe('Fasteners');
  });
});
