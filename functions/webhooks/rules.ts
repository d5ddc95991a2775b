import { createHash, createHmac } from 'node:crypto';
import { BlockList, isIP } from 'node:net';
import { sortableTime } from '../shared/ids.js';

/**
 * Webhook rules, pure: the Standard Webhooks signature (https://www.standardwebhooks.com), the retry
 * schedule, delivery ids and which target addresses a webhook may be sent to (SSRF).
 */

export const secretPrefix = 'whsec_';

/** `v1,<base64 HMAC-SHA256(key, "<id>.<timestamp>.<body>")>`; the key is the base64 part of `whsec_<base64>`. */
export function signature(secret: string, id: string, timestamp: number, body: string): string {
  if (!secret.startsWith(secretPrefix)) throw new Error('A webhook secret starts with whsec_');
  const key = Buffer.from(secret.slice(secretPrefix.length), 'base64');
  return `v1,${createHmac('sha256', key).update(`${id}.${timestamp}.${body}`).digest('base64')}`;
}

/** The headers of one delivery attempt (the timestamp is the attempt's, in seconds). */
export function signedHeaders(secret: string, id: string, timestamp: number, body: string): Record<string, string> {
  return {
    'content-type': 'application/json',
    'webhook-id': id,
    'webhook-timestamp': String(timestamp),
    'webhook-signature': signature(secret, id, timestamp, body),
  };
}

/** Longest SQS visibility timeout (12 h): no back-off is longer. */
export const maxRetryDelaySeconds = 43_200;

/**
 * Seconds before the next attempt after `failedAttempts` failures: base × 2^(n−1), capped at 12 h
 * (base 60 s: 1, 2, 4, 8, 16, 32, 64 minutes between the eight attempts).
 */
export function retryDelaySeconds(failedAttempts: number, baseSeconds: number): number {
  if (failedAttempts < 1) return 0;
  return Math.min(maxRetryDelaySeconds, Math.round(baseSeconds * 2 ** (failedAttempts - 1)));
}

/** The same event for the same subscription always gets the same id (the dispatcher may see an event twice); ids sort by event time. */
export function deliveryIdFor(eventId: string, subscriptionId: string, occurredAt: string): string {
  const digest = createHash('sha256').update(`${eventId}:${subscriptionId}`).digest('hex').slice(0, 20);
  return `${sortableTime(Date.parse(occurredAt) || 0)}-${digest}`;
}

export const isSuccess = (httpStatus: number): boolean => httpStatus >= 200 && httpStatus < 300;

const privateRanges = new BlockList();
for (const [network, prefix] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['224.0.0.0', 3],
] as const) {
  privateRanges.addSubnet(network, prefix, 'ipv4');
}
for (const [network, prefix] of [
  ['::', 128],
  ['::1', 128],
  ['fc00::', 7],
  ['fe80::', 10],
  ['ff00::', 8],
  ['64:ff9b::', 96],
] as const) {
  privateRanges.addSubnet(network, prefix, 'ipv6');
}

const loopbackRanges = new BlockList();
loopbackRanges.addSubnet('127.0.0.0', 8, 'ipv4');
loopbackRanges.addAddress('::1', 'ipv6');

/** An IPv4-mapped IPv6 address (`::ffff:10.0.0.1`) is judged by its IPv4 address. */
function normalise(address: string): { address: string; family: 'ipv4' | 'ipv6' } {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped) return { address: mapped[1]!, family: 'ipv4' };
  return { address, family: isIP(address) === 6 ? 'ipv6' : 'ipv4' };
}

export const isLoopbackAddress = (address: string): boolean => {
  const { address: plain, family } = normalise(address);
  return loopbackRanges.check(plain, family);
};

/** Private, loopback, link-local (cloud metadata 169.254.169.254), CGNAT, multicast, reserved. */
export const isPrivateAddress = (address: string): boolean => {
  const { address: plain, family } = normalise(address);
  return privateRanges.check(plain, family);
};

/** Whether a resolved address may receive a webhook: public only; loopback only where the local stack allows it. */
export const addressAllowed = (address: string, allowLoopback: boolean): boolean => !isPrivateAddress(address) || (allowLoopback && isLoopbackAddress(address));

export type TargetProblem = 'NOT_A_URL' | 'NOT_HTTPS' | 'HAS_CREDENTIALS' | 'PRIVATE_ADDRESS';

/**
 * Checks a subscription URL: https only (http only to loopback when `allowLoopback`, i.e. the local
 * stack), no user info, no private IP literal. Host names are checked again on every delivery,
 * against the addresses they resolve to (functions/webhooks/sender.ts).
 */
export function targetProblem(value: string, allowLoopback: boolean): TargetProblem | undefined {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return 'NOT_A_URL';
  }
  if (url.username || url.password) return 'HAS_CREDENTIALS';
  const host = url.hostname.replace(/^\[|\]$/g, '');
  const loopbackHost = host === 'localhost' || (isIP(host) !== 0 && isLoopbackAddress(host));
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && allowLoopback && loopbackHost)) return 'NOT_HTTPS';
  if (host === 'localhost' && !allowLoopback) return 'PRIVATE_ADDRESS';
  if (isIP(host) !== 0 && !addressAllowed(host, allowLoopback)) return 'PRIVATE_ADDRESS';
  return undefined;
}
