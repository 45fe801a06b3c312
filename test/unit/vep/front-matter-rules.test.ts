import { describe, expect, it } from '@jest/globals';
import { DEFAULT_CONFIG } from '../../../shared/config/defaults.js';
import type { VepConfig } from '../../../shared/config/types.js';
import type { Effect, Plan } from '../../../shared/plan/effects.js';
import { decidePull } from '../../../shared/vep/decide.js';
import {
  checkImplementableRequires,
  dottedKeyLine,
  justifiesNoFeatureGate,
  valueAt,
} from '../../../shared/vep/implementable-requires.js';
import type { PullSnapshot } from '../../../shared/vep/snapshot.js';
import { baseStatus, checkStatusMove, type BaseStatus } from '../../../shared/vep/status-transitions.js';

const config: VepConfig = structuredClone(DEFAULT_CONFIG.vep);
const transitions = config['front-matter'].transitions;
const PATH = 'veps/sig-network/40-x/vep.md';

const fm = (...lines: string[]) => ['---', ...lines, '---', '# VEP-40', ''].join('\n');

function move(from: BaseStatus, to: string, data: Record<string, unknown> = {}) {
  return checkStatusMove({
    from,
    to,
    data,
    transitions,
    path: PATH,
    proposal: 'veps/sig-network/40-x',
    branch: 'main',
    number: 40,
    line: (key) => (key === 'status' ? 4 : key === 'superseded-by' ? 6 : 1),
  });
}

describe('the status on the default branch', () => {
  const at = (text: string | null, unreadable?: string) =>
    baseStatus({ path: PATH, branch: 'main', text, unreadable });
  it('is new when the proposal is not there, and a migration when it has no front matter', () => {
    expect(at(null)).toEqual({ kind: 'new' });
    expect(at('# VEP-40 from before meta-VEP 282\n')).toEqual({ kind: 'migration' });
    expect(at(fm('status: deferred'))).toEqual({ kind: 'status', status: 'deferred' });
  });
  it('is unknown (fail closed) when unreadable, unparseable, missing or not a state', () => {
    for (const b of [
      at('x', 'GitHub serves it as binary'),
      at('---\nstatus: [x\n---\n'),
      at(fm('vep-number: 40')),
      at(fm('status: approved')),
    ]) {
      expect(b.kind).toBe('unknown');
      expect((b as { message: string }).message).toMatch(/maintainer must repair it/);
    }
  });
});

describe('status moves (meta-VEP 282: no skipped states, no revival from terminal states)', () => {
  const status = (s: string): BaseStatus => ({ kind: 'status', status: s });
  it('allows the moves of front-matter.transitions, an unchanged status and any migration', () => {
    expect(move({ kind: 'new' }, 'provisional')).toEqual([]);
    expect(move(status('provisional'), 'implementable')).toEqual([]);
    expect(move(status('deferred'), 'provisional')).toEqual([]);
    expect(move(status('rejected'), 'rejected')).toEqual([]);
    expect(move({ kind: 'migration' }, 'implemented')).toEqual([]);
  });
  it('refuses skipped states, revivals and starting late, at the status line', () => {
    const skipped = move(status('provisional'), 'implemented');
    expect(skipped).toMatchObject([{ code: 'status-transition', line: 4 }]);
    expect(skipped[0].message).toContain(
      'from `provisional` a proposal moves to `implementable`, `deferred`, `rejected`, `withdrawn` or `replaced`',
    );
    expect(move({ kind: 'new' }, 'implemented')[0].message).toContain(
      'starts as `provisional` or `implementable`, not `implemented`',
    );
    const revived = move(status('withdrawn'), 'provisional')[0].message;
    expect(revived).toContain('is a terminal state: no revival from terminal states');
    expect(revived).toContain('`replaces: "40"`');
    expect(move(status('implemented'), 'deferred')[0].message).toContain('moves to `replaced`');
  });
  it('leaves an invalid head status to the status check, and reports an unknown base', () => {
    expect(move(status('provisional'), 'approved')).toEqual([]);
    expect(move({ kind: 'unknown', message: 'why' }, 'provisional')).toMatchObject([
      { code: 'status-transition', message: 'why' },
    ]);
  });
  it('needs superseded-by for replaced', () => {
    expect(move(status('provisional'), 'replaced', { 'superseded-by': '' })).toMatchObject([
      { code: 'superseded-by', line: 6 },
    ]);
    expect(move(status('provisional'), 'replaced', {})).toMatchObject([{ code: 'superseded-by', line: 4 }]);
    expect(move(status('provisional'), 'replaced', { 'superseded-by': 'TBD' })).toHaveLength(1);
    expect(move(status('provisional'), 'replaced', { 'superseded-by': 77 })).toEqual([]);
  });
});

