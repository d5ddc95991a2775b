/** Catalog exchange (functions/catalogexchange): BMEcat download for company admins, CSV imports for back-office. */
import type { ApiResponse } from '../../functions/contract.js';
import type { ApiClient } from './api.js';
import { translate } from './i18n/translate.js';

/** A BMEcat export job; `url` and the figures once it is completed. */
export type BmecatExport = ApiResponse<'GET /companies/{companyId}/catalog/bmecat/exports/{exportId}'>;
/** One import job with its counts, first errors and error report. */
export type CatalogImport = ApiResponse<'GET /console/catalog-imports/{importId}'>;
/** An import job as listed (no errors, no report). */
export type CatalogImportSummary = ApiResponse<'GET /console/catalog-imports'>['imports'][number];
export type ImportKind = CatalogImport['kind'];
export type ImportStatus = CatalogImport['status'];
export type ImportRowError = CatalogImport['errorSample'][number];

export const catalogExchangeApi = (api: ApiClient) => ({
  startBmecatExport: (companyId: string) => api.call('POST /companies/{companyId}/catalog/bmecat/exports', { params: { companyId } }, { auth: 'required' }),

  getBmecatExport: (companyId: string, exportId: string, signal?: AbortSignal) =>
    api.call('GET /companies/{companyId}/catalog/bmecat/exports/{exportId}', { params: { companyId, exportId } }, { auth: 'required', signal }),

  /** Starts the export job and polls it until it is completed or failed. */
  async exportBmecat(companyId: string, options: { intervalMs?: number; signal?: AbortSignal } = {}): Promise<BmecatExport> {
    let job: BmecatExport = await this.startBmecatExport(companyId);
    let waitMs = options.intervalMs ?? 500;
    while (job.status === 'queued' || job.status === 'running') {
      await new Promise((resolve) => setTimeout(resolve, waitMs));
      if (options.signal?.aborted) throw new DOMException('Aborted', 'AbortError');
      waitMs = Math.min(waitMs * 1.5, 3000);
      job = await this.getBmecatExport(companyId, job.exportId, options.signal);
    }
    return job;
  },

  listImports: (signal?: AbortSignal): Promise<CatalogImportSummary[]> =>
    api.call('GET /console/catalog-imports', { query: { limit: 20 } }, { auth: 'required', signal }).then((result) => result.imports),

  getImport: (importId: string, signal?: AbortSignal) =>
    api.call('GET /console/catalog-imports/{importId}', { params: { importId } }, { auth: 'required', signal }),

  /** Presigned PUT straight to S3, then starts the import job. */
  async startImport(file: File, kind: ImportKind, decimalSeparator: '.' | ','): Promise<CatalogImport> {
    const upload = await api.call('POST /console/catalog-imports/uploads', { body: { fileName: file.name, size: file.size } }, { auth: 'required' });
    const put = await fetch(upload.uploadUrl, { method: 'PUT', headers: upload.headers, body: file });
    if (!put.ok) throw new Error(translate('console.import.uploadFailed', { status: put.status }));
    return api.call('POST /console/catalog-imports', { body: { uploadKey: upload.uploadKey, kind, decimalSeparator } }, { auth: 'required' });
  },
});
