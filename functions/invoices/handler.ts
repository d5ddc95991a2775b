import { z } from 'zod';
import { calendarDate } from '../shared/dates.js';
import { roles } from '../../lib/definitions/index.js';
import { createHttpHandler, forRoles, reply } from '../shared/http.js';
import { documentLink, getInvoice, listDocuments } from './documents.js';
import { resendInvoiceFromConsole } from './ksef-resend.js';
import { importBankStatement, listUnmatched, matchEntry, recordPayment } from './payments.js';

const companyId = z.string().regex(/^[A-Za-z0-9-]{1,64}$/);
const documentNumber = z.string().regex(/^[A-Z]{2,5}-\d{4}-\d{6,16}(-\d{1,4})?$/);
const invoiceNumber = z.string().regex(/^[A-Z]{2,5}-\d{4}-\d{6,16}$/);
/** A payment is dated today or earlier (one day of slack for time zones), never before 2000. */
const paymentDate = calendarDate({ maxDaysAhead: 1 });
/** camt.053 files of a day's statement are a few hundred kB; API Gateway's payload limit is 10 MB. */
const MAX_STATEMENT_CHARS = 5_000_000;
/** `data`: the file's bytes in base64 (ZIP deliveries, MT940 in ISO-8859-1), at most ~5 MB decoded. */
const MAX_STATEMENT_BASE64 = 6_700_000;
const statementUpload = z.union([
  z.object({ fileName: z.string().max(200).optional(), xml: z.string().min(1).max(MAX_STATEMENT_CHARS) }).strict(),
  z.object({ fileName: z.string().max(200).optional(), data: z.string().min(4).max(MAX_STATEMENT_BASE64).regex(/^[A-Za-z0-9+/]+={0,2}$/) }).strict(),
]);

export const handler = createHttpHandler('invoices', {
  'GET /companies/{companyId}/documents': forRoles(roles, {
    params: z.object({ companyId }),
    query: z
      .object({
        kind: z.enum(['invoice', 'credit-note', 'delivery-note']).optional(),
        status: z.enum(['open', 'paid']).optional(),
        cursor: z.string().max(2000).optional(),
      })
      .strict(),
    handle: ({ caller, params, query }) => listDocuments(caller, params.companyId, query),
  }),

  'GET /companies/{companyId}/documents/{kind}/{number}': forRoles(roles, {
    params: z.object({ companyId, kind: z.enum(['invoice', 'credit-note', 'delivery-note']), number: documentNumber }),
    query: z.object({ format: z.enum(['pdf', 'xml']).default('pdf') }).strict(),
    handle: ({ caller, params, query }) => documentLink(caller, params.companyId, params.kind, params.number, query.format),
  }),

  'GET /companies/{companyId}/invoices/{invoiceNumber}': forRoles(roles, {
    params: z.object({ companyId, invoiceNumber }),
    handle: ({ caller, params }) => getInvoice(caller, params.companyId, params.invoiceNumber),
  }),

  'POST /console/invoices/{companyId}/{invoiceNumber}/payments': forRoles(['back-office'], {
    params: z.object({ companyId, invoiceNumber }),
    body: z
      .object({
        amount: z.number().int().positive().max(Number.MAX_SAFE_INTEGER),
        currency: z.string().regex(/^[A-Z]{3}$/),
        paidAt: paymentDate,
        reference: z.string().trim().min(1).max(140),
      })
      .strict(),
    handle: async ({ caller, params, body, event }) => {
      const key = event.headers?.['idempotency-key'];
      const idempotencyKey = key && /^[A-Za-z0-9-]{8,64}$/.test(key) ? key : undefined;
      return reply(201, await recordPayment(caller, params.companyId, params.invoiceNumber, body, idempotencyKey));
    },
  }),

  'POST /console/invoices/{invoiceNumber}/ksef': forRoles(['back-office'], {
    params: z.object({ invoiceNumber }),
    handle: ({ params }) => resendInvoiceFromConsole(params.invoiceNumber),
  }),

  'POST /console/bank-statements': forRoles(['back-office'], {
    body: statementUpload,
    handle: async ({ caller, body }) => reply(201, await importBankStatement(caller, 'xml' in body ? { text: body.xml } : { bytes: Buffer.from(body.data, 'base64') })),
  }),

  'GET /console/bank-statements/unmatched': forRoles(['back-office'], {
    query: z.object({ cursor: z.string().max(2000).optional() }).strict(),
    handle: ({ caller, query }) => listUnmatched(caller, query.cursor),
  }),

  'POST /console/bank-statements/entries/{entryId}/match': forRoles(['back-office'], {
    params: z.object({ entryId: z.string().regex(/^[A-Za-z0-9_-]{1,200}$/) }),
    body: z.object({ companyId, invoiceNumber }).strict(),
    handle: ({ caller, params, body }) => matchEntry(caller, params.entryId, body.companyId, body.invoiceNumber),
  }),
});
