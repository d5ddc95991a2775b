/** Catalog exchange (functions/catalogexchange): BMEcat download for company admins, CSV imports for back-office. */
import type { ApiResponse } from '../../functions/contract.js';
import type { ApiClient } from './api.js';
import { translate } from './i18n/translate.js';

export type BmecatExport = ApiResponse<'GET /companies/{companyId}/catalog/bmecat'>;
/** One import job with its counts, first errors and error report. */
export type CatalogImport = ApiResponse<'GET /console/catalog-imports/{importId}'>;
/** An import job as listed (no errors, no report). */
export type CatalogImportSummary = ApiResponse<'GET /console/catalog-imports'>['imports'][number];
export type ImportKind = CatalogImport['kind'];
export type ImportStatus = CatalogImport['status'];
export type ImportRowError = CatalogImport['errorSample'][number];

export const catalogExchangeApi = (api: ApiClient) => ({
  exportBmecat: (companyId: string) => api.call('GET /companies/{companyId}/catalog/bmecat', { params: { companyId } }, { auth: 'required' }),

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
