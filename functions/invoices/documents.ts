import { GetObjectCommand } from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { BatchGetCommand, GetCommand } from '@aws-sdk/lib-dynamodb';
import { authorizedAccount } from '../accounts/companies.js';
import { getOrder, listOrders } from '../orders/service.js';
import type { Identity } from '../shared/auth.js';
import { dynamo } from '../shared/clients/dynamo.js';
import { s3 } from '../shared/clients/s3.js';
import { config } from '../shared/config.js';
import { AppError, badRequest, notFound } from '../shared/errors.js';
import { money, type Money } from '../shared/money.js';
import { queryPage } from '../shared/query.js';
import type { DocumentQuery } from './contract.js';
import { findCreditNote } from './credit-notes.js';
import type { KsefRecord } from './ksef-documents.js';
import { isOverdue } from './rules.js';
import { creditorReferenceOf } from './numbering.js';
import { openInvoiceEntry, openInvoicePrefix, type OpenInvoiceEntry } from './open-invoices.js';
import { invoiceKeys } from './service.js';
import { invoiceRecord, readInvoiceItem, type InvoiceRecord } from './settlement.js';

/**
 * The buyer company's document portal: invoices (open / paid amounts, due date, overdue), credit
 * notes and delivery notes, plus short-lived download links. Access follows the company rules of
 * functions/accounts (`view`): the company's users, its assigned rep and back-office; anyone else
 * gets 403 for the company and 404 for a document number that is not the company's.
 */

export type DocumentKind = 'invoice' | 'credit-note' | 'delivery-note';
export type DocumentFormat = 'pdf' | 'xml';

const PAGE = 50;
const LINK_SECONDS = 300;
const table = () => config.tableName();

export interface InvoiceSummary {
  readonly kind: 'invoice';
  readonly number: string;
  readonly orderId?: string;
  readonly orderNumber?: string;
  readonly issuedAt: string;
  readonly dueDate?: string;
  readonly status: 'open' | 'paid';
  readonly overdue: boolean;
  readonly total: Money;
  readonly open: Money;
  readonly paid: Money;
  readonly credited: Money;
  readonly refundDue: Money;
  readonly formats: readonly DocumentFormat[];
  readonly settlements: InvoiceRecord['settlements'];
  /** ISO 11649 RF creditor reference (as on the PDF, in its EPC QR code and as BT-83). */
  readonly creditorReference?: string;
  /** Seller in Poland: the KSeF outcome (no references, codes or reasons: those are back office's). */
  readonly ksef?: KsefSummary;
}

export interface KsefSummary {
  readonly status: KsefRecord['status'];
  readonly ksefNumber?: string;
  readonly verificationUrl?: string;
}

/** What a document's reader sees of its stored `ksef` record. */
export const presentKsef = (record: KsefRecord | undefined): { ksef?: KsefSummary } =>
  record
    ? {
        ksef: {
          status: record.status,
          ...(record.ksefNumber ? { ksefNumber: record.ksefNumber } : {}),
          ...(record.verificationUrl ? { verificationUrl: record.verificationUrl } : {}),
        },
      }
    : {};

export function presentInvoice(record: InvoiceRecord, today: string): InvoiceSummary {
  const { balance } = record;
  const of = (amount: number) => money(amount, balance.currency);
  return {
    kind: 'invoice',
    number: record.invoiceNumber,
    ...(record.orderId ? { orderId: record.orderId } : {}),
    ...(record.orderNumber ? { orderNumber: record.orderNumber } : {}),
    issuedAt: record.issuedAt,
    ...(record.dueDate ? { dueDate: record.dueDate } : {}),
    status: record.status,
    overdue: isOverdue({ ...(record.dueDate ? { dueDate: record.dueDate } : {}), open: balance.open }, today),
    total: of(balance.total),
    open: of(balance.open),
    paid: of(balance.paid),
    credited: of(balance.credited),
    refundDue: of(balance.refundDue),
    formats: [...(record.pdfKey ? (['pdf'] as const) : []), ...(record.xmlKey ? (['xml'] as const) : [])],
    settlements: record.settlements,
    ...(creditorReferenceOf(record.invoiceNumber) ? { creditorReference: creditorReferenceOf(record.invoiceNumber) as string } : {}),
    ...presentKsef(record.ksef),
  };
}

async function queryPrefix(companyId: string, prefix: string, options: { limit?: number; cursor?: string; status?: 'open' | 'paid' }) {
  const partition = { attribute: 'PK', value: `COMPANY#${companyId}` };
  const { items, nextCursor } = await queryPage(
    {
      TableName: table(),
      KeyConditionExpression: 'PK = :pk AND begins_with(SK, :prefix)',
      ...(options.status ? { FilterExpression: '#status = :status', ExpressionAttributeNames: { '#status': 'status' } } : {}),
      ExpressionAttributeValues: { ':pk': partition.value, ':prefix': prefix, ...(options.status ? { ':status': options.status } : {}) },
      ScanIndexForward: false,
      ...(options.limit ? { Limit: options.limit } : {}),
    },
    partition,
    options.cursor,
  );
  return { items, nextCursor };
}

