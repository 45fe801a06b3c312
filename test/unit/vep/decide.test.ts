import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { DEFAULT_CONFIG } from '../../../shared/config/defaults.js';
import type { VepConfig } from '../../../shared/config/types.js';
import type { Effect, Plan } from '../../../shared/plan/effects.js';
import {
  ESCALATION_MARKERS,
  STATUS_MARKER,
  decidePull,
  decideSweep,
  decideTrackingIssue,
  suggestFolderName,
  titleHasPrefix,
} from '../../../shared/vep/decide.js';
import type { IssueSnapshot, PullSnapshot, SweepSnapshot } from '../../../shared/vep/snapshot.js';

const config: VepConfig = structuredClone(DEFAULT_CONFIG.vep);
const DOC = 'veps/sig-network/12-passt-binding/vep.md';
const BOT = { actor: 'github-actions', actorType: 'Bot' };

function pull(over: Partial<PullSnapshot> = {}): PullSnapshot {
  return {
    number: 13,
    title: 'VEP-12: Passt binding',
    author: 'bob',
    headSha: 'abc123',
    draft: false,
    changedFiles: [{ path: DOC, changeType: 'ADDED' }],
    documents: { [DOC]: '# VEP-12\n' },
    labels: [],
    labelEvents: [],
    requestedReviewers: [],
    reviewers: [],
    trackingIssues: { 12: { number: 12, isPull: false, state: 'OPEN', labels: ['kind/tracker'] } },
    sigOwners: {
      'sig-network': { file: 'veps/sig-network/OWNERS', found: true, approvers: ['alice', 'bob'] },
    },
    stickyComment: null,
    ...over,
  };
}

const of = <T extends Effect['type']>(plan: Plan, type: T) =>
  plan.effects.filter((e): e is Extract<Effect, { type: T }> => e.type === type);
const problemsOf = (plan: Plan) => Number(plan.outputs.problems);

