/**
 * Crash convergence in dpl-reset's decisions: what a killed run leaves (an unlabelled reset, a
 * settled reset's branch) is finished by the next run, and nothing else is repeated.
 */
import { describe, it, expect } from '@jest/globals';
import { DEFAULT_CONFIG } from '../config/defaults.js';
import type { DplConfig } from '../config/types.js';
import type { Effect } from '../plan/effects.js';
import { decide } from './decide.js';
import { NO_PEOPLE } from './people.js';
import type { DplSnapshot, ResetPull } from './snapshot.js';

const CONFIG: DplConfig = {
  ...DEFAULT_CONFIG.dpl,
  cycles: [{ name: '2027.1', 'nominations-open': '2026-12-01T00:00:00Z' }],
};
const person = (name: string, login: string) =>
  `      - {name: '${name}', irc: null, email: '${login}@example.org', github: ${login}}`;
const PROJECTS = [
  'ptl-team:',
  '  leadership_type: ptl',
  '  ptl: {name: P, irc: null, email: p@example.org}',
  'alpha:',
  '  leadership_type: distributed',
  '  liaisons:',
  '    release:',
  person('Ann', 'ann'),
  '    tact-sig:',
  person('Ann', 'ann'),
  '    security:',
  person('Bob', 'bob'),
  '    tc-liaison:',
  person('Tim', 'tim'),
  'Beta Team:',
  '  leadership_type: distributed',
  '  liaisons:',
  '    release:',
  person('Cy', 'cy'),
  '    tact-sig:',
  person('Di', 'di'),
  '    security:',
  person('Ed', 'ed'),
  '    tc-liaison:',
  person('Tim', 'tim'),
  '',
].join('\n');

function pull(number: number, branch: string, extra: Partial<ResetPull> = {}): ResetPull {
  return {
    number,
    state: 'OPEN',
    branch,
    headSha: `head${number}`,
    headParent: 'main0',
    author: 'github-actions',
    authorIsBot: true,
    labels: ['dpl/reset'],
    reviews: [],
    comments: [],
    statusComment: null,
    ...extra,
  };
}

function snapshot(now: string, extra: Partial<DplSnapshot>): DplSnapshot {
  return {
    trigger: { kind: 'evaluate', source: 'a scheduled run' },
    now: new Date(now),
    defaultBranch: 'main',
    defaultHead: 'main0',
    projectsText: PROJECTS,
    people: NO_PEOPLE,
    resetPulls: [],
    ...extra,
  };
}

const kinds = (effects: Effect[]) => effects.map((e) => `${e.type}${'branch' in e ? ` ${e.branch}` : ''}`);

describe('decide: an opening a killed run left unlabelled', () => {
  const openCycle = { kind: 'open-cycle' as const, cycle: '2027.1', source: 'tag 2027.1' };

  it('a re-run of the tag finishes it (same effect, found by branch); a labelled one is left alone', () => {
    const unlabelled = pull(1, 'dpl-reset/2027.1/alpha', { labels: [] });
    const plan = decide(
      snapshot('2026-11-02T10:00:00Z', {
        trigger: openCycle,
        resetPulls: [unlabelled, pull(2, 'dpl-reset/2027.1/beta-team')],
      }),
      CONFIG,
    );
    expect(kinds(plan.effects)).toEqual(['open-pull dpl-reset/2027.1/alpha']);
    expect(plan.effects[0]).toMatchObject({ labels: ['dpl/reset'], reviewers: ['ann', 'bob'] });
    expect(plan.notes.join('\n')).toMatch(/alpha: finishing #1/);
  });

  it('a reset closed by hand without its label, or opened by a person, is not reopened or relabelled', () => {
    const plan = decide(
      snapshot('2026-11-02T10:00:00Z', {
        trigger: openCycle,
        resetPulls: [
          pull(1, 'dpl-reset/2027.1/alpha', { labels: [], state: 'CLOSED' }),
          pull(2, 'dpl-reset/2027.1/beta-team', { labels: [], authorIsBot: false, author: 'mallory' }),
        ],
      }),
      CONFIG,
    );
    expect(plan.effects).toEqual([]);
  });

  it('a scheduled run before the deadline finishes it too', () => {
    const plan = decide(
      snapshot('2026-11-03T00:00:00Z', {
        currentCycle: {
          cycle: '2027.1',
          resetPulls: [
            pull(1, 'dpl-reset/2027.1/alpha', { labels: [] }),
            pull(2, 'dpl-reset/2027.1/beta-team'),
          ],
          distributedAtTag: new Set(['alpha', 'Beta Team']),
        },
      }),
      CONFIG,
    );
    expect(kinds(plan.effects)).toEqual(['open-pull dpl-reset/2027.1/alpha']);
  });
});

describe('decide: the branch of a settled reset a killed run did not delete', () => {
  it('is deleted for a merged or kept reset, never for one closed by hand or already gone', () => {
    const plan = decide(
      snapshot('2026-12-02T00:00:00Z', {
        settledResets: [
          pull(1, 'dpl-reset/2027.1/alpha', { state: 'MERGED', branchExists: true }),
          pull(2, 'dpl-reset/2027.1/beta-team', {
            state: 'CLOSED',
            labels: ['dpl/reset', 'dpl/kept'],
            branchExists: true,
          }),
          pull(3, 'dpl-reset/2026.2/alpha', { state: 'CLOSED', branchExists: true }),
          pull(4, 'dpl-reset/2026.2/beta-team', { state: 'MERGED', branchExists: false }),
          pull(5, 'dpl-reset/2026.1/alpha', { state: 'MERGED', branchExists: true, authorIsBot: false }),
        ],
      }),
      CONFIG,
    );
    expect(kinds(plan.effects)).toEqual([
      'delete-branch dpl-reset/2027.1/alpha',
      'delete-branch dpl-reset/2027.1/beta-team',
    ]);
  });
});
