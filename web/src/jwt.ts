/**
 * Reads the payload of a JWT for display and expiry only. The signature is NOT verified here:
 * nothing in the SPA relies on these claims for access decisions (the API verifies every token).
 */
export interface IdTokenClaims {
  sub?: string;
  email?: string;
  name?: string;
  exp?: number;
  [claim: string]: unknown;
}

const base64UrlDecode = (segment: string): string => {
  const base64 = segment.replace(/-/g, '+').replace(/_/g, '/');
  const padded = base64 + '='.repeat((4 - (base64.length % 4)) % 4);
  const binary = atob(padded);
  const bytes = Uint8Array.from(binary, (char) => char.charCodeAt(0));
  return new TextDecoder().decode(bytes);
};

export const decodeJwtPayload = (token: string): IdTokenClaims | undefined => {
  const payload = token.split('.')[1];
  if (!payload) return undefined;
  try {
    const claims: unknown = JSON.parse(base64UrlDecode(payload));
    return claims && typeof claims === 'object' ? (claims as IdTokenClaims) : undefined;
  } catch {
    return undefined;
  }
};
