/**
 * Two-factor authentication (TOTP) of the signed-in user: the account page section (shop and console
 * preferences), the setup steps it shares with the full-page prompt the apps show when the API answers
 * 403 MFA_SETUP_REQUIRED, and the company admins' "require for all employees" switch.
 */
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { ApiError, apiErrorMessage, type ApiClient } from '../api.js';
import type { AuthClient } from '../auth.js';
import { SubmitButton, useAuthStep } from '../components/AuthFields.js';
import { CodeInput, isCompleteCode } from '../components/CodeInput.js';
import { ErrorText, FormMessage } from '../components/Forms.js';
import { useT } from '../i18n/I18n.js';
import { disableMfa, groupSecret, mfaErrorTexts, setCompanyMfaRequired, startMfaSetup, verifyMfa } from '../mfaApi.js';
import { useServices } from '../services.js';
import type { ClientKind, CompanyDetail, Me, MfaSetup } from '../types.js';
import '../components/auth.css';

const mfaErrorMessage = (error: unknown): string => (error instanceof ApiError && mfaErrorTexts[error.code]) || apiErrorMessage(error);

interface MfaEnrolmentProps {
  api: ApiClient;
  auth: AuthClient;
  /** The code was accepted: two-factor authentication is on. */
  onEnabled: () => void;
  onCancel?: () => void;
  /** Start right away (the full-page prompt) instead of with a "Set up" button. */
  autoStart?: boolean;
}

