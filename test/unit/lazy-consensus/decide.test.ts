import { describe, expect, it } from '@jest/globals';
import { DEFAULT_CONFIG } from '../../../shared/config/defaults.js';
import type { GovernanceConfig, LazyConsensusConfig } from '../../../shared/config/types.js';
import { decide, decideItem, outcomeMarker, statusMarker } from '../../../shared/lazy-consensus/decide.js';
import type { Authority, ItemComment, ItemSnapshot } from '../../../shared/lazy-consensus/snapshot.js';
import { escapeUserText, renderStatusComment } from '../../../shared/lazy-consensus/status-comment.js';

const WRITERS = new Set(['alice', 'bob']);
const authority: Authority = { mayStart: (l) => WRITERS.has(l), mayObject: () => true };

function config(
  lc: Partial<LazyConsensusConfig> = {},
  calendar: Partial<GovernanceConfig['calendar']> = {},
): GovernanceConfig {
  const base = structuredClone(DEFAULT_CONFIG) as GovernanceConfig;
  return {
    ...base,
    calendar: { ...base.calendar, ...calendar },
    'lazy-consensus': { ...base['lazy-consensus'], ...lc },
  };
}

const user = (login: string) => ({ login, isBot: login.endsWith('[bot]') });
let commentId = 1;
const comment = (by: string, body: string, at: string, editedAt: string | null = null): ItemComment => ({
  id: commentId++,
  author: user(by),
  body,
  createdAt: at,
  editedAt,
  url: `https://github.com/acme/community/issues/1#issuecomment-${commentId}`,
});

function item(over: Partial<ItemSnapshot> = {}): ItemSnapshot {
  return {
    number: 1,
    isPull: false,
    title: 'Move the summit',
    url: 'https://github.com/acme/community/issues/1',
    state: 'open',
    merged: false,
    labels: ['lazy-consensus'],
    headSha: null,
    labelEvents: [{ label: 'lazy-consensus', added: true, actor: user('alice'), at: '2026-03-02T10:00:00Z' }],
    stateEvents: [],
    pushes: [],
    comments: [],
    reviews: [],
    statusComment: null,
    outcomeComment: null,
    ...over,
  };
}

const lowRisk = { label: 'risk/low', added: true, actor: user('alice'), at: '2026-03-02T09:00:00Z' };
const labelledAt = (at: string, by = 'alice') => ({
  label: 'lazy-consensus',
  added: true,
  actor: user(by),
  at,
});

