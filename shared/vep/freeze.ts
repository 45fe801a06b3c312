/**
 * VEP Freeze, pure (meta-VEP 282): "The merge happens before the VEP Freeze for that release", and
 * its "Action 2 — VEP Freeze Enforcer": when a pull request sets `status: implementable` and names
 * a `milestone.alpha`, it reads that release's schedule, takes the entry whose `what` is the VEP
 * Freeze and its `when`, and "if today ≥ freeze date: blocks merge ... (a maintainer adds the
 * `freeze-exception` label to bypass the block)". So the freeze day itself is frozen: a proposal is
 * late from 00:00 of the freeze day in `calendar.timezone` on (docs/vep-sig-label.md "VEP Freeze").
 *
 * gather (freeze-gather.ts) reads the schedules and the exception label's adder into FreezeFacts;
 * `judgeFreeze` turns them into problems and notices.
 */
import { isMap, isScalar, isSeq, type Node } from 'yaml';
import { isIsoDate, localDateOf } from '../calendar/business-days.js';
import type { Permission, VepConfig, VepFreezeConfig } from '../config/types.js';
import { GovernanceError, nodeLocation, parseYamlDocument } from '../errors/governance-error.js';
import { checkInputSize } from '../errors/input-limits.js';
import { splitFrontMatter } from '../frontmatter/frontmatter.js';
import { atLeast, isBot } from '../github/permissions.js';
import { IMPLEMENTABLE } from './front-matter-checks.js';
import type { LabelEvent } from './label-ownership.js';
import type { Problem } from './problems.js';
import { code, noMention } from './text.js';

/** who may grant an exception: "a maintainer adds the `freeze-exception` label" */
export const EXCEPTION_PERMISSION: Permission = 'maintain';
/** a schedule file is a short list; anything near this is not one */
const SCHEDULE_MAX_CHARS = 256 * 1024;
const RELEASE = /^v?(\d{1,4})\.(\d{1,4})(?:\.(\d{1,4}))?$/i;
const SCHEDULE_DATE = /^(\d{4})[/-](\d{2})[/-](\d{2})$/;

/** A schedule file as gather read it from `repo` (owner/name) at `path` on its default branch. */
export type ScheduleRead =
  | { status: 'read'; repo: string; path: string; text: string }
  /** the file is not there: no schedule for this release yet */
  | { status: 'missing'; repo: string; path: string }
  /** it could not be fetched (5xx, 403, the repository not found): fails closed */
  | { status: 'unreadable'; repo: string; path: string; error: string };

export interface FreezeFacts {
  /** the instant judged (the run's clock), ISO */
  now: string;
  /** `calendar.timezone`: the zone whose date is compared with the freeze day */
  timezone: string;
  /** release (vMAJOR.MINOR) -> its schedule file, for releases `freeze.dates` does not name */
  schedules: Record<string, ScheduleRead>;
  /** the exception label: null when the pull request does not carry it */
  exception: ExceptionFacts | null;
}

export interface ExceptionFacts {
  /** who last added it (the timeline's latest `labeled` event); null: no such event */
  by: string | null;
  byType?: string;
  /** their permission on this repository; undefined: not looked up (not needed) */
  permission?: Permission | 'none';
}

/** One proposal this pull request makes implementable, with the release it names. */
export interface Becoming {
  proposal: string;
  path: string;
  line: number;
  /** vMAJOR.MINOR, or undefined with `releaseError` (unparseable) or neither (no milestone.alpha) */
  release?: string;
  releaseError?: string;
  /** the default branch's version could not be read: judged as becoming implementable (fail closed) */
  baseUnknown?: string;
}

export type FreezeDay =
  | { kind: 'day'; day: string; source: string }
  | { kind: 'unknown'; why: string }
  | { kind: 'error'; message: string };

export function freezeConfigured(freeze: VepFreezeConfig): boolean {
  return freeze.schedule !== null || Object.keys(freeze.dates).length > 0;
}

