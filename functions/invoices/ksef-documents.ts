import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import type { ShopSettings } from '../accounts/rules.js';
import { logger } from '../shared/logger.js';
import type { EInvoice } from './einvoice.js';
import { createKsefHttpClient, submitToKsef, type KsefClient, type KsefConfig } from './ksef-client.js';
import { buildFa3Xml, ksefVerificationUrl, polishNip, type Fa3Correction, type KsefEnvironment } from './ksef-fa3.js';

/**
 * KSeF for a seller established in Poland (shop settings `sellerCountry` = PL, NIP from `sellerVatId`):
 * every invoice and credit note also gets its FA(3) XML (a credit note as correction invoice, KOR),
 * sent to KSeF through the port in ksef-client.ts. The outcome is stored on the document
 * (`ksef`: status, KSeF number, references, verification link) and the FA(3) XML and UPO go to S3 next
 * to the PDF. KSeF unreachable or not configured → offline: the PDF shows the KOD I link with the label
 * OFFLINE (kody-qr.md). Configuration: `KSEF_SECRET_ID` (deployed: a Secrets Manager secret
 * `{"baseUrl","token","environment"}`) or `KSEF_BASE_URL` + `KSEF_TOKEN` (+ `KSEF_ENVIRONMENT`) locally.
 */

export interface KsefRecord {
  readonly status: 'accepted' | 'offline' | 'rejected';
  readonly ksefNumber?: string;
  /** KOD I: printed as QR code (and link) on the PDF (absent when no FA(3) could be built). */
  readonly verificationUrl?: string;
  readonly fa3Key?: string;
  readonly upoKey?: string;
  readonly sessionReferenceNumber?: string;
  readonly invoiceReferenceNumber?: string;
  readonly code?: number;
  readonly reason?: string;
  readonly details?: readonly string[];
  readonly submittedAt: string;
}

/** What the PDF prints: the KSeF number, else OFFLINE, under the verification code. */
export interface KsefMarking {
  readonly number?: string;
  readonly verificationUrl: string;
}

export interface KsefIssued {
  readonly record: KsefRecord;
  /** Absent when no FA(3) could be built (the record says why). */
  readonly marking?: KsefMarking;
  /** S3 objects to store next to the PDF (FA(3) XML, UPO). */
  readonly artefacts: readonly { readonly key: string; readonly body: string }[];
}

export const isPolishSeller = (settings: Pick<ShopSettings, 'sellerCountry'>): boolean => settings.sellerCountry.trim().toUpperCase() === 'PL';

export type KsefConnection = Omit<KsefConfig, 'nip'>;

const environments: readonly KsefEnvironment[] = ['test', 'demo', 'production'];
const environmentOf = (value: unknown): KsefEnvironment => (environments.includes(value as KsefEnvironment) ? (value as KsefEnvironment) : 'test');

let cached: { at: number; value: Promise<KsefConnection | undefined> } | undefined;

/** The KSeF endpoint and token: from Secrets Manager (KSEF_SECRET_ID), else KSEF_BASE_URL / KSEF_TOKEN; undefined when neither is set. Cached for 5 minutes. */
export function ksefConnection(): Promise<KsefConnection | undefined> {
  if (cached && Date.now() - cached.at < 300_000) return cached.value;
  const value = (async (): Promise<KsefConnection | undefined> => {
    const secretId = process.env.KSEF_SECRET_ID;
    if (secretId) {
      const secret = await new SecretsManagerClient({}).send(new GetSecretValueCommand({ SecretId: secretId }));
      const parsed = JSON.parse(secret.SecretString ?? '{}') as { baseUrl?: string; token?: string; environment?: string };
      if (!parsed.baseUrl || !parsed.token) return undefined;
      return { baseUrl: parsed.baseUrl, token: parsed.token, environment: environmentOf(parsed.environment) };
    }
    if (process.env.KSEF_BASE_URL && process.env.KSEF_TOKEN)
      return { baseUrl: process.env.KSEF_BASE_URL, token: process.env.KSEF_TOKEN, environment: environmentOf(process.env.KSEF_ENVIRONMENT) };
    return undefined;
  })().catch((error: unknown) => {
    // An unreadable secret must not stop invoicing: the document is issued offline and sent later.
    logger.error('KSeF secret unreadable', { error: (error as Error).message });
    cached = undefined;
    return undefined;
  });
  cached = { at: Date.now(), value };
  return value;
}

export interface KsefIssueInput {
  /** The document as EN 16931 model (einvoice-documents.ts). */
  readonly model: EInvoice;
  /** S3 key without extension, e.g. invoices/<company>/<number>. */
  readonly keyBase: string;
  readonly correction?: Fa3Correction;
  /**
   * DataWytworzeniaFa: the document's issue time, so a retried issue builds the same bytes (the same
   * hash, so KOD I matches what KSeF holds after a duplicate answer); defaults to now.
   */
  readonly generatedAt?: string;
  readonly now?: Date;
}

/**
 * Time budget of one issue (the documents are issued inside Lambda invocations of 10–30 s): 4 s per call,
 * status polled every 400 ms up to 10 times; KSeF numbers are usually assigned at once. Past it the
 * document is offline; sent again later, KSeF answers "duplicate" with the number (see below).
 */
