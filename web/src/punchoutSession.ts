/**
 * The punchout session of the shop tab (web/src/shop/Punchout.tsx stores it after the start-code
 * exchange), sent as `X-Punchout-Session` with the API calls of its account: the cart endpoints then
 * work on that session's own cart, so two punchout windows never share one. The API checks the
 * session belongs to the caller; without the header calls use the ordinary cart.
 */
import { decodeJwtPayload } from './jwt.js';

export const punchoutSessionHeaderName = 'X-Punchout-Session';
export const punchoutStorageKey = 'b2b-portal.punchout';

/** The running punchout session of the token's user, if this tab has one. */
export function punchoutSessionForToken(token: string): string | undefined {
  let raw: string | null;
  try {
    raw = sessionStorage.getItem(punchoutStorageKey);
  } catch {
    return undefined;
  }
  if (!raw) return undefined;
  try {
    const info = JSON.parse(raw) as { sessionId?: unknown; userSub?: unknown; expiresAt?: unknown };
    const sub = decodeJwtPayload(token)?.sub;
    if (typeof info.sessionId !== 'string' || !sub || info.userSub !== sub || !(Date.parse(String(info.expiresAt)) > Date.now())) return undefined;
    return info.sessionId;
  } catch {
    return undefined;
  }
}
