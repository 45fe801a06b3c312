/**
 * The `dpl.check-name` check on pull requests that change the projects file (items 6 and 7).
 *
 * Schema rules (openstack_governance/schemas/projects.yaml, tightened by the config):
 *   - distributed: no `ptl`; every `required-liaisons` role present with at least one entry that
 *     has a GitHub login (otherwise that liaison's vote on the next reset could not be counted);
 *   - ptl: a `ptl`, and only `ptl-allowed-liaisons` roles.
 * Problems in teams the change touches fail the check; those in untouched teams are warnings, so a
 * change is not blocked by a problem it did not make.
 *
 * Changes of `leadership_type` ("Process for Opting In to Distributed Leadership"):
 *   - opting in "can only be accepted ... when it will receive at least a +1 from the current
 *     PTL, and the future liaisons";
 *   - reverting "should have at least a +1 from all the people currently serving as liaisons ...
 *     It must also get a +1 from the future PTL, listed in the same change";
 *   - "A project team may change their opt-in status only once a release cycle ... All requests
 *     should be merged before the election nominations start otherwise request will be postponed
 *     to the next cycle." The TC's own reset changes are not a team's change of status.
 * The pull request's author counts as approving; an approval is a person's latest APPROVED (not
 * dismissed, not followed by CHANGES_REQUESTED) review.
 */
import type { DplConfig } from '../config/types.js';
import { GovernanceError } from '../errors/governance-error.js';
import type { CheckAnnotation, CheckConclusion } from '../plan/effects.js';
import { parseProjectsYaml, personKey, type Person, type Team } from '../projects/projects-file.js';
import { APPOINTMENT_NEEDED } from '../projects/reset-to-ptl.js';
import { inertLine } from '../plan/inert.js';
import { boundedLines, bytesOf, FULL_PLAN_POINTER } from '../plan/limits.js';
import { loginOf, sameLogin, type PeopleMap } from './people.js';

/** bytes of the check summary's list of problems (GitHub's limit is 65,535) */
const SUMMARY_LIST_BYTES = 60_000;

export interface ReviewRecord {
  author: string;
  state: string;
  submittedAt: string | null;
}

/** A commit on the default branch since the cycle's tag that touched the projects file. */
export interface HistoryCommit {
  oid: string;
  before: string | null;
  after: string | null;
  /** merged from one of the action's own reset pull requests */
  fromResetPull: boolean;
}

export interface CurrentCycle {
  name: string;
  /** when PTL election nominations open; undefined when `dpl.cycles` does not list the cycle */
  nominationsOpen?: string;
}

export interface ValidationInput {
  file: string;
  baseText: string | null;
  headText: string;
  people: PeopleMap;
  config: DplConfig;
  author: string;
  reviews: ReviewRecord[];
  cycle?: CurrentCycle;
  history: HistoryCommit[];
  now: Date;
}

export interface ValidationResult {
  conclusion: CheckConclusion;
  title: string;
  summary: string;
  annotations: CheckAnnotation[];
  /** failures, in words */
  failures: string[];
  warnings: string[];
}

interface Finding {
  line: number;
  message: string;
  blocking: boolean;
}

export function validateProjectsChange(input: ValidationInput): ValidationResult {
  const findings: Finding[] = [];
  let head: Team[];
  try {
    head = parseProjectsYaml(input.headText, input.file).teams;
  } catch (error) {
    if (!(error instanceof GovernanceError)) throw error;
    return result(input, [{ line: error.location?.line ?? 1, message: error.message, blocking: true }]);
  }
  const base = baseTeams(input);
  if (base instanceof GovernanceError) {
    // Fail closed (docs/reliability.md): without the default branch's file nobody can tell which
    // team changed its model, so no change of model could be held to its approvals.
    findings.push({
      line: 1,
      blocking: true,
      message: `the default branch's ${input.file} cannot be parsed (${base.message}): whether this change alters a team's leadership model, and who must approve it, cannot be checked; fix the default branch first`,
    });
  }
  const baseByName = new Map((base instanceof GovernanceError ? [] : base).map((t) => [t.name, t]));

  for (const team of head) {
    const before = baseByName.get(team.name);
    const touched = !before || dataOf(before) !== dataOf(team);
    for (const f of schemaFindings(team, input.config, input.people)) {
      findings.push(
        touched || !f.blocking
          ? f
          : { ...f, blocking: false, message: `${f.message} (already so before this change)` },
      );
    }
    if (before && before.leadershipType !== team.leadershipType) {
      findings.push(...leadershipChangeFindings(before, team, input));
    }
  }
  return result(input, findings);
}

