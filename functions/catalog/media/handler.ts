import { createHttpHandler, forRoles, reply } from '../../shared/http.js';
import { productMediaContract } from './contract.js';
import * as service from './service.js';

/** Like the catalog import: only back office (and the PIM connector's catalog:write scope) manages product media. */
const catalogEditors = ['back-office'] as const;

export const handler = createHttpHandler('productMedia', productMediaContract, {
  'GET /console/products/{sku}/media': forRoles(catalogEditors, ({ params }) => service.listMedia(params.sku)),

  'POST /console/products/{sku}/media': forRoles(catalogEditors, async ({ params, body }) => reply(201, await service.requestUpload(params.sku, body))),

  'POST /console/products/{sku}/media/{mediaId}/confirm': forRoles(catalogEditors, ({ caller, params }) =>
    service.confirmUpload(caller, params.sku, params.mediaId),
  ),

  'DELETE /console/products/{sku}/media/{mediaId}': forRoles(catalogEditors, async ({ caller, params }) => {
    await service.removeMedium(caller, params.sku, params.mediaId);
    return reply(204, undefined);
  }),
});
