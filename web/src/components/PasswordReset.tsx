/**
 * "Forgot password?" of the sign-in form: ask for a code by e-mail (POST /auth/password/forgot, which
 * answers the same for unknown addresses), then set a new password with it (POST /auth/password/reset).
 */
import { useState, type FormEvent } from 'react';
import { signInErrorMessage, type AuthClient } from '../auth.js';
import { useT } from '../i18n/I18n.js';
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
  const t = useT();

  const requestCode = async (event?: FormEvent) => {
    event?.preventDefault();
    await attempt(
      looksLikeEmail(email) ? null : t('auth.reset.enterEmail'),
      async () => {
        await auth.requestPasswordReset(email.trim());
        setNotice(t('auth.reset.codeSent', { email: email.trim() }));
        setStep('reset');
      },
      (failure) => signInErrorMessage(failure, 'forgot'),
    );
  };

  const reset = async (event: FormEvent) => {
    event.preventDefault();
    const cleanCode = code.replace(/\s+/g, '');
    await attempt(
      cleanCode === '' ? t('auth.reset.enterCode') : newPasswordProblem(password, repeated),
      async () => {
        await auth.resetPassword(email.trim(), cleanCode, password);
        onDone(email.trim());
      },
      (failure) => signInErrorMessage(failure, 'reset'),
    );
  };

  if (step === 'request') {
    return (
      <AuthCard title={t('auth.reset.title')} onSubmit={requestCode} testId="forgot-form">
        <p className="muted">{t('auth.reset.intro')}</p>
        <EmailField testId="forgot-email" value={email} onChange={setEmail} />
        <ErrorText error={error} testId="forgot-error" />
        <SubmitButton busy={busy} label={t('auth.reset.send')} busyLabel={t('auth.reset.sending')} testId="forgot-submit" />
        <BackToSignIn onClick={onCancel} testId="forgot-cancel" />
      </AuthCard>
    );
  }

  return (
    <AuthCard title={t('auth.login.newPasswordTitle')} onSubmit={reset} testId="reset-form">
      <StepNotice notice={notice} testId="forgot-sent" />
      <Field
        label={t('auth.reset.code')}
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
      <SubmitButton busy={busy} label={t('auth.reset.submit')} busyLabel={t('auth.saving')} testId="reset-submit" />
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
          {t('auth.reset.resend')}
        </button>
        <BackToSignIn onClick={onCancel} />
      </div>
    </AuthCard>
  );
};
