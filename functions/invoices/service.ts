import { GetObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { dynamo, s3 } from '../shared/clients.js';
import { config } from '../shared/config.js';
import { notFound } from '../shared/errors.js';
import { publishIntegrationEvent } from '../shared/events.js';
import type { InvoiceOrder } from './model.js';
import { renderInvoicePdf } from './pdf.js';
import { documentParties } from './parties.js';
import { invoiceEInvoice, invoiceEInvoiceInput, invoiceEInvoiceModel, invoicePdfDocument } from './einvoice-documents.js';
import { isPolishSeller, issueToKsef, ksefConnection } from './ksef-documents.js';

/**
 * Invoices come from the ERP (its number, its dates); the portal keeps a record per invoice and the
 * PDF in the documents bucket, handed out only through short-lived presigned URLs.
 */
export const invoiceKeys = {
  invoice: (companyId: string, invoiceNumber: string) => ({ PK: `COMPANY#${companyId}`, SK: `INVOICE#${invoiceNumber}` }),
  /** GSI2: invoice number → invoice (bank statement matching knows the number, not the company). */
  byNumber: (invoiceNumber: string, companyId: string) => ({ GSI2PK: `INVOICE#${invoiceNumber}`, GSI2SK: `COMPANY#${companyId}` }),
  /** GSI1: order number → its invoice(s) (payers often quote the order number). */
  byOrderNumber: (orderNumber: string, invoiceNumber: string) => ({ GSI1PK: `ORDERREF#${orderNumber}`, GSI1SK: `INVOICE#${invoiceNumber}` }),
};

export const invoicePdfKey = (companyId: string, invoiceNumber: string) => `invoices/${companyId}/${invoiceNumber}.pdf`;
export const invoiceXmlKey = (companyId: string, invoiceNumber: string) => `invoices/${companyId}/${invoiceNumber}.xml`;

export interface ErpInvoice {
  readonly erpOrderId: string;
  readonly invoiceNumber: string;
  readonly issuedAt: string;
  readonly dueDate?: string;
}

/** Issues the invoice of an order once (repeated saga steps find the PDF); `order` is the input orders built. */
export async function issueInvoice(order: InvoiceOrder, erp: ErpInvoice): Promise<void> {
  const table = config.tableName();
  const key = invoiceKeys.invoice(order.companyId, erp.invoiceNumber);
  const existing = await dynamo().send(new GetCommand({ TableName: table, Key: key, ConsistentRead: true }));
  if (existing.Item?.pdfKey) return;

  const parties = await documentParties(order.companyId);
  const total = order.gross.amount + order.deliveryFee.amount;
  const document = invoicePdfDocument(order, parties, erp);
  const pdfKey = invoicePdfKey(order.companyId, erp.invoiceNumber);
  const xmlKey = invoiceXmlKey(order.companyId, erp.invoiceNumber);
  const eInvoice = invoiceEInvoiceInput(order, parties, document);
  // Standalone XRechnung 3.0 XML; the PDF is the ZUGFeRD / Factur-X EN 16931 hybrid of the same invoice.
  const xml = invoiceEInvoice(eInvoice);
  // Seller established in Poland: FA(3) to KSeF first, so the PDF carries the KSeF number (or OFFLINE) and KOD I (docs/ksef.md).
  const ksef = isPolishSeller(parties.settings)
    ? await issueToKsef(
        { model: invoiceEInvoiceModel(eInvoice), keyBase: `invoices/${order.companyId}/${erp.invoiceNumber}`, generatedAt: erp.issuedAt },
        await ksefConnection(),
      )
    : undefined;
  const pdf = await renderInvoicePdf(ksef?.marking ? { ...document, ksef: ksef.marking } : document, { xml: invoiceEInvoice(eInvoice, 'en16931') });
  await Promise.all([
    s3().send(new PutObjectCommand({ Bucket: config.bucketName('documents'), Key: pdfKey, Body: pdf, ContentType: 'application/pdf' })),
    s3().send(new PutObjectCommand({ Bucket: config.bucketName('documents'), Key: xmlKey, Body: xml, ContentType: 'application/xml' })),
    ...(ksef?.artefacts ?? []).map((artefact) =>
      s3().send(new PutObjectCommand({ Bucket: config.bucketName('documents'), Key: artefact.key, Body: artefact.body, ContentType: 'application/xml' })),
    ),
  ]);
  try {
    await dynamo().send(
      new PutCommand({
        TableName: table,
        Item: {
          ...key,
          ...invoiceKeys.byNumber(erp.invoiceNumber, order.companyId),
          ...invoiceKeys.byOrderNumber(order.orderNumber, erp.invoiceNumber),
          type: 'invoice',
          invoiceNumber: erp.invoiceNumber,
          orderId: order.orderId,
          orderNumber: order.orderNumber,
          companyId: order.companyId,
          issuedAt: erp.issuedAt,
          ...(erp.dueDate ? { dueDate: erp.dueDate } : {}),
          total: { amount: total, currency: order.gross.currency },
          openAmount: { amount: order.paymentMethod === 'prepaid-balance' ? 0 : total, currency: order.gross.currency },
          status: order.paymentMethod === 'prepaid-balance' ? 'paid' : 'open',
          paidAmount: { amount: order.paymentMethod === 'prepaid-balance' ? total : 0, currency: order.gross.currency },
          pdfKey,
          xmlKey,
          ...(ksef ? { ksef: ksef.record } : {}),
          ...(order.poNumber ? { poNumber: order.poNumber } : {}),
          ...(document.creditorReference ? { creditorReference: document.creditorReference } : {}),
        },
        ConditionExpression: 'attribute_not_exists(pdfKey)',
      }),
    );
    await publishIntegrationEvent('invoice.issued', {
      companyId: order.companyId,
      invoiceNumber: erp.invoiceNumber,
      orderId: order.orderId,
      orderNumber: order.orderNumber,
      issuedAt: erp.issuedAt,
      total: { amount: total, currency: order.gross.currency },
    });
  } catch (error) {
    if (!(error instanceof ConditionalCheckFailedException)) throw error;
  }
}

/** A 5-minute link to the PDF; the caller's right to the order was checked by the orders service. */
export async function invoiceDownloadUrl(companyId: string, invoiceNumber: string): Promise<{ url: string; expiresInSeconds: number }> {
  const { Item } = await dynamo().send(new GetCommand({ TableName: config.tableName(), Key: invoiceKeys.invoice(companyId, invoiceNumber) }));
  if (!Item?.pdfKey) throw notFound('Invoice');
  const expiresInSeconds = 300;
  const url = await getSignedUrl(
    s3(),
    new GetObjectCommand({
      Bucket: config.bucketName('documents'),
      Key: String(Item.pdfKey),
      ResponseContentDisposition: `inline; filename="${invoiceNumber}.pdf"`,
    }),
    { expiresIn: expiresInSeconds },
  );
  return { url, expiresInSeconds };
}
