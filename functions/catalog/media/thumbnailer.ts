import { DeleteObjectCommand, GetObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import type { SQSBatchResponse, SQSEvent } from 'aws-lambda';
import * as z from 'zod';
import { mediaKeys } from './rules.js';
import { s3 } from '../../shared/clients/s3.js';
import { config } from '../../shared/config.js';
import { logger } from '../../shared/logger.js';
import * as repository from './repository.js';
import { MEDIA_CACHE_CONTROL, thumbnailRequestPayload } from './events.js';
import { renderThumbnail } from './thumbnails.js';

const message = z.object({ data: thumbnailRequestPayload });

const parseBody = (body: string): unknown => {
  try {
    return JSON.parse(body);
  } catch {
    return undefined;
  }
};

/** Renders and stores one thumbnail; an image removed meanwhile is skipped (and a thumbnail written too late removed). */
export async function generateThumbnail(sku: string, mediaId: string): Promise<'done' | 'gone'> {
  const media = (await repository.readMedia(sku)) ?? [];
  const index = media.findIndex((medium) => medium.id === mediaId);
  const medium = media[index];
  if (medium?.kind !== 'image') return 'gone';
  if (medium.thumbnailKey) return 'done';
  const bucket = config.bucketName('media');
  const original = await s3().send(new GetObjectCommand({ Bucket: bucket, Key: medium.key }));
  const thumbnail = await renderThumbnail(await original.Body!.transformToByteArray());
  const thumbnailKey = mediaKeys.thumbnail(sku, mediaId);
  await s3().send(new PutObjectCommand({ Bucket: bucket, Key: thumbnailKey, Body: thumbnail, ContentType: 'image/jpeg', CacheControl: MEDIA_CACHE_CONTROL }));
  if (await repository.setThumbnail(sku, index, mediaId, thumbnailKey)) return 'done';
  // The list moved (another medium removed) or the image went: look again once.
  const again = (await repository.readMedia(sku)) ?? [];
  const now = again.findIndex((entry) => entry.id === mediaId);
  if (now >= 0 && (await repository.setThumbnail(sku, now, mediaId, thumbnailKey))) return 'done';
  if (now >= 0) throw new Error(`The media of ${sku} keep changing; the thumbnail of ${mediaId} is retried`);
  await s3().send(new DeleteObjectCommand({ Bucket: bucket, Key: thumbnailKey }));
  return 'gone';
}

/** SQS consumer of `mediaThumbnails`: one message per confirmed image; failures are retried, then go to the DLQ. */
export async function handler(event: SQSEvent): Promise<SQSBatchResponse> {
  const batchItemFailures: SQSBatchResponse['batchItemFailures'] = [];
  for (const record of event.Records) {
    const parsed = message.safeParse(parseBody(record.body));
    if (!parsed.success) {
      logger.error('Dropping a malformed thumbnail request', { messageId: record.messageId });
      continue;
    }
    try {
      await generateThumbnail(parsed.data.data.sku, parsed.data.data.mediaId);
    } catch (error) {
      logger.error('Thumbnail generation failed', { ...parsed.data.data, error: error as Error });
      batchItemFailures.push({ itemIdentifier: record.messageId });
    }
  }
  return { batchItemFailures };
}