/** The open-invoice index of a company (all pages): one item per open invoice, never the paid history. */
export async function openInvoiceEntries(companyId: string): Promise<OpenInvoiceEntry[]> {
  const entries: OpenInvoiceEntry[] = [];
  let cursor: string | undefined;
  do {
    const page = await queryPrefix(companyId, openInvoicePrefix, cursor ? { cursor } : {});
    entries.push(...page.items.map(openInvoiceEntry));
    cursor = page.nextCursor;
  } while (cursor);
  return entries;
}

/** Every open invoice of a company (the bank-statement matching): the index, then those invoices by key. */
export async function openInvoices(companyId: string): Promise<InvoiceRecord[]> {
  const numbers = (await openInvoiceEntries(companyId)).map((entry) => entry.invoiceNumber);
  const records: InvoiceRecord[] = [];
  for (let start = 0; start < numbers.length; start += 100) {
    let keys: Record<string, unknown>[] = numbers.slice(start, start + 100).map((number) => invoiceKeys.invoice(companyId, number));
    while (keys.length) {
      const { Responses, UnprocessedKeys } = await dynamo().send(new BatchGetCommand({ RequestItems: { [table()]: { Keys: keys } } }));
      records.push(...(Responses?.[table()] ?? []).filter((item) => item.status === 'open').map(invoiceRecord));
      keys = (UnprocessedKeys?.[table()]?.Keys as Record<string, unknown>[] | undefined) ?? [];
    }
  }
  return records.sort((a, b) => b.invoiceNumber.localeCompare(a.invoiceNumber));
}

const today = () => new Date().toISOString().slice(0, 10);

/** Open and overdue totals per currency from the open-invoice index alone (reads ∝ open invoices). */
async function summary(companyId: string) {
  const open = await openInvoiceEntries(companyId);
  const byCurrency = new Map<string, { open: number; overdue: number; openCount: number; overdueCount: number }>();
  for (const entry of open) {
    if (entry.open.amount <= 0) continue;
    const sums = byCurrency.get(entry.open.currency) ?? { open: 0, overdue: 0, openCount: 0, overdueCount: 0 };
    sums.open += entry.open.amount;
    sums.openCount += 1;
    if (isOverdue({ ...(entry.dueDate ? { dueDate: entry.dueDate } : {}), open: entry.open.amount }, today())) {
      sums.overdue += entry.open.amount;
      sums.overdueCount += 1;
    }
    byCurrency.set(entry.open.currency, sums);
  }
  return [...byCurrency.entries()].map(([currency, sums]) => ({
    currency,
    totalOpen: money(sums.open, currency),
    totalOverdue: money(sums.overdue, currency),
    openInvoices: sums.openCount,
    overdueInvoices: sums.overdueCount,
  }));
}

function presentCreditNote(item: Record<string, unknown>) {
  return {
    kind: 'credit-note' as const,
    number: String(item.creditNoteNumber),
    invoiceNumber: String(item.invoiceNumber),
    ...(item.orderNumber ? { orderNumber: String(item.orderNumber) } : {}),
    issuedAt: String(item.issuedAt),
    reason: String(item.reason),
    gross: item.gross as Money,
    appliedToInvoice: item.appliedToInvoice as Money,
    refundDue: item.refundDue as Money,
    formats: ['pdf', 'xml'] as DocumentFormat[],
    ...presentKsef(item.ksef as KsefRecord | undefined),
  };
}

async function deliveryNotes(caller: Identity, companyId: string, cursor?: string) {
  const page = await listOrders(caller, companyId, PAGE, cursor);
  const notes = page.orders.flatMap((order) =>
    (order.shipments ?? [])
      .filter((shipment) => shipment.deliveryNoteKey)
      .map((shipment) => ({
        kind: 'delivery-note' as const,
        number: shipment.shipmentNumber,
        orderId: order.orderId,
        orderNumber: order.orderNumber,
        shipmentId: shipment.shipmentId,
        status: shipment.status,
        carrier: shipment.carrier,
        ...(shipment.trackingNumber ? { trackingNumber: shipment.trackingNumber } : {}),
        issuedAt: shipment.shippedAt ?? shipment.createdAt,
        formats: ['pdf'] as DocumentFormat[],
      })),
  );
  return { documents: notes, nextCursor: page.nextCursor };
}

