import { QueryCommand, type QueryCommandInput } from '@aws-sdk/lib-dynamodb';
import { dynamo } from './clients/dynamo.js';
import { decodeCursor, encodeCursor } from './paging.js';

type Item = Record<string, unknown>;

export interface QueryAllOptions {
  /** Stop fetching further pages once at least this many items were read (the last page is kept whole). */
  readonly maxItems?: number;
}

/** Every item of a Query, following LastEvaluatedKey page by page. */
export async function queryAll(input: Omit<QueryCommandInput, 'ExclusiveStartKey'>, options: QueryAllOptions = {}): Promise<Item[]> {
  const items: Item[] = [];
  let startKey: Item | undefined;
  do {
    const page = await dynamo().send(new QueryCommand({ ...input, ExclusiveStartKey: startKey }));
    items.push(...(page.Items ?? []));
    startKey = page.LastEvaluatedKey;
  } while (startKey && (options.maxItems === undefined || items.length < options.maxItems));
  return items;
}

/** Number of items a Query matches (paged Select COUNT; no item is transferred). */
export async function queryCount(input: Omit<QueryCommandInput, 'ExclusiveStartKey' | 'Select'>): Promise<number> {
  let count = 0;
  let startKey: Item | undefined;
  do {
    const page = await dynamo().send(new QueryCommand({ ...input, Select: 'COUNT', ExclusiveStartKey: startKey }));
    count += page.Count ?? 0;
    startKey = page.LastEvaluatedKey;
  } while (startKey);
  return count;
}

/**
 * One page of a Query that continues at a client's opaque cursor (accepted only for `partition`, see
 * paging.ts), with the cursor of the next page when there is one.
 */
export async function queryPage(
  input: Omit<QueryCommandInput, 'ExclusiveStartKey'>,
  partition: { readonly attribute: string; readonly value: string },
  cursor: string | undefined,
): Promise<{ items: Item[]; nextCursor: string | undefined }> {
  const { Items = [], LastEvaluatedKey } = await dynamo().send(new QueryCommand({ ...input, ExclusiveStartKey: decodeCursor(cursor, partition) }));
  return { items: Items, nextCursor: encodeCursor(LastEvaluatedKey) };
}
