import { languages, type Language } from '../shared/locale.js';
import type { BackorderTerms } from './backorder.js';
import { unauthenticated } from '../shared/errors.js';
import type { Money } from '../shared/money.js';
import { presentMedia, type ProductMedium, type ProductMediumView } from './media/rules.js';

/** Who may see a category (closed catalogs, seeds 000/003). Absent lists mean "everyone". */
export interface CategoryVisibility {
  readonly customerGroups?: readonly string[];
  /** Business profiles of a holding's customers (seed 003). */
  readonly businessProfiles?: readonly string[];
  /** False hides the category from guests even in an open shop. */
  readonly guests?: boolean;
}

/** Languages product and category texts can be written in; a missing text falls back to the main one. */
export const contentLanguages = languages;
export type ContentLanguage = Language;

export type ProductTexts = Partial<Record<ContentLanguage, { readonly name?: string; readonly description?: string }>>;
export type CategoryTexts = Partial<
  Record<ContentLanguage, { readonly name?: string; readonly description?: string; readonly attributeLabels?: Readonly<Record<string, string>> }>
>;

export interface Category {
  readonly id: string;
  readonly name: string;
  readonly description: string;
  readonly position: number;
  readonly productCount: number;
  readonly visibility?: CategoryVisibility;
  /** Labels of the category's product attributes by code ("thread" → "Thread"). */
  readonly attributeLabels?: Readonly<Record<string, string>>;
  /** Name, description and attribute labels in other languages. */
  readonly texts?: CategoryTexts;
}

export interface Warehouse {
  readonly id: string;
  readonly name: string;
  readonly city: string;
  /** Where pickup orders are collected. */
  readonly address: { readonly street: string; readonly postalCode: string; readonly city: string; readonly country: string };
  readonly openingHours: readonly { readonly days: string; readonly hours: string }[];
}

/** A category as the shop shows it: who may see it stays internal. */
export type CategoryView = Omit<Category, 'visibility' | 'texts' | 'attributeLabels'>;

export interface Product {
  readonly sku: string;
  readonly name: string;
  readonly description: string;
  readonly categoryId: string;
  readonly unit: string;
  /** Net list price; customer-specific prices come from the pricing context. */
  readonly listPrice: Money;
  /** Stock per warehouse id, in sales units. */
  readonly stock: Readonly<Record<string, number>>;
  /** Cross-selling: SKUs shown on the product page and at checkout (seed 004). */
  readonly related: readonly string[];
  readonly active: boolean;
  /** GTIN/EAN when known (BMEcat export). */
  readonly ean?: string;
  readonly manufacturer?: string;
  /** Manufacturer part number. */
  readonly mpn?: string;
  /** Attribute code → value with unit (labels: the category's `attributeLabels`). */
  readonly attributes?: Readonly<Record<string, string>>;
  /** Name and description in other languages. */
  readonly texts?: ProductTexts;
  /** Images and datasheets, ordered (functions/catalog/media/rules.ts). */
  readonly media?: readonly ProductMedium[];
  /** Ordering beyond stock allowed, with the date more is expected (functions/catalog/backorder.ts). */
  readonly backorder?: BackorderTerms;
}

export interface PriceInfo {
  readonly price: Money;
  readonly priceDisplay: 'net' | 'gross';
  readonly vatRate: number;
  readonly tiers: readonly { readonly minQuantity: string; readonly unitPrice: Money }[];
  readonly explanation: readonly string[];
  readonly quantityRules?: QuantityRulesView;
}

/** Which quantities may be ordered, as decimal quantities (defaults written out): minimum, step, multiple, carton. */
export interface QuantityRulesView {
  readonly minimum: string;
  readonly step: string;
  readonly multiple?: string;
  readonly packSize?: string;
  readonly packDiscount?: number;
}

