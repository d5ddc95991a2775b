import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * Per-invocation memo (issue 18): reads that every step of one API request needs (shop settings, the
 * caller's company profile) go to DynamoDB once per request instead of once per caller. The scope is
 * one handler invocation (functions/shared/http.ts opens it), so nothing is stale beyond the request
 * itself; outside a scope (queue consumers, tests calling services directly) every call reads.
 * Callers must treat memoised values as read-only.
 */
const scope = new AsyncLocalStorage<Map<string, Promise<unknown>>>();

/** Runs `work` (one handler invocation) with a fresh memo. */
export const inInvocation = <T>(work: () => Promise<T>): Promise<T> => scope.run(new Map(), work);

/** The value of `load` under `key`, loaded at most once in the current invocation (a failed load is retried). */
export function memoised<T>(key: string, load: () => Promise<T>): Promise<T> {
  const memo = scope.getStore();
  if (!memo) return load();
  let value = memo.get(key) as Promise<T> | undefined;
  if (!value) {
    value = load();
    memo.set(key, value);
    value.catch(() => memo.delete(key));
  }
  return value;
}

/** Drops a memoised value after the request changed it. */
export function forget(key: string): void {
  scope.getStore()?.delete(key);
}
