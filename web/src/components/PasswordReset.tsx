/**
 * "Forgot password?" of the sign-in form: ask for a code by e-mail (POST /auth/password/forgot, which
 * answers the same for unknown addresses), then set a new password with it (POST /auth/password/reset).
 */
import { useState, type FormEvent } from 'react';
import { passwordPolicyText, signInErrorMessage, type AuthClient } from '../auth.js';
import { looksLikeEmail } from './Forms.js';
import './auth.css';

interface PasswordResetProps {
  auth: AuthClient;
  /** Pre-filled from the sign-in form. */
  initialEmail: string;
  /** The password was changed: back to the sign-in form with a notice. */
  onDone: (email: string) => void;
  onCancel: () => void;
}

export const MIN_PASSWORD_LENGTH = 12;

/** A problem with a new password typed twice, checked before the API sees it. */
export const newPasswordProblem = (password: string, repeated: string): string | null => {
  if (password !== repeated) return 'The passwords do not match.';
  if (password.length < MIN_PASSWORD_LENGTH) return `The new password must have at least ${MIN_PASSWORD_LENGTH} characters.`;
  return null;
};

export const PasswordReset = ({ auth, initialEmail, onDone, onCancel }: PasswordResetProps) => {
  const [step, setStep] = useState<'request' | 'reset'>('request');
  const [email, setEmail] = useState(initialEmail);
  const [code, setCode] = useState('');
  const [password, setPassword] = useState('');
  const [repeated, setRepeated] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const requestCode = async (event?: FormEvent) => {
    event?.preventDefault();
    if (!looksLikeEmail(email)) {
      setError('Please enter the e-mail address of your account.');
      return;
    }
    setError(null);
    setBusy(true);
    try {
      await auth.requestPasswordReset(email.trim());
      setNotice(`If the address ${email.trim()} belongs to an account, we sent a code to it. The code is valid for 15 minutes.`);
      setStep('reset');
    } catch (failure) {
      setError(signInErrorMessage(failure, 'forgot'));
    } finally {
      setBusy(false);
    }
  };

  const reset = async (event: FormEvent) => {
    event.preventDefault();
    const cleanCode = code.replace(/\s+/g, '');
    if (cleanCode === '') {
      setError('Please enter the code from the e-mail.');
      return;
    }
    const problem = newPasswordProblem(password, repeated);
    if (problem) {
      setError(problem);
      return;
    }
    setError(null);
    setBusy(true);
    try {
      await auth.resetPassword(email.trim(), cleanCode, password);
      onDone(email.trim());
    } catch (failure) {
      setError(signInErrorMessage(failure, 'reset'));
    } finally {
      setBusy(false);
    }
  };

  if (step === 'request') {
    return (
      <form className="card login-card" onSubmit={requestCode} noValidate data-testid="forgot-form">
        <h1>Reset your password</h1>
        <p className="muted">Enter the e-mail address of your account. We will send you a code to set a new password.</p>
        <label className="field">
          <span>E-mail</span>
          <input
            type="email"
            autoComplete="username"
            data-testid="forgot-email"
            value={email}
            onChange={(e) => setEmail(e.target.value)}
            required
            autoFocus
          />
        </label>
        {error && (
          <p className="form-error" role="alert" data-testid="forgot-error">
            {error}
          </p>
        )}
        <button type="submit" className="btn btn-primary btn-block" data-testid="forgot-submit" disabled={busy}>
          {busy ? 'Sending…' : 'Send code'}
        </button>
        <button type="button" className="btn btn-link" onClick={onCancel} data-testid="forgot-cancel">
          Back to sign-in
        </button>
      </form>
    );
  }

  return (
    <form className="card login-card" onSubmit={reset} noValidate data-testid="reset-form">
      <h1>Set a new password</h1>
      {notice && (
        <p className="alert alert-info login-notice" role="status" data-testid="forgot-sent">
          {notice}
        </p>
      )}
      <label className="field">
        <span>Code from the e-mail</span>
        <input
          type="text"
          inputMode="numeric"
          autoComplete="one-time-code"
          spellCheck={false}
          className="code-input"
          data-testid="reset-code"
          value={code}
          onChange={(e) => setCode(e.target.value)}
          required
          autoFocus
        />
      </label>
      <label className="field">
        <span>New password</span>
        <input
          type="password"
          autoComplete="new-password"
          data-testid="reset-password"
          value={password}
          onChange={(e) => setPassword(e.target.value)}
          required
          minLength={MIN_PASSWORD_LENGTH}
        />
      </label>
      <label className="field">
        <span>Repeat new password</span>
        <input
          type="password"
          autoComplete="new-password"
          data-testid="reset-password-confirm"
          value={repeated}
          onChange={(e) => setRepeated(e.target.value)}
          required
        />
      </label>
      <p className="hint">{passwordPolicyText[0]!.toUpperCase() + passwordPolicyText.slice(1)}.</p>
      {error && (
        <p className="form-error" role="alert" data-testid="reset-error">
          {error}
        </p>
      )}
      <button type="submit" className="btn btn-primary btn-block" data-testid="reset-submit" disabled={busy}>
        {busy ? 'Saving…' : 'Set new password'}
      </button>
      <div className="inline-actions">
        <button
          type="button"
          className="btn btn-link"
          data-testid="reset-resend"
          disabled={busy}
          onClick={() => {
            setCode('');
            void requestCode();
          }}
        >
          Send a new code
        </button>
        <button type="button" className="btn btn-link" onClick={onCancel}>
          Back to sign-in
        </button>
      </div>
    </form>
  );
};
