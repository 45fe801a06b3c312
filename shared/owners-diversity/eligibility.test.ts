import { describe, expect, it } from '@jest/globals';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import type { EligibilityRule } from '../config/types.js';
import { GovernanceError } from '../errors/governance-error.js';
import { decideAudit } from './decide.js';
import {
  baseListing,
  eligibilityFindings,
  headListing,
  listedLogins,
  listingsFor,
  pullEligibility,
  type ListedFile,
} from './eligibility.js';
import type { Group } from './model.js';
import { collectGroups } from './sources/index.js';
import { diversityConfig, fixtureFiles } from './test-helpers.js';

const NOW = new Date('2026-05-01T00:00:00Z');
const MEMBERS = 'members:\n- Ann\n- ben # back after 2FA\n- "@Cat"\n';
const rule = (over: Partial<EligibilityRule> = {}): EligibilityRule => ({
  groups: '*',
  'listed-in': { path: 'org/members.yaml', key: 'members' },
  'for-at-least': '90d',
  ...over,
});
/** One commit per line, landed at the given times (line 1 is the key). */
function file(text: string, landed: (string | null)[], over: Partial<ListedFile> = {}): ListedFile {
  const ranges = text
    .trimEnd()
    .split('\n')
    .map((_, i) => ({ start: i + 1, end: i + 1, commit: `c${i}` }));
  return {
    path: 'org/members.yaml',
    text,
    ranges,
    landed: Object.fromEntries(
      landed.map((at, i) => [
        `c${i}`,
        at ? { at, via: `merged in pull request ${i}` } : { unknown: 'no idea' },
      ]),
    ),
    // every commit left the file as it is now
    versions: Object.fromEntries(landed.map((_, i) => [`c${i}`, text])),
    ...over,
  };
}
const group = (...logins: string[]): Group => ({
  id: 'Networking',
  kind: 'markdown-table',
  file: 'WORKING-GROUPS.md',
  line: 3,
  members: logins.map((login, i) => ({ login, file: 'WORKING-GROUPS.md', line: 10 + i, role: 'lead' })),
});

describe('listedLogins', () => {
  it('reads the list at a dotted key, lower-cased, with lines; comments and a leading @ ignored', () => {
    expect([...listedLogins(MEMBERS, 'm.yaml', 'members')]).toEqual([
      ['ann', 2],
      ['ben', 3],
      ['cat', 4],
    ]);
    const teams = 'teams:\n  Maintainers:\n    members:\n      - dan\n  Docs:\n    members: []\n';
    expect([...listedLogins(teams, 't.yaml', 'teams.Maintainers.members').keys()]).toEqual(['dan']);
    expect(listedLogins('teams:\n  A:\n    members:\n', 't.yaml', 'teams.A.members').size).toBe(0);
  });

  it('names the file and key when the key is missing or not a list of logins', () => {
    expect(() => listedLogins('members: []\n', 'm.yaml', 'teams.Maintainers.members')).toThrow(
      /no key "teams"/,
    );
    expect(() => listedLogins('members: ann\n', 'm.yaml', 'members')).toThrow(/expected a list of logins/);
    let error: unknown;
    try {
      listedLogins('members:\n- {a: 1}\n', 'm.yaml', 'members');
    } catch (e) {
      error = e;
    }
    expect((error as GovernanceError).describe()).toMatch(/^m.yaml:2:3: members: expected a login$/);
    expect(() => listedLogins('members: [\n', 'm.yaml', 'members')).toThrow(GovernanceError);
  });
});

