import { companyRoles } from '../../lib/definitions/index.js';
import { createHttpHandler, forRoles, reply } from '../shared/http.js';
import { requisitionsContract } from './contract.js';
import * as lists from './service.js';

export const handler = createHttpHandler('requisitions', requisitionsContract, {
  'GET /companies/{companyId}/requisition-lists': forRoles(companyRoles, async ({ caller, params }) => ({
    lists: await lists.listLists(caller, params.companyId),
  })),

  'POST /companies/{companyId}/requisition-lists': forRoles(companyRoles, async ({ caller, params, body }) =>
    reply(201, await lists.createList(caller, params.companyId, body)),
  ),

  'GET /companies/{companyId}/requisition-lists/{listId}': forRoles(companyRoles, ({ caller, params }) =>
    lists.showList(caller, params.companyId, params.listId),
  ),

  'PATCH /companies/{companyId}/requisition-lists/{listId}': forRoles(companyRoles, ({ caller, params, body }) =>
    lists.renameList(caller, params.companyId, params.listId, body.name),
  ),

  'DELETE /companies/{companyId}/requisition-lists/{listId}': forRoles(companyRoles, ({ caller, params }) =>
    lists.deleteList(caller, params.companyId, params.listId),
  ),

  'POST /companies/{companyId}/requisition-lists/{listId}/lines': forRoles(companyRoles, ({ caller, params, body }) =>
    lists.addLines(caller, params.companyId, params.listId, body.lines),
  ),

  'PATCH /companies/{companyId}/requisition-lists/{listId}/lines/{sku}': forRoles(companyRoles, ({ caller, params, body }) =>
    lists.updateLine(caller, params.companyId, params.listId, params.sku, body),
  ),

  'DELETE /companies/{companyId}/requisition-lists/{listId}/lines/{sku}': forRoles(companyRoles, ({ caller, params }) =>
    lists.removeLine(caller, params.companyId, params.listId, params.sku),
  ),

  'POST /companies/{companyId}/requisition-lists/{listId}/cart': forRoles(companyRoles, ({ caller, params }) =>
    lists.addListToCart(caller, params.companyId, params.listId),
  ),

  'POST /companies/{companyId}/orders/{orderId}/reorder': forRoles(companyRoles, ({ caller, params }) =>
    lists.reorder(caller, params.companyId, params.orderId),
  ),
});
