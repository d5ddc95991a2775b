import { JwtVerifier } from 'aws-jwt-verify';
import { validateCognitoJwtFields } from 'aws-jwt-verify/cognito-verifier';
import type { JwtPayload } from 'aws-jwt-verify/jwt-model';
import { activeCompanyHeader, isCompanyRole, roles, userPool, type Role } from '../../lib/definitions/index.js';
import { config } from './config.js';
import { AppError, forbidden, unauthenticated } from './errors.js';
import { findMembership } from './memberships.js';

/** Who is calling, taken only from a verified Cognito ID token. */
export interface Identity {
  readonly sub: string;
  readonly email: string;
  readonly name: string;
  readonly role: Role;
  /** Present for company users (company-admin, super-user, buyer); staff have none. */
  readonly companyId?: string;
  /**
   * Set only while the user acts in another company than the home company of the token: then
   * `companyId` and `role` are the active company and the membership's role, `home` what the token says.
   */
  readonly home?: { readonly companyId: string; readonly role: Role };
  /**
   * Set for an integrator's machine client (client credentials access token): `sub` is the client id,
   * the role is staff-like ('back-office') and `scopes` (without the resource server prefix) limit
   * which routes it may call (functions/shared/http.ts).
   */
  readonly machine?: { readonly clientId: string; readonly scopes: readonly string[] };
}

export { activeCompanyHeader };

/**
 * The identity inside the company the request asks for. No header or the home company: the token's
 * identity, without any read. Another company: only with an enabled membership there, which then
 * supplies the role; staff identities carry no company and ignore the header.
 */
export function identityInCompany(
  identity: Identity,
  requestedCompanyId: string | undefined,
  membership: { role: Role; enabled: boolean } | undefined,
): Identity {
  if (!requestedCompanyId || !identity.companyId || requestedCompanyId === identity.companyId) return identity;
  if (!membership?.enabled) throw new AppError(403, 'NOT_A_MEMBER', 'You are not a member of this company');
  return { ...identity, companyId: requestedCompanyId, role: membership.role, home: { companyId: identity.companyId, role: identity.role } };
}

/** The requested active company from the headers (API Gateway lower-cases names); malformed ids are refused. */
export function requestedActiveCompany(headers: Record<string, string | undefined>): string | undefined {
  const value = headers[activeCompanyHeader]?.trim();
  if (!value) return undefined;
  if (!/^[A-Za-z0-9-]{1,64}$/.test(value)) throw new AppError(400, 'INVALID_ACTIVE_COMPANY', `The ${activeCompanyHeader} header is not a company id`);
  return value;
}

/** Resolves the identity for the active company of a request: one GetItem only when it is not the home company. */
export async function resolveActiveCompany(identity: Identity, headers: Record<string, string | undefined>): Promise<Identity> {
  const requested = requestedActiveCompany(headers);
  if (!requested || !identity.companyId || requested === identity.companyId) return identity;
  return identityInCompany(identity, requested, await findMembership(requested, identity.sub));
}

type Verifier = { verify(token: string): Promise<JwtPayload> };
let verifierPromise: Promise<Verifier> | undefined;
let machineVerifierPromise: Promise<Verifier> | undefined;

async function createVerifier(kind: 'id' | 'machine' = 'id'): Promise<Verifier> {
  const issuer = config.authIssuer();
  const jwksUri = `${issuer}/.well-known/jwks.json`;
  const insecure = issuer.startsWith('http://');
  if (insecure && !config.isLocalStack()) {
    // The local emulator's signing key is public; a deployed stack must never trust it.
    throw new Error(`Refusing non-https token issuer ${issuer} outside the local stack`);
  }
  // Machine clients: exactly CognitoJwtVerifier's access-token checks (token_use, client_id), which
  // cannot be used directly because it derives an https issuer from the pool id (the emulator's is http).
  const clientIds = config.machineClientIds();
  const verifier =
    kind === 'id'
      ? JwtVerifier.create({ issuer, audience: config.authAudience(), jwksUri })
      : JwtVerifier.create({
          issuer,
          audience: null,
          jwksUri,
          customJwtCheck: ({ payload }) => validateCognitoJwtFields(payload, { tokenUse: 'access', clientId: clientIds, groups: null }),
        });
  if (insecure) {
    // aws-jwt-verify downloads JWKS over https only; the local emulator serves http.
    const response = await fetch(jwksUri);
    if (!response.ok) throw new Error(`Cannot load JWKS from ${jwksUri}: ${response.status}`);
    verifier.cacheJwks((await response.json()) as Parameters<typeof verifier.cacheJwks>[0]);
  }
  return verifier;
}

