import { createHttpHandler, forRoles, reply } from '../shared/http.js';
import { catalogExchangeContract } from './contract.js';
import * as service from './service.js';

export const handler = createHttpHandler('catalogExchange', catalogExchangeContract, {
  'GET /companies/{companyId}/catalog/bmecat': forRoles(['company-admin', 'super-user'], ({ caller, params }) =>
    service.exportBmecat(caller, params.companyId),
  ),

  'POST /console/catalog-imports/uploads': forRoles(['back-office'], async ({ body }) => reply(201, await service.requestUpload(body))),

  'POST /console/catalog-imports': forRoles(['back-office'], async ({ caller, body }) => {
    const { created, job } = await service.startImport(caller, body);
    return reply(created ? 202 : 200, job);
  }),

  'GET /console/catalog-imports': forRoles(['back-office'], ({ query }) => service.listImports(query.limit)),

  'GET /console/catalog-imports/{importId}': forRoles(['back-office'], ({ params }) => service.showImport(params.importId)),
});
