import type { ReactNode } from 'react';
import { apiErrorMessage } from '../api.js';

export const Loading = ({ label = 'Loading…' }: { label?: string }) => (
  <div className="status status-loading" role="status" aria-live="polite">
    <span className="spinner" aria-hidden="true" />
    {label}
  </div>
);

export const ErrorBox = ({ error, onRetry, children }: { error?: unknown; onRetry?: () => void; children?: ReactNode }) => (
  <div className="alert alert-error" role="alert">
    <span>{children ?? apiErrorMessage(error)}</span>
    {onRetry && (
      <button type="button" className="btn btn-small" onClick={onRetry}>
        Try again
      </button>
    )}
  </div>
);

export const Empty = ({ children }: { children: ReactNode }) => <div className="status status-empty">{children}</div>;

/** Shown after a session ended without the user logging out (token refresh failed or was rejected). */
export const SessionEndedNotice = ({ onDismiss, message }: { onDismiss: () => void; message?: string }) => (
  <div className="alert alert-warn" role="status" data-testid="session-ended">
    <span>{message ?? 'Your session has ended. Please sign in again.'}</span>
    <button type="button" className="btn btn-small btn-ghost" onClick={onDismiss} aria-label="Dismiss">
      Dismiss
    </button>
  </div>
);
