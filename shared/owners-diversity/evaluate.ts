/**
 * The rules of `owners-diversity.rules`, applied to one group. Pure: a group, the affiliations
 * and the rules in; the group's members with their organisations, and its findings, out.
 *
 * Governance texts encoded here: Istio working groups have "2 or 3 leads, with at least two
 * different organizations represented" (min-members, max-members, min-orgs); Kubernetes bodies
 * with project-wide impact allow at most one third of their members from one company
 * (max-org-share). People whose affiliation nobody knows still count as members; with
 * `unknown-affiliation: distinct` each is an organisation of their own, otherwise they add no
 * organisation (nobody can vouch that they are not from the largest one) and are findings.
 */
import { minimatch } from 'minimatch';
import { affiliationOf, type AffiliationTable } from '../affiliations/affiliations.js';
import type { Organisation, OrgResolver } from '../affiliations/org-names.js';
import type { DiversityRule, OwnersDiversityConfig } from '../config/types.js';
import { DEFAULT_RULE } from '../config/defaults.js';
import type { GovernanceError } from '../errors/governance-error.js';
import type { Group, Member } from './model.js';
import { ROOT_GROUP_ID } from './sources/owners.js';
import { code, esc } from './text.js';
import {
  compareFractions,
  fraction,
  formatFraction,
  formatPercent,
  parseShare,
  type Fraction,
} from './share.js';

export type FindingKind =
  | 'min-members'
  | 'max-members'
  | 'min-orgs'
  | 'max-org-share'
  | 'unknown-affiliation'
  | 'malformed'
  /** a lead not listed long enough (eligibility.ts) */
  | 'eligibility';

export interface Location {
  file: string;
  line: number;
}

export interface Finding {
  /** identity across base and head: group, kind, rule, person or file */
  key: string;
  group: string;
  kind: FindingKind;
  /** index of the rule in `rules` (size and share findings) */
  rule?: number;
  /** the rule as written, e.g. `"committees/*" max-org-share 1/3` */
  ruleText?: string;
  message: string;
  /** members or organisations counted (size rules) */
  count?: number;
  /** the largest organisation's share (max-org-share) */
  share?: Fraction;
  /** `warning` findings never fail (unknown-affiliation: warn) */
  severity: 'failure' | 'warning';
  locations: Location[];
  /** audits: the day the finding was first seen (kept in the audit issue) */
  since?: string;
}

export interface ResolvedMember extends Member {
  org?: Organisation;
  /** where the affiliation comes from: `file:line`, or `source` */
  origin?: string;
}

export interface OrgShare {
  key: string;
  name: string;
  members: ResolvedMember[];
}

export interface GroupEvaluation {
  group: Group;
  members: ResolvedMember[];
  /** largest first */
  orgs: OrgShare[];
  unknown: ResolvedMember[];
  findings: Finding[];
}

export interface Evaluator {
  rules: readonly DiversityRule[];
  affiliations: readonly AffiliationTable[];
  orgs: OrgResolver;
  /** the as-of date, YYYY-MM-DD */
  day: string;
  unknownAffiliation: OwnersDiversityConfig['unknown-affiliation'];
}

/** minimatch on group ids; the root OWNERS group '.' is matched by `**` and `.`. */
export function ruleMatches(rule: Pick<DiversityRule, 'groups'>, groupId: string): boolean {
  if (groupId === ROOT_GROUP_ID) return rule.groups === '**' || rule.groups === ROOT_GROUP_ID;
  return minimatch(groupId, rule.groups, { dot: true });
}

