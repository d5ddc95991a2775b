import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { dynamo } from './clients/dynamo.js';
import { config } from './config.js';

/**
 * Gapless counters and the document numbers printed from them: `ORD-2026-000123`, `INV-2026-000123`,
 * `QUO-…`, `RMA-…`, `CN-…`. A prefix, the four-digit year and a per-year sequence padded to six
 * digits (longer sequences print in full, never truncated). Counters are items `PK COUNTER, SK <name>`
 * with a numeric `value`, moved only by an atomic `ADD`, so concurrent writers never get the same number.
 */

export const SEQUENCE_DIGITS = 6;

export interface DocumentNumber {
  readonly prefix: string;
  readonly year: number;
  readonly sequence: number;
}

/** A per-year number series: counter item `COUNTER / <counter>#<year>`, numbers `<prefix>-<year>-<sequence>`. */
export interface NumberSeries {
  readonly counter: string;
  readonly prefix: string;
}

export const counterKey = (name: string) => ({ PK: 'COUNTER', SK: name });

/** The counter's next value (1 for a counter never used). */
export async function nextSequence(name: string): Promise<number> {
  const { Attributes } = await dynamo().send(
    new UpdateCommand({
      TableName: config.tableName(),
      Key: counterKey(name),
      UpdateExpression: 'ADD #value :one',
      ExpressionAttributeNames: { '#value': 'value' },
      ExpressionAttributeValues: { ':one': 1 },
      ReturnValues: 'UPDATED_NEW',
    }),
  );
  return Number(Attributes?.value);
}

/** The sequence part of a number: at least six digits (7 → "000007", 1234567 → "1234567"). */
export function padSequence(sequence: number): string {
  if (!Number.isSafeInteger(sequence) || sequence < 1) throw new RangeError(`Sequence must be a positive integer, got ${sequence}`);
  return String(sequence).padStart(SEQUENCE_DIGITS, '0');
}

export function formatDocumentNumber(prefix: string, year: number, sequence: number): string {
  if (!/^[A-Z]{2,5}$/.test(prefix)) throw new RangeError(`Prefix must be 2-5 capital letters, got ${prefix}`);
  if (!Number.isInteger(year) || year < 1000 || year > 9999) throw new RangeError(`Year must have four digits, got ${year}`);
  return `${prefix}-${year}-${padSequence(sequence)}`;
}

/** The next number of a series in `year`. */
export async function nextDocumentNumber(series: NumberSeries, year: number): Promise<string> {
  return formatDocumentNumber(series.prefix, year, await nextSequence(`${series.counter}#${year}`));
}

const pattern = /^([A-Z]{2,5})-(\d{4})-(\d{6,16})$/;

/**
 * Parses a document number typed or stored anywhere (surrounding spaces and lower case accepted).
 * Returns undefined unless it is canonical apart from case: six-digit minimum padding, no extra
 * leading zeros beyond it, sequence ≥ 1.
 */
export function parseDocumentNumber(text: string, expectedPrefix?: string): DocumentNumber | undefined {
  if (typeof text !== 'string') return undefined;
  const match = pattern.exec(text.trim().toUpperCase());
  if (!match) return undefined;
  const [, prefix = '', yearText = '', sequenceText = ''] = match;
  if (expectedPrefix !== undefined && prefix !== expectedPrefix) return undefined;
  const year = Number(yearText);
  const sequence = Number(sequenceText);
  if (year < 1000 || !Number.isSafeInteger(sequence) || sequence < 1) return undefined;
  if (padSequence(sequence) !== sequenceText) return undefined;
  return { prefix, year, sequence };
}
