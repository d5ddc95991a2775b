import * as z from 'zod';
import { defineContract, idSchema, moneySchema } from '../shared/contract.js';
import { mediaContentTypes, mediaKinds, type MediaContentType } from './media/rules.js';
import { contentLanguages } from './rules.js';

const sku = z.string().regex(/^[A-Za-z0-9._-]{1,64}$/, 'SKU may contain letters, digits, ".", "_" and "-"');

const languageQuery = {
  lang: z.enum(contentLanguages).optional().describe('language of names, descriptions and attribute labels; absent or untranslated: English'),
};

const pricingQuery = {
  agreement: idSchema.optional().describe('the agreement to price with; absent: the company default'),
  deliveryCountry: z
    .string()
    .regex(/^[A-Z]{2}$/)
    .optional()
    .describe('ISO 3166-1 alpha-2 delivery country (VAT destination)'),
};

export const productAttributeSchema = z
  .object({ code: z.string(), label: z.string(), value: z.string().describe('with its unit: "M8", "40 mm"') })
  .meta({ id: 'ProductAttribute' });

const facetValueSchema = z.object({ value: z.string(), count: z.number().int().nonnegative() });

export const searchFacetsSchema = z
  .object({
    category: z.array(facetValueSchema.extend({ label: z.string() })),
    manufacturer: z.array(facetValueSchema),
    attributes: z.array(z.object({ code: z.string(), label: z.string(), values: z.array(facetValueSchema) })),
    availability: z.object({ inStock: z.number().int().nonnegative(), outOfStock: z.number().int().nonnegative() }),
  })
  .meta({ id: 'SearchFacets' });

/** `attr=thread:M8,material:A2` → { thread: 'M8', material: 'A2' }. */
const attributeFilter = z
  .string()
  .max(500)
  .transform((text, context) => {
    const filters: Record<string, string> = {};
    for (const pair of text.split(',').filter(Boolean)) {
      const colon = pair.indexOf(':');
      if (colon < 1 || colon === pair.length - 1) {
        context.addIssue({ code: 'custom', message: 'attr takes code:value pairs separated by commas' });
        return z.NEVER;
      }
      filters[pair.slice(0, colon).trim()] = pair.slice(colon + 1).trim();
    }
    return filters;
  });

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

export const priceTierSchema = z.object({
  minQuantity: z.string().describe('decimal quantity from which unitPrice applies ("10", "0.5")'),
  unitPrice: moneySchema,
});

/** Which quantities may be ordered (functions/shared/quantity-rules.ts); the SPA checks its quantity fields with the same rule. */
export const quantityRulesSchema = z
  .object({
    minimum: z.string().describe('smallest quantity of a line ("0.5"); default "1"'),
    step: z.string().describe('quantities are multiples of it ("0.25"); default "1" (whole units)'),
    multiple: z.string().optional().describe('the quantity must also be a multiple of this ("6")'),
    packSize: z.string().optional().describe('carton size ("12"); full cartons get packDiscount'),
    packDiscount: z.number().int().optional().describe('basis points off full cartons (5 % = 500)'),
  })
  .meta({ id: 'QuantityRules' });

/** An image or datasheet of a product (docs/product-media.md); URLs are relative to the shop's origin. */
export const productMediumSchema = z
  .object({
    id: z.string(),
    kind: z.enum(mediaKinds),
    contentType: z.enum(mediaContentTypes as [MediaContentType, ...MediaContentType[]]),
    fileName: z.string(),
    alt: z.string().optional().describe('alternative text of an image'),
    title: z.string().optional().describe('title of a datasheet'),
    url: z.string().describe('e.g. /media/products/<sku>/<id>.jpg'),
    thumbnailUrl: z.string().optional().describe('320 px wide JPEG, once generated (images only)'),
    bytes: z.number().int().positive(),
  })
  .meta({ id: 'ProductMedium' });