describe('lazy consensus replay: the state from timestamps', () => {
  const cases: {
    name: string;
    snap: Partial<ItemSnapshot>;
    now: string;
    cfg?: Partial<LazyConsensusConfig>;
    cal?: Partial<GovernanceConfig['calendar']>;
    phase: string;
    deadline?: string;
    acceptedAt?: string;
  }[] = [
    {
      name: 'low risk label: 72h notice',
      snap: { labelEvents: [lowRisk, labelledAt('2026-03-02T10:00:00Z')] },
      now: '2026-03-04T10:00:00Z',
      phase: 'pending',
      deadline: '2026-03-05T10:00:00.000Z',
    },
    {
      name: 'a cron run hours late accepts as of the deadline',
      snap: { labelEvents: [lowRisk, labelledAt('2026-03-02T10:00:00Z')] },
      now: '2026-03-07T23:00:00Z',
      phase: 'accepted',
      acceptedAt: '2026-03-05T10:00:00.000Z',
    },
    {
      name: 'default medium: 5 business days across a weekend (Thu -> next Thu)',
      snap: { labelEvents: [labelledAt('2026-03-05T10:00:00Z')] },
      now: '2026-03-06T00:00:00Z',
      phase: 'pending',
      deadline: '2026-03-12T10:00:00.000Z',
    },
    {
      name: 'a holiday is skipped',
      snap: { labelEvents: [labelledAt('2026-03-05T10:00:00Z')] },
      cal: { holidays: ['2026-03-09'] },
      now: '2026-03-06T00:00:00Z',
      phase: 'pending',
      deadline: '2026-03-13T10:00:00.000Z',
    },
    {
      name: 'the label added by someone below who-can-start starts nothing',
      snap: { labelEvents: [labelledAt('2026-03-02T10:00:00Z', 'carol')] },
      now: '2026-03-20T00:00:00Z',
      phase: 'idle',
    },
    {
      name: 'the label added by a bot (a token whose events start no workflow) starts it',
      snap: { labelEvents: [lowRisk, labelledAt('2026-03-02T10:00:00Z', 'github-actions[bot]')] },
      now: '2026-03-03T00:00:00Z',
      phase: 'pending',
    },
    {
      name: 'a start command sets the tier from its argument',
      snap: {
        labels: [],
        labelEvents: [lowRisk],
        comments: [comment('bob', '/lazy-consensus high', '2026-03-02T10:00:00Z')],
      },
      now: '2026-03-03T00:00:00Z',
      phase: 'pending',
      deadline: '2026-03-16T10:00:00.000Z',
    },
    {
      name: 'a quoted start command does nothing',
      snap: {
        labels: [],
        labelEvents: [],
        comments: [comment('bob', '> /lazy-consensus high', '2026-03-02T10:00:00Z')],
      },
      now: '2026-03-03T00:00:00Z',
      phase: 'idle',
    },
    {
      name: 'an objection before the deadline holds it',
      snap: {
        labelEvents: [lowRisk, labelledAt('2026-03-02T10:00:00Z')],
        comments: [comment('carol', '/object too soon', '2026-03-03T10:00:00Z')],
      },
      now: '2026-03-10T00:00:00Z',
      phase: 'objected',
    },
    {
      name: 'an objection at or after the deadline does not count',
      snap: {
        labelEvents: [lowRisk, labelledAt('2026-03-02T10:00:00Z')],
        comments: [comment('carol', '/object late', '2026-03-05T10:00:00Z')],
      },
      now: '2026-03-10T00:00:00Z',
      phase: 'accepted',
      acceptedAt: '2026-03-05T10:00:00.000Z',
    },
    {
      name: 'an objection inside a code block does not count',
      snap: {
        labelEvents: [lowRisk, labelledAt('2026-03-02T10:00:00Z')],
        comments: [comment('carol', '```\n/object\n```', '2026-03-03T10:00:00Z')],
      },
      now: '2026-03-10T00:00:00Z',
      phase: 'accepted',
    },
    {
      name: 'a bot cannot object',
      snap: {
        labelEvents: [lowRisk, labelledAt('2026-03-02T10:00:00Z')],
        comments: [comment('ci[bot]', '/object', '2026-03-03T10:00:00Z')],
      },
      now: '2026-03-10T00:00:00Z',
      phase: 'accepted',
    },
    {
      name: 'an objection counts from when its author first wrote it (a typo fixed after the deadline)',
      snap: {
        labelEvents: [lowRisk, labelledAt('2026-03-02T10:00:00Z')],
        comments: [
          {
            ...comment('carol', '/object tpyo', '2026-03-03T10:00:00Z', '2026-03-06T10:00:00Z'),
            body: '/object typo',
            edits: [
              { editor: 'carol', editedAt: '2026-03-06T10:00:00Z', body: '/object typo' },
              { editor: 'carol', editedAt: '2026-03-03T10:00:00Z', body: '/object tpyo' },
            ],
          },
        ],
      },
      now: '2026-03-10T00:00:00Z',
      phase: 'objected',
    },
    {
      name: 'an objection its author added by an edit after the deadline is too late',
      snap: {
        labelEvents: [lowRisk, labelledAt('2026-03-02T10:00:00Z')],
        comments: [
          {
            ...comment('carol', 'looks fine', '2026-03-03T10:00:00Z', '2026-03-06T10:00:00Z'),
            body: '/object',
            edits: [
              { editor: 'carol', editedAt: '2026-03-06T10:00:00Z', body: '/object' },
              { editor: 'carol', editedAt: '2026-03-03T10:00:00Z', body: 'looks fine' },
            ],
          },
        ],
      },
      now: '2026-03-10T00:00:00Z',
      phase: 'accepted',
    },
    {
      name: 'a withdrawal by someone else does not lift the objection',
      snap: {
        labelEvents: [lowRisk, labelledAt('2026-03-02T10:00:00Z')],
        comments: [
          comment('carol', '/object', '2026-03-03T10:00:00Z'),
          comment('bob', '/withdraw', '2026-03-03T11:00:00Z'),
        ],
      },
      now: '2026-03-10T00:00:00Z',
      phase: 'objected',
    },
    {
      name: 'withdrawal with on-withdraw restart: a fresh full notice from the withdrawal',
      snap: {
        labelEvents: [lowRisk, labelledAt('2026-03-02T10:00:00Z')],
        comments: [
          comment('carol', '/object', '2026-03-03T10:00:00Z'),
          comment('carol', '/withdraw', '2026-03-04T12:00:00Z'),
        ],
      },
      now: '2026-03-05T12:00:00Z',
      phase: 'pending',
      deadline: '2026-03-07T12:00:00.000Z',
    },
    {
      name: 'withdrawal with on-withdraw resume: the old deadline',
      cfg: { 'on-withdraw': 'resume' },
      snap: {
        labelEvents: [lowRisk, labelledAt('2026-03-02T10:00:00Z')],
        comments: [
          comment('carol', '/object', '2026-03-03T10:00:00Z'),
          comment('carol', '/withdraw', '2026-03-04T12:00:00Z'),
        ],
      },
      now: '2026-03-05T12:00:00Z',
      phase: 'accepted',
      acceptedAt: '2026-03-05T10:00:00.000Z',
    },
    {
      name: 'resume after the old deadline passed: accepted at the withdrawal',
      cfg: { 'on-withdraw': 'resume' },
      snap: {
        labelEvents: [lowRisk, labelledAt('2026-03-02T10:00:00Z')],
        comments: [
          comment('carol', '/object', '2026-03-03T10:00:00Z'),
          comment('carol', '/withdraw', '2026-03-08T09:00:00Z'),
        ],
      },
      now: '2026-03-09T00:00:00Z',
      phase: 'accepted',
      acceptedAt: '2026-03-08T09:00:00Z',
    },
    {
      name: 'removing the trigger label cancels',
      snap: {
        labelEvents: [
          lowRisk,
          labelledAt('2026-03-02T10:00:00Z'),
          { label: 'lazy-consensus', added: false, actor: user('alice'), at: '2026-03-03T10:00:00Z' },
        ],
      },
      now: '2026-03-10T00:00:00Z',
      phase: 'cancelled',
    },
    {
      name: 'closing cancels; reopening with the label starts afresh',
      snap: {
        labelEvents: [lowRisk, labelledAt('2026-03-02T10:00:00Z')],
        stateEvents: [
          { kind: 'closed', at: '2026-03-03T10:00:00Z' },
          { kind: 'reopened', at: '2026-03-04T10:00:00Z' },
        ],
      },
      now: '2026-03-05T12:00:00Z',
      phase: 'pending',
      deadline: '2026-03-07T10:00:00.000Z',
    },
    {
      name: 'a push restarts the notice period',
      snap: {
        isPull: true,
        headSha: 'b'.repeat(40),
        labelEvents: [lowRisk, labelledAt('2026-03-02T10:00:00Z')],
        pushes: [{ sha: 'b'.repeat(40), at: '2026-03-04T10:00:00Z' }],
      },
      now: '2026-03-05T12:00:00Z',
      phase: 'pending',
      deadline: '2026-03-07T10:00:00.000Z',
    },
    {
      name: 'restart-on-push false: a push changes nothing',
      cfg: { 'restart-on-push': false },
      snap: {
        isPull: true,
        headSha: 'b'.repeat(40),
        labelEvents: [lowRisk, labelledAt('2026-03-02T10:00:00Z')],
        pushes: [{ sha: 'b'.repeat(40), at: '2026-03-04T10:00:00Z' }],
      },
      now: '2026-03-05T12:00:00Z',
      phase: 'accepted',
    },
    {
      name: 'a change request objects; the same reviewer approving withdraws it',
      snap: {
        isPull: true,
        headSha: 'a'.repeat(40),
        labelEvents: [lowRisk, labelledAt('2026-03-02T10:00:00Z')],
        reviews: [
          {
            id: 7,
            author: user('carol'),
            state: 'CHANGES_REQUESTED',
            body: 'no',
            at: '2026-03-03T10:00:00Z',
            url: 'u',
            dismissedAt: null,
            stateBeforeDismissal: null,
          },
          {
            id: 8,
            author: user('carol'),
            state: 'APPROVED',
            body: '',
            at: '2026-03-03T12:00:00Z',
            url: 'u',
            dismissedAt: null,
            stateBeforeDismissal: null,
          },
        ],
      },
      now: '2026-03-05T12:00:00Z',
      phase: 'pending',
      deadline: '2026-03-06T12:00:00.000Z',
    },
    {
      name: 'count-change-requests false: a change request is no objection',
      cfg: { 'count-change-requests': false },
      snap: {
        isPull: true,
        headSha: 'a'.repeat(40),
        pushes: [{ sha: 'a'.repeat(40), at: '2026-03-01T10:00:00Z' }],
        labelEvents: [lowRisk, labelledAt('2026-03-02T10:00:00Z')],
        reviews: [
          {
            id: 7,
            author: user('carol'),
            state: 'CHANGES_REQUESTED',
            body: 'no',
            at: '2026-03-03T10:00:00Z',
            url: 'u',
            dismissedAt: null,
            stateBeforeDismissal: null,
          },
        ],
      },
      now: '2026-03-05T12:00:00Z',
      phase: 'accepted',
    },
  ];

  it.each(cases)('$name', ({ snap, now, cfg, cal, phase, deadline, acceptedAt }) => {
    const d = decideItem(item(snap), config(cfg, cal), new Date(now), authority);
    expect(d.state.phase).toBe(phase);
    if (deadline) expect(d.state.deadline).toBe(deadline);
    if (acceptedAt)
      expect(new Date(d.state.acceptedAt!).toISOString()).toBe(new Date(acceptedAt).toISOString());
  });

  it('who-can-object limits objections to the people allowed', () => {
    const strict: Authority = { mayStart: (l) => WRITERS.has(l), mayObject: (l) => WRITERS.has(l) };
    const snap = item({
      labelEvents: [lowRisk, labelledAt('2026-03-02T10:00:00Z')],
      comments: [comment('carol', '/object', '2026-03-03T10:00:00Z')],
    });
    expect(decideItem(snap, config(), new Date('2026-03-10T00:00:00Z'), strict).state.phase).toBe('accepted');
  });
});