/** Test seam: forget the cached verifier (the local stack restarts with new ports). */
export function resetVerifier(): void {
  verifierPromise = undefined;
  machineVerifierPromise = undefined;
}

export function bearerToken(headers: Record<string, string | undefined>): string | undefined {
  const header = headers.authorization ?? headers.Authorization;
  if (!header) return undefined;
  const match = /^Bearer\s+(\S+)$/i.exec(header.trim());
  if (!match) throw unauthenticated('INVALID_TOKEN', 'Authorization header must be "Bearer <token>"');
  return match[1];
}

/** Signature, issuer, audience and expiry: what API Gateway's JWT authorizer checks. */
export async function verifyJwt(token: string): Promise<JwtPayload> {
  verifierPromise ??= createVerifier().catch((error: unknown) => {
    verifierPromise = undefined;
    throw error;
  });
  const verifier = await verifierPromise;
  let payload: JwtPayload;
  try {
    payload = await verifier.verify(token);
  } catch {
    throw unauthenticated('INVALID_TOKEN', 'The token is invalid or expired');
  }
  // aws-jwt-verify checks `exp` only when present; a token that never expires is never acceptable.
  if (typeof payload.exp !== 'number' || typeof payload.iat !== 'number') throw unauthenticated('INVALID_TOKEN', 'The token has no expiry');
  return payload;
}

/** An access token of one of the configured machine clients (client credentials): the claims decide nothing else. */
export function isMachineToken(token: string): boolean {
  const clientIds = config.machineClientIds();
  if (clientIds.length === 0) return false;
  try {
    const claims = JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString('utf8')) as Record<string, unknown>;
    return claims.token_use === 'access' && typeof claims.client_id === 'string' && clientIds.includes(claims.client_id);
  } catch {
    return false;
  }
}

/**
 * Verifies a machine client's access token (signature, issuer, expiry, token_use 'access', client_id
 * among MACHINE_CLIENT_IDS) and maps it to a staff-like identity carrying the client and its scopes.
 */
export async function verifyMachineToken(token: string): Promise<Identity> {
  machineVerifierPromise ??= createVerifier('machine').catch((error: unknown) => {
    machineVerifierPromise = undefined;
    throw error;
  });
  const verifier = await machineVerifierPromise;
  let claims: JwtPayload;
  try {
    claims = await verifier.verify(token);
  } catch {
    throw unauthenticated('INVALID_TOKEN', 'The token is invalid or expired');
  }
  if (typeof claims.exp !== 'number' || typeof claims.iat !== 'number') throw unauthenticated('INVALID_TOKEN', 'The token has no expiry');
  const clientId = String(claims.client_id);
  const prefix = `${userPool.resourceServer.identifier}/`;
  const scopes = (typeof claims.scope === 'string' ? claims.scope.split(' ') : [])
    .filter((scope) => scope.startsWith(prefix))
    .map((scope) => scope.slice(prefix.length));
  return { sub: clientId, email: '', name: `Machine client ${clientId}`, role: 'back-office', machine: { clientId, scopes } };
}

export async function verifyToken(token: string): Promise<Identity> {
  return identityFromClaims(await verifyJwt(token));
}

/** Maps verified ID-token claims to an identity; the role must be backed by a Cognito group. */
export function identityFromClaims(claims: JwtPayload): Identity {
  if (claims.token_use !== 'id') throw unauthenticated('INVALID_TOKEN', 'An ID token is required');
  const role = claims['custom:role'];
  const groups = Array.isArray(claims['cognito:groups']) ? (claims['cognito:groups'] as unknown[]) : [];
  if (typeof role !== 'string' || !(roles as readonly string[]).includes(role) || !groups.includes(role)) {
    throw forbidden('Your account has no valid role');
  }
  const companyId = claims['custom:companyId'];
  const isCompanyUser = isCompanyRole(role);
  if (isCompanyUser && (typeof companyId !== 'string' || companyId === '')) {
    throw forbidden('Your account is not linked to a company');
  }
  const email = typeof claims.email === 'string' ? claims.email : '';
  return {
    sub: String(claims.sub),
    email,
    name: typeof claims.name === 'string' ? claims.name : email,
    role: role as Role,
    ...(isCompanyUser ? { companyId: companyId as string } : {}),
  };
}
