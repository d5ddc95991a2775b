import { badRequest } from '../../shared/errors.js';

/**
 * Product media (issue 15 item 1; docs/product-media.md): images and PDF datasheets of a product, stored in
 * the media bucket and served by CloudFront under `/media/*` of the shop's own origin. Pure rules: accepted
 * types and sizes, file signatures, object keys and URLs, how a product presents its media.
 */

export const mediaKinds = ['image', 'datasheet'] as const;
export type MediaKind = (typeof mediaKinds)[number];

interface MediaType {
  readonly kind: MediaKind;
  readonly extension: string;
  readonly maxBytes: number;
  /** The file's first bytes; `undefined` entries match anything (the RIFF size of a WebP file). */
  readonly signature: readonly (number | undefined)[];
}

const MB = 1024 * 1024;

/** What back office may upload: JPEG, PNG and WebP images up to 10 MB, PDF datasheets up to 20 MB. */
export const mediaTypes = {
  'image/jpeg': { kind: 'image', extension: 'jpg', maxBytes: 10 * MB, signature: [0xff, 0xd8, 0xff] },
  'image/png': { kind: 'image', extension: 'png', maxBytes: 10 * MB, signature: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a] },
  // "RIFF" <4 bytes size> "WEBP"
  'image/webp': {
    kind: 'image',
    extension: 'webp',
    maxBytes: 10 * MB,
    signature: [0x52, 0x49, 0x46, 0x46, undefined, undefined, undefined, undefined, 0x57, 0x45, 0x42, 0x50],
  },
  // "%PDF-"
  'application/pdf': { kind: 'datasheet', extension: 'pdf', maxBytes: 20 * MB, signature: [0x25, 0x50, 0x44, 0x46, 0x2d] },
} as const satisfies Record<string, MediaType>;

export type MediaContentType = keyof typeof mediaTypes;
export const mediaContentTypes = Object.keys(mediaTypes) as MediaContentType[];

/** How many media a product may carry (they live on the product item, read with every product). */
export const MAX_MEDIA_PER_PRODUCT = 20;
/** Width of the generated thumbnails (JPEG; narrower images keep their width). */
export const THUMBNAIL_WIDTH = 320;
/** Bytes read from an upload to check its signature. */
export const SIGNATURE_BYTES = 16;

/** A medium as stored on the product item (`media`, ordered; the first image is the main picture). */
export interface ProductMedium {
  readonly id: string;
  readonly kind: MediaKind;
  readonly contentType: MediaContentType;
  /** The uploaded file's name, for the datasheet link and downloads. */
  readonly fileName: string;
  /** Alternative text of an image. */
  readonly alt?: string;
  /** Title of a datasheet ("Technical datasheet"). */
  readonly title?: string;
  readonly bytes: number;
  /** Object key in the media bucket, which is also its URL path. */
  readonly key: string;
  /** Set by the thumbnailer once the thumbnail exists (images only). */
  readonly thumbnailKey?: string;
  readonly addedAt: string;
}

/** A medium as products answer it: URLs relative to the shop's origin. */
export interface ProductMediumView {
  readonly id: string;
  readonly kind: MediaKind;
  readonly contentType: MediaContentType;
  readonly fileName: string;
  readonly alt?: string;
  readonly title?: string;
  readonly url: string;
  readonly thumbnailUrl?: string;
  readonly bytes: number;
}

export interface MediaUploadRequest {
  readonly kind: MediaKind;
  readonly contentType: string;
  readonly size: number;
}

/** Refuses a type the kind does not take and files above its limit (400 with a code). */
export function checkMediaUpload(request: MediaUploadRequest): MediaContentType {
  const type = (mediaTypes as Record<string, MediaType>)[request.contentType];
  if (!type || type.kind !== request.kind) {
    throw badRequest(
      'MEDIA_TYPE_NOT_ALLOWED',
      request.kind === 'image' ? 'Product images must be JPEG, PNG or WebP files' : 'Datasheets must be PDF files (application/pdf)',
    );
  }
  if (!Number.isInteger(request.size) || request.size < 1) throw badRequest('MEDIA_EMPTY', 'The file is empty');
  if (request.size > type.maxBytes) {
    throw badRequest('MEDIA_TOO_LARGE', `${request.kind === 'image' ? 'Images' : 'Datasheets'} may be at most ${type.maxBytes / MB} MB`);
  }
  return request.contentType as MediaContentType;
}

