import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { GetObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { dynamo, s3 } from '../shared/clients.js';
import { config } from '../shared/config.js';
import { creditNoteKeys } from './credit-notes.js';
import type { KsefClient } from './ksef-client.js';
import { KSEF_ISSUE_BUDGET, ksefConnection, sendToKsef, type KsefConnection, type KsefRecord } from './ksef-documents.js';
import { invoiceKeys } from './service.js';

/**
 * Sends a document issued offline (KSeF was down or not configured at issue) to KSeF again, as the
 * offline mode requires: the stored FA(3) bytes unchanged (the printed KOD I stays valid) with
 * `offlineMode: true`; the outcome replaces the `ksef` record only while it is still `offline`
 * (conditional update: two runs never both record). Not yet triggered by a schedule or the console
 * (docs/ksef.md); returns the record as it stands.
 */
export async function resendOfflineToKsef(key: { PK: string; SK: string }, connection?: KsefConnection, client?: KsefClient, now: Date = new Date()): Promise<KsefRecord | undefined> {
  const read = async () => (await dynamo().send(new GetCommand({ TableName: config.tableName(), Key: key, ConsistentRead: true }))).Item?.ksef as KsefRecord | undefined;
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
    { xml, nip, keyBase: ksef.fa3Key.replace(/\.fa3\.xml$/, ''), base: { verificationUrl: ksef.verificationUrl, fa3Key: ksef.fa3Key, submittedAt: now.toISOString() } },
    resolved,
    client,
    { ...KSEF_ISSUE_BUDGET, offlineMode: true },
  );
  if (sent.record.status === 'offline') return ksef;
  await Promise.all(sent.artefacts.map((artefact) => s3().send(new PutObjectCommand({ Bucket: bucket, Key: artefact.key, Body: artefact.body, ContentType: 'application/xml' }))));
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
