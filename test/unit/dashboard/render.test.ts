import { describe, expect, it } from '@jest/globals';
import { DEFAULT_CONFIG } from '../../../shared/config/defaults.js';
import { addDashboardSection } from '../../../shared/dashboard/effect.js';
import { lazyConsensusSection } from '../../../shared/dashboard/lazy-consensus-section.js';
import { ownersDiversitySection } from '../../../shared/dashboard/owners-diversity-section.js';
import { renderIssueBody, renderSection } from '../../../shared/dashboard/render.js';
import { DASHBOARD_ISSUE_MARKER } from '../../../shared/dashboard/model.js';
import { IDLE, type ConsensusState } from '../../../shared/lazy-consensus/replay.js';
import { emptyPlan } from '../../../shared/plan/effects.js';
import { LIMITS } from '../../../shared/plan/limits.js';

const berlin = { timezone: 'Europe/Berlin', holidays: [] };
const pending = (deadline: string, extra: Partial<ConsensusState> = {}): ConsensusState => ({
  ...IDLE,
  phase: 'pending',
  tier: 'low',
  deadline,
  ...extra,
});

describe('lazy-consensus section', () => {
  it('lists open processes soonest deadline first, undecided items before them, closed ones not at all', () => {
    const s = lazyConsensusSection(
      [
        { number: 1, title: 'Later', state: pending('2026-03-10T09:00:00Z') },
        { number: 2, title: 'Sooner', state: pending('2026-03-05T09:00:00Z') },
        {
          number: 3,
          title: 'Done',
          state: { ...IDLE, phase: 'accepted', acceptedAt: '2026-03-01T00:00:00Z' },
        },
        { number: 4, title: 'Unreadable', state: null, unreadable: 'the pushes of #4' },
      ],
      berlin,
    );
    expect(s.lines.map((l) => l.slice(0, 4))).toEqual(['- #4', '- #2', '- #1']);
    expect(s.lines[1]).toBe(
      '- #2 Sooner: pending (low risk), deadline 2026-03-05 09:00 UTC (2026-03-05 10:00 Europe/Berlin)',
    );
    expect(s.lines[0]).toContain('**not decided**');
  });

  it('shows objections with their authors as code and links only to plain https addresses', () => {
    const objection = (by: string, url: string) => ({
      key: `comment:1:${by}`,
      by,
      at: '2026-03-02T10:00:00Z',
      url,
      reason: 'no',
      via: 'comment' as const,
    });
    const [line] = lazyConsensusSection(
      [
        {
          number: 7,
          title: '@org/team <!-- x --> **b**',
          state: pending('2026-03-05T09:00:00Z', {
            phase: 'objected',
            openObjections: [
              objection('bob', 'https://github.com/acme/community/issues/7#issuecomment-1'),
              objection('eve', 'https://x.example/a) [y](https://z'),
            ],
          }),
        },
      ],
      { timezone: 'UTC', holidays: [] },
    ).lines;
    expect(line).toContain('`bob` [objection](https://github.com/acme/community/issues/7#issuecomment-1)');
    expect(line).toContain('`eve` objection');
    expect(line).not.toMatch(/@org/);
    expect(line).not.toMatch(/(?<!\\)<!--/);
    expect(line).not.toMatch(/(?<!\\)\*\*b/);
  });
});

describe('owners-diversity section', () => {
  it('lists violations by group, and says where the full report is', () => {
    const s = ownersDiversitySection(
      [
        { group: 'sigs/b', message: 'has 1 member; at least 2 required', since: '2026-05-04' },
        { group: 'sigs/a`x', message: 'has 4 members; at most 3 allowed' },
      ],
      'governance/diversity-audit',
    );
    expect(s.heading).toBe('Leadership diversity: 2 violations');
    expect(s.lines).toEqual([
      "- `sigs/a'x`: has 4 members; at most 3 allowed",
      '- `sigs/b`: has 1 member; at least 2 required (since 2026-05-04)',
    ]);
    expect(s.omits).toContain('`governance/diversity-audit`');
  });
});

describe('rendering', () => {
  it('fits any number of lines in a comment, ending with how many were left out', () => {
    const lines = Array.from({ length: 5_000 }, (_, i) => `- #${i} ${'x'.repeat(200)}`);
    const body = renderSection({ heading: 'H', lines, empty: 'none' });
    expect(body.length).toBeLessThanOrEqual(LIMITS.body - 1_000);
    expect(body).toMatch(/\n… and \d+ more \(/);
  });

  it('shows the empty text for an empty list, and the same bytes for the same input', () => {
    const section = { heading: 'H', lines: [], empty: 'Nothing open.' };
    expect(renderSection(section)).toBe('### H\n\nNothing open.');
    expect(renderSection(section)).toBe(renderSection(section));
  });

  it('starts the issue body with the dashboard marker', () => {
    expect(renderIssueBody('governance/dashboard').split('\n')[0]).toBe(DASHBOARD_ISSUE_MARKER);
  });
});

describe('the hook', () => {
  const section = { heading: 'H', lines: ['- a'], empty: 'none' };
  const enabled = { ...DEFAULT_CONFIG, dashboard: { ...DEFAULT_CONFIG.dashboard!, enabled: true } };

  it('adds one effect to a sweep when enabled', () => {
    const plan = { ...emptyPlan('lazy-consensus-timer'), dashboard: section };
    addDashboardSection(plan, enabled, 'schedule');
    expect(plan.effects).toEqual([
      expect.objectContaining({ type: 'dashboard-section', label: 'governance/dashboard' }),
    ]);
    expect(plan.labelCatalog?.['governance/dashboard']).toBeDefined();
  });

  it('adds nothing when disabled (the default), on item events, or without a section', () => {
    for (const [config, event, dashboard] of [
      [DEFAULT_CONFIG, 'schedule', section],
      [enabled, 'issue_comment', section],
      [enabled, 'workflow_dispatch', undefined],
    ] as const) {
      const plan = { ...emptyPlan('x'), ...(dashboard ? { dashboard } : {}) };
      addDashboardSection(plan, config, event);
      expect(plan.effects).toEqual([]);
    }
  });
});
