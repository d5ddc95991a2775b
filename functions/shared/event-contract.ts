import type { ZodType } from 'zod';
import type { QueueKey } from '../../lib/definitions/index.js';

/**
 * One kind of message on one of the portal's queues, for the AsyncAPI description (functions/apidocs/asyncapi.ts).
 * `envelope`: sent with functions/shared/events.ts publish(), i.e. `{ id, type, occurredAt, data }` with the
 * payload in `data`; otherwise the payload is the whole message body (Step Functions task messages, ERP replies).
 */
export interface EventContract {
  readonly queue: QueueKey;
  readonly type: string;
  readonly summary: string;
  /** `send`: the portal puts it on the queue; `receive`: the portal consumes it (ERP replies). */
  readonly action: 'send' | 'receive';
  readonly envelope: boolean;
  readonly payload: ZodType;
}

export const defineEvents = <const E extends Record<string, EventContract>>(events: E): E => events;
