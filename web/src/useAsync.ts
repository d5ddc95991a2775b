import { useCallback, useEffect, useState } from 'react';
import { isAbortError } from './api.js';

export interface AsyncState<T> {
  data: T | undefined;
  error: unknown;
  loading: boolean;
  reload: () => void;
  /** Replace the loaded data (e.g. with the response of a save). */
  setData: (data: T) => void;
}

/**
 * Runs `load` when `deps` change (aborting the previous run) and tracks its result.
 * `load` may return undefined to mean "nothing to load".
 * With `keepData`, the previous data stays visible while a reload runs (`loading` is true meanwhile),
 * e.g. prices that are recalculated for another agreement.
 */
export const useAsync = <T>(
  load: (signal: AbortSignal) => Promise<T> | undefined,
  deps: readonly unknown[],
  options: { keepData?: boolean } = {},
): AsyncState<T> => {
  const keepData = options.keepData === true;
  const [state, setState] = useState<{ data: T | undefined; error: unknown; loading: boolean }>({
    data: undefined,
    error: undefined,
    loading: true,
  });
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    const controller = new AbortController();
    const promise = load(controller.signal);
    if (!promise) {
      setState({ data: undefined, error: undefined, loading: false });
      return;
    }
    setState((current) => ({ data: keepData ? current.data : undefined, error: undefined, loading: true }));
    promise.then(
      (data) => {
        if (!controller.signal.aborted) setState({ data, error: undefined, loading: false });
      },
      (error: unknown) => {
        if (!controller.signal.aborted && !isAbortError(error)) setState({ data: undefined, error, loading: false });
      },
    );
    return () => controller.abort();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [...deps, attempt]);

  const reload = useCallback(() => setAttempt((n) => n + 1), []);
  const setData = useCallback((data: T) => setState({ data, error: undefined, loading: false }), []);
  return { ...state, reload, setData };
};
