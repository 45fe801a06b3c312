import { describe, expect, it } from '@jest/globals';
import type { Effect } from '../plan/effects.js';
import { withMarker } from '../plan/markers.js';
import { AUDIT_MARKER, decideAudit, decidePull } from './decide.js';
import type { PullSnapshot } from './snapshot.js';
import { diversityConfig, fixtureFiles } from './test-helpers.js';

const NOW = new Date('2024-05-24T12:00:00Z'); // the date of the cncf/gitdm snapshot

describe('audits of the real data', () => {
  it('Istio WORKING-GROUPS.md: 2 or 3 leads from at least 2 organisations', () => {
    const config = diversityConfig({
      sources: [{ kind: 'markdown-table', path: 'WORKING-GROUPS.md' }],
      rules: [{ groups: '*', 'min-members': 2, 'max-members': 3, 'min-orgs': 2, 'max-org-share': 1 }],
    });
    const plan = decideAudit(
      { kind: 'audit', files: fixtureFiles('istio-community'), issue: null },
      config,
      NOW,
    );
    expect(plan.outputs['groups-checked']).toBe('9');
    expect(plan.outputs.violations).toBe('12');
    const report = JSON.parse(plan.outputs.report);
    const failing = new Set(report.findings.map((f: { group: string }) => f.group));
    expect([...failing].sort()).toEqual([
      'Docs',
      'Environments',
      'Networking',
      'Security',
      'Test and Release',
      'User Experience',
    ]);
    const created = plan.effects[0] as Extract<Effect, { type: 'create-issue' }>;
    expect(created).toMatchObject({
      type: 'create-issue',
      labels: ['governance/diversity-audit'],
      title: 'Leadership diversity audit: 12 violations in 6 groups',
    });
    expect(created.body).toContain('`Docs` has 0 members; at least 2 required (`WORKING-GROUPS.md:27`)');
    expect(plan.verdict?.failed).toBe(false);
  });

  it('kubernetes/community sigs.yaml: no more than one third of a committee from one company', () => {
    const config = diversityConfig({
      sources: [{ kind: 'sigs-yaml', path: 'sigs.yaml', roles: ['chairs', 'tech_leads'] }],
      rules: [
        { groups: 'committees/*', 'max-org-share': '1/3', 'min-members': 0, 'max-members': 0, 'min-orgs': 0 },
      ],
    });
    const plan = decideAudit(
      { kind: 'audit', files: fixtureFiles('kubernetes-community'), issue: null },
      config,
      NOW,
    );
    expect(plan.outputs['groups-checked']).toBe('35');
    expect(plan.outputs.violations).toBe('0');
    expect(plan.effects).toEqual([]);
    const steering = JSON.parse(plan.outputs.report).groups.find(
      (g: { id: string }) => g.id === 'committees/committee-steering',
    );
    expect(steering.members).toBe(7);
    expect(
      Math.max(...steering.organisations.map((o: { members: string[] }) => o.members.length)),
    ).toBeLessThanOrEqual(2);
  });

  it('kubernetes/test-infra OWNERS with cncf/gitdm affiliations (WG K8s Infra rule)', () => {
    const files = fixtureFiles('kubernetes-owners/test-infra');
    for (const [path, text] of fixtureFiles('cncf-gitdm/subset', 'affiliations/')) files.set(path, text);
    const config = diversityConfig({
      sources: [{ kind: 'owners', paths: ['**/OWNERS'], roles: ['approvers'] }],
      affiliations: [{ gitdm: ['affiliations/developers_affiliations*.txt'] }],
      'unknown-affiliation': 'warn',
      rules: [{ groups: '**', 'min-members': 3, 'max-org-share': '1/3', 'max-members': 0, 'min-orgs': 0 }],
    });
    const plan = decideAudit({ kind: 'audit', files, issue: null }, config, NOW);
    expect(plan.outputs['groups-checked']).toBe('228');
    const report = JSON.parse(plan.outputs.report);
    const root = report.findings.find(
      (f: { group: string; kind: string }) => f.group === '.' && f.kind === 'max-org-share',
    );
    expect(root.message).toBe('Google LLC holds 3 of 5 seats (60%); at most 1/3 allowed');
    expect(root.fails).toBe(true);
    expect(
      report.findings.filter(
        (f: { kind: string; fails: boolean }) => f.kind === 'unknown-affiliation' && f.fails,
      ),
    ).toEqual([]);
    const created = plan.effects[0] as Extract<Effect, { type: 'create-issue' }>;
    expect(created.body.length).toBeLessThan(65_536);
  });
});

