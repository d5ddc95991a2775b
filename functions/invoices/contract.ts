import * as z from 'zod';
import { shipmentStatusSchema } from '../orders/contract.js';
import { defineContract, idSchema, isoDate, isoDateTime, moneySchema } from '../shared/contract.js';
import { calendarDate } from '../shared/dates.js';

// ---- request parts ------------------------------------------------------------------------------

const documentNumber = z
  .string()
  .regex(/^[A-Z]{2,5}-\d{4}-\d{6,16}(-\d{1,4})?$/)
  .describe('invoice, credit-note or shipment (delivery-note) number');
const invoiceNumber = z.string().regex(/^[A-Z]{2,5}-\d{4}-\d{6,16}$/);
const documentKindSchema = z.enum(['invoice', 'credit-note', 'delivery-note']).meta({ id: 'DocumentKind' });
const documentFormatSchema = z.enum(['pdf', 'xml']).meta({ id: 'DocumentFormat' });
/** A payment is dated today or earlier (one day of slack for time zones), never before 2000. */
const paymentDate = calendarDate({ maxDaysAhead: 1 });
/** camt.053 files of a day's statement are a few hundred kB; API Gateway's payload limit is 10 MB. */
const MAX_STATEMENT_CHARS = 5_000_000;
/** `data`: the file's bytes in base64 (ZIP deliveries, MT940 in ISO-8859-1), at most ~5 MB decoded. */
const MAX_STATEMENT_BASE64 = 6_700_000;

export const documentQuerySchema = z
  .object({
    kind: documentKindSchema.optional(),
    status: z.enum(['open', 'paid']).optional().describe('invoices only'),
    cursor: z.string().max(2000).optional().describe('nextCursor of the previous page (needs kind)'),
  })
  .strict();
export const paymentBodySchema = z
  .object({
    amount: z.number().int().positive().max(Number.MAX_SAFE_INTEGER).describe('minor units'),
    currency: z.string().regex(/^[A-Z]{3}$/),
    paidAt: paymentDate,
    reference: z.string().trim().min(1).max(140),
  })
  .strict();
const statementUploadSchema = z.union([
  z
    .object({ fileName: z.string().max(200).optional(), xml: z.string().min(1).max(MAX_STATEMENT_CHARS).describe('camt.053/camt.054 XML or MT940 text') })
    .strict(),
  z
    .object({
      fileName: z.string().max(200).optional(),
      data: z
        .string()
        .min(4)
        .max(MAX_STATEMENT_BASE64)
        .regex(/^[A-Za-z0-9+/]+={0,2}$/)
        .describe('the file in base64 (also ZIP archives)'),
    })
    .strict(),
]);

export type DocumentQuery = z.output<typeof documentQuerySchema>;
export type PaymentRequest = z.output<typeof paymentBodySchema>;

// ---- entities -----------------------------------------------------------------------------------

export const ksefSummarySchema = z
  .object({
    status: z.enum(['accepted', 'offline', 'rejected']),
    ksefNumber: z.string().optional(),
    verificationUrl: z.string().optional().describe('KOD I verification link, printed as QR code'),
  })
  .describe('seller in Poland: the KSeF outcome')
  .meta({ id: 'KsefStatus' });

/** The full KSeF record (console): references, storage keys of FA(3)/UPO and rejection details. */
export const ksefRecordSchema = ksefSummarySchema
  .extend({
    fa3Key: z.string().optional(),
    upoKey: z.string().optional(),
    sessionReferenceNumber: z.string().optional(),
    invoiceReferenceNumber: z.string().optional(),
    code: z.number().int().optional(),
    reason: z.string().optional(),
    details: z.array(z.string()).optional(),
    submittedAt: isoDateTime,
  })
  .meta({ id: 'KsefRecord' });

export const invoiceSettlementSchema = z
  .object({
    kind: z.enum(['payment', 'credit-note']),
    id: z.string().describe('payment id or credit-note number'),
    amount: moneySchema,
    applied: moneySchema.describe('what reduced the open amount (a credit surplus is owed back)'),
    at: isoDateTime,
    reference: z.string().optional(),
    source: z.string().optional().describe('manual, or bank:<statement id>'),
    recordedBy: z.string().optional(),
  })
  .meta({ id: 'InvoiceSettlement' });

