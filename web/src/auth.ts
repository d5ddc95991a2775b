/**
 * Sign-in for the SPA through the portal API (`/auth/*`, functions/accounts/sign-in.ts): password,
 * the first-login "new password" step, the TOTP step (SOFTWARE_TOKEN_MFA), token refresh, sign-out
 * and the forgot-password flow. The API talks to Cognito; the browser never calls Cognito itself, so
 * the server can enforce the session timeout, disabled accounts and MFA on refresh too.
 *
 * Sessions live in sessionStorage, one per client (shop, console). The ID token is the API bearer
 * token; it is refreshed with the refresh token shortly before it expires. `signedInAt` stays the
 * same across refreshes (the idle sign-out and the server's session timeout count from it).
 */
import { translate } from './i18n/translate.js';
import { decodeJwtPayload } from './jwt.js';
import type { AuthChallengeAnswer, AuthTokens, ClientKind, RefreshAnswer, RuntimeConfig, SignInAnswer } from './types.js';

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
  | { kind: 'new-password-required'; challengeSession: string }
  | { kind: 'mfa-required'; challengeSession: string };

/** An error answer of the `/auth/*` routes (`{ error: { code, message } }`), or `NETWORK_ERROR`. */
export class AuthError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    /** 429: seconds until the next attempt may succeed. */
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
    this.name = 'AuthError';
  }
}

/** Why a session ended without the user logging out; the API's 401 codes plus `IDLE` (useIdleSignOut). */
export type SessionEndCode = 'SESSION_EXPIRED' | 'SESSION_REVOKED' | 'ACCOUNT_DISABLED' | 'SESSION_UNKNOWN' | 'IDLE' | 'TOKEN_REJECTED';

/** The refresh answers these with 401: the session is over, refreshing again cannot help. */
const sessionEndCodes = new Set<string>(['SESSION_EXPIRED', 'SESSION_REVOKED', 'ACCOUNT_DISABLED', 'SESSION_UNKNOWN']);
export const isSessionEndCode = (code: string): code is SessionEndCode => sessionEndCodes.has(code);

const sessionEndText = (code: SessionEndCode): string => translate(`auth.session.${code}`);

/** Refresh the ID token when it has less than this left. */
const REFRESH_MARGIN_MS = 60_000;

export class AuthClient {
  private session: Session | null;
  private readonly listeners = new Set<() => void>();
  private refreshing: Promise<boolean> | null = null;
  private refreshTimer: ReturnType<typeof setTimeout> | undefined;
  private readonly storageKey: string;
  /** Why the last session ended: 'expired' when the refresh failed or the API rejected the token. */
  private endReason: 'logout' | 'expired' | null = null;
  private endCode: SessionEndCode | undefined;
  /** An API call answered 403 MFA_SETUP_REQUIRED: the app shows the MFA setup screen. */
  private mfaSetupPending = false;
  /** Bumped after the MFA setup screen completed: pages keyed by it load their data again. */
  private dataVersion = 0;

  constructor(
    private readonly config: RuntimeConfig,
    readonly kind: ClientKind,
  ) {
    this.storageKey = `b2b-portal.session.${kind}`;
    this.session = this.readStored();
    this.scheduleRefresh();
  }

  /** For useSyncExternalStore. */
  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getSession = (): Session | null => this.session;

  async signIn(email: string, password: string): Promise<SignInResult> {
    const answer = await this.post<SignInAnswer>('/auth/sign-in', { email, password, client: this.kind });
    return this.handleSignInAnswer(answer, email);
  }

  /** Answers the NEW_PASSWORD_REQUIRED challenge (first sign-in with a temporary password). */
  completeNewPassword(email: string, challengeSession: string, newPassword: string): Promise<SignInResult> {
    return this.answerChallenge(email, challengeSession, { challenge: 'NEW_PASSWORD_REQUIRED', newPassword });
  }

  /** Answers the SOFTWARE_TOKEN_MFA challenge with the 6-digit code of the authenticator app. */
  answerMfa(email: string, challengeSession: string, code: string): Promise<SignInResult> {
    return this.answerChallenge(email, challengeSession, { challenge: 'SOFTWARE_TOKEN_MFA', code });
  }

  /** POST /auth/challenge: the answer to a challenge of the sign-in (its fields besides e-mail, client and session). */
  private async answerChallenge(
    email: string,
    challengeSession: string,
    answer: { challenge: 'NEW_PASSWORD_REQUIRED'; newPassword: string } | { challenge: 'SOFTWARE_TOKEN_MFA'; code: string },
  ): Promise<SignInResult> {
    const result = await this.post<SignInAnswer>('/auth/challenge', { email, client: this.kind, session: challengeSession, ...answer });
    return this.handleSignInAnswer(result, email);
  }

  /** Asks for a password reset code by e-mail. The API answers the same whether or not the address has an account. */
  async requestPasswordReset(email: string): Promise<void> {
    await this.post('/auth/password/forgot', { email, client: this.kind });
  }