/** `v1.9`, `v1.9.0`, `1.10`, `V1.10.2` -> `v1.9` / `v1.10`; anything else an error in words. */
export function normaliseRelease(value: unknown): { release: string } | { error: string } {
  if (typeof value === 'number')
    return {
      error: `YAML reads the unquoted ${code(String(value))} as a number (so ${code('1.10')} would be ${code('1.1')}): write the release quoted with its v, e.g. ${code('"v1.10"')}`,
    };
  if (typeof value !== 'string')
    return {
      error: `${code(JSON.stringify(value) ?? String(value))} is not a release: write it as ${code('"v1.10"')}`,
    };
  const m = RELEASE.exec(value.trim());
  if (!m)
    return {
      error: `${code(value)} is not a release: write it as ${code('vMAJOR.MINOR')}, e.g. ${code('"v1.10"')}`,
    };
  return { release: `v${Number(m[1])}.${Number(m[2])}` };
}

/** A leading `(?i)` makes the pattern case-insensitive (JavaScript has no inline flags). */
export function compileMatch(pattern: string): RegExp {
  const insensitive = pattern.startsWith('(?i)');
  return new RegExp(insensitive ? pattern.slice(4) : pattern, insensitive ? 'i' : '');
}

/** `releases/{release}/schedule.yaml` for one release. */
export function schedulePath(template: string, release: string): string {
  return template.split('{release}').join(release);
}

/** The status in a document's front matter, or null (none, not parseable: other checks say so). */
function statusOf(text: string | null | undefined, path: string): string | null {
  if (typeof text !== 'string') return null;
  try {
    const status = splitFrontMatter(text, path).data?.status;
    return typeof status === 'string' ? status.trim() : null;
  } catch {
    return null;
  }
}

/** `milestone.alpha` and its line (1 when not found). */
function alphaOf(text: string, path: string): { value: unknown; line: number } {
  let data: Record<string, unknown> | null;
  try {
    data = splitFrontMatter(text, path).data;
  } catch {
    return { value: undefined, line: 1 };
  }
  const milestone = data?.milestone;
  const value =
    milestone && typeof milestone === 'object' ? (milestone as Record<string, unknown>).alpha : undefined;
  // the `alpha:` line inside the top-level `milestone:` block
  const lines = text.split(/\r\n|\r|\n/);
  const start = lines.findIndex((l) => /^milestone\s*:/.test(l));
  let line = start >= 0 ? start + 1 : 1;
  for (let i = start + 1; start >= 0 && i < lines.length && !/^\S/.test(lines[i]); i++)
    if (/^\s+alpha\s*:/.test(lines[i])) line = i + 1;
  return { value, line };
}

/**
 * The proposals whose head version is `implementable` while the default branch's is not (or is
 * missing: a new proposal). A default-branch version that cannot be read counts as not
 * implementable: the freeze is then checked rather than skipped.
 */
export function proposalsBecomingImplementable(
  proposals: { proposal: string; path: string }[],
  s: {
    documents: Record<string, string | null>;
    baseDocuments?: Record<string, string | null>;
    baseUnreadable?: Record<string, string>;
  },
): Becoming[] {
  const out: Becoming[] = [];
  for (const { proposal, path } of proposals) {
    const head = s.documents[path];
    if (statusOf(head, path) !== IMPLEMENTABLE) continue;
    const unreadable = s.baseUnreadable?.[path];
    const base = s.baseDocuments?.[path];
    if (!unreadable && statusOf(base, path) === IMPLEMENTABLE) continue;
    const alpha = alphaOf(head!, path);
    const b: Becoming = { proposal, path, line: alpha.line };
    if (unreadable) b.baseUnknown = unreadable;
    if (alpha.value !== undefined && alpha.value !== null && alpha.value !== '') {
      const r = normaliseRelease(alpha.value);
      if ('release' in r) b.release = r.release;
      else b.releaseError = r.error;
    }
    out.push(b);
  }
  return out;
}

/** `freeze.dates` with its keys normalised; a key that is no release is an error. */
export function freezeDates(freeze: VepFreezeConfig): { dates: Map<string, string>; errors: string[] } {
  const dates = new Map<string, string>();
  const errors: string[] = [];
  for (const [key, day] of Object.entries(freeze.dates)) {
    const r = normaliseRelease(key);
    if ('error' in r) errors.push(`${code('vep.freeze.dates')}: ${r.error}`);
    else if (dates.has(r.release) && dates.get(r.release) !== day)
      errors.push(
        `${code('vep.freeze.dates')} names ${r.release} twice with different days (${dates.get(r.release)}, ${day}): keep one`,
      );
    else dates.set(r.release, String(day));
  }
  return { dates, errors };
}

