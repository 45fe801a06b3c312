import { describe, expect, it } from '@jest/globals';
import { readdirSync, readFileSync } from 'node:fs';
import { DEFAULT_CONFIG } from '../../../shared/config/defaults.js';
import type { VepConfig } from '../../../shared/config/types.js';
import type { Effect, Plan } from '../../../shared/plan/effects.js';
import {
  closedAgainAfterBotReopen,
  combinePlans,
  decideLifecycle,
  mayBeClosed,
  mergedStatus,
  reopenMarker,
  type LifecycleIssue,
  type LifecycleItem,
  type LifecycleSnapshot,
} from '../../../shared/vep/lifecycle.js';

const config: VepConfig = structuredClone(DEFAULT_CONFIG.vep);
const DOC = 'veps/sig-network/12-passt-binding/vep.md';
const BOT = { actor: 'github-actions', actorType: 'Bot' };
const doc = (status: string) =>
  `---\nvep-number: 12\nowning-sig: sig-network\nstatus: ${status}\n---\n# VEP-12\n`;

function issue(over: Partial<LifecycleIssue> = {}): LifecycleIssue {
  return {
    number: 12,
    isPull: false,
    state: 'open',
    labels: ['kind/tracker'],
    labelEvents: [],
    stateEvents: [],
    ...over,
  };
}
function item(text: string | null, over: Partial<LifecycleItem> = {}): LifecycleItem {
  return { number: 12, documents: [{ path: DOC, text }], issue: issue(), ...over };
}
function snap(items: LifecycleItem[]): LifecycleSnapshot {
  return { trigger: '#13 merged', defaultBranch: 'main', items, notes: [] };
}
const of = <T extends Effect['type']>(plan: Plan, type: T) =>
  plan.effects.filter((e): e is Extract<Effect, { type: T }> => e.type === type);

describe('mayBeClosed', () => {
  const t = config['front-matter'].transitions;
  it('allows closing once implemented, or once the status can no longer reach implemented', () => {
    expect(['implemented', 'rejected', 'withdrawn', 'replaced'].map((s) => mayBeClosed(s, t))).toEqual([
      true,
      true,
      true,
      true,
    ]);
  });
  it('keeps provisional, implementable and deferred open (deferred can come back)', () => {
    expect(['provisional', 'implementable', 'deferred'].map((s) => mayBeClosed(s, t))).toEqual([
      false,
      false,
      false,
    ]);
  });
});

describe('closedAgainAfterBotReopen', () => {
  const T = '2026-04-01T09:00:00Z';
  it('goes by timeline order, not timestamps (a reopening shares its second with the close)', () => {
    const close = { action: 'closed' as const, actor: 'alice', at: T };
    const reopen = { action: 'reopened' as const, at: T, ...BOT };
    expect(closedAgainAfterBotReopen([close, reopen])).toBeNull();
    expect(closedAgainAfterBotReopen([close, reopen, close])).toBe(close);
    expect(closedAgainAfterBotReopen([close, reopen, { ...close, ...BOT }])).toBeNull();
    expect(
      closedAgainAfterBotReopen([close, { ...reopen, actor: 'bob', actorType: 'User' }, close]),
    ).toBeNull();
  });
});

describe('mergedStatus', () => {
  it('reads the status, says when there is none, and never guesses from broken front matter', () => {
    expect(mergedStatus([{ path: DOC, text: doc('provisional') }])).toEqual({
      status: 'provisional',
      path: DOC,
    });
    expect(mergedStatus([{ path: DOC, text: '# no front matter\n' }])).toHaveProperty('none');
    expect(mergedStatus([{ path: DOC, text: null }])).toHaveProperty('none');
    expect(mergedStatus([{ path: DOC, text: '---\nstatus: [x\n---\n' }])).toHaveProperty('invalid');
    expect(mergedStatus([{ path: DOC, text: doc('approved') }])).toHaveProperty('invalid');
  });
  it('refuses two documents with one number and different statuses', () => {
    const two = [
      { path: DOC, text: doc('provisional') },
      { path: 'veps/sig-compute/12-x/vep.md', text: doc('deferred') },
    ];
    expect(mergedStatus(two)).toHaveProperty('invalid');
  });
});

