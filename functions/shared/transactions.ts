import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { TransactWriteCommand, type TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb';
import { dynamo } from './clients.js';

export type TransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];

/** A cancellation caused only by concurrent transactions on the same items (no condition failed). */
const conflictOnly = (error: TransactionCanceledException) =>
  (error.CancellationReasons ?? []).every((reason) => !reason.Code || reason.Code === 'None' || reason.Code === 'TransactionConflict');

/**
 * Runs a transaction; concurrent transactions on the same items (TransactionConflict) are retried
 * with jitter up to `attempts` times. 'condition-failed' when a condition did not hold.
 */
export async function transactRetrying(items: readonly TransactItem[], attempts = 8): Promise<'done' | 'condition-failed'> {
  for (let attempt = 1; ; attempt++) {
    try {
      await dynamo().send(new TransactWriteCommand({ TransactItems: [...items] }));
      return 'done';
    } catch (error) {
      const canceled = error instanceof TransactionCanceledException;
      const conflicting = (canceled && conflictOnly(error)) || (error as Error).name === 'TransactionConflictException';
      if (canceled && !conflicting) return 'condition-failed';
      if (!conflicting || attempt >= attempts) throw error;
      await new Promise((resolve) => setTimeout(resolve, 15 * attempt + Math.random() * 60 * attempt));
    }
  }
}
