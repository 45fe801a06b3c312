/**
 * Adding a Duration to an instant, with business days counted in an IANA time zone.
 *
 * The rule for "N business days after a start" (the common reading: the day of the triggering
 * event is not counted and counting begins with the next business day, as in US Federal Rule of
 * Civil Procedure 6(a)(1)(A), "exclude the day of the event that triggers the period", applied
 * to weekdays that are not holidays):
 *
 * - A business day is a Monday to Friday, in `calendar.timezone`, whose local date is not in
 *   `calendar.holidays`.
 * - Start on a business day: the deadline is the same local wall-clock time on the N-th
 *   following business day. Friday 18:00 + 1 business day = Monday 18:00, so a full business
 *   day of notice always passes.
 * - Start on a weekend or holiday: the period starts at 00:00 of the next business day, and
 *   the deadline is 00:00 of the N-th business day after that one (Saturday 10:00 + 1 business
 *   day = Tuesday 00:00, i.e. the end of Monday).
 *
 * Wall-clock times are mapped back to instants the way Temporal's "compatible" disambiguation
 * does: a time that the clocks skip (spring forward) moves later by the size of the gap, and a
 * time that happens twice (fall back) takes the earlier instant. So a 09:00 start keeps 09:00
 * across a DST change, and the elapsed time between them is 23 or 25 hours on that day.
 *
 * Elapsed durations (`72h`, `3d`) ignore the calendar entirely: they are exact amounts of time.
 */
import { isLegacyZoneAlias } from './time-zone-names.js';
import { GovernanceError } from '../errors/governance-error.js';
import type { Duration } from './duration.js';

export interface BusinessCalendar {
  /** IANA zone name, e.g. `UTC`, `Europe/Berlin`, `America/Los_Angeles`. */
  timezone: string;
  /** Local dates `YYYY-MM-DD` that are not business days. */
  holidays: readonly string[];
}

const MS_PER_DAY = 86_400_000;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const SATURDAY = 6;
const SUNDAY = 0;