describe('decidePull', () => {
  it('labels a valid proposal with its SIG, asks an approver who is not the author, passes, and posts no comment', () => {
    const plan = decidePull(pull(), config);
    expect(of(plan, 'add-labels')[0].labels).toEqual(['sig/network']);
    expect(of(plan, 'request-reviewers')[0].reviewers).toEqual(['alice']);
    expect(of(plan, 'check-run')[0]).toMatchObject({ name: 'vep', headSha: 'abc123', conclusion: 'success' });
    expect(of(plan, 'comment')).toEqual([]);
    expect(plan.verdict?.failed).toBe(false);
  });

  it('writes the verdict before asking reviewers, so a refused request cannot hide it', () => {
    const types = decidePull(pull({ title: 'no prefix' }), config).effects.map((e) => e.type);
    expect(types).toEqual(['add-labels', 'check-run', 'comment', 'request-reviewers']);
  });

  it('leaves a pull request that changes no proposal alone', () => {
    const plan = decidePull(pull({ changedFiles: [{ path: 'README.md', changeType: 'MODIFIED' }] }), config);
    expect(plan.effects).toEqual([]);
    expect(plan.verdict?.failed).toBe(false);
  });

  it('gives an unknown SIG folder the needs-owning-sig label, names the known SIGs and the closest one', () => {
    const doc = 'veps/sig-netwrok/12-passt-binding/vep.md';
    const plan = decidePull(
      pull({ changedFiles: [{ path: doc, changeType: 'ADDED' }], documents: { [doc]: '# x' } }),
      config,
    );
    expect(of(plan, 'add-labels')[0].labels).toEqual(['triage/needs-owning-sig']);
    const comment = of(plan, 'comment')[0];
    expect(comment.marker).toBe(STATUS_MARKER);
    expect(comment.body).toContain('`sig-compute`, `sig-network`, `sig-storage`');
    expect(comment.body).toContain(
      'Did you mean `sig-network`? Move the proposal to `veps/sig-network/12-passt-binding/vep.md`',
    );
    expect(of(plan, 'check-run')[0].conclusion).toBe('failure');
    expect(of(plan, 'request-reviewers')).toEqual([]);
    expect(plan.verdict?.failed).toBe(true);
  });

  it('flags a proposal outside any SIG folder', () => {
    const doc = 'veps/12-passt-binding/vep.md';
    const plan = decidePull(
      pull({ changedFiles: [{ path: doc, changeType: 'ADDED' }], documents: { [doc]: '# x' } }),
      config,
    );
    expect(of(plan, 'comment')[0].body).toMatch(
      /not inside a SIG folder.*veps\/<sig>\/12-passt-binding\/vep\.md/,
    );
  });

  it('moving a proposal to another SIG swaps the label it added, and keeps a SIG label a person added', () => {
    const doc = 'veps/sig-storage/12-passt-binding/vep.md';
    const plan = decidePull(
      pull({
        changedFiles: [
          { path: DOC, changeType: 'DELETED' },
          { path: doc, changeType: 'ADDED' },
        ],
        documents: { [doc]: '# x' },
        labels: ['sig/network', 'sig/compute'],
        labelEvents: [
          { label: 'sig/network', action: 'labeled', at: '2026-01-01T00:00:00Z', ...BOT },
          {
            label: 'sig/compute',
            action: 'labeled',
            at: '2026-01-01T00:00:00Z',
            actor: 'carol',
            actorType: 'User',
          },
        ],
        sigOwners: { 'sig-storage': { file: 'veps/sig-storage/OWNERS', found: true, approvers: [] } },
      }),
      config,
    );
    expect(of(plan, 'add-labels')[0].labels).toEqual(['sig/storage']);
    expect(of(plan, 'remove-labels')[0].labels).toEqual(['sig/network']);
  });

  it('checks the folder name, the tracking issue and the title, each with the fix', () => {
    const doc = 'veps/sig-network/12_PasstBinding/vep.md';
    const plan = decidePull(
      pull({
        title: 'Passt binding',
        changedFiles: [{ path: doc, changeType: 'ADDED' }],
        documents: { [doc]: '# x' },
        trackingIssues: { 12: { number: 12, isPull: false, state: 'OPEN', labels: [] } },
      }),
      config,
    );
    const body = of(plan, 'comment')[0].body;
    expect(body).toContain('Rename the folder `12_PasstBinding` to `{number}-{slug}`');
    expect(body).toContain('e.g. `12-passt-binding`');
    expect(body).toContain('Issue #12 is not labelled `kind/tracker`');
    expect(body).toContain('Start the pull request title with `VEP-12: `');
    expect(problemsOf(plan)).toBe(3);
  });

  it('reports a missing tracking issue and a pull request in its place', () => {
    expect(of(decidePull(pull({ trackingIssues: { 12: null } }), config), 'comment')[0].body).toContain(
      'There is no issue #12 in this repository',
    );
    expect(
      of(
        decidePull(
          pull({ trackingIssues: { 12: { number: 12, isPull: true, state: 'OPEN', labels: [] } } }),
          config,
        ),
        'comment',
      )[0].body,
    ).toContain('#12 is a pull request, not a tracking issue');
  });

  it('with one-proposal-per-pr, fails a pull request that changes two proposals', () => {
    const other = 'veps/sig-network/14-other/vep.md';
    const s = pull({
      changedFiles: [
        { path: DOC, changeType: 'ADDED' },
        { path: other, changeType: 'ADDED' },
      ],
      documents: { [DOC]: '#', [other]: '#' },
      trackingIssues: {
        12: { number: 12, isPull: false, state: 'OPEN', labels: ['kind/tracker'] },
        14: { number: 14, isPull: false, state: 'OPEN', labels: ['kind/tracker'] },
      },
    });
    expect(of(decidePull(s, config), 'comment')[0].body).toContain('changes 2 proposals');
    expect(decidePull(s, { ...config, 'one-proposal-per-pr': false }).verdict?.failed).toBe(false);
  });

  it('checks front matter: vep-number, owning-sig, status, TBD approvers when implementable; annotates lines', () => {
    const text = [
      '---',
      'vep-number: 13',
      'owning-sig: sig-compute',
      'status: implementable',
      'reviewers: ["@x"]',
      'approvers:',
      '  - TBD',
      '---',
      '# VEP',
    ].join('\n');
    const plan = decidePull(pull({ documents: { [DOC]: text } }), config);
    const codes = of(plan, 'check-run')[0].annotations!.map((a) => [a.title, a.start_line]);
    expect(codes).toEqual([
      ['vep-number', 2],
      ['owning-sig', 3],
      ['tbd-approvers', 6],
      // implementable-requires (meta-VEP 282): milestone.alpha and feature-gate are missing, so
      // they are reported at the `status:` line that requires them
      ['implementable-requires', 4],
      ['implementable-requires', 4],
    ]);
    expect(of(plan, 'comment')[0].body).toContain('set `owning-sig: sig-network`');
  });

  it('reports front matter that does not parse, an unknown status, and a missing block when required', () => {
    const broken = decidePull(pull({ documents: { [DOC]: '---\nstatus: [\n---\n' } }), config);
    expect(of(broken, 'comment')[0].body).toContain('does not parse');
    const status = decidePull(
      pull({ documents: { [DOC]: '---\nvep-number: 12\nowning-sig: sig-network\nstatus: approved\n---\n' } }),
      config,
    );
    expect(of(status, 'comment')[0].body).toMatch(/`status` is `approved`: use one of `provisional`/);
    expect(decidePull(pull(), config).verdict?.failed).toBe(false);
    const required = decidePull(pull(), {
      ...config,
      'front-matter': { ...config['front-matter'], required: true },
    });
    expect(of(required, 'comment')[0].body).toContain('has no front matter');
  });

  it('edits the sticky comment when the problems are fixed, and posts nothing for a valid first run', () => {
    const plan = decidePull(pull({ stickyComment: { id: 5, body: 'old' } }), config);
    expect(of(plan, 'comment')[0]).toMatchObject({ mode: 'sticky', existing: { id: 5, body: 'old' } });
    expect(of(plan, 'comment')[0].body).toContain('all fixed');
  });

  it('escapes the title it quotes', () => {
    const plan = decidePull(pull({ title: 'Hi @everyone `x`' }), config);
    expect(of(plan, 'comment')[0].body).toContain('`` Hi @everyone `x` ``');
  });

  it('does not ask again when an approver is already requested or reviewed', () => {
    expect(of(decidePull(pull({ requestedReviewers: ['alice'] }), config), 'request-reviewers')).toEqual([]);
    expect(of(decidePull(pull({ reviewers: ['alice'] }), config), 'request-reviewers')).toEqual([]);
  });
});

