import { z } from 'zod';
import { findProducts } from '../catalog/service.js';
import { logger } from '../shared/logger.js';
import { findLineProblems } from './rules.js';

/**
 * Task steps of the order placement state machine (lib/definitions/state-machines.ts).
 * Step Functions passes `{ step, input }`; a thrown error's `name` is the Step Functions error
 * name that Catch/Retry rules match on.
 */
export class OrderRejected extends Error {
  constructor(
    message: string,
    readonly problems: unknown,
  ) {
    super(`${message}: ${JSON.stringify(problems)}`);
    this.name = 'OrderRejected';
  }
}

const orderInput = z.object({
  companyId: z.string().min(1),
  placedBy: z.string().min(1),
  lines: z
    .array(z.object({ sku: z.string().min(1).max(64), quantity: z.number().int().positive().max(1_000_000) }))
    .min(1)
    .max(100),
});

const stepEvent = z.object({ step: z.literal('validate'), input: z.unknown() });

async function validate(input: unknown) {
  const parsed = orderInput.safeParse(input);
  if (!parsed.success) throw new OrderRejected('Malformed order', parsed.error.issues.map((issue) => issue.message));
  const order = parsed.data;
  const products = await findProducts(order.lines.map((line) => line.sku));
  const problems = findLineProblems(order.lines, products);
  if (problems.length) throw new OrderRejected('Order lines cannot be sold', problems);
  return { ...order, validatedAt: new Date().toISOString() };
}

export const handler = async (event: unknown) => {
  const { step, input } = stepEvent.parse(event);
  logger.info('Order workflow step', { step });
  switch (step) {
    case 'validate':
      return validate(input);
  }
};