describe('what implementable requires', () => {
  const requires = config['front-matter']['implementable-requires'];
  const check = (text: string, data: Record<string, unknown>, body = '', meta = false) =>
    checkImplementableRequires({
      data,
      text,
      body,
      requires,
      meta,
      path: PATH,
      proposal: 'p',
      statusLine: 4,
    });
  it('reads dotted paths and their lines', () => {
    const text = fm('vep-number: 40', 'milestone:', '  beta: x', '  alpha: ""', 'status: implementable');
    expect(valueAt({ milestone: { alpha: 'v1' } }, 'milestone.alpha')).toBe('v1');
    expect(valueAt({ milestone: 'v1' }, 'milestone.alpha')).toBeUndefined();
    expect(dottedKeyLine(text, 'milestone.alpha')).toBe(5);
    expect(dottedKeyLine(text, 'milestone.ga')).toBe(3);
    expect(dottedKeyLine(text, 'feature-gate')).toBeNull();
    expect(dottedKeyLine(fm('milestone: {alpha: v1}'), 'milestone.alpha')).toBe(2);
  });
  it('reports each missing, empty or TBD field', () => {
    const problems = check(fm('status: implementable'), {
      reviewers: ['@a', 'TBD'],
      approvers: [],
      milestone: { alpha: ' ' },
    });
    expect(problems.map((p) => p.code)).toEqual([
      'tbd-approvers',
      'tbd-approvers',
      'implementable-requires',
      'implementable-requires',
    ]);
    expect(problems[2].message).toContain('sets `milestone.alpha`');
    expect(problems[3].message).toContain('`No feature gate:`');
  });
  it('accepts a "No feature gate:" line with a reason, as a reader sees the body', () => {
    expect(justifiesNoFeatureGate('# x\n\nNo feature gate: docs only.\n')).toBe(true);
    expect(justifiesNoFeatureGate('no feature gate: docs only.')).toBe(true);
    expect(justifiesNoFeatureGate('No feature gate:')).toBe(false);
    expect(justifiesNoFeatureGate('<!--\nNo feature gate: hint\n-->')).toBe(false);
    expect(justifiesNoFeatureGate('```\nNo feature gate: code\n```')).toBe(false);
    expect(justifiesNoFeatureGate('> No feature gate: quoted')).toBe(false);
    const data = { reviewers: ['@a'], approvers: ['@b'], milestone: { alpha: 'v1.10' } };
    expect(check(fm('status: implementable'), data, 'No feature gate: a process change')).toEqual([]);
  });
  it('exempts meta proposals from feature-gate and stage only', () => {
    const data = { reviewers: ['@a'], approvers: ['@b'] };
    const meta = checkImplementableRequires({
      data,
      text: fm('status: implementable'),
      body: '',
      requires: [...requires, 'stage'],
      meta: true,
      path: PATH,
      proposal: 'p',
      statusLine: 2,
    });
    expect(meta.map((p) => p.message)).toEqual([expect.stringContaining('milestone.alpha')]);
  });
});

