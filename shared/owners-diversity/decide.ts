/**
 * owners-diversity-check decides here, from a snapshot, without touching GitHub.
 *
 * Pull requests: the groups the change touches — their files, or the aliases
 * or affiliation entries of their members — are evaluated on the base and on the head. Rules and
 * affiliations always come from the base branch: a pull request cannot vouch for its own
 * diversity by editing who works where. OWNERS_ALIASES is data under change: the head's aliases
 * expand the head's groups, so a rewrite of an alias is judged as it would land.
 * A file that exists but cannot be read fails the check, naming it; it never counts as absent. `ratchet` fails only on what the change
 * introduces or makes worse; `strict` on every violation in the touched groups.
 * Verdict: a check run with a table per group and annotations on the lines, the job
 * status, and a sticky comment while something fails.
 * Audits: the whole default branch; one open issue labelled `audit-issue-label` is
 * created, updated in place, and closed when everything is clean.
 * Malformed inputs are findings at their file and line, never a crash.
 */
import { ownersDiversitySection } from '../dashboard/owners-diversity-section.js';
import {
  changedLogins,
  isoDay,
  loadAffiliations,
  type AffiliationTable,
} from '../affiliations/affiliations.js';
import { OrgResolver } from '../affiliations/org-names.js';
import type { OwnersDiversityConfig } from '../config/types.js';
import { GovernanceError } from '../errors/governance-error.js';
import { parseOwnersAliases, type OwnersAlias } from '../owners/aliases.js';
import { emptyPlan, type CheckAnnotation, type Effect, type Plan } from '../plan/effects.js';
import { marker, withMarker } from '../plan/markers.js';
import {
  evaluateGroup,
  malformedFinding,
  type Evaluator,
  type Finding,
  type GroupEvaluation,
} from './evaluate.js';
import type { FileView, Group, GroupSet } from './model.js';
import { compareFindings, type ComparedFinding } from './ratchet.js';
import {
  failingFindings,
  plain,
  renderReport,
  reportJson,
  type GroupRow,
  type ReportInput,
} from './report.js';
import { decodeAuditState, encodeAuditState } from './audit-state.js';
import { eligibilityFindings, listingErrors, listingsFor, pullEligibility } from './eligibility.js';
import type { AuditSnapshot, PullSnapshot, UnreadableFile } from './snapshot.js';
import { ALIASES_FILE, collectGroups, holdsManyGroups, isGroupFile } from './sources/index.js';

export const ACTION = 'owners-diversity-check';
export const COMMENT_MARKER = marker(ACTION, 'report');
export const AUDIT_MARKER = marker(ACTION, 'audit');
/** GitHub rejects bodies above 65,536 characters; keep room for the marker and state. */
const BODY_LIMIT = 60_000;
const MAX_ANNOTATIONS = 100;
const AUDIT_LABEL_COLOR = 'd93f0b';

type Config = OwnersDiversityConfig;

/** The trusted inputs, all from the base branch. */
export interface Trusted {
  evaluator: Evaluator;
  aliases: ReadonlyMap<string, OwnersAlias>;
  /** malformed affiliation or alias files: nothing can be evaluated without them */
  errors: GovernanceError[];
  notes: string[];
}

export function trustedInputs(config: Config, base: FileView, now: Date): Trusted {
  const errors: GovernanceError[] = [];
  const notes: string[] = [];
  let affiliations: AffiliationTable[] = [];
  let aliases: ReadonlyMap<string, OwnersAlias> = new Map();
  try {
    affiliations = loadAffiliations(config.affiliations, base);
  } catch (error) {
    errors.push(asGovernanceError(error));
  }
  const aliasText = base.get(ALIASES_FILE);
  if (aliasText != null && config.sources.some((s) => s.kind === 'owners')) {
    try {
      const parsed = parseOwnersAliases(aliasText, ALIASES_FILE);
      aliases = parsed.aliases;
      notes.push(...parsed.warnings);
    } catch (error) {
      errors.push(asGovernanceError(error));
    }
  }
  const evaluator: Evaluator = {
    rules: config.rules,
    affiliations,
    orgs: new OrgResolver(config['org-aliases'], config.independent),
    day: isoDay(now),
    unknownAffiliation: config['unknown-affiliation'],
  };
  return { evaluator, aliases, errors, notes };
}

/** Files that exist but could not be read, as findings that always fail (fail closed). */
export function unreadableErrors(files: readonly UnreadableFile[]): GovernanceError[] {
  return files.map(
    (u) =>
      new GovernanceError(
        `could not be read at ${/^[0-9a-f]{40}$/.test(u.ref) ? u.ref.slice(0, 7) : u.ref} (${u.reason}); the check cannot pass without it`,
        { file: u.path, line: 1 },
      ),
  );
}

