import * as z from 'zod';

/**
 * The one way a date or an instant is taken from input (issue 12 finding 6): a real calendar date
 * (no 2026-13-45, no 2026-02-30; leap years), a real time of day and offset, within a sane range —
 * not before 2000-01-01 and not more than a year (366 days) after today, unless the field is stricter
 * (a payment cannot be dated in the future). Handlers use these schemas; a miss is the usual
 * 400 VALIDATION_FAILED. Pure checks are exported for rules and tests.
 */

export const EARLIEST_DATE = '2000-01-01';
export const MAX_DAYS_AHEAD = 366;

const dayMs = 24 * 3600 * 1000;
const dateShape = /^(\d{4})-(\d{2})-(\d{2})$/;
/** `YYYY-MM-DDThh:mm[:ss[.fraction]](Z|±hh:mm)`: a time zone is required. */
const instantShape = /^(\d{4}-\d{2}-\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(Z|[+-](\d{2}):(\d{2}))$/;

export interface DateRange {
  /** Latest day allowed, in days after today (UTC); default MAX_DAYS_AHEAD. */
  readonly maxDaysAhead?: number;
}

const daysIn = (year: number, month: number) =>
  month === 2 ? ((year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28) : [4, 6, 9, 11].includes(month) ? 30 : 31;

/** `2024-02-29` yes, `2026-02-29` / `2026-13-45` / `2026-4-1` no. */
export function isCalendarDate(value: string): boolean {
  const match = dateShape.exec(value);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  return month >= 1 && month <= 12 && day >= 1 && day <= daysIn(year, month);
}

/** An ISO 8601 instant with a real date, hour 00–23, minute and second 00–59 and an offset up to ±23:59. */
export function isInstant(value: string): boolean {
  const match = instantShape.exec(value);
  if (!match || !isCalendarDate(match[1]!)) return false;
  const [hour, minute, second] = [Number(match[2]), Number(match[3]), Number(match[4] ?? 0)];
  if (hour > 23 || minute > 59 || second > 59) return false;
  if (match[5] !== 'Z' && (Number(match[6]) > 23 || Number(match[7]) > 59)) return false;
  return !Number.isNaN(Date.parse(value));
}

/** The latest calendar day (`YYYY-MM-DD`) a field allows, seen from `now`. */
export const latestDay = (now: Date, range: DateRange = {}): string =>
  new Date(now.getTime() + (range.maxDaysAhead ?? MAX_DAYS_AHEAD) * dayMs).toISOString().slice(0, 10);

/** Why a date (`YYYY-MM-DD`) is refused, or undefined. */
export function dateProblem(value: string, now: Date, range: DateRange = {}): string | undefined {
  if (!isCalendarDate(value)) return 'Must be a real calendar date (YYYY-MM-DD)';
  if (value < EARLIEST_DATE || value > latestDay(now, range)) return `Must lie between ${EARLIEST_DATE} and ${latestDay(now, range)}`;
  return undefined;
}

/** Why an instant is refused, or undefined (the range is checked on its UTC day). */
export function instantProblem(value: string, now: Date, range: DateRange = {}): string | undefined {
  if (!isInstant(value)) return 'Must be an ISO 8601 date-time with a real date and a time zone, e.g. 2026-11-23T14:00:00Z';
  const day = new Date(value).toISOString().slice(0, 10);
  if (day < EARLIEST_DATE || day > latestDay(now, range)) return `Must lie between ${EARLIEST_DATE} and ${latestDay(now, range)}`;
  return undefined;
}

const checked = (problem: (value: string, now: Date, range: DateRange) => string | undefined, range: DateRange) =>
  z
    .string()
    .max(40)
    .superRefine((value, context) => {
      const message = problem(value, new Date(), range);
      if (message) context.addIssue({ code: 'custom', message });
    });

/** `YYYY-MM-DD`, a real day between 2000-01-01 and a year ahead (or `maxDaysAhead`). */
export const calendarDate = (range: DateRange = {}) => checked(dateProblem, range);

/** An ISO 8601 instant with a time zone, within the same range. */
export const instant = (range: DateRange = {}) => checked(instantProblem, range);

/** A day or an instant (search filters: `from=2026-11-01` or `from=2026-11-01T08:00:00Z`). */
export const dateOrInstant = (range: DateRange = {}) =>
  checked((value, now, limits) => (value.length === 10 ? dateProblem(value, now, limits) : instantProblem(value, now, limits)), range);
