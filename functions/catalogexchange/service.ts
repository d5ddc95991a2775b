import { createHash, randomUUID } from 'node:crypto';
import type { Readable } from 'node:stream';
import { GetObjectCommand, HeadObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { parse } from 'csv-parse';
import { findAccount } from '../accounts/service.js';
import * as catalog from '../catalog/service.js';
import { isCategoryVisible, sortCategories, type Viewer } from '../catalog/rules.js';
import { displayPrices, findPriceList, loadSituation, parseQuantity } from '../pricing/service.js';
import type { Identity } from '../shared/auth.js';
import { s3 } from '../shared/clients/s3.js';
import { config } from '../shared/config.js';
import { AppError, badRequest, notFound } from '../shared/errors.js';
import { publish, publishIntegrationEvent } from '../shared/events.js';
import { CATALOG_CHANGED_EVENT } from '../catalog/events.js';
import { bmecatMimeEntries } from '../catalog/media/rules.js';
import { logger } from '../shared/logger.js';
import type { ImportUploadRequest, StartImportRequest } from './contract.js';
import { bmecat2005Currencies, bmecatClosing, bmecatGroupMap, bmecatOpening, bmecatProduct, rootGroupId, type BmecatProduct } from './bmecat.js';
import * as exportJobs from './export-jobs.js';
import type { ExportJob, ExportResult } from './export-jobs.js';
import * as repository from './repository.js';
import {
  checkHeader,
  checkPriceRowReferences,
  errorReportHeader,
  errorReportLines,
  importOptions,
  rowsPerBatch,
  validatePriceRow,
  validateProductRow,
  type ImportCounts,
  type ImportKind,
  type ImportOptions,
  type PriceRow,
  type ProductRow,
  type RowError,
} from './rules.js';
import { S3TextWriter } from './s3-writer.js';

const downloadUrlSeconds = 5 * 60;
const uploadUrlSeconds = 15 * 60;
export const maxImportBytes = 50 * 1024 * 1024;

// ---- BMEcat export ---------------------------------------------------------------------------

/** What an export needs before it writes anything; refuses unknown companies and currencies BMEcat 2005 lacks. */
async function exportSituation(companyId: string) {
  const [situation, account] = await Promise.all([loadSituation(companyId), findAccount(companyId)]);
  if (!account || !situation.profile) throw notFound('Company');
  const { settings, profile } = situation;
  const agreement = profile.agreements?.find((candidate) => candidate.id === profile.defaultAgreementId);
  const currency = agreement?.currency ?? settings.currency;
  if (!bmecat2005Currencies.has(currency)) {
    throw new AppError(409, 'CURRENCY_NOT_IN_BMECAT', `BMEcat 2005 has no currency code ${currency}; the catalog cannot be exported in it`, { currency });
  }
  return { situation, account, settings, profile, currency };
}

/**
 * Starts a BMEcat export job (202): the job item (conditional put) and one message for the export
 * worker. The closed-catalog and currency rules are checked here, so a refused export never queues.
 */
export async function startBmecatExport(caller: Identity, companyId: string) {
  if (caller.companyId !== companyId) throw notFound('Company');
  await exportSituation(companyId);
  const job: ExportJob = { exportId: randomUUID(), companyId, status: 'queued', createdAt: new Date().toISOString(), requestedBy: caller };
  await exportJobs.createExportJob(job);
  try {
    await publish('catalogExports', 'catalog.export.requested', { companyId, exportId: job.exportId });
  } catch (error) {
    // No job may wait forever for a message that was never sent.
    await exportJobs
      .finishExportJob(
        companyId,
        job.exportId,
        { status: 'failed', failure: { code: 'NOT_QUEUED', message: 'The export could not be queued; start it again' } },
        new Date(),
      )
      .catch(() => undefined);
    throw error;
  }
  return presentExport(job);
}

/** One export job of the caller's own company (another company's job is not found). */
export async function showBmecatExport(caller: Identity, companyId: string, exportId: string) {
  if (caller.companyId !== companyId) throw notFound('Export');
  const job = await exportJobs.findExportJob(companyId, exportId);
  if (!job) throw notFound('Export');
  return presentExport(job);
}

async function presentExport(job: ExportJob) {
  const { exportId, status, createdAt, startedAt, finishedAt, durationMs, result, failure } = job;
  const base = {
    exportId,
    status,
    createdAt,
    ...(startedAt ? { startedAt } : {}),
    ...(finishedAt ? { finishedAt } : {}),
    ...(durationMs !== undefined ? { durationMs } : {}),
  };
  if (status === 'failed') return { ...base, ...(failure ? { failure } : {}) };
  if (status !== 'completed' || !result) return base;
  const url = await getSignedUrl(
    s3(),
    new GetObjectCommand({ Bucket: config.bucketName('documents'), Key: result.key, ResponseContentDisposition: `attachment; filename="${result.fileName}"` }),
    { expiresIn: downloadUrlSeconds },
  );
  const { key: _key, ...figures } = result;
  return { ...base, ...figures, url, expiresAt: new Date(Date.now() + downloadUrlSeconds * 1000).toISOString() };
}

/** Worker side of an export job: claims it, writes the file, records the outcome. */
export async function runBmecatExport(companyId: string, exportId: string): Promise<void> {
  const job = await exportJobs.findExportJob(companyId, exportId);
  if (!job) {
    logger.warn('Export job vanished', { companyId, exportId });
    return;
  }
  const startedAt = new Date();
  if (!(await exportJobs.claimExportJob(companyId, exportId, startedAt, staleExportMs))) {
    logger.info('Export job already taken or finished', { exportId, status: job.status });
    return;
  }
  try {
    const result = await writeBmecat(job.requestedBy, companyId, `catalog-exports/${companyId}/${exportId}.xml`, startedAt);
    await exportJobs.finishExportJob(companyId, exportId, { status: 'completed', result }, new Date(), startedAt);
  } catch (error) {
    if (error instanceof AppError) {
      await exportJobs.finishExportJob(companyId, exportId, { status: 'failed', failure: { code: error.code, message: error.message } }, new Date(), startedAt);
      return;
    }
    throw error;
  }
}

const staleExportMs = 20 * 60 * 1000;

/**
 * The company's catalog as BMEcat 2005: only categories and products the company may see (closed
 * catalogs), with the same net prices the shop shows it (company/group/agreement price lists,
 * tier prices as LOWER_BOUND scales). Paged through the catalog (100 products a page) and written
 * to the documents bucket in parts, so neither memory nor a request's time bounds catalog size.
 */
export async function writeBmecat(caller: Identity, companyId: string, key: string, generatedAt = new Date()): Promise<ExportResult> {
  const { situation, account, settings, profile, currency } = await exportSituation(companyId);
  const viewer: Viewer = {
    signedIn: true,
    shopIsLoginOnly: settings.loginOnly,
    customerGroup: profile.customerGroup,
    businessProfiles: profile.businessProfiles,
  };
  const categories = sortCategories((await catalog.listCategories()).filter((category) => isCategoryVisible(category, viewer)));
  const bucket = config.bucketName('documents');
  const writer = new S3TextWriter(bucket, key, 'application/xml; charset=utf-8');
  const billing = account.billingAddress;
  const [sellerName, ...sellerLines] = settings.sellerAddressLines;
  const map: { sku: string; groupId: string }[] = [];
  let skipped = 0;
  try {
    await writer.write(
      bmecatOpening(
        {
          catalogId: companyId,
          catalogVersion: '1.0',
          catalogName: `${settings.name} – ${account.name}`,
          language: 'eng',
          generatedAt,
          currency,
          generatorInfo: 'B2B Portal catalog exchange',
          buyer: {
            id: companyId,
            name: account.name,
            address: {
              name: account.name,
              ...(billing
                ? { street: billing.street, postalCode: billing.postalCode, city: billing.city, country: billing.country }
                : { country: account.country }),
              ...(account.vatId ? { vatId: account.vatId } : {}),
            },
          },
          supplier: {
            id: settings.sellerVatId || settings.name,
            name: settings.name,
            address: {
              name: sellerName ?? settings.name,
              country: settings.sellerCountry,
              ...(settings.sellerVatId ? { vatId: settings.sellerVatId } : {}),
              remarks: sellerLines,
            },
          },
        },
        categories.map((category) => ({ id: category.id, name: category.name, description: category.description, order: category.position })),
      ),
    );
    for (const category of categories) {
      let cursor: string | undefined;
      do {
        const page = await catalog.listProductsInCategory(category.id, 100, cursor);
        const skus = page.products.map((product) => product.sku);
        const [prices, buyerNumbers] = await Promise.all([displayPrices(caller, skus, {}, situation, { net: true }), catalog.buyerNumbersOf(companyId, skus)]);
        for (const product of page.products) {
          const price = prices.get(product.sku);
          if (!price) {
            skipped++;
            continue;
          }
          const entry: BmecatProduct = {
            sku: product.sku,
            name: product.name,
            description: product.description,
            unit: product.unit,
            ...(product.ean ? { ean: product.ean } : {}),
            ...(buyerNumbers.has(product.sku) ? { buyerNumber: buyerNumbers.get(product.sku)! } : {}),
            ...(product.manufacturer ? { manufacturer: product.manufacturer } : {}),
            ...(product.mpn ? { mpn: product.mpn } : {}),
            features: Object.entries(product.attributes ?? {}).map(([code, value]) => ({ name: category.attributeLabels?.[code] ?? code, value })),
            groupId: category.id,
            vatRate: price.vatRate,
            prices: [
              { amount: price.price.amount, currency: price.price.currency, lowerBound: 1000 },
              ...price.tiers.map((tier) => ({ amount: tier.unitPrice.amount, currency: tier.unitPrice.currency, lowerBound: parseQuantity(tier.minQuantity) })),
            ],
            // Absolute URLs when the shop's public origin is known (WEB_URL), else relative to it.
            mime: bmecatMimeEntries(product.media, process.env.WEB_URL),
          };
          await writer.write(bmecatProduct(entry));
          map.push({ sku: product.sku, groupId: category.id });
        }
        cursor = page.nextCursor;
      } while (cursor);
    }
    await writer.write(bmecatGroupMap(map));
    await writer.write(bmecatClosing());
    await writer.close();
  } catch (error) {
    await writer.abort();
    throw error;
  }
  return {
    key,
    fileName: `bmecat-${companyId}-${generatedAt.toISOString().slice(0, 10)}.xml`,
    products: map.length,
    categories: categories.length,
    skipped,
    bytes: writer.bytes,
    rootGroupId,
  };
}

// ---- CSV import: upload, start, status ----------------------------------------------------------

const uploadKeyPattern = /^catalog-imports\/[0-9a-f-]{36}\/[\w.-]{1,100}$/;

/** A presigned PUT into the uploads bucket; the signature covers type and length. */
export async function requestUpload(request: ImportUploadRequest) {
  if (request.size > maxImportBytes) throw badRequest('UPLOAD_TOO_LARGE', `Import files may be at most ${maxImportBytes / 1024 / 1024} MB`);
  const safeName = request.fileName.replace(/[^\w.-]+/g, '_').slice(-100) || 'import.csv';
  const uploadKey = `catalog-imports/${randomUUID()}/${safeName}`;
  const uploadUrl = await getSignedUrl(
    s3(),
    new PutObjectCommand({ Bucket: config.bucketName('uploads'), Key: uploadKey, ContentType: 'text/csv', ContentLength: request.size }),
    { expiresIn: uploadUrlSeconds, signableHeaders: new Set(['content-type', 'content-length']) },
  );
  return {
    uploadKey,
    uploadUrl,
    method: 'PUT' as const,
    headers: { 'content-type': 'text/csv' },
    expiresAt: new Date(Date.now() + uploadUrlSeconds * 1000).toISOString(),
  };
}

/** The same upload started twice (a retried request) is the same job. */
const importIdOf = (kind: ImportKind, uploadKey: string) => {
  const hex = createHash('sha256').update(`${kind}\n${uploadKey}`).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
};

export async function startImport(caller: Identity, request: StartImportRequest) {
  if (!uploadKeyPattern.test(request.uploadKey)) throw badRequest('INVALID_UPLOAD_KEY', 'Use the uploadKey returned by POST /console/catalog-imports/uploads');
  try {
    const head = await s3().send(new HeadObjectCommand({ Bucket: config.bucketName('uploads'), Key: request.uploadKey }));
    if ((head.ContentLength ?? 0) > maxImportBytes) throw badRequest('UPLOAD_TOO_LARGE', 'The file is too large');
  } catch (error) {
    if (error instanceof AppError) throw error;
    const name = (error as { name?: string }).name;
    if (name === 'NotFound' || name === 'NoSuchKey') throw badRequest('UPLOAD_MISSING', 'The file did not arrive; upload it again');
    throw error;
  }
  const job: repository.ImportJob = {
    importId: importIdOf(request.kind, request.uploadKey),
    kind: request.kind,
    uploadKey: request.uploadKey,
    fileName: request.uploadKey.split('/').pop()!,
    options: importOptions(request),
    status: 'queued',
    createdAt: new Date().toISOString(),
    createdBy: caller.email || caller.sub,
    counts: { rows: 0, imported: 0, failed: 0 },
    errorSample: [],
  };
  const { job: stored, created } = await repository.createJob(job);
  if (created) await publish('catalogImports', 'catalog.import.requested', { importId: stored.importId });
  return { created, job: await present(stored) };
}

async function present(job: repository.ImportJob) {
  const reportUrl = job.reportKey
    ? await getSignedUrl(
        s3(),
        new GetObjectCommand({
          Bucket: config.bucketName('documents'),
          Key: job.reportKey,
          ResponseContentDisposition: `attachment; filename="import-errors-${job.importId}.csv"`,
        }),
        {
          expiresIn: downloadUrlSeconds,
        },
      )
    : undefined;
  const { uploadKey: _uploadKey, reportKey: _reportKey, ...visible } = job;
  return { ...visible, ...(reportUrl ? { reportUrl } : {}) };
}

export async function showImport(importId: string) {
  const job = await repository.findJob(importId);
  if (!job) throw notFound('Import');
  return present(job);
}

export async function listImports(limit: number) {
  const jobs = await repository.listJobs(limit);
  return { imports: jobs.map(({ uploadKey: _uploadKey, reportKey: _reportKey, errorSample: _errors, ...job }) => job) };
}

// ---- CSV import: the run ---------------------------------------------------------------------

/** Transactions in flight at once: fast enough for 10k rows, gentle on provisioned capacity. */
const concurrentBatches = 6;
const sampleSize = 100;
const progressEvery = 2_000;
const staleRunMs = 20 * 60 * 1000;

interface PendingRow<T> {
  readonly row: number;
  readonly value: T;
}

/**
 * Streams the CSV from S3 through csv-parse, validates each row, writes valid rows in
 * TransactWriteItems batches (≤ 100 items) and stores the error report. A batch the database
 * refuses as a whole is retried row by row, so one bad row never costs the good ones and every
 * row is either fully written (all of its items) or not at all.
 */
export async function runImport(importId: string): Promise<void> {
  const job = await repository.findJob(importId);
  if (!job) {
    logger.warn('Import job vanished', { importId });
    return;
  }
  const startedAt = new Date();
  if (!(await repository.claimJob(importId, startedAt, staleRunMs))) {
    logger.info('Import job already taken or finished', { importId, status: job.status });
    return;
  }
  const errors: RowError[] = [];
  const counts = { rows: 0, imported: 0, failed: 0 };
  const failedRows = new Set<number>();
  const reportError = (error: RowError) => {
    errors.push(error);
    if (error.row > 1 && !failedRows.has(error.row)) {
      failedRows.add(error.row);
      counts.failed++;
    }
  };
  let failure: { code: string; message: string } | undefined;
  try {
    const importedAt = startedAt.toISOString();
    const object = await s3().send(new GetObjectCommand({ Bucket: config.bucketName('uploads'), Key: job.uploadKey }));
    const parser = (object.Body as Readable).pipe(
      parse({ delimiter: job.options.delimiter, bom: true, relax_column_count: true, skip_empty_lines: true, max_record_size: 64 * 1024 }),
    );
    const processor = job.kind === 'products' ? await productProcessor(job.options, importedAt) : priceProcessor(job.options, importedAt);
    const inFlight = new Set<Promise<void>>();
    let header: string[] | undefined;
    let batch: PendingRow<unknown>[] = [];
    const flush = async () => {
      if (!batch.length) return;
      const rows = batch;
      batch = [];
      const work = processor
        .write(rows)
        .then((outcome) => {
          counts.imported += outcome.imported;
          outcome.errors.forEach(reportError);
        })
        .catch((error: unknown) => {
          logger.error('Import batch failed', { importId, error: error as Error });
          rows.forEach((row) => reportError({ row: row.row, column: '', code: 'WRITE_FAILED', message: 'The row could not be written' }));
        })
        .finally(() => inFlight.delete(work));
      inFlight.add(work);
      if (inFlight.size >= concurrentBatches) await Promise.race(inFlight);
    };
    let rowNumber = 0;
    try {
      for await (const record of parser as AsyncIterable<string[]>) {
        rowNumber++;
        if (!header) {
          header = record.map((column) => column.trim());
          const problems = checkHeader(job.kind, header);
          if (problems.length) {
            problems.forEach(reportError);
            failure = { code: 'INVALID_HEADER', message: problems.map((problem) => problem.message).join('; ') };
            break;
          }
          continue;
        }
        counts.rows++;
        if (record.length !== header.length) {
          reportError({ row: rowNumber, column: '', code: 'COLUMN_COUNT', message: `Expected ${header.length} fields, found ${record.length}` });
          continue;
        }
        const fields = Object.fromEntries(header.map((column, index) => [column, record[index]]));
        const checked = processor.validate(fields, rowNumber);
        if (!checked.ok) {
          checked.errors.forEach(reportError);
          continue;
        }
        batch.push({ row: rowNumber, value: checked.value });
        if (batch.length >= rowsPerBatch(job.kind)) await flush();
        if (counts.rows % progressEvery === 0) await repository.recordProgress(importId, { ...counts });
      }
    } catch (error) {
      // csv-parse stops at the first structural error; rows before it are kept (each row is atomic).
      failure = { code: 'MALFORMED_CSV', message: (error as Error).message };
      reportError({ row: rowNumber + 1, column: '', code: 'MALFORMED_CSV', message: (error as Error).message });
    }
    await flush();
    await Promise.all(inFlight);
    if (!header && !failure) failure = { code: 'EMPTY_FILE', message: 'The file has no header row' };
    await processor.finish();
  } catch (error) {
    logger.error('Import failed', { importId, error: error as Error });
    failure = { code: 'IMPORT_FAILED', message: 'The import stopped unexpectedly; rows reported as imported are stored' };
  }
  const sorted = [...errors].sort((a, b) => a.row - b.row);
  let reportKey: string | undefined;
  if (sorted.length) {
    reportKey = `catalog-imports/${importId}/errors.csv`;
    await s3().send(
      new PutObjectCommand({
        Bucket: config.bucketName('documents'),
        Key: reportKey,
        ContentType: 'text/csv; charset=utf-8',
        Body: errorReportHeader + errorReportLines(sorted),
      }),
    );
  }
  const finishedAt = new Date();
  await repository.finishJob(importId, {
    status: failure ? 'failed' : 'completed',
    counts,
    errorSample: sorted.slice(0, sampleSize),
    ...(reportKey ? { reportKey } : {}),
    ...(failure ? { failure } : {}),
    finishedAt: finishedAt.toISOString(),
    durationMs: finishedAt.getTime() - startedAt.getTime(),
  });
  logger.info('Import finished', { importId, counts, durationMs: finishedAt.getTime() - startedAt.getTime() });
}

interface RowProcessor<T> {
  validate(fields: Record<string, string | undefined>, row: number): { ok: true; value: T } | { ok: false; errors: RowError[] };
  write(rows: PendingRow<unknown>[]): Promise<{ imported: number; errors: RowError[] }>;
  finish(): Promise<void>;
}

type TransactItems = Parameters<typeof repository.writeTransaction>[0];

/** All rows in one transaction; if refused, each row in its own, reporting the rows that still fail. */
async function writeRows<T>(rows: readonly PendingRow<T>[], itemsOf: (value: T) => TransactItems, failedMessage: (error: unknown) => string) {
  try {
    await repository.writeTransaction(rows.flatMap((row) => itemsOf(row.value)));
    return { imported: rows.length, errors: [] as RowError[] };
  } catch (error) {
    if (rows.length === 1) return { imported: 0, errors: [{ row: rows[0]!.row, column: '', code: 'WRITE_FAILED' as const, message: failedMessage(error) }] };
  }
  let imported = 0;
  const errors: RowError[] = [];
  for (const row of rows) {
    try {
      await repository.writeTransaction(itemsOf(row.value));
      imported++;
    } catch (error) {
      errors.push({ row: row.row, column: '', code: 'WRITE_FAILED', message: failedMessage(error) });
    }
  }
  return { imported, errors };
}

const describeFailure = (error: unknown) => {
  const reasons = (error as { CancellationReasons?: { Code?: string }[] }).CancellationReasons?.map((reason) => reason.Code).filter(
    (code) => code && code !== 'None',
  );
  return `The row could not be written${reasons?.length ? ` (${reasons.join(', ')})` : ''}`;
};

async function productProcessor(options: ImportOptions, importedAt: string): Promise<RowProcessor<ProductRow>> {
  const [categories, settings] = await Promise.all([catalog.listCategories(), loadSituation(undefined).then((situation) => situation.settings)]);
  const context = {
    categories: new Set(categories.map((category) => category.id)),
    shopCurrency: settings.currency,
    sellerCountry: settings.sellerCountry,
    options,
  };
  const seen = new Set<string>();
  const touchedCategories = new Set<string>();
  return {
    validate(fields, row) {
      const checked = validateProductRow(fields, row, context);
      if (!checked.ok) return checked;
      if (seen.has(checked.value.product.sku)) {
        return { ok: false, errors: [{ row, column: 'sku', code: 'DUPLICATE_SKU', message: `SKU ${checked.value.product.sku} appears earlier in the file` }] };
      }
      seen.add(checked.value.product.sku);
      return checked;
    },
    async write(rows) {
      const typed = rows as PendingRow<ProductRow>[];
      const previous = await catalog.findProducts(typed.map((row) => row.value.product.sku));
      for (const row of typed) {
        touchedCategories.add(row.value.product.categoryId);
        const before = previous.get(row.value.product.sku);
        if (before) touchedCategories.add(before.categoryId);
      }
      const written = await writeRows(typed, (value) => repository.productRowItems(value, importedAt), describeFailure);
      const skus = typed.filter((row) => !written.errors.some((error) => error.row === row.row)).map((row) => row.value.product.sku);
      if (skus.length) await Promise.all([publishIntegrationEvent('product.changed', { skus }), publish('catalogChanges', CATALOG_CHANGED_EVENT, { skus })]);
      return written;
    },
    async finish() {
      // Category product counts are derived data: recounted from GSI1 once the rows are in.
      for (const categoryId of touchedCategories) await catalog.refreshProductCount(categoryId);
    },
  };
}

function priceProcessor(options: ImportOptions, importedAt: string): RowProcessor<PriceRow> {
  const lists = new Map<string, Promise<{ id: string; currency: string } | undefined>>();
  const seen = new Set<string>();
  const listOf = (row: PriceRow) => {
    let list = lists.get(row.priceList);
    if (!list) lists.set(row.priceList, (list = findPriceList(row.scope)));
    return list;
  };
  return {
    validate(fields, row) {
      const checked = validatePriceRow(fields, row, options);
      if (!checked.ok) return checked;
      const key = `${checked.value.priceList}\n${checked.value.sku}`;
      if (seen.has(key))
        return {
          ok: false,
          errors: [{ row, column: 'sku', code: 'DUPLICATE_SKU', message: `${checked.value.sku} appears earlier in the file for ${checked.value.priceList}` }],
        };
      seen.add(key);
      return checked;
    },
    async write(rows) {
      const typed = rows as PendingRow<PriceRow>[];
      const products = await catalog.findProducts(typed.map((row) => row.value.sku));
      const valid: PendingRow<PriceRow>[] = [];
      const errors: RowError[] = [];
      for (const row of typed) {
        const problems = checkPriceRowReferences(row.value, row.row, await listOf(row.value), products.has(row.value.sku));
        if (problems.length) errors.push(...problems);
        else valid.push(row);
      }
      const written = valid.length
        ? await writeRows(valid, (value) => repository.priceRowItems(value, importedAt), describeFailure)
        : { imported: 0, errors: [] };
      return { imported: written.imported, errors: [...errors, ...written.errors] };
    },
    async finish() {},
  };
}

export type { ImportCounts };
