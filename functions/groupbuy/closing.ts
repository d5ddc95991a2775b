import * as z from 'zod';
import { closePoolAndEmitOrders } from './service.js';

/**
 * Task of the `groupBuyClosing` state machine (lib/definitions/state-machines.ts), run after its
 * Wait state reached the pool's `closesAt`. It must not start workflows itself (the state machine
 * references this Lambda; CDK forbids the cycle): it emits one event per participant order on the
 * domainEvents queue, and `groupbuyOrders` places them.
 */
const closingEvent = z.object({ poolId: z.string().regex(/^[a-z0-9-]{1,40}$/) }).loose();

export const handler = async (event: unknown) => {
  const { poolId } = closingEvent.parse(event);
  return closePoolAndEmitOrders(poolId);
};