/** The freeze day a schedule file names: the `when` of the entry whose `what` matches. */
export function parseSchedule(text: string, file: string, match: RegExp): { day: string | null } {
  checkInputSize(text, file, SCHEDULE_MAX_CHARS, 'a release schedule');
  const doc = parseYamlDocument(text, file);
  const root = doc.contents as Node | null;
  if (!isSeq(root))
    throw new GovernanceError('a release schedule is a YAML list of {when, what} entries', {
      file,
      ...(root ? nodeLocation(root, text, file) : { line: 1 }),
    });
  const found: { day: string; node: Node }[] = [];
  for (const item of root.items) {
    if (!isMap(item)) continue;
    const what = item.get('what');
    if (typeof what !== 'string' || !match.test(what)) continue;
    const whenNode = item.get('when', true) as Node | undefined;
    const when = isScalar(whenNode) ? whenNode.value : undefined;
    const m = typeof when === 'string' ? SCHEDULE_DATE.exec(when.trim()) : null;
    const day = m ? `${m[1]}-${m[2]}-${m[3]}` : null;
    if (!day || !isIsoDate(day))
      throw new GovernanceError(
        `the entry ${JSON.stringify(what)} has ${whenNode ? `when ${JSON.stringify(when)}` : 'no when'}: expected a date YYYY/MM/DD`,
        nodeLocation(whenNode ?? item, text, file),
      );
    found.push({ day, node: whenNode! });
  }
  const days = [...new Set(found.map((f) => f.day))];
  if (days.length > 1)
    throw new GovernanceError(
      `${found.length} entries match the VEP Freeze with different days (${days.join(', ')}): cannot tell which is the freeze`,
      nodeLocation(found[1].node, text, file),
    );
  return { day: days[0] ?? null };
}

/** Where a release's freeze day comes from: `freeze.dates` first, then the schedule file. */
export function freezeDayFor(
  release: string,
  freeze: VepFreezeConfig,
  schedules: Record<string, ScheduleRead>,
): FreezeDay {
  const { dates, errors } = freezeDates(freeze);
  if (errors.length) return { kind: 'error', message: errors.join('; ') };
  const inline = dates.get(release);
  if (inline) return { kind: 'day', day: inline, source: code('vep.freeze.dates') };
  if (!freeze.schedule)
    return {
      kind: 'unknown',
      why: `${code('vep.freeze.dates')} has no entry for ${release} and no schedule is configured`,
    };
  const read = schedules[release];
  if (!read) return { kind: 'error', message: `the schedule for ${release} was not read` };
  const where = `${code(`${read.repo}:${read.path}`)}`;
  if (read.status === 'missing')
    return { kind: 'unknown', why: `there is no schedule for ${release} yet (${where} does not exist)` };
  if (read.status === 'unreadable')
    return {
      kind: 'error',
      message: `cannot read the release schedule ${where}: ${read.error}. Run the check again (re-run the job) once GitHub answers, or set the day in ${code('vep.freeze.dates')}`,
    };
  let match: RegExp;
  try {
    match = compileMatch(freeze.schedule.match);
  } catch (e) {
    return {
      kind: 'error',
      message: `${code('vep.freeze.schedule.match')} is not a regular expression: ${(e as Error).message}`,
    };
  }
  try {
    const { day } = parseSchedule(read.text, `${read.repo}:${read.path}`, match);
    if (!day)
      return {
        kind: 'unknown',
        why: `${where} has no entry whose ${code('what')} matches ${code(freeze.schedule.match)}`,
      };
    return { kind: 'day', day, source: where };
  } catch (e) {
    if (!(e instanceof GovernanceError)) throw e;
    return {
      kind: 'error',
      message: `cannot read the release schedule: ${code(e.describe())}. Fix the schedule, or set the day in ${code('vep.freeze.dates')}`,
    };
  }
}

/** The exception label on the pull request and who last added it, from the whole timeline. */
export function exceptionLabel(labels: string[], events: LabelEvent[], label: string): ExceptionFacts | null {
  const eq = (a: string) => a.toLowerCase() === label.toLowerCase();
  if (!labels.some(eq)) return null;
  const added = events.filter((e) => e.action === 'labeled' && eq(e.label)).at(-1);
  return added ? { by: added.actor, byType: added.actorType } : { by: null };
}

