import { readFileSync } from 'node:fs';
import { Ajv } from 'ajv';
import formats from 'ajv-formats';

// ajv-formats is CommonJS: under NodeNext its default import is the module object.
const addFormats = ((formats as unknown as { default?: unknown }).default ?? formats) as (ajv: Ajv) => Ajv;
import { describe, expect, it } from 'vitest';
import { buildAsyncApi } from '../../functions/apidocs/asyncapi.js';
import { eventCatalog } from '../../functions/events.js';
import { orderPlacedMessage } from '../../functions/erp/messages.js';

const officialSchema = JSON.parse(readFileSync(new URL('../fixtures/asyncapi/asyncapi-3.0.0.schema.json', import.meta.url), 'utf8')) as object;

describe('AsyncAPI description of the queues', () => {
  const document = buildAsyncApi(eventCatalog, { version: 'test' }) as unknown as {
    channels: Record<string, { messages: Record<string, unknown> }>;
    components: { messages: Record<string, { name: string; payload: { properties?: Record<string, unknown> } }> };
  };

  it('validates against the official AsyncAPI 3.0.0 JSON Schema', () => {
    const ajv = new Ajv({ strict: false, allErrors: true });
    addFormats(ajv);
    const validate = ajv.compile(officialSchema);
    const valid = validate(document);
    expect(validate.errors?.slice(0, 5) ?? []).toEqual([]);
    expect(valid).toBe(true);
    // The check has teeth: an operation on an unknown action is refused.
    const broken = structuredClone(document) as unknown as { operations: Record<string, { action: string }> };
    Object.values(broken.operations)[0]!.action = 'publish';
    expect(validate(broken)).toBe(false);
  });

  it('describes every message of the catalog on its queue, enveloped ones with id/type/occurredAt/data', () => {
    for (const [name, event] of Object.entries(eventCatalog)) {
      expect(document.channels[event.queue]?.messages[name], name).toBeDefined();
      const message = document.components.messages[name]!;
      expect(message.name).toBe(event.type);
      if (event.envelope) expect(Object.keys(message.payload.properties ?? {})).toEqual(['id', 'type', 'occurredAt', 'data']);
    }
    expect(document.channels.erpOutbound?.messages).toHaveProperty('orderPlaced');
    expect(document.channels.erpInbound?.messages).toHaveProperty('orderAccepted');
  });

  it('uses the schemas the code parses messages with', () => {
    expect(eventCatalog.orderPlaced.payload).toBe(orderPlacedMessage);
    expect(
      eventCatalog.orderAccepted.payload.safeParse({ type: 'order.accepted', taskToken: 't', erpOrderId: 'E1', invoiceNumber: 'R-1', issuedAt: '2026-12-01' })
        .success,
    ).toBe(true);
  });
});
