import { randomUUID } from 'node:crypto';
import { CopyObjectCommand, DeleteObjectCommand, GetObjectCommand, HeadObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import type { Identity } from '../../shared/auth.js';
import { s3 } from '../../shared/clients/s3.js';
import { config } from '../../shared/config.js';
import { AppError, badRequest, conflict, notFound } from '../../shared/errors.js';
import { publish } from '../../shared/events.js';
import { logger } from '../../shared/logger.js';
import {
  MAX_MEDIA_PER_PRODUCT,
  SIGNATURE_BYTES,
  checkMediaUpload,
  mediaKeys,
  mediaTypes,
  presentMedia,
  safeFileName,
  sniffMediaType,
  type MediaContentType,
  type ProductMedium,
} from './rules.js';
import type { MediaUploadBody } from './contract.js';
import { MEDIA_CACHE_CONTROL, MEDIA_THUMBNAIL_EVENT } from './events.js';
import * as repository from './repository.js';

const uploadUrlSeconds = 15 * 60;
const pendingSeconds = 24 * 3600;

async function existingMedia(sku: string): Promise<ProductMedium[]> {
  const media = await repository.readMedia(sku);
  if (!media) throw notFound('Product');
  return media;
}

const answer = (sku: string, media: readonly ProductMedium[]) => ({
  sku,
  media: presentMedia(media),
  pendingThumbnails: media.filter((medium) => medium.kind === 'image' && !medium.thumbnailKey).length,
});

export async function listMedia(sku: string) {
  return answer(sku, await existingMedia(sku));
}

/** A presigned PUT into the uploads bucket (quarantine) whose signature covers content type and length. */
export async function requestUpload(sku: string, request: MediaUploadBody) {
  const contentType = checkMediaUpload(request);
  const media = await existingMedia(sku);
  if (media.length >= MAX_MEDIA_PER_PRODUCT) throw conflict('TOO_MANY_MEDIA', `A product holds at most ${MAX_MEDIA_PER_PRODUCT} images and datasheets`);
  const mediaId = randomUUID();
  const uploadKey = mediaKeys.upload(sku, mediaId);
  const uploadUrl = await getSignedUrl(
    s3(),
    new PutObjectCommand({ Bucket: config.bucketName('uploads'), Key: uploadKey, ContentType: contentType, ContentLength: request.size }),
    { expiresIn: uploadUrlSeconds, signableHeaders: new Set(['content-type', 'content-length']) },
  );
  await repository.putPendingUpload(
    {
      sku,
      mediaId,
      kind: request.kind,
      contentType,
      fileName: safeFileName(request.fileName, request.kind),
      size: request.size,
      uploadKey,
      ...(request.kind === 'image' && request.alt ? { alt: request.alt } : {}),
      ...(request.title ? { title: request.title } : request.kind === 'datasheet' && request.alt ? { title: request.alt } : {}),
    },
    Math.floor(Date.now() / 1000) + pendingSeconds,
  );
  return {
    mediaId,
    uploadUrl,
    method: 'PUT' as const,
    headers: { 'content-type': contentType },
    expiresAt: new Date(Date.now() + uploadUrlSeconds * 1000).toISOString(),
  };
}

const isNotFound = (error: unknown) => (error as { name?: string }).name === 'NotFound' || (error as { name?: string }).name === 'NoSuchKey';

/** Size and first bytes of the upload; undefined when it never arrived. */
async function inspectUpload(key: string): Promise<{ size: number; head: Uint8Array } | undefined> {
  const bucket = config.bucketName('uploads');
  try {
    const head = await s3().send(new HeadObjectCommand({ Bucket: bucket, Key: key }));
    const first = await s3().send(new GetObjectCommand({ Bucket: bucket, Key: key, Range: `bytes=0-${SIGNATURE_BYTES - 1}` }));
    return { size: head.ContentLength ?? 0, head: await first.Body!.transformToByteArray() };
  } catch (error) {
    if (isNotFound(error)) return undefined;
    throw error;
  }
}

const deleteQuietly = (bucket: string, key: string) =>
  s3()
    .send(new DeleteObjectCommand({ Bucket: bucket, Key: key }))
    .then(() => undefined)
    .catch((error: unknown) => logger.warn('Could not delete a media object', { bucket, key, error: error as Error }));

/**
 * Checks the upload (present, the declared size, within the type's limit, the file signature of the declared
 * type), copies it into the media bucket, adds it to the product and asks for its thumbnail. Confirming again
 * answers the product's media as they are.
 */
export async function confirmUpload(caller: Identity, sku: string, mediaId: string) {
  const pending = await repository.findPendingUpload(sku, mediaId);
  if (!pending) {
    const media = await existingMedia(sku);
    if (media.some((medium) => medium.id === mediaId)) return answer(sku, media);
    throw notFound('Media upload');
  }
  const uploads = config.bucketName('uploads');
  const found = await inspectUpload(pending.uploadKey);
  if (!found) throw badRequest('MEDIA_UPLOAD_MISSING', 'The file did not arrive; upload it again with the upload URL');
  const type = mediaTypes[pending.contentType];
  if (found.size !== pending.size || found.size > type.maxBytes || sniffMediaType(found.head) !== pending.contentType) {
    await deleteQuietly(uploads, pending.uploadKey);
    throw badRequest(
      'MEDIA_INVALID',
      `The file is not the announced ${pending.contentType} of ${pending.size} bytes (at most ${type.maxBytes / 1024 / 1024} MB)`,
    );
  }
  const key = mediaKeys.object(sku, mediaId, pending.contentType);
  await s3().send(
    new CopyObjectCommand({
      Bucket: config.bucketName('media'),
      Key: key,
      CopySource: `${uploads}/${pending.uploadKey}`,
      MetadataDirective: 'REPLACE',
      ContentType: pending.contentType,
      CacheControl: MEDIA_CACHE_CONTROL,
      ContentDisposition: `inline; filename="${pending.fileName}"`,
    }),
  );
  const medium: ProductMedium = {
    id: mediaId,
    kind: pending.kind,
    contentType: pending.contentType,
    fileName: pending.fileName,
    ...(pending.alt ? { alt: pending.alt } : {}),
    ...(pending.title ? { title: pending.title } : {}),
    bytes: found.size,
    key,
    addedAt: new Date().toISOString(),
  };
  if ((await repository.addMedium(sku, medium, caller)) === 'condition-failed') {
    const media = await existingMedia(sku);
    if (media.some((entry) => entry.id === mediaId)) return answer(sku, media);
    await deleteQuietly(config.bucketName('media'), key);
    throw conflict('TOO_MANY_MEDIA', `A product holds at most ${MAX_MEDIA_PER_PRODUCT} images and datasheets`);
  }
  await deleteQuietly(uploads, pending.uploadKey);
  if (medium.kind === 'image') await requestThumbnail(sku, mediaId);
  return answer(sku, await existingMedia(sku));
}

export const requestThumbnail = (sku: string, mediaId: string) => publish('mediaThumbnails', MEDIA_THUMBNAIL_EVENT, { sku, mediaId });

/** Removes the medium from the product, then its files (original and thumbnail). */
export async function removeMedium(caller: Identity, sku: string, mediaId: string): Promise<void> {
  for (let attempt = 0; attempt < 5; attempt++) {
    const media = await existingMedia(sku);
    const index = media.findIndex((medium) => medium.id === mediaId);
    if (index < 0) throw notFound('Media');
    const medium = media[index]!;
    if ((await repository.removeMedium(sku, index, medium, caller)) === 'ok') {
      const bucket = config.bucketName('media');
      await Promise.all([deleteQuietly(bucket, medium.key), deleteQuietly(bucket, medium.thumbnailKey ?? mediaKeys.thumbnail(sku, mediaId))]);
      return;
    }
  }
  throw new AppError(409, 'CONCURRENT_CHANGE', "The product's media changed meanwhile; try again");
}

/** Adds a file the portal itself produced (demo seed) the way a confirmed upload is added. */
export async function attachMedium(
  caller: Identity,
  sku: string,
  file: { readonly bytes: Uint8Array; readonly contentType: MediaContentType; readonly fileName: string; readonly alt?: string; readonly title?: string },
): Promise<ProductMedium> {
  const mediaId = randomUUID();
  const kind = mediaTypes[file.contentType].kind;
  checkMediaUpload({ kind, contentType: file.contentType, size: file.bytes.length });
  if (sniffMediaType(file.bytes) !== file.contentType) throw badRequest('MEDIA_INVALID', `${file.fileName} is no ${file.contentType}`);
  const key = mediaKeys.object(sku, mediaId, file.contentType);
  await s3().send(
    new PutObjectCommand({ Bucket: config.bucketName('media'), Key: key, Body: file.bytes, ContentType: file.contentType, CacheControl: MEDIA_CACHE_CONTROL }),
  );
  const medium: ProductMedium = {
    id: mediaId,
    kind,
    contentType: file.contentType,
    fileName: safeFileName(file.fileName, kind),
    ...(file.alt ? { alt: file.alt } : {}),
    ...(file.title ? { title: file.title } : {}),
    bytes: file.bytes.length,
    key,
    addedAt: new Date().toISOString(),
  };
  if ((await repository.addMedium(sku, medium, caller, false)) === 'condition-failed')
    throw conflict('TOO_MANY_MEDIA', `Could not add ${file.fileName} to ${sku}`);
  if (kind === 'image') await requestThumbnail(sku, mediaId);
  return medium;
}
