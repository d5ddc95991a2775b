import { describe, expect, it } from 'vitest';
import { GUEST_LIMITS, MAX_PHOTOS, guestAttempt, guestClientDay, guestClientKey, guestWaitSeconds, type GuestCounter } from '../../functions/rma/rules.js';

const now = 1_800_000_000;

/** Runs `count` attempts at `at` that all fail, as the service would (each counted before comparing). */
function failRepeatedly(count: number, at: number, start?: GuestCounter) {
  let counter = start;
  const outcomes: (number | 'ok')[] = [];
  for (let index = 0; index < count; index++) {
    const decision = guestAttempt(counter, at);
    if (decision.allowed) {
      counter = decision.next;
      outcomes.push('ok');
    } else outcomes.push(decision.retryAfterSeconds);
  }
  return { counter, outcomes };
}

describe('guest RMA back-off per client and order number', () => {
  it('lets the free attempts through at once (a whole parallel photo upload), then waits 30 s, 60 s, 120 s … up to an hour', () => {
    expect(GUEST_LIMITS.freeFailures).toBe(MAX_PHOTOS);
    expect([1, 2, 3, 4, 5].map((failures) => guestWaitSeconds(failures))).toEqual([0, 0, 0, 0, 0]);
    expect([6, 7, 8, 9].map((failures) => guestWaitSeconds(failures))).toEqual([30, 60, 120, 240]);
    expect(guestWaitSeconds(12)).toBe(1920);
    expect(guestWaitSeconds(13)).toBe(3600);
    expect(guestWaitSeconds(10_000)).toBe(3600);
  });

  it('40 quick attempts of one client: 6 are tried, the rest told to wait; refused ones do not prolong the wait', () => {
    const { counter, outcomes } = failRepeatedly(40, now);
    expect(outcomes.filter((outcome) => outcome === 'ok')).toHaveLength(6);
    expect(outcomes.slice(6).every((outcome) => outcome === 30)).toBe(true);
    expect(counter).toEqual({ failures: 6, nextAttemptAt: now + 30, expiresAt: now + 24 * 3600 });
    // After the wait one more try, and the next wait doubles.
    const later = guestAttempt(counter, now + 30);
    expect(later).toEqual({ allowed: true, next: { failures: 7, nextAttemptAt: now + 30 + 60, expiresAt: now + 30 + 24 * 3600 } });
    expect(guestAttempt(counter, now + 29)).toEqual({ allowed: false, retryAfterSeconds: 1 });
  });

  it('forgets the failures after a quiet day (expired counters, even before DynamoDB deleted them)', () => {
    const { counter } = failRepeatedly(12, now);
    const decision = guestAttempt({ ...counter!, nextAttemptAt: now + 10 * 24 * 3600 }, now + 24 * 3600 + 1);
    expect(decision).toMatchObject({ allowed: true, next: { failures: 1 } });
  });

  it('a fresh client (the rightful buyer) starts with its own, empty counter', () => {
    expect(guestAttempt(undefined, now)).toEqual({ allowed: true, next: { failures: 1, nextAttemptAt: now, expiresAt: now + 24 * 3600 } });
  });
});

describe('the client of an attempt', () => {
  it('is the IPv4 address or the IPv6 /64, hashed', () => {
    expect(guestClientKey('203.0.113.7')).toBe(guestClientKey('::ffff:203.0.113.7'));
    expect(guestClientKey('203.0.113.7')).not.toBe(guestClientKey('203.0.113.8'));
    expect(guestClientKey('2001:db8:1:2::1')).toBe(guestClientKey('2001:0db8:0001:0002:ffff:ffff:ffff:ffff'));
    expect(guestClientKey('2001:db8:1:2::1')).not.toBe(guestClientKey('2001:db8:1:3::1'));
    expect(guestClientKey(undefined)).toBe(guestClientKey(''));
    expect(guestClientKey('203.0.113.7')).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(guestClientKey('203.0.113.7')).not.toContain('203');
  });

  it('the daily cap runs per UTC day', () => {
    expect(guestClientDay(new Date('2026-11-23T23:59:30.000Z'))).toEqual({ day: '2026-11-23', secondsLeft: 30 });
    expect(guestClientDay(new Date('2026-11-24T00:00:00.000Z'))).toEqual({ day: '2026-11-24', secondsLeft: 86_400 });
  });
});
