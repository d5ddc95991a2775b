import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createKsefHttpClient, submitToKsef, type KsefConfig } from '../../functions/invoices/ksef-client.js';
import { buildFa3Xml } from '../../functions/invoices/ksef-fa3.js';
import { polishInvoice, sellerNip } from '../support/ksef-fixtures.js';
import { startKsefTestServer, type KsefTestServer } from '../support/ksef-server.js';
import { validateAgainstXsd } from '../support/xsd.js';

/** The KSeF adapter against the contract test server (test/support/ksef-server.ts), which follows the published KSeF 2.0 API. */

const NIP = sellerNip;
const TOKEN = '20251010-EC-1234567890-ABCDEF0123-45|nip-5261040828|0123456789abcdef';
const invoice = (number: string) => polishInvoice(number);

let server: KsefTestServer;
let config: KsefConfig;
let sequence = 0;
const nextNumber = () => `FV/2026/${String(++sequence).padStart(6, '0')}`;

beforeAll(async () => {
  server = await startKsefTestServer({ token: TOKEN, nip: NIP });
  config = { baseUrl: server.url, token: TOKEN, nip: NIP, environment: 'test' };
});
afterAll(() => server.close());
beforeEach(() => {
  server.available = true;
  server.pendingPolls = 1;
  server.calls.length = 0;
});

describe('KSeF 2.0 HTTP adapter (contract test server)', () => {
  it('token auth, online session, encrypted send, status polling and UPO: the invoice gets its KSeF number', async () => {
    const xml = buildFa3Xml(invoice(nextNumber()), { generatedAt: '2026-11-20T10:00:00Z' });
    server.pendingPolls = 2;
    const outcome = await submitToKsef(createKsefHttpClient(config, { pollIntervalMs: 5 }), xml, { pollIntervalMs: 5 });
    expect(outcome.status).toBe('accepted');
    if (outcome.status !== 'accepted') return;
    expect(outcome.ksefNumber).toMatch(/^5261040828-\d{8}-[0-9A-F]{12}-[0-9A-F]{2}$/);
    // The server decrypted exactly our XML (AES-256-CBC with the RSA-OAEP-wrapped session key).
    expect(server.invoices.get(outcome.invoiceReferenceNumber)?.xml).toBe(xml);
    expect(outcome.upo).toContain(`<NumerKSeFDokumentu>${outcome.ksefNumber}</NumerKSeFDokumentu>`);
    expect(validateAgainstXsd(outcome.upo, 'test/fixtures/xsd/ksef-fa3/upo-v4-3.xsd').errors).toEqual([]);
    expect(server.calls.filter((call) => !call.startsWith('GET /v2/security'))).toEqual([
      'POST /v2/auth/challenge',
      'POST /v2/auth/ksef-token',
      `GET /v2/auth/${server.calls
        .find((call) => /^GET \/v2\/auth\/\d/.test(call))
        ?.split('/')
        .at(-1)}`,
      'POST /v2/auth/token/redeem',
      'POST /v2/sessions/online',
      `POST /v2/sessions/online/${outcome.sessionReferenceNumber}/invoices`,
      `GET /v2/sessions/${outcome.sessionReferenceNumber}/invoices/${outcome.invoiceReferenceNumber}`,
      `GET /v2/sessions/${outcome.sessionReferenceNumber}/invoices/${outcome.invoiceReferenceNumber}`,
      `GET /v2/sessions/${outcome.sessionReferenceNumber}/invoices/${outcome.invoiceReferenceNumber}`,
      `GET /v2/sessions/${outcome.sessionReferenceNumber}/invoices/${outcome.invoiceReferenceNumber}/upo`,
      `POST /v2/sessions/online/${outcome.sessionReferenceNumber}/close`,
    ]);
  });

  it('a wrong KSeF token is refused at authentication (status 450): rejected, nothing sent', async () => {
    const outcome = await submitToKsef(
      createKsefHttpClient({ ...config, token: 'not-the-token' }, { pollIntervalMs: 5 }),
      buildFa3Xml(invoice(nextNumber()), { generatedAt: '2026-11-20T10:00:00Z' }),
    );
    expect(outcome).toMatchObject({ status: 'rejected', code: 450 });
    expect(server.calls.some((call) => call.includes('/sessions/online'))).toBe(false);
  });

  it('an invoice KSeF cannot accept (schema error, duplicate number) is rejected with KSeF status and details', async () => {
    const number = nextNumber();
    const xml = buildFa3Xml(invoice(number), { generatedAt: '2026-11-20T10:00:00Z' });
    const client = createKsefHttpClient(config, { pollIntervalMs: 5 });
    const broken = await submitToKsef(client, xml.replace(/<P_15>[^<]*<\/P_15>/, ''), { pollIntervalMs: 5 });
    expect(broken).toMatchObject({ status: 'rejected', code: 450 });
    expect(await submitToKsef(client, xml, { pollIntervalMs: 5 })).toMatchObject({ status: 'accepted' });
    const duplicate = await submitToKsef(client, xml, { pollIntervalMs: 5 });
    expect(duplicate).toMatchObject({ status: 'rejected', code: 440 });
  });

  it('KSeF unavailable (503) or unreachable: offline outcome, no exception', async () => {
    server.available = false;
    const xml = buildFa3Xml(invoice(nextNumber()), { generatedAt: '2026-11-20T10:00:00Z' });
    expect(await submitToKsef(createKsefHttpClient(config), xml)).toMatchObject({ status: 'offline', reason: expect.stringContaining('503') });
    const unreachable = await submitToKsef(createKsefHttpClient({ ...config, baseUrl: 'http://127.0.0.1:9/v2' }, { timeoutMs: 2000 }), xml);
    expect(unreachable.status).toBe('offline');
  });

  it('still processing after the poll budget: offline (sent again later), the session is closed', async () => {
    server.pendingPolls = 50;
    const outcome = await submitToKsef(createKsefHttpClient(config), buildFa3Xml(invoice(nextNumber()), { generatedAt: '2026-11-20T10:00:00Z' }), {
      pollIntervalMs: 1,
      maxPolls: 3,
    });
    expect(outcome).toMatchObject({ status: 'offline', reason: expect.stringContaining('still processing') });
    expect(server.calls.at(-1)).toMatch(/\/close$/);
  });
});
