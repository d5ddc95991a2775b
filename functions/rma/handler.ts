import { companyRoles, roles } from '../../lib/definitions/index.js';
import { AppError } from '../shared/errors.js';
import { createHttpHandler, forAnyone, forRoles, rawReply, reply, type HttpEvent, type RawReply } from '../shared/http.js';
import { rmaContract } from './contract.js';
import * as rma from './service.js';

/** Guest attempts are limited per client: the source address API Gateway (or the local gateway) saw. */
const sourceIp = (event: HttpEvent) => event.requestContext?.http?.sourceIp;

/** 429 TOO_MANY_ATTEMPTS carries a Retry-After header (the shared JSON reply has no headers). */
async function withRetryAfter<T>(run: () => Promise<T>): Promise<T | RawReply> {
  try {
    return await run();
  } catch (error) {
    const retryAfter =
      error instanceof AppError && error.statusCode === 429 ? (error.details as { retryAfterSeconds?: number } | undefined)?.retryAfterSeconds : undefined;
    if (!(error instanceof AppError) || !retryAfter) throw error;
    return rawReply(
      429,
      { 'content-type': 'application/json', 'retry-after': String(retryAfter) },
      JSON.stringify({ error: { code: error.code, message: error.message, details: error.details } }),
    );
  }
}

export const handler = createHttpHandler('rma', rmaContract, {
  'POST /rma/photo-uploads': forRoles(companyRoles, async ({ caller, body }) => reply(201, await rma.requestPhotoUpload(caller, body))),

  'GET /companies/{companyId}/orders/{orderId}/returnable': forRoles(roles, ({ caller, params }) =>
    rma.returnableForOrder(caller, params.companyId, params.orderId),
  ),

  'GET /companies/{companyId}/rmas': forRoles(roles, ({ caller, params }) => rma.listForCompany(caller, params.companyId)),

  'POST /companies/{companyId}/rmas': forRoles(companyRoles, async ({ caller, params, body }) =>
    reply(201, await rma.fileForCompany(caller, params.companyId, body)),
  ),

  'GET /companies/{companyId}/rmas/{rmaId}': forRoles(roles, ({ caller, params }) => rma.getForCompany(caller, params.companyId, params.rmaId)),

  'GET /companies/{companyId}/rmas/{rmaId}/pdf': forRoles(roles, ({ caller, params }) => rma.pdfLink(caller, params.companyId, params.rmaId)),

  'POST /rma/guest/lookup': forAnyone(({ body, event }) => withRetryAfter(() => rma.guestLookup({ ...body, sourceIp: sourceIp(event) }))),

  'POST /rma/guest/photo-uploads': forAnyone(({ body: { orderNumber, email, ...file }, event }) =>
    withRetryAfter(async () => reply(201, await rma.guestPhotoUpload({ orderNumber, email, sourceIp: sourceIp(event) }, file))),
  ),

  'POST /rma/guest/claims': forAnyone(({ body: { orderNumber, email, ...request }, event }) =>
    withRetryAfter(async () => reply(201, await rma.guestFile({ orderNumber, email, sourceIp: sourceIp(event) }, request))),
  ),

  'GET /console/rmas': forRoles(['back-office'], ({ query }) => rma.listForStaff(query)),

  'GET /console/rma-assignees': forRoles(['back-office'], () => rma.assignees()),

  'GET /console/rmas/{companyId}/{rmaId}': forRoles(['back-office'], ({ params }) => rma.getForStaff(params.companyId, params.rmaId)),

  'POST /console/rmas/{companyId}/{rmaId}/assignment': forRoles(['back-office'], ({ caller, params, body }) =>
    rma.assign(caller, params.companyId, params.rmaId, body.assigneeSub),
  ),

  'POST /console/rmas/{companyId}/{rmaId}/transitions': forRoles(['back-office'], ({ caller, params, body }) =>
    rma.changeStatus(caller, params.companyId, params.rmaId, body.to, body.note),
  ),

  'POST /console/rmas/{companyId}/{rmaId}/notes': forRoles(['back-office'], async ({ caller, params, body }) =>
    reply(201, await rma.addNote(caller, params.companyId, params.rmaId, body.text, body.visibility)),
  ),

  'PUT /console/rmas/{companyId}/{rmaId}/deadline': forRoles(['back-office'], ({ caller, params, body }) =>
    rma.moveDeadline(caller, params.companyId, params.rmaId, body.deadlineAt),
  ),
});
