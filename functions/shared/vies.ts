/**
 * VIES port: asks the EU Commission's VAT Information Exchange System whether a VAT ID is valid
 * (REST API `POST {VIES_ENDPOINT}/check-vat-number`). With the requester's own VAT ID the answer
 * carries a consultation number (`requestIdentifier`), the evidence tax auditors accept.
 *
 * Endpoint from env `VIES_ENDPOINT` (default: the Commission's service); the local stack points it at
 * its VIES contract server (local/vies.ts), so no test ever calls out of the machine.
 */
export const defaultViesEndpoint = 'https://ec.europa.eu/taxation_customs/vies/rest-api';

export interface ViesRequest {
  /** The VAT ID to check, with country prefix (e.g. PL5260250995; EL for Greece). */
  readonly vatId: string;
  /** The seller's own VAT ID (shop settings), for the consultation number; omitted when empty. */
  readonly requesterVatId?: string;
}

/** The port's answer: VIES confirmed, denied, or could not answer. */
export type ViesOutcome =
  | { readonly kind: 'valid'; readonly requestDate: string; readonly consultationNumber?: string; readonly name?: string; readonly address?: string }
  | { readonly kind: 'invalid'; readonly requestDate: string; readonly consultationNumber?: string }
  | { readonly kind: 'unavailable'; readonly error: string };

/** A qualified VIES answer kept as evidence of a buyer's VAT status (accounts keep it, pricing and orders carry it). */
export interface VatIdEvidence {
  readonly vatId: string;
  readonly source: 'VIES';
  readonly valid: true;
  readonly requestDate: string;
  readonly consultationNumber?: string;
  readonly name?: string;
  readonly address?: string;
  readonly checkedAt: string;
}

export type ViesPort = (request: ViesRequest) => Promise<ViesOutcome>;

const split = (vatId: string) => {
  const normalized = vatId.replace(/[\s.-]/g, '').toUpperCase();
  return { countryCode: normalized.slice(0, 2), vatNumber: normalized.slice(2) };
};

/** VIES shows "---" for a name or address a member state does not disclose. */
const given = (value: unknown): string | undefined => {
  if (typeof value !== 'string') return undefined;
  const trimmed = value.trim();
  return trimmed === '' || trimmed === '---' ? undefined : trimmed;
};

const endpoint = () => (process.env.VIES_ENDPOINT?.trim() || defaultViesEndpoint).replace(/\/+$/, '');
const timeoutMs = () => Number(process.env.VIES_TIMEOUT_MS ?? 10_000);

/** Reads a VIES REST answer (200 with `valid`, or an error with `errorWrappers` / `userError`). */
export function viesOutcomeOf(status: number, body: unknown): ViesOutcome {
  const answer = (body ?? {}) as Record<string, unknown>;
  const wrappers = Array.isArray(answer.errorWrappers) ? (answer.errorWrappers as { error?: unknown }[]) : [];
  const userError = typeof answer.userError === 'string' ? answer.userError : undefined;
  if (status !== 200 || wrappers.length > 0 || answer.actionSucceed === false) {
    return { kind: 'unavailable', error: String(wrappers[0]?.error ?? userError ?? `HTTP ${status}`) };
  }
  if (userError && userError !== 'VALID' && userError !== 'INVALID') return { kind: 'unavailable', error: userError };
  if (typeof answer.valid !== 'boolean') return { kind: 'unavailable', error: 'MALFORMED_ANSWER' };
  const requestDate = typeof answer.requestDate === 'string' ? answer.requestDate : new Date().toISOString();
  const consultationNumber = given(answer.requestIdentifier);
  if (!answer.valid) return { kind: 'invalid', requestDate, ...(consultationNumber ? { consultationNumber } : {}) };
  const name = given(answer.name);
  const address = given(answer.address);
  return { kind: 'valid', requestDate, ...(consultationNumber ? { consultationNumber } : {}), ...(name ? { name } : {}), ...(address ? { address } : {}) };
}

/** The HTTP adapter of the port; network errors and timeouts count as `unavailable`, never as invalid. */
export const checkVatWithVies: ViesPort = async ({ vatId, requesterVatId }) => {
  const { countryCode, vatNumber } = split(vatId);
  const requester = requesterVatId ? split(requesterVatId) : undefined;
  try {
    const response = await fetch(`${endpoint()}/check-vat-number`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify({
        countryCode,
        vatNumber,
        ...(requester?.vatNumber ? { requesterMemberStateCode: requester.countryCode, requesterNumber: requester.vatNumber } : {}),
      }),
      signal: AbortSignal.timeout(timeoutMs()),
    });
    const text = await response.text();
    let body: unknown;
    try {
      body = text ? JSON.parse(text) : undefined;
    } catch {
      return { kind: 'unavailable', error: `HTTP ${response.status} (no JSON)` };
    }
    return viesOutcomeOf(response.status, body);
  } catch (error) {
    const name = (error as Error).name;
    return { kind: 'unavailable', error: name === 'TimeoutError' || name === 'AbortError' ? 'TIMEOUT' : 'NETWORK_ERROR' };
  }
};