describe('decideLifecycle', () => {
  it('adds the merged status label and nothing else when the issue is open', () => {
    const plan = decideLifecycle(snap([item(doc('provisional'))]), config);
    expect(plan.effects).toEqual([
      expect.objectContaining({ type: 'add-labels', number: 12, labels: ['vep/provisional'] }),
    ]);
    expect(plan.verdict?.failed).toBe(false);
    expect(plan.labelCatalog?.['vep/provisional']).toBeDefined();
  });

  it('keeps one status label: swaps its own, removes a person-added one and says so; other vep/ labels stay', () => {
    const labels = ['kind/tracker', 'vep/provisional', 'vep/deferred', 'vep/needs-review'];
    const labelEvents = [
      { label: 'vep/provisional', action: 'labeled' as const, at: '2026-01-01T00:00:00Z', ...BOT },
      { label: 'vep/deferred', action: 'labeled' as const, actor: 'alice', at: '2026-01-02T00:00:00Z' },
    ];
    const plan = decideLifecycle(
      snap([item(doc('implementable'), { issue: issue({ labels, labelEvents }) })]),
      config,
    );
    expect(of(plan, 'add-labels')[0].labels).toEqual(['vep/implementable']);
    const remove = of(plan, 'remove-labels')[0];
    expect(remove.labels).toEqual(['vep/provisional', 'vep/deferred']);
    expect(remove.why).toContain('vep/deferred added by a person');
  });

  it('writes nothing when the label is already right (idempotent)', () => {
    const plan = decideLifecycle(
      snap([item(doc('provisional'), { issue: issue({ labels: ['kind/tracker', 'vep/provisional'] }) })]),
      config,
    );
    expect(plan.effects).toEqual([]);
  });

  it('reopens a tracking issue closed before implemented, comment first, keyed by the close event', () => {
    const closed = issue({
      state: 'closed',
      labels: ['kind/tracker', 'vep/provisional'],
      stateEvents: [{ action: 'closed', actor: 'bob', at: '2026-04-01T09:00:00Z' }],
    });
    const plan = decideLifecycle(snap([item(doc('provisional'), { issue: closed })]), config);
    expect(plan.effects.map((e) => e.type)).toEqual(['comment', 'update-issue']);
    const comment = of(plan, 'comment')[0];
    expect(comment.marker).toBe(reopenMarker('2026-04-01T09:00:00Z'));
    expect(comment.mode).toBe('once');
    expect(comment.body).toContain('remain open until the feature either reaches GA or is dropped');
    expect(comment.body).toContain('`status: implemented`');
    expect(comment.body).not.toContain('@');
    expect(of(plan, 'update-issue')[0]).toMatchObject({ number: 12, state: 'open' });
  });

  it('leaves it closed when a maintainer closed it again after a bot reopened it, but not a writer', () => {
    const events = [
      { action: 'closed' as const, actor: 'bob', at: '2026-04-01T09:00:00Z' },
      { action: 'reopened' as const, at: '2026-04-01T09:00:05Z', ...BOT },
      { action: 'closed' as const, actor: 'alice', at: '2026-04-02T09:00:00Z' },
    ];
    const closed = (perm: 'admin' | 'write') =>
      issue({
        state: 'closed',
        labels: ['kind/tracker', 'vep/provisional'],
        stateEvents: events,
        closerPermission: perm,
      });
    const left = decideLifecycle(snap([item(doc('provisional'), { issue: closed('admin') })]), config);
    expect(left.effects).toEqual([]);
    expect(left.notes.join('\n')).toMatch(/maintainer's decision, left closed/);
    const again = decideLifecycle(snap([item(doc('provisional'), { issue: closed('write') })]), config);
    expect(of(again, 'update-issue')).toHaveLength(1);
    expect(of(again, 'comment')[0].marker).toBe(reopenMarker('2026-04-02T09:00:00Z'));
  });

  it('lets implemented and dropped proposals close', () => {
    for (const status of ['implemented', 'rejected', 'withdrawn', 'replaced']) {
      const closed = issue({ state: 'closed', labels: ['kind/tracker', `vep/${status}`] });
      expect(decideLifecycle(snap([item(doc(status), { issue: closed })]), config).effects).toEqual([]);
    }
  });

  it('does nothing without front matter, with broken front matter, or without a tracking issue', () => {
    const cases = [
      item('# VEP-12\n'),
      item('---\nstatus: [x\n---\n'),
      item(doc('provisional'), { issue: null }),
      item(doc('provisional'), { issue: issue({ labels: [] }) }),
      item(doc('provisional'), { issue: issue({ isPull: true }) }),
    ];
    for (const c of cases) {
      const plan = decideLifecycle(snap([c]), config);
      expect(plan.effects).toEqual([]);
      expect(plan.verdict?.failed).toBe(false);
    }
    expect(decideLifecycle(snap([item('---\nstatus: [x\n---\n')]), config).notes.join('\n')).toMatch(
      /does not parse .*: no label change/,
    );
  });

  it('fails an unreadable item, naming it, and still syncs the others', () => {
    const plan = decideLifecycle(
      snap([
        item(doc('provisional'), { unreadable: 'tracking issue #12: HTTP 502' }),
        { ...item(doc('deferred')), number: 15, issue: issue({ number: 15 }) },
      ]),
      config,
    );
    expect(plan.verdict).toMatchObject({ failed: true });
    expect(plan.verdict?.message).toContain('#12 (tracking issue #12: HTTP 502)');
    expect(of(plan, 'add-labels')).toEqual([
      expect.objectContaining({ number: 15, labels: ['vep/deferred'] }),
    ]);
  });

  it('is off with sync-status: false, and refuses a template that makes labels over 50 characters', () => {
    const off = structuredClone(config);
    off['tracking-issue']['sync-status'] = false;
    expect(decideLifecycle(snap([item(doc('provisional'))]), off).effects).toEqual([]);
    const long = structuredClone(config);
    long['tracking-issue']['status-label'] = `${'x'.repeat(40)}/{status}`;
    const plan = decideLifecycle(snap([item(doc('provisional'))]), long);
    expect(plan.effects).toEqual([]);
    expect(plan.verdict?.failed).toBe(true);
    expect(plan.verdict?.message).toContain('vep.tracking-issue.status-label');
  });
});

describe('combinePlans', () => {
  it('keeps both plans and fails if either fails', () => {
    const a = decideLifecycle(snap([item(doc('provisional'))]), config);
    const b = decideLifecycle(snap([item(doc('provisional'), { unreadable: 'x' })]), config);
    const both = combinePlans(a, b);
    expect(both.effects).toHaveLength(1);
    expect(both.verdict?.failed).toBe(true);
  });
});

describe('on the 64 real kubevirt/enhancements proposals (test/fixtures, default configuration)', () => {
  const root = 'test/fixtures/kubevirt-enhancements/veps';
  const docs = readdirSync(root, { withFileTypes: true })
    .filter((d) => d.isDirectory() && d.name !== 'NNNN-vep-template')
    .flatMap((sig) =>
      readdirSync(`${root}/${sig.name}`, { withFileTypes: true })
        .filter((d) => d.isDirectory())
        .map((d) => `${root}/${sig.name}/${d.name}/vep.md`),
    );
  it('syncs one tracking issue (#307, deferred, kept open) and leaves the 63 without front matter alone', () => {
    expect(docs).toHaveLength(64);
    const read = docs.map((path) => ({
      path,
      read: mergedStatus([{ path, text: readFileSync(path, 'utf8') }]),
    }));
    const withStatus = read.filter((r) => 'status' in r.read);
    expect(withStatus.map((r) => [r.path.split('/').at(-2), (r.read as { status: string }).status])).toEqual([
      ['307-vhostuser-binding-plugin', 'deferred'],
    ]);
    expect(read.filter((r) => 'none' in r.read)).toHaveLength(63);
    expect(mayBeClosed('deferred', config['front-matter'].transitions)).toBe(false);
  });
});
