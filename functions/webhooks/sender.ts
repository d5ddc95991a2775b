import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { isIP, type LookupFunction } from 'node:net';
import { addressAllowed } from './rules.js';

export interface SendResult {
  readonly httpStatus?: number;
  readonly error?: string;
  readonly durationMs: number;
}

class RefusedAddress extends Error {}

/**
 * Resolves like the system resolver, but refuses the connection when any address of the host is
 * private (SSRF, also via DNS rebinding: the address checked is the address connected to).
 */
const guardedLookup =
  (allowLoopback: boolean): LookupFunction =>
  (hostname, options, callback) => {
    dnsLookup(hostname, { ...options, all: true }, (error, addresses: LookupAddress[]) => {
      if (error) return callback(error, '', 0);
      const refused = addresses.find((entry) => !addressAllowed(entry.address, allowLoopback));
      if (refused || addresses.length === 0) return callback(new RefusedAddress(`${hostname} resolves to a private address`), '', 0);
      if (options.all) return (callback as unknown as (error: null, addresses: LookupAddress[]) => void)(null, addresses);
      callback(null, addresses[0]!.address, addresses[0]!.family);
    });
  };

/**
 * POSTs one webhook: no redirects followed, the answer's body is discarded, `timeoutMs` for the
 * whole exchange. Never throws: the outcome is the HTTP status or why there was none.
 */
export function postWebhook(
  target: string,
  headers: Record<string, string>,
  body: string,
  options: { timeoutMs: number; allowLoopback: boolean },
): Promise<SendResult> {
  const started = Date.now();
  const done = (result: Omit<SendResult, 'durationMs'>): SendResult => ({ ...result, durationMs: Date.now() - started });
  return new Promise((resolve) => {
    let url: URL;
    try {
      url = new URL(target);
    } catch {
      return resolve(done({ error: 'invalid URL' }));
    }
    const host = url.hostname.replace(/^\[|\]$/g, '');
    // IP literals are connected to without a lookup: check them here.
    if (isIP(host) !== 0 && !addressAllowed(host, options.allowLoopback)) return resolve(done({ error: 'refused: private address' }));
    const send = url.protocol === 'https:' ? httpsRequest : url.protocol === 'http:' && options.allowLoopback ? httpRequest : undefined;
    if (!send) return resolve(done({ error: 'refused: not https' }));
    const request = send(
      url,
      {
        method: 'POST',
        headers: { ...headers, 'content-length': String(Buffer.byteLength(body)), 'user-agent': 'b2b-portal-webhooks/1' },
        lookup: guardedLookup(options.allowLoopback),
        timeout: options.timeoutMs,
      },
      (response) => {
        response.resume();
        response.on('end', () => resolve(done({ httpStatus: response.statusCode ?? 0 })));
        response.on('error', () => resolve(done({ httpStatus: response.statusCode ?? 0 })));
      },
    );
    const deadline = setTimeout(() => request.destroy(new Error(`timeout after ${options.timeoutMs} ms`)), options.timeoutMs);
    request.on('timeout', () => request.destroy(new Error(`timeout after ${options.timeoutMs} ms`)));
    request.on('error', (error) => resolve(done({ error: error instanceof RefusedAddress ? `refused: ${error.message}` : error.message.slice(0, 200) })));
    request.on('close', () => clearTimeout(deadline));
    request.end(body);
  });
}