function asGovernanceError(error: unknown): GovernanceError {
  if (error instanceof GovernanceError) return error;
  throw error;
}

// ---------------------------------------------------------------------------------------------
// Pull requests
// ---------------------------------------------------------------------------------------------

export interface PullScope {
  /** group ids evaluated on both sides */
  groups: Set<string>;
  /** why, in words */
  reasons: string[];
}

/** Which groups the change touches: by file, by alias, by affiliation entry. */
export function pullScope(
  config: Config,
  snapshot: PullSnapshot,
  baseGroups: GroupSet,
  headGroups: GroupSet,
  trusted: Trusted,
  headAliases: ReadonlyMap<string, OwnersAlias> = trusted.aliases,
): PullScope {
  const scope: PullScope = { groups: new Set(), reasons: [] };
  const changed = new Set(snapshot.changed);
  const definition = (g: Group) =>
    JSON.stringify(g.members.map((m) => [m.login.toLowerCase(), m.company ?? '', m.role]).sort());
  const baseById = new Map(baseGroups.groups.map((g) => [g.id, g]));
  const headById = new Map(headGroups.groups.map((g) => [g.id, g]));
  for (const g of [...baseGroups.groups, ...headGroups.groups]) {
    if (!changed.has(g.file)) continue;
    const before = baseById.get(g.id);
    const after = headById.get(g.id);
    // A file with many groups (sigs.yaml, the table) touches only the groups whose people changed.
    if (
      holdsManyGroups(config.sources, g.file) &&
      before &&
      after &&
      definition(before) === definition(after)
    )
      continue;
    scope.groups.add(g.id);
  }
  if (scope.groups.size) scope.reasons.push(`${scope.groups.size} group(s) whose files the change touches`);

  // Aliases the change edits: every OWNERS group naming them, on either side (evaluated with
  // each side's aliases).
  if (changed.has(ALIASES_FILE) && config.sources.some((s) => s.kind === 'owners')) {
    const names = new Set<string>();
    const members = (a: OwnersAlias | undefined) =>
      JSON.stringify((a?.members ?? []).map((m) => m.login.toLowerCase()).sort());
    for (const name of new Set([...trusted.aliases.keys(), ...headAliases.keys()])) {
      if (members(trusted.aliases.get(name)) !== members(headAliases.get(name))) names.add(name);
    }
    const hit = new Set(
      [...baseGroups.groups, ...headGroups.groups]
        .filter((g) => g.aliasesUsed?.some((a) => names.has(a)))
        .map((g) => g.id),
    );
    hit.forEach((id) => scope.groups.add(id));
    if (names.size) {
      scope.reasons.push(
        `aliases changed: ${[...names].sort().join(', ')} (${hit.size} group(s) use them); those groups are judged with the aliases as this change leaves them`,
      );
    }
  }

  // Affiliation entries the change edits: every group with one of those people.
  const affiliationPaths = snapshot.changed
    .filter((p) => snapshot.base.has(p) || snapshot.head.has(p))
    .filter((p) => !isGroupFile(config.sources, p) && p !== ALIASES_FILE);
  if (affiliationPaths.length) {
    try {
      const before = loadAffiliations(config.affiliations, snapshot.base);
      const after = loadAffiliations(config.affiliations, overlay(snapshot.base, snapshot.head));
      const logins = changedLogins(before, after);
      const hit = baseGroups.groups.filter((g) => g.members.some((m) => logins.has(m.login.toLowerCase())));
      hit.forEach((g) => scope.groups.add(g.id));
      if (logins.size) {
        scope.reasons.push(
          `affiliation entries changed for ${logins.size} person(s) (${hit.length} group(s)); affiliations are read from the base branch, so the new entries count once merged`,
        );
      }
    } catch {
      // a malformed head affiliation file is reported by the caller
    }
  }
  return scope;
}

/**
 * OWNERS_ALIASES as the change leaves it: the head's when the change edits it (deleted: no
 * aliases), the base's otherwise. A head file that does not parse is reported as malformed by
 * headOnlyErrors, and the base's aliases stand in meanwhile.
 */
function aliasesAtHead(
  config: Config,
  snapshot: PullSnapshot,
  trusted: Trusted,
): ReadonlyMap<string, OwnersAlias> {
  if (!snapshot.changed.includes(ALIASES_FILE) || !config.sources.some((s) => s.kind === 'owners'))
    return trusted.aliases;
  if (!snapshot.head.has(ALIASES_FILE)) return trusted.aliases; // could not be read: reported
  const text = snapshot.head.get(ALIASES_FILE);
  if (text == null) return new Map();
  try {
    return parseOwnersAliases(text, ALIASES_FILE).aliases;
  } catch {
    return trusted.aliases;
  }
}

