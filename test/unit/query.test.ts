import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { beforeEach, describe, expect, it, vi } from 'vitest';

const send = vi.fn();
vi.mock('../../functions/shared/clients/dynamo.js', () => ({ dynamo: () => ({ send }) }));

const { queryAll, queryCount, queryPage } = await import('../../functions/shared/query.js');
const { encodeCursor } = await import('../../functions/shared/paging.js');

const input = { TableName: 't', KeyConditionExpression: 'PK = :pk', ExpressionAttributeValues: { ':pk': 'P' } };
const startKeys = () => send.mock.calls.map(([command]) => (command as QueryCommand).input.ExclusiveStartKey);

beforeEach(() => send.mockReset());

describe('queryAll', () => {
  it('follows LastEvaluatedKey until the last page', async () => {
    send
      .mockResolvedValueOnce({ Items: [{ n: 1 }, { n: 2 }], LastEvaluatedKey: { PK: 'P', SK: '2' } })
      .mockResolvedValueOnce({ Items: [], LastEvaluatedKey: { PK: 'P', SK: '3' } })
      .mockResolvedValueOnce({ Items: [{ n: 3 }] });
    expect(await queryAll(input)).toEqual([{ n: 1 }, { n: 2 }, { n: 3 }]);
    expect(startKeys()).toEqual([undefined, { PK: 'P', SK: '2' }, { PK: 'P', SK: '3' }]);
    expect((send.mock.calls[0]![0] as QueryCommand).input).toMatchObject(input);
  });

  it('stops fetching once maxItems were read', async () => {
    send.mockResolvedValueOnce({ Items: [{ n: 1 }, { n: 2 }], LastEvaluatedKey: { PK: 'P', SK: '2' } }).mockResolvedValueOnce({ Items: [{ n: 3 }] });
    expect(await queryAll(input, { maxItems: 2 })).toEqual([{ n: 1 }, { n: 2 }]);
    expect(send).toHaveBeenCalledTimes(1);
  });
});

describe('queryCount', () => {
  it('adds the counts of every page with Select COUNT', async () => {
    send.mockResolvedValueOnce({ Count: 2, LastEvaluatedKey: { PK: 'P', SK: '2' } }).mockResolvedValueOnce({ Count: 5 });
    expect(await queryCount(input)).toBe(7);
    expect((send.mock.calls[1]![0] as QueryCommand).input).toMatchObject({ Select: 'COUNT', ExclusiveStartKey: { PK: 'P', SK: '2' } });
  });
});

describe('queryPage', () => {
  const partition = { attribute: 'PK', value: 'P' };

  it('continues at the cursor of its partition and hands out the next one', async () => {
    send.mockResolvedValueOnce({ Items: [{ n: 3 }], LastEvaluatedKey: { PK: 'P', SK: '3' } }).mockResolvedValueOnce({ Items: [{ n: 4 }] });
    const first = await queryPage(input, partition, encodeCursor({ PK: 'P', SK: '2' }));
    expect(first).toEqual({ items: [{ n: 3 }], nextCursor: encodeCursor({ PK: 'P', SK: '3' }) });
    expect(await queryPage(input, partition, first.nextCursor)).toEqual({ items: [{ n: 4 }], nextCursor: undefined });
    expect(startKeys()).toEqual([
      { PK: 'P', SK: '2' },
      { PK: 'P', SK: '3' },
    ]);
  });

  it('refuses a cursor of another partition before querying', async () => {
    await expect(queryPage(input, partition, encodeCursor({ PK: 'OTHER', SK: '1' }))).rejects.toMatchObject({ code: 'INVALID_CURSOR' });
    expect(send).not.toHaveBeenCalled();
  });
});