/** The default branch's teams: none when it has no file yet; the error when it cannot be parsed. */
function baseTeams(input: ValidationInput): Team[] | GovernanceError {
  if (input.baseText === null) return [];
  try {
    return parseProjectsYaml(input.baseText, input.file).teams;
  } catch (error) {
    if (error instanceof GovernanceError) return error;
    throw error;
  }
}

function schemaFindings(team: Team, config: DplConfig, people: PeopleMap): Finding[] {
  const findings: Finding[] = [];
  const fail = (line: number, message: string) =>
    findings.push({ line, message: `${team.name}: ${message}`, blocking: true });
  if (team.leadershipType === 'distributed') {
    if (team.ptl) fail(team.ptl.line, 'a team with distributed leadership has no PTL; remove `ptl`');
    for (const role of config['required-liaisons']) {
      const entries = team.liaisons[role];
      if (!entries?.length) {
        fail(
          team.liaisonLines[role] ?? team.leadershipTypeLine,
          `distributed leadership needs a ${role} liaison`,
        );
        continue;
      }
      if (!entries.some((p) => loginOf(p, people))) {
        fail(
          entries[0].line,
          `no ${role} liaison has a GitHub login (add \`github:\` to the entry or to the people file)`,
        );
      }
    }
    for (const role of config['keep-vote-roles']) {
      for (const person of team.liaisons[role] ?? []) {
        if (!loginOf(person, people) && team.liaisons[role].some((p) => loginOf(p, people))) {
          findings.push({
            line: person.line,
            message: `${team.name}: ${person.name} has no GitHub login, so their vote cannot be counted`,
            blocking: false,
          });
        }
      }
    }
  } else {
    if (!team.ptl) fail(team.leadershipTypeLine, 'a team with the PTL model needs a `ptl`');
    for (const role of Object.keys(team.liaisons)) {
      if (!config['ptl-allowed-liaisons'].includes(role)) {
        fail(
          team.liaisonLines[role],
          `a team with a PTL only has ${config['ptl-allowed-liaisons'].join(', ')} liaisons; remove ${role}`,
        );
      }
    }
  }
  return findings;
}

function leadershipChangeFindings(before: Team, after: Team, input: ValidationInput): Finding[] {
  const findings: Finding[] = [];
  const line = after.leadershipTypeLine;
  const optIn = after.leadershipType === 'distributed';
  const what = optIn ? 'opting in to distributed leadership' : 'reverting to the PTL model';

  // Who must +1: opt-in -> the current PTL and the future liaisons; revert -> the current liaisons and the future PTL.
  const needed = optIn
    ? [...(before.ptl ? [before.ptl] : []), ...allLiaisons(after)]
    : [...allLiaisons(before), ...(after.ptl && after.ptl.name !== APPOINTMENT_NEEDED ? [after.ptl] : [])];
  const approvers = approvingLogins(input);
  const missing: string[] = [];
  const seen = new Set<string>();
  for (const person of needed) {
    const key = personKey(person);
    if (seen.has(key)) continue;
    seen.add(key);
    const login = loginOf(person, input.people);
    if (!login) missing.push(`${person.name} (no GitHub login)`);
    else if (!approvers.some((a) => sameLogin(a, login))) missing.push(`${person.name} (@${login})`);
  }
  if (missing.length) {
    findings.push({
      line,
      blocking: true,
      message: `${after.name}: ${what} needs a +1 (approving review) from ${missing.join(', ')}`,
    });
  }

  const cycle = input.cycle;
  if (cycle) {
    const earlier = input.history.filter(
      (c) => !c.fromResetPull && changedLeadership(c, after.name, input.file),
    );
    if (earlier.length) {
      findings.push({
        line,
        blocking: true,
        message: `${after.name}: the team already changed its leadership model in cycle ${cycle.name} (commit ${earlier[0].oid.slice(0, 7)}); a team may change it only once a cycle`,
      });
    }
    if (cycle.nominationsOpen && input.now.getTime() >= Date.parse(cycle.nominationsOpen)) {
      findings.push({
        line,
        blocking: true,
        message: `${after.name}: PTL election nominations for ${cycle.name} opened at ${cycle.nominationsOpen}; this change is postponed to the next cycle`,
      });
    }
  }
  return findings;
}

