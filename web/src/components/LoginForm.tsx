/**
 * E-mail/password sign-in against Cognito, including the "set a new password" step for users
 * created by an administrator with a temporary password (NEW_PASSWORD_REQUIRED).
 */
import { useState, type FormEvent, type ReactNode } from 'react';
import { signInErrorMessage, type AuthClient } from '../auth.js';

interface LoginFormProps {
  auth: AuthClient;
  title: string;
  subtitle?: ReactNode;
  /** Called after a successful sign-in (the session is already stored). */
  onSignedIn?: () => void;
  footer?: ReactNode;
}

const MIN_PASSWORD_LENGTH = 12;

export const LoginForm = ({ auth, title, subtitle, onSignedIn, footer }: LoginFormProps) => {
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [newPassword, setNewPassword] = useState('');
  const [confirmPassword, setConfirmPassword] = useState('');
  const [challengeSession, setChallengeSession] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submitCredentials = async (event: FormEvent) => {
    event.preventDefault();
    if (email.trim() === '' || password === '') {
      setError('Please enter your e-mail and password.');
      return;
    }
    setError(null);
    setBusy(true);
    try {
      const result = await auth.signIn(email.trim(), password);
      if (result.kind === 'new-password-required') {
        setChallengeSession(result.challengeSession);
        setPassword('');
      } else {
        onSignedIn?.();
      }
    } catch (failure) {
      setError(signInErrorMessage(failure, 'sign-in'));
    } finally {
      setBusy(false);
    }
  };

  const submitNewPassword = async (event: FormEvent) => {
    event.preventDefault();
    if (!challengeSession) return;
    if (newPassword !== confirmPassword) {
      setError('The passwords do not match.');
      return;
    }
    if (newPassword.length < MIN_PASSWORD_LENGTH) {
      setError(`The new password must have at least ${MIN_PASSWORD_LENGTH} characters.`);
      return;
    }
    setError(null);
    setBusy(true);
    try {
      const result = await auth.completeNewPassword(email.trim(), challengeSession, newPassword);
      if (result.kind === 'new-password-required') {
        setChallengeSession(result.challengeSession);
        setError('Please choose a different password.');
      } else {
        onSignedIn?.();
      }
    } catch (failure) {
      const message = signInErrorMessage(failure, 'new-password');
      setError(message);
      // An expired challenge session cannot be answered again: go back to the first step.
      if (message.startsWith('Your sign-in session has expired')) setChallengeSession(null);
    } finally {
      setBusy(false);
    }
  };

  if (challengeSession) {
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
        <p className="hint">At least {MIN_PASSWORD_LENGTH} characters, with upper-case and lower-case letters and digits.</p>
        {error && (
          <p className="form-error" role="alert" data-testid="login-error">
            {error}
          </p>
        )}
        <button type="submit" className="btn btn-primary btn-block" data-testid="new-password-submit" disabled={busy}>
          {busy ? 'Saving…' : 'Set password and sign in'}
        </button>
        <button
          type="button"
          className="btn btn-link"
          onClick={() => {
            setChallengeSession(null);
            setError(null);
          }}
        >
          Back to sign-in
        </button>
      </form>
    );
  }

  return (
    <form className="card login-card" onSubmit={submitCredentials} noValidate>
      <h1>{title}</h1>
      {subtitle && <p className="muted">{subtitle}</p>}
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
      {error && (
        <p className="form-error" role="alert" data-testid="login-error">
          {error}
        </p>
      )}
      <button type="submit" className="btn btn-primary btn-block" data-testid="login-submit" disabled={busy}>
        {busy ? 'Signing in…' : 'Sign in'}
      </button>
      {footer}
    </form>
  );
};