describe('lazy consensus plan: only what changes', () => {
  const now = new Date('2026-03-02T10:00:00Z');
  const snap = item({
    labelEvents: [lowRisk, labelledAt('2026-03-02T10:00:00Z')],
    labels: ['lazy-consensus', 'risk/low'],
  });

  it('a new pending item gets the pending label and one status comment naming the deadline', () => {
    const plan = decide([snap], config(), now, authority);
    expect(plan.effects.map((e) => e.type)).toEqual(['add-labels', 'comment']);
    const c = plan.effects[1] as Extract<(typeof plan.effects)[number], { type: 'comment' }>;
    expect(c.mode).toBe('sticky');
    expect(c.body).toContain('2026-03-05 10:00 UTC');
    expect(plan.outputs).toMatchObject({
      state: 'pending',
      accepted: 'false',
      deadline: '2026-03-05T10:00:00.000Z',
    });
  });

  it('an item already showing its state plans nothing (idempotent sweeps)', () => {
    const first = decide([snap], config(), now, authority);
    const c = first.effects[1] as Extract<(typeof first.effects)[number], { type: 'comment' }>;
    const shown = item({
      ...snap,
      labels: ['lazy-consensus', 'risk/low', 'lazy-consensus/pending'],
      statusComment: { id: 5, body: `${statusMarker(1)}\n${c.body}` },
    });
    expect(decide([shown], config(), new Date('2026-03-04T10:00:00Z'), authority).effects).toEqual([]);
  });

  it('acceptance swaps labels, edits the status, posts the outcome once', () => {
    const shown = item({
      ...snap,
      labels: ['lazy-consensus', 'lazy-consensus/pending'],
      statusComment: { id: 5, body: 'old' },
    });
    const plan = decide([shown], config(), new Date('2026-03-06T00:00:00Z'), authority);
    expect(plan.effects.map((e) => `${e.type}${e.type === 'comment' ? `:${e.mode}` : ''}`)).toEqual([
      'add-labels',
      'remove-labels',
      'comment:sticky',
      'comment:once',
    ]);
    const again = item({
      ...shown,
      labels: ['lazy-consensus', 'lazy-consensus/accepted'],
      statusComment: { id: 5, body: `${statusMarker(1)}\n${(plan.effects[2] as { body: string }).body}` },
      outcomeComment: { id: 6, body: outcomeMarker(1) },
    });
    expect(decide([again], config(), new Date('2026-03-07T00:00:00Z'), authority).effects).toEqual([]);
  });

  it('a pull request gets a check on its head commit; on-accept merge merges that commit', () => {
    const pr = item({
      ...snap,
      isPull: true,
      headSha: 'c'.repeat(40),
      pushes: [{ sha: 'c'.repeat(40), at: '2026-03-01T10:00:00Z' }],
    });
    const plan = decide(
      [pr],
      config({ 'on-accept': { 'close-issue': false, merge: true, 'merge-method': 'squash' } }),
      new Date('2026-03-06T00:00:00Z'),
      authority,
    );
    expect(plan.effects.find((e) => e.type === 'check-run')).toMatchObject({
      headSha: 'c'.repeat(40),
      status: 'completed',
      conclusion: 'success',
    });
    expect(plan.effects.at(-1)).toMatchObject({ type: 'merge-pull', method: 'squash', sha: 'c'.repeat(40) });
  });

  it('a process cancelled before it was announced leaves no trace', () => {
    const gone = item({
      labels: [],
      labelEvents: [
        labelledAt('2026-03-02T10:00:00Z'),
        { label: 'lazy-consensus', added: false, actor: user('alice'), at: '2026-03-02T11:00:00Z' },
      ],
    });
    expect(decide([gone], config(), new Date('2026-03-02T12:00:00Z'), authority).effects).toEqual([]);
  });
});