/** A local calendar date and wall-clock time, month 1-12. */
interface WallTime {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  millisecond: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      era: 'short',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/** True for an IANA zone name that this runtime's Intl knows (`UTC`, `Europe/Berlin`; not `PST8`, not `PST`). */
export function isValidTimeZone(timeZone: string): boolean {
  if (typeof timeZone !== 'string' || timeZone.trim() === '' || isLegacyZoneAlias(timeZone)) return false;
  try {
    formatterFor(timeZone);
    return true;
  } catch {
    return false;
  }
}

/** True for `YYYY-MM-DD` naming a real date (no 2026-02-30). */
export function isIsoDate(text: string): boolean {
  const match = ISO_DATE.exec(text);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

/** Local wall-clock time of an instant in a zone. */
function wallTimeAt(instant: number, timeZone: string): WallTime {
  const parts: Record<string, string> = {};
  for (const part of formatterFor(timeZone).formatToParts(new Date(instant))) parts[part.type] = part.value;
  const yearOfEra = Number(parts.year);
  return {
    year: parts.era === 'BC' || parts.era === 'B' ? 1 - yearOfEra : yearOfEra,
    month: Number(parts.month),
    day: Number(parts.day),
    hour: Number(parts.hour),
    minute: Number(parts.minute),
    second: Number(parts.second),
    millisecond: ((instant % 1000) + 1000) % 1000,
  };
}

/** The wall time read as if it were UTC: a plain number to compare and step local times with. */
function wallTimeAsUtc(wall: WallTime): number {
  const date = new Date(0);
  date.setUTCFullYear(wall.year, wall.month - 1, wall.day);
  date.setUTCHours(wall.hour, wall.minute, wall.second, wall.millisecond);
  return date.getTime();
}

/** Zone offset (local minus UTC) in ms at an instant. */
function offsetAt(instant: number, timeZone: string): number {
  return wallTimeAsUtc(wallTimeAt(instant, timeZone)) - instant;
}

/** The instant a local wall time names, with "compatible" disambiguation (see the module doc). */
function instantOf(wall: WallTime, timeZone: string): number {
  const local = wallTimeAsUtc(wall);
  // Offsets a day before and after: a zone changes offset at most once in such a window.
  const offsetBefore = offsetAt(local - MS_PER_DAY, timeZone);
  const offsetAfter = offsetAt(local + MS_PER_DAY, timeZone);
  const candidates = [local - offsetBefore, local - offsetAfter].filter(
    (instant) => wallTimeAsUtc(wallTimeAt(instant, timeZone)) === local,
  );
  if (candidates.length > 0) return Math.min(...candidates);
  // In a gap: read the wall time with the offset from before the change, which lands after it.
  return local - offsetBefore;
}

function dayOfWeek(wall: WallTime): number {
  return new Date(wallTimeAsUtc({ ...wall, hour: 0, minute: 0, second: 0, millisecond: 0 })).getUTCDay();
}

function isoDateOf(wall: WallTime): string {
  const pad = (n: number, width: number) => String(n).padStart(width, '0');
  return `${pad(wall.year, 4)}-${pad(wall.month, 2)}-${pad(wall.day, 2)}`;
}

/** The local date `YYYY-MM-DD` of an instant in a zone (a valid IANA name). */
export function localDateOf(instant: Date, timeZone: string): string {
  return isoDateOf(wallTimeAt(instant.getTime(), timeZone));
}

/** The local date and time `YYYY-MM-DD HH:MM` (24-hour) of an instant in a zone. */
export function localDateTimeOf(instant: Date, timeZone: string): string {
  const wall = wallTimeAt(instant.getTime(), timeZone);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${isoDateOf(wall)} ${pad(wall.hour)}:${pad(wall.minute)}`;
}

function nextDate(wall: WallTime): WallTime {
  const next = new Date(wallTimeAsUtc(wall) + MS_PER_DAY);
  return {
    ...wall,
    year: next.getUTCFullYear(),
    month: next.getUTCMonth() + 1,
    day: next.getUTCDate(),
  };
}

function validatedCalendar(calendar: BusinessCalendar): Set<string> {
  if (!isValidTimeZone(calendar.timezone)) {
    throw new GovernanceError(
      `unknown time zone "${String(calendar.timezone)}" (use an IANA name such as UTC or Europe/Berlin)`,
    );
  }
  for (const holiday of calendar.holidays) {
    if (!isIsoDate(holiday)) {
      throw new GovernanceError(`holiday "${String(holiday)}" is not a date written YYYY-MM-DD`);
    }
  }
  return new Set(calendar.holidays);
}

function isBusinessDate(wall: WallTime, holidays: Set<string>): boolean {
  const weekday = dayOfWeek(wall);
  return weekday !== SATURDAY && weekday !== SUNDAY && !holidays.has(isoDateOf(wall));
}

/** True when the instant falls on a business day in the calendar's zone. */
export function isBusinessDay(instant: Date, calendar: BusinessCalendar): boolean {
  const holidays = validatedCalendar(calendar);
  return isBusinessDate(wallTimeAt(instant.getTime(), calendar.timezone), holidays);
}

/**
 * `start` plus `duration`. Throws a GovernanceError for an unknown time zone, a malformed
 * holiday, or an invalid start date.
 */
export function addDuration(start: Date, duration: Duration, calendar: BusinessCalendar): Date {
  const startMs = start.getTime();
  if (Number.isNaN(startMs)) throw new GovernanceError('start time is not a valid date');
  if (duration.kind === 'elapsed') return new Date(startMs + duration.ms);

  const holidays = validatedCalendar(calendar);
  let wall = wallTimeAt(startMs, calendar.timezone);
  if (!isBusinessDate(wall, holidays)) {
    // Counting starts at the beginning of the next business day.
    wall = { ...wall, hour: 0, minute: 0, second: 0, millisecond: 0 };
    do wall = nextDate(wall);
    while (!isBusinessDate(wall, holidays));
  }
  // Terminates: the holiday set is finite, and every week outside it has five business days.
  for (let counted = 0; counted < duration.days;) {
    wall = nextDate(wall);
    if (isBusinessDate(wall, holidays)) counted++;
  }
  return new Date(instantOf(wall, calendar.timezone));
}