export const invoiceSchema = z
  .object({
    kind: z.literal('invoice'),
    number: z.string(),
    orderId: z.string().optional(),
    orderNumber: z.string().optional(),
    issuedAt: isoDateTime,
    dueDate: z.string().optional().describe('as the ERP sent it: YYYY-MM-DD or an ISO 8601 date-time'),
    status: z.enum(['open', 'paid']),
    overdue: z.boolean(),
    total: moneySchema,
    open: moneySchema,
    paid: moneySchema,
    credited: moneySchema,
    refundDue: moneySchema,
    formats: z.array(documentFormatSchema),
    settlements: z.array(invoiceSettlementSchema),
    creditorReference: z.string().optional().describe('ISO 11649 RF creditor reference'),
    ksef: ksefSummarySchema.optional(),
  })
  .meta({ id: 'Invoice' });

export const creditNoteDocumentSchema = z
  .object({
    kind: z.literal('credit-note'),
    number: z.string(),
    invoiceNumber: z.string(),
    orderNumber: z.string().optional(),
    issuedAt: isoDateTime,
    reason: z.string(),
    gross: moneySchema,
    appliedToInvoice: moneySchema,
    refundDue: moneySchema,
    formats: z.array(documentFormatSchema),
    ksef: ksefSummarySchema.optional(),
  })
  .meta({ id: 'CreditNoteDocument' });

export const deliveryNoteDocumentSchema = z
  .object({
    kind: z.literal('delivery-note'),
    number: z.string().describe('shipment number'),
    orderId: z.string(),
    orderNumber: z.string(),
    shipmentId: z.string(),
    status: shipmentStatusSchema,
    carrier: z.string(),
    trackingNumber: z.string().optional(),
    issuedAt: isoDateTime,
    formats: z.array(documentFormatSchema),
  })
  .meta({ id: 'DeliveryNoteDocument' });

const openBalanceSchema = z
  .object({ currency: z.string(), totalOpen: moneySchema, totalOverdue: moneySchema, openInvoices: z.number().int(), overdueInvoices: z.number().int() })
  .meta({ id: 'OpenBalance' });

export const documentListSchema = z
  .object({
    summary: z.array(openBalanceSchema).describe('open and overdue amounts per currency'),
    invoices: z.array(invoiceSchema),
    creditNotes: z.array(creditNoteDocumentSchema),
    deliveryNotes: z.array(deliveryNoteDocumentSchema),
    nextCursor: z.string().nullable().optional().describe('only with kind: the next page, null at the end'),
  })
  .meta({ id: 'DocumentList' });

export const bankEntrySchema = z
  .object({
    entryId: z.string(),
    key: z.string().describe('the transaction key (statement id, entry reference, position)'),
    statementId: z.string(),
    amount: moneySchema,
    bookingDate: isoDate,
    valueDate: isoDate.optional(),
    debtorName: z.string().optional(),
    debtorIban: z.string().optional(),
    endToEndId: z.string().optional(),
    remittance: z.array(z.string()),
    status: z.enum(['unmatched', 'matched']),
    importedAt: isoDateTime,
    reason: z.string().optional().describe('why it was not matched automatically'),
    companyId: z.string().optional(),
    invoiceNumber: z.string().optional(),
    rule: z.enum(['creditor-reference', 'reference', 'unique-amount', 'manual']).optional(),
    matchedAt: isoDateTime.optional(),
    matchedBy: z.string().optional().describe('sub of the back-office user who matched it by hand'),
  })
  .meta({ id: 'BankEntry' });

const statementFormatSchema = z.enum(['camt.053', 'camt.054', 'mt940']);
export const bankStatementImportSchema = z
  .object({
    statementId: z.string().describe("the first statement's id"),
    version: z.string(),
    format: statementFormatSchema,
    statements: z.array(
      z.object({
        statementId: z.string(),
        format: statementFormatSchema,
        version: z.string(),
        accountIban: z.string().optional(),
        member: z.string().optional().describe('ZIP member name'),
        transactions: z.number().int(),
      }),
    ),
    entries: z.array(
      z.object({
        entryId: z.string(),
        key: z.string(),
        amount: moneySchema,
        outcome: z.enum(['matched', 'unmatched', 'duplicate', 'ignored']),
        rule: z.enum(['creditor-reference', 'reference', 'unique-amount']).optional(),
        companyId: z.string().optional(),
        invoiceNumber: z.string().optional(),
        reason: z.string().optional(),
      }),
    ),
  })
  .meta({ id: 'BankStatementImport' });