describe('escaping user text in comments', () => {
  it('neutralises mentions, links and table breaks', () => {
    const out = escapeUserText('ping @acme/steering | see [x](https://evil) <img>\nnext');
    expect(out).not.toMatch(/@[a-z]/);
    expect(out).not.toMatch(/(^|[^\\])\|/);
    expect(out).not.toContain('\n');
    expect(out).not.toContain('https://');
    expect(out).toContain('\\[x\\]');
  });

  it('the objection table holds escaped reasons', () => {
    const state = {
      phase: 'objected' as const,
      tier: 'low' as const,
      noticeStart: '2026-03-02T10:00:00Z',
      deadline: '2026-03-05T10:00:00Z',
      startedBy: 'alice',
      openObjections: [
        {
          key: 'k',
          by: 'carol',
          at: '2026-03-03T10:00:00Z',
          url: 'https://x/1',
          reason: 'no | @bob',
          via: 'comment' as const,
        },
      ],
      acceptedAt: null,
      cancelledAt: null,
      cancelReason: null,
      head: null,
      acceptedHead: null,
    };
    const body = renderStatusComment({
      state,
      config: config()['lazy-consensus'],
      calendar: { timezone: 'Europe/Berlin', holidays: [] },
      isPull: false,
      headSha: null,
    });
    expect(body).toContain('no \\| @\u200Dbob');
    expect(body).toContain('2026-03-05 10:00 UTC (2026-03-05 11:00 Europe/Berlin)');
  });
});