function overlay(base: FileView, head: FileView): Map<string, string | null> {
  const view = new Map(base);
  for (const [path, text] of head) view.set(path, text);
  return view;
}

export function decidePull(snapshot: PullSnapshot, config: Config, now: Date): Plan {
  const plan = emptyPlan(ACTION);
  const trusted = trustedInputs(config, snapshot.base, now);
  plan.notes.push(...trusted.notes);

  // The head's group files over the base, named people expanded with the head's aliases (the
  // data under change); rules, configuration and affiliations stay the base's.
  const headView = new Map(snapshot.base);
  for (const [path, text] of snapshot.head) if (isGroupFile(config.sources, path)) headView.set(path, text);
  const headAliases = aliasesAtHead(config, snapshot, trusted);
  const baseGroups = collectGroups(config.sources, snapshot.base, trusted.aliases);
  const headGroups = collectGroups(config.sources, headView, headAliases);

  const scope = pullScope(config, snapshot, baseGroups, headGroups, trusted, headAliases);
  // Lead eligibility (docs/owners-diversity-check.md "Lead eligibility"): listings from the
  // default branch's history; what the change adds to a listed file counts from now.
  const eligibility = pullEligibility(
    config.eligibility,
    snapshot.listed ?? [],
    [baseGroups, headGroups],
    now,
  );
  eligibility.groups.forEach((id) => scope.groups.add(id));
  if (eligibility.reason) scope.reasons.push(eligibility.reason);
  plan.notes.push(...scope.reasons);

  const evaluate = (set: GroupSet) =>
    new Map(
      set.groups
        .filter((g) => scope.groups.has(g.id))
        .map((g) => [g.id, evaluateGroup(g, trusted.evaluator)]),
    );
  const before = evaluate(baseGroups);
  const after = evaluate(headGroups);
  for (const [evals, listings] of [
    [before, eligibility.base],
    [after, eligibility.head],
  ] as const)
    for (const e of evals.values())
      e.findings.push(...eligibilityFindings(e.group, config.eligibility, listings, now));

  // Malformed files: trusted inputs always count (nothing is evaluated right without them);
  // group files count on the side they are malformed, so a change that fixes one is not blamed.
  const changed = new Set(snapshot.changed);
  const headErrors = [
    ...headGroups.errors.filter((e) => changed.has(e.location?.file ?? '')),
    ...headOnlyErrors(config, snapshot),
    ...eligibility.headErrors,
  ];
  const baseErrors = baseGroups.errors.filter((e) => changed.has(e.location?.file ?? ''));
  // A group whose head file does not parse is shown by its malformed finding, not as removed.
  const unreadable = new Set([
    ...headErrors.map((e) => e.location?.file ?? ''),
    ...(snapshot.unreadable ?? []).map((u) => u.path),
  ]);
  const rows: GroupRow[] = [...scope.groups]
    .sort()
    .map((id) => ({ id, before: before.get(id), after: after.get(id) }))
    .filter((r) => r.after || !unreadable.has(r.before?.group.file ?? ''));
  const findingsOf = (evals: Map<string, GroupEvaluation>, errors: GovernanceError[]): Finding[] => [
    ...errors.map(malformedFinding),
    ...[...evals.values()].flatMap((e) => e.findings),
  ];
  const trustedFindings = [
    ...trusted.errors,
    ...unreadableErrors(snapshot.unreadable ?? []),
    ...eligibility.baseErrors,
  ].map(malformedFinding);
  const comparison = compareFindings(findingsOf(before, baseErrors), findingsOf(after, headErrors));
  // A malformed base file the change does not fix is still malformed: shown as unchanged, and
  // malformed trusted inputs fail every run until fixed.
  const current: ComparedFinding[] = [
    ...trustedFindings.map((f) => ({ ...f, change: 'new' as const })),
    ...comparison.current,
  ];

  const input: ReportInput = {
    kind: 'pull',
    mode: config.mode,
    day: trusted.evaluator.day,
    rows,
    current,
    fixed: comparison.fixed,
    notes: [...headGroups.notes.filter((n) => changed.has(n.split(':')[0])), ...scope.reasons],
  };
  const failing = failingFindings(input);
  const report = renderReport(input, BODY_LIMIT);
  const title = failing.length
    ? `${failing.length} diversity violation${failing.length === 1 ? '' : 's'}${config.mode === 'ratchet' ? ' introduced or made worse' : ''}`
    : rows.length
      ? `${rows.length} group${rows.length === 1 ? '' : 's'} checked: no ${config.mode === 'ratchet' ? 'new ' : ''}violations`
      : 'no leadership group changed';

  plan.effects.push({
    type: 'check-run',
    name: config['check-name'],
    headSha: snapshot.headSha,
    number: snapshot.number,
    status: 'completed',
    conclusion: failing.length ? 'failure' : 'success',
    title,
    summary: report,
    annotations: annotations(current, new Set(failing.map((f) => f.key))),
    why: 'the diversity rules: a check run with a table per group',
  });
  const comment = commentEffect(snapshot, failing.length > 0, title, report);
  if (comment) plan.effects.push(comment);

  plan.verdict = {
    failed: failing.length > 0,
    message: failing.length
      ? `${config['check-name']}: ${title}: ${failing.map((f) => `${f.group}: ${plain(f.message)}`).join('; ')}`
      : `${config['check-name']}: ${title}`,
  };
  plan.outputs = {
    violations: String(failing.length),
    'groups-checked': String(rows.filter((r) => r.after).length),
    report: reportJson(input),
  };
  return plan;
}

