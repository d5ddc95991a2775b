import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { TransactWriteCommand, type TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb';
import { dynamo } from './clients/dynamo.js';

export type TransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];

/** Cancellation reasons that go away when the same transaction is sent again a little later. */
const TRANSIENT_REASONS: ReadonlySet<string> = new Set(['None', 'TransactionConflict', 'ThrottlingError', 'ProvisionedThroughputExceeded']);
/** Errors (other than a cancellation) of a TransactWriteItems call that are worth sending again. */
const TRANSIENT_ERRORS: ReadonlySet<string> = new Set([
  'TransactionConflictException',
  'ThrottlingException',
  'ProvisionedThroughputExceededException',
  'RequestLimitExceeded',
]);

/**
 * What a failed TransactWriteItems call means: 'retry' when it was canceled only by concurrent
 * transactions on the same items or by throttling (no condition failed); 'canceled' with the
 * cancellation reason of every item (`failedIndex`: the first item whose condition failed, -1 if
 * none did) for any other cancellation; 'error' for everything else.
 */
export type TransactionFailure =
  | { readonly kind: 'retry' }
  | { readonly kind: 'canceled'; readonly reasons: readonly string[]; readonly failedIndex: number }
  | { readonly kind: 'error' };

export function classifyTransactionError(error: unknown): TransactionFailure {
  if (error instanceof TransactionCanceledException) {
    const reasons = (error.CancellationReasons ?? []).map((reason) => reason.Code ?? 'None');
    if (reasons.every((code) => TRANSIENT_REASONS.has(code))) return { kind: 'retry' };
    return { kind: 'canceled', reasons, failedIndex: reasons.indexOf('ConditionalCheckFailed') };
  }
  return TRANSIENT_ERRORS.has((error as Error | undefined)?.name ?? '') ? { kind: 'retry' } : { kind: 'error' };
}

/** Jittered exponential pause before the `attempt`-th send (2, 3, …): up to 20 ms · 2^(attempt-2), at most 1.28 s. */
export const retryDelayMs = (attempt: number): number => Math.random() * 20 * 2 ** Math.min(Math.max(attempt - 2, 0), 6);

export type TransactOutcome =
  | { readonly ok: true }
  | { readonly ok: false; readonly reasons: readonly string[]; readonly failedIndex: number; readonly error: TransactionCanceledException };

/**
 * Sends one transaction, again up to `attempts` times in all while it is only canceled by
 * conflicts or throttling. A cancellation for another reason (a failed condition) is returned for
 * the caller to map to its own error; other errors, and conflicts after the last attempt, are thrown.
 */
export async function transact(items: readonly TransactItem[], attempts = 8): Promise<TransactOutcome> {
  for (let attempt = 1; ; attempt++) {
    try {
      await dynamo().send(new TransactWriteCommand({ TransactItems: [...items] }));
      return { ok: true };
    } catch (error) {
      const failure = classifyTransactionError(error);
      if (failure.kind === 'canceled')
        return { ok: false, reasons: failure.reasons, failedIndex: failure.failedIndex, error: error as TransactionCanceledException };
      if (failure.kind === 'error' || attempt >= attempts) throw error;
      await new Promise((resolve) => setTimeout(resolve, retryDelayMs(attempt + 1)));
    }
  }
}

/** Attempts for transactions on items many requests touch at once (a company's credit, stock, a pool). */
export const contendedAttempts = 13;

/**
 * `transact` reduced to 'ok' or 'condition-failed' (a condition of the caller's failed); any other
 * cancellation is thrown.
 */
export async function transactConditional(items: readonly TransactItem[], attempts = 8): Promise<'ok' | 'condition-failed'> {
  const outcome = await transact(items, attempts);
  if (outcome.ok) return 'ok';
  if (outcome.failedIndex >= 0) return 'condition-failed';
  throw outcome.error;
}

/** `transact` for writes whose conditions are expected to hold: a cancellation is thrown as it came. */
export async function transactWrite(items: readonly TransactItem[], attempts = 8): Promise<void> {
  const outcome = await transact(items, attempts);
  if (!outcome.ok) throw outcome.error;
}

/** `transact` reduced to whether it was written: 'condition-failed' for any cancellation that retrying does not cure. */
export async function transactRetrying(items: readonly TransactItem[], attempts = 8): Promise<'done' | 'condition-failed'> {
  return (await transact(items, attempts)).ok ? 'done' : 'condition-failed';
}
