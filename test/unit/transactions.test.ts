import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { beforeEach, describe, expect, it, vi } from 'vitest';

const send = vi.fn();
vi.mock('../../functions/shared/clients/dynamo.js', () => ({ dynamo: () => ({ send }) }));

const { classifyTransactionError, retryDelayMs, transact, transactRetrying, transactWrite } = await import('../../functions/shared/transactions.js');

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
    send
      .mockRejectedValueOnce(canceled('None', 'TransactionConflict'))
      .mockRejectedValueOnce(Object.assign(new Error('busy'), { name: 'TransactionConflictException' }))
      .mockResolvedValueOnce({});
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

describe('classifyTransactionError', () => {
  it('retries conflicts and throttling, in a cancellation or as the error itself', () => {
    expect(classifyTransactionError(canceled('None', 'TransactionConflict'))).toEqual({ kind: 'retry' });
    expect(classifyTransactionError(canceled('ThrottlingError', 'None'))).toEqual({ kind: 'retry' });
    expect(classifyTransactionError(canceled('ProvisionedThroughputExceeded'))).toEqual({ kind: 'retry' });
    for (const name of ['TransactionConflictException', 'ThrottlingException', 'ProvisionedThroughputExceededException', 'RequestLimitExceeded']) {
      expect(classifyTransactionError(Object.assign(new Error('busy'), { name }))).toEqual({ kind: 'retry' });
    }
  });

  it('reports every reason and the first failed condition of any other cancellation', () => {
    expect(classifyTransactionError(canceled('None', 'TransactionConflict', 'ConditionalCheckFailed', 'ConditionalCheckFailed'))).toEqual({
      kind: 'canceled',
      reasons: ['None', 'TransactionConflict', 'ConditionalCheckFailed', 'ConditionalCheckFailed'],
      failedIndex: 2,
    });
    expect(classifyTransactionError(canceled('None', 'ValidationError'))).toEqual({ kind: 'canceled', reasons: ['None', 'ValidationError'], failedIndex: -1 });
  });

  it('leaves everything else to the caller', () => {
    expect(classifyTransactionError(new Error('network'))).toEqual({ kind: 'error' });
    expect(classifyTransactionError(Object.assign(new Error('bad'), { name: 'ValidationException' }))).toEqual({ kind: 'error' });
    expect(classifyTransactionError(undefined)).toEqual({ kind: 'error' });
  });
});

describe('retryDelayMs', () => {
  it('grows exponentially with jitter and is capped', () => {
    const random = vi.spyOn(Math, 'random').mockReturnValue(0.999);
    expect(retryDelayMs(2)).toBeCloseTo(19.98);
    expect(retryDelayMs(3)).toBeCloseTo(39.96);
    expect(retryDelayMs(8)).toBeCloseTo(1278.72);
    expect(retryDelayMs(20)).toBeCloseTo(1278.72);
    random.mockReturnValue(0);
    expect(retryDelayMs(5)).toBe(0);
    random.mockRestore();
  });
});

describe('transact and transactWrite', () => {
  it('returns the cancellation of a failed condition after retrying the conflicts before it', async () => {
    const failure = canceled('None', 'ConditionalCheckFailed');
    send.mockRejectedValueOnce(canceled('TransactionConflict')).mockRejectedValueOnce(failure);
    expect(await transact(items)).toEqual({ ok: false, reasons: ['None', 'ConditionalCheckFailed'], failedIndex: 1, error: failure });
    expect(send).toHaveBeenCalledTimes(2);
  });

  it('throws a cancellation when the conditions were expected to hold', async () => {
    const failure = canceled('ConditionalCheckFailed');
    send.mockRejectedValueOnce(failure);
    await expect(transactWrite(items)).rejects.toBe(failure);
    send.mockReset().mockRejectedValueOnce(canceled('ThrottlingError')).mockResolvedValueOnce({});
    await expect(transactWrite(items)).resolves.toBeUndefined();
    expect(send).toHaveBeenCalledTimes(2);
  });
});
