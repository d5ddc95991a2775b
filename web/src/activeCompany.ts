/**
 * The active company of a user who works for several companies, remembered per user in localStorage
 * and sent as the `X-Active-Company` header with every API call. The API decides: without a
 * membership in that company it answers 403 NOT_A_MEMBER, and the remembered choice is dropped.
 */
import { decodeJwtPayload } from './jwt.js';

export const activeCompanyHeaderName = 'X-Active-Company';

const storageKey = (sub: string) => `b2b-portal.active-company.${sub}`;

export const readActiveCompany = (sub: string): string | undefined => {
  try {
    return localStorage.getItem(storageKey(sub)) ?? undefined;
  } catch {
    return undefined;
  }
};

/** `undefined` returns to the home company (no header). */
export const rememberActiveCompany = (sub: string, companyId: string | undefined): void => {
  try {
    if (companyId) localStorage.setItem(storageKey(sub), companyId);
    else localStorage.removeItem(storageKey(sub));
  } catch {
    // Storage unavailable (privacy mode): the home company stays active.
  }
};

/** The remembered active company of the token's user. */
export const activeCompanyForToken = (token: string): string | undefined => {
  const sub = decodeJwtPayload(token)?.sub;
  return sub ? readActiveCompany(sub) : undefined;
};

export const forgetActiveCompanyForToken = (token: string): void => {
  const sub = decodeJwtPayload(token)?.sub;
  if (sub) rememberActiveCompany(sub, undefined);
};
