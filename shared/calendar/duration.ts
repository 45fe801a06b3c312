/**
 * Durations as the configuration writes them (specs/config.md, "Durations everywhere"):
 *
 *   90m, 72h, 3d, 2w          elapsed time: minutes, hours, days of 24 h, weeks of 7 days
 *   1d 12h, 1d12h, 2w 3d 4h   elapsed time: several units added up, each unit at most once
 *   5 business days           weekdays that are not holidays, counted in calendar.timezone
 *   1 business day
 *
 * Rejected, with a GovernanceError naming the file and key:
 * - empty text, signs (`-3d`, `+3d`), fractions (`1.5d`), unknown units (`3s`, `2mo`, `3 days`);
 *   "3 days" is refused rather than guessed because readers split on whether it means
 *   calendar or business days: write `3d` or `3 business days`;
 * - zero (`0h`, `0 business days`, or any zero part such as `1d 0h`): a notice period or an
 *   escalation delay of zero would make the rule it configures meaningless, and a zero
 *   is far more often a typo than an intent;
 * - mixing business days with other units (`1 business day 4h`): a business day is not a
 *   fixed length of time, so the sum has no single meaning;
 * - anything longer than MAX_ELAPSED_DAYS / MAX_BUSINESS_DAYS, to keep arithmetic exact and
 *   calendars bounded.
 *
 * Units are lowercase (`m` is minutes, never months); spaces may separate the parts and may sit
 * between a number and its unit (`72 h`). Elapsed days are exactly 24 hours: "3d" after a start
 * is 72 real hours later whatever the clocks do; use business days for wall-clock counting.
 */
import { GovernanceError } from '../errors/governance-error.js';

export type Duration = { kind: 'elapsed'; ms: number } | { kind: 'business-days'; days: number };

const MS_PER_MINUTE = 60_000;
const MS_PER_HOUR = 60 * MS_PER_MINUTE;
const MS_PER_DAY = 24 * MS_PER_HOUR;
const MS_PER_WEEK = 7 * MS_PER_DAY;

/** About ten years either way; well within exact integer arithmetic. */
export const MAX_ELAPSED_DAYS = 3650;
export const MAX_BUSINESS_DAYS = 2610;

/** Elapsed units, largest first (the order `formatDuration` writes them in). */
const ELAPSED_UNITS = [
  { unit: 'w', ms: MS_PER_WEEK },
  { unit: 'd', ms: MS_PER_DAY },
  { unit: 'h', ms: MS_PER_HOUR },
  { unit: 'm', ms: MS_PER_MINUTE },
] as const;

const BUSINESS_DAYS_PATTERN = /^(\d+)\s+business\s+days?$/i;
/** One `<number><unit>` part of an elapsed duration; sticky so parts are read left to right. */
const ELAPSED_PART_PATTERN = /\s*(\d+)\s*([a-z]+)/iy;
/** More digits than this cannot be within the maximum; checked before converting to a number. */
const MAX_DIGITS = 7;
/** A message quotes at most this much of a value: it is user text, of any length. */
const MAX_QUOTED = 80;

function bounded(text: string): string {
  return text.length > MAX_QUOTED ? `${text.slice(0, MAX_QUOTED)}… (${text.length} characters)` : text;
}

const EXAMPLES = 'e.g. 90m, 72h, 3d, 2w, 1d 12h or 5 business days';

/**
 * Parses a duration. `text` is typed `unknown` because it comes straight from YAML, where `72`
 * without a unit is a number: that is rejected with a message instead of a crash. `file`,
 * `keyPath` and `at` (the value's line and column, when the caller knows them) locate the error.
 */
export function parseDuration(
  text: unknown,
  file?: string,
  keyPath?: string,
  at?: { line?: number; column?: number },
): Duration {
  const fail = (reason: string): never => {
    throw new GovernanceError(reason, file === undefined ? undefined : { file, keyPath, ...at });
  };
  if (typeof text !== 'string') {
    return fail(`expected a duration (${EXAMPLES}), got ${describeValue(text)}`);
  }
  const trimmed = text.trim();
  if (trimmed === '') return fail(`empty duration; expected ${EXAMPLES}`);
  const shown = bounded(trimmed);

  const business = BUSINESS_DAYS_PATTERN.exec(trimmed);
  if (business) {
    const days = parseCount(business[1]!, MAX_BUSINESS_DAYS, 'business days', shown, fail);
    return { kind: 'business-days', days };
  }
  if (/business/i.test(trimmed)) {
    return fail(
      `invalid duration "${shown}": business days are written "N business days" on their own, ` +
        'without other units',
    );
  }

  let ms = 0;
  const seen = new Set<string>();
  let position = 0;
  while (position < trimmed.length) {
    ELAPSED_PART_PATTERN.lastIndex = position;
    const part = ELAPSED_PART_PATTERN.exec(trimmed);
    if (!part) return fail(`invalid duration "${shown}"; expected ${EXAMPLES}`);
    const [, digits, unitText] = part as unknown as [string, string, string];
    const unit = ELAPSED_UNITS.find((u) => u.unit === unitText);
    if (!unit) {
      return fail(
        `invalid duration "${shown}": unknown unit "${bounded(unitText)}"; use m, h, d, w or "N business days"`,
      );
    }
    if (seen.has(unit.unit)) return fail(`invalid duration "${shown}": unit "${unit.unit}" appears twice`);
    seen.add(unit.unit);
    ms +=
      parseCount(digits, MAX_ELAPSED_DAYS * (MS_PER_DAY / unit.ms), `"${unit.unit}"`, shown, fail) * unit.ms;
    position = ELAPSED_PART_PATTERN.lastIndex;
  }
  if (ms > MAX_ELAPSED_DAYS * MS_PER_DAY) {
    return fail(`duration "${shown}" is longer than the maximum of ${MAX_ELAPSED_DAYS} days`);
  }
  return { kind: 'elapsed', ms };
}

function parseCount(
  digits: string,
  max: number,
  what: string,
  text: string,
  fail: (reason: string) => never,
): number {
  const value = digits.length > MAX_DIGITS ? Infinity : Number(digits);
  if (value === 0) return fail(`duration "${text}" has a zero part; a duration must be longer than zero`);
  if (value > max) return fail(`too many ${what}: ${bounded(digits)} (at most ${max})`);
  return value;
}

function describeValue(value: unknown): string {
  if (value === null || value === undefined) return 'nothing';
  if (typeof value === 'number') return `the number ${value} (add a unit)`;
  if (Array.isArray(value)) return 'a list';
  return `a ${typeof value}`;
}

/**
 * Writes a duration back in the configuration's syntax, so `parseDuration(formatDuration(d))`
 * gives `d` back for every parsed duration. Elapsed time is rounded down to whole minutes;
 * anything under a minute is written `0m` (only reachable for computed durations).
 */
export function formatDuration(duration: Duration): string {
  if (duration.kind === 'business-days') {
    return `${duration.days} business ${duration.days === 1 ? 'day' : 'days'}`;
  }
  let rest = Math.max(0, Math.floor(duration.ms / MS_PER_MINUTE) * MS_PER_MINUTE);
  const parts: string[] = [];
  for (const { unit, ms } of ELAPSED_UNITS) {
    const count = Math.floor(rest / ms);
    if (count > 0) parts.push(`${count}${unit}`);
    rest -= count * ms;
  }
  return parts.length > 0 ? parts.join(' ') : '0m';
}
