/**
 * "Forgot password?" of the sign-in form: ask for a code by e-mail (POST /auth/password/forgot, which
 * answers the same for unknown addresses), then set a new password with it (POST /auth/password/reset).
 */
import { useState, type FormEvent } from 'react';
import { signInErrorMessage, type AuthClient } from '../auth.js';
import { AuthCard, BackToSignIn, EmailField, Field, NewPasswordFields, StepNotice, SubmitButton, newPasswordProblem, useAuthStep } from './AuthFields.js';
import { ErrorText, looksLikeEmail } from './Forms.js';

interface PasswordResetProps {
  auth: AuthClient;
  /** Pre-filled from the sign-in form. */
  initialEmail: string;
  /** The password was changed: back to the sign-in form with a notice. */
  onDone: (email: string) => void;
  onCancel: () => void;
}

export const PasswordReset = ({ auth, initialEmail, onDone, onCancel }: PasswordResetProps) => {
  const [step, setStep] = useState<'request' | 'reset'>('request');
  const [email, setEmail] = useState(initialEmail);
  const [code, setCode] = useState('');
  const [password, setPassword] = useState('');
  const [repeated, setRepeated] = useState('');
  const [notice, setNotice] = useState<string | null>(null);
  const { busy, error, attempt } = useAuthStep();

  const requestCode = async (event?: FormEvent) => {
    event?.preventDefault();
    await attempt(
      looksLikeEmail(email) ? null : 'Please enter the e-mail address of your account.',
      async () => {
        await auth.requestPasswordReset(email.trim());
        setNotice(`If the address ${email.trim()} belongs to an account, we sent a code to it. The code is valid for 15 minutes.`);
        setStep('reset');
      },
      (failure) => signInErrorMessage(failure, 'forgot'),
    );
  };

  const reset = async (event: FormEvent) => {
    event.preventDefault();
    const cleanCode = code.replace(/\s+/g, '');
    await attempt(
      cleanCode === '' ? 'Please enter the code from the e-mail.' : newPasswordProblem(password, repeated),
      async () => {
        await auth.resetPassword(email.trim(), cleanCode, password);
        onDone(email.trim());
      },
      (failure) => signInErrorMessage(failure, 'reset'),
    );
  };

  if (step === 'request') {
    return (
      <AuthCard title="Reset your password" onSubmit={requestCode} testId="forgot-form">
        <p className="muted">Enter the e-mail address of your account. We will send you a code to set a new password.</p>
        <EmailField testId="forgot-email" value={email} onChange={setEmail} />
        <ErrorText error={error} testId="forgot-error" />
        <SubmitButton busy={busy} label="Send code" busyLabel="Sending…" testId="forgot-submit" />
        <BackToSignIn onClick={onCancel} testId="forgot-cancel" />
      </AuthCard>
    );
  }

  return (
    <AuthCard title="Set a new password" onSubmit={reset} testId="reset-form">
      <StepNotice notice={notice} testId="forgot-sent" />
      <Field
        label="Code from the e-mail"
        type="text"
        inputMode="numeric"
        autoComplete="one-time-code"
        spellCheck={false}
        className="code-input"
        testId="reset-code"
        value={code}
        onChange={setCode}
        autoFocus
      />
      <NewPasswordFields testId="reset-password" password={password} repeated={repeated} onPasswordChange={setPassword} onRepeatedChange={setRepeated} />
      <ErrorText error={error} testId="reset-error" />
      <SubmitButton busy={busy} label="Set new password" busyLabel="Saving…" testId="reset-submit" />
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
        <BackToSignIn onClick={onCancel} />
      </div>
    </AuthCard>
  );
};