describe('decidePull: meta folders and the kind label', () => {
  const META = 'veps/meta-VEPs/50-process/vep.md';
  const DOC = 'veps/sig-network/40-x/vep.md';
  const of = <T extends Effect['type']>(plan: Plan, type: T) =>
    plan.effects.filter((e): e is Extract<Effect, { type: T }> => e.type === type);
  const pull = (path: string, text: string, over: Partial<PullSnapshot> = {}): PullSnapshot => ({
    number: 60,
    title: `VEP-${/\/(\d+)-/.exec(path)![1]}: x`,
    author: 'bob',
    headSha: 'abc',
    draft: false,
    changedFiles: [{ path, changeType: 'ADDED' }],
    documents: { [path]: text },
    baseDocuments: { [path]: null },
    defaultBranch: 'main',
    labels: [],
    labelEvents: [],
    requestedReviewers: [],
    reviewers: [],
    trackingIssues: {
      40: { number: 40, isPull: false, state: 'OPEN', labels: ['kind/tracker'] },
      50: { number: 50, isPull: false, state: 'OPEN', labels: ['kind/tracker'] },
    },
    sigOwners: {},
    stickyComment: null,
    ...over,
  });

  it('owns a meta proposal by the maintainers: no SIG label, no needs-owning-sig, the kind label', () => {
    const plan = decidePull(pull(META, fm('vep-number: 50', 'status: provisional')), config);
    expect(plan.verdict?.failed).toBe(false);
    expect(of(plan, 'add-labels').flatMap((e) => e.labels)).toEqual(['kind/vep']);
    expect(of(plan, 'check-run')[0].title).toBe('owned by the maintainers');
    const wrong = decidePull(
      pull(META, fm('vep-number: 50', 'owning-sig: sig-nope', 'status: provisional')),
      config,
    );
    expect(wrong.verdict?.failed).toBe(true);
    expect(
      decidePull(pull(META, fm('vep-number: 50', 'owning-sig: sig-compute', 'status: provisional')), config)
        .verdict?.failed,
    ).toBe(false);
  });

  it('adds the kind label only when the front matter parses and the label is on, and never takes it back', () => {
    const text = fm('vep-number: 40', 'owning-sig: sig-network', 'status: provisional');
    expect(of(decidePull(pull(DOC, text), config), 'add-labels')[0].labels).toEqual([
      'sig/network',
      'kind/vep',
    ]);
    expect(of(decidePull(pull(DOC, '# no front matter'), config), 'add-labels')[0].labels).toEqual([
      'sig/network',
    ]);
    expect(of(decidePull(pull(DOC, '---\nstatus: [\n---\n'), config), 'add-labels')[0].labels).toEqual([
      'sig/network',
    ]);
    const off = decidePull(pull(DOC, text), { ...config, 'kind-label': '' });
    expect(of(off, 'add-labels')[0].labels).toEqual(['sig/network']);
    const bot = {
      actor: 'github-actions',
      actorType: 'Bot',
      action: 'labeled' as const,
      at: '2026-01-01T00:00:00Z',
    };
    const kept = decidePull(
      pull(DOC, '# front matter removed', {
        labels: ['sig/network', 'kind/vep'],
        labelEvents: [
          { ...bot, label: 'sig/network' },
          { ...bot, label: 'kind/vep' },
        ],
      }),
      config,
    );
    expect(of(kept, 'remove-labels')).toEqual([]);
  });

  it('judges the status move only when the default branch was read', () => {
    const text = fm('vep-number: 40', 'owning-sig: sig-network', 'status: implemented');
    expect(decidePull(pull(DOC, text), config).verdict?.failed).toBe(true);
    expect(decidePull(pull(DOC, text, { baseDocuments: undefined }), config).verdict?.failed).toBe(false);
    const unreadable = decidePull(
      pull(DOC, text, {
        baseDocuments: { [DOC]: null },
        baseUnreadable: { [DOC]: 'GitHub serves it as binary' },
      }),
      config,
    );
    expect(unreadable.verdict?.message).toContain("Cannot read the default branch's version");
  });
});