/** Prices, tiers and stock are present for signed-in callers only. */
export const productViewSchema = z
  .object({
    sku: z.string(),
    name: z.string(),
    description: z.string(),
    categoryId: z.string(),
    unit: z.string(),
    ean: z.string().optional().describe('GTIN/EAN'),
    manufacturer: z.string().optional(),
    mpn: z.string().optional().describe('manufacturer part number'),
    buyerNumber: z.string().optional().describe("the caller company's own article number for the product (customer material number)"),
    attributes: z.array(productAttributeSchema).optional(),
    media: z.array(productMediumSchema).describe('images and datasheets in their order; the first image is the main picture'),
    price: moneySchema.optional(),
    priceDisplay: z.enum(['net', 'gross']).optional().describe('whether price and tier prices are net or include VAT'),
    vatRate: z.number().int().optional().describe('basis points (19 % = 1900)'),
    tiers: z.array(priceTierSchema).optional(),
    priceExplanation: z.array(z.string()).optional(),
    quantityRules: quantityRulesSchema.optional().describe('signed-in callers with a price; what the cart accepts'),
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

/** Prices are never indexed: a price sort prices every hit with the buyer's prices, so the hits must be few. */
export const PRICE_SORT_MAX_HITS = 500;

export const catalogContract = defineContract({
  'GET /catalog/categories': {
    summary: 'The catalog categories the caller may see (closed catalogs hide the others)',
    query: z.object(languageQuery),
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
      ...languageQuery,
    }),
    response: z.object({ products: z.array(productViewSchema), nextCursor: z.string().optional() }),
    errors: ['LOGIN_REQUIRED', 'NOT_FOUND', 'INVALID_CURSOR', 'UNKNOWN_AGREEMENT'],
  },
  'GET /catalog/products/{sku}': {
    summary: 'One product with its cross-selling products; prices and stock for signed-in callers',
    params: z.object({ sku }),
    query: z.object({ ...pricingQuery, ...languageQuery }),
    response: productDetailSchema,
    errors: ['LOGIN_REQUIRED', 'NOT_FOUND', 'UNKNOWN_AGREEMENT'],
  },
  'GET /catalog/search': {
    summary:
      'Searches the products the caller may see by words (compounds, diacritics, typos) and article numbers (SKU, EAN, MPN in any spelling); facets with counts, one page priced for signed-in callers',
    query: z.object({
      q: z.string().trim().max(200).default(''),
      category: z
        .string()
        .regex(/^[a-z0-9-]{1,64}$/)
        .optional(),
      manufacturer: z.string().trim().max(80).optional(),
      attr: attributeFilter.optional().describe('attribute filters, code:value pairs separated by commas'),
      inStock: z
        .enum(['true', 'false'])
        .optional()
        .transform((value) => (value === undefined ? undefined : value === 'true')),
      sort: z
        .enum(['relevance', 'name', 'price-asc', 'price-desc'])
        .default('relevance')
        .describe(`price sorts: signed-in buyers only, for at most ${PRICE_SORT_MAX_HITS} hits (narrow the search first)`),
      limit: z.coerce.number().int().min(1).max(48).default(24),
      cursor: z
        .string()
        .regex(/^\d{1,6}$/)
        .optional()
        .describe('nextCursor of the previous page'),
      ...pricingQuery,
      ...languageQuery,
    }),
    response: z
      .object({
        total: z.number().int().nonnegative(),
        exactMatch: z.string().optional().describe("SKU when the query is exactly one product's SKU, EAN or MPN"),
        products: z.array(productViewSchema),
        facets: searchFacetsSchema,
        nextCursor: z.string().optional(),
      })
      .meta({ id: 'SearchResult' }),
    errors: ['LOGIN_REQUIRED', 'UNKNOWN_AGREEMENT', 'SEARCH_INDEX_NOT_READY', 'PRICE_SORT_NEEDS_LOGIN', 'TOO_MANY_HITS_FOR_PRICE_SORT'],
  },
  'GET /catalog/suggestions': {
    summary: 'Suggestions while typing in the search box: products (article-number prefixes first) and categories',
    query: z.object({ q: z.string().trim().min(1).max(200), ...languageQuery }),
    response: z.object({
      products: z.array(z.object({ sku: z.string(), name: z.string(), categoryId: z.string() })),
      categories: z.array(z.object({ id: z.string(), name: z.string(), count: z.number().int() })),
    }),
    errors: ['LOGIN_REQUIRED', 'SEARCH_INDEX_NOT_READY'],
  },
  'GET /catalog/warehouses': {
    summary: 'The warehouses (pickup addresses, opening hours)',
    response: z.object({ warehouses: z.array(warehouseSchema) }),
  },
});
