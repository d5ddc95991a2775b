import { z } from 'zod';
import { instant } from '../shared/dates.js';
import { companyRoles, roles } from '../../lib/definitions/index.js';
import { AppError } from '../shared/errors.js';
import { createHttpHandler, forAnyone, forRoles, rawReply, reply, type HttpEvent } from '../shared/http.js';
import { rmaStatuses, rmaTypes, MAX_PHOTOS, MAX_RMA_LINES } from './rules.js';
import * as rma from './service.js';

const companyId = z.string().regex(/^[A-Za-z0-9-]{1,64}$/);
const rmaId = z.string().regex(/^[a-z0-9-]{1,40}$/);
const orderId = z.string().regex(/^[a-z0-9-]{1,40}$/);
const rmaPath = z.object({ companyId, rmaId });
const quantity = z.string().regex(/^\d{1,9}(\.\d{1,3})?$/, 'A decimal with at most three decimals');
const line = z.object({ sku: z.string().min(1).max(64), quantity }).strict();
const claim = {
  type: z.enum(rmaTypes),
  reason: z.string().trim().min(3).max(2000),
  lines: z.array(line).min(1).max(MAX_RMA_LINES),
  photoUploadIds: z.array(z.uuid()).max(MAX_PHOTOS).optional(),
};
const photo = { fileName: z.string().trim().min(1).max(200), contentType: z.string().max(100), size: z.number().int() };
const guest = { orderNumber: z.string().trim().min(1).max(40), email: z.email().max(254) };

/** Guest attempts are limited per client: the source address API Gateway (or the local gateway) saw. */
const sourceIp = (event: HttpEvent) => event.requestContext?.http?.sourceIp;

/** 429 TOO_MANY_ATTEMPTS carries a Retry-After header (the shared JSON reply has no headers). */
async function withRetryAfter(run: () => Promise<unknown>): Promise<unknown> {
  try {
    return await run();
  } catch (error) {
    const retryAfter = error instanceof AppError && error.statusCode === 429 ? (error.details as { retryAfterSeconds?: number } | undefined)?.retryAfterSeconds : undefined;
    if (!retryAfter) throw error;
    return rawReply(
      429,
      { 'content-type': 'application/json', 'retry-after': String(retryAfter) },
      JSON.stringify({ error: { code: (error as AppError).code, message: (error as AppError).message, details: (error as AppError).details } }),
    );
  }
}

export const handler = createHttpHandler('rma', {
  'POST /rma/photo-uploads': forRoles(companyRoles, {
    body: z.object(photo).strict(),
    handle: async ({ caller, body }) => reply(201, await rma.requestPhotoUpload(caller, body)),
  }),

  'GET /companies/{companyId}/orders/{orderId}/returnable': forRoles(roles, {
    params: z.object({ companyId, orderId }),
    handle: ({ caller, params }) => rma.returnableForOrder(caller, params.companyId, params.orderId),
  }),

  'GET /companies/{companyId}/rmas': forRoles(roles, {
    params: z.object({ companyId }),
    handle: ({ caller, params }) => rma.listForCompany(caller, params.companyId),
  }),

  'POST /companies/{companyId}/rmas': forRoles(companyRoles, {
    params: z.object({ companyId }),
    body: z.object({ orderId, ...claim }).strict(),
    handle: async ({ caller, params, body }) => reply(201, await rma.fileForCompany(caller, params.companyId, body)),
  }),

  'GET /companies/{companyId}/rmas/{rmaId}': forRoles(roles, {
    params: rmaPath,
    handle: ({ caller, params }) => rma.getForCompany(caller, params.companyId, params.rmaId),
  }),

  'GET /companies/{companyId}/rmas/{rmaId}/pdf': forRoles(roles, {
    params: rmaPath,
    handle: ({ caller, params }) => rma.pdfLink(caller, params.companyId, params.rmaId),
  }),

  'POST /rma/guest/lookup': forAnyone({
    body: z.object(guest).strict(),
    handle: ({ body, event }) => withRetryAfter(() => rma.guestLookup({ ...body, sourceIp: sourceIp(event) })),
  }),

  'POST /rma/guest/photo-uploads': forAnyone({
    body: z.object({ ...guest, ...photo }).strict(),
    handle: ({ body: { orderNumber, email, ...file }, event }) => withRetryAfter(async () => reply(201, await rma.guestPhotoUpload({ orderNumber, email, sourceIp: sourceIp(event) }, file))),
  }),

  'POST /rma/guest/claims': forAnyone({
    body: z.object({ ...guest, ...claim }).strict(),
    handle: ({ body: { orderNumber, email, ...request }, event }) => withRetryAfter(async () => reply(201, await rma.guestFile({ orderNumber, email, sourceIp: sourceIp(event) }, request))),
  }),

  'GET /console/rmas': forRoles(['back-office'], {
    query: z
      .object({
        status: z.enum(rmaStatuses).optional(),
        type: z.enum(rmaTypes).optional(),
        assignee: z.string().min(1).max(64).optional(),
        overdue: z.enum(['true', 'false']).optional(),
      })
      .strict(),
    handle: ({ query }) => rma.listForStaff({ ...query, ...(query.overdue ? { overdue: query.overdue === 'true' } : {}) } as rma.StaffFilter),
  }),

  'GET /console/rma-assignees': forRoles(['back-office'], { handle: () => rma.assignees() }),

  'GET /console/rmas/{companyId}/{rmaId}': forRoles(['back-office'], {
    params: rmaPath,
    handle: ({ params }) => rma.getForStaff(params.companyId, params.rmaId),
  }),

  'POST /console/rmas/{companyId}/{rmaId}/assignment': forRoles(['back-office'], {
    params: rmaPath,
    body: z.object({ assigneeSub: z.string().min(1).max(64) }).strict(),
    handle: ({ caller, params, body }) => rma.assign(caller, params.companyId, params.rmaId, body.assigneeSub),
  }),

  'POST /console/rmas/{companyId}/{rmaId}/transitions': forRoles(['back-office'], {
    params: rmaPath,
    body: z.object({ to: z.enum(rmaStatuses), note: z.string().trim().min(1).max(2000).optional() }).strict(),
    handle: ({ caller, params, body }) => rma.changeStatus(caller, params.companyId, params.rmaId, body.to, body.note),
  }),

  'POST /console/rmas/{companyId}/{rmaId}/notes': forRoles(['back-office'], {
    params: rmaPath,
    body: z.object({ text: z.string().trim().min(1).max(2000), visibility: z.enum(['customer', 'internal']) }).strict(),
    handle: async ({ caller, params, body }) => reply(201, await rma.addNote(caller, params.companyId, params.rmaId, body.text, body.visibility)),
  }),

  'PUT /console/rmas/{companyId}/{rmaId}/deadline': forRoles(['back-office'], {
    params: rmaPath,
    body: z.object({ deadlineAt: instant() }).strict(),
    handle: ({ caller, params, body }) => rma.moveDeadline(caller, params.companyId, params.rmaId, body.deadlineAt),
  }),
});
