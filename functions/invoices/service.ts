import { PutObjectCommand } from '@aws-sdk/client-s3';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { dynamo } from '../shared/clients/dynamo.js';
import { s3 } from '../shared/clients/s3.js';
import { config } from '../shared/config.js';
import { publishIntegrationEvent } from '../shared/events.js';
import { money } from '../shared/money.js';
import { transactConditional } from '../shared/transactions.js';
import { putOpenInvoice } from './open-invoices.js';
import type { InvoiceOrder } from './model.js';
import { documentParties } from './parties.js';
import { invoiceEInvoice, invoiceEInvoiceInput, invoiceEInvoiceModel, invoicePdfDocument } from './einvoice-documents.js';
import { isPolishSeller, issueToKsef, ksefConnection } from './ksef-documents.js';
import { invoiceKeys, invoicePdfKey, invoiceXmlKey } from './keys.js';
import { renderInvoicePdf } from './pdf.js';

export { invoiceKeys, invoicePdfKey, invoiceXmlKey } from './keys.js';
export { invoiceDownloadUrl } from './download.js';

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
  const open = order.paymentMethod === 'prepaid-balance' ? 0 : total;
  // The invoice and, while it is open, its entry in the open-invoice index: both or neither.
  const written = await transactConditional([
    {
      Put: {
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
      },
    },
    ...(open > 0
      ? [
          putOpenInvoice(order.companyId, {
            invoiceNumber: erp.invoiceNumber,
            open: money(open, order.gross.currency),
            ...(erp.dueDate ? { dueDate: erp.dueDate } : {}),
          }),
        ]
      : []),
  ]);
  if (written === 'ok') {
    await publishIntegrationEvent('invoice.issued', {
      companyId: order.companyId,
      invoiceNumber: erp.invoiceNumber,
      orderId: order.orderId,
      orderNumber: order.orderNumber,
      issuedAt: erp.issuedAt,
      total: { amount: total, currency: order.gross.currency },
    });
  }
}
