import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseCamt053 } from '../../functions/invoices/camt053.js';
import { thrownCode } from '../support/errors.js';
import { calendarDate, dateOrInstant, dateProblem, instant, instantProblem, isCalendarDate, isInstant, latestDay } from '../../functions/shared/dates.js';

const now = new Date('2026-12-02T14:00:00Z');

describe('calendar dates', () => {
  it('accepts real days, leap years included', () => {
    for (const value of ['2026-01-31', '2024-02-29', '2000-02-29', '2026-04-30', '2026-12-31']) expect(isCalendarDate(value), value).toBe(true);
  });
  it('refuses impossible days and other shapes', () => {
    for (const value of [
      '2026-13-45',
      '2026-02-29',
      '1900-02-29',
      '2026-04-31',
      '2026-00-10',
      '2026-01-00',
      '2026-1-01',
      '26-01-01',
      '2026-01-01T00:00:00Z',
      ' 2026-01-01',
      '',
    ])
      expect(isCalendarDate(value), value).toBe(false);
  });
  it('keeps a sane range: not before 2000-01-01, not more than a year ahead', () => {
    expect(dateProblem('2000-01-01', now)).toBeUndefined();
    expect(dateProblem('1999-12-31', now)).toMatch(/between/);
    expect(latestDay(now)).toBe('2027-12-03');
    expect(dateProblem('2027-12-03', now)).toBeUndefined();
    expect(dateProblem('2027-12-04', now)).toMatch(/between/);
    expect(dateProblem('9999-12-31', now)).toMatch(/between/);
    // Stricter fields: a payment date at most a day ahead.
    expect(dateProblem('2026-12-03', now, { maxDaysAhead: 1 })).toBeUndefined();
    expect(dateProblem('2026-12-04', now, { maxDaysAhead: 1 })).toMatch(/between 2000-01-01 and 2026-12-03/);
  });
});

describe('instants', () => {
  it('needs a real date, a real time and a time zone', () => {
    for (const value of ['2026-12-02T10:00:00Z', '2026-12-02T10:00Z', '2026-12-02T23:59:59.999+01:00', '2024-02-29T00:00:00-05:30'])
      expect(isInstant(value), value).toBe(true);
    for (const value of [
      '2026-02-31T10:00:00Z',
      '2026-13-45T10:00:00Z',
      '2026-12-02T24:00:00Z',
      '2026-12-02T10:60:00Z',
      '2026-12-02T10:00:00',
      '2026-12-02T10:00:00+25:00',
      '2026-12-02',
    ])
      expect(isInstant(value), value).toBe(false);
  });
  it('applies the range to the UTC day', () => {
    expect(instantProblem('1999-12-31T23:30:00-01:00', now)).toBeUndefined();
    expect(instantProblem('1999-12-31T23:30:00Z', now)).toMatch(/between/);
    expect(instantProblem('2028-01-01T00:00:00Z', now)).toMatch(/between/);
  });
});

describe('zod schemas', () => {
  it('parse what the checks accept and report the rest as issues', () => {
    expect(calendarDate().safeParse('2026-11-20').success).toBe(true);
    expect(calendarDate().safeParse('2026-13-45').success).toBe(false);
    expect(calendarDate().safeParse(20261120).success).toBe(false);
    expect(instant().safeParse('2026-12-24T10:00:00Z').success).toBe(true);
    expect(instant().safeParse('2026-02-30T10:00:00Z').success).toBe(false);
    expect(dateOrInstant().safeParse('2026-11-01').success).toBe(true);
    expect(dateOrInstant().safeParse('2026-11-01T08:00:00+01:00').success).toBe(true);
    expect(dateOrInstant().safeParse('2026-11-31').success).toBe(false);
    expect(dateOrInstant().safeParse('0001-01-01').success).toBe(false);
  });
});

describe('camt.053 dates', () => {
  it('a statement with an impossible booking date is refused, not stored under 2026-13-45', () => {
    const xml = readFileSync(new URL('../fixtures/camt053/statement-001.02.xml', import.meta.url), 'utf8').replace(/\{\{(\w+)\}\}/g, (_, name: string) =>
      /^AMOUNT/.test(name) ? '1.00' : /INVOICE/.test(name) ? 'INV-2026-000123' : /ORDER/.test(name) ? 'ORD-2026-000125' : 'S-1',
    );
    expect(parseCamt053(xml).transactions.length).toBeGreaterThan(0);
    const broken = xml.replace(/(<BookgDt>\s*<Dt>)2026-11-19(<\/Dt>)/, '$12026-13-45$2');
    expect(broken).not.toBe(xml);
    expect(thrownCode(() => parseCamt053(broken))).toBe('INVALID_STATEMENT');
    expect(() => parseCamt053(broken)).toThrow(/invalid booking date: 2026-13-45/);
  });
});