  /** Sets a new password with the e-mailed code. */
  async resetPassword(email: string, code: string, newPassword: string): Promise<void> {
    await this.post('/auth/password/reset', { email, code, newPassword });
  }

  /**
   * Takes over tokens the portal obtained server-side (punchout start, web/src/shop/Punchout.tsx).
   * Without a refresh token the session ends when the ID token expires.
   */
  adoptTokens(tokens: { idToken: string; accessToken: string; expiresIn: number }): Session {
    const session = this.toSession(tokens, '', Date.now(), undefined);
    this.endReason = null;
    this.endCode = undefined;
    this.setSession(session);
    return session;
  }

  /**
   * Ends the session. `expired` marks a session that ended on its own (shown as a notice, with the
   * reason `code` when known). The server-side session is ended too (best effort).
   */
  signOut = (reason: 'logout' | 'expired' = 'logout', code?: SessionEndCode): void => {
    const session = this.session;
    if (!session) return;
    this.endReason = reason;
    this.endCode = reason === 'expired' ? code : undefined;
    this.mfaSetupPending = false;
    this.setSession(null);
    // The server may already have dropped it (SESSION_EXPIRED and friends); then there is nothing to end.
    if (session.refreshToken && !(code && sessionEndCodes.has(code))) {
      void this.post('/auth/sign-out', { refreshToken: session.refreshToken }, { keepalive: true }).catch(() => undefined);
    }
  };

  /** True when the last session ended without the user logging out (until the next sign-in). */
  sessionExpired = (): boolean => this.session === null && this.endReason === 'expired';

  /** A readable reason why the last session ended (for the "session ended" notice). */
  sessionEndMessage = (): string => sessionEndText(this.endCode ?? 'TOKEN_REJECTED');

  /** Hides the "session ended" notice. */
  dismissExpiry = (): void => {
    if (this.endReason !== 'expired') return;
    this.endReason = null;
    this.endCode = undefined;
    this.notify();
  };

  /** Called by the ApiClient when the API answers 403 MFA_SETUP_REQUIRED. */
  requireMfaSetup = (): void => {
    if (this.mfaSetupPending || !this.session) return;
    this.mfaSetupPending = true;
    this.notify();
  };

  /** Whether the app should show the MFA setup screen (for useSyncExternalStore). */
  mfaSetupRequired = (): boolean => this.mfaSetupPending && this.session !== null;

  /** The MFA setup screen completed: hide it and let the pages load their data again. */
  mfaSetupCompleted = (): void => {
    this.mfaSetupPending = false;
    this.dataVersion += 1;
    this.notify();
  };

  /** Changes after a completed MFA setup (for useSyncExternalStore; part of the apps' data keys). */
  getDataVersion = (): number => this.dataVersion;

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

