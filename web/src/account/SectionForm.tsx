/** Building blocks of the company-admin sections that list items and change them through a small form. */
import { useState } from 'react';
import { useT } from '../i18n/I18n.js';

export interface ActionStatus {
  error?: unknown;
  ok?: string;
}

/**
 * Busy flag and the message under a section. `run` performs one change with the buttons disabled and
 * resolves to whether it worked; with `ok` the previous message is cleared and `ok` is shown on success,
 * without it the previous message stays unless the change fails.
 */
export const useActionStatus = () => {
  const [busy, setBusy] = useState(false);
  const [status, setStatus] = useState<ActionStatus | null>(null);
  const run = async (action: () => Promise<unknown>, ok?: string): Promise<boolean> => {
    setBusy(true);
    if (ok !== undefined) setStatus(null);
    try {
      await action();
      if (ok !== undefined) setStatus({ ok });
      return true;
    } catch (error) {
      setStatus({ error });
      return false;
    } finally {
      setBusy(false);
    }
  };
  return { busy, status, setStatus, run };
};

/** The submit and cancel buttons at the end of an edit form. */
export const SaveOrCancel = ({ label, busy, testId, onCancel }: { label: string; busy: boolean; testId: string; onCancel: () => void }) => {
  const t = useT();
  return (
    <div className="inline-actions">
      <button type="submit" className="btn btn-primary" disabled={busy} data-testid={testId}>
        {label}
      </button>
      <button type="button" className="btn" onClick={onCancel}>
        {t('account.cancel')}
      </button>
    </div>
  );
};
