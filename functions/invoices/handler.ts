import { roles } from '../../lib/definitions/index.js';
import { createHttpHandler, forRoles, reply } from '../shared/http.js';
import { invoicesContract } from './contract.js';
import { documentLink, getInvoice, listDocuments } from './documents.js';
import { resendInvoiceFromConsole } from './ksef-resend.js';
import { importBankStatement, listUnmatched, matchEntry, recordPayment } from './payments.js';

const idempotencyKeyPattern = /^[A-Za-z0-9-]{8,64}$/;

export const handler = createHttpHandler('invoices', invoicesContract, {
  'GET /companies/{companyId}/documents': forRoles(roles, ({ caller, params, query }) => listDocuments(caller, params.companyId, query)),

  'GET /companies/{companyId}/documents/{kind}/{number}': forRoles(roles, ({ caller, params, query }) =>
    documentLink(caller, params.companyId, params.kind, params.number, query.format),
  ),

  'GET /companies/{companyId}/invoices/{invoiceNumber}': forRoles(roles, ({ caller, params }) => getInvoice(caller, params.companyId, params.invoiceNumber)),

  'POST /console/invoices/{companyId}/{invoiceNumber}/payments': forRoles(['back-office'], async ({ caller, params, body, event }) => {
    const key = event.headers?.['idempotency-key'];
    const idempotencyKey = key && idempotencyKeyPattern.test(key) ? key : undefined;
    return reply(201, await recordPayment(caller, params.companyId, params.invoiceNumber, body, idempotencyKey));
  }),

  'POST /console/invoices/{invoiceNumber}/ksef': forRoles(['back-office'], ({ params }) => resendInvoiceFromConsole(params.invoiceNumber)),

  'POST /console/bank-statements': forRoles(['back-office'], async ({ caller, body }) =>
    reply(201, await importBankStatement(caller, 'xml' in body ? { text: body.xml } : { bytes: Buffer.from(body.data, 'base64') })),
  ),

  'GET /console/bank-statements/unmatched': forRoles(['back-office'], ({ caller, query }) => listUnmatched(caller, query.cursor)),

  'POST /console/bank-statements/entries/{entryId}/match': forRoles(['back-office'], ({ caller, params, body }) =>
    matchEntry(caller, params.entryId, body.companyId, body.invoiceNumber),
  ),
});
