/**
 * Document portal, payments and bank statements (functions/invoices, issue 7): types and calls on top
 * of the ApiClient, shared by the shop's documents page and the console's payments tab.
 */
import type { ApiClient } from './api.js';
import type { KsefSummary, Money } from './types.js';

const enc = encodeURIComponent;
const required = { auth: 'required' as const };

export type DocumentKind = 'invoice' | 'credit-note' | 'delivery-note';
export type DocumentFormat = 'pdf' | 'xml';

export interface Settlement {
  kind: 'payment' | 'credit-note';
  id: string;
  amount: Money;
  applied: Money;
  at: string;
  reference?: string;
  source?: string;
  recordedBy?: string;
}

export interface InvoiceDocument {
  kind: 'invoice';
  number: string;
  orderId?: string;
  orderNumber?: string;
  issuedAt: string;
  dueDate?: string;
  status: 'open' | 'paid';
  overdue: boolean;
  total: Money;
  open: Money;
  paid: Money;
  credited: Money;
  refundDue: Money;
  formats: DocumentFormat[];
  settlements: Settlement[];
  ksef?: KsefSummary;
}

export interface CreditNoteDocument {
  kind: 'credit-note';
  number: string;
  invoiceNumber: string;
  orderNumber?: string;
  issuedAt: string;
  reason: string;
  gross: Money;
  appliedToInvoice: Money;
  refundDue: Money;
  formats: DocumentFormat[];
  ksef?: KsefSummary;
}

export interface DeliveryNoteDocument {
  kind: 'delivery-note';
  number: string;
  orderId: string;
  orderNumber: string;
  shipmentId: string;
  status: string;
  carrier: string;
  trackingNumber?: string;
  issuedAt: string;
  formats: DocumentFormat[];
}

export interface DocumentSummary {
  currency: string;
  totalOpen: Money;
  totalOverdue: Money;
  openInvoices: number;
  overdueInvoices: number;
}

export interface DocumentList {
  summary: DocumentSummary[];
  invoices: InvoiceDocument[];
  creditNotes: CreditNoteDocument[];
  deliveryNotes: DeliveryNoteDocument[];
  nextCursor?: string | null;
}

export interface DocumentLink {
  kind: DocumentKind;
  number: string;
  format: DocumentFormat;
  url: string;
  expiresInSeconds: number;
}

export interface BankEntry {
  entryId: string;
  key: string;
  statementId: string;
  amount: Money;
  bookingDate: string;
  valueDate?: string;
  debtorName?: string;
  debtorIban?: string;
  endToEndId?: string;
  remittance: string[];
  status: 'unmatched' | 'matched';
  reason?: string;
  companyId?: string;
  invoiceNumber?: string;
}

export interface ImportResult {
  statementId: string;
  version: string;
  format: 'camt.053' | 'camt.054' | 'mt940';
  statements: { statementId: string; format: string; version: string; accountIban?: string; member?: string; transactions: number }[];
  entries: {
    entryId: string;
    key: string;
    amount: Money;
    outcome: 'matched' | 'unmatched' | 'duplicate' | 'ignored';
    rule?: 'creditor-reference' | 'reference' | 'unique-amount';
    companyId?: string;
    invoiceNumber?: string;
    reason?: string;
  }[];
}

export const documentsApi = (api: ApiClient) => ({
  list: (companyId: string, filter: { kind?: DocumentKind; status?: 'open' | 'paid'; cursor?: string }, signal?: AbortSignal) => {
    const query = new URLSearchParams();
    if (filter.kind) query.set('kind', filter.kind);
    if (filter.status) query.set('status', filter.status);
    if (filter.cursor) query.set('cursor', filter.cursor);
    const search = query.toString();
    return api.request<DocumentList>(`/companies/${enc(companyId)}/documents${search ? `?${search}` : ''}`, { ...required, signal });
  },
  link: (companyId: string, kind: DocumentKind, number: string, format: DocumentFormat) =>
    api.request<DocumentLink>(`/companies/${enc(companyId)}/documents/${enc(kind)}/${enc(number)}?format=${format}`, required),
  invoice: (companyId: string, invoiceNumber: string, signal?: AbortSignal) =>
    api.request<InvoiceDocument>(`/companies/${enc(companyId)}/invoices/${enc(invoiceNumber)}`, { ...required, signal }),
  recordPayment: (companyId: string, invoiceNumber: string, payment: { amount: number; currency: string; paidAt: string; reference: string }, idempotencyKey: string) =>
    api.request<{ paymentId: string; invoice: InvoiceDocument }>(`/console/invoices/${enc(companyId)}/${enc(invoiceNumber)}/payments`, {
      ...required,
      method: 'POST',
      body: payment,
      headers: { 'Idempotency-Key': idempotencyKey },
    }),
  /** The file's bytes in base64: camt.053/054 XML, MT940 or a ZIP of those (the server reads the format from the content). */
  importStatement: (fileName: string, data: string) => api.request<ImportResult>('/console/bank-statements', { ...required, method: 'POST', body: { fileName, data } }),
  unmatched: (signal?: AbortSignal) => api.request<{ entries: BankEntry[]; nextCursor: string | null }>('/console/bank-statements/unmatched', { ...required, signal }),
  match: (entryId: string, companyId: string, invoiceNumber: string) =>
    api.request<{ entry: BankEntry; invoice: InvoiceDocument }>(`/console/bank-statements/entries/${enc(entryId)}/match`, { ...required, method: 'POST', body: { companyId, invoiceNumber } }),
});
