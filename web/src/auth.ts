/**
 * Cognito sign-in for the SPA, with plain fetch against the Cognito Identity Provider JSON API.
 * The same calls work against AWS (`https://cognito-idp.<region>.amazonaws.com/`) and the local
 * emulator (cognito-local): only `cognitoEndpoint` in /config.json differs.
 *
 * Sessions live in sessionStorage, one per client (shop, console). The ID token is the API bearer
 * token; it is refreshed with the refresh token shortly before it expires.
 */
import { decodeJwtPayload } from './jwt.js';
import type { ClientKind, RuntimeConfig } from './types.js';

export interface Session {
  idToken: string;
  accessToken: string;
  refreshToken?: string;
  /** Epoch ms when the ID token expires (local clock). */
  expiresAt: number;
  /** Epoch ms of the interactive sign-in; stays the same across token refreshes. */
  signedInAt: number;
  /** E-mail used to sign in (display only). */
  email: string;
}

export type SignInResult =
  | { kind: 'signed-in'; session: Session }
  | { kind: 'new-password-required'; challengeSession: string };

/** An error response of the Cognito API (`__type` without the namespace prefix). */
export class CognitoError extends Error {
  constructor(
    readonly type: string,
    message: string,
  ) {
    super(message);
    this.name = 'CognitoError';
  }
}

interface AuthenticationResult {
  IdToken?: string;
  AccessToken?: string;
  RefreshToken?: string;
  ExpiresIn?: number;
}

interface InitiateAuthResponse {
  AuthenticationResult?: AuthenticationResult;
  ChallengeName?: string;
  Session?: string;
}

/** Refresh the ID token when it has less than this left. */
const REFRESH_MARGIN_MS = 60_000;

const errorType = (raw: unknown): string => {
  if (typeof raw !== 'string' || raw === '') return 'UnknownError';
  // AWS may send `com.amazonaws.cognito...#NotAuthorizedException` or `NotAuthorizedException:http://...`.
  return (raw.split('#').pop() ?? raw).split(':')[0] ?? raw;
};

const callCognito = async <T>(endpoint: string, action: string, body: unknown): Promise<T> => {
  let response: Response;
  try {
    response = await fetch(endpoint, {
      method: 'POST',
      headers: {
        'Content-Type': 'application/x-amz-json-1.1',
        'X-Amz-Target': `AWSCognitoIdentityProviderService.${action}`,
      },
      body: JSON.stringify(body),
    });
  } catch {
    throw new CognitoError('NetworkError', 'Cannot reach the sign-in service');
  }
  const text = await response.text();
  let data: Record<string, unknown> = {};
  try {
    data = text ? (JSON.parse(text) as Record<string, unknown>) : {};
  } catch {
    // Non-JSON body: handled below via the status code.
  }
  if (!response.ok) {
    const message = typeof data.message === 'string' ? data.message : typeof data.Message === 'string' ? data.Message : `HTTP ${response.status}`;
    throw new CognitoError(errorType(data.__type ?? response.headers.get('x-amzn-errortype')), message);
  }
  return data as T;
};

export class AuthClient {
  private session: Session | null;
  private readonly listeners = new Set<() => void>();
  private refreshing: Promise<boolean> | null = null;
  private refreshTimer: ReturnType<typeof setTimeout> | undefined;
  private readonly storageKey: string;
  /** Why the last session ended: 'expired' when the refresh failed or the API rejected the token. */
  private endReason: 'logout' | 'expired' | null = null;

  constructor(
    private readonly config: RuntimeConfig,
    readonly kind: ClientKind,
  ) {
    this.storageKey = `b2b-portal.session.${kind}`;
    this.session = this.readStored();
    this.scheduleRefresh();
  }

  get clientId(): string {
    return this.kind === 'shop' ? this.config.shopClientId : this.config.consoleClientId;
  }

  /** For useSyncExternalStore. */
  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getSession = (): Session | null => this.session;

  async signIn(email: string, password: string): Promise<SignInResult> {
    const response = await callCognito<InitiateAuthResponse>(this.config.cognitoEndpoint, 'InitiateAuth', {
      AuthFlow: 'USER_PASSWORD_AUTH',
      ClientId: this.clientId,
      AuthParameters: { USERNAME: email, PASSWORD: password },
    });
    return this.handleAuthResponse(response, email);
  }

