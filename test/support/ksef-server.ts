import { X509Certificate, constants, createDecipheriv, createHash, privateDecrypt, randomBytes, randomUUID } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { validateAgainstXsd } from './xsd.js';

/**
 * Contract test server for the KSeF 2.0 API (node:http), following the Ministry of Finance's published
 * contract (CIRFMF/ksef-docs open-api.json; paths under /v2 like https://api-test.ksef.mf.gov.pl/v2):
 * public-key certificates (a self-signed RSA-2048 certificate made with openssl per server),
 * challenge → ksef-token (RSA-OAEP-SHA256 "<token>|<timestampMs>", checked) → auth status →
 * token redeem (once), online session (AES key decrypted), send invoice (AES-256-CBC decrypted; hashes
 * and sizes checked; the XML validated against the FA(3) XSD: invalid → status 450; duplicate number →
 * 440; seller NIP ≠ context → 410), invoice status (`pendingPolls` × 150, then 200 with a KSeF number),
 * UPO (schema upo-v4-3) and close. `available = false` answers 503 to everything (KSeF down).
 */

const FA3_XSD = 'test/fixtures/xsd/ksef-fa3/schemat_FA3_v1-0E.xsd';
const today = () => new Date().toISOString().slice(0, 10).replace(/-/g, '');
const hex = (bytes: number) => randomBytes(bytes).toString('hex').toUpperCase();
/** 36 characters like 20250626-SO-2F14610000-242991F8C9-B4. */
const referenceNumber = (kind: string) => `${today()}-${kind}-${hex(5)}-${hex(5)}-${hex(1)}`;
const sha256 = (data: Buffer) => createHash('sha256').update(data).digest('base64');

export interface KsefTestServer {
  readonly url: string;
  /** false: every call answers 503 (KSeF unavailable). */
  available: boolean;
  /** Status polls answered 150 (processing) before 200. */
  pendingPolls: number;
  /** Decrypted invoices as received, by invoice reference number. */
  readonly invoices: Map<string, { xml: string; ksefNumber?: string; code: number; offlineMode: boolean }>;
  readonly calls: string[];
  close(): Promise<void>;
}

interface Session {
  readonly key: Buffer;
  readonly iv: Buffer;
  readonly accessToken: string;
  readonly nip: string;
  closed: boolean;
}

const FA3_NIP = /<Podmiot1>.*?<NIP>(\d{10})<\/NIP>/s;
const P_2 = /<P_2>([^<]*)<\/P_2>/;
const P_1 = /<P_1>([^<]*)<\/P_1>/;

function upoXml(input: {
  sessionRef: string;
  nip: string;
  ksefNumber: string;
  number: string;
  issueDate: string;
  receivedAt: string;
  hash: string;
  offline: boolean;
}): string {
  return `<?xml version="1.0" encoding="utf-8"?>
<Potwierdzenie xmlns="http://upo.schematy.mf.gov.pl/KSeF/v4-3">
	<NazwaPodmiotuPrzyjmujacego>Ministerstwo Finansów</NazwaPodmiotuPrzyjmujacego>
	<NumerReferencyjnySesji>${input.sessionRef}</NumerReferencyjnySesji>
	<Uwierzytelnienie>
		<IdKontekstu>
			<Nip>${input.nip}</Nip>
		</IdKontekstu>
		<SkrotDokumentuUwierzytelniajacego>${sha256(Buffer.from(input.sessionRef))}</SkrotDokumentuUwierzytelniajacego>
	</Uwierzytelnienie>
	<NazwaStrukturyLogicznej>Schemat_FA(3)_v1-0E.xsd</NazwaStrukturyLogicznej>
	<KodFormularza>FA (3)</KodFormularza>
	<Dokument>
		<NipSprzedawcy>${input.nip}</NipSprzedawcy>
		<NumerKSeFDokumentu>${input.ksefNumber}</NumerKSeFDokumentu>
		<NumerFaktury>${input.number.replace(/&/g, '&amp;').replace(/</g, '&lt;')}</NumerFaktury>
		<DataWystawieniaFaktury>${input.issueDate}</DataWystawieniaFaktury>
		<DataPrzeslaniaDokumentu>${input.receivedAt}</DataPrzeslaniaDokumentu>
		<DataNadaniaNumeruKSeF>${input.receivedAt}</DataNadaniaNumeruKSeF>
		<SkrotDokumentu>${input.hash}</SkrotDokumentu>
		<TrybWysylki>${input.offline ? 'Offline' : 'Online'}</TrybWysylki>
	</Dokument>
</Potwierdzenie>
`;
}