describe('helpers', () => {
  it('title prefix needs a boundary after the number', () => {
    expect(titleHasPrefix('VEP-12: x', 'VEP-12')).toBe(true);
    expect(titleHasPrefix('VEP-123: x', 'VEP-12')).toBe(false);
    expect(titleHasPrefix('VEP 12: x', 'VEP-12')).toBe(false);
  });
  it('suggests a kebab folder name', () => {
    expect(suggestFolderName('12_PasstBinding', 12)).toBe('12-passt-binding');
    expect(suggestFolderName('Passt Binding', null)).toBe('<number>-passt-binding');
  });
});

describe('decideTrackingIssue', () => {
  const issue = (over: Partial<IssueSnapshot> = {}): IssueSnapshot => ({
    number: 12,
    isPull: false,
    body: 'Primary SIG:\n/sig $SIG',
    labels: ['kind/tracker'],
    labelEvents: [],
    comments: [],
    permissions: {},
    ...over,
  });
  it('labels needs-owning-sig while the template placeholder is unfilled', () => {
    expect(of(decideTrackingIssue(issue(), config), 'add-labels')[0].labels).toEqual([
      'triage/needs-owning-sig',
    ]);
  });
  it('takes /sig from a triager, replaces its own needs-owning-sig label, ignores people without triage', () => {
    const plan = decideTrackingIssue(
      issue({
        labels: ['kind/tracker', 'triage/needs-owning-sig'],
        labelEvents: [
          { label: 'triage/needs-owning-sig', action: 'labeled', at: '2026-01-01T00:00:00Z', ...BOT },
        ],
        comments: [
          { author: 'mallory', body: '/sig compute', at: '2026-01-02T00:00:00Z' },
          { author: 'tri', body: '/sig network', at: '2026-01-03T00:00:00Z' },
        ],
        permissions: { mallory: 'read', tri: 'triage' },
      }),
      config,
    );
    expect(of(plan, 'add-labels')[0].labels).toEqual(['sig/network']);
    expect(of(plan, 'remove-labels')[0].labels).toEqual(['triage/needs-owning-sig']);
  });
  it('does nothing for an issue without the tracking label', () => {
    expect(decideTrackingIssue(issue({ labels: [] }), config).effects).toEqual([]);
  });
});