  /** Answers the NEW_PASSWORD_REQUIRED challenge (first sign-in with a temporary password). */
  async completeNewPassword(email: string, challengeSession: string, newPassword: string): Promise<SignInResult> {
    const response = await callCognito<InitiateAuthResponse>(this.config.cognitoEndpoint, 'RespondToAuthChallenge', {
      ChallengeName: 'NEW_PASSWORD_REQUIRED',
      ClientId: this.clientId,
      Session: challengeSession,
      ChallengeResponses: { USERNAME: email, NEW_PASSWORD: newPassword },
    });
    return this.handleAuthResponse(response, email);
  }

  /**
   * Takes over tokens the portal obtained server-side (punchout start, web/src/shop/Punchout.tsx).
   * Without a refresh token the session ends when the ID token expires.
   */
  adoptTokens(tokens: { idToken: string; accessToken: string; expiresIn: number }): Session {
    const session = this.toSession({ IdToken: tokens.idToken, AccessToken: tokens.accessToken, ExpiresIn: tokens.expiresIn }, '', Date.now(), undefined);
    this.endReason = null;
    this.setSession(session);
    return session;
  }

  /** Ends the session. `expired` marks a session that ended on its own (shown as a notice). */
  signOut = (reason: 'logout' | 'expired' = 'logout'): void => {
    if (!this.session) return;
    this.endReason = reason;
    this.setSession(null);
  };

  /** True when the last session ended without the user logging out (until the next sign-in). */
  sessionExpired = (): boolean => this.session === null && this.endReason === 'expired';

  /** Hides the "session ended" notice. */
  dismissExpiry = (): void => {
    if (this.endReason !== 'expired') return;
    this.endReason = null;
    for (const listener of this.listeners) listener();
  };

  /**
   * A valid ID token for the API, refreshed first when it is about to expire; undefined when
   * signed out (or when the refresh failed, which signs out).
   */
  async getIdToken(): Promise<string | undefined> {
    const session = this.session;
    if (!session) return undefined;
    if (session.expiresAt - Date.now() > REFRESH_MARGIN_MS) return session.idToken;
    const ok = await this.refresh();
    return ok ? this.session?.idToken : undefined;
  }

  /** Refreshes the tokens now (e.g. after the API rejected the token). False (and signed out) on failure. */
  refresh(): Promise<boolean> {
    this.refreshing ??= this.doRefresh().finally(() => {
      this.refreshing = null;
    });
    return this.refreshing;
  }

  private async doRefresh(): Promise<boolean> {
    const session = this.session;
    if (!session) return false;
    if (!session.refreshToken) {
      this.signOut('expired');
      return false;
    }
    try {
      const response = await callCognito<InitiateAuthResponse>(this.config.cognitoEndpoint, 'InitiateAuth', {
        AuthFlow: 'REFRESH_TOKEN_AUTH',
        ClientId: this.clientId,
        AuthParameters: { REFRESH_TOKEN: session.refreshToken },
      });
      const result = response.AuthenticationResult;
      if (!result?.IdToken || !result.AccessToken) throw new CognitoError('InvalidResponse', 'No tokens in the refresh response');
      // Signed out (or signed in as someone else) while the refresh was in flight: drop the result.
      if (this.session?.signedInAt !== session.signedInAt) return false;
      this.setSession(this.toSession(result, session.email, session.signedInAt, session.refreshToken));
      return true;
    } catch (error) {
      // A transient network problem while the token is still valid is retried later; anything else ends the session.
      const stillValid = session.expiresAt > Date.now();
      if (error instanceof CognitoError && error.type === 'NetworkError' && stillValid) {
        this.scheduleRefresh(30_000);
        return true;
      }
      if (this.session?.signedInAt === session.signedInAt) this.signOut('expired');
      return false;
    }
  }

  private handleAuthResponse(response: InitiateAuthResponse, email: string): SignInResult {
    const result = response.AuthenticationResult;
    if (result?.IdToken && result.AccessToken) {
      const session = this.toSession(result, email, Date.now(), result.RefreshToken);
      this.endReason = null;
      this.setSession(session);
      return { kind: 'signed-in', session };
    }
    if (response.ChallengeName === 'NEW_PASSWORD_REQUIRED' && response.Session) {
      return { kind: 'new-password-required', challengeSession: response.Session };
    }
    throw new CognitoError(
      'UnsupportedChallenge',
      response.ChallengeName ? `Sign-in step ${response.ChallengeName} is not supported` : 'Unexpected sign-in response',
    );
  }

