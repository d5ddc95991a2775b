import { useState } from 'react';
import { apiErrorMessage } from './api.js';

/** A busy flag and an error message for buttons that run one API call at a time. */
export const useBusyAction = (describeError: (failure: unknown) => string = apiErrorMessage) => {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  /** Runs `action` with `busy` set and the last error cleared; a failure becomes `error` (`describe` overrides the hook's `describeError`). Resolves to whether it worked. */
  const run = async (action: () => Promise<unknown>, describe: (failure: unknown) => string = describeError): Promise<boolean> => {
    setBusy(true);
    setError(undefined);
    try {
      await action();
      return true;
    } catch (failure) {
      setError(describe(failure));
      return false;
    } finally {
      setBusy(false);
    }
  };
  return { busy, error, setError, run };
};