/** True when the freeze day has come: "if today ≥ freeze date" in the calendar's zone. */
export function frozenOn(day: string, facts: Pick<FreezeFacts, 'now' | 'timezone'>): boolean {
  return localDateOf(new Date(facts.now), facts.timezone) >= day;
}

export interface FreezeJudgement {
  problems: Problem[];
  /** shown in the status comment and the check summary (not problems) */
  notices: string[];
  notes: string[];
}

/** The freeze rule for every proposal the pull request makes implementable. */
export function judgeFreeze(
  becoming: Becoming[],
  facts: FreezeFacts | undefined,
  config: VepConfig,
): FreezeJudgement {
  const out: FreezeJudgement = { problems: [], notices: [], notes: [] };
  const freeze = config.freeze;
  if (!freezeConfigured(freeze) || becoming.length === 0) return out;
  const label = freeze['exception-label'];
  for (const b of becoming) {
    const problem = (message: string) =>
      out.problems.push({ code: 'freeze', proposal: b.proposal, path: b.path, line: b.line, message });
    if (b.baseUnknown)
      out.notes.push(
        `${b.proposal}: the default branch's version could not be read (${b.baseUnknown}); judged as becoming implementable`,
      );
    if (b.releaseError) {
      problem(
        `VEP Freeze: front matter ${code('milestone.alpha')}: ${b.releaseError}; the freeze of that release decides whether it can still become ${code(IMPLEMENTABLE)}.`,
      );
      continue;
    }
    if (!b.release) {
      // implementable-requires names milestone.alpha: that check already asks for it
      if (!config['front-matter']['implementable-requires'].includes('milestone.alpha'))
        problem(
          `VEP Freeze: set ${code('milestone.alpha')} in the front matter (e.g. ${code('"v1.10"')}): the release's VEP Freeze decides whether the proposal can still become ${code(IMPLEMENTABLE)}.`,
        );
      continue;
    }
    if (!facts) {
      problem(
        `VEP Freeze: the freeze of ${b.release} was not checked (nothing was read); run the check again.`,
      );
      continue;
    }
    const found = freezeDayFor(b.release, freeze, facts.schedules);
    if (found.kind === 'error') {
      problem(`VEP Freeze for ${b.release}: ${found.message}.`);
      continue;
    }
    if (found.kind === 'unknown') {
      out.notices.push(
        `VEP Freeze: no freeze day is known for ${b.release} (${found.why}), so ${code(b.proposal)} is not frozen.`,
      );
      continue;
    }
    const today = localDateOf(new Date(facts.now), facts.timezone);
    if (today < found.day) {
      out.notes.push(
        `${b.proposal}: ${b.release} freezes on ${found.day} (${found.source.replace(/`/g, '')}); today is ${today} (${facts.timezone})`,
      );
      continue;
    }
    const late = `${code(b.proposal)} becomes ${code(IMPLEMENTABLE)} for ${b.release}, whose VEP Freeze was on ${found.day} (from ${found.source}; today is ${today} in ${facts.timezone})`;
    const ex = facts.exception;
    if (
      ex &&
      ex.by &&
      !isBot(ex.by, ex.byType) &&
      ex.permission &&
      atLeast(ex.permission, EXCEPTION_PERMISSION)
    ) {
      out.notices.push(
        `VEP Freeze: ${late}; allowed by the ${code(label)} label, added by ${noMention(ex.by)} (${ex.permission}).`,
      );
      continue;
    }
    const why = !ex
      ? `a maintainer can grant an exception by adding the ${code(label)} label`
      : !ex.by
        ? `the ${code(label)} label is on, but the timeline does not say who added it, so it does not count: a maintainer must remove it and add it again`
        : isBot(ex.by, ex.byType)
          ? `the ${code(label)} label was added by ${noMention(ex.by)}, an app, which does not count: a maintainer must add it`
          : `the ${code(label)} label was added by ${noMention(ex.by)}, who has ${ex.permission ?? 'unknown'} permission; only someone with maintain or admin permission can grant the exception: a maintainer must remove it and add it again`;
    problem(
      `VEP Freeze: ${late}. The merge must happen before the freeze (meta-VEP 282); target a later release in ${code('milestone.alpha')}, or ${why}.`,
    );
  }
  return out;
}
