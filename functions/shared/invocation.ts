import { AsyncLocalStorage } from 'node:async_hooks';
import { newItemBatcher, type ItemBatcher } from './items.js';

/**
 * Per-invocation memo (issue 18): reads that every step of one API request needs (shop settings, the
 * caller's company profile) go to DynamoDB once per request instead of once per caller. The scope is
 * one handler invocation (functions/shared/http.ts opens it), so nothing is stale beyond the request
 * itself; outside a scope (queue consumers, tests calling services directly) every call reads.
 * Callers must treat memoised values as read-only.
 */
interface InvocationState {
  readonly memo: Map<string, Promise<unknown>>;
  /** Items read by key in this request (functions/shared/items.ts). */
  readonly items: ItemBatcher;
}
const scope = new AsyncLocalStorage<InvocationState>();

/** Runs `work` (one handler invocation) with a fresh memo. */
export const inInvocation = <T>(work: () => Promise<T>): Promise<T> => scope.run({ memo: new Map(), items: newItemBatcher(true) }, work);

/** The current invocation's state, undefined outside one. */
export const invocationState = (): InvocationState | undefined => scope.getStore();

/** The value of `load` under `key`, loaded at most once in the current invocation (a failed load is retried). */
export function memoised<T>(key: string, load: () => Promise<T>): Promise<T> {
  const memo = scope.getStore()?.memo;
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
  scope.getStore()?.memo.delete(key);
}
