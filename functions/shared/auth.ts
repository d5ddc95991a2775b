import { JwtVerifier } from 'aws-jwt-verify';
import type { JwtPayload } from 'aws-jwt-verify/jwt-model';
import { isCompanyRole, roles, type Role } from '../../lib/definitions/index.js';
import { config } from './config.js';
import { forbidden, unauthenticated } from './errors.js';

/** Who is calling, taken only from a verified Cognito ID token. */
export interface Identity {
  readonly sub: string;
  readonly email: string;
  readonly name: string;
  readonly role: Role;
  /** Present for company users (company-admin, super-user, buyer); staff have none. */
  readonly companyId?: string;
}

type Verifier = { verify(token: string): Promise<JwtPayload> };
let verifierPromise: Promise<Verifier> | undefined;

async function createVerifier(): Promise<Verifier> {
  const issuer = config.authIssuer();
  const jwksUri = `${issuer}/.well-known/jwks.json`;
  const insecure = issuer.startsWith('http://');
  if (insecure && !config.isLocalStack()) {
    // The local emulator's signing key is public; a deployed stack must never trust it.
    throw new Error(`Refusing non-https token issuer ${issuer} outside the local stack`);
  }
  const verifier = JwtVerifier.create({ issuer, audience: config.authAudience(), jwksUri });
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
  try {
    return await verifier.verify(token);
  } catch {
    throw unauthenticated('INVALID_TOKEN', 'The token is invalid or expired');
  }
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
