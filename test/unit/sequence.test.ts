import { beforeEach, describe, expect, it, vi } from 'vitest';

const send = vi.fn();
vi.mock('../../functions/shared/clients/dynamo.js', () => ({ dynamo: () => ({ send }) }));
vi.mock('../../functions/shared/config.js', () => ({ config: { tableName: () => 'table' } }));

const { counterKey, formatDocumentNumber, nextDocumentNumber, nextSequence, padSequence, parseDocumentNumber } = await import(
  '../../functions/shared/sequence.js'
);
const { sortableTime, timeSortableId } = await import('../../functions/shared/ids.js');
const { CREDIT_NOTE_SERIES, ORDER_SERIES } = await import('../../functions/invoices/numbering.js');
const { QUOTE_SERIES } = await import('../../functions/offers/rules.js');
const { RMA_SERIES } = await import('../../functions/rma/rules.js');

beforeEach(() => send.mockReset());

describe('sequence formatting', () => {
  it('pads to six digits and never truncates longer sequences', () => {
    expect(padSequence(7)).toBe('000007');
    expect(padSequence(999_999)).toBe('999999');
    expect(padSequence(1_234_567)).toBe('1234567');
    for (const bad of [0, -1, 1.5, Number.NaN]) expect(() => padSequence(bad)).toThrow(RangeError);
  });

  it('formats and parses every series the same way', () => {
    expect(formatDocumentNumber('QUO', 2026, 42)).toBe('QUO-2026-000042');
    expect(parseDocumentNumber(' rma-2026-000042 ')).toEqual({ prefix: 'RMA', year: 2026, sequence: 42 });
    expect(parseDocumentNumber('RMA-2026-0000042')).toBeUndefined();
    expect(() => formatDocumentNumber('QUO', 26, 1)).toThrow(/four digits/);
    expect(() => formatDocumentNumber('1C', 2026, 1)).toThrow(/Prefix/);
  });
});

describe('counters', () => {
  it('takes the next value with an atomic ADD on the COUNTER item', async () => {
    send.mockResolvedValueOnce({ Attributes: { value: 5 } });
    expect(await nextSequence('RMA-ROUND-ROBIN')).toBe(5);
    const { input } = send.mock.calls[0]![0] as { input: Record<string, unknown> };
    expect(input).toMatchObject({
      TableName: 'table',
      Key: { PK: 'COUNTER', SK: 'RMA-ROUND-ROBIN' },
      UpdateExpression: 'ADD #value :one',
      ExpressionAttributeValues: { ':one': 1 },
      ReturnValues: 'UPDATED_NEW',
    });
  });

  it('keeps the per-year counter names and number prefixes of existing data', async () => {
    const expected = [
      [ORDER_SERIES, 'ORDER#2026', 'ORD-2026-000003'],
      [CREDIT_NOTE_SERIES, 'CREDITNOTE#2026', 'CN-2026-000003'],
      [QUOTE_SERIES, 'QUOTE#2026', 'QUO-2026-000003'],
      [RMA_SERIES, 'RMA#2026', 'RMA-2026-000003'],
    ] as const;
    for (const [series, counter, number] of expected) {
      send.mockResolvedValueOnce({ Attributes: { value: 3 } });
      expect(await nextDocumentNumber(series, 2026)).toBe(number);
      expect((send.mock.lastCall![0] as { input: { Key: unknown } }).input.Key).toEqual(counterKey(counter));
    }
  });
});

describe('ids', () => {
  it('start with a nine-digit base-36 time, so they sort by time as strings', () => {
    expect(sortableTime(0)).toBe('000000000');
    expect(sortableTime(-5)).toBe('000000000');
    const earlier = timeSortableId(new Date('2026-01-01T00:00:00Z'));
    const later = timeSortableId(new Date('2026-01-01T00:00:00.001Z'));
    expect(earlier).toMatch(/^[0-9a-z]{9}-[0-9a-z]{6}$/);
    expect(earlier.slice(0, 9)).toBe(sortableTime(Date.parse('2026-01-01T00:00:00Z')));
    expect(earlier < later).toBe(true);
    expect(new Set(Array.from({ length: 50 }, () => timeSortableId(new Date(0)))).size).toBe(50);
  });
});