  private toSession(result: AuthenticationResult, email: string, signedInAt: number, refreshToken: string | undefined): Session {
    const idToken = result.IdToken ?? '';
    const claims = decodeJwtPayload(idToken);
    // Prefer ExpiresIn (relative, immune to clock skew); fall back to the token's `exp` claim.
    const expiresAt =
      typeof result.ExpiresIn === 'number'
        ? Date.now() + result.ExpiresIn * 1000
        : typeof claims?.exp === 'number'
          ? claims.exp * 1000
          : Date.now() + 3_600_000;
    const session: Session = {
      idToken,
      accessToken: result.AccessToken ?? '',
      expiresAt,
      signedInAt,
      email: typeof claims?.email === 'string' ? claims.email : email,
    };
    if (refreshToken) session.refreshToken = refreshToken;
    return session;
  }

  private setSession(session: Session | null): void {
    this.session = session;
    try {
      if (session) sessionStorage.setItem(this.storageKey, JSON.stringify(session));
      else sessionStorage.removeItem(this.storageKey);
    } catch {
      // Storage unavailable (privacy mode): the session lives in memory only.
    }
    this.scheduleRefresh();
    for (const listener of this.listeners) listener();
  }

  /** Refreshes in the background shortly before expiry so an idle tab keeps a usable session. */
  private scheduleRefresh(delayMs?: number): void {
    clearTimeout(this.refreshTimer);
    this.refreshTimer = undefined;
    const session = this.session;
    if (!session?.refreshToken) return;
    const delay = delayMs ?? Math.max(session.expiresAt - Date.now() - REFRESH_MARGIN_MS, 0);
    // setTimeout overflows above ~24.8 days; tokens never live that long, but stay safe.
    this.refreshTimer = setTimeout(() => void this.refresh(), Math.min(delay, 2_000_000_000));
  }

  private readStored(): Session | null {
    try {
      const raw = sessionStorage.getItem(this.storageKey);
      if (!raw) return null;
      const parsed = JSON.parse(raw) as Partial<Session>;
      if (typeof parsed.idToken !== 'string' || typeof parsed.expiresAt !== 'number') return null;
      return {
        idToken: parsed.idToken,
        accessToken: parsed.accessToken ?? '',
        expiresAt: parsed.expiresAt,
        signedInAt: parsed.signedInAt ?? 0,
        email: parsed.email ?? '',
        ...(parsed.refreshToken ? { refreshToken: parsed.refreshToken } : {}),
      };
    } catch {
      return null;
    }
  }
}

/** User-facing text for a sign-in error. */
export const signInErrorMessage = (error: unknown, step: 'sign-in' | 'new-password'): string => {
  if (!(error instanceof CognitoError)) return 'Sign-in failed. Please try again.';
  switch (error.type) {
    case 'NotAuthorizedException':
    case 'UserNotFoundException':
      return step === 'sign-in' ? 'Wrong e-mail or password' : 'Your sign-in session has expired. Please start again.';
    case 'InvalidPasswordException':
      return step === 'sign-in'
        ? 'Wrong e-mail or password'
        : 'The new password does not meet the password policy (at least 12 characters with upper-case and lower-case letters and digits).';
    case 'InvalidParameterException':
      return step === 'sign-in' ? 'Sign-in failed. Please try again.' : error.message;
    case 'CodeMismatchException':
    case 'ExpiredCodeException':
      return 'Your sign-in session has expired. Please start again.';
    case 'PasswordResetRequiredException':
      return 'A password reset is required for this account. Please contact your administrator.';
    case 'UserNotConfirmedException':
      return 'This account has not been confirmed yet.';
    case 'TooManyRequestsException':
    case 'TooManyFailedAttemptsException':
    case 'LimitExceededException':
      return 'Too many attempts. Please wait a moment and try again.';
    case 'NetworkError':
      return 'Cannot reach the sign-in service. Please check your connection.';
    case 'UnsupportedChallenge':
      return error.message;
    default:
      return 'Sign-in failed. Please try again.';
  }
};
