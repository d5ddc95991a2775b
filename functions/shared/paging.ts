import { badRequest } from './errors.js';

/**
 * Opaque page cursors: DynamoDB's LastEvaluatedKey as base64url JSON. A cursor is only accepted
 * for the same key partition it was issued for, so a caller cannot steer a query elsewhere.
 */
export type PageKey = Record<string, string>;

export function encodeCursor(key: Record<string, unknown> | undefined): string | undefined {
  return key ? Buffer.from(JSON.stringify(key), 'utf8').toString('base64url') : undefined;
}

export function decodeCursor(cursor: string | undefined, expected: { attribute: string; value: string }): PageKey | undefined {
  if (cursor === undefined) return undefined;
  let decoded: unknown;
  try {
    decoded = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw badRequest('INVALID_CURSOR', 'The page cursor is malformed');
  }
  const valid =
    typeof decoded === 'object' &&
    decoded !== null &&
    Object.values(decoded).every((value) => typeof value === 'string') &&
    (decoded as PageKey)[expected.attribute] === expected.value;
  if (!valid) throw badRequest('INVALID_CURSOR', 'The page cursor does not belong to this list');
  return decoded as PageKey;
}
