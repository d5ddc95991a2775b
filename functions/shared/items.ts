import { BatchGetCommand } from '@aws-sdk/lib-dynamodb';
import { dynamo } from './clients/dynamo.js';
import { config } from './config.js';
import { invocationState } from './invocation.js';

/**
 * Reads of single items by key, batched (issue 18). Every `loadItem(s)` of the same API request that
 * is asked for before the event loop turns (the branches of a `Promise.all`, the keys a route
 * prefetches next to the caller's status) goes out as one BatchGetItem — 100 keys per request, as
 * DynamoDB allows — and each item is read at most once per request. All reads are strongly
 * consistent (a request sees its own company's last write; the status check needs it anyway).
 * Any write through `dynamo()` drops the keys it writes from the request's memo
 * (functions/shared/clients/dynamo.ts), so a read after a write reads again. Outside an API request
 * (queue consumers, tests calling services) reads are still batched but not memoised.
 */
export interface ItemKey {
  readonly PK: string;
  readonly SK: string;
}
export type Item = Record<string, unknown>;

const MAX_KEYS_PER_BATCH = 100;
const MAX_ATTEMPTS = 8;

interface Waiting {
  readonly key: ItemKey;
  readonly resolve: (item: Item | undefined) => void;
  readonly reject: (error: unknown) => void;
}

export interface ItemBatcher {
  /** The request's memo: key id → item (undefined: read, not there). */
  readonly memo: Map<string, Promise<Item | undefined>>;
  pending: Map<string, Waiting[]>;
  scheduled: boolean;
}

export const newItemBatcher = (memoise: boolean): ItemBatcher => ({ memo: memoise ? new Map() : disabledMemo, pending: new Map(), scheduled: false });

/** A Map that never holds anything (outside a request nothing is memoised). */
const disabledMemo = new (class extends Map<string, Promise<Item | undefined>> {
  override set() {
    return this;
  }
})();

const outsideRequests = newItemBatcher(false);
const batcher = () => invocationState()?.items ?? outsideRequests;

export const itemKeyId = (key: ItemKey) => `${key.PK}\u0000${key.SK}`;

/** The item under `key`, or undefined: the caller's own copy (the memo hands the same read to several callers). */
export async function loadItem(key: ItemKey): Promise<Item | undefined> {
  const item = await sharedItem(key);
  return item && copyOf(item);
}

/** A deep copy of an unmarshalled item (objects, arrays, sets, binary), several times cheaper than `structuredClone`. */
function copyOf<T>(value: T): T {
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map(copyOf) as T;
  if (value instanceof Set) return new Set([...value].map(copyOf)) as T;
  if (value instanceof Uint8Array) return value.slice() as T;
  const copy: Record<string, unknown> = {};
  for (const [name, member] of Object.entries(value)) copy[name] = copyOf(member);
  return copy as T;
}

function sharedItem(key: ItemKey): Promise<Item | undefined> {
  const state = batcher();
  const id = itemKeyId(key);
  const known = state.memo.get(id);
  if (known) return known;
  const loaded = new Promise<Item | undefined>((resolve, reject) => {
    const waiting = state.pending.get(id);
    if (waiting) waiting.push({ key, resolve, reject });
    else state.pending.set(id, [{ key, resolve, reject }]);
  });
  state.memo.set(id, loaded);
  loaded.catch(() => state.memo.delete(id));
  if (!state.scheduled) {
    state.scheduled = true;
    // After the current turn's promise jobs: every branch that only awaited settled values has asked by then.
    setImmediate(() => void flush(state));
  }
  return loaded;
}

/** The items under `keys` that exist, by key id (`itemKeyId`). */
export async function loadItems(keys: readonly ItemKey[]): Promise<Map<string, Item>> {
  const found = new Map<string, Item>();
  const items = await Promise.all(keys.map(loadItem));
  keys.forEach((key, index) => {
    const item = items[index];
    if (item) found.set(itemKeyId(key), item);
  });
  return found;
}

/** Starts reading `keys` with the next batch; errors surface at the reader that awaits them. */
export function prefetchItems(keys: readonly ItemKey[]): void {
  for (const key of keys) sharedItem(key).catch(() => undefined);
}

/** Forgets memoised items after a write to them in this request. */
export function forgetItems(keys: readonly ItemKey[]): void {
  const state = invocationState()?.items;
  if (!state) return;
  for (const key of keys) state.memo.delete(itemKeyId(key));
}

async function flush(state: ItemBatcher): Promise<void> {
  state.scheduled = false;
  const pending = state.pending;
  state.pending = new Map();
  const ids = [...pending.keys()];
  const chunks: string[][] = [];
  for (let start = 0; start < ids.length; start += MAX_KEYS_PER_BATCH) chunks.push(ids.slice(start, start + MAX_KEYS_PER_BATCH));
  await Promise.all(
    chunks.map(async (chunk) => {
      try {
        const items = await batchGet(chunk.map((id) => pending.get(id)![0]!.key));
        for (const id of chunk) for (const waiting of pending.get(id)!) waiting.resolve(items.get(id));
      } catch (error) {
        for (const id of chunk) for (const waiting of pending.get(id)!) waiting.reject(error);
      }
    }),
  );
}

async function batchGet(keys: readonly ItemKey[]): Promise<Map<string, Item>> {
  const table = config.tableName();
  const found = new Map<string, Item>();
  let pending: ItemKey[] = [...keys];
  for (let attempt = 0; pending.length; attempt++) {
    if (attempt >= MAX_ATTEMPTS) throw new Error('DynamoDB kept throttling a batched read');
    if (attempt > 0) await new Promise((resolve) => setTimeout(resolve, 25 * 2 ** attempt));
    const { Responses, UnprocessedKeys } = await dynamo().send(new BatchGetCommand({ RequestItems: { [table]: { Keys: pending, ConsistentRead: true } } }));
    for (const item of Responses?.[table] ?? []) found.set(itemKeyId(item as unknown as ItemKey), item);
    pending = (UnprocessedKeys?.[table]?.Keys ?? []) as ItemKey[];
  }
  return found;
}
