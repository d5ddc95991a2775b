import { useState } from 'react';
import type { ApiClient } from '../api.js';
import { FormMessage } from '../components/Forms.js';
import { useLanguage, useT, type Translate } from '../i18n/I18n.js';
import { browserLanguage, isLanguage, languageNames, languages, type Language } from '../i18n/languages.js';
import type { Me } from '../types.js';

export const sessionTimeoutOptions = [15, 30, 60, 120, 240, 480] as const;

const label = (t: Translate, minutes: number): string =>
  minutes < 60
    ? t('account.prefs.minutes', { minutes })
    : minutes === 60
      ? t('account.prefs.oneHour')
      : minutes % 60 === 0
        ? t('account.prefs.hours', { hours: minutes / 60 })
        : t('account.prefs.minutes', { minutes });

/** The key of this browser's language choice (web/src/i18n/languages.ts), removed when the user goes back to the default. */
const languageStorageKey = 'portal.language';

/**
 * The user's language (PUT /me/preferences `language`): one of the three, or "automatic" (`null`:
 * the browser's language, else the company's). Choosing one switches the UI at once.
 */
const LanguagePreference = ({ api, me, onSaved }: { api: ApiClient; me: Me; onSaved: (me: Me) => void }) => {
  const t = useT();
  const { language, choose, adopt } = useLanguage();
  const [saving, setSaving] = useState(false);
  const [status, setStatus] = useState<{ error?: unknown; ok?: string }>({});
  const value = me.user.languageChosen ? language : '';

  /** Saved first, then shown: the app starts again in the new language and reads the saved choice back. */
  const pick = async (next: Language) => {
    setSaving(true);
    setStatus({});
    try {
      const saved = await api.updatePreferences({ language: next });
      onSaved(saved);
      choose(next);
      setStatus({ ok: t('account.prefs.languageSaved') });
    } catch (error) {
      setStatus({ error });
    } finally {
      setSaving(false);
    }
  };

  const followDefault = async () => {
    setSaving(true);
    setStatus({});
    try {
      const saved = await api.updatePreferences({ language: null });
      try {
        localStorage.removeItem(languageStorageKey);
      } catch {
        // No storage (private mode): nothing was stored.
      }
      onSaved(saved);
      const next = browserLanguage() ?? saved.user.language;
      // The UI shows another language by default: start again in it (nothing stores it as a choice).
      if (next !== language) window.location.reload();
      else {
        adopt(saved.user);
        setStatus({ ok: t('account.prefs.languageSaved') });
      }
    } catch (error) {
      setStatus({ error });
    } finally {
      setSaving(false);
    }
  };

  return (
    <section className="card panel" aria-labelledby="language-title" data-testid="language-preference">
      <h2 id="language-title">{t('common.language')}</h2>
      <p className="muted small">{t('account.prefs.languageIntro')}</p>
      <select
        aria-label={t('common.language')}
        value={value}
        disabled={saving}
        onChange={(event) => {
          const chosen = event.target.value;
          setStatus({});
          if (isLanguage(chosen)) void pick(chosen);
          else void followDefault();
        }}
        data-testid="language-select"
      >
        <option value="">{t('account.prefs.languageFollow')}</option>
        {languages.map((code) => (
          <option key={code} value={code} lang={code}>
            {languageNames[code]}
          </option>
        ))}
      </select>
      <FormMessage error={status.error} success={status.ok} testId="language-status" />
    </section>
  );
};

/** The signed-in user's own preferences (PUT /me/preferences). */
export const PreferencesSection = ({ api, me, onSaved }: { api: ApiClient; me: Me; onSaved: (me: Me) => void }) => {
  const t = useT();
  const current = me.user.sessionTimeoutMinutes;
  const [minutes, setMinutes] = useState<number>(current ?? 60);
  const [saving, setSaving] = useState(false);
  const [status, setStatus] = useState<{ error?: unknown; ok?: string }>({});
  const options =
    current !== undefined && !sessionTimeoutOptions.includes(current as 15) ? [...sessionTimeoutOptions, current].sort((a, b) => a - b) : sessionTimeoutOptions;

  const save = async () => {
    setSaving(true);
    setStatus({});
    try {
      const saved = await api.updatePreferences({ sessionTimeoutMinutes: minutes });
      onSaved(saved);
      setStatus({ ok: t('account.prefs.saved') });
    } catch (error) {
      setStatus({ error });
    } finally {
      setSaving(false);
    }
  };

  return (
    <>
      <section className="card panel" aria-labelledby="preferences-title" data-testid="preferences">
        <h2 id="preferences-title">{t('account.prefs.title')}</h2>
        <p className="muted small">{t('account.prefs.intro')}</p>
        <div className="inline-form">
          <select
            aria-label={t('account.prefs.title')}
            value={minutes}
            onChange={(event) => {
              setMinutes(Number(event.target.value));
              setStatus({});
            }}
            data-testid="session-timeout-select"
          >
            {options.map((option) => (
              <option key={option} value={option}>
                {label(t, option)}
              </option>
            ))}
          </select>
          <button
            type="button"
            className="btn btn-primary btn-small"
            onClick={() => void save()}
            disabled={saving || minutes === current}
            data-testid="save-preferences"
          >
            {saving ? t('account.saving') : t('account.save')}
          </button>
        </div>
        <FormMessage error={status.error} success={status.ok} testId="preferences-status" />
      </section>
      <LanguagePreference api={api} me={me} onSaved={onSaved} />
    </>
  );
};
