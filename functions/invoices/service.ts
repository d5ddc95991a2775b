import { GetObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { getShopSettings } from '../accounts/service.js';
import { findAccount } from '../accounts/repository.js';
import { dynamo, s3 } from '../shared/clients.js';
import { config } from '../shared/config.js';
import { notFound } from '../shared/errors.js';
import type { Order } from '../orders/repository.js';
import { renderInvoicePdf, type InvoiceDocument } from './pdf.js';

/**
 * Invoices come from the ERP (its number, its dates); the portal keeps a record per invoice and the
 * PDF in the documents bucket, handed out only through short-lived presigned URLs.
 */
export const invoiceKeys = {
  invoice: (companyId: string, invoiceNumber: string) => ({ PK: `COMPANY#${companyId}`, SK: `INVOICE#${invoiceNumber}` }),
};

export const invoicePdfKey = (companyId: string, invoiceNumber: string) => `invoices/${companyId}/${invoiceNumber}.pdf`;

const addressLines = (address?: { name?: string; street: string; postalCode: string; city: string; country: string }) =>
  address ? [address.street, `${address.postalCode} ${address.city}`, address.country] : [];

export interface ErpInvoice {
  readonly erpOrderId: string;
  readonly invoiceNumber: string;
  readonly issuedAt: string;
  readonly dueDate?: string;
}

export async function issueInvoice(order: Order, erp: ErpInvoice): Promise<void> {
  const table = config.tableName();
  const key = invoiceKeys.invoice(order.companyId, erp.invoiceNumber);
  const existing = await dynamo().send(new GetCommand({ TableName: table, Key: key, ConsistentRead: true }));
  if (existing.Item?.pdfKey) return;

  const [settings, account] = await Promise.all([getShopSettings(), findAccount(order.companyId)]);
  const total = order.gross.amount + order.deliveryFee.amount;
  const document: InvoiceDocument = {
    invoiceNumber: erp.invoiceNumber,
    orderNumber: order.orderNumber,
    issueDate: erp.issuedAt.slice(0, 10),
    ...(erp.dueDate ? { dueDate: erp.dueDate.slice(0, 10) } : {}),
    seller: { name: settings.name, addressLines: settings.sellerAddressLines, vatId: settings.sellerVatId, iban: settings.sellerIban },
    buyer: { name: account?.name ?? order.companyId, addressLines: addressLines(account?.billingAddress), vatId: account?.vatId ?? '' },
    lines: order.lines.map((line) => ({ sku: line.sku, name: line.name, quantity: line.quantity, unit: line.unit, unitNet: line.unitNet, lineNet: line.lineNet, vatRate: line.vatRate })),
    net: order.net,
    vat: order.vat,
    gross: order.gross,
    vatBreakdown: order.vatBreakdown,
    ...(order.reverseCharge.applies && order.reverseCharge.explanation ? { reverseChargeNote: order.reverseCharge.explanation } : {}),
    paymentTerms: paymentTermsText(order, erp),
    ...(order.deliveryFee.amount > 0 ? { deliveryFee: order.deliveryFee } : {}),
    ...(order.poNumber ? { poNumber: order.poNumber } : {}),
    ...(order.costCentre ? { costCentre: order.costCentre } : {}),
  };
  const pdf = await renderInvoicePdf(document);
  const pdfKey = invoicePdfKey(order.companyId, erp.invoiceNumber);
  await s3().send(new PutObjectCommand({ Bucket: config.bucketName('documents'), Key: pdfKey, Body: pdf, ContentType: 'application/pdf' }));
  try {
    await dynamo().send(
      new PutCommand({
        TableName: table,
        Item: {
          ...key,
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
          pdfKey,
        },
        ConditionExpression: 'attribute_not_exists(pdfKey)',
      }),
    );
  } catch (error) {
    if (!(error instanceof ConditionalCheckFailedException)) throw error;
  }
}

function paymentTermsText(order: Order, erp: ErpInvoice): string {
  switch (order.paymentMethod) {
    case 'on-account':
      return `Payable on account${erp.dueDate ? ` by ${erp.dueDate.slice(0, 10)}` : ''} without deduction.`;
    case 'prepaid-balance':
      return 'Paid from your prepaid balance.';
    case 'bank-prepayment':
      return `Please transfer the amount with reference ${order.orderNumber}; we ship once it has arrived.`;
    case 'cash-on-delivery':
      return 'Payable in cash on delivery.';
    default:
      return 'Payable as agreed.';
  }
}

/** A 5-minute link to the PDF; the caller's right to the order was checked by the orders service. */
export async function invoiceDownloadUrl(companyId: string, invoiceNumber: string): Promise<{ url: string; expiresInSeconds: number }> {
  const { Item } = await dynamo().send(new GetCommand({ TableName: config.tableName(), Key: invoiceKeys.invoice(companyId, invoiceNumber) }));
  if (!Item?.pdfKey) throw notFound('Invoice');
  const expiresInSeconds = 300;
  const url = await getSignedUrl(
    s3(),
    new GetObjectCommand({ Bucket: config.bucketName('documents'), Key: String(Item.pdfKey), ResponseContentDisposition: `inline; filename="${invoiceNumber}.pdf"` }),
    { expiresIn: expiresInSeconds },
  );
  return { url, expiresInSeconds };
}
