/**
 * Building blocks of the sign-in steps (LoginForm), the password reset (PasswordReset) and the
 * two-factor setup (TwoFactorSection): the card form, fields, messages, buttons and the
 * check → busy → API call → error flow each step runs.
 */
import type { FormEvent, InputHTMLAttributes, ReactNode } from 'react';
import { useT } from '../i18n/I18n.js';
import { translate } from '../i18n/translate.js';
import { useBusyAction } from '../useBusyAction.js';
import { MessageText } from './Forms.js';
import './auth.css';

export const MIN_PASSWORD_LENGTH = 12;

/** A problem with a new password typed twice, checked before the API sees it. */
export const newPasswordProblem = (password: string, repeated: string): string | null => {
  if (password !== repeated) return translate('auth.passwordsDiffer');
  if (password.length < MIN_PASSWORD_LENGTH) return translate('auth.passwordTooShort', { min: MIN_PASSWORD_LENGTH });
  return null;
};

/**
 * Busy flag and error message of one step. `attempt` shows `problem` (a check before the API call) if
 * there is one; otherwise it clears the error and runs `action` while busy, and a failure becomes the
 * message `describe` makes of it (which may also reset fields or go back a step).
 */
export const useAuthStep = () => {
  const { busy, error, setError, run } = useBusyAction();
  const attempt = async (problem: string | null, action: () => Promise<unknown>, describe: (failure: unknown) => string): Promise<boolean> => {
    if (problem) {
      setError(problem);
      return false;
    }
    return run(action, describe);
  };
  return { busy, error, setError, run, attempt };
};

/** One step of the sign-in page: a card with a heading. */
export const AuthCard = ({
  title,
  onSubmit,
  testId,
  children,
}: {
  title: ReactNode;
  onSubmit: (event: FormEvent) => void;
  testId?: string;
  children: ReactNode;
}) => (
  <form className="card login-card" onSubmit={onSubmit} noValidate data-testid={testId}>
    <h1>{title}</h1>
    {children}
  </form>
);

type FieldProps = { label: string; testId: string; value: string; onChange: (value: string) => void } & Omit<
  InputHTMLAttributes<HTMLInputElement>,
  'value' | 'onChange'
>;

/** A labelled, required text input. */
export const Field = ({ label, testId, value, onChange, ...input }: FieldProps) => (
  <label className="field">
    <span>{label}</span>
    <input {...input} data-testid={testId} value={value} onChange={(event) => onChange(event.target.value)} required />
  </label>
);

/** The account's e-mail address (the user name for password managers); focused first. */
export const EmailField = (props: { testId: string; value: string; onChange: (value: string) => void; name?: string }) => {
  const t = useT();
  return <Field label={t('auth.email')} type="email" autoComplete="username" autoFocus {...props} />;
};

/** A new password typed twice (test ids `<testId>` and `<testId>-confirm`) and the policy hint. */
export const NewPasswordFields = ({
  testId,
  password,
  repeated,
  onPasswordChange,
  onRepeatedChange,
  autoFocus,
}: {
  testId: string;
  password: string;
  repeated: string;
  onPasswordChange: (value: string) => void;
  onRepeatedChange: (value: string) => void;
  autoFocus?: boolean;
}) => {
  const t = useT();
  return (
    <>
      <Field
        label={t('auth.newPassword')}
        type="password"
        autoComplete="new-password"
        testId={testId}
        value={password}
        onChange={onPasswordChange}
        minLength={MIN_PASSWORD_LENGTH}
        autoFocus={autoFocus}
      />
      <Field
        label={t('auth.repeatNewPassword')}
        type="password"
        autoComplete="new-password"
        testId={`${testId}-confirm`}
        value={repeated}
        onChange={onRepeatedChange}
      />
      <p className="hint">{t('auth.passwordPolicyHint')}</p>
    </>
  );
};

/** A notice above a step's fields (nothing without one). */
export const StepNotice = ({ notice, testId }: { notice: string | null; testId: string }) => (
  <MessageText text={notice} className="alert alert-info login-notice" role="status" testId={testId} />
);

/** The submit button of a step: disabled and relabelled while busy. */
export const SubmitButton = ({
  busy,
  label,
  busyLabel,
  testId,
  disabled = false,
  className = 'btn btn-primary btn-block',
}: {
  busy: boolean;
  label: string;
  busyLabel: string;
  testId: string;
  disabled?: boolean;
  className?: string;
}) => (
  <button type="submit" className={className} data-testid={testId} disabled={busy || disabled}>
    {busy ? busyLabel : label}
  </button>
);

/** "Back to sign-in" below a step. */
export const BackToSignIn = ({ onClick, testId }: { onClick: () => void; testId?: string }) => {
  const t = useT();
  return (
    <button type="button" className="btn btn-link" onClick={onClick} data-testid={testId}>
      {t('auth.backToSignIn')}
    </button>
  );
};
