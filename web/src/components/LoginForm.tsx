/**
 * E-mail/password sign-in through the portal API, with the follow-up steps the API may ask for:
 * "set a new password" for users created with a temporary password (NEW_PASSWORD_REQUIRED), the
 * 6-digit code of an authenticator app (SOFTWARE_TOKEN_MFA), and "Forgot password?".
 */
import { useRef, useState, type FormEvent, type ReactNode } from 'react';
import { AuthError, challengeSessionLost, passwordPolicyText, signInErrorMessage, type AuthClient, type SignInResult } from '../auth.js';
import { CodeInput, isCompleteCode } from './CodeInput.js';
import { MIN_PASSWORD_LENGTH, newPasswordProblem, PasswordReset } from './PasswordReset.js';
import './auth.css';

interface LoginFormProps {
  auth: AuthClient;
  title: string;
  subtitle?: ReactNode;
  /** Called after a successful sign-in (the session is already stored). */
  onSignedIn?: () => void;
  footer?: ReactNode;
  /** Appended to "Wrong e-mail or password" (e.g. the console: staff only). The API answers wrong-app sign-ins the same way. */
  signInFailedHint?: string;
}

type Step = { kind: 'credentials' } | { kind: 'new-password'; session: string } | { kind: 'mfa'; session: string } | { kind: 'forgot' };

