/**
 * Crash convergence in dpl-reset's decisions: what a killed run leaves (an unlabelled reset, a
 * settled reset's branch) is finished by the next run, and nothing else is repeated.
 */
import { describe, it, expect } from '@jest/globals';
import type { Effect } from '../plan/effects.js';
import { CONFIG, pull, snapshot } from './decide-fixtures.js';
import { decide } from './decide.js';

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
