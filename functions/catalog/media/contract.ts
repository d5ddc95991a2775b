import * as z from 'zod';
import { defineContract, isoDateTime } from '../../shared/contract.js';
import { productMediumSchema } from '../contract.js';
import { MAX_MEDIA_PER_PRODUCT, mediaKinds } from './rules.js';

const sku = z.string().regex(/^[A-Za-z0-9._-]{1,64}$/, 'SKU may contain letters, digits, ".", "_" and "-"');
const mediaId = z.string().regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);

export const mediaUploadBodySchema = z
  .object({
    kind: z.enum(mediaKinds),
    fileName: z.string().trim().min(1).max(200),
    contentType: z.string().trim().min(1).max(100).describe('image/jpeg, image/png, image/webp (≤ 10 MB) or application/pdf (≤ 20 MB)'),
    size: z.number().int().describe('bytes'),
    alt: z.string().trim().min(1).max(200).optional().describe('alternative text of an image (recommended)'),
    title: z.string().trim().min(1).max(200).optional().describe('title of a datasheet'),
  })
  .strict();
export type MediaUploadBody = z.output<typeof mediaUploadBodySchema>;

const productMediaSchema = z
  .object({
    sku: z.string(),
    media: z.array(productMediumSchema),
    pendingThumbnails: z.number().int().nonnegative().describe('images whose thumbnail is still being generated'),
  })
  .meta({ id: 'ProductMedia' });

export const productMediaContract = defineContract({
  'GET /console/products/{sku}/media': {
    summary: "A product's images and datasheets (back office)",
    params: z.object({ sku }).strict(),
    response: productMediaSchema,
    errors: ['NOT_FOUND'],
    scopes: ['catalog:write'],
  },
  'POST /console/products/{sku}/media': {
    summary: 'A presigned upload for a product image or datasheet; confirm it afterwards',
    params: z.object({ sku }).strict(),
    body: mediaUploadBodySchema,
    status: [201],
    response: z
      .object({
        mediaId: z.string(),
        uploadUrl: z.string().describe('presigned PUT, valid for 15 minutes; content type and length are signed'),
        method: z.literal('PUT'),
        headers: z.object({ 'content-type': z.string() }).describe('headers the upload must send'),
        expiresAt: isoDateTime,
      })
      .meta({ id: 'ProductMediaUpload' }),
    errors: ['NOT_FOUND', 'MEDIA_TYPE_NOT_ALLOWED', 'MEDIA_TOO_LARGE', 'MEDIA_EMPTY', 'TOO_MANY_MEDIA'],
    scopes: ['catalog:write'],
  },
  'POST /console/products/{sku}/media/{mediaId}/confirm': {
    summary: `Checks the uploaded file (present, declared size, file signature of its type) and adds it to the product (at most ${MAX_MEDIA_PER_PRODUCT}); images get a thumbnail shortly after`,
    params: z.object({ sku, mediaId }).strict(),
    response: productMediaSchema,
    errors: ['NOT_FOUND', 'MEDIA_UPLOAD_MISSING', 'MEDIA_INVALID', 'TOO_MANY_MEDIA'],
    scopes: ['catalog:write'],
  },
  'DELETE /console/products/{sku}/media/{mediaId}': {
    summary: 'Removes an image or datasheet from the product (and its files)',
    params: z.object({ sku, mediaId }).strict(),
    status: [204],
    response: z.undefined(),
    errors: ['NOT_FOUND'],
    scopes: ['catalog:write'],
  },
});