  /** A valid access token (for the MFA routes, which pass it on to Cognito); refreshed like the ID token. */
  async getAccessToken(): Promise<string | undefined> {
    const idToken = await this.getIdToken();
    return idToken ? this.session?.accessToken : undefined;
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
      const answer = await this.post<RefreshAnswer>('/auth/refresh', { refreshToken: session.refreshToken, client: this.kind });
      if (!answer.tokens?.idToken || !answer.tokens.accessToken) throw new AuthError(0, 'INVALID_RESPONSE', 'No tokens in the refresh response');
      // Signed out (or signed in as someone else) while the refresh was in flight: drop the result.
      if (this.session?.signedInAt !== session.signedInAt) return false;
      this.setSession(this.toSession(answer.tokens, session.email, session.signedInAt, session.refreshToken));
      return true;
    } catch (error) {
      const stillValid = session.expiresAt > Date.now();
      const final = error instanceof AuthError && error.status === 401;
      // A transient problem (network, 5xx, throttling) while the token is still valid is retried later;
      // a 401 (session expired, account disabled, session unknown) or an expired token ends the session.
      if (!final && stillValid) {
        this.scheduleRefresh(30_000);
        return true;
      }
      if (this.session?.signedInAt === session.signedInAt) {
        const code = error instanceof AuthError && isSessionEndCode(error.code) ? error.code : undefined;
        this.signOut('expired', code);
      }
      return false;
    }
  }

  private handleSignInAnswer(answer: SignInAnswer, email: string): SignInResult {
    if (answer.kind === 'signed-in' && answer.tokens?.idToken && answer.tokens.accessToken) {
      const session = this.toSession(answer.tokens, email, Date.now(), answer.tokens.refreshToken);
      this.endReason = null;
      this.endCode = undefined;
      this.mfaSetupPending = false;
      this.setSession(session);
      return { kind: 'signed-in', session };
    }
    if (answer.kind === 'challenge') return challengeResult(answer);
    throw new AuthError(0, 'INVALID_RESPONSE', 'Unexpected sign-in response');
  }

  private toSession(tokens: Omit<AuthTokens, 'refreshToken'>, email: string, signedInAt: number, refreshToken: string | undefined): Session {
    const claims = decodeJwtPayload(tokens.idToken);
    // Prefer expiresIn (relative, immune to clock skew); fall back to the token's `exp` claim.
    const expiresAt =
      typeof tokens.expiresIn === 'number'
        ? Date.now() + tokens.expiresIn * 1000
        : typeof claims?.exp === 'number'
          ? claims.exp * 1000
          : Date.now() + 3_600_000;
    const session: Session = {
      idToken: tokens.idToken,
      accessToken: tokens.accessToken,
      expiresAt,
      signedInAt,
      email: typeof claims?.email === 'string' ? claims.email : email,
    };
    if (refreshToken) session.refreshToken = refreshToken;
    return session;
  }

  /** POSTs JSON to an `/auth/*` route (no bearer token); `{ error: { code, message } }` becomes an AuthError. */
  private async post<T>(path: string, body: unknown, options: { keepalive?: boolean } = {}): Promise<T> {
    let response: Response;
    try {
      response = await fetch(`${this.config.apiBaseUrl}${path}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
        body: JSON.stringify(body),
        ...(options.keepalive ? { keepalive: true } : {}),
      });
    } catch {
      throw new AuthError(0, 'NETWORK_ERROR', 'Cannot reach the sign-in service');
    }
    const text = await response.text();
    let data: { error?: { code?: unknown; message?: unknown; details?: { retryAfterSeconds?: unknown } } } & Record<string, unknown> = {};
    try {
      data = text ? (JSON.parse(text) as typeof data) : {};
    } catch {
      // Not JSON: handled below via the status code.
    }
    if (!response.ok) {
      const code = typeof data.error?.code === 'string' ? data.error.code : `HTTP_${response.status}`;
      const message = typeof data.error?.message === 'string' ? data.error.message : `HTTP ${response.status}`;
      const retryAfter = data.error?.details?.retryAfterSeconds;
      throw new AuthError(response.status, code, message, typeof retryAfter === 'number' ? retryAfter : undefined);
    }
    return data as T;
  }

  private notify(): void {
    for (const listener of this.listeners) listener();
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
    this.notify();
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

const challengeResult = (answer: AuthChallengeAnswer): SignInResult => {
  if (answer.challenge === 'NEW_PASSWORD_REQUIRED') return { kind: 'new-password-required', challengeSession: answer.session };
  if (answer.challenge === 'SOFTWARE_TOKEN_MFA') return { kind: 'mfa-required', challengeSession: answer.session };
  throw new AuthError(0, 'UNSUPPORTED_CHALLENGE', `Sign-in step ${String(answer.challenge)} is not supported`);
};

export type AuthStep = 'sign-in' | 'new-password' | 'mfa' | 'forgot' | 'reset';

/** The API's password policy, as told to the user. */
export const passwordPolicyText = (): string => translate('auth.passwordPolicy');

/** User-facing text for an error of a sign-in, challenge or password-reset call. */
export const signInErrorMessage = (error: unknown, step: AuthStep): string => {
  if (!(error instanceof AuthError)) return translate('auth.error.signInFailed');
  switch (error.code) {
    case 'SIGN_IN_FAILED':
      return step === 'sign-in' ? translate('auth.error.wrongCredentials') : translate('auth.error.sessionExpired');
    case 'MFA_CODE_INVALID':
      return translate('auth.error.mfaCodeInvalid');
    case 'PASSWORD_POLICY':
      return translate('auth.error.passwordPolicy', { policy: passwordPolicyText() });
    case 'RESET_CODE_INVALID':
      return translate('auth.error.resetCodeInvalid');
    case 'TOO_MANY_ATTEMPTS':
    case 'HTTP_429':
      return error.retryAfterSeconds && error.retryAfterSeconds > 60
        ? translate('auth.error.tooManyAttemptsMinutes', { minutes: Math.ceil(error.retryAfterSeconds / 60) })
        : translate('auth.error.tooManyAttempts');
    case 'VALIDATION_FAILED':
      return step === 'mfa'
        ? translate('auth.error.enterMfaCode')
        : step === 'reset'
          ? translate('auth.error.checkCodeAndPassword')
          : translate('auth.error.checkInput');
    case 'NETWORK_ERROR':
      return translate('auth.error.network');
    case 'UNSUPPORTED_CHALLENGE':
      return error.message;
    default:
      if (error.status === 401 && step !== 'sign-in') return translate('auth.error.sessionExpired');
      return step === 'forgot' || step === 'reset' ? translate('auth.error.resetFailed') : translate('auth.error.signInFailed');
  }
};

/** Whether a challenge step failed because its sign-in session is gone (start again with the password). */
export const challengeSessionLost = (error: unknown): boolean =>
  error instanceof AuthError && error.code !== 'MFA_CODE_INVALID' && error.code !== 'PASSWORD_POLICY' && error.status === 401;
