import { z } from 'zod';
import { companyRoles } from '../../lib/definitions/index.js';
import { quantitySchema, skuSchema } from '../checkout/schemas.js';
import { createHttpHandler, forRoles, reply } from '../shared/http.js';
import * as lists from './service.js';

const id = z.string().regex(/^[A-Za-z0-9-]{1,64}$/);
const companyPath = z.object({ companyId: id });
const listPath = z.object({ companyId: id, listId: z.uuid() });
const linePath = listPath.extend({ sku: skuSchema });
const name = z.string().trim().min(1).max(80);
const note = z.string().trim().min(1).max(200);
const line = z.object({ sku: skuSchema, quantity: quantitySchema, note: note.optional() }).strict();

export const handler = createHttpHandler('requisitions', {
  'GET /companies/{companyId}/requisition-lists': forRoles(companyRoles, {
    params: companyPath,
    handle: async ({ caller, params }) => ({ lists: await lists.listLists(caller, params.companyId) }),
  }),

  'POST /companies/{companyId}/requisition-lists': forRoles(companyRoles, {
    params: companyPath,
    body: z.object({ name, lines: z.array(line).max(200).optional() }).strict(),
    handle: async ({ caller, params, body }) => reply(201, await lists.createList(caller, params.companyId, body)),
  }),

  'GET /companies/{companyId}/requisition-lists/{listId}': forRoles(companyRoles, {
    params: listPath,
    handle: ({ caller, params }) => lists.showList(caller, params.companyId, params.listId),
  }),

  'PATCH /companies/{companyId}/requisition-lists/{listId}': forRoles(companyRoles, {
    params: listPath,
    body: z.object({ name }).strict(),
    handle: ({ caller, params, body }) => lists.renameList(caller, params.companyId, params.listId, body.name),
  }),

  'DELETE /companies/{companyId}/requisition-lists/{listId}': forRoles(companyRoles, {
    params: listPath,
    handle: ({ caller, params }) => lists.deleteList(caller, params.companyId, params.listId),
  }),

  'POST /companies/{companyId}/requisition-lists/{listId}/lines': forRoles(companyRoles, {
    params: listPath,
    body: z.object({ lines: z.array(line).min(1).max(200) }).strict(),
    handle: ({ caller, params, body }) => lists.addLines(caller, params.companyId, params.listId, body.lines),
  }),

  'PATCH /companies/{companyId}/requisition-lists/{listId}/lines/{sku}': forRoles(companyRoles, {
    params: linePath,
    body: z
      .object({ quantity: quantitySchema.optional(), note: note.nullable().optional() })
      .strict()
      .refine((change) => change.quantity !== undefined || change.note !== undefined, 'Send a quantity or a note'),
    handle: ({ caller, params, body }) => lists.updateLine(caller, params.companyId, params.listId, params.sku, body),
  }),

  'DELETE /companies/{companyId}/requisition-lists/{listId}/lines/{sku}': forRoles(companyRoles, {
    params: linePath,
    handle: ({ caller, params }) => lists.removeLine(caller, params.companyId, params.listId, params.sku),
  }),

  'POST /companies/{companyId}/requisition-lists/{listId}/cart': forRoles(companyRoles, {
    params: listPath,
    handle: ({ caller, params }) => lists.addListToCart(caller, params.companyId, params.listId),
  }),

  'POST /companies/{companyId}/orders/{orderId}/reorder': forRoles(companyRoles, {
    params: z.object({ companyId: id, orderId: z.string().regex(/^[a-z0-9-]{1,40}$/) }),
    handle: ({ caller, params }) => lists.reorder(caller, params.companyId, params.orderId),
  }),
});
