import { roles } from '../../lib/definitions/index.js';
import { createHttpHandler, forAnyone, forRoles, prefetching } from '../shared/http.js';
import { catalogContract } from './contract.js';
import { catalogKeys } from './repository.js';
import * as catalog from './service.js';

const pricingOf = (query: { agreement?: string | undefined; deliveryCountry?: string | undefined }) => ({
  ...(query.agreement ? { agreementId: query.agreement } : {}),
  ...(query.deliveryCountry ? { deliveryCountry: query.deliveryCountry } : {}),
});

export const handler = createHttpHandler('catalog', catalogContract, {
  'GET /catalog/categories': forAnyone(async ({ caller, query }) => ({ categories: await catalog.browseCategories(caller, query.lang) })),

  'GET /catalog/products': prefetching(
    forAnyone(async ({ caller, query }) => {
      const page = await catalog.browseProducts(caller, query.category, query.limit, query.cursor, pricingOf(query), query.lang);
      return { products: page.products, ...(page.nextCursor ? { nextCursor: page.nextCursor } : {}) };
    }),
    ({ query }) => [catalogKeys.category(query.category), catalogKeys.warehouses()],
  ),

  'GET /catalog/products/{sku}': prefetching(
    forAnyone(({ caller, params, query }) => catalog.showProduct(caller, params.sku, pricingOf(query), query.lang)),
    ({ params }) => [catalogKeys.product(params.sku), catalogKeys.warehouses()],
  ),

  'GET /catalog/search': forAnyone(({ caller, query }) => catalog.searchProducts(caller, query, pricingOf(query))),

  'GET /catalog/suggestions': forAnyone(({ caller, query }) => catalog.suggest(caller, query.q, query.lang)),

  'GET /catalog/warehouses': forRoles(roles, () => catalog.listWarehouses()),
});
