/** Product images and datasheets (functions/catalog/media): back-office uploads in the console. */
import type { ApiResponse } from '../../functions/contract.js';
import type { ApiClient } from './api.js';

export type ProductMedia = ApiResponse<'GET /console/products/{sku}/media'>;
export type ProductMedium = ProductMedia['media'][number];
export type MediaKind = ProductMedium['kind'];

/** What the server accepts (functions/catalog/media/rules.ts); checked here only to answer early. */
export const acceptedTypes: Record<MediaKind, string> = { image: 'image/jpeg,image/png,image/webp', datasheet: 'application/pdf' };

export const productMediaApi = (api: ApiClient) => ({
  list: (sku: string, signal?: AbortSignal) => api.call('GET /console/products/{sku}/media', { params: { sku } }, { auth: 'required', signal }),

  /** Presigned PUT straight to S3, then the confirmation that checks the file and adds it to the product. */
  async upload(sku: string, file: File, kind: MediaKind, text: string): Promise<ProductMedia> {
    const label = text.trim();
    const upload = await api.call(
      'POST /console/products/{sku}/media',
      {
        params: { sku },
        body: { kind, fileName: file.name, contentType: file.type, size: file.size, ...(label ? (kind === 'image' ? { alt: label } : { title: label }) : {}) },
      },
      { auth: 'required' },
    );
    const put = await fetch(upload.uploadUrl, { method: 'PUT', headers: upload.headers, body: file });
    if (!put.ok) throw new Error(`The upload failed (${put.status})`);
    return api.call('POST /console/products/{sku}/media/{mediaId}/confirm', { params: { sku, mediaId: upload.mediaId } }, { auth: 'required' });
  },

  remove: (sku: string, mediaId: string) => api.call('DELETE /console/products/{sku}/media/{mediaId}', { params: { sku, mediaId } }, { auth: 'required' }),
});

export const formatBytes = (bytes: number): string =>
  bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : `${Math.max(1, Math.round(bytes / 1024))} KB`;
