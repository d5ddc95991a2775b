/** Catalog exchange (functions/catalogexchange): BMEcat download for company admins, CSV imports for back-office. */
import type { ApiClient } from './api.js';

export interface BmecatExport {
  url: string;
  fileName: string;
  expiresAt: string;
  products: number;
  categories: number;
  skipped: number;
}

export type ImportKind = 'products' | 'prices';
export type ImportStatus = 'queued' | 'running' | 'completed' | 'failed';

export interface ImportRowError {
  row: number;
  column: string;
  code: string;
  message: string;
}

export interface CatalogImport {
  importId: string;
  kind: ImportKind;
  fileName: string;
  status: ImportStatus;
  createdAt: string;
  createdBy: string;
  counts: { rows: number; imported: number; failed: number };
  options: { decimalSeparator: '.' | ','; delimiter: ',' | ';' };
  startedAt?: string;
  finishedAt?: string;
  durationMs?: number;
  failure?: { code: string; message: string };
  errorSample?: ImportRowError[];
  reportUrl?: string;
}

export const catalogExchangeApi = (api: ApiClient) => ({
  exportBmecat: (companyId: string) => api.request<BmecatExport>(`/companies/${encodeURIComponent(companyId)}/catalog/bmecat`, { auth: 'required' }),

  listImports: (signal?: AbortSignal) => api.request<{ imports: CatalogImport[] }>('/console/catalog-imports?limit=20', { auth: 'required', signal }).then((result) => result.imports),

  getImport: (importId: string, signal?: AbortSignal) => api.request<CatalogImport>(`/console/catalog-imports/${encodeURIComponent(importId)}`, { auth: 'required', signal }),

  /** Presigned PUT straight to S3, then starts the import job. */
  async startImport(file: File, kind: ImportKind, decimalSeparator: '.' | ','): Promise<CatalogImport> {
    const upload = await api.request<{ uploadKey: string; uploadUrl: string; headers: Record<string, string> }>('/console/catalog-imports/uploads', {
      method: 'POST',
      body: { fileName: file.name, size: file.size },
      auth: 'required',
    });
    const put = await fetch(upload.uploadUrl, { method: 'PUT', headers: upload.headers, body: file });
    if (!put.ok) throw new Error(`The upload failed (${put.status})`);
    return api.request<CatalogImport>('/console/catalog-imports', { method: 'POST', body: { uploadKey: upload.uploadKey, kind, decimalSeparator }, auth: 'required' });
  },
});