/** Head versions of alias and affiliation files that do not parse: merging them would break every later run. */
function headOnlyErrors(config: Config, snapshot: PullSnapshot): GovernanceError[] {
  const errors: GovernanceError[] = [];
  const headAliases = snapshot.head.get(ALIASES_FILE);
  if (headAliases != null && snapshot.changed.includes(ALIASES_FILE)) {
    try {
      parseOwnersAliases(headAliases, ALIASES_FILE);
    } catch (error) {
      errors.push(asGovernanceError(error));
    }
  }
  const affiliationChanged = [...snapshot.head.keys()].some(
    (p) => !isGroupFile(config.sources, p) && p !== ALIASES_FILE,
  );
  if (affiliationChanged) {
    try {
      loadAffiliations(config.affiliations, overlay(snapshot.base, snapshot.head));
    } catch (error) {
      errors.push(asGovernanceError(error));
    }
  }
  return errors;
}

function annotations(findings: ComparedFinding[], failing: Set<string>): CheckAnnotation[] {
  const out: CheckAnnotation[] = [];
  for (const f of findings) {
    for (const loc of f.locations) {
      if (!loc.file) continue;
      out.push({
        path: loc.file,
        start_line: loc.line,
        end_line: loc.line,
        annotation_level: failing.has(f.key) ? 'failure' : 'warning',
        title: `${f.kind}${f.group && f.kind !== 'malformed' ? `: ${f.group}` : ''}`,
        message: plain(`${f.message}${f.ruleText ? ` (rule ${f.ruleText})` : ''}`),
      });
    }
  }
  return out.slice(0, MAX_ANNOTATIONS);
}

function commentEffect(
  snapshot: PullSnapshot,
  failing: boolean,
  title: string,
  report: string,
): Effect | undefined {
  const why = 'a sticky comment while a diversity rule fails';
  // Once fixed, the earlier failure comment says so instead of lingering; no failure, no comment.
  if (!failing && !snapshot.comment) return undefined;
  const body = failing
    ? `### Leadership diversity: ${title}\n\n${report}`
    : `### Leadership diversity: resolved\n\n${title}.`;
  return {
    type: 'comment',
    number: snapshot.number,
    marker: COMMENT_MARKER,
    mode: 'sticky',
    body,
    existing: snapshot.comment,
    why,
  };
}

// ---------------------------------------------------------------------------------------------
// Audits
// ---------------------------------------------------------------------------------------------

/**
 * A configured source with nothing behind it on the default branch (a file that does not exist, a
 * glob that matches nothing) would let the audit pass on the groups that remain: fail closed.
 */
export function missingSources(config: Config, files: FileView): GovernanceError[] {
  const present = [...files.keys()].filter((p) => files.get(p) != null);
  return config.sources.flatMap((source, i) => {
    const key = `owners-diversity.sources[${i}]`;
    if (source.kind === 'owners') {
      if (present.some((p) => isGroupFile([source], p))) return [];
      return [
        new GovernanceError(`no file matches ${source.paths.join(', ')}: no group is read from this source`, {
          file: source.paths.join(', '),
          keyPath: key,
        }),
      ];
    }
    if (files.get(source.path) != null) return [];
    return [
      new GovernanceError(`${source.path} does not exist on the default branch: no group is read from it`, {
        file: source.path,
        keyPath: key,
      }),
    ];
  });
}

