import * as z from 'zod';
import { defineContract, isoDateTime } from '../shared/contract.js';
import { importKinds, rowErrorCodes } from './rules.js';

// ---- request parts ------------------------------------------------------------------------------

/** Company ids of the catalog export: lower case only (as the route always accepted). */
const companyId = z.string().regex(/^[a-z0-9-]{1,64}$/);
const importId = z.string().regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);

export const importUploadBodySchema = z
  .object({
    fileName: z.string().trim().min(1).max(200),
    size: z.number().int().min(1).describe('bytes, at most 50 MB'),
  })
  .strict();
export const startImportBodySchema = z
  .object({
    uploadKey: z.string().max(300).describe('the uploadKey of POST /console/catalog-imports/uploads'),
    kind: z.enum(importKinds),
    decimalSeparator: z.enum(['.', ',']).optional().describe('default "."'),
    delimiter: z.enum([',', ';']).optional().describe('default ";" with a decimal comma, "," otherwise'),
  })
  .strict();

const sku = z.string().trim().min(1).max(64);
export const buyerNumberBodySchema = z.object({ buyerNumber: z.string().trim().min(1).max(35).describe("the company's own article number") }).strict();
export const buyerNumberImportBodySchema = z
  .object({ csv: z.string().min(1).max(200_000).describe('rows "buyerNumber,sku" (or ";") under a header row naming both columns, at most 1000 rows') })
  .strict();
const buyerNumberSchema = z.object({ sku: z.string(), buyerNumber: z.string(), name: z.string().describe('the product name') }).meta({ id: 'BuyerNumber' });

export type ImportUploadRequest = z.output<typeof importUploadBodySchema>;
export type StartImportRequest = z.output<typeof startImportBodySchema>;

// ---- entities -----------------------------------------------------------------------------------

export const bmecatExportSchema = z
  .object({
    exportId: z.string(),
    status: z.enum(['queued', 'running', 'completed', 'failed']),
    createdAt: isoDateTime,
    startedAt: isoDateTime.optional(),
    finishedAt: isoDateTime.optional(),
    durationMs: z.number().int().optional(),
    url: z.string().optional().describe('once completed: pre-signed download URL of the BMEcat 2005 XML, valid for 5 minutes'),
    fileName: z.string().optional(),
    expiresAt: isoDateTime.optional().describe('when the download URL expires'),
    products: z.number().int().optional(),
    categories: z.number().int().optional(),
    skipped: z.number().int().optional().describe('visible products without a price for the company (left out)'),
    bytes: z.number().int().optional(),
    rootGroupId: z.string().optional().describe('GROUP_ID of the catalog root in the classification'),
    failure: z.object({ code: z.string(), message: z.string() }).optional(),
  })
  .meta({ id: 'BmecatExport' });

export const catalogImportUploadSchema = z
  .object({
    uploadKey: z.string(),
    uploadUrl: z.string().describe('pre-signed URL: PUT the CSV there with the given headers'),
    method: z.literal('PUT'),
    headers: z.object({ 'content-type': z.string().describe('text/csv') }),
    expiresAt: isoDateTime,
  })
  .meta({ id: 'CatalogImportUpload' });

const importRowErrorSchema = z.object({
  row: z.number().int().describe('1-based line of the file; the header is row 1'),
  column: z.string(),
  code: z.enum(rowErrorCodes),
  message: z.string(),
});

const importJobFields = {
  importId: z.string(),
  kind: z.enum(importKinds),
  fileName: z.string(),
  options: z.object({ decimalSeparator: z.enum(['.', ',']), delimiter: z.enum([',', ';']) }),
  status: z.enum(['queued', 'running', 'completed', 'failed']),
  createdAt: isoDateTime,
  createdBy: z.string(),
  counts: z.object({ rows: z.number().int(), imported: z.number().int(), failed: z.number().int() }),
  startedAt: isoDateTime.optional(),
  finishedAt: isoDateTime.optional(),
  durationMs: z.number().int().optional(),
  failure: z.object({ code: z.string(), message: z.string() }).optional().describe('why the whole job stopped (malformed CSV, wrong header …)'),
};