/**
 * One kind → a page of that kind (`nextCursor` continues it). No kind → the newest page of every
 * kind; paging then needs a kind. `status` filters invoices only.
 */
export async function listDocuments(caller: Identity, companyId: string, query: DocumentQuery) {
  await authorizedAccount(caller, companyId, 'view');
  if (query.cursor && !query.kind) throw badRequest('KIND_REQUIRED', 'Paging needs a document kind');
  if (query.status && query.kind && query.kind !== 'invoice') throw badRequest('STATUS_FOR_INVOICES_ONLY', 'The status filter applies to invoices');
  const wanted = (kind: DocumentKind) => !query.kind || query.kind === kind;
  const [invoicePage, creditPage, deliveryPage, totals] = await Promise.all([
    wanted('invoice')
      ? queryPrefix(companyId, 'INVOICE#', {
          limit: PAGE,
          ...(query.cursor ? { cursor: query.cursor } : {}),
          ...(query.status ? { status: query.status } : {}),
        })
      : undefined,
    wanted('credit-note') && !query.status
      ? queryPrefix(companyId, 'CREDITNOTE#', { limit: PAGE, ...(query.cursor ? { cursor: query.cursor } : {}) })
      : undefined,
    wanted('delivery-note') && !query.status ? deliveryNotes(caller, companyId, query.cursor) : undefined,
    summary(companyId),
  ]);
  const now = today();
  return {
    summary: totals,
    invoices: invoicePage?.items.map((item) => presentInvoice(invoiceRecord(item), now)) ?? [],
    creditNotes: creditPage?.items.map(presentCreditNote) ?? [],
    deliveryNotes: deliveryPage?.documents ?? [],
    ...(query.kind
      ? {
          nextCursor:
            (query.kind === 'invoice' ? invoicePage?.nextCursor : query.kind === 'credit-note' ? creditPage?.nextCursor : deliveryPage?.nextCursor) ?? null,
        }
      : {}),
  };
}

/** One invoice with its payment history. */
export async function getInvoice(caller: Identity, companyId: string, invoiceNumber: string) {
  await authorizedAccount(caller, companyId, 'view');
  const item = await readInvoiceItem(companyId, invoiceNumber);
  if (!item) throw notFound('Invoice');
  return presentInvoice(invoiceRecord(item), today());
}

/**
 * The company's delivery note by shipment number (`<orderNumber>-<n>`), by key: the order-number
 * lookup the order context writes with every order (access pattern R6), then that one order. Two
 * reads, whatever the number of orders; another company's number is simply not found.
 */
async function findDeliveryNoteKey(caller: Identity, companyId: string, shipmentNumber: string): Promise<string | undefined> {
  const orderNumber = shipmentNumber.replace(/-\d+$/, '');
  if (orderNumber === shipmentNumber) return undefined;
  const { Item } = await dynamo().send(new GetCommand({ TableName: table(), Key: { PK: `ORDER-NUMBER#${orderNumber}`, SK: 'ORDER-NUMBER' } }));
  if (!Item || Item.companyId !== companyId) return undefined;
  const order = await getOrder(caller, companyId, String(Item.orderId)).catch((error: unknown) => {
    if (error instanceof AppError && error.statusCode === 404) return undefined;
    throw error;
  });
  return order?.shipments?.find((candidate) => candidate.shipmentNumber === shipmentNumber)?.deliveryNoteKey;
}

/** A 5-minute presigned link, only after the company check and only for the company's own document. */
export async function documentLink(caller: Identity, companyId: string, kind: DocumentKind, number: string, format: DocumentFormat) {
  await authorizedAccount(caller, companyId, 'view');
  let key: string | undefined;
  if (kind === 'invoice') {
    const item = await readInvoiceItem(companyId, number);
    key = format === 'pdf' ? (item?.pdfKey as string | undefined) : (item?.xmlKey as string | undefined);
  } else if (kind === 'credit-note') {
    const note = await findCreditNote(companyId, number);
    key = format === 'pdf' ? note?.pdfKey : note?.xmlKey;
  } else {
    if (format !== 'pdf') throw badRequest('FORMAT_NOT_AVAILABLE', 'Delivery notes are PDF only');
    key = await findDeliveryNoteKey(caller, companyId, number);
  }
  if (!key) throw notFound('Document');
  const url = await getSignedUrl(
    s3(),
    new GetObjectCommand({
      Bucket: config.bucketName('documents'),
      Key: key,
      ResponseContentDisposition: `${format === 'pdf' ? 'inline' : 'attachment'}; filename="${number}.${format}"`,
      ResponseContentType: format === 'pdf' ? 'application/pdf' : 'application/xml',
    }),
    { expiresIn: LINK_SECONDS },
  );
  return { kind, number, format, url, expiresInSeconds: LINK_SECONDS };
}
