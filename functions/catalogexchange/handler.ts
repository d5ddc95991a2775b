import { createHttpHandler, forRoles, reply } from '../shared/http.js';
import { catalogExchangeContract } from './contract.js';
import * as buyerNumbers from './buyer-numbers.js';
import * as service from './service.js';

const companyMembers = ['company-admin', 'super-user', 'buyer'] as const;
const companyManagers = ['company-admin', 'super-user'] as const;

export const handler = createHttpHandler('catalogExchange', catalogExchangeContract, {
  'GET /companies/{companyId}/article-numbers': forRoles(companyMembers, ({ caller, params, query }) =>
    buyerNumbers.listBuyerNumbers(caller, params.companyId, query.limit, query.cursor),
  ),

  'PUT /companies/{companyId}/article-numbers/{sku}': forRoles(companyManagers, ({ caller, params, body }) =>
    buyerNumbers.setBuyerNumber(caller, params.companyId, params.sku, body.buyerNumber),
  ),

  'DELETE /companies/{companyId}/article-numbers/{sku}': forRoles(companyManagers, async ({ caller, params }) => {
    await buyerNumbers.removeBuyerNumber(caller, params.companyId, params.sku);
    return reply(204, undefined);
  }),

  'POST /companies/{companyId}/article-numbers/import': forRoles(companyManagers, ({ caller, params, body }) =>
    buyerNumbers.importBuyerNumbers(caller, params.companyId, body.csv),
  ),

  'POST /companies/{companyId}/catalog/bmecat/exports': forRoles(['company-admin', 'super-user'], async ({ caller, params }) =>
    reply(202, await service.startBmecatExport(caller, params.companyId)),
  ),

  'GET /companies/{companyId}/catalog/bmecat/exports/{exportId}': forRoles(['company-admin', 'super-user'], ({ caller, params }) =>
    service.showBmecatExport(caller, params.companyId, params.exportId),
  ),

  'POST /console/catalog-imports/uploads': forRoles(['back-office'], async ({ body }) => reply(201, await service.requestUpload(body))),

  'POST /console/catalog-imports': forRoles(['back-office'], async ({ caller, body }) => {
    const { created, job } = await service.startImport(caller, body);
    return reply(created ? 202 : 200, job);
  }),

  'GET /console/catalog-imports': forRoles(['back-office'], ({ query }) => service.listImports(query.limit)),

  'GET /console/catalog-imports/{importId}': forRoles(['back-office'], ({ params }) => service.showImport(params.importId)),
});
