import { X509Certificate, constants, createCipheriv, createHash, publicEncrypt, randomBytes } from 'node:crypto';
import { FA3_FORM_CODE } from './ksef-fa3.js';

/**
 * KSeF 2.0 API port and its HTTP adapter (interactive "online" session with KSeF-token authentication),
 * following the Ministry of Finance's published API (CIRFMF/ksef-docs: open-api.json, uwierzytelnianie.md,
 * sesja-interaktywna.md, faktury/sesje/sesja-sprawdzenie-stanu-i-pobranie-upo.md). See docs/ksef.md.
 *
 *   1. GET  /security/public-key-certificates       MF certificates (KsefTokenEncryption, SymmetricKeyEncryption)
 *   2. POST /auth/challenge                         → challenge, timestampMs
 *   3. POST /auth/ksef-token                        encryptedToken = RSA-OAEP-SHA256("<token>|<timestampMs>") → authenticationToken
 *   4. GET  /auth/{referenceNumber}                 poll until status 200 (100 = in progress)
 *   5. POST /auth/token/redeem                      → accessToken (JWT)
 *   6. POST /sessions/online                        formCode FA (3) 1-0E FA + AES key encrypted with RSA-OAEP-SHA256 and the IV
 *   7. POST /sessions/online/{ref}/invoices         AES-256-CBC/PKCS#7 ciphertext, SHA-256 and sizes of plain and cipher
 *   8. GET  /sessions/{ref}/invoices/{invoiceRef}   poll until status 200 (→ ksefNumber) or a 4xx code (rejected)
 *   9. GET  /sessions/{ref}/invoices/{invoiceRef}/upo   the invoice's UPO (XML, schema upo-v4-3)
 *  10. POST /sessions/online/{ref}/close
 *
 * Unreachable, 5xx or 429 → `KsefUnavailableError`: the caller issues the invoice in offline mode
 * (the KOD I verification link labelled OFFLINE) and sends it later with `offlineMode: true`.
 */

export interface KsefConfig {
  /** API base including the version, e.g. https://api-test.ksef.mf.gov.pl/v2 (srodowiska.md). */
  readonly baseUrl: string;
  /** KSeF token (tokeny-ksef.md) with the InvoiceWrite permission for the seller's context. */
  readonly token: string;
  /** Seller NIP: the authentication context (contextIdentifier type Nip). */
  readonly nip: string;
  /** QR host of the environment: test | demo | production (kody-qr.md). */
  readonly environment: 'test' | 'demo' | 'production';
}

export interface KsefInvoiceStatus {
  readonly code: number;
  readonly description: string;
  readonly details?: readonly string[];
  readonly ksefNumber?: string;
  readonly acquisitionDate?: string;
}

export interface KsefSession {
  readonly referenceNumber: string;
  readonly accessToken: string;
  readonly key: Buffer;
  readonly iv: Buffer;
}

/** The port: what the invoices context needs of KSeF. */
export interface KsefClient {
  openOnlineSession(): Promise<KsefSession>;
  sendInvoice(session: KsefSession, xml: string, options?: { offlineMode?: boolean }): Promise<{ invoiceReferenceNumber: string }>;
  invoiceStatus(session: KsefSession, invoiceReferenceNumber: string): Promise<KsefInvoiceStatus>;
  invoiceUpo(session: KsefSession, invoiceReferenceNumber: string): Promise<string>;
  closeSession(session: KsefSession): Promise<void>;
}

/** KSeF cannot be reached or answers 5xx / 429: issue offline. */
export class KsefUnavailableError extends Error {
  override readonly name = 'KsefUnavailableError';
}

/** KSeF answered and refused (4xx on a call, or an invoice status ≥ 400). */
export class KsefRejectedError extends Error {
  override readonly name = 'KsefRejectedError';
  constructor(
    message: string,
    readonly code: number,
    readonly details: readonly string[] = [],
  ) {
    super(message);
  }
}

