import * as z from 'zod';
import { checkDeadline, sendReminder } from './service.js';

/**
 * Task steps of the `rmaLifecycle` state machine (lib/definitions/state-machines.ts): after the Wait
 * until `reminderAt` the assignee is reminded, after the Wait until `deadlineAt` an RMA still open is
 * marked overdue. Both do nothing when the RMA was resolved or its deadline moved (newer revision).
 * Woken before its time (waits are chunked, see MAX_WAIT_DAYS), a step answers `{ wakeAt }` and the
 * state machine waits again.
 */
const stepEvent = z.object({
  step: z.enum(['remind', 'deadline']),
  input: z
    .object({
      companyId: z.string().min(1).max(64),
      rmaId: z.string().regex(/^[a-z0-9-]{1,40}$/),
      revision: z.number().int().min(1),
      reminderAt: z.iso.datetime(),
      deadlineAt: z.iso.datetime(),
    })
    .loose(),
});

export const handler = async (event: unknown) => {
  const { step, input } = stepEvent.parse(event);
  return step === 'remind' ? sendReminder(input) : checkDeadline(input);
};