describe('decideSweep', () => {
  const cfg: VepConfig = {
    ...config,
    escalation: { ...config.escalation, maintainers: ['kubevirt/maintainers'] },
  };
  const sweep = (over: Partial<SweepSnapshot['pulls'][number]> = {}): SweepSnapshot => ({
    pulls: [
      {
        number: 13,
        title: 'VEP-12: x',
        author: 'bob',
        createdAt: '2026-04-01T00:00:00Z',
        draft: false,
        lastPushAt: '2026-04-01T00:00:00Z',
        paths: [DOC],
        labels: [],
        labelEvents: [],
        activity: [],
        botComments: [],
        reviewersEngaged: [],
        headChecks: { name: 'vep', check: { kind: 'none' }, otherApps: [] },
        ...over,
      },
    ],
    sigOwners: { 'sig-network': { file: 'veps/sig-network/OWNERS', found: true, approvers: ['alice'] } },
    maintainers: ['kubevirt/maintainers'],
    maintainersSource: 'vep.escalation.maintainers',
  });
  const cal = { timezone: 'UTC', holidays: [] };

  it('pings the SIG approvers once after sig-after', () => {
    const plan = decideSweep(sweep(), cfg, cal, new Date('2026-04-16T00:00:00Z'));
    const [c] = of(plan, 'comment');
    expect(c).toMatchObject({ number: 13, marker: ESCALATION_MARKERS.sig, mode: 'once', existing: null });
    expect(c.body).toContain('@alice');
    expect(of(plan, 'add-labels')).toEqual([]);
    const again = decideSweep(
      sweep({
        botComments: [
          {
            body: `${ESCALATION_MARKERS.sig}\nx`,
            at: '2026-04-16T00:00:00Z',
            user: 'github-actions',
            userType: 'Bot',
          },
        ],
      }),
      cfg,
      cal,
      new Date('2026-04-17T00:00:00Z'),
    );
    expect(again.effects).toEqual([]);
  });

  it('labels and pings the maintainers after maintainers-after', () => {
    const plan = decideSweep(sweep(), cfg, cal, new Date('2026-05-01T00:00:00Z'));
    expect(of(plan, 'comment')[0].body).toContain('@kubevirt/maintainers');
    expect(of(plan, 'add-labels')[0].labels).toEqual(['needs-maintainer-attention']);
  });

  it('takes its label back once the SIG responds', () => {
    const plan = decideSweep(
      sweep({
        labels: ['needs-maintainer-attention'],
        labelEvents: [
          { label: 'needs-maintainer-attention', action: 'labeled', at: '2026-04-29T00:00:00Z', ...BOT },
        ],
        activity: [{ login: 'alice', at: '2026-04-30T00:00:00Z' }],
      }),
      cfg,
      cal,
      new Date('2026-05-01T00:00:00Z'),
    );
    expect(of(plan, 'remove-labels')[0].labels).toEqual(['needs-maintainer-attention']);
    expect(of(plan, 'comment')).toEqual([]);
  });

  it('does not judge a pull request it could not read completely, and fails the sweep naming it', () => {
    const plan = decideSweep(
      sweep({
        labels: ['needs-maintainer-attention'],
        labelEvents: [],
        unreadable: 'pull request #13 could not be read completely: Server Error',
      }),
      cfg,
      cal,
      new Date('2026-05-01T00:00:00Z'),
    );
    expect(plan.effects).toEqual([]);
    expect(plan.verdict).toMatchObject({ failed: true });
    expect(plan.verdict?.message).toContain('#13 not judged');
    expect(plan.notes.join('\n')).toContain('#13: not judged: pull request #13 could not be read completely');
  });

  it('skips drafts and pull requests without a proposal', () => {
    expect(decideSweep(sweep({ draft: true }), cfg, cal, new Date('2026-05-01T00:00:00Z')).effects).toEqual(
      [],
    );
    expect(
      decideSweep(sweep({ paths: ['README.md'] }), cfg, cal, new Date('2026-05-01T00:00:00Z')).effects,
    ).toEqual([]);
  });
});

describe('the one real front matter (VEP #307)', () => {
  it('passes the checks in its own folder', () => {
    const path = 'veps/sig-network/307-vhostuser-binding-plugin/vep.md';
    const text = readFileSync(`test/fixtures/kubevirt-enhancements/${path}`, 'utf8');
    const plan = decidePull(
      pull({
        title: 'VEP-307: vhostuser',
        changedFiles: [{ path, changeType: 'MODIFIED' }],
        documents: { [path]: text },
        trackingIssues: { 307: { number: 307, isPull: false, state: 'OPEN', labels: ['kind/tracker'] } },
      }),
      config,
    );
    expect(plan.verdict).toMatchObject({ failed: false });
  });
});
