import { THUMBNAIL_WIDTH } from './rules.js';

/**
 * A 320 px wide JPEG of an image (JPEG, PNG or WebP): turned upright by its EXIF orientation, never enlarged,
 * transparency flattened onto white, metadata stripped. sharp (libvips) is not bundled: it is installed as a
 * native module for the Lambda's linux/arm64 (lib/definitions/functions.ts `nodeModules`) and loaded on first
 * use, so the bundle itself also loads where that binary cannot (the CDK tests import every bundle on x64).
 */
export async function renderThumbnail(image: Uint8Array): Promise<Buffer> {
  const { default: sharp } = await import('sharp');
  return sharp(image, { limitInputPixels: 100_000_000 })
    .rotate()
    .resize({ width: THUMBNAIL_WIDTH, withoutEnlargement: true })
    .flatten({ background: '#ffffff' })
    .jpeg({ quality: 80, mozjpeg: true })
    .toBuffer();
}
