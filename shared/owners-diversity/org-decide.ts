/**
 * Organisation-wide audits (docs/owners-diversity-check.md "Across an organisation"), pure:
 * every repository's groups are evaluated under `rules` as in a one-repository audit and named
 * `<repo>:<group id>`; each `org-rules` entry then applies to the union of the people of every
 * group whose prefixed id matches its glob (Kubernetes' maximal representation counts a company
 * across a body, wherever its members' files live). Each person counts once in a union.
 * A repository that cannot be read fails the audit, naming it; the others are still reported.
 */
import { minimatch } from 'minimatch';
import type { OwnersDiversityConfig } from '../config/types.js';
import { GovernanceError } from '../errors/governance-error.js';
import { emptyPlan, type Plan } from '../plan/effects.js';
import { ACTION, auditPlan, missingSources, trustedInputs, unreadableErrors } from './decide.js';
import {
  evaluateGroup,
  malformedFinding,
  type Evaluator,
  type Finding,
  type GroupEvaluation,
} from './evaluate.js';
import { addMember, type FileView, type Group, type Member } from './model.js';
import type { OrgAuditSnapshot } from './snapshot.js';
import { collectGroups } from './sources/index.js';

type Config = OwnersDiversityConfig;

const prefixed = (repo: string, path: string) => (path ? `${repo}:${path}` : path);

/** A repository's findings and groups under `<repo>:` names, files as `<repo>:<path>`. */
function inRepo(repo: string, e: GroupEvaluation): GroupEvaluation {
  const group: Group = {
    ...e.group,
    id: prefixed(repo, e.group.id),
    file: prefixed(repo, e.group.file),
    members: e.group.members.map((m) => ({ ...m, file: prefixed(repo, m.file) })),
  };
  const member = <M extends Member>(m: M): M => ({ ...m, file: prefixed(repo, m.file) });
  return {
    group,
    members: e.members.map(member),
    orgs: e.orgs.map((o) => ({ ...o, members: o.members.map(member) })),
    unknown: e.unknown.map(member),
    findings: e.findings.map((f) => prefixFinding(repo, f)),
  };
}

function prefixFinding(repo: string, f: Finding): Finding {
  return {
    ...f,
    key: `${repo}:${f.key}`,
    group: prefixed(repo, f.group),
    locations: f.locations.map((l) => ({ ...l, file: prefixed(repo, l.file) })),
  };
}

/** Each org rule over the union of the matching groups' people, as one group named after the rule. */
function orgRuleEvaluations(
  config: Config,
  evaluator: Evaluator,
  evals: GroupEvaluation[],
): GroupEvaluation[] {
  return config['org-rules'].map((rule, index) => {
    const members: Member[] = [];
    const matched = evals.filter((e) => minimatch(e.group.id, rule.groups, { dot: true }));
    for (const e of matched) for (const m of e.group.members) addMember(members, m);
    const id = `org-rules[${index}] "${rule.groups}"`;
    const group: Group = { id, kind: matched[0]?.group.kind ?? 'owners', file: '', line: 1, members };
    // the rule applies to this one group whatever its glob says; findings name the org rule
    const result = evaluateGroup(group, { ...evaluator, rules: [{ ...rule, groups: '**' }] });
    result.findings = result.findings
      .filter((f) => f.kind !== 'unknown-affiliation') // already reported in each group
      .map((f) => ({
        ...f,
        key: `org-rules\0${f.key}`,
        ruleText: f.ruleText?.replace(/^"\*\*"/, `org-rules "${rule.groups}"`),
      }));
    return result;
  });
}

export function decideOrgAudit(snapshot: OrgAuditSnapshot, config: Config, now: Date): Plan {
  const plan = emptyPlan(ACTION);
  // Affiliations are the workflow repository's; aliases each repository's own.
  const trusted = trustedInputs({ ...config, sources: [] }, snapshot.home, now);
  plan.notes.push(...trusted.notes);
  const errors: GovernanceError[] = [...trusted.errors, ...unreadableErrors(snapshot.homeUnreadable)];
  const evals: GroupEvaluation[] = [];
  const notes: string[] = [...(snapshot.notes ?? [])];
  for (const repo of snapshot.repos) {
    const full = `${snapshot.owner}/${repo.name}`;
    if (repo.error) {
      errors.push(
        new GovernanceError(
          `repository ${full} could not be read (${repo.error}); the audit cannot pass without it`,
          {
            file: full,
            line: 1,
          },
        ),
      );
      continue;
    }
    const own = trustedInputs({ ...config, affiliations: [] }, repo.files as FileView, now);
    const groups = collectGroups(config.sources, repo.files, own.aliases);
    const repoErrors = [
      ...own.errors,
      ...unreadableErrors(repo.unreadable),
      ...missingSources(config, repo.files),
      ...groups.errors,
    ];
    for (const e of repoErrors)
      errors.push(
        new GovernanceError(e.message, {
          ...e.location,
          file: prefixed(repo.name, e.location?.file ?? full),
        }),
      );
    notes.push(
      ...groups.notes.map((n) => `${repo.name}:${n}`),
      ...own.notes.map((n) => `${repo.name}: ${n}`),
    );
    for (const g of groups.groups) evals.push(inRepo(repo.name, evaluateGroup(g, trusted.evaluator)));
  }
  const orgEvals = orgRuleEvaluations(config, trusted.evaluator, evals);
  const all = [...evals, ...orgEvals];
  const findings: Finding[] = [...errors.map(malformedFinding), ...all.flatMap((e) => e.findings)];
  if (config.eligibility.length)
    notes.push(
      'eligibility rules are not applied in organisation-wide runs; run the action in each repository for them',
    );
  plan.notes.push(`organisation-wide audit of ${snapshot.repos.length} repositories of ${snapshot.owner}`);
  auditPlan(plan, snapshot.issue, config, trusted.evaluator.day, all, findings, notes);
  // the unions are rules' views, not leadership groups
  plan.outputs['groups-checked'] = String(evals.length);
  return plan;
}
