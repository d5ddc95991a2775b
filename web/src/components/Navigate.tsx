import { useEffect } from 'react';
import { navigate } from '../router.js';

/** Redirects (replacing the history entry) once rendered. */
export const Navigate = ({ to }: { to: string }) => {
  useEffect(() => navigate(to, { replace: true }), [to]);
  return null;
};
