import { unauthenticated } from '../shared/errors.js';
import type { Money } from '../shared/money.js';

export interface Category {
  readonly id: string;
  readonly name: string;
  readonly description: string;
  readonly position: number;
  readonly productCount: number;
}

export interface Product {
  readonly sku: string;
  readonly name: string;
  readonly description: string;
  readonly categoryId: string;
  readonly unit: string;
  /** Net list price; customer-specific prices come from the pricing context. */
  readonly listPrice: Money;
  readonly stockQuantity: number;
  readonly active: boolean;
}

export interface ProductView {
  readonly sku: string;
  readonly name: string;
  readonly description: string;
  readonly categoryId: string;
  readonly unit: string;
  readonly price?: Money;
  readonly availability?: { readonly inStock: boolean; readonly quantity: number };
}

export interface Viewer {
  readonly signedIn: boolean;
  readonly shopIsLoginOnly: boolean;
}

/** A login-only shop shows guests nothing but the login page. */
export function assertMayBrowse(viewer: Viewer): void {
  if (viewer.shopIsLoginOnly && !viewer.signedIn) {
    throw unauthenticated('LOGIN_REQUIRED', 'This shop is for registered business customers only. Please sign in.');
  }
}

/** Prices and stock are shown to signed-in customers only (seed 000 point 5, seed 002). */
export function presentProduct(product: Product, viewer: Viewer): ProductView {
  const base = {
    sku: product.sku,
    name: product.name,
    description: product.description,
    categoryId: product.categoryId,
    unit: product.unit,
  };
  if (!viewer.signedIn) return base;
  return {
    ...base,
    price: product.listPrice,
    availability: { inStock: product.stockQuantity > 0, quantity: product.stockQuantity },
  };
}

export const sortCategories = (categories: readonly Category[]): Category[] =>
  [...categories].sort((a, b) => a.position - b.position || a.name.localeCompare(b.name));
