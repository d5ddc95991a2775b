import { z } from 'zod';
import { defineContract, idSchema, moneySchema } from '../shared/contract.js';

const sku = z.string().regex(/^[A-Za-z0-9._-]{1,64}$/, 'SKU may contain letters, digits, ".", "_" and "-"');

const pricingQuery = {
  agreement: idSchema.optional().describe('the agreement to price with; absent: the company default'),
  deliveryCountry: z.string().regex(/^[A-Z]{2}$/).optional().describe('ISO 3166-1 alpha-2 delivery country (VAT destination)'),
};

export const categorySchema = z
  .object({
    id: z.string(),
    name: z.string(),
    description: z.string(),
    position: z.number().int().describe('sort position in the category list'),
    productCount: z.number().int(),
  })
  .meta({ id: 'CatalogCategory' });

export const postalAddressSchema = z.object({
  street: z.string(),
  postalCode: z.string(),
  city: z.string(),
  country: z.string().describe('ISO 3166-1 alpha-2'),
});
export const openingHoursSchema = z.object({ days: z.string().describe('"Mon-Fri", "Sat"'), hours: z.string().describe('"08:00-18:00"') });

export const warehouseSchema = z
  .object({ id: z.string(), name: z.string(), city: z.string(), address: postalAddressSchema, openingHours: z.array(openingHoursSchema) })
  .meta({ id: 'Warehouse' });

export const priceTierSchema = z.object({ minQuantity: z.string().describe('decimal quantity from which unitPrice applies ("10", "0.5")'), unitPrice: moneySchema });

/** Prices, tiers and stock are present for signed-in callers only. */
export const productViewSchema = z
  .object({
    sku: z.string(),
    name: z.string(),
    description: z.string(),
    categoryId: z.string(),
    unit: z.string(),
    price: moneySchema.optional(),
    priceDisplay: z.enum(['net', 'gross']).optional().describe('whether price and tier prices are net or include VAT'),
    vatRate: z.number().int().optional().describe('basis points (19 % = 1900)'),
    tiers: z.array(priceTierSchema).optional(),
    priceExplanation: z.array(z.string()).optional(),
    availability: z
      .object({
        inStock: z.boolean(),
        quantity: z.number(),
        warehouses: z.array(z.object({ id: z.string(), name: z.string(), quantity: z.number() })),
      })
      .optional(),
  })
  .meta({ id: 'ProductView' });

export const productDetailSchema = productViewSchema
  .extend({ related: z.array(productViewSchema).describe('cross-selling products the caller may see') })
  .meta({ id: 'ProductDetail' });

export const catalogContract = defineContract({
  'GET /catalog/categories': {
    summary: 'The catalog categories the caller may see (closed catalogs hide the others)',
    response: z.object({ categories: z.array(categorySchema) }),
    errors: ['LOGIN_REQUIRED'],
  },
  'GET /catalog/products': {
    summary: "One page of a category's products; prices and stock for signed-in callers",
    query: z.object({
      category: z.string().regex(/^[a-z0-9-]{1,64}$/),
      limit: z.coerce.number().int().min(1).max(100).default(24),
      cursor: z.string().max(2048).optional().describe('nextCursor of the previous page'),
      ...pricingQuery,
    }),
    response: z.object({ products: z.array(productViewSchema), nextCursor: z.string().optional() }),
    errors: ['LOGIN_REQUIRED', 'NOT_FOUND', 'INVALID_CURSOR', 'UNKNOWN_AGREEMENT'],
  },
  'GET /catalog/products/{sku}': {
    summary: 'One product with its cross-selling products; prices and stock for signed-in callers',
    params: z.object({ sku }),
    query: z.object(pricingQuery),
    response: productDetailSchema,
    errors: ['LOGIN_REQUIRED', 'NOT_FOUND', 'UNKNOWN_AGREEMENT'],
  },
  'GET /catalog/warehouses': {
    summary: 'The warehouses (pickup addresses, opening hours)',
    response: z.object({ warehouses: z.array(warehouseSchema) }),
  },
});