export interface KsefHttpOptions {
  readonly fetch?: typeof fetch;
  /** Delay between status polls (ms). */
  readonly pollIntervalMs?: number;
  /** Polls before giving up on a pending status (then: unavailable, send again later). */
  readonly maxPolls?: number;
  /** Per-request timeout (ms). */
  readonly timeoutMs?: number;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const sha256Base64 = (data: Buffer) => createHash('sha256').update(data).digest('base64');
const rsaOaep = (certificate: string, data: Buffer) =>
  publicEncrypt(
    { key: new X509Certificate(Buffer.from(certificate, 'base64')).publicKey, padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash: 'sha256' },
    data,
  ).toString('base64');

/** AES-256-CBC with PKCS#7 padding (node's default padding) under the session key and IV. */
export function encryptInvoice(xml: Buffer, key: Buffer, iv: Buffer): Buffer {
  const cipher = createCipheriv('aes-256-cbc', key, iv);
  return Buffer.concat([cipher.update(xml), cipher.final()]);
}

interface PublicKeyCertificate {
  readonly certificate: string;
  readonly usage: readonly string[];
  readonly validFrom: string;
  readonly validTo: string;
}

export function createKsefHttpClient(config: KsefConfig, options: KsefHttpOptions = {}): KsefClient {
  const doFetch = options.fetch ?? fetch;
  const pollIntervalMs = options.pollIntervalMs ?? 1000;
  const maxPolls = options.maxPolls ?? 30;
  const base = config.baseUrl.replace(/\/+$/, '');

  async function call(method: string, path: string, init: { bearer?: string; body?: unknown; accept?: string } = {}): Promise<Response> {
    let response: Response;
    try {
      response = await doFetch(`${base}${path}`, {
        method,
        headers: {
          accept: init.accept ?? 'application/json',
          ...(init.body !== undefined ? { 'content-type': 'application/json' } : {}),
          ...(init.bearer ? { authorization: `Bearer ${init.bearer}` } : {}),
        },
        ...(init.body !== undefined ? { body: JSON.stringify(init.body) } : {}),
        signal: AbortSignal.timeout(options.timeoutMs ?? 15_000),
      });
    } catch (error) {
      throw new KsefUnavailableError(`KSeF ${method} ${path}: ${(error as Error).message}`);
    }
    if (response.status >= 500 || response.status === 429) throw new KsefUnavailableError(`KSeF ${method} ${path}: HTTP ${response.status}`);
    if (response.status >= 400) {
      const text = await response.text();
      let details: string[] = [];
      try {
        const parsed = JSON.parse(text) as {
          exception?: { exceptionDetailList?: { exceptionCode?: number; exceptionDescription?: string; details?: string[] }[] };
        };
        details = (parsed.exception?.exceptionDetailList ?? []).map((item) =>
          `${item.exceptionCode ?? ''} ${item.exceptionDescription ?? ''} ${(item.details ?? []).join('; ')}`.trim(),
        );
      } catch {
        details = text ? [text.slice(0, 500)] : [];
      }
      throw new KsefRejectedError(`KSeF ${method} ${path}: HTTP ${response.status}`, response.status, details);
    }
    return response;
  }
  const json = async <T>(method: string, path: string, init: { bearer?: string; body?: unknown } = {}): Promise<T> =>
    (await (await call(method, path, init)).json()) as T;

  async function certificateFor(usage: 'KsefTokenEncryption' | 'SymmetricKeyEncryption'): Promise<string> {
    const certificates = await json<PublicKeyCertificate[]>('GET', '/security/public-key-certificates');
    const now = Date.now();
    const match = certificates.find((item) => item.usage.includes(usage) && Date.parse(item.validFrom) <= now && now <= Date.parse(item.validTo));
    if (!match) throw new KsefRejectedError(`KSeF publishes no valid ${usage} certificate`, 0);
    return match.certificate;
  }

  async function accessToken(): Promise<string> {
    const challenge = await json<{ challenge: string; timestampMs: number }>('POST', '/auth/challenge');
    const encryptedToken = rsaOaep(await certificateFor('KsefTokenEncryption'), Buffer.from(`${config.token}|${challenge.timestampMs}`, 'utf8'));
    const init = await json<{ referenceNumber: string; authenticationToken: { token: string } }>('POST', '/auth/ksef-token', {
      body: { challenge: challenge.challenge, contextIdentifier: { type: 'Nip', value: config.nip }, encryptedToken },
    });
    const authenticationToken = init.authenticationToken.token;
    for (let poll = 0; ; poll++) {
      const state = await json<{ status: { code: number; description: string; details?: string[] } }>(
        'GET',
        `/auth/${encodeURIComponent(init.referenceNumber)}`,
        { bearer: authenticationToken },
      );
      if (state.status.code === 200) break;
      if (state.status.code >= 400)
        throw new KsefRejectedError(`KSeF authentication failed: ${state.status.description}`, state.status.code, state.status.details ?? []);
      if (poll >= maxPolls) throw new KsefUnavailableError('KSeF authentication still in progress');
      await sleep(pollIntervalMs);
    }
    const tokens = await json<{ accessToken: { token: string } }>('POST', '/auth/token/redeem', { bearer: authenticationToken });
    return tokens.accessToken.token;
  }

  return {
    async openOnlineSession() {
      const token = await accessToken();
      const key = randomBytes(32);
      const iv = randomBytes(16);
      const session = await json<{ referenceNumber: string }>('POST', '/sessions/online', {
        bearer: token,
        body: {
          formCode: { systemCode: FA3_FORM_CODE.systemCode, schemaVersion: FA3_FORM_CODE.schemaVersion, value: FA3_FORM_CODE.value },
          encryption: { encryptedSymmetricKey: rsaOaep(await certificateFor('SymmetricKeyEncryption'), key), initializationVector: iv.toString('base64') },
        },
      });
      return { referenceNumber: session.referenceNumber, accessToken: token, key, iv };
    },

    async sendInvoice(session, xml, sendOptions = {}) {
      const plain = Buffer.from(xml, 'utf8');
      const encrypted = encryptInvoice(plain, session.key, session.iv);
      const sent = await json<{ referenceNumber: string }>('POST', `/sessions/online/${encodeURIComponent(session.referenceNumber)}/invoices`, {
        bearer: session.accessToken,
        body: {
          invoiceHash: sha256Base64(plain),
          invoiceSize: plain.length,
          encryptedInvoiceHash: sha256Base64(encrypted),
          encryptedInvoiceSize: encrypted.length,
          encryptedInvoiceContent: encrypted.toString('base64'),
          ...(sendOptions.offlineMode ? { offlineMode: true } : {}),
        },
      });
      return { invoiceReferenceNumber: sent.referenceNumber };
    },

    async invoiceStatus(session, invoiceReferenceNumber) {
      const status = await json<{ ksefNumber?: string; acquisitionDate?: string; status: { code: number; description: string; details?: string[] } }>(
        'GET',
        `/sessions/${encodeURIComponent(session.referenceNumber)}/invoices/${encodeURIComponent(invoiceReferenceNumber)}`,
        { bearer: session.accessToken },
      );
      return {
        code: status.status.code,
        description: status.status.description,
        ...(status.status.details ? { details: status.status.details } : {}),
        ...(status.ksefNumber ? { ksefNumber: status.ksefNumber } : {}),
        ...(status.acquisitionDate ? { acquisitionDate: status.acquisitionDate } : {}),
      };
    },

    async invoiceUpo(session, invoiceReferenceNumber) {
      const response = await call(
        'GET',
        `/sessions/${encodeURIComponent(session.referenceNumber)}/invoices/${encodeURIComponent(invoiceReferenceNumber)}/upo`,
        {
          bearer: session.accessToken,
          accept: 'application/xml',
        },
      );
      return response.text();
    },

    async closeSession(session) {
      await call('POST', `/sessions/online/${encodeURIComponent(session.referenceNumber)}/close`, { bearer: session.accessToken });
    },
  };
}

export type KsefOutcome =
  | {
      readonly status: 'accepted';
      readonly ksefNumber: string;
      readonly upo: string;
      readonly sessionReferenceNumber: string;
      readonly invoiceReferenceNumber: string;
      readonly acquisitionDate?: string;
    }
  | { readonly status: 'offline'; readonly reason: string }
  | { readonly status: 'rejected'; readonly code: number; readonly reason: string; readonly details: readonly string[] };

/**
 * One invoice through an online session: open, send, poll the status until KSeF assigns the number,
 * fetch the UPO, close. KSeF unavailable (or still processing after `maxPolls`) → offline; a refusal →
 * rejected with KSeF's code and details. Never throws for KSeF's answers.
 */
export async function submitToKsef(
  client: KsefClient,
  xml: string,
  options: { pollIntervalMs?: number; maxPolls?: number; offlineMode?: boolean } = {},
): Promise<KsefOutcome> {
  const pollIntervalMs = options.pollIntervalMs ?? 1000;
  const maxPolls = options.maxPolls ?? 30;
  let session: KsefSession | undefined;
  try {
    session = await client.openOnlineSession();
    const { invoiceReferenceNumber } = await client.sendInvoice(session, xml, options.offlineMode ? { offlineMode: true } : {});
    for (let poll = 0; ; poll++) {
      const status = await client.invoiceStatus(session, invoiceReferenceNumber);
      if (status.code === 200 && status.ksefNumber) {
        const upo = await client.invoiceUpo(session, invoiceReferenceNumber);
        return {
          status: 'accepted',
          ksefNumber: status.ksefNumber,
          upo,
          sessionReferenceNumber: session.referenceNumber,
          invoiceReferenceNumber,
          ...(status.acquisitionDate ? { acquisitionDate: status.acquisitionDate } : {}),
        };
      }
      if (status.code >= 400) return { status: 'rejected', code: status.code, reason: status.description, details: status.details ?? [] };
      if (poll >= maxPolls) return { status: 'offline', reason: `KSeF still processing after ${maxPolls} polls (invoice ${invoiceReferenceNumber})` };
      await sleep(pollIntervalMs);
    }
  } catch (error) {
    if (error instanceof KsefUnavailableError) return { status: 'offline', reason: error.message };
    if (error instanceof KsefRejectedError) return { status: 'rejected', code: error.code, reason: error.message, details: error.details };
    throw error;
  } finally {
    if (session) await client.closeSession(session).catch(() => undefined);
  }
}
