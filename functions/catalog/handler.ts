import { z } from 'zod';
import { createHttpHandler, forAnyone } from '../shared/http.js';
import * as catalog from './service.js';

const sku = z.string().regex(/^[A-Za-z0-9._-]{1,64}$/, 'SKU may contain letters, digits, ".", "_" and "-"');

export const handler = createHttpHandler('catalog', {
  'GET /catalog/categories': forAnyone({
    handle: async ({ caller }) => ({ categories: await catalog.browseCategories(caller) }),
  }),

  'GET /catalog/products': forAnyone({
    query: z.object({
      category: z.string().regex(/^[a-z0-9-]{1,64}$/),
      limit: z.coerce.number().int().min(1).max(100).default(24),
      cursor: z.string().max(2048).optional(),
    }),
    handle: async ({ caller, query }) => {
      const page = await catalog.browseProducts(caller, query.category, query.limit, query.cursor);
      return { products: page.products, ...(page.nextCursor ? { nextCursor: page.nextCursor } : {}) };
    },
  }),

  'GET /catalog/products/{sku}': forAnyone({
    params: z.object({ sku }),
    handle: ({ caller, params }) => catalog.showProduct(caller, params.sku),
  }),
});
