/**
 * An affiliation is a list of dated periods per person. `from` is inclusive and `until`
 * exclusive (gitdm: `Percona until 2012-03-01`, then `HP Inc. from 2012-03-01`), both
 * `YYYY-MM-DD` in UTC, so plain string comparison orders them.
 */
import { GovernanceError } from '../errors/governance-error.js';

export interface AffiliationPeriod {
  org: string;
  from?: string;
  until?: string;
  /** where the period is written */
  file: string;
  line: number;
}

/** Periods per person, keyed by lowercased login (GitHub logins are case-insensitive). */
export type AffiliationTable = Map<string, AffiliationPeriod[]>;

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** `YYYY-MM-DD` of an instant, in UTC. */
export function isoDay(instant: Date): string {
  return instant.toISOString().slice(0, 10);
}

/** The period that covers `day` (`YYYY-MM-DD`); the first written wins when periods overlap. */
export function periodAt(periods: readonly AffiliationPeriod[], day: string): AffiliationPeriod | undefined {
  return periods.find(
    (p) => (p.from === undefined || p.from <= day) && (p.until === undefined || day < p.until),
  );
}

/** Throws unless `value` is a real calendar date written `YYYY-MM-DD`. */
export function checkDate(value: string, file: string, line: number, what: string): string {
  const date = new Date(`${value}T00:00:00Z`);
  if (!ISO_DATE.test(value) || Number.isNaN(date.getTime()) || isoDay(date) !== value) {
    throw new GovernanceError(`${what} "${value}" is not a date (YYYY-MM-DD)`, { file, line });
  }
  return value;
}

export function checkRange(period: AffiliationPeriod): void {
  if (period.from !== undefined && period.until !== undefined && period.until <= period.from) {
    throw new GovernanceError(`"${period.org}": until ${period.until} is not after from ${period.from}`, {
      file: period.file,
      line: period.line,
    });
  }
}

export function addPeriod(table: AffiliationTable, login: string, period: AffiliationPeriod): void {
  const key = login.toLowerCase();
  const list = table.get(key);
  if (list) list.push(period);
  else table.set(key, [period]);
}
