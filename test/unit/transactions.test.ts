import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { beforeEach, describe, expect, it, vi } from 'vitest';

const send = vi.fn();
vi.mock('../../functions/shared/clients.js', () => ({ dynamo: () => ({ send }) }));

const { transactRetrying } = await import('../../functions/shared/transactions.js');

const canceled = (...codes: string[]) =>
  new TransactionCanceledException({ message: 'canceled', $metadata: {}, CancellationReasons: codes.map((Code) => ({ Code })) });
const items = [{ Put: { TableName: 't', Item: { PK: 'a', SK: 'b' } } }];

beforeEach(() => send.mockReset());

describe('transactRetrying', () => {
  it('writes once when nothing conflicts', async () => {
    send.mockResolvedValueOnce({});
    expect(await transactRetrying(items)).toBe('done');
    expect(send).toHaveBeenCalledTimes(1);
  });

  it('retries cancellations caused only by concurrent transactions', async () => {
    send.mockRejectedValueOnce(canceled('None', 'TransactionConflict')).mockRejectedValueOnce(Object.assign(new Error('busy'), { name: 'TransactionConflictException' })).mockResolvedValueOnce({});
    expect(await transactRetrying(items)).toBe('done');
    expect(send).toHaveBeenCalledTimes(3);
  });

  it('reports a failed condition without retrying', async () => {
    send.mockRejectedValueOnce(canceled('TransactionConflict', 'ConditionalCheckFailed'));
    expect(await transactRetrying(items)).toBe('condition-failed');
    expect(send).toHaveBeenCalledTimes(1);
  });

  it('gives up after the given attempts and throws other errors at once', async () => {
    send.mockRejectedValue(canceled('TransactionConflict'));
    await expect(transactRetrying(items, 2)).rejects.toBeInstanceOf(TransactionCanceledException);
    expect(send).toHaveBeenCalledTimes(2);
    send.mockReset().mockRejectedValueOnce(new Error('network'));
    await expect(transactRetrying(items)).rejects.toThrow('network');
    expect(send).toHaveBeenCalledTimes(1);
  });
});