export const KSEF_ISSUE_BUDGET = { timeoutMs: 4000, pollIntervalMs: 400, maxPolls: 10 } as const;

/**
 * Builds the FA(3) XML and sends it to KSeF (`client`; undefined = KSeF not configured → offline).
 * Never throws for KSeF or a seller without a valid NIP: the outcome is recorded, the document is
 * still issued (back office sees `ksef.status`).
 */
export async function issueToKsef(
  input: KsefIssueInput,
  connection: KsefConnection | undefined,
  client?: KsefClient,
  poll: { pollIntervalMs?: number; maxPolls?: number } = KSEF_ISSUE_BUDGET,
): Promise<KsefIssued> {
  const now = input.now ?? new Date();
  const submittedAt = now.toISOString();
  const fa3Key = `${input.keyBase}.fa3.xml`;
  const nip = polishNip(input.model.seller.vatId);
  let xml: string;
  try {
    if (!nip) throw new RangeError(`The seller VAT id "${input.model.seller.vatId ?? ''}" is not a valid Polish NIP`);
    const generatedAt = new Date(input.generatedAt ?? submittedAt).toISOString().replace(/\.\d{3}Z$/, 'Z');
    xml = buildFa3Xml(input.model, { generatedAt, ...(input.correction ? { correction: input.correction } : {}) });
  } catch (error) {
    logger.error('FA(3) could not be built', { keyBase: input.keyBase, error: (error as Error).message });
    return { record: { status: 'rejected', code: 0, reason: `FA(3) not built: ${(error as Error).message}`, submittedAt }, artefacts: [] };
  }
  const verificationUrl = ksefVerificationUrl({ environment: connection?.environment ?? 'production', sellerNip: nip, issueDate: input.model.issueDate, xml });
  const artefacts: { key: string; body: string }[] = [{ key: fa3Key, body: xml }];
  const base = { verificationUrl, fa3Key, submittedAt };
  if (!connection) {
    return {
      record: { ...base, status: 'offline', reason: 'KSeF connection not configured or unreadable (KSEF_SECRET_ID / KSEF_BASE_URL)' },
      marking: { verificationUrl },
      artefacts,
    };
  }
  const sent = await sendToKsef({ xml, nip, keyBase: input.keyBase, base }, connection, client, poll);
  return {
    record: sent.record,
    marking: { ...(sent.record.ksefNumber ? { number: sent.record.ksefNumber } : {}), verificationUrl },
    artefacts: [...artefacts, ...sent.artefacts],
  };
}

/**
 * One send of a built FA(3) XML and what it means for the document's `ksef` record (also used to send an
 * offline document again, `offlineMode`). KSeF's 440 "duplicate" carries the number it assigned the first
 * time (a retried issue, or an offline document KSeF had numbered after all): recorded as accepted.
 */
export async function sendToKsef(
  document: {
    readonly xml: string;
    readonly nip: string;
    readonly keyBase: string;
    readonly base: Pick<KsefRecord, 'verificationUrl' | 'fa3Key' | 'submittedAt'>;
  },
  connection: KsefConnection,
  client?: KsefClient,
  poll: { pollIntervalMs?: number; maxPolls?: number; offlineMode?: boolean } = KSEF_ISSUE_BUDGET,
): Promise<{ record: KsefRecord; artefacts: { key: string; body: string }[] }> {
  const { xml, nip, keyBase, base } = document;
  const outcome = await submitToKsef(
    client ??
      createKsefHttpClient(
        { ...connection, nip },
        { timeoutMs: KSEF_ISSUE_BUDGET.timeoutMs, pollIntervalMs: KSEF_ISSUE_BUDGET.pollIntervalMs, maxPolls: KSEF_ISSUE_BUDGET.maxPolls },
      ),
    xml,
    poll,
  );
  if (outcome.status === 'accepted') {
    const upoKey = `${keyBase}.upo.xml`;
    return {
      record: {
        ...base,
        status: 'accepted',
        ksefNumber: outcome.ksefNumber,
        upoKey,
        sessionReferenceNumber: outcome.sessionReferenceNumber,
        invoiceReferenceNumber: outcome.invoiceReferenceNumber,
      },
      artefacts: [{ key: upoKey, body: outcome.upo }],
    };
  }
  if (outcome.status === 'offline') {
    logger.warn('KSeF unavailable: document stays in offline mode', { keyBase, reason: outcome.reason });
    return { record: { ...base, status: 'offline', reason: outcome.reason }, artefacts: [] };
  }
  const earlier = outcome.code === 440 ? outcome.details.join(' ').match(/\b\d{10}-\d{8}-[0-9A-F]{6}-?[0-9A-F]{6}-[0-9A-F]{2}\b/)?.[0] : undefined;
  if (earlier)
    return { record: { ...base, status: 'accepted', ksefNumber: earlier, reason: 'Duplicate: KSeF had accepted this invoice number before' }, artefacts: [] };
  logger.error('KSeF rejected the document', { keyBase, code: outcome.code, reason: outcome.reason, details: outcome.details });
  return { record: { ...base, status: 'rejected', code: outcome.code, reason: outcome.reason, details: outcome.details }, artefacts: [] };
}
