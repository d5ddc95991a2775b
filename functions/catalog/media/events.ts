import * as z from 'zod';

/** Sent on `mediaThumbnails` after an image was confirmed; the thumbnailer renders its thumbnail. */
export const MEDIA_THUMBNAIL_EVENT = 'product.media.thumbnail.requested';
export const thumbnailRequestPayload = z.object({ sku: z.string().min(1).max(64), mediaId: z.uuid() });

/** Media objects never change under their key (a new upload gets a new id). */
export const MEDIA_CACHE_CONTROL = 'public, max-age=31536000, immutable';
