/**
 * The text index snapshot in S3 (bucket `searchIndex`, one object): written by the indexer after a
 * catalog change, read by the catalog function. A warm function asks S3 at most every
 * `SEARCH_REFRESH_SECONDS` (20 s) whether a newer snapshot exists (a conditional GET, 304 when not), so a catalog
 * change is searchable within the indexer's run plus that interval.
 */
import { GetObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { s3 } from '../../shared/clients/s3.js';
import { config } from '../../shared/config.js';
import { logger } from '../../shared/logger.js';
import { ProductTextIndex } from './text-index.js';

export const snapshotKey = 'catalog/products.json';

interface Loaded {
  readonly index: ProductTextIndex;
  readonly etag: string | undefined;
  checkedAt: number;
}

let loaded: Loaded | undefined;
let loading: Promise<Loaded | undefined> | undefined;

const bucket = () => config.bucketName('searchIndex');

/** Writes the snapshot; with `ifMatch` only over that version (S3 conditional write: 412 when someone wrote in between). */
export async function storeSnapshot(index: ProductTextIndex, ifMatch?: string): Promise<void> {
  await s3().send(
    new PutObjectCommand({
      Bucket: bucket(),
      Key: snapshotKey,
      Body: index.serialize(),
      ContentType: 'application/json',
      ...(ifMatch ? { IfMatch: ifMatch } : {}),
    }),
  );
}

/** The stored snapshot as it is now (never the cached one) with its ETag, for an incremental update; undefined before the first build. */
export async function snapshotForUpdate(): Promise<{ index: ProductTextIndex; etag: string | undefined } | undefined> {
  const found = await fetchSnapshot(undefined);
  return found && { index: found.index, etag: found.etag };
}

export const isPreconditionFailed = (error: unknown): boolean => isStatus(error, 412) || (error as { name?: string }).name === 'PreconditionFailed';

const isStatus = (error: unknown, status: number) => (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode === status;
const isMissing = (error: unknown) => isStatus(error, 404) || (error as { name?: string }).name === 'NoSuchKey';

async function fetchSnapshot(current: Loaded | undefined, attempt = 1): Promise<Loaded | undefined> {
  let text: string;
  let etag: string | undefined;
  try {
    const answer = await s3().send(new GetObjectCommand({ Bucket: bucket(), Key: snapshotKey, ...(current?.etag ? { IfNoneMatch: current.etag } : {}) }));
    text = (await answer.Body?.transformToString('utf-8')) ?? '';
    etag = answer.ETag;
  } catch (error) {
    if (current && isStatus(error, 304)) return { ...current, checkedAt: Date.now() };
    if (isMissing(error)) return undefined;
    throw error;
  }
  try {
    return { index: ProductTextIndex.load(text), etag, checkedAt: Date.now() };
  } catch (error) {
    // A snapshot that does not parse (a store that is not atomic, as some S3 emulators, read mid-write):
    // keep answering from the current index and look again at the next refresh; without one, retry shortly.
    logger.warn('Search snapshot unreadable', { attempt, error: error as Error });
    if (current) return { ...current, checkedAt: Date.now() };
    if (attempt >= 5) throw error;
    await new Promise((resolve) => setTimeout(resolve, 200 * attempt));
    return fetchSnapshot(current, attempt + 1);
  }
}

/** The current text index, or undefined before the indexer ran for the first time. */
export async function currentTextIndex(now = Date.now()): Promise<ProductTextIndex | undefined> {
  if (loaded && now - loaded.checkedAt < config.searchRefreshSeconds() * 1000) return loaded.index;
  loading ??= fetchSnapshot(loaded).finally(() => {
    loading = undefined;
  });
  const next = await loading;
  if (next) loaded = next;
  return next?.index ?? loaded?.index;
}

/** Tests and the local stack's reseed: forget the loaded snapshot. */
export function forgetTextIndex(): void {
  loaded = undefined;
}