function allLiaisons(team: Team): Person[] {
  return Object.values(team.liaisons).flat();
}

/** The author, and everyone whose latest opinionated review is an approval. */
function approvingLogins(input: ValidationInput): string[] {
  const latest = new Map<string, string>();
  const reviews = [...input.reviews]
    .filter((r) => r.submittedAt)
    .sort((a, b) => Date.parse(a.submittedAt!) - Date.parse(b.submittedAt!));
  for (const review of reviews) {
    if (review.state === 'APPROVED' || review.state === 'CHANGES_REQUESTED')
      latest.set(review.author.toLowerCase(), review.state);
    if (review.state === 'DISMISSED') latest.delete(review.author.toLowerCase());
  }
  return [input.author, ...[...latest].filter(([, state]) => state === 'APPROVED').map(([login]) => login)];
}

function changedLeadership(commit: HistoryCommit, teamName: string, file: string): boolean {
  const typeIn = (text: string | null) => {
    if (text === null) return undefined;
    try {
      return parseProjectsYaml(text, file).teams.find((t) => t.name === teamName)?.leadershipType;
    } catch {
      return undefined;
    }
  };
  const before = typeIn(commit.before);
  const after = typeIn(commit.after);
  return before !== undefined && after !== undefined && before !== after;
}

/** A team's content without line numbers, to tell whether a change touched it. */
function dataOf(team: Team): string {
  return JSON.stringify(team, (key, value) =>
    key === 'line' || key === 'leadershipTypeLine' || key === 'liaisonLines' ? undefined : value,
  );
}

function result(input: ValidationInput, findings: Finding[]): ValidationResult {
  const failures = findings.filter((f) => f.blocking).map((f) => f.message);
  const warnings = findings.filter((f) => !f.blocking).map((f) => f.message);
  const annotations: CheckAnnotation[] = findings.map((f) => ({
    path: input.file,
    start_line: f.line,
    end_line: f.line,
    annotation_level: f.blocking ? 'failure' : 'warning',
    message: inertLine(f.message),
  }));
  const conclusion: CheckConclusion = failures.length ? 'failure' : 'success';
  const title = failures.length
    ? `${failures.length} problem${failures.length > 1 ? 's' : ''} in ${input.file}`
    : `${input.file} follows the leadership rules`;
  // Team and person names come from the changed file: inert. A file with thousands of broken
  // teams still gets a check whose summary fits GitHub's 65,535 characters.
  const lines = boundedLines(
    [...failures.map((m) => `- ❌ ${inertLine(m)}`), ...warnings.map((m) => `- ⚠️ ${inertLine(m)}`)],
    {
      maxChars: SUMMARY_LIST_BYTES,
      measure: bytesOf,
      more: (n) => `- … and ${n} more (${FULL_PLAN_POINTER})`,
    },
  );
  const summary = lines.length
    ? lines.join('\n')
    : 'Every team meets the PTL / distributed leadership rules, and no leadership change lacks an approval.';
  return { conclusion, title, summary, annotations, failures, warnings };
}