describe('the audit issue', () => {
  const config = diversityConfig({
    sources: [{ kind: 'markdown-table', path: 'WG.md' }],
    rules: [{ groups: '*', 'min-members': 2, 'max-members': 0, 'min-orgs': 0, 'max-org-share': 1 }],
  });
  const table = (rows: string) => `| Name | Company | Groups |\n|---|---|---|\n${rows}`;
  const one = table('| [A](https://github.com/a) | X | Docs |\n');
  const two = table('| [A](https://github.com/a) | X | Docs |\n| [B](https://github.com/b) | Y | Docs |\n');

  it('is created, then updated in place, left alone when current, and closed when clean', () => {
    const first = decideAudit({ kind: 'audit', files: new Map([['WG.md', one]]), issue: null }, config, NOW);
    const created = first.effects[0] as Extract<Effect, { type: 'create-issue' }>;
    expect(created.type).toBe('create-issue');
    const issue = { number: 7, title: created.title, body: withMarker(AUDIT_MARKER, created.body) };

    const again = decideAudit({ kind: 'audit', files: new Map([['WG.md', one]]), issue }, config, NOW);
    expect(again.effects).toEqual([]);

    const more = table('| [A](https://github.com/a) | X | Docs, Security |\n');
    const updated = decideAudit({ kind: 'audit', files: new Map([['WG.md', more]]), issue }, config, NOW);
    expect(updated.effects).toMatchObject([
      { type: 'update-issue', number: 7, title: 'Leadership diversity audit: 2 violations in 2 groups' },
    ]);
    // trends: what is new since the last audit
    expect((updated.effects[0] as { body: string }).body).toMatch(
      /`Security` has 1 member.*— since 2024-05-24/,
    );

    const clean = decideAudit({ kind: 'audit', files: new Map([['WG.md', two]]), issue }, config, NOW);
    expect(clean.effects).toMatchObject([{ type: 'update-issue', number: 7, state: 'closed' }]);
  });

  it('fails the run on a malformed file, naming the file and line', () => {
    const plan = decideAudit(
      { kind: 'audit', files: new Map([['WG.md', table('| A | X | Docs |\n')]]), issue: null },
      config,
      NOW,
    );
    expect(plan.verdict).toMatchObject({ failed: true });
    expect(plan.verdict!.message).toContain('WG.md:3: the Name cell must link to a GitHub profile');
  });
});

describe('pull requests', () => {
  const config = diversityConfig({
    sources: [{ kind: 'owners', paths: ['**/OWNERS'], roles: ['approvers'] }],
    affiliations: [{ yaml: 'affiliations.yaml' }],
    rules: [{ groups: '**', 'min-members': 2, 'max-org-share': '1/2', 'max-members': 0, 'min-orgs': 0 }],
  });
  const affiliations = 'ann: Google\nben: Red Hat\ndan: Google\n';
  const snapshot = (over: Partial<PullSnapshot>): PullSnapshot => ({
    kind: 'pull',
    number: 3,
    headSha: 'abc',
    base: new Map(),
    head: new Map(),
    changed: [],
    comment: null,
    ...over,
  });

  it('annotates a malformed OWNERS file of the head at its line and fails', () => {
    const plan = decidePull(
      snapshot({
        base: new Map([
          ['affiliations.yaml', affiliations],
          ['a/OWNERS', 'approvers: [ann, ben]\n'],
        ]),
        head: new Map([['a/OWNERS', 'approvers:\n  - ann\n  ben: x\n']]),
        changed: ['a/OWNERS'],
      }),
      config,
      NOW,
    );
    expect(plan.verdict?.failed).toBe(true);
    const check = plan.effects.find((e) => e.type === 'check-run') as Extract<Effect, { type: 'check-run' }>;
    expect(check.annotations?.[0]).toMatchObject({ path: 'a/OWNERS', annotation_level: 'failure' });
    expect(check.annotations?.[0].start_line).toBeGreaterThan(1);
  });

  it('evaluates the groups using an alias the change edits, with the head aliases', () => {
    const aliases = 'aliases:\n  team: [ann, ben]\n';
    const plan = decidePull(
      snapshot({
        base: new Map([
          ['affiliations.yaml', affiliations],
          ['OWNERS_ALIASES', aliases],
          ['a/OWNERS', 'approvers: [team]\n'],
          ['b/OWNERS', 'approvers: [ann, ben]\n'],
        ]),
        head: new Map([['OWNERS_ALIASES', 'aliases:\n  team: [ann, dan]\n']]),
        changed: ['OWNERS_ALIASES'],
      }),
      config,
      NOW,
    );
    expect(plan.outputs['groups-checked']).toBe('1');
    expect(JSON.parse(plan.outputs.report).groups.map((g: { id: string }) => g.id)).toEqual(['a']);
    // team becomes ann and dan, both Google: a/OWNERS breaks the 1/2 share as the change lands
    expect(plan.verdict?.failed).toBe(true);
    expect(plan.verdict?.message).toMatch(/Google holds 2 of 2 seats/);
  });

  it('fails closed on a file that exists at the head but cannot be read, naming it', () => {
    const base = new Map([
      ['affiliations.yaml', affiliations],
      ['a/OWNERS', 'approvers: [ann, ben]\n'],
    ]);
    const plan = decidePull(
      snapshot({
        base,
        head: new Map(),
        changed: ['a/OWNERS'],
        unreadable: [{ path: 'a/OWNERS', ref: 'f'.repeat(40), reason: 'it is binary, not text' }],
      }),
      config,
      NOW,
    );
    expect(plan.verdict?.failed).toBe(true);
    expect(plan.verdict?.message).toMatch(
      /a\/OWNERS.*could not be read at fffffff \(it is binary, not text\)/,
    );
    // the same change with the file deleted passes: absent and unreadable are different answers
    const deleted = decidePull(
      snapshot({ base, head: new Map([['a/OWNERS', null]]), changed: ['a/OWNERS'] }),
      config,
      NOW,
    );
    expect(deleted.verdict?.failed).toBe(false);
  });

  it('posts a resolved note on the sticky comment once nothing fails', () => {
    const plan = decidePull(
      snapshot({
        base: new Map([
          ['affiliations.yaml', affiliations],
          ['a/OWNERS', 'approvers: [ann, dan]\n'],
        ]),
        head: new Map([['a/OWNERS', 'approvers: [ann, ben]\n']]),
        changed: ['a/OWNERS'],
        comment: { id: 1, body: 'old failure' },
      }),
      config,
      NOW,
    );
    expect(plan.verdict?.failed).toBe(false);
    expect(plan.effects.find((e) => e.type === 'comment')).toMatchObject({
      body: expect.stringContaining('resolved'),
    });
    expect(JSON.parse(plan.outputs.report).fixed).toHaveLength(1);
  });
});