export type BankEntry = z.output<typeof bankEntrySchema>;

const settlementErrors = ['NOT_FOUND', 'OVERPAYMENT', 'INVOICE_ALREADY_PAID', 'CURRENCY_MISMATCH', 'INVALID_AMOUNT', 'CONCURRENT_CHANGE'];

export const invoicesContract = defineContract({
  'GET /companies/{companyId}/documents': {
    summary: "The company's invoices, credit notes and delivery notes with its open and overdue totals",
    description: 'Without kind: the newest page of every kind. With kind: one kind, paged with nextCursor.',
    params: z.object({ companyId: idSchema }),
    query: documentQuerySchema,
    response: documentListSchema,
    errors: ['NOT_FOUND', 'KIND_REQUIRED', 'STATUS_FOR_INVOICES_ONLY', 'INVALID_CURSOR'],
    scopes: ['invoices:read'],
  },
  'GET /companies/{companyId}/documents/{kind}/{number}': {
    summary: 'A short-lived download link of a document (PDF, or the e-invoice XML)',
    params: z.object({ companyId: idSchema, kind: documentKindSchema, number: documentNumber }),
    query: z.object({ format: documentFormatSchema.default('pdf') }).strict(),
    response: z
      .object({
        kind: documentKindSchema,
        number: z.string(),
        format: documentFormatSchema,
        url: z.string().describe('pre-signed download URL'),
        expiresInSeconds: z.number().int(),
      })
      .meta({ id: 'DocumentLink' }),
    errors: ['NOT_FOUND', 'FORMAT_NOT_AVAILABLE', 'INVALID_CURSOR'],
    scopes: ['invoices:read'],
  },
  'GET /companies/{companyId}/invoices/{invoiceNumber}': {
    summary: 'One invoice with its amounts and payment history',
    params: z.object({ companyId: idSchema, invoiceNumber }),
    response: invoiceSchema,
    errors: ['NOT_FOUND'],
    scopes: ['invoices:read'],
  },
  'POST /console/invoices/{companyId}/{invoiceNumber}/payments': {
    summary: 'Records a (partial) payment of an invoice; an Idempotency-Key header makes a repeat book nothing',
    params: z.object({ companyId: idSchema, invoiceNumber }),
    body: paymentBodySchema,
    status: [201],
    response: z.object({ paymentId: z.string(), invoice: invoiceSchema }).meta({ id: 'RecordedPayment' }),
    errors: [...settlementErrors, 'IDEMPOTENCY_KEY_REUSED'],
  },
  'POST /console/invoices/{invoiceNumber}/ksef': {
    summary: 'Sends an invoice issued offline to KSeF again',
    params: z.object({ invoiceNumber }),
    response: z.object({ invoiceNumber: z.string(), companyId: z.string(), ksef: ksefRecordSchema }),
    errors: ['NOT_FOUND', 'KSEF_NOT_OFFLINE', 'KSEF_UNAVAILABLE'],
  },
  'POST /console/bank-statements': {
    summary: 'Imports a bank statement (camt.053/camt.054, MT940 or a ZIP of those) and books the payments it can match',
    body: statementUploadSchema,
    status: [201],
    response: bankStatementImportSchema,
    errors: ['INVALID_STATEMENT', 'UNSUPPORTED_STATEMENT', 'UNSUPPORTED_ARCHIVE_MEMBER', 'INVALID_ARCHIVE', 'ARCHIVE_TOO_LARGE'],
  },
  'GET /console/bank-statements/unmatched': {
    summary: 'Statement transactions no invoice was found for (work queue)',
    query: z.object({ cursor: z.string().max(2000).optional() }).strict(),
    response: z.object({ entries: z.array(bankEntrySchema), nextCursor: z.string().nullable() }),
    errors: ['INVALID_CURSOR'],
  },
  'POST /console/bank-statements/entries/{entryId}/match': {
    summary: 'Books an unmatched statement transaction as payment of the chosen invoice',
    params: z.object({ entryId: z.string().regex(/^[A-Za-z0-9_-]{1,200}$/) }),
    body: z.object({ companyId: idSchema, invoiceNumber }).strict(),
    response: z.object({ entry: bankEntrySchema, invoice: invoiceSchema }),
    errors: [...settlementErrors, 'ENTRY_ALREADY_MATCHED'],
  },
});
