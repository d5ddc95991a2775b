import { z } from 'zod';
import { roles } from '../../lib/definitions/index.js';
import { createHttpHandler, forAnyone, forRoles } from '../shared/http.js';
import * as catalog from './service.js';

const pricingQuery = {
  agreement: z.string().regex(/^[A-Za-z0-9-]{1,64}$/).optional(),
  deliveryCountry: z.string().regex(/^[A-Z]{2}$/).optional(),
};
const pricingOf = (query: { agreement?: string; deliveryCountry?: string }) => ({
  ...(query.agreement ? { agreementId: query.agreement } : {}),
  ...(query.deliveryCountry ? { deliveryCountry: query.deliveryCountry } : {}),
});

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
      ...pricingQuery,
    }),
    handle: async ({ caller, query }) => {
      const page = await catalog.browseProducts(caller, query.category, query.limit, query.cursor, pricingOf(query));
      return { products: page.products, ...(page.nextCursor ? { nextCursor: page.nextCursor } : {}) };
    },
  }),

  'GET /catalog/products/{sku}': forAnyone({
    params: z.object({ sku }),
    query: z.object(pricingQuery),
    handle: ({ caller, params, query }) => catalog.showProduct(caller, params.sku, pricingOf(query)),
  }),

  'GET /catalog/warehouses': forRoles(roles, { handle: () => catalog.listWarehouses() }),
});
