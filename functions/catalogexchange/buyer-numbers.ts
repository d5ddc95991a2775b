/**
 * Buyers' own article numbers (customer material numbers): a company maps its numbers to the SKUs it
 * may see, one number per SKU and one SKU per number. Search finds products by them for that company
 * only (the catalog's identifier lane); BMEcat exports them as BUYER_PID.
 */
import { parse } from 'csv-parse/sync';
import { buyerNumberItems } from '../catalog/items.js';
import * as catalog from '../catalog/service.js';
import { isCategoryVisible, type Viewer } from '../catalog/rules.js';
import { loadSituation } from '../pricing/service.js';
import type { Identity } from '../shared/auth.js';
import { config } from '../shared/config.js';
import { AppError, badRequest, conflict, notFound } from '../shared/errors.js';
import { transact, type TransactItem } from '../shared/transactions.js';
import { normaliseIdentifier } from '../catalog/search/analysis.js';

export const maxImportRows = 1000;
const validNumber = /^[\p{L}\p{N}][\p{L}\p{N} ./\\_#+-]{0,34}$/u;

export interface BuyerNumberRowError {
  readonly row: number;
  readonly code: 'INVALID_BUYER_NUMBER' | 'UNKNOWN_SKU' | 'DUPLICATE_BUYER_NUMBER' | 'DUPLICATE_SKU' | 'BUYER_NUMBER_TAKEN';
  readonly message: string;
}

/** What a signed-in member of the company may see of the catalog (closed catalogs). */
export async function companyViewer(companyId: string): Promise<Viewer> {
  const { settings, profile } = await loadSituation(companyId);
  if (!profile) throw notFound('Company');
  return { signedIn: true, shopIsLoginOnly: settings.loginOnly, customerGroup: profile.customerGroup, businessProfiles: profile.businessProfiles };
}

function assertOwnCompany(caller: Identity, companyId: string): void {
  if (caller.companyId !== companyId) throw notFound('Company');
}

/** The active products among `skus` that the company may see, by SKU. */
async function visibleProducts(companyId: string, skus: readonly string[]) {
  const [viewer, categories, products] = await Promise.all([companyViewer(companyId), catalog.listCategories(), catalog.findProducts([...new Set(skus)])]);
  const visible = new Set(categories.filter((category) => isCategoryVisible(category, viewer)).map((category) => category.id));
  return new Map([...products].filter(([, product]) => product.active && visible.has(product.categoryId)));
}

function checkedNumber(raw: string): string | undefined {
  const text = raw.trim();
  return validNumber.test(text) && normaliseIdentifier(text).length > 0 ? text : undefined;
}

/**
 * One mapping's writes: the number's item (refused when it stands for another SKU), the SKU's item,
 * and the removal of the SKU's previous number, in one transaction.
 */
function mappingWrites(companyId: string, sku: string, buyerNumber: string, previous: string | undefined): TransactItem[] {
  const { byNumber, bySku } = buyerNumberItems(companyId, sku, buyerNumber);
  const table = config.tableName();
  const writes: TransactItem[] = [
    {
      Put: {
        TableName: table,
        Item: byNumber,
        ConditionExpression: 'attribute_not_exists(PK) OR sku = :sku',
        ExpressionAttributeValues: { ':sku': sku },
      },
    },
    { Put: { TableName: table, Item: bySku } },
  ];
  const stale = previous !== undefined ? buyerNumberItems(companyId, sku, previous).byNumber : undefined;
  if (stale && stale.SK !== byNumber.SK)
    writes.push({
      Delete: { TableName: table, Key: { PK: stale.PK, SK: stale.SK }, ConditionExpression: 'sku = :sku', ExpressionAttributeValues: { ':sku': sku } },
    });
  return writes;
}

async function writeMapping(companyId: string, sku: string, buyerNumber: string, previous: string | undefined): Promise<void> {
  const outcome = await transact(mappingWrites(companyId, sku, buyerNumber, previous));
  if (outcome.ok) return;
  if (outcome.failedIndex === 0) throw conflict('BUYER_NUMBER_TAKEN', `Your number ${buyerNumber} already stands for another product`);
  throw conflict('BUYER_NUMBER_CHANGED', 'The article numbers were changed meanwhile; reload and try again');
}

export async function listBuyerNumbers(caller: Identity, companyId: string, limit: number, cursor: string | undefined) {
  assertOwnCompany(caller, companyId);
  const page = await catalog.listBuyerNumbers(companyId, limit, cursor);
  const products = await catalog.findProducts(page.numbers.map((entry) => entry.sku));
  return {
    numbers: page.numbers.map((entry) => ({ ...entry, name: products.get(entry.sku)?.name ?? entry.sku })),
    ...(page.nextCursor ? { nextCursor: page.nextCursor } : {}),
  };
}

export async function setBuyerNumber(caller: Identity, companyId: string, sku: string, raw: string) {
  assertOwnCompany(caller, companyId);
  const buyerNumber = checkedNumber(raw);
  if (!buyerNumber)
    throw badRequest('INVALID_BUYER_NUMBER', 'An article number has 1–35 letters, digits, blanks or . / \\ _ # + -, starting with a letter or digit');
  const product = (await visibleProducts(companyId, [sku])).get(sku);
  if (!product) throw notFound('Product');
  const previous = (await catalog.buyerNumbersOf(companyId, [sku])).get(sku);
  await writeMapping(companyId, sku, buyerNumber, previous);
  return { sku, buyerNumber, name: product.name };
}

export async function removeBuyerNumber(caller: Identity, companyId: string, sku: string): Promise<void> {
  assertOwnCompany(caller, companyId);
  const previous = (await catalog.buyerNumbersOf(companyId, [sku])).get(sku);
  if (previous === undefined) throw notFound('Article number');
  const { byNumber, bySku } = buyerNumberItems(companyId, sku, previous);
  const table = config.tableName();
  const outcome = await transact([
    {
      Delete: {
        TableName: table,
        Key: { PK: bySku.PK, SK: bySku.SK },
        ConditionExpression: 'buyerNumber = :number',
        ExpressionAttributeValues: { ':number': previous },
      },
    },
    { Delete: { TableName: table, Key: { PK: byNumber.PK, SK: byNumber.SK }, ConditionExpression: 'sku = :sku', ExpressionAttributeValues: { ':sku': sku } } },
  ]);
  if (!outcome.ok) throw conflict('BUYER_NUMBER_CHANGED', 'The article numbers were changed meanwhile; reload and try again');
}

/** Reads `buyerNumber,sku` rows (a header row, comma or semicolon); every problem is reported before anything is written. */
export function parseBuyerNumberCsv(csv: string): { rows: { row: number; buyerNumber: string; sku: string }[]; errors: BuyerNumberRowError[] } {
  const firstLine = csv.split(/\r?\n/, 1)[0] ?? '';
  const delimiter = firstLine.includes(';') ? ';' : ',';
  let records: string[][];
  try {
    records = parse(csv, { delimiter, bom: true, skip_empty_lines: true, relax_column_count: true, trim: true }) as string[][];
  } catch (error) {
    throw badRequest('INVALID_CSV', `The file is no readable CSV: ${(error as Error).message}`);
  }
  const [header, ...body] = records;
  const columns = (header ?? []).map((cell) => cell.toLowerCase());
  const numberColumn = columns.indexOf('buyernumber');
  const skuColumn = columns.indexOf('sku');
  if (numberColumn < 0 || skuColumn < 0) throw badRequest('INVALID_CSV', 'The first row must name the columns buyerNumber and sku');
  if (body.length === 0) throw badRequest('INVALID_CSV', 'The file has no rows');
  if (body.length > maxImportRows) throw badRequest('TOO_MANY_ROWS', `At most ${maxImportRows} rows per file`);
  const errors: BuyerNumberRowError[] = [];
  const rows: { row: number; buyerNumber: string; sku: string }[] = [];
  const numbers = new Set<string>();
  const skus = new Set<string>();
  body.forEach((record, index) => {
    const row = index + 2;
    const buyerNumber = checkedNumber(record[numberColumn] ?? '');
    const sku = (record[skuColumn] ?? '').trim();
    if (!buyerNumber) return errors.push({ row, code: 'INVALID_BUYER_NUMBER', message: `"${record[numberColumn] ?? ''}" is no valid article number` });
    const normalised = normaliseIdentifier(buyerNumber);
    if (numbers.has(normalised)) return errors.push({ row, code: 'DUPLICATE_BUYER_NUMBER', message: `${buyerNumber} appears twice in the file` });
    if (skus.has(sku)) return errors.push({ row, code: 'DUPLICATE_SKU', message: `${sku} appears twice in the file` });
    numbers.add(normalised);
    skus.add(sku);
    rows.push({ row, buyerNumber, sku });
  });
  return { rows, errors };
}

/** Mappings per transaction: three items each, within TransactWriteItems' 100. */
const mappingsPerTransaction = 33;

/**
 * Maps every row of the file, or none: rows are checked against the catalog the company sees and
 * against its numbers in use before anything is written, then written 33 mappings per transaction.
 * A number in use for another SKU is refused (remove that mapping first), so no two rows of a
 * transaction touch the same item.
 */
export async function importBuyerNumbers(caller: Identity, companyId: string, csv: string) {
  assertOwnCompany(caller, companyId);
  const { rows, errors } = parseBuyerNumberCsv(csv);
  const skus = rows.map((row) => row.sku);
  const [products, previous, holders] = await Promise.all([
    visibleProducts(companyId, skus),
    catalog.buyerNumbersOf(companyId, skus),
    Promise.all(rows.map((row) => catalog.findSkuByBuyerNumber(companyId, normaliseIdentifier(row.buyerNumber)))),
  ]);
  rows.forEach((row, index) => {
    if (!products.has(row.sku)) errors.push({ row: row.row, code: 'UNKNOWN_SKU', message: `No product ${row.sku} in your catalog` });
    const holder = holders[index];
    if (holder !== undefined && holder !== row.sku)
      errors.push({ row: row.row, code: 'BUYER_NUMBER_TAKEN', message: `${row.buyerNumber} already stands for ${holder}` });
  });
  if (errors.length)
    throw new AppError(400, 'IMPORT_INVALID', `${errors.length} row(s) of the file are invalid; nothing was imported`, {
      errors: errors.sort((a, b) => a.row - b.row).slice(0, 100),
    });
  for (let start = 0; start < rows.length; start += mappingsPerTransaction) {
    const chunk = rows.slice(start, start + mappingsPerTransaction);
    const outcome = await transact(chunk.flatMap((row) => mappingWrites(companyId, row.sku, row.buyerNumber, previous.get(row.sku))));
    if (!outcome.ok)
      throw conflict(
        'BUYER_NUMBER_CHANGED',
        `The article numbers were changed meanwhile; ${start} of ${rows.length} rows were imported, import the file again`,
      );
  }
  return { imported: rows.length };
}
