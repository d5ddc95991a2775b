import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * The local VIES contract server: answers `POST /check-vat-number` like the EU Commission's VIES REST
 * API (request { countryCode, vatNumber, requesterMemberStateCode?, requesterNumber? }; 200 answer
 * { countryCode, vatNumber, requestDate, valid, requestIdentifier, name, address, userError, … };
 * errors such as a member state that is down: { actionSucceed: false, errorWrappers: [{ error, message }] }),
 * from a table of known VAT IDs. Unknown numbers are "not valid", as VIES says.
 * The consultation number (requestIdentifier) is only given when the requester's VAT ID was sent.
 *
 * `POST /_control/answers` { vatId, answer: 'valid' | 'invalid' | 'MS_UNAVAILABLE' | 'TIMEOUT' | 'SLOW',
 * name?, address? } sets the answer for one VAT ID (tests; `SLOW` waits longer than the client's timeout).
 * `GET /_control/requests` lists what was asked (tests check the requester was sent). Never leaves the machine.
 */
export type ViesAnswer = 'valid' | 'invalid' | 'MS_UNAVAILABLE' | 'TIMEOUT' | 'SLOW';

interface Known {
  readonly answer: ViesAnswer;
  readonly name?: string;
  readonly address?: string;
}

/** The seeded companies (local/seed-data.ts) are registered, with their names as the member states publish them. */
const seededAnswers: Record<string, Known> = {
  DE811907980: { answer: 'valid' }, // Germany discloses neither name nor address ("---")
  PL5260250995: { answer: 'valid', name: 'NOWAK INSTALACJE SPÓŁKA Z OGRANICZONĄ ODPOWIEDZIALNOŚCIĄ', address: 'UL. FLORIAŃSKA 12\n31-019 KRAKÓW' },
};

const errorMessages: Record<string, string> = {
  MS_UNAVAILABLE:
    'The application at the Member State is not replying or not available. Please refer to the Technical Information page to check the status of the requested Member State, try again later',
  TIMEOUT: 'The application did not receive a reply within the allocated time, try again later',
};

export async function startViesContractServer(options: { slowMs?: number } = {}) {
  const answers = new Map<string, Known>(Object.entries(seededAnswers));
  const requests: Record<string, unknown>[] = [];
  const slowMs = options.slowMs ?? 15_000;
  const json = (response: ServerResponse, status: number, body: unknown) => {
    response.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
  };
  const read = (request: IncomingMessage) =>
    new Promise<Record<string, unknown>>((resolve) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        try {
          resolve(JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}') as Record<string, unknown>);
        } catch {
          resolve({});
        }
      });
    });

  const server = createServer(async (request, response) => {
    const body = await read(request);
    if (request.method === 'POST' && request.url === '/_control/answers') {
      const vatId = String(body.vatId ?? '')
        .replace(/[\s.-]/g, '')
        .toUpperCase();
      const answer = String(body.answer ?? '') as ViesAnswer;
      if (!vatId || !['valid', 'invalid', 'MS_UNAVAILABLE', 'TIMEOUT', 'SLOW'].includes(answer))
        return json(response, 400, { message: 'vatId and answer needed' });
      answers.set(vatId, {
        answer,
        ...(typeof body.name === 'string' ? { name: body.name } : {}),
        ...(typeof body.address === 'string' ? { address: body.address } : {}),
      });
      return json(response, 200, { vatId, answer });
    }
    if (request.method === 'GET' && request.url === '/_control/requests') return json(response, 200, { requests });
    if (request.method !== 'POST' || request.url !== '/check-vat-number')
      return json(response, 404, { message: `Not emulated: ${request.method} ${request.url}` });

    const countryCode = String(body.countryCode ?? '').toUpperCase();
    const vatNumber = String(body.vatNumber ?? '')
      .replace(/\s/g, '')
      .toUpperCase();
    requests.push({ at: new Date().toISOString(), ...body });
    if (!/^[A-Z]{2}$/.test(countryCode) || !vatNumber) {
      return json(response, 400, {
        actionSucceed: false,
        errorWrappers: [{ error: 'INVALID_INPUT', message: 'The provided CountryCode is invalid or the VAT number is empty' }],
      });
    }
    const known = answers.get(`${countryCode}${vatNumber}`) ?? { answer: 'invalid' as const };
    if (known.answer === 'SLOW') {
      // unref: a slow answer still pending never keeps the process (or a test run) alive.
      await new Promise((resolve) => setTimeout(resolve, slowMs).unref());
      if (response.destroyed) return;
    }
    if (known.answer === 'MS_UNAVAILABLE' || known.answer === 'TIMEOUT') {
      return json(response, 500, { actionSucceed: false, errorWrappers: [{ error: known.answer, message: errorMessages[known.answer] }] });
    }
    const withRequester = typeof body.requesterMemberStateCode === 'string' && typeof body.requesterNumber === 'string' && body.requesterNumber !== '';
    const valid = known.answer === 'valid' || known.answer === 'SLOW';
    return json(response, 200, {
      countryCode,
      vatNumber,
      requestDate: new Date().toISOString().replace(/\.\d{3}Z$/, '.000Z'),
      valid,
      requestIdentifier: withRequester ? `WAPIAAAA${randomBytes(6).toString('hex').toUpperCase()}` : '',
      name: valid ? (known.name ?? '---') : '---',
      address: valid ? (known.address ?? '---') : '---',
      traderName: '',
      traderStreet: '',
      traderPostalCode: '',
      traderCity: '',
      traderCompanyType: '',
      traderNameMatch: 'NOT_PROCESSED',
      traderStreetMatch: 'NOT_PROCESSED',
      traderPostalCodeMatch: 'NOT_PROCESSED',
      traderCityMatch: 'NOT_PROCESSED',
      traderCompanyTypeMatch: 'NOT_PROCESSED',
      userError: valid ? 'VALID' : 'INVALID',
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    endpoint,
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
