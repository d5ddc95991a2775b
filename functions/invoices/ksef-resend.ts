import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { GetObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { GetCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { dynamo } from '../shared/clients/dynamo.js';
import { s3 } from '../shared/clients/s3.js';
import { config } from '../shared/config.js';
import { AppError, conflict, notFound } from '../shared/errors.js';
import { creditNoteKeys } from './credit-notes.js';
import type { KsefClient } from './ksef-client.js';
import { KSEF_ISSUE_BUDGET, ksefConnection, sendToKsef, type KsefConnection, type KsefRecord } from './ksef-documents.js';
import { invoiceKeys } from './service.js';

/**
 * Sends a document issued offline (KSeF was down or not configured at issue) to KSeF again, as the
 * offline mode requires: the stored FA(3) bytes unchanged (the printed KOD I stays valid) with
 * `offlineMode: true`; the outcome replaces the `ksef` record only while it is still `offline`
 * (conditional update: two runs never both record). Triggered by back office for invoices
 * (`POST /console/invoices/{invoiceNumber}/ksef`, resendInvoiceFromConsole); no schedule yet
 * (docs/ksef.md); returns the record as it stands.
 */
export async function resendOfflineToKsef(
  key: { PK: string; SK: string },
  connection?: KsefConnection,
  client?: KsefClient,
  now: Date = new Date(),
): Promise<KsefRecord | undefined> {
  const read = async () =>
    (await dynamo().send(new GetCommand({ TableName: config.tableName(), Key: key, ConsistentRead: true }))).Item?.ksef as KsefRecord | undefined;
  const ksef = await read();
  if (!ksef || ksef.status !== 'offline' || !ksef.fa3Key || !ksef.verificationUrl) return ksef;
  const resolved = connection ?? (await ksefConnection());
  if (!resolved) return ksef;
  const bucket = config.bucketName('documents');
  const object = await s3().send(new GetObjectCommand({ Bucket: bucket, Key: ksef.fa3Key }));
  const xml = await object.Body!.transformToString('utf-8');
  const nip = /<Podmiot1>.*?<NIP>(\d{10})<\/NIP>/s.exec(xml)?.[1];
  if (!nip) return ksef;
  const sent = await sendToKsef(
    {
      xml,
      nip,
      keyBase: ksef.fa3Key.replace(/\.fa3\.xml$/, ''),
      base: { verificationUrl: ksef.verificationUrl, fa3Key: ksef.fa3Key, submittedAt: now.toISOString() },
    },
    resolved,
    client,
    { ...KSEF_ISSUE_BUDGET, offlineMode: true },
  );
  if (sent.record.status === 'offline') return ksef;
  await Promise.all(
    sent.artefacts.map((artefact) =>
      s3().send(new PutObjectCommand({ Bucket: bucket, Key: artefact.key, Body: artefact.body, ContentType: 'application/xml' })),
    ),
  );
  try {
    await dynamo().send(
      new UpdateCommand({
        TableName: config.tableName(),
        Key: key,
        UpdateExpression: 'SET ksef = :record',
        ConditionExpression: 'ksef.#status = :offline',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: { ':record': sent.record, ':offline': 'offline' },
      }),
    );
    return sent.record;
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) return read();
    throw error;
  }
}

export const resendOfflineInvoice = (companyId: string, invoiceNumber: string, connection?: KsefConnection, client?: KsefClient) =>
  resendOfflineToKsef(invoiceKeys.invoice(companyId, invoiceNumber), connection, client);

export const resendOfflineCreditNote = (companyId: string, creditNoteNumber: string, connection?: KsefConnection, client?: KsefClient) =>
  resendOfflineToKsef(creditNoteKeys.creditNote(companyId, creditNoteNumber), connection, client);

/**
 * Back office: send an offline invoice to KSeF again. 404 unknown number, 409 KSEF_NOT_OFFLINE when the
 * invoice has no KSeF record or is not offline, 503 KSEF_UNAVAILABLE when KSeF is still unreachable (or
 * not configured): the invoice stays offline, unchanged. Returns the invoice's new `ksef` record.
 */
export async function resendInvoiceFromConsole(
  invoiceNumber: string,
  connection?: KsefConnection,
  client?: KsefClient,
): Promise<{ invoiceNumber: string; companyId: string; ksef: KsefRecord }> {
  const { Items } = await dynamo().send(
    new QueryCommand({
      TableName: config.tableName(),
      IndexName: 'GSI2',
      KeyConditionExpression: 'GSI2PK = :key',
      ExpressionAttributeValues: { ':key': invoiceKeys.byNumber(invoiceNumber, '').GSI2PK },
    }),
  );
  const companyId = Items?.find((item) => item.type === 'invoice')?.companyId as string | undefined;
  if (!companyId) throw notFound('Invoice');
  const before = (
    await dynamo().send(new GetCommand({ TableName: config.tableName(), Key: invoiceKeys.invoice(companyId, invoiceNumber), ConsistentRead: true }))
  ).Item;
  if (!before) throw notFound('Invoice');
  const ksef = before.ksef as KsefRecord | undefined;
  if (ksef?.status !== 'offline')
    throw conflict('KSEF_NOT_OFFLINE', ksef ? `The invoice is ${ksef.status} in KSeF, not offline` : 'The invoice was not issued through KSeF');
  const after = await resendOfflineInvoice(companyId, invoiceNumber, connection, client);
  if (!after) throw notFound('Invoice');
  if (after.status === 'offline') throw new AppError(503, 'KSEF_UNAVAILABLE', 'KSeF could not be reached (or is not configured); the invoice stays offline');
  return { invoiceNumber, companyId, ksef: after };
}
