import { useState } from 'react';
import type { ApiClient } from '../api.js';
import { FormMessage } from '../components/Forms.js';
import type { Me } from '../types.js';

export const sessionTimeoutOptions = [15, 30, 60, 120, 240, 480] as const;

const label = (minutes: number): string =>
  minutes < 60 ? `${minutes} minutes` : minutes === 60 ? '1 hour' : minutes % 60 === 0 ? `${minutes / 60} hours` : `${minutes} minutes`;

/** The signed-in user's own preferences (PUT /me/preferences). */
export const PreferencesSection = ({ api, me, onSaved }: { api: ApiClient; me: Me; onSaved: (me: Me) => void }) => {
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
      setStatus({ ok: 'Preference saved.' });
    } catch (error) {
      setStatus({ error });
    } finally {
      setSaving(false);
    }
  };

  return (
    <section className="card panel" aria-labelledby="preferences-title" data-testid="preferences">
      <h2 id="preferences-title">Session timeout</h2>
      <p className="muted small">You are signed out automatically after this time without activity.</p>
      <div className="inline-form">
        <select
          aria-label="Session timeout"
          value={minutes}
          onChange={(event) => {
            setMinutes(Number(event.target.value));
            setStatus({});
          }}
          data-testid="session-timeout-select"
        >
          {options.map((option) => (
            <option key={option} value={option}>
              {label(option)}
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
          {saving ? 'Saving…' : 'Save'}
        </button>
      </div>
      <FormMessage error={status.error} success={status.ok} testId="preferences-status" />
    </section>
  );
};
