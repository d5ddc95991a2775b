import { GetObjectCommand } from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { dynamo } from '../shared/clients/dynamo.js';
import { s3 } from '../shared/clients/s3.js';
import { config } from '../shared/config.js';
import { notFound } from '../shared/errors.js';
import { invoiceKeys } from './keys.js';

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