export const LoginForm = ({ auth, title, subtitle, onSignedIn, footer, signInFailedHint }: LoginFormProps) => {
  const [step, setStep] = useState<Step>({ kind: 'credentials' });
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [newPassword, setNewPassword] = useState('');
  const [confirmPassword, setConfirmPassword] = useState('');
  const [code, setCode] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const codeInput = useRef<HTMLInputElement>(null);

  const backToStart = (message: string | null = null) => {
    setStep({ kind: 'credentials' });
    setPassword('');
    setNewPassword('');
    setConfirmPassword('');
    setCode('');
    setError(message);
  };

  /** The next step after an answer of the API. */
  const proceed = (result: SignInResult) => {
    if (result.kind === 'signed-in') {
      onSignedIn?.();
      return;
    }
    setPassword('');
    setError(null);
    if (result.kind === 'new-password-required') setStep({ kind: 'new-password', session: result.challengeSession });
    else {
      setCode('');
      setStep({ kind: 'mfa', session: result.challengeSession });
    }
  };

  const submitCredentials = async (event: FormEvent) => {
    event.preventDefault();
    if (email.trim() === '' || password === '') {
      setError('Please enter your e-mail and password.');
      return;
    }
    setError(null);
    setNotice(null);
    setBusy(true);
    try {
      proceed(await auth.signIn(email.trim(), password));
    } catch (failure) {
      const message = signInErrorMessage(failure, 'sign-in');
      setError(signInFailedHint && failure instanceof AuthError && failure.code === 'SIGN_IN_FAILED' ? `${message}. ${signInFailedHint}` : message);
    } finally {
      setBusy(false);
    }
  };

  const submitNewPassword = async (event: FormEvent) => {
    event.preventDefault();
    if (step.kind !== 'new-password') return;
    const problem = newPasswordProblem(newPassword, confirmPassword);
    if (problem) {
      setError(problem);
      return;
    }
    setError(null);
    setBusy(true);
    try {
      const result = await auth.completeNewPassword(email.trim(), step.session, newPassword);
      if (result.kind === 'new-password-required') {
        setStep({ kind: 'new-password', session: result.challengeSession });
        setError('Please choose a different password.');
      } else {
        proceed(result);
      }
    } catch (failure) {
      // An expired challenge session cannot be answered again: go back to the first step.
      if (challengeSessionLost(failure)) backToStart(signInErrorMessage(failure, 'new-password'));
      else setError(signInErrorMessage(failure, 'new-password'));
    } finally {
      setBusy(false);
    }
  };

  const submitCode = async (event: FormEvent) => {
    event.preventDefault();
    if (step.kind !== 'mfa') return;
    if (!isCompleteCode(code)) {
      setError('Please enter the 6-digit code from your authenticator app.');
      return;
    }
    setError(null);
    setBusy(true);
    try {
      const result = await auth.answerMfa(email.trim(), step.session, code);
      if (result.kind === 'mfa-required') {
        // The API asks again (new session): let the user type the next code.
        setStep({ kind: 'mfa', session: result.challengeSession });
        setCode('');
      } else {
        proceed(result);
      }
    } catch (failure) {
      if (challengeSessionLost(failure)) {
        backToStart(signInErrorMessage(failure, 'mfa'));
      } else {
        setError(signInErrorMessage(failure, 'mfa'));
        setCode('');
        codeInput.current?.focus();
      }
    } finally {
      setBusy(false);
    }
  };

  const errorBox = error && (
    <p className="form-error" role="alert" data-testid="login-error">
      {error}
    </p>
  );

  if (step.kind === 'forgot') {
    return (
      <PasswordReset
        auth={auth}
        initialEmail={email}
        onCancel={() => backToStart()}
        onDone={(resetEmail) => {
          setEmail(resetEmail);
          backToStart();
          setNotice('Your password has been changed. Please sign in with the new password.');
        }}
      />
    );
  }

  if (step.kind === 'mfa') {
    return (
      <form className="card login-card" onSubmit={submitCode} noValidate data-testid="mfa-step">
        <h1>Two-factor authentication</h1>
        <p className="muted">
          Enter the 6-digit code from the authenticator app for <strong>{email}</strong>.
        </p>
        <CodeInput label="Authentication code" value={code} onChange={setCode} testId="mfa-code" inputRef={codeInput} autoFocus disabled={busy} />
        {errorBox}
        <button type="submit" className="btn btn-primary btn-block" data-testid="mfa-submit" disabled={busy || !isCompleteCode(code)}>
          {busy ? 'Checking…' : 'Verify and sign in'}
        </button>
        <button type="button" className="btn btn-link" onClick={() => backToStart()}>
          Back to sign-in
        </button>
      </form>
    );
  }

  if (step.kind === 'new-password') {
    return (
      <form className="card login-card" onSubmit={submitNewPassword} noValidate>
        <h1>Set a new password</h1>
        <p className="muted">
          Your account was created with a temporary password. Choose a new password for <strong>{email}</strong> to continue.
        </p>
        <label className="field">
          <span>New password</span>
          <input
            type="password"
            autoComplete="new-password"
            data-testid="new-password"
            value={newPassword}
            onChange={(e) => setNewPassword(e.target.value)}
            required
            minLength={MIN_PASSWORD_LENGTH}
            autoFocus
          />
        </label>
        <label className="field">
          <span>Repeat new password</span>
          <input
            type="password"
            autoComplete="new-password"
            data-testid="new-password-confirm"
            value={confirmPassword}
            onChange={(e) => setConfirmPassword(e.target.value)}
            required
          />
        </label>
        <p className="hint">{passwordPolicyText[0]!.toUpperCase() + passwordPolicyText.slice(1)}.</p>
        {errorBox}
        <button type="submit" className="btn btn-primary btn-block" data-testid="new-password-submit" disabled={busy}>
          {busy ? 'Saving…' : 'Set password and sign in'}
        </button>
        <button type="button" className="btn btn-link" onClick={() => backToStart()}>
          Back to sign-in
        </button>
      </form>
    );
  }

  return (
    <form className="card login-card" onSubmit={submitCredentials} noValidate>
      <h1>{title}</h1>
      {subtitle && <p className="muted">{subtitle}</p>}
      {notice && (
        <p className="alert alert-info login-notice" role="status" data-testid="login-notice">
          {notice}
        </p>
      )}
      <label className="field">
        <span>E-mail</span>
        <input
          type="email"
          name="email"
          autoComplete="username"
          data-testid="login-email"
          value={email}
          onChange={(e) => setEmail(e.target.value)}
          required
          autoFocus
        />
      </label>
      <label className="field">
        <span>Password</span>
        <input
          type="password"
          name="password"
          autoComplete="current-password"
          data-testid="login-password"
          value={password}
          onChange={(e) => setPassword(e.target.value)}
          required
        />
      </label>
      {errorBox}
      <button type="submit" className="btn btn-primary btn-block" data-testid="login-submit" disabled={busy}>
        {busy ? 'Signing in…' : 'Sign in'}
      </button>
      <button
        type="button"
        className="btn btn-link"
        data-testid="forgot-password"
        onClick={() => {
          setError(null);
          setNotice(null);
          setStep({ kind: 'forgot' });
        }}
      >
        Forgot password?
      </button>
      {footer}
    </form>
  );
};
