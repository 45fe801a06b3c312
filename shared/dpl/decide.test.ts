import { describe, it, expect } from '@jest/globals';
import type { DplConfig } from '../config/types.js';
import type { Effect } from '../plan/effects.js';
import { resetTeamToPtl } from '../projects/reset-to-ptl.js';
import { CONFIG, PROJECTS, pull, snapshot } from './decide-fixtures.js';
import { decide, STATUS_MARKER } from './decide.js';
import { commentVote, tallyKeepVotes, type Vote } from './keep-votes.js';
import { NO_PEOPLE, membersInRoles } from './people.js';
import { parseProjectsYaml } from '../projects/projects-file.js';
import type { DplSnapshot } from './snapshot.js';

const FILE = 'reference/projects.yaml';
const comment = (author: string, body: string, createdAt: string) => ({
  author,
  authorIsBot: false,
  body,
  createdAt,
  lastEditedAt: null,
});
const kinds = (effects: Effect[]) => effects.map((e) => `${e.type}${'number' in e ? ` #${e.number}` : ''}`);

describe('keep votes', () => {
  it.each([
    ['-1', 'keep'],
    ['/keep-dpl please', 'keep'],
    ['/KEEP-DPL', 'keep'],
    ['+1', 'reset'],
    ['/reset-dpl', 'reset'],
    ['-10', undefined],
    ['> -1', undefined],
    ['I think -1', undefined],
    // hidden from readers: indented code, a fence, an HTML comment (abuse-hidden-commands-dpl.yml)
    ['    -1', undefined],
    ['\t/keep-dpl', undefined],
    ['```\n-1\n```', undefined],
    ['<!--\n-1\n-->', undefined],
    ['\n\n  -1 indented less than a code block', 'keep'],
    ['\u200B-1', 'keep'],
  ])('the first line %j is %s', (body, kind) => {
    expect(commentVote(body, CONFIG['keep-commands'])).toBe(kind);
  });

  it('counts each liaison once, by their latest vote up to the cut-off', () => {
    const team = parseProjectsYaml(PROJECTS, FILE).teams[1];
    const liaisons = membersInRoles(team, CONFIG['keep-vote-roles'], NO_PEOPLE);
    expect(liaisons.map((l) => [l.login, l.roles])).toEqual([
      ['ann', ['release', 'tact-sig']],
      ['bob', ['security']],
    ]);
    const votes: Vote[] = [
      { login: 'ann', kind: 'keep', at: '2026-11-01T00:00:00Z', via: 'review' },
      { login: 'bob', kind: 'keep', at: '2026-11-02T00:00:00Z', via: 'comment' },
      { login: 'bob', kind: 'reset', at: '2026-11-03T00:00:00Z', via: 'comment' },
      { login: 'eve', kind: 'keep', at: '2026-11-03T00:00:00Z', via: 'comment' },
      { login: 'bob', kind: 'keep', at: '2026-12-02T00:00:00Z', via: 'comment' },
    ];
    const tally = tallyKeepVotes(liaisons, votes, new Date('2026-12-01T00:00:00Z'));
    expect(tally.keeping.map((k) => k.liaison.login)).toEqual(['ann']);
    expect(tally.unanimousKeep).toBe(false);
    expect(tally.ignored.map((v) => v.login)).toEqual(['eve']);
    expect(tally.late.map((v) => v.login)).toEqual(['bob']);
    expect(tallyKeepVotes(liaisons, votes, new Date('2026-11-02T12:00:00Z')).unanimousKeep).toBe(true);
  });
});

describe('decide: a new cycle', () => {
  it('opens one reset per distributed team, in file order, skipping resets that exist in any state', () => {
    const plan = decide(
      snapshot('2026-11-02T09:00:00Z', {
        trigger: { kind: 'open-cycle', cycle: '2027.1', source: 'tag 2027.1' },
        resetPulls: [pull(7, 'dpl-reset/2026.2/alpha', { state: 'CLOSED' })],
      }),
      CONFIG,
    );
    const opens = plan.effects.filter((e) => e.type === 'open-pull');
    expect(opens.map((e) => e.branch)).toEqual(['dpl-reset/2027.1/alpha', 'dpl-reset/2027.1/beta-team']);
    expect(opens[0]).toMatchObject({ labels: ['dpl/reset'], reviewers: ['ann', 'bob'], base: 'main' });
    expect(opens[0].files[FILE]).toBe(
      resetTeamToPtl(PROJECTS, 'alpha', { allowedLiaisons: CONFIG['ptl-allowed-liaisons'] }),
    );

    const again = decide(
      snapshot('2026-11-02T10:00:00Z', {
        trigger: { kind: 'open-cycle', cycle: '2027.1', source: 'tag 2027.1' },
        resetPulls: [
          pull(1, 'dpl-reset/2027.1/alpha', { state: 'CLOSED' }),
          pull(2, 'dpl-reset/2027.1/beta-team', { state: 'MERGED' }),
        ],
      }),
      CONFIG,
    );
    expect(again.effects).toEqual([]);
  });
});

describe('decide: a scheduled run completes the current cycle', () => {
  const current = (extra: Partial<NonNullable<DplSnapshot['currentCycle']>> = {}) => ({
    cycle: '2027.1',
    resetPulls: [],
    distributedAtTag: new Set(['alpha', 'Beta Team']),
    ...extra,
  });
  const opened = (effects: Effect[]) => effects.flatMap((e) => (e.type === 'open-pull' ? [e.branch] : []));

  it('opens the missing resets, none for a team that has one in any state', () => {
    const plan = decide(
      snapshot('2026-11-03T00:00:00Z', {
        currentCycle: current({
          resetPulls: [pull(1, 'dpl-reset/2027.1/alpha', { state: 'CLOSED', labels: [] })],
        }),
      }),
      CONFIG,
    );
    expect(opened(plan.effects)).toEqual(['dpl-reset/2027.1/beta-team']);
    expect(plan.effects[0].why).toMatch(/^tag 2027\.1 \(completed by a scheduled run\)/);
    expect(plan.outputs).toMatchObject({ cycle: '2027.1', opened: '1', teams: '["Beta Team"]' });
  });

  it('does not reset a team that opted in after the cycle tag', () => {
    const plan = decide(
      snapshot('2026-11-03T00:00:00Z', { currentCycle: current({ distributedAtTag: new Set(['alpha']) }) }),
      CONFIG,
    );
    expect(opened(plan.effects)).toEqual(['dpl-reset/2027.1/alpha']);
    expect(plan.notes.join('\n')).toMatch(
      /Beta Team: opted in to distributed leadership after the 2027\.1 tag/,
    );
  });

  it('opens nothing once nominations are open', () => {
    const plan = decide(snapshot('2026-12-01T00:00:00Z', { currentCycle: current() }), CONFIG);
    expect(plan.effects).toEqual([]);
  });

  it('builds on the merges planned in the same run: a team reset by them gets no new reset', () => {
    const config: DplConfig = {
      ...CONFIG,
      cycles: [{ name: '2026.2', 'nominations-open': '2026-06-01T00:00:00Z' }, ...CONFIG.cycles],
    };
    const plan = decide(
      snapshot('2026-11-03T00:00:00Z', {
        resetPulls: [pull(1, 'dpl-reset/2026.2/alpha')],
        currentCycle: current(),
      }),
      config,
    );
    expect(kinds(plan.effects)).toEqual(['comment #1', 'merge-pull #1', 'delete-branch', 'open-pull']);
    const allowed = { allowedLiaisons: CONFIG['ptl-allowed-liaisons'] };
    const open = plan.effects[3] as Extract<Effect, { type: 'open-pull' }>;
    expect(open.branch).toBe('dpl-reset/2027.1/beta-team');
    expect(open.files[FILE]).toBe(
      resetTeamToPtl(resetTeamToPtl(PROJECTS, 'alpha', allowed), 'Beta Team', allowed),
    );
  });
});

describe('decide: votes and outcome', () => {
  const alpha = () => pull(1, 'dpl-reset/2027.1/alpha');
  const beta = () => pull(2, 'dpl-reset/2027.1/beta-team');

  it('closes a reset as kept once every keep-vote liaison stands at -1', () => {
    const p = alpha();
    p.reviews = [
      { author: 'ann', authorIsBot: false, state: 'CHANGES_REQUESTED', submittedAt: '2026-11-03T00:00:00Z' },
    ];
    p.comments = [comment('bob', '-1', '2026-11-04T00:00:00Z')];
    const plan = decide(snapshot('2026-11-04T00:00:01Z', { resetPulls: [p] }), CONFIG);
    expect(kinds(plan.effects)).toEqual([
      'comment #1',
      'comment #1',
      'add-labels #1',
      'update-issue #1',
      'delete-branch',
    ]);
    expect(plan.effects[0]).toMatchObject({ marker: STATUS_MARKER, mode: 'sticky', existing: null });
    expect(plan.effects[2]).toMatchObject({ labels: ['dpl/kept'] });
    expect(plan.outputs.kept).toBe('["alpha"]');
  });

  it('before the deadline without unanimity only updates the status comment', () => {
    const p = alpha();
    p.comments = [comment('bob', '-1', '2026-11-04T00:00:00Z')];
    const plan = decide(snapshot('2026-11-05T00:00:00Z', { resetPulls: [p] }), CONFIG);
    expect(kinds(plan.effects)).toEqual(['comment #1']);
    expect((plan.effects[0] as { body: string }).body).toContain('**1 of 2** liaisons voted -1');
  });

  it('at the deadline merges every reset; the second is regenerated on top of the first', () => {
    const plan = decide(snapshot('2026-12-01T06:00:00Z', { resetPulls: [beta(), alpha()] }), CONFIG);
    expect(kinds(plan.effects)).toEqual([
      'comment #1',
      'merge-pull #1',
      'delete-branch',
      'comment #2',
      'rebuild-pull-branch #2',
      'merge-pull #2',
      'delete-branch',
    ]);
    const allowed = { allowedLiaisons: CONFIG['ptl-allowed-liaisons'] };
    const rebuild = plan.effects[4] as Extract<Effect, { type: 'rebuild-pull-branch' }>;
    expect(rebuild.files[FILE]).toBe(
      resetTeamToPtl(resetTeamToPtl(PROJECTS, 'alpha', allowed), 'Beta Team', allowed),
    );
    expect(plan.effects[1]).toMatchObject({ sha: 'head1' });
  });

  it('regenerates a reset whose base moved since it was opened', () => {
    const plan = decide(
      snapshot('2026-12-01T00:00:00Z', { defaultHead: 'main1', resetPulls: [alpha()] }),
      CONFIG,
    );
    expect(kinds(plan.effects)).toEqual([
      'comment #1',
      'rebuild-pull-branch #1',
      'merge-pull #1',
      'delete-branch',
    ]);
  });

  it('decides a late run as of the deadline: a -1 cast after it does not count, one before it does', () => {
    const p = alpha();
    p.comments = [comment('ann', '-1', '2026-11-30T23:00:00Z'), comment('bob', '-1', '2026-12-01T00:30:00Z')];
    expect(kinds(decide(snapshot('2026-12-01T01:00:00Z', { resetPulls: [p] }), CONFIG).effects)).toContain(
      'merge-pull #1',
    );
    p.comments[1] = comment('bob', '/keep-dpl', '2026-11-30T23:59:00Z');
    expect(decide(snapshot('2026-12-01T01:00:00Z', { resetPulls: [p] }), CONFIG).outputs.kept).toBe(
      '["alpha"]',
    );
  });

  // docs/dpl-reset.md "Votes": only the voter takes a vote back; a dismissal by anyone else does not
  describe('dismissed reviews', () => {
    const dismissed = (by: string | null, previousState = 'CHANGES_REQUESTED') => ({
      id: 'R1',
      author: 'ann',
      authorIsBot: false,
      state: 'DISMISSED',
      submittedAt: '2026-11-03T00:00:00Z',
      dismissal: by === undefined ? null : { by, at: '2026-11-05T00:00:00Z', previousState },
    });
    const withBob = () => [comment('bob', '-1', '2026-11-04T00:00:00Z')];

    it('a change request someone else dismissed still counts as -1', () => {
      const p = alpha();
      p.reviews = [dismissed('tim')];
      p.comments = withBob();
      const plan = decide(snapshot('2026-11-06T00:00:00Z', { resetPulls: [p] }), CONFIG);
      expect(plan.outputs.kept).toBe('["alpha"]');
      expect((plan.effects[0] as { body: string }).body).toMatch(/dismissed by `tim`/);
    });

    it('the reviewer dismissing their own change request takes the -1 back, unless after the deadline', () => {
      const p = alpha();
      p.reviews = [dismissed('ann')];
      p.comments = withBob();
      expect(decide(snapshot('2026-11-06T00:00:00Z', { resetPulls: [p] }), CONFIG).outputs.kept).toBe('[]');
      p.reviews = [
        {
          ...dismissed('ann'),
          dismissal: { by: 'ann', at: '2026-12-01T00:30:00Z', previousState: 'CHANGES_REQUESTED' },
        },
      ];
      expect(decide(snapshot('2026-12-01T01:00:00Z', { resetPulls: [p] }), CONFIG).outputs.kept).toBe(
        '["alpha"]',
      );
    });

    it.each([
      ['no dismissal event', null],
      ['an unreadable actor', { by: null, at: '2026-11-05T00:00:00Z', previousState: 'CHANGES_REQUESTED' }],
    ])('holds the reset when a dismissal has %s (fail closed)', (_what, dismissal) => {
      const p = alpha();
      p.reviews = [{ ...dismissed('tim'), dismissal }];
      p.comments = withBob();
      const plan = decide(snapshot('2026-12-01T01:00:00Z', { resetPulls: [p] }), CONFIG);
      expect(kinds(plan.effects)).toEqual(['comment #1']);
      expect((plan.effects[0] as { body: string }).body).toMatch(/cannot be read[\s\S]*\*\*Result:\*\* held/);
    });
  });

  it('with on-deadline: label labels the reset once and leaves the merge to a human', () => {
    const config: DplConfig = { ...CONFIG, 'on-deadline': 'label' };
    expect(
      kinds(decide(snapshot('2026-12-01T00:00:00Z', { resetPulls: [alpha()] }), config).effects),
    ).toEqual(['comment #1', 'add-labels #1']);
    const labelled = pull(1, 'dpl-reset/2027.1/alpha', { labels: ['dpl/reset', 'dpl/reset-due'] });
    expect(
      kinds(decide(snapshot('2026-12-02T00:00:00Z', { resetPulls: [labelled] }), config).effects),
    ).toEqual(['comment #1']);
  });

  it('leaves alone resets a human took over (label removed) or that the action did not open', () => {
    const plan = decide(
      snapshot('2026-12-01T00:00:00Z', {
        resetPulls: [
          pull(1, 'dpl-reset/2027.1/alpha', { labels: [] }),
          pull(2, 'dpl-reset/2027.1/beta-team', { authorIsBot: false }),
        ],
      }),
      CONFIG,
    );
    expect(plan.effects).toEqual([]);
  });
});