export const catalogImportSummarySchema = z.object(importJobFields).meta({ id: 'CatalogImportSummary' });
export const catalogImportSchema = z
  .object({
    ...importJobFields,
    errorSample: z.array(importRowErrorSchema).describe('the first row errors; all of them are in the report'),
    reportUrl: z.string().optional().describe('pre-signed download URL of the CSV error report'),
  })
  .meta({ id: 'CatalogImport' });

export const catalogExchangeContract = defineContract({
  'GET /companies/{companyId}/article-numbers': {
    summary: "The company's own article numbers (customer material numbers) and the products they stand for",
    params: z.object({ companyId }).strict(),
    query: z.object({ limit: z.coerce.number().int().min(1).max(200).default(100), cursor: z.string().max(2048).optional() }).strict(),
    response: z.object({ numbers: z.array(buyerNumberSchema), nextCursor: z.string().optional() }),
    errors: ['NOT_FOUND', 'INVALID_CURSOR'],
  },
  'PUT /companies/{companyId}/article-numbers/{sku}': {
    summary: "Sets the company's own article number of a product it may see (one number per product, one product per number)",
    params: z.object({ companyId, sku }).strict(),
    body: buyerNumberBodySchema,
    response: buyerNumberSchema,
    errors: ['NOT_FOUND', 'INVALID_BUYER_NUMBER', 'BUYER_NUMBER_TAKEN', 'BUYER_NUMBER_CHANGED'],
  },
  'DELETE /companies/{companyId}/article-numbers/{sku}': {
    summary: "Removes the company's own article number of a product",
    params: z.object({ companyId, sku }).strict(),
    status: [204],
    response: z.undefined(),
    errors: ['NOT_FOUND', 'BUYER_NUMBER_CHANGED'],
  },
  'POST /companies/{companyId}/article-numbers/import': {
    summary: "Maps the company's own article numbers from CSV: every row or none (row errors are listed)",
    params: z.object({ companyId }).strict(),
    body: buyerNumberImportBodySchema,
    response: z.object({ imported: z.number().int() }),
    errors: ['NOT_FOUND', 'INVALID_CSV', 'TOO_MANY_ROWS', 'IMPORT_INVALID', 'BUYER_NUMBER_CHANGED'],
  },
  'POST /companies/{companyId}/catalog/bmecat/exports': {
    summary: "Starts exporting the caller company's catalog with its prices as BMEcat 2005 XML (202; poll the job for the link)",
    params: z.object({ companyId }).strict(),
    status: [202],
    response: bmecatExportSchema,
    errors: ['NOT_FOUND', 'CURRENCY_NOT_IN_BMECAT'],
  },
  'GET /companies/{companyId}/catalog/bmecat/exports/{exportId}': {
    summary: 'One BMEcat export job of the company: its status and, once completed, a short-lived download link',
    params: z.object({ companyId, exportId: importId }).strict(),
    response: bmecatExportSchema,
    errors: ['NOT_FOUND'],
  },
  'POST /console/catalog-imports/uploads': {
    summary: 'A pre-signed upload for a product or price CSV file',
    body: importUploadBodySchema,
    status: [201],
    response: catalogImportUploadSchema,
    errors: ['UPLOAD_TOO_LARGE'],
    scopes: ['catalog:write'],
  },
  'POST /console/catalog-imports': {
    summary: 'Starts importing an uploaded CSV (202); the same upload started again answers its job (200)',
    body: startImportBodySchema,
    status: [202, 200],
    response: catalogImportSchema,
    errors: ['INVALID_UPLOAD_KEY', 'UPLOAD_TOO_LARGE', 'UPLOAD_MISSING'],
    scopes: ['catalog:write'],
  },
  'GET /console/catalog-imports': {
    summary: 'Catalog import jobs, newest first',
    query: z.object({ limit: z.coerce.number().int().min(1).max(100).default(20) }).strict(),
    response: z.object({ imports: z.array(catalogImportSummarySchema) }),
    scopes: ['catalog:write'],
  },
  'GET /console/catalog-imports/{importId}': {
    summary: 'One catalog import job with its counts, first errors and error report',
    params: z.object({ importId }).strict(),
    response: catalogImportSchema,
    errors: ['NOT_FOUND'],
    scopes: ['catalog:write'],
  },
});