/** Setup steps: new secret → add it to an app → confirm with a code. */
export const MfaEnrolment = ({ api, auth, onEnabled, onCancel, autoStart = false }: MfaEnrolmentProps) => {
  const [setup, setSetup] = useState<MfaSetup | null>(null);
  const [code, setCode] = useState('');
  const { busy, error, run, attempt } = useAuthStep();
  const started = useRef(false);
  const codeInput = useRef<HTMLInputElement>(null);
  const t = useT();

  const start = () =>
    run(async () => {
      setSetup(await startMfaSetup(api, auth));
      setCode('');
    }, mfaErrorMessage);

  useEffect(() => {
    // Once per mount (StrictMode runs effects twice; a second secret would replace the first).
    if (!autoStart || started.current) return;
    started.current = true;
    void start();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [autoStart]);

  const confirm = async (event: FormEvent) => {
    event.preventDefault();
    await attempt(
      isCompleteCode(code) ? null : t('auth.mfa.enterCode'),
      async () => {
        await verifyMfa(api, auth, code);
        onEnabled();
      },
      (failure) => {
        setCode('');
        codeInput.current?.focus();
        return mfaErrorMessage(failure);
      },
    );
  };

  if (!setup) {
    return (
      <div data-testid="mfa-enrolment">
        <ErrorText error={error} testId="mfa-setup-error" />
        {!autoStart || error ? (
          <div className="inline-actions">
            <button type="button" className="btn btn-primary" onClick={() => void start()} disabled={busy} data-testid="mfa-setup-start">
              {busy ? t('auth.mfa.preparing') : error ? t('auth.mfa.tryAgain') : t('auth.mfa.setUp')}
            </button>
            {onCancel && (
              <button type="button" className="btn" onClick={onCancel}>
                {t('auth.mfa.cancel')}
              </button>
            )}
          </div>
        ) : (
          <p className="muted small">{t('auth.mfa.preparing')}</p>
        )}
      </div>
    );
  }

  return (
    <form onSubmit={confirm} noValidate data-testid="mfa-enrolment">
      <ol className="mfa-steps">
        <li>{t('auth.mfa.step1')}</li>
        <li>
          {t('auth.mfa.step2')}
          <br />
          <code className="mfa-secret" data-testid="mfa-secret" aria-label={t('auth.mfa.secretKey')}>
            {groupSecret(setup.secret)}
          </code>
          <br />
          <a href={setup.otpauthUri} data-testid="mfa-otpauth-link" className="small">
            {t('auth.mfa.openLink')}
          </a>
        </li>
        <li>{t('auth.mfa.step3')}</li>
      </ol>
      <CodeInput label={t('auth.mfa.codeFromApp')} value={code} onChange={setCode} testId="mfa-setup-code" inputRef={codeInput} autoFocus disabled={busy} />
      <ErrorText error={error} testId="mfa-setup-error" />
      <div className="inline-actions">
        <SubmitButton
          className="btn btn-primary"
          busy={busy}
          label={t('auth.mfa.turnOn')}
          busyLabel={t('auth.checking')}
          testId="mfa-setup-verify"
          disabled={!isCompleteCode(code)}
        />
        {onCancel && (
          <button type="button" className="btn" onClick={onCancel} disabled={busy}>
            {t('auth.mfa.cancel')}
          </button>
        )}
      </div>
    </form>
  );
};

/** Account page / console preferences: status, set up, turn off (unless required). */
export const TwoFactorSection = ({ client, me, onMeChanged }: { client: ClientKind; me: Me; onMeChanged: (me: Me) => void }) => {
  const services = useServices();
  const api = services.api[client];
  const auth = services.auth[client];
  const enabled = me.user.mfaEnabled === true;
  const required = me.user.mfaRequired === true;
  const [settingUp, setSettingUp] = useState(false);
  const [busy, setBusy] = useState(false);
  const [status, setStatus] = useState<{ error?: unknown; ok?: string }>({});
  const t = useT();

  const setEnabled = (mfaEnabled: boolean) => onMeChanged({ ...me, user: { ...me.user, mfaEnabled } });

  const turnOff = async () => {
    if (!window.confirm(t('auth.mfa.confirmOff'))) return;
    setBusy(true);
    setStatus({});
    try {
      const result = await disableMfa(api, auth);
      setEnabled(result.mfaEnabled);
      setStatus({ ok: t('auth.mfa.isOff') });
    } catch (error) {
      setStatus({ error: mfaErrorMessage(error) });
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="card panel" aria-labelledby="mfa-title" data-testid="mfa-section">
      <h2 id="mfa-title">{t('auth.mfa.title')}</h2>
      <p className="muted small">{t('auth.mfa.intro')}</p>
      <div className="mfa-status">
        <span className={enabled ? 'badge badge-ok' : 'badge badge-warn'} data-testid="mfa-status">
          {enabled ? t('auth.mfa.on') : t('auth.mfa.off')}
        </span>
        {required && <span className="small muted">{client === 'console' ? t('auth.mfa.requiredStaff') : t('auth.mfa.requiredCompany')}</span>}
      </div>
      {settingUp ? (
        <MfaEnrolment
          api={api}
          auth={auth}
          autoStart
          onCancel={() => setSettingUp(false)}
          onEnabled={() => {
            setSettingUp(false);
            setEnabled(true);
            setStatus({ ok: t('auth.mfa.isOn') });
          }}
        />
      ) : enabled ? (
        required ? (
          <p className="small muted" data-testid="mfa-required-note">
            {client === 'console' ? t('auth.mfa.cannotTurnOffStaff') : t('auth.mfa.cannotTurnOffCompany')}
          </p>
        ) : (
          <button type="button" className="btn btn-small" onClick={() => void turnOff()} disabled={busy} data-testid="mfa-disable">
            {busy ? t('auth.mfa.turningOff') : t('auth.mfa.turnOff')}
          </button>
        )
      ) : (
        <button
          type="button"
          className="btn btn-primary btn-small"
          onClick={() => {
            setStatus({});
            setSettingUp(true);
          }}
          data-testid="mfa-setup"
        >
          {t('auth.mfa.setUp')}
        </button>
      )}
      <FormMessage error={status.error} success={status.ok} testId="mfa-section-status" />
    </section>
  );
};

/**
 * Full-page prompt instead of the page whose API call answered 403 MFA_SETUP_REQUIRED. After the
 * setup the app loads the page's data again (AuthClient.mfaSetupCompleted).
 */
export const MfaSetupPrompt = ({ client, onSignOut }: { client: ClientKind; onSignOut: () => void }) => {
  const services = useServices();
  const auth = services.auth[client];
  const t = useT();
  return (
    <section className="card mfa-prompt" data-testid="mfa-setup-prompt" aria-labelledby="mfa-prompt-title">
      <h1 id="mfa-prompt-title">{t('auth.mfa.promptTitle')}</h1>
      <p className="muted">{client === 'console' ? t('auth.mfa.promptStaff') : t('auth.mfa.promptCompany')}</p>
      <MfaEnrolment api={services.api[client]} auth={auth} autoStart onEnabled={auth.mfaSetupCompleted} />
      <p className="small muted">
        {t('auth.mfa.noPhone')}{' '}
        <button type="button" className="btn btn-link" onClick={onSignOut} data-testid="mfa-prompt-logout">
          {t('auth.mfa.logOut')}
        </button>
      </p>
    </section>
  );
};

/** Company admins: require two-factor authentication for all employees (PUT /companies/{id}/security). */
export const CompanySecuritySection = ({
  api,
  company,
  onChanged,
  viewerMfaEnabled,
}: {
  api: ApiClient;
  company: CompanyDetail;
  onChanged: (company: CompanyDetail) => void;
  /** Whether the admin has set up MFA themself (else turning the requirement on prompts them too). */
  viewerMfaEnabled: boolean | undefined;
}) => {
  const current = company.mfaRequired === true;
  const [required, setRequired] = useState(current);
  const [busy, setBusy] = useState(false);
  const [status, setStatus] = useState<{ error?: unknown; ok?: string }>({});
  const t = useT();

  const save = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setStatus({});
    try {
      const savedRequired = (await setCompanyMfaRequired(api, company.id, required)).mfaRequired;
      setRequired(savedRequired);
      onChanged({ ...company, mfaRequired: savedRequired });
      setStatus({ ok: savedRequired ? t('auth.security.allRequired') : t('auth.security.optional') });
    } catch (error) {
      setStatus({ error });
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="card panel" aria-labelledby="security-title" data-testid="security-section">
      <h2 id="security-title">{t('auth.security.title')}</h2>
      <form onSubmit={save}>
        <label className="checkbox">
          <input
            type="checkbox"
            checked={required}
            onChange={(event) => {
              setRequired(event.target.checked);
              setStatus({});
            }}
            data-testid="mfa-required-toggle"
          />
          <span>
            <strong>{t('auth.security.require')}</strong>
            <small>{t('auth.security.requireHint')}</small>
          </span>
        </label>
        {required && !current && viewerMfaEnabled === false && (
          <p className="alert alert-warn small" role="status">
            {t('auth.security.selfWarning')}
          </p>
        )}
        <div className="inline-actions">
          <button type="submit" className="btn btn-primary btn-small" disabled={busy || required === current} data-testid="save-security">
            {busy ? t('auth.saving') : t('auth.security.save')}
          </button>
        </div>
      </form>
      <FormMessage error={status.error} success={status.ok} testId="security-status" />
    </section>
  );
};
