// RFC 6238 TOTP (HMAC-SHA1, 30 s steps, 6 digits) over an RFC 4648 base32 secret, as authenticator apps
// compute it. Used by the integration and browser tests to answer Cognito's SOFTWARE_TOKEN_MFA challenge.
import { createHmac } from 'node:crypto';

const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

/** Decodes RFC 4648 base32 (case-insensitive, padding and spaces ignored). */
export function base32Decode(secret: string): Buffer {
  const clean = secret.replace(/[\s=]/g, '').toUpperCase();
  let bits = 0;
  let value = 0;
  const out: number[] = [];
  for (const char of clean) {
    const index = BASE32.indexOf(char);
    if (index < 0) throw new Error(`not a base32 character: ${char}`);
    value = (value << 5) | index;
    bits += 5;
    if (bits >= 8) {
      out.push((value >>> (bits - 8)) & 0xff);
      bits -= 8;
    }
  }
  return Buffer.from(out);
}

/** HOTP (RFC 4226) for one counter value. */
export function hotp(key: Buffer, counter: number, digits = 6): string {
  const message = Buffer.alloc(8);
  message.writeBigUInt64BE(BigInt(counter));
  const mac = createHmac('sha1', key).update(message).digest();
  const offset = mac[mac.length - 1]! & 0x0f;
  const binary = (mac.readUInt32BE(offset) & 0x7fffffff) % 10 ** digits;
  return String(binary).padStart(digits, '0');
}

/** The TOTP code for a base32 secret at a given time (default: now). */
export function totp(secret: string, atMs: number = Date.now(), stepSeconds = 30, digits = 6): string {
  return hotp(base32Decode(secret), Math.floor(atMs / 1000 / stepSeconds), digits);
}

/** A six-digit code that is certainly not the current one (nor the neighbouring steps'). */
export function wrongTotp(secret: string, atMs: number = Date.now()): string {
  const valid = new Set([-1, 0, 1].map((step) => totp(secret, atMs + step * 30_000)));
  let candidate = 0;
  while (valid.has(String(candidate).padStart(6, '0'))) candidate += 1;
  return String(candidate).padStart(6, '0');
}

/** Milliseconds until the next 30-s step begins (to avoid sending a code that expires in flight). */
export function msUntilNextStep(atMs: number = Date.now(), stepSeconds = 30): number {
  return stepSeconds * 1000 - (atMs % (stepSeconds * 1000));
}