describe('listings', () => {
  it('times each login by the landing of the commit that wrote its line', () => {
    const listing = baseListing(
      file(MEMBERS, [null, '2026-01-01T00:00:00Z', null, '2026-04-01T00:00:00Z']),
      'members',
    );
    expect(listing.logins.get('ann')).toEqual({
      since: '2026-01-01T00:00:00Z',
      via: 'merged in pull request 1',
      line: 2,
    });
    expect(listing.logins.get('ben')).toEqual({ error: 'no idea' });
  });

  it('fails closed on a line whose commit did not list the login at the key (a moved line)', () => {
    const f = file(MEMBERS, [null, '2026-01-01T00:00:00Z', null, null]);
    f.versions!.c1 = 'emeritus:\n- ann\n';
    expect(baseListing(f, 'members').logins.get('ann')).toMatchObject({
      error: expect.stringMatching(/did not list them at members/),
    });
    f.ranges = [];
    expect(baseListing(f, 'members').logins.get('ann')).toMatchObject({
      error: expect.stringMatching(/history .* could not be read/),
    });
  });

  it('is unusable, with a message, when the file is absent, unreadable or has no such key', () => {
    expect(baseListing(file(MEMBERS, [], { text: null }), 'members').error?.message).toMatch(
      /does not exist/,
    );
    expect(baseListing(file(MEMBERS, [], { unreadable: 'binary' }), 'members').error?.message).toMatch(
      /binary/,
    );
    expect(baseListing(file(MEMBERS, []), 'teams').error?.message).toMatch(/no key "teams"/);
  });

  it("a pull request's additions count from now, its removals are not listed", () => {
    const f = file(MEMBERS, [null, '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z']);
    f.head = 'members:\n- ann\n- cat\n- dan\n';
    const base = baseListing(f, 'members');
    const head = headListing(f, 'members', base, NOW);
    expect(head.logins.get('ann')).toEqual(base.logins.get('ann'));
    expect(head.logins.get('dan')).toMatchObject({ since: NOW.toISOString(), via: 'this pull request' });
    expect(head.logins.has('ben')).toBe(false);
    const p = pullEligibility([rule()], [f], [{ groups: [group('ben')] }], NOW);
    expect([...p.groups]).toEqual(['Networking']);
    expect(headListing({ ...f, head: null }, 'members', base, NOW).logins.size).toBe(0);
    expect(
      headListing({ ...f, head: undefined, headUnreadable: 'binary' }, 'members', base, NOW).error?.message,
    ).toMatch(/binary/);
  });
});

describe('eligibilityFindings', () => {
  const listed = [file(MEMBERS, [null, '2026-01-01T00:00:00Z', '2026-03-01T12:00:00Z', null])];
  const findings = (g: Group, rules = [rule()]) =>
    eligibilityFindings(g, rules, listingsFor(rules, listed, 'base', NOW), NOW);

  it('passes a lead listed long enough; fails one listed too recently with the day they become eligible', () => {
    expect(findings(group('ann'))).toEqual([]);
    const [f] = findings(group('Ben'));
    expect(f).toMatchObject({
      kind: 'eligibility',
      severity: 'failure',
      key: 'Networking\0eligibility\x000\0ben',
      locations: [{ file: 'WORKING-GROUPS.md', line: 10 }],
    });
    expect(f!.message).toBe(
      'lead `Ben` has been listed in `org/members.yaml` at `members` only since 2026-03-01 (merged in pull request 2); eligible from 2026-05-30',
    );
  });

  it('fails a lead not listed, and one whose listing cannot be judged', () => {
    expect(findings(group('dan'))[0]!.message).toBe(
      'lead `dan` is not listed in `org/members.yaml` at `members`',
    );
    expect(findings(group('cat'))[0]!.message).toMatch(/cannot be judged eligible: `no idea`/);
    const other = rule({ 'listed-in': { path: 'org/teams.yaml', key: 'teams.M.members' } });
    expect(findings(group('ann'), [other])[0]!.message).toMatch(/org\/teams.yaml cannot be used/);
  });

  it('applies only to groups its glob matches', () => {
    expect(findings(group('dan'), [rule({ groups: 'Docs' })])).toEqual([]);
  });
});

