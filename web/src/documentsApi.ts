/**
 * Document portal, payments and bank statements (functions/invoices, issue 7): types and calls on top
 * of the ApiClient, shared by the shop's documents page and the console's payments tab.
 */
import type { ApiRequestBody, ApiRequestQuery, ApiResponse } from '../../functions/contract.js';
import type { ApiClient } from './api.js';

const required = { auth: 'required' as const };

export type DocumentList = ApiResponse<'GET /companies/{companyId}/documents'>;
export type DocumentKind = NonNullable<ApiRequestQuery<'GET /companies/{companyId}/documents'>['kind']>;
export type DocumentLink = ApiResponse<'GET /companies/{companyId}/documents/{kind}/{number}'>;
export type DocumentFormat = DocumentLink['format'];
export type InvoiceDocument = ApiResponse<'GET /companies/{companyId}/invoices/{invoiceNumber}'>;
export type Settlement = InvoiceDocument['settlements'][number];
export type CreditNoteDocument = DocumentList['creditNotes'][number];
export type DeliveryNoteDocument = DocumentList['deliveryNotes'][number];
export type DocumentSummary = DocumentList['summary'][number];
export type BankEntry = ApiResponse<'GET /console/bank-statements/unmatched'>['entries'][number];
export type ImportResult = ApiResponse<'POST /console/bank-statements'>;
export type PaymentRequest = ApiRequestBody<'POST /console/invoices/{companyId}/{invoiceNumber}/payments'>;

export const documentsApi = (api: ApiClient) => ({
  list: (companyId: string, filter: { kind?: DocumentKind; status?: 'open' | 'paid'; cursor?: string }, signal?: AbortSignal) =>
    api.call(
      'GET /companies/{companyId}/documents',
      { params: { companyId }, query: { kind: filter.kind, status: filter.status, cursor: filter.cursor } },
      { ...required, signal },
    ),
  link: (companyId: string, kind: DocumentKind, number: string, format: DocumentFormat) =>
    api.call('GET /companies/{companyId}/documents/{kind}/{number}', { params: { companyId, kind, number }, query: { format } }, required),
  invoice: (companyId: string, invoiceNumber: string, signal?: AbortSignal) =>
    api.call('GET /companies/{companyId}/invoices/{invoiceNumber}', { params: { companyId, invoiceNumber } }, { ...required, signal }),
  recordPayment: (companyId: string, invoiceNumber: string, payment: PaymentRequest, idempotencyKey: string) =>
    api.call(
      'POST /console/invoices/{companyId}/{invoiceNumber}/payments',
      { params: { companyId, invoiceNumber }, body: payment },
      { ...required, headers: { 'Idempotency-Key': idempotencyKey } },
    ),
  /** The file's bytes in base64: camt.053/054 XML, MT940 or a ZIP of those (the server reads the format from the content). */
  importStatement: (fileName: string, data: string) => api.call('POST /console/bank-statements', { body: { fileName, data } }, required),
  unmatched: (signal?: AbortSignal) => api.call('GET /console/bank-statements/unmatched', {}, { ...required, signal }),
  match: (entryId: string, companyId: string, invoiceNumber: string) =>
    api.call('POST /console/bank-statements/entries/{entryId}/match', { params: { entryId }, body: { companyId, invoiceNumber } }, required),
});
