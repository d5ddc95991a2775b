import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { dynamo, writtenKeys } from '../../functions/shared/clients/dynamo.js';
import { inInvocation } from '../../functions/shared/invocation.js';
import { loadItem, loadItems } from '../../functions/shared/items.js';

process.env.TABLE_NAME ??= 'portal-test';
process.env.AWS_REGION ??= 'eu-central-1';
process.env.AWS_ACCESS_KEY_ID ??= 'test';
process.env.AWS_SECRET_ACCESS_KEY ??= 'test';

/** Answers BatchGetItem from `table` and records each request's keys; other commands succeed without doing anything. */
function fakeDynamo(table: Map<string, Record<string, unknown>>) {
  const batches: string[][] = [];
  const client = dynamo();
  const send = client.send.bind(client);
  const spy = vi.spyOn(client, 'send').mockImplementation(async (command: { constructor: { name: string }; input: unknown }) => {
    if (command.constructor.name === 'BatchGetCommand') {
      const request = (command.input as { RequestItems: Record<string, { Keys: { PK: string; SK: string }[]; ConsistentRead?: boolean }> }).RequestItems;
      const [name, { Keys, ConsistentRead }] = Object.entries(request)[0]!;
      expect(ConsistentRead).toBe(true);
      batches.push(Keys.map((key) => `${key.PK}|${key.SK}`));
      const found = Keys.flatMap((key) => (table.has(`${key.PK}|${key.SK}`) ? [{ ...key, ...table.get(`${key.PK}|${key.SK}`) }] : []));
      return { Responses: { [name]: found } };
    }
    // Writes go through the client's middleware (which forgets what they write), answered before reaching the network.
    return send(command as never);
  });
  return { batches, spy };
}

dynamo().middlewareStack.add(() => async () => ({ output: { $metadata: {} } as never, response: {} }), { step: 'build', name: 'answerWithoutNetwork' });
afterEach(() => vi.restoreAllMocks());

describe('items read by key (functions/shared/items.ts)', () => {
  it('sends the keys asked for in one turn as one BatchGetItem and reads each key once per request', async () => {
    const { batches } = fakeDynamo(
      new Map([
        ['A|1', { value: 1 }],
        ['B|2', { value: 2 }],
      ]),
    );
    await inInvocation(async () => {
      const [a, found] = await Promise.all([
        loadItem({ PK: 'A', SK: '1' }),
        loadItems([
          { PK: 'B', SK: '2' },
          { PK: 'C', SK: '3' },
          { PK: 'A', SK: '1' },
        ]),
      ]);
      expect(a).toMatchObject({ value: 1 });
      expect([...found.keys()].length).toBe(2);
      expect(await loadItem({ PK: 'B', SK: '2' })).toMatchObject({ value: 2 });
    });
    expect(batches).toEqual([['A|1', 'B|2', 'C|3']]);
  });

  it('hands each caller its own copy, and splits more than 100 keys into several requests', async () => {
    const { batches } = fakeDynamo(new Map([['A|1', { list: [1] }]]));
    await inInvocation(async () => {
      const first = await loadItem({ PK: 'A', SK: '1' });
      (first!.list as number[]).push(2);
      expect((await loadItem({ PK: 'A', SK: '1' }))!.list).toEqual([1]);
      await loadItems(Array.from({ length: 150 }, (_, index) => ({ PK: 'K', SK: String(index) })));
    });
    expect(batches.map((batch) => batch.length)).toEqual([1, 100, 50]);
  });

  it('reads a key again after this request wrote it', async () => {
    const { batches } = fakeDynamo(new Map([['A|1', { value: 1 }]]));
    await inInvocation(async () => {
      await loadItem({ PK: 'A', SK: '1' });
      await dynamo().send(new PutCommand({ TableName: 'portal-test', Item: { PK: 'A', SK: '1', value: 2 } }));
      await loadItem({ PK: 'A', SK: '1' });
    });
    expect(batches).toEqual([['A|1'], ['A|1']]);
  });

  it('does not memoise outside a request', async () => {
    const { batches } = fakeDynamo(new Map());
    await loadItem({ PK: 'A', SK: '1' });
    await loadItem({ PK: 'A', SK: '1' });
    expect(batches).toEqual([['A|1'], ['A|1']]);
  });

  it('knows the keys each DynamoDB write changes', () => {
    const key = { PK: 'P', SK: 'S' };
    expect(writtenKeys('PutItemCommand', { Item: { ...key, x: 1 } })).toEqual([key]);
    expect(writtenKeys('UpdateItemCommand', { Key: key })).toEqual([key]);
    expect(writtenKeys('DeleteItemCommand', { Key: key })).toEqual([key]);
    expect(
      writtenKeys('TransactWriteItemsCommand', {
        TransactItems: [{ Put: { Item: key } }, { ConditionCheck: { Key: { PK: 'C', SK: 'C' } } }, { Delete: { Key: { PK: 'D', SK: 'D' } } }],
      }),
    ).toEqual([key, { PK: 'D', SK: 'D' }]);
    expect(
      writtenKeys('BatchWriteItemCommand', { RequestItems: { t: [{ PutRequest: { Item: key } }, { DeleteRequest: { Key: { PK: 'D', SK: 'D' } } }] } }),
    ).toEqual([key, { PK: 'D', SK: 'D' }]);
    expect(writtenKeys('GetItemCommand', { Key: key })).toEqual([]);
  });
});