export async function startKsefTestServer(options: { token: string; nip: string; pendingPolls?: number }): Promise<KsefTestServer> {
  const folder = mkdtempSync(join(tmpdir(), 'ksef-'));
  const made = spawnSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-keyout',
      join(folder, 'key.pem'),
      '-out',
      join(folder, 'cert.pem'),
      '-days',
      '2',
      '-subj',
      '/CN=KSeF contract test',
    ],
    { encoding: 'utf8' },
  );
  if (made.status !== 0) throw new Error(`openssl could not make the test certificate: ${made.stderr}`);
  const privateKey = readFileSync(join(folder, 'key.pem'), 'utf8');
  const certificate = new X509Certificate(readFileSync(join(folder, 'cert.pem')));
  rmSync(folder, { recursive: true, force: true });
  const rsaDecrypt = (base64: string) =>
    privateDecrypt({ key: privateKey, padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash: 'sha256' }, Buffer.from(base64, 'base64'));

  const challenges = new Map<string, number>();
  const auths = new Map<string, { authenticationToken: string; code: number; description: string; redeemed: boolean }>();
  const accessTokens = new Map<string, string>(); // token → NIP
  const sessions = new Map<string, Session>();
  const invoiceSessions = new Map<string, string>();
  const polls = new Map<string, number>();
  const numbersSeen = new Map<string, string>();
  const meta = new Map<string, { receivedAt: string; hash: string; number: string; issueDate: string }>();

  const state: KsefTestServer = {
    url: '',
    available: true,
    pendingPolls: options.pendingPolls ?? 1,
    invoices: new Map(),
    calls: [],
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };

  const send = (res: ServerResponse, status: number, body?: unknown, type = 'application/json') => {
    res.writeHead(status, body === undefined ? {} : { 'content-type': type });
    res.end(body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body));
  };
  const fail = (res: ServerResponse, status: number, code: number, description: string, details: string[] = []) =>
    send(res, status, {
      exception: {
        exceptionDetailList: [{ exceptionCode: code, exceptionDescription: description, details }],
        serviceCode: randomUUID(),
        timestamp: new Date().toISOString(),
      },
    });
  const bearer = (req: IncomingMessage) => /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
  const readJson = async (req: IncomingMessage): Promise<Record<string, unknown> | undefined> => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    try {
      const parsed = JSON.parse(Buffer.concat(chunks).toString('utf8')) as unknown;
      return parsed && typeof parsed === 'object' ? (parsed as Record<string, unknown>) : undefined;
    } catch {
      return undefined;
    }
  };
  const isHash = (value: unknown) => typeof value === 'string' && value.length === 44 && Buffer.from(value, 'base64').length === 32;

  async function handle(req: IncomingMessage, res: ServerResponse) {
    const method = req.method ?? 'GET';
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    state.calls.push(`${method} ${path}`);
    if (!state.available) return fail(res, 503, 0, 'Service Unavailable');
    let match: RegExpExecArray | null;

    if (method === 'GET' && path === '/v2/security/public-key-certificates') {
      const cert = certificate.raw.toString('base64');
      const validFrom = new Date(Date.now() - 86_400_000).toISOString();
      const validTo = new Date(Date.now() + 86_400_000).toISOString();
      return send(res, 200, [
        { certificate: cert, certificateId: sha256(certificate.raw), publicKeyId: sha256(certificate.raw), validFrom, validTo, usage: ['KsefTokenEncryption'] },
        {
          certificate: cert,
          certificateId: sha256(certificate.raw),
          publicKeyId: sha256(certificate.raw),
          validFrom,
          validTo,
          usage: ['SymmetricKeyEncryption'],
        },
      ]);
    }
    if (method === 'POST' && path === '/v2/auth/challenge') {
      const challenge = referenceNumber('CR');
      const timestampMs = Date.now();
      challenges.set(challenge, timestampMs);
      return send(res, 200, { challenge, timestamp: new Date(timestampMs).toISOString(), timestampMs, clientIp: '127.0.0.1' });
    }
    if (method === 'POST' && path === '/v2/auth/ksef-token') {
      const body = await readJson(req);
      const context = body?.contextIdentifier as { type?: string; value?: string } | undefined;
      if (typeof body?.challenge !== 'string' || typeof body.encryptedToken !== 'string' || context?.type !== 'Nip' || typeof context.value !== 'string')
        return fail(res, 400, 21405, 'Błąd walidacji danych wejściowych.');
      const timestampMs = challenges.get(body.challenge);
      challenges.delete(body.challenge);
      let code = 200;
      let description = 'Uwierzytelnianie zakończone sukcesem';
      try {
        const plain = rsaDecrypt(body.encryptedToken).toString('utf8');
        if (timestampMs === undefined) [code, description] = [450, 'Nieprawidłowe wyzwanie autoryzacyjne'];
        else if (plain !== `${options.token}|${timestampMs}`) [code, description] = [450, 'Nieprawidłowy token'];
        else if (context.value !== options.nip) [code, description] = [415, 'Brak przypisanych uprawnień'];
      } catch {
        [code, description] = [450, 'Nieprawidłowy token'];
      }
      const ref = referenceNumber('AU');
      const authenticationToken = `auth-${randomUUID()}`;
      auths.set(ref, { authenticationToken, code, description, redeemed: false });
      return send(res, 202, {
        referenceNumber: ref,
        authenticationToken: { token: authenticationToken, validUntil: new Date(Date.now() + 600_000).toISOString() },
      });
    }
    if (method === 'GET' && (match = /^\/v2\/auth\/([^/]+)$/.exec(path)) && match[1] !== 'sessions') {
      const auth = auths.get(decodeURIComponent(match[1] ?? ''));
      if (!auth || bearer(req) !== auth.authenticationToken) return fail(res, 401, 0, 'Unauthorized');
      return send(res, 200, {
        startDate: new Date().toISOString(),
        authenticationMethod: 'Token',
        authenticationMethodInfo: { category: 'Token', code: 'token', displayName: 'Token KSeF' },
        status: { code: auth.code, description: auth.description },
      });
    }
    if (method === 'POST' && path === '/v2/auth/token/redeem') {
      const auth = [...auths.values()].find((item) => item.authenticationToken === bearer(req));
      if (!auth) return fail(res, 401, 0, 'Unauthorized');
      if (auth.code !== 200 || auth.redeemed)
        return fail(res, 400, 21301, 'Brak autoryzacji.', ['Tokeny zostały już pobrane lub uwierzytelnianie się nie powiodło.']);
      auth.redeemed = true;
      const token = `access-${randomUUID()}`;
      accessTokens.set(token, options.nip);
      const validUntil = new Date(Date.now() + 900_000).toISOString();
      return send(res, 200, { accessToken: { token, validUntil }, refreshToken: { token: `refresh-${randomUUID()}`, validUntil } });
    }
    const nip = accessTokens.get(bearer(req) ?? '');
    if (!nip) return fail(res, 401, 0, 'Unauthorized');

    if (method === 'POST' && path === '/v2/sessions/online') {
      const body = await readJson(req);
      const formCode = body?.formCode as { systemCode?: string; schemaVersion?: string; value?: string } | undefined;
      const encryption = body?.encryption as { encryptedSymmetricKey?: string; initializationVector?: string } | undefined;
      if (formCode?.systemCode !== 'FA (3)' || formCode.schemaVersion !== '1-0E' || formCode.value !== 'FA')
        return fail(res, 400, 21405, 'Błąd walidacji danych wejściowych.', ['formCode']);
      if (typeof encryption?.encryptedSymmetricKey !== 'string' || typeof encryption.initializationVector !== 'string')
        return fail(res, 400, 21405, 'Błąd walidacji danych wejściowych.', ['encryption']);
      let key: Buffer;
      try {
        key = rsaDecrypt(encryption.encryptedSymmetricKey);
      } catch {
        return fail(res, 400, 21405, 'Błąd odszyfrowania dostarczonego klucza');
      }
      const iv = Buffer.from(encryption.initializationVector, 'base64');
      if (key.length !== 32 || iv.length !== 16) return fail(res, 400, 21405, 'Błąd walidacji danych wejściowych.', ['key 32 bytes, IV 16 bytes']);
      const ref = referenceNumber('SO');
      sessions.set(ref, { key, iv, accessToken: bearer(req) ?? '', nip, closed: false });
      return send(res, 201, { referenceNumber: ref, validUntil: new Date(Date.now() + 12 * 3_600_000).toISOString() });
    }
    if ((match = /^\/v2\/sessions\/online\/([^/]+)\/(invoices|close)$/.exec(path)) && method === 'POST') {
      const ref = decodeURIComponent(match[1] ?? '');
      const session = sessions.get(ref);
      if (!session || session.accessToken !== bearer(req)) return fail(res, 400, 21173, 'Brak sesji o wskazanym numerze referencyjnym.');
      if (match[2] === 'close') {
        session.closed = true;
        return send(res, 204);
      }
      if (session.closed) return fail(res, 400, 21180, 'Sesja zamknięta.');
      const body = await readJson(req);
      if (
        !body ||
        !isHash(body.invoiceHash) ||
        !isHash(body.encryptedInvoiceHash) ||
        typeof body.invoiceSize !== 'number' ||
        typeof body.encryptedInvoiceSize !== 'number' ||
        typeof body.encryptedInvoiceContent !== 'string'
      )
        return fail(res, 400, 21405, 'Błąd walidacji danych wejściowych.');
      const encrypted = Buffer.from(body.encryptedInvoiceContent, 'base64');
      if (sha256(encrypted) !== body.encryptedInvoiceHash || encrypted.length !== body.encryptedInvoiceSize)
        return fail(res, 400, 21405, 'Błąd walidacji danych wejściowych.', ['encryptedInvoiceHash / encryptedInvoiceSize']);
      const invoiceRef = referenceNumber('EE');
      let plain: Buffer | undefined;
      try {
        const decipher = createDecipheriv('aes-256-cbc', session.key, session.iv);
        plain = Buffer.concat([decipher.update(encrypted), decipher.final()]);
      } catch {
        plain = undefined;
      }
      const record = { xml: plain?.toString('utf8') ?? '', code: 100, offlineMode: body.offlineMode === true } as {
        xml: string;
        ksefNumber?: string;
        code: number;
        offlineMode: boolean;
        details?: string[];
      };
      if (!plain) record.code = 435;
      else if (sha256(plain) !== body.invoiceHash || plain.length !== body.invoiceSize)
        return fail(res, 400, 21405, 'Błąd walidacji danych wejściowych.', ['invoiceHash / invoiceSize']);
      else {
        const validation = validateAgainstXsd(record.xml, FA3_XSD);
        const sellerNip = FA3_NIP.exec(record.xml)?.[1];
        const number = P_2.exec(record.xml)?.[1] ?? '';
        if (!validation.valid) [record.code, record.details] = [450, validation.errors.slice(0, 5)];
        else if (sellerNip !== session.nip) record.code = 410;
        else if (numbersSeen.has(`${sellerNip}|${number}`))
          [record.code, record.details] = [440, [`Duplikat faktury. Faktura o numerze KSeF: ${numbersSeen.get(`${sellerNip}|${number}`)}`]];
        else {
          record.ksefNumber = `${session.nip}-${today()}-${hex(6)}-${hex(1)}`;
          numbersSeen.set(`${sellerNip}|${number}`, record.ksefNumber);
          meta.set(invoiceRef, { receivedAt: new Date().toISOString(), hash: String(body.invoiceHash), number, issueDate: P_1.exec(record.xml)?.[1] ?? '' });
        }
      }
      state.invoices.set(invoiceRef, record);
      invoiceSessions.set(invoiceRef, ref);
      polls.set(invoiceRef, 0);
      return send(res, 202, { referenceNumber: invoiceRef });
    }
    if (method === 'GET' && (match = /^\/v2\/sessions\/([^/]+)\/invoices\/([^/]+)(\/upo)?$/.exec(path))) {
      const ref = decodeURIComponent(match[1] ?? '');
      const invoiceRef = decodeURIComponent(match[2] ?? '');
      const session = sessions.get(ref);
      const record = state.invoices.get(invoiceRef) as { xml: string; ksefNumber?: string; code: number; offlineMode: boolean; details?: string[] } | undefined;
      if (!session || !record || invoiceSessions.get(invoiceRef) !== ref) return fail(res, 400, 21173, 'Brak sesji o wskazanym numerze referencyjnym.');
      const count = (polls.get(invoiceRef) ?? 0) + 1;
      const info = meta.get(invoiceRef);
      if (match[3]) {
        if (!record.ksefNumber || !info || count <= state.pendingPolls) return fail(res, 400, 21178, 'Nie znaleziono UPO dla podanych kryteriów.');
        return send(
          res,
          200,
          upoXml({
            sessionRef: ref,
            nip: session.nip,
            ksefNumber: record.ksefNumber,
            number: info.number,
            issueDate: info.issueDate,
            receivedAt: info.receivedAt,
            hash: info.hash,
            offline: record.offlineMode,
          }),
          'application/xml',
        );
      }
      polls.set(invoiceRef, count);
      const descriptions: Record<number, string> = {
        150: 'Trwa przetwarzanie',
        200: 'Sukces',
        410: 'Nieprawidłowy zakres uprawnień',
        435: 'Błąd odszyfrowania pliku',
        440: 'Duplikat faktury',
        450: 'Błąd weryfikacji semantyki dokumentu faktury',
      };
      const code = record.ksefNumber ? (count <= state.pendingPolls ? 150 : 200) : record.code;
      return send(res, 200, {
        ordinalNumber: 1,
        referenceNumber: invoiceRef,
        invoiceHash: info?.hash ?? sha256(Buffer.from(record.xml)),
        invoicingDate: new Date().toISOString(),
        invoicingMode: record.offlineMode ? 'Offline' : 'Online',
        ...(code === 200 && record.ksefNumber ? { ksefNumber: record.ksefNumber, invoiceNumber: info?.number, acquisitionDate: info?.receivedAt } : {}),
        status: { code, description: descriptions[code] ?? 'Nieznany błąd', ...(record.details ? { details: record.details } : {}) },
      });
    }
    return fail(res, 404, 0, 'Not Found');
  }

  const server: Server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => fail(res, 500, 0, String(error)));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  (state as { url: string }).url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v2`;
  return state;
}