export interface ProductView {
  readonly sku: string;
  readonly name: string;
  readonly description: string;
  readonly categoryId: string;
  readonly unit: string;
  readonly ean?: string;
  readonly manufacturer?: string;
  readonly mpn?: string;
  readonly buyerNumber?: string;
  readonly attributes?: readonly { readonly code: string; readonly label: string; readonly value: string }[];
  readonly media: readonly ProductMediumView[];
  readonly price?: Money;
  readonly priceDisplay?: 'net' | 'gross';
  readonly vatRate?: number;
  readonly tiers?: PriceInfo['tiers'];
  readonly priceExplanation?: readonly string[];
  readonly quantityRules?: QuantityRulesView;
  readonly availability?: {
    readonly inStock: boolean;
    readonly quantity: number;
    readonly warehouses: readonly { readonly id: string; readonly name: string; readonly quantity: number }[];
  };
}

export interface Viewer {
  readonly signedIn: boolean;
  readonly shopIsLoginOnly: boolean;
  /** Staff (reps, back-office) see the whole catalog. */
  readonly staff?: boolean;
  readonly customerGroup?: string;
  readonly businessProfiles?: readonly string[];
}

/** A login-only shop shows guests nothing but the login page. */
export function assertMayBrowse(viewer: Viewer): void {
  if (viewer.shopIsLoginOnly && !viewer.signedIn) {
    throw unauthenticated('LOGIN_REQUIRED', 'This shop is for registered business customers only. Please sign in.');
  }
}

export function isCategoryVisible(category: Pick<Category, 'visibility'>, viewer: Viewer): boolean {
  const visibility = category.visibility;
  if (!visibility || viewer.staff) return true;
  if (!viewer.signedIn) return visibility.guests !== false && !visibility.customerGroups?.length && !visibility.businessProfiles?.length;
  if (visibility.customerGroups?.length && !visibility.customerGroups.includes(viewer.customerGroup ?? '')) return false;
  if (visibility.businessProfiles?.length && !visibility.businessProfiles.some((profile) => viewer.businessProfiles?.includes(profile))) return false;
  return true;
}

/** Prices and stock are shown to signed-in customers only (seed 000 point 5, seed 002). */
export function presentProduct(
  product: Product,
  viewer: Viewer,
  warehouses: readonly Pick<Warehouse, 'id' | 'name'>[],
  price?: PriceInfo,
  category?: Pick<Category, 'attributeLabels' | 'texts'>,
  language?: ContentLanguage,
): ProductView {
  const labels = { ...category?.attributeLabels, ...(language ? category?.texts?.[language]?.attributeLabels : {}) };
  const attributes = Object.entries(product.attributes ?? {}).map(([code, value]) => ({ code, label: labels[code] ?? code, value }));
  const texts = language ? product.texts?.[language] : undefined;
  const base = {
    sku: product.sku,
    name: texts?.name ?? product.name,
    description: texts?.description ?? product.description,
    categoryId: product.categoryId,
    unit: product.unit,
    ...(product.ean ? { ean: product.ean } : {}),
    ...(product.manufacturer ? { manufacturer: product.manufacturer } : {}),
    ...(product.mpn ? { mpn: product.mpn } : {}),
    ...(attributes.length ? { attributes } : {}),
    media: presentMedia(product.media),
  };
  if (!viewer.signedIn) return base;
  const perWarehouse = warehouses.map((warehouse) => ({ id: warehouse.id, name: warehouse.name, quantity: product.stock[warehouse.id] ?? 0 }));
  const quantity = Object.values(product.stock).reduce((sum, value) => sum + value, 0);
  return {
    ...base,
    ...(price ? { price: price.price, priceDisplay: price.priceDisplay, vatRate: price.vatRate, tiers: price.tiers, priceExplanation: price.explanation } : {}),
    ...(price?.quantityRules ? { quantityRules: price.quantityRules } : {}),
    availability: { inStock: quantity > 0, quantity, warehouses: perWarehouse },
  };
}

export const sortCategories = (categories: readonly Category[]): Category[] =>
  [...categories].sort((a, b) => a.position - b.position || a.name.localeCompare(b.name));

export const presentCategory = ({ id, name, description, position, productCount, texts }: Category, language?: ContentLanguage): CategoryView => ({
  id,
  name: (language && texts?.[language]?.name) || name,
  description: (language && texts?.[language]?.description) || description,
  position,
  productCount,
});
