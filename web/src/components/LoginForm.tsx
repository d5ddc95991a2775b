/**
 * E-mail/password sign-in through the portal API, with the follow-up steps the API may ask for:
 * "set a new password" for users created with a temporary password (NEW_PASSWORD_REQUIRED), the
 * 6-digit code of an authenticator app (SOFTWARE_TOKEN_MFA), and "Forgot password?".
 */
import { useRef, useState, type FormEvent, type ReactNode } from 'react';
import { useIntl } from 'react-intl';
import { AuthError, challengeSessionLost, signInErrorMessage, type AuthClient, type SignInResult } from '../auth.js';
import { AuthCard, BackToSignIn, EmailField, Field, NewPasswordFields, StepNotice, SubmitButton, newPasswordProblem, useAuthStep } from './AuthFields.js';
import { CodeInput, isCompleteCode } from './CodeInput.js';
import { useT } from '../i18n/I18n.js';
import type { MessageKey } from '../i18n/messages/index.js';
import { ErrorText } from './Forms.js';
import { PasswordReset } from './PasswordReset.js';

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
  const [notice, setNotice] = useState<string | null>(null);
  const { busy, error, setError, attempt } = useAuthStep();
  const codeInput = useRef<HTMLInputElement>(null);
  const t = useT();
  const intl = useIntl();
  /** A message with the e-mail address in bold (`<strong>{email}</strong>`). */
  const withEmail = (key: MessageKey) => intl.formatMessage({ id: key }, { email, strong: (chunks: ReactNode[]) => <strong>{chunks}</strong> });

  const backToStart = (message?: string) => {
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
    setError(undefined);
    if (result.kind === 'new-password-required') setStep({ kind: 'new-password', session: result.challengeSession });
    else {
      setCode('');
      setStep({ kind: 'mfa', session: result.challengeSession });
    }
  };

  /** An expired challenge session cannot be answered again: go back to the first step with the message. */
  const challengeFailed = (failure: unknown, challenge: 'new-password' | 'mfa', otherwise: () => void = () => {}) => {
    const message = signInErrorMessage(failure, challenge);
    if (challengeSessionLost(failure)) backToStart(message);
    else otherwise();
    return message;
  };

  const submitCredentials = async (event: FormEvent) => {
    event.preventDefault();
    await attempt(
      email.trim() === '' || password === '' ? t('auth.login.enterCredentials') : null,
      async () => {
        setNotice(null);
        proceed(await auth.signIn(email.trim(), password));
      },
      (failure) => {
        const message = signInErrorMessage(failure, 'sign-in');
        return signInFailedHint && failure instanceof AuthError && failure.code === 'SIGN_IN_FAILED' ? `${message}. ${signInFailedHint}` : message;
      },
    );
  };

  const submitNewPassword = async (event: FormEvent) => {
    event.preventDefault();
    if (step.kind !== 'new-password') return;
    await attempt(
      newPasswordProblem(newPassword, confirmPassword),
      async () => {
        const result = await auth.completeNewPassword(email.trim(), step.session, newPassword);
        proceed(result);
        // Asked again (new session): the password was not accepted.
        if (result.kind === 'new-password-required') setError(t('auth.login.differentPassword'));
      },
      (failure) => challengeFailed(failure, 'new-password'),
    );
  };

  const submitCode = async (event: FormEvent) => {
    event.preventDefault();
    if (step.kind !== 'mfa') return;
    await attempt(
      isCompleteCode(code) ? null : t('auth.error.enterMfaCode'),
      // When the API asks again (new session), the step starts over with an empty code field.
      async () => proceed(await auth.answerMfa(email.trim(), step.session, code)),
      (failure) =>
        challengeFailed(failure, 'mfa', () => {
          setCode('');
          codeInput.current?.focus();
        }),
    );
  };

  const errorBox = <ErrorText error={error} testId="login-error" />;

  if (step.kind === 'forgot') {
    return (
      <PasswordReset
        auth={auth}
        initialEmail={email}
        onCancel={() => backToStart()}
        onDone={(resetEmail) => {
          setEmail(resetEmail);
          backToStart();
          setNotice(t('auth.login.passwordChanged'));
        }}
      />
    );
  }

  if (step.kind === 'mfa') {
    return (
      <AuthCard title={t('auth.login.mfaTitle')} onSubmit={submitCode} testId="mfa-step">
        <p className="muted">{withEmail('auth.login.mfaIntro')}</p>
        <CodeInput label={t('auth.login.mfaCode')} value={code} onChange={setCode} testId="mfa-code" inputRef={codeInput} autoFocus disabled={busy} />
        {errorBox}
        <SubmitButton busy={busy} label={t('auth.login.verify')} busyLabel={t('auth.checking')} testId="mfa-submit" disabled={!isCompleteCode(code)} />
        <BackToSignIn onClick={() => backToStart()} />
      </AuthCard>
    );
  }

  if (step.kind === 'new-password') {
    return (
      <AuthCard title={t('auth.login.newPasswordTitle')} onSubmit={submitNewPassword}>
        <p className="muted">{withEmail('auth.login.newPasswordIntro')}</p>
        <NewPasswordFields
          testId="new-password"
          password={newPassword}
          repeated={confirmPassword}
          onPasswordChange={setNewPassword}
          onRepeatedChange={setConfirmPassword}
          autoFocus
        />
        {errorBox}
        <SubmitButton busy={busy} label={t('auth.login.setPassword')} busyLabel={t('auth.saving')} testId="new-password-submit" />
        <BackToSignIn onClick={() => backToStart()} />
      </AuthCard>
    );
  }

  return (
    <AuthCard title={title} onSubmit={submitCredentials}>
      {subtitle && <p className="muted">{subtitle}</p>}
      <StepNotice notice={notice} testId="login-notice" />
      <EmailField name="email" testId="login-email" value={email} onChange={setEmail} />
      <Field
        label={t('auth.password')}
        type="password"
        name="password"
        autoComplete="current-password"
        testId="login-password"
        value={password}
        onChange={setPassword}
      />
      {errorBox}
      <SubmitButton busy={busy} label={t('auth.login.signIn')} busyLabel={t('auth.login.signingIn')} testId="login-submit" />
      <button
        type="button"
        className="btn btn-link"
        data-testid="forgot-password"
        onClick={() => {
          setError(undefined);
          setNotice(null);
          setStep({ kind: 'forgot' });
        }}
      >
        {t('auth.login.forgot')}
      </button>
      {footer}
    </AuthCard>
  );
};