export function decideAudit(snapshot: AuditSnapshot, config: Config, now: Date): Plan {
  const plan = emptyPlan(ACTION);
  const trusted = trustedInputs(config, snapshot.files, now);
  plan.notes.push(...trusted.notes);
  const groups = collectGroups(config.sources, snapshot.files, trusted.aliases);
  const evals = groups.groups.map((g) => evaluateGroup(g, trusted.evaluator));
  const listings = listingsFor(config.eligibility, snapshot.listed ?? [], 'base', now);
  for (const e of evals) e.findings.push(...eligibilityFindings(e.group, config.eligibility, listings, now));
  const findings: Finding[] = [
    ...[
      ...trusted.errors,
      ...listingErrors(listings),
      ...unreadableErrors(snapshot.unreadable ?? []),
      ...missingSources(config, snapshot.files),
      ...groups.errors,
    ].map(malformedFinding),
    ...evals.flatMap((e) => e.findings),
  ];
  return auditPlan(plan, snapshot.issue, config, trusted.evaluator.day, evals, findings, groups.notes);
}

/**
 * The audit issue and verdict from evaluated groups and findings; shared with organisation-wide
 * audits (org-decide.ts), whose groups come from many repositories.
 */
export function auditPlan(
  plan: Plan,
  issue: AuditSnapshot['issue'],
  config: Config,
  day: string,
  evals: GroupEvaluation[],
  findings: Finding[],
  notes: string[],
): Plan {
  // Trends: compare with the findings the open issue recorded last time.
  const previous = issue ? decodeAuditState(issue.body) : undefined;
  const comparison = compareFindings(previous ?? [], findings);
  // Each finding keeps the day it was first seen, so the issue shows how long a problem has stood.
  for (const f of comparison.current) f.since = f.before?.since ?? day;
  const input: ReportInput = {
    kind: 'audit',
    mode: config.mode,
    day: day,
    rows: evals.map((e) => ({ id: e.group.id, after: e })),
    current: comparison.current,
    fixed: previous ? comparison.fixed : [],
    notes,
    hasPrevious: previous !== undefined,
  };
  const violations = failingFindings(input);
  const malformed = findings.filter((f) => f.kind === 'malformed');
  const label = config['audit-issue-label'];
  const groupsWithFindings = new Set(violations.map((f) => f.group)).size;
  const title = violations.length
    ? `Leadership diversity audit: ${violations.length} violation${violations.length === 1 ? '' : 's'} in ${groupsWithFindings} group${groupsWithFindings === 1 ? '' : 's'}`
    : 'Leadership diversity audit: all groups meet the rules';
  const state = encodeAuditState(comparison.current);
  const report = renderReport(input, BODY_LIMIT - state.length - AUDIT_MARKER.length - 200);
  const body = `${report}\n\n${state}`;
  const why = 'a scheduled audit keeps one issue with the current findings (docs/owners-diversity-check.md)';
  plan.dashboard = ownersDiversitySection(violations, label); // docs/dashboard.md

  // Clean = no violation; warnings alone (unknown affiliations in warn mode) do not keep it open.
  if (violations.length) {
    if (!issue) {
      plan.effects.push({ type: 'create-issue', title, body, labels: [label], marker: AUDIT_MARKER, why });
    } else if (issue.title !== title || issue.body !== withMarker(AUDIT_MARKER, body)) {
      plan.effects.push({
        type: 'update-issue',
        number: issue.number,
        title,
        body: withMarker(AUDIT_MARKER, body),
        why,
      });
    } else {
      plan.notes.push(`audit issue #${issue.number} is up to date`);
    }
  } else if (issue) {
    plan.effects.push({
      type: 'update-issue',
      number: issue.number,
      title,
      body: withMarker(AUDIT_MARKER, `${report}\n\nEvery group meets the rules as of ${day}; closing.`),
      state: 'closed',
      stateReason: 'completed',
      why: 'close the audit issue when every group meets the rules',
    });
  }
  plan.labelCatalog = {
    [label]: {
      color: AUDIT_LABEL_COLOR,
      description: 'Leadership groups that break the diversity rules (owners-diversity-check)',
    },
  };
  plan.verdict = {
    failed: malformed.length > 0,
    message: malformed.length
      ? `${malformed.length} malformed input file(s): ${malformed.map((f) => plain(f.message)).join('; ')}`
      : `${evals.length} group${evals.length === 1 ? '' : 's'} audited: ${title}`,
  };
  plan.outputs = {
    violations: String(violations.length),
    'groups-checked': String(evals.length),
    report: reportJson(input),
  };
  return plan;
}
