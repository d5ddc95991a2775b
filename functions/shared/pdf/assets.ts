import { readFile } from 'node:fs/promises';

/**
 * The files of ./assets a PDF embeds (PDF/A: every font embedded, an ICC output intent), read when a
 * document is rendered, not bundled into the JavaScript. Relative to this module they are `./assets/`
 * both in the sources (tests, local stack) and in a Lambda asset, where the bundling copies them next to
 * the renderer (lib/constructs/bundling.ts, `pdfRendererCommands`).
 */
export const PDF_ASSET_FILES = ['LiberationSans-Regular.ttf', 'LiberationSans-Bold.ttf', 'LiberationSans-Italic.ttf', 'sRGB.icc'] as const;
export type PdfAssetFile = (typeof PDF_ASSET_FILES)[number];

const loaded = new Map<PdfAssetFile, Promise<Uint8Array>>();

/** The file's bytes, read once per process. */
export function readPdfAsset(file: PdfAssetFile): Promise<Uint8Array> {
  let bytes = loaded.get(file);
  if (!bytes) {
    bytes = readFile(new URL(`./assets/${file}`, import.meta.url));
    // A failed read (file missing from the asset) is not cached, so the error shows on every render.
    bytes.catch(() => loaded.delete(file));
    loaded.set(file, bytes);
  }
  return bytes;
}
