import { describe, expect, it } from 'vitest';
import { forget, inInvocation, memoised } from '../../functions/shared/invocation.js';
import { countHeaders, parseCountHeader, total } from '../../local/sdk-requests.js';

describe('per-invocation memo', () => {
  it('loads a key once per invocation, again in the next one, and every time outside one', async () => {
    let loads = 0;
    const load = async () => ++loads;
    await inInvocation(async () => {
      expect(await Promise.all([memoised('k', load), memoised('k', load)])).toEqual([1, 1]);
      forget('k');
      expect(await memoised('k', load)).toBe(2);
    });
    await inInvocation(async () => expect(await memoised('k', load)).toBe(3));
    expect(await memoised('k', load)).toBe(4);
    expect(await memoised('k', load)).toBe(5);
  });

  it('retries a failed load instead of keeping the failure', async () => {
    let calls = 0;
    await inInvocation(async () => {
      await expect(memoised('x', async () => (++calls === 1 ? Promise.reject(new Error('throttled')) : calls))).rejects.toThrow('throttled');
      expect(await memoised('x', async () => ++calls)).toBe(2);
    });
  });
});

describe('SDK request count headers', () => {
  it('round-trips counts through the header format', () => {
    const headers = countHeaders({ services: { dynamodb: 3, sfn: 1 }, dynamodb: { GetItem: 2, Query: 1 } });
    expect(headers['x-portal-sdk-requests']).toBe('dynamodb=3, sfn=1');
    expect(parseCountHeader(headers['x-portal-dynamodb-requests'])).toEqual({ GetItem: 2, Query: 1 });
    expect(total(parseCountHeader('none'))).toBe(0);
  });
});
