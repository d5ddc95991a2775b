import { randomUUID } from 'node:crypto';
import { GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { Identity } from '../../shared/auth.js';
import { dynamo } from '../../shared/clients/dynamo.js';
import { config } from '../../shared/config.js';
import { conditionHolds } from '../../shared/conditional-write.js';
import { transactConditional, type TransactItem } from '../../shared/transactions.js';
import { MAX_MEDIA_PER_PRODUCT, mediaFromItem, type MediaContentType, type MediaKind, type ProductMedium } from './rules.js';
import { catalogKeys } from '../repository.js';

/** Item keys of product media (docs/access-patterns.md, "Product media"). The media themselves live on the PRODUCT item. */
export const mediaItemKeys = {
  /** A presigned upload waiting for its confirmation (TTL 24 hours). */
  pendingUpload: (sku: string, mediaId: string) => ({ PK: `PRODUCT#${sku}`, SK: `MEDIA-UPLOAD#${mediaId}` }),
  /** Who added or removed which medium. */
  audit: (sku: string, at: string) => ({ PK: `PRODUCT#${sku}`, SK: `AUDIT#${at}#${randomUUID()}` }),
};

const table = () => config.tableName();

export interface PendingUpload {
  readonly sku: string;
  readonly mediaId: string;
  readonly kind: MediaKind;
  readonly contentType: MediaContentType;
  readonly fileName: string;
  readonly size: number;
  readonly uploadKey: string;
  readonly alt?: string;
  readonly title?: string;
}

/** The product's `media` list and whether the product exists at all. */
export async function readMedia(sku: string): Promise<ProductMedium[] | undefined> {
  const { Item } = await dynamo().send(
    new GetCommand({ TableName: table(), Key: catalogKeys.product(sku), ProjectionExpression: 'sku, media', ConsistentRead: true }),
  );
  return Item ? mediaFromItem(Item.media) : undefined;
}

export async function putPendingUpload(upload: PendingUpload, expiresAt: number): Promise<void> {
  await dynamo().send(
    new PutCommand({
      TableName: table(),
      Item: { ...mediaItemKeys.pendingUpload(upload.sku, upload.mediaId), type: 'product-media-upload', ...upload, expiresAt },
    }),
  );
}

export async function findPendingUpload(sku: string, mediaId: string): Promise<PendingUpload | undefined> {
  const { Item } = await dynamo().send(new GetCommand({ TableName: table(), Key: mediaItemKeys.pendingUpload(sku, mediaId), ConsistentRead: true }));
  if (!Item || Number(Item.expiresAt) * 1000 < Date.now()) return undefined;
  return Item as unknown as PendingUpload;
}

function auditPut(sku: string, actor: Identity, action: 'media.added' | 'media.removed', details: Record<string, unknown>): TransactItem {
  const at = new Date().toISOString();
  return {
    Put: {
      TableName: table(),
      Item: { ...mediaItemKeys.audit(sku, at), type: 'product-audit', at, sku, action, actor: { sub: actor.sub, name: actor.name, role: actor.role }, details },
    },
  };
}

/**
 * Appends the medium to the product, removes its pending upload (`fromUpload`) and writes the audit row in one transaction.
 * 'condition-failed': the product is gone, already holds the maximum, or the upload was confirmed meanwhile.
 */
export async function addMedium(sku: string, medium: ProductMedium, actor: Identity, fromUpload = true): Promise<'ok' | 'condition-failed'> {
  return transactConditional([
    {
      Update: {
        TableName: table(),
        Key: catalogKeys.product(sku),
        UpdateExpression: 'SET media = list_append(if_not_exists(media, :empty), :entry)',
        ConditionExpression: 'attribute_exists(PK) AND (attribute_not_exists(media) OR size(media) < :max)',
        ExpressionAttributeValues: { ':empty': [], ':entry': [medium], ':max': MAX_MEDIA_PER_PRODUCT },
      },
    },
    ...(fromUpload ? [{ Delete: { TableName: table(), Key: mediaItemKeys.pendingUpload(sku, medium.id), ConditionExpression: 'attribute_exists(PK)' } }] : []),
    auditPut(sku, actor, 'media.added', {
      mediaId: medium.id,
      kind: medium.kind,
      contentType: medium.contentType,
      fileName: medium.fileName,
      bytes: medium.bytes,
    }),
  ]);
}

/** Removes the medium at `index` while it still is the one with this id ('condition-failed': the list moved). */
export async function removeMedium(sku: string, index: number, medium: ProductMedium, actor: Identity): Promise<'ok' | 'condition-failed'> {
  return transactConditional([
    {
      Update: {
        TableName: table(),
        Key: catalogKeys.product(sku),
        UpdateExpression: `REMOVE media[${index}]`,
        ConditionExpression: `media[${index}].id = :id`,
        ExpressionAttributeValues: { ':id': medium.id },
      },
    },
    auditPut(sku, actor, 'media.removed', { mediaId: medium.id, kind: medium.kind, fileName: medium.fileName }),
  ]);
}

/** Records the thumbnail on the medium at `index` while it is still there; false when it moved or went. */
export async function setThumbnail(sku: string, index: number, mediaId: string, thumbnailKey: string): Promise<boolean> {
  return conditionHolds(() =>
    dynamo().send(
      new UpdateCommand({
        TableName: table(),
        Key: catalogKeys.product(sku),
        UpdateExpression: `SET media[${index}].thumbnailKey = :key`,
        ConditionExpression: `media[${index}].id = :id`,
        ExpressionAttributeValues: { ':id': mediaId, ':key': thumbnailKey },
      }),
    ),
  );
}