export function evaluateGroup(group: Group, ev: Evaluator): GroupEvaluation {
  const members: ResolvedMember[] = group.members.map((m) => {
    const affiliation = affiliationOf(ev.affiliations, m.login, ev.day, m.company);
    if (affiliation)
      return { ...m, org: ev.orgs.resolve(affiliation.org, m.login), origin: affiliation.origin };
    if (ev.unknownAffiliation === 'distinct') {
      return {
        ...m,
        org: { key: `unknown:${m.login.toLowerCase()}`, name: `unknown (${m.login})`, independent: true },
      };
    }
    return { ...m };
  });
  const byOrg = new Map<string, OrgShare>();
  for (const m of members) {
    if (!m.org) continue;
    const share = byOrg.get(m.org.key) ?? { key: m.org.key, name: m.org.name, members: [] };
    share.members.push(m);
    byOrg.set(m.org.key, share);
  }
  const orgs = [...byOrg.values()].sort(
    (a, b) => b.members.length - a.members.length || a.name.localeCompare(b.name),
  );
  const unknown = members.filter((m) => !m.org);
  const findings: Finding[] = [];
  const at = (list: ResolvedMember[]): Location[] =>
    list.length
      ? list.map((m) => ({ file: m.file, line: m.line }))
      : [{ file: group.file, line: group.line }];

  // unknown-affiliation: fail | warn -> one finding per person nobody can place.
  if (ev.unknownAffiliation !== 'distinct') {
    for (const m of unknown) {
      findings.push({
        key: `${group.id}\0unknown-affiliation\0${m.login.toLowerCase()}`,
        group: group.id,
        kind: 'unknown-affiliation',
        // No date in the text: an audit issue must not change just because a day passed.
        message: `no affiliation is known for ${code(m.login)}`,
        severity: ev.unknownAffiliation === 'fail' ? 'failure' : 'warning',
        locations: at([m]),
      });
    }
  }

  ev.rules.forEach((written, index) => {
    if (!ruleMatches(written, group.id)) return;
    const rule = { ...DEFAULT_RULE, ...written };
    const base = { group: group.id, rule: index, severity: 'failure' as const };
    const key = (kind: FindingKind) => `${group.id}\0${kind}\0${index}`;
    const size = members.length;
    // "2 or 3 leads" (Istio): min-members / max-members
    if (rule['min-members'] > 0 && size < rule['min-members']) {
      findings.push({
        ...base,
        key: key('min-members'),
        kind: 'min-members',
        ruleText: `"${rule.groups}" min-members ${rule['min-members']}`,
        message: `has ${plural(size, 'member')}; at least ${rule['min-members']} required`,
        count: size,
        locations: at(members),
      });
    }
    if (rule['max-members'] > 0 && size > rule['max-members']) {
      findings.push({
        ...base,
        key: key('max-members'),
        kind: 'max-members',
        ruleText: `"${rule.groups}" max-members ${rule['max-members']}`,
        message: `has ${plural(size, 'member')}; at most ${rule['max-members']} allowed`,
        count: size,
        locations: at(members),
      });
    }
    // "at least two different organizations represented" (Istio): min-orgs
    if (rule['min-orgs'] > 0 && orgs.length < rule['min-orgs']) {
      findings.push({
        ...base,
        key: key('min-orgs'),
        kind: 'min-orgs',
        ruleText: `"${rule.groups}" min-orgs ${rule['min-orgs']}`,
        message: `has ${plural(orgs.length, 'organisation')}${orgs.length ? ` (${orgs.map((o) => esc(o.name)).join(', ')})` : ''}; at least ${rule['min-orgs']} required`,
        count: orgs.length,
        locations: at(members),
      });
    }
    // "no more than one third from one company" (Kubernetes): max-org-share, in exact fractions
    const limit = parseShare(rule['max-org-share']);
    const top = orgs[0];
    if (top && size > 0) {
      const share = fraction(top.members.length, size);
      if (compareFractions(share, limit) > 0) {
        findings.push({
          ...base,
          key: key('max-org-share'),
          kind: 'max-org-share',
          ruleText: `"${rule.groups}" max-org-share ${formatFraction(limit)}`,
          message: `${esc(top.name)} holds ${top.members.length} of ${size} seats (${formatPercent(share)}); at most ${formatFraction(limit)} allowed`,
          share,
          locations: at(top.members),
        });
      }
    }
  });
  return { group, members, orgs, unknown, findings };
}

/** A malformed input as a finding, so it is annotated on its line like any other. */
export function malformedFinding(error: GovernanceError): Finding {
  const file = error.location?.file ?? '';
  return {
    key: `\0malformed\0${file}`,
    group: file,
    kind: 'malformed',
    message: code(error.describe()),
    severity: 'failure',
    locations: [{ file, line: error.location?.line ?? 1 }],
  };
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}
