import { describe, expect, it } from '@jest/globals';
import { DEFAULT_CONFIG } from '../../../shared/config/defaults.js';
import type { GovernanceConfig, LazyConsensusConfig } from '../../../shared/config/types.js';
import { decide, decideItem } from '../../../shared/lazy-consensus/decide.js';
import { pushesWithHead } from '../../../shared/lazy-consensus/push-times.js';
import type { Authority, ItemSnapshot } from '../../../shared/lazy-consensus/snapshot.js';

const authority: Authority = { mayStart: (l) => l === 'alice', mayObject: () => true };
const A = 'a'.repeat(40);
const B = 'b'.repeat(40);

function config(lc: Partial<LazyConsensusConfig> = {}): GovernanceConfig {
  const base = structuredClone(DEFAULT_CONFIG) as GovernanceConfig;
  return { ...base, 'lazy-consensus': { ...base['lazy-consensus'], 'default-risk': 'low', ...lc } };
}
const merging = config({ 'on-accept': { 'close-issue': false, merge: true, 'merge-method': 'squash' } });

// labelled 2026-03-02 10:00, low risk by default: deadline 2026-03-05 10:00
function pull(over: Partial<ItemSnapshot> = {}): ItemSnapshot {
  return {
    number: 7,
    isPull: true,
    title: 'Change',
    url: 'https://github.com/acme/x/pull/7',
    state: 'open',
    merged: false,
    labels: ['lazy-consensus'],
    headSha: A,
    labelEvents: [
      {
        label: 'lazy-consensus',
        added: true,
        actor: { login: 'alice', isBot: false },
        at: '2026-03-02T10:00:00Z',
      },
    ],
    stateEvents: [],
    pushes: [{ sha: A, at: '2026-03-01T10:00:00Z' }],
    comments: [],
    reviews: [],
    statusComment: null,
    outcomeComment: null,
    ...over,
  };
}
const now = new Date('2026-03-06T00:00:00Z');
const afterDeadline = [
  { sha: A, at: '2026-03-01T10:00:00Z' },
  { sha: B, at: '2026-03-05T11:00:00Z' },
];

describe('the accepted head', () => {
  it('merges the head as of the deadline, by its sha', () => {
    const plan = decide([pull()], merging, now, authority);
    expect(plan.effects.find((e) => e.type === 'merge-pull')).toMatchObject({ sha: A });
  });

  it('a head pushed after the deadline is not merged, and its check fails saying why', () => {
    const d = decideItem(pull({ headSha: B, pushes: afterDeadline }), merging, now, authority);
    expect(d.state).toMatchObject({ phase: 'cancelled', cancelReason: 'pushed', acceptedHead: A });
    expect(d.effects.some((e) => e.type === 'merge-pull')).toBe(false);
    const check = d.effects.find((e) => e.type === 'check-run');
    expect(check).toMatchObject({ headSha: B, conclusion: 'failure' });
    const status = d.effects.find((e) => e.type === 'comment') as { body: string } | undefined;
    expect(status?.body).toMatch(/pushed after acceptance/);
    expect(status?.body).toMatch(/start again/);
  });

  it('a push exactly at the deadline is after it', () => {
    const pushes = [afterDeadline[0]!, { sha: B, at: '2026-03-05T10:00:00Z' }];
    expect(decideItem(pull({ headSha: B, pushes }), merging, now, authority).state.phase).toBe('cancelled');
  });

  it('a head whose arrival is not known is never shown accepted', () => {
    const d = decideItem(pull({ headSha: B }), merging, now, authority);
    expect(d.state.phase).toBe('cancelled');
    expect(d.effects.some((e) => e.type === 'merge-pull')).toBe(false);
  });

  it('re-adding the trigger label after a late push starts a fresh notice period', () => {
    const labelEvents = [
      ...pull().labelEvents,
      {
        label: 'lazy-consensus',
        added: false,
        actor: { login: 'alice', isBot: false },
        at: '2026-03-06T09:00:00Z',
      },
      {
        label: 'lazy-consensus',
        added: true,
        actor: { login: 'alice', isBot: false },
        at: '2026-03-06T10:00:00Z',
      },
    ];
    const d = decideItem(
      pull({ headSha: B, pushes: afterDeadline, labelEvents }),
      merging,
      new Date('2026-03-07T00:00:00Z'),
      authority,
    );
    expect(d.state).toMatchObject({ phase: 'pending', deadline: '2026-03-09T10:00:00.000Z' });
  });

  it('an item whose pushes cannot be timed is not decided, and the run fails naming it', () => {
    const plan = decide(
      [pull({ pushesUnreadable: 'when its pushes arrived: HTTP 403' })],
      merging,
      now,
      authority,
    );
    expect(plan.effects).toEqual([]);
    expect(plan.verdict).toMatchObject({ failed: true });
    expect(plan.verdict?.message).toMatch(/#7 when its pushes arrived: HTTP 403/);
  });
});

describe('pushesWithHead', () => {
  it('orders pushes by receipt and requires the current head among them', () => {
    const log = [{ sha: B, at: '2026-03-05T11:00:00Z' }];
    const timeline = [{ sha: A, at: '2026-03-01T10:00:00Z' }];
    expect(pushesWithHead(timeline, log, B).map((p) => p.sha)).toEqual([A, B]);
    expect(() => pushesWithHead(timeline, [], B)).toThrow(
      /does not say when the head commit bbbbbbb arrived/,
    );
  });
});
