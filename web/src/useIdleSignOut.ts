/**
 * Signs the user out after `timeoutMinutes` without mouse, keyboard or touch input. The time of the
 * last activity is kept in sessionStorage (per app: shop and console), so reloading the page does
 * not reset the clock. The sign-out is an "expired" one, so the app shows its "session ended" notice.
 */
import { useEffect } from 'react';
import type { AuthClient, Session } from './auth.js';

const ACTIVITY_EVENTS = ['mousemove', 'mousedown', 'keydown', 'touchstart', 'wheel', 'scroll'] as const;
/** Write the activity time at most this often (mousemove fires a lot). */
const WRITE_INTERVAL_MS = 1_000;

interface StoredActivity {
  /** The session the record belongs to (`Session.signedInAt`). */
  signedInAt: number;
  at: number;
}

const storageKey = (auth: AuthClient): string => `b2b-portal.activity.${auth.kind}`;

const readActivity = (key: string, signedInAt: number): number => {
  try {
    const raw = sessionStorage.getItem(key);
    if (raw) {
      const stored = JSON.parse(raw) as Partial<StoredActivity>;
      if (stored.signedInAt === signedInAt && typeof stored.at === 'number') return Math.max(stored.at, signedInAt);
    }
  } catch {
    // Unreadable: count from the sign-in.
  }
  // No record for this session yet: the sign-in was the last activity.
  return signedInAt;
};

const writeActivity = (key: string, record: StoredActivity): void => {
  try {
    sessionStorage.setItem(key, JSON.stringify(record));
  } catch {
    // Storage unavailable: the in-memory time still works until a reload.
  }
};

export const useIdleSignOut = (auth: AuthClient, session: Session | null, timeoutMinutes: number | undefined): void => {
  const signedInAt = session?.signedInAt;
  useEffect(() => {
    if (signedInAt === undefined || !timeoutMinutes || timeoutMinutes <= 0) return;
    const key = storageKey(auth);
    const timeoutMs = timeoutMinutes * 60_000;
    let lastActivity = readActivity(key, signedInAt);
    let lastWrite = 0;
    let timer: ReturnType<typeof setTimeout> | undefined;

    const check = () => {
      clearTimeout(timer);
      // Another tab of this session cannot share sessionStorage, but a reload may have written a newer time.
      lastActivity = Math.max(lastActivity, readActivity(key, signedInAt));
      const remaining = lastActivity + timeoutMs - Date.now();
      if (remaining <= 0) {
        try {
          sessionStorage.removeItem(key);
        } catch {
          // ignore
        }
        if (auth.getSession()?.signedInAt === signedInAt) auth.signOut('expired', 'IDLE');
        return;
      }
      // Re-check at the deadline (capped, so a sleeping laptop is noticed soon after waking up).
      timer = setTimeout(check, Math.min(remaining + 250, 60_000));
    };

    const onActivity = () => {
      const now = Date.now();
      // Activity after the deadline (e.g. a laptop waking up) does not revive the session.
      if (now - lastActivity > timeoutMs) {
        check();
        return;
      }
      lastActivity = now;
      if (now - lastWrite >= WRITE_INTERVAL_MS) {
        lastWrite = now;
        writeActivity(key, { signedInAt, at: now });
      }
    };
    const onVisibility = () => {
      if (document.visibilityState === 'visible') check();
      else writeActivity(key, { signedInAt, at: lastActivity });
    };
    const onPageHide = () => writeActivity(key, { signedInAt, at: lastActivity });

    writeActivity(key, { signedInAt, at: lastActivity });
    for (const type of ACTIVITY_EVENTS) window.addEventListener(type, onActivity, { passive: true, capture: true });
    document.addEventListener('visibilitychange', onVisibility);
    window.addEventListener('pagehide', onPageHide);
    check();
    return () => {
      clearTimeout(timer);
      for (const type of ACTIVITY_EVENTS) window.removeEventListener(type, onActivity, { capture: true });
      document.removeEventListener('visibilitychange', onVisibility);
      window.removeEventListener('pagehide', onPageHide);
      // Keep the latest activity for the next mount (e.g. the timeout preference changed).
      writeActivity(key, { signedInAt, at: lastActivity });
    };
  }, [auth, signedInAt, timeoutMinutes]);
};
