import { createPrivateKey, createSign } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

/**
 * cognito-local signs every token with a key that ships inside the npm package (which is why a
 * deployed stack never trusts an http issuer). Tests use the same key to mint tokens the emulator
 * could have issued — an older sign-in time, a missing claim — exactly what an attacker with the
 * public emulator key could do locally.
 */
const require = createRequire(import.meta.url);
const privateKeyPem = (JSON.parse(readFileSync(require.resolve('cognito-local/lib/keys/cognitoLocal.private.json'), 'utf8')) as { pem: string }).pem;

const base64url = (value: string | Buffer) => Buffer.from(value).toString('base64url');

export function decodeToken(token: string): Record<string, unknown> {
  return JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString('utf8')) as Record<string, unknown>;
}

/** A real token's claims with `changes` applied (`undefined` removes a claim), signed like cognito-local does. */
export function resignToken(token: string, changes: Record<string, unknown>): string {
  const claims: Record<string, unknown> = { ...decodeToken(token) };
  for (const [claim, value] of Object.entries(changes)) {
    if (value === undefined) delete claims[claim];
    else claims[claim] = value;
  }
  const header = base64url(JSON.stringify({ alg: 'RS256', typ: 'JWT', kid: 'CognitoLocal' }));
  const body = base64url(JSON.stringify(claims));
  const signature = createSign('RSA-SHA256').update(`${header}.${body}`).sign(createPrivateKey(privateKeyPem));
  return `${header}.${body}.${base64url(signature)}`;
}