/** The accepted type whose signature the file's first bytes carry, if any. */
export function sniffMediaType(head: Uint8Array): MediaContentType | undefined {
  return mediaContentTypes.find((contentType) => {
    const signature: readonly (number | undefined)[] = mediaTypes[contentType].signature;
    return head.length >= signature.length && signature.every((byte, index) => byte === undefined || head[index] === byte);
  });
}

/** Keeps letters, digits, dot, dash and underscore of a file name (at most 100 characters). */
export const safeFileName = (fileName: string, fallback: string): string => fileName.replace(/[^\w.-]+/g, '_').slice(-100) || fallback;

/**
 * Object keys. Uploads wait in the uploads bucket (quarantine) until confirmed; only checked files reach the
 * media bucket, under `media/products/<sku>/`, so that the key is the URL path CloudFront serves.
 */
export const mediaKeys = {
  upload: (sku: string, mediaId: string) => `product-media/${sku}/${mediaId}`,
  object: (sku: string, mediaId: string, contentType: MediaContentType) => `media/products/${sku}/${mediaId}.${mediaTypes[contentType].extension}`,
  thumbnail: (sku: string, mediaId: string) => `media/products/${sku}/${mediaId}-thumb.jpg`,
};

/** `media/products/X/1.jpg` → `/media/products/X/1.jpg` (relative to the shop's public origin). */
export const mediaUrl = (key: string): string => `/${key.replace(/^\/+/, '')}`;

/** The product's media as answered to buyers and staff, in their stored order. */
export function presentMedia(media: readonly ProductMedium[] | undefined): ProductMediumView[] {
  return (media ?? []).map((medium) => ({
    id: medium.id,
    kind: medium.kind,
    contentType: medium.contentType,
    fileName: medium.fileName,
    ...(medium.alt ? { alt: medium.alt } : {}),
    ...(medium.title ? { title: medium.title } : {}),
    url: mediaUrl(medium.key),
    ...(medium.thumbnailKey ? { thumbnailUrl: mediaUrl(medium.thumbnailKey) } : {}),
    bytes: medium.bytes,
  }));
}

/** Reads the `media` attribute of a product item, dropping entries that are not media. */
export function mediaFromItem(value: unknown): ProductMedium[] {
  if (!Array.isArray(value)) return [];
  return value.filter(
    (entry): entry is ProductMedium =>
      typeof entry === 'object' &&
      entry !== null &&
      typeof (entry as ProductMedium).id === 'string' &&
      typeof (entry as ProductMedium).key === 'string' &&
      (entry as ProductMedium).contentType in mediaTypes,
  );
}

/** BMEcat 2005 MIME purposes (MIME_PURPOSE). */
export type MimePurpose = 'normal' | 'thumbnail' | 'data_sheet';

export interface MimeEntry {
  /** MIME_TYPE: only types the schema's pattern allows (it has no `/` besides its fixed list: PNG and WebP go without). */
  readonly type?: string;
  readonly source: string;
  readonly description?: string;
  readonly purpose: MimePurpose;
}

/** Types BMEcat 2005's MIME_TYPE pattern accepts among ours. */
const bmecatMimeTypes = new Set<string>(['image/jpeg', 'application/pdf']);

/**
 * The BMEcat MIME entries of a product: each image as `normal` and its thumbnail as `thumbnail`, each datasheet
 * as `data_sheet`; MIME_SOURCE is the URL (absolute when the shop's public origin is known).
 */
export function bmecatMimeEntries(media: readonly ProductMedium[] | undefined, publicOrigin?: string): MimeEntry[] {
  const origin = publicOrigin?.replace(/\/+$/, '') ?? '';
  const source = (key: string) => `${origin}${mediaUrl(key)}`;
  return (media ?? []).flatMap((medium): MimeEntry[] => {
    const description = medium.kind === 'image' ? medium.alt : (medium.title ?? medium.fileName);
    const main: MimeEntry = {
      ...(bmecatMimeTypes.has(medium.contentType) ? { type: medium.contentType } : {}),
      source: source(medium.key),
      ...(description ? { description } : {}),
      purpose: medium.kind === 'image' ? 'normal' : 'data_sheet',
    };
    if (medium.kind !== 'image' || !medium.thumbnailKey) return [main];
    return [main, { type: 'image/jpeg', source: source(medium.thumbnailKey), ...(description ? { description } : {}), purpose: 'thumbnail' }];
  });
}