/**
 * The audit of docs/owners-diversity-check.md "Lead eligibility", on the real Istio files: the
 * WORKING-GROUPS.md leads against org/members.yaml and the Maintainers team of org/teams.yaml.
 * The copies carry no history, so it is judged twice: as if every line landed a year and a day
 * before the as-of date, and as if every line landed on it. `UPDATE_DOCS=1` rewrites
 * test/fixtures/istio-community/eligibility-audit.md; the docs page must contain it.
 */
describe('the real Istio files', () => {
  const AS_OF = new Date('2026-08-20T00:00:00Z'); // the istio/community commit of the copies
  const files = fixtureFiles('istio-community');
  const rules: EligibilityRule[] = [
    rule({ 'for-at-least': '365d' }),
    rule({ 'listed-in': { path: 'org/teams.yaml', key: 'teams.Maintainers.members' } }),
  ];
  const history = (landedAt: Date): ListedFile[] =>
    ['org/members.yaml', 'org/teams.yaml'].map((path) => {
      const text = files.get(path)!;
      return {
        path,
        text,
        ranges: [{ start: 1, end: text.split('\n').length, commit: 'c' }],
        landed: { c: { at: landedAt.toISOString(), via: 'assumed' } },
        versions: { c: text },
      };
    });
  const audit = (landedAt: Date) => {
    const config = diversityConfig({
      sources: [{ kind: 'markdown-table', path: 'WORKING-GROUPS.md' }],
      rules: [],
      eligibility: rules,
    });
    const plan = decideAudit({ kind: 'audit', files, issue: null, listed: history(landedAt) }, config, AS_OF);
    return JSON.parse(plan.outputs.report).findings as { group: string; message: string }[];
  };
  const yearOld = audit(new Date(AS_OF.getTime() - 366 * 86_400_000));
  const today = audit(AS_OF);

  it('every WORKING-GROUPS.md lead is listed in both files: with a year of history nobody fails', () => {
    expect(yearOld).toEqual([]);
    // as if added on the as-of date, every lead fails both rules (10 people, 11 seats)
    expect(today).toHaveLength(22);
  });

  it('writes the table the docs page shows', () => {
    const groups = collectGroups(
      [{ kind: 'markdown-table', path: 'WORKING-GROUPS.md' }],
      files,
      new Map(),
    ).groups;
    const leads = new Map<string, string[]>();
    for (const g of groups)
      for (const m of g.members) leads.set(m.login, [...(leads.get(m.login) ?? []), g.id]);
    const members = listedLogins(files.get('org/members.yaml')!, 'org/members.yaml', 'members');
    const maintainers = listedLogins(
      files.get('org/teams.yaml')!,
      'org/teams.yaml',
      'teams.Maintainers.members',
    );
    const fails = (list: typeof today, login: string, path: string) =>
      list.filter((f) => f.message.includes(`lead ${login} `) && f.message.includes(path)).length
        ? '❌'
        : '✅';
    const rows = [...leads]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([login, ids]) => {
        const m = members.get(login.toLowerCase());
        const t = maintainers.get(login.toLowerCase());
        return `| \`${login}\` | ${ids.join(', ')} | ${m ? `line ${m}` : 'not listed'} | ${t ? `line ${t}` : 'not listed'} | ${fails(yearOld, login, 'members.yaml')} ${fails(yearOld, login, 'teams.yaml')} | ${fails(today, login, 'members.yaml')} ${fails(today, login, 'teams.yaml')} |`;
      });
    const table = [
      '| Lead | Groups | `org/members.yaml` `members` | `org/teams.yaml` `teams.Maintainers.members` | lines a year old (365d, 90d) | lines added on 2026-08-20 (365d, 90d) |',
      '|---|---|---|---|---|---|',
      ...rows,
    ].join('\n');
    const out = 'test/fixtures/istio-community/eligibility-audit.md';
    if (process.env.UPDATE_DOCS) writeFileSync(out, `${table}\n`);
    expect(existsSync(out) && readFileSync(out, 'utf8')).toBe(`${table}\n`);
    expect(readFileSync('docs/owners-diversity-check.md', 'utf8')).toContain(table);
  });
});
