import * as z from 'zod';
import { recheckDue } from './vat-check.js';

/**
 * Task of the `vatRecheck` state machine (lib/definitions/state-machines.ts), started daily by its
 * schedule: re-checks with VIES one page of companies whose check is due (GSI2 `VAT-CHECK-DUE`: valid
 * answers after `vatRecheckDays`, unavailable VIES after `vatRetryHours`, never-checked at once) and
 * answers `{ nextKey }` while more are due; the state machine loops. `now` (ISO, optional) is the
 * check time — the schedule sends none; tests send a later time to make checks due.
 */
const taskEvent = z.object({
  input: z
    .object({
      startKey: z.record(z.string(), z.unknown()).optional(),
      now: z.iso.datetime().optional(),
    })
    .loose(),
});

export const handler = async (event: unknown) => {
  const { input } = taskEvent.parse(event);
  const now = input.now ? new Date(input.now) : new Date();
  const { checked, nextKey } = await recheckDue(now, 10, input.startKey);
  return { now: now.toISOString(), checked: checked.length, outcomes: checked, ...(nextKey ? { nextKey } : {}) };
};
