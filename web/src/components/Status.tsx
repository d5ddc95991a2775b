import type { ReactNode } from 'react';
import { apiErrorMessage } from '../api.js';
import { useT } from '../i18n/I18n.js';
import type { AsyncState } from '../useAsync.js';

export const Loading = ({ label }: { label?: string }) => {
  const t = useT();
  return (
    <div className="status status-loading" role="status" aria-live="polite">
      <span className="spinner" aria-hidden="true" />
      {label ?? t('common.loading')}
    </div>
  );
};

export const ErrorBox = ({ error, onRetry, children }: { error?: unknown; onRetry?: () => void; children?: ReactNode }) => {
  const t = useT();
  return (
    <div className="alert alert-error" role="alert">
      <span>{children ?? apiErrorMessage(error)}</span>
      {onRetry && (
        <button type="button" className="btn btn-small" onClick={onRetry}>
          {t('common.retry')}
        </button>
      )}
    </div>
  );
};

export const Empty = ({ children }: { children: ReactNode }) => <div className="status status-empty">{children}</div>;

/**
 * Data loaded with `useAsync` as a screen shows it: the spinner (`label`) until it is there, the error with a
 * retry, the `empty` note where `isEmpty` says so, else `children` with the data.
 */
export const Loaded = <T,>({
  state,
  label,
  isEmpty,
  empty,
  children,
}: {
  state: AsyncState<T>;
  label: string;
  isEmpty?: (data: T) => boolean;
  empty?: ReactNode;
  children: (data: T) => ReactNode;
}) => {
  if (state.loading && state.data === undefined) return <Loading label={label} />;
  if (state.error || state.data === undefined) return <ErrorBox error={state.error} onRetry={state.reload} />;
  if (isEmpty?.(state.data)) return <Empty>{empty}</Empty>;
  return children(state.data);
};

/** Shown after a session ended without the user logging out (token refresh failed or was rejected). */
export const SessionEndedNotice = ({ onDismiss, message }: { onDismiss: () => void; message?: string }) => {
  const t = useT();
  return (
    <div className="alert alert-warn" role="status" data-testid="session-ended">
      <span>{message ?? t('common.sessionEnded')}</span>
      <button type="button" className="btn btn-small btn-ghost" onClick={onDismiss}>
        {t('common.dismiss')}
      </button>
    </div>
  );
};
