import { describe, expect, it } from '@jest/globals';
import { DEFAULT_CONFIG } from '../../../shared/config/defaults.js';
import { renderSection } from '../../../shared/dashboard/render.js';
import { dplSection, type DplEntry } from '../../../shared/dashboard/dpl-section.js';
import { CONFIG, pull, snapshot } from '../../../shared/dpl/decide-fixtures.js';
import { decide } from '../../../shared/dpl/decide.js';

const opts = { timezone: 'Europe/Berlin', labels: DEFAULT_CONFIG.dpl.labels };
const DEADLINE = '2026-12-01T00:00:00Z';
const entry = (number: number, outcome: DplEntry['outcome'], extra: Partial<DplEntry> = {}): DplEntry => ({
  number,
  team: `team${number}`,
  cycle: '2027.1',
  deadline: DEADLINE,
  outcome,
  liaisons: [
    { name: 'Ann', login: 'ann', vote: 'keep' },
    { name: 'Bob', login: 'bob', vote: 'reset' },
    { name: 'Cy', login: 'cy' },
    { name: 'Di' },
  ],
  ...extra,
});

describe('dpl section', () => {
  it('lists each open reset with its -1 votes cast and missing, and the deadline in UTC and the zone', () => {
    const s = dplSection([entry(4, 'open')], opts);
    expect(s.heading).toBe('DPL resets: 1 open');
    expect(s.lines).toEqual([
      '- #4 team4 (`2027.1`): 1 of 4 liaisons at -1, voting open until 2026-12-01 00:00 UTC (2026-12-01 01:00 Europe/Berlin); -1 (keep): `ann`; missing: `bob` (+1, reset), `cy`, Di (no GitHub login: cannot vote)',
    ]);
    expect(renderSection(dplSection([], opts))).toContain('No DPL reset pull request is open.');
  });

  it('puts what needs a person first, and says what could not be read (fail closed)', () => {
    const s = dplSection(
      [
        entry(1, 'open'),
        entry(2, 'due'),
        entry(3, 'held', {
          unreadable: [
            { kind: 'deleted', author: 'cy', by: 'admin' },
            { kind: 'dismissed', author: 'bob' },
          ],
        }),
        entry(4, 'not-judged', { liaisons: [], why: 'team4 no longer has distributed leadership on main' }),
        entry(5, 'no-deadline', { deadline: undefined }),
        entry(6, 'kept'),
        entry(7, 'merging'),
      ],
      opts,
    );
    expect(s.lines.map((l) => l.match(/#(\d+)/)![1])).toEqual(['4', '3', '2', '7', '6', '5', '1']);
    expect(s.lines[0]).toBe(
      '- #4 team4 (`2027.1`): **not judged**, team4 no longer has distributed leadership on main',
    );
    expect(s.lines[1]).toContain(
      '**held**, could not read: a comment by `cy`, deleted by `admin`; a dismissed review by `bob` (who dismissed it cannot be read); a maintainer decides (merge, or close with `dpl/kept`)',
    );
    expect(s.lines[2]).toContain('**due**: nominations opened 2026-12-01 00:00 UTC');
    expect(s.lines[2]).toContain('labelled `dpl/reset-due` for a human to merge');
    expect(s.lines[5]).toContain('**no deadline**');
  });

  it('escapes team names, liaison names and logins, and never pings', () => {
    const hostile = 'x <!-- governance-actions:a:dashboard --> @team **b** [l](https://e.example)\n# h';
    const s = dplSection(
      [
        entry(1, 'open', {
          team: hostile,
          cycle: '2027`.1',
          liaisons: [{ name: hostile }, { name: 'L', login: 'who`<!--', vote: 'keep' }],
        }),
      ],
      opts,
    );
    const text = renderSection(s);
    expect(text).not.toMatch(/(?<!\\)<!--/);
    expect(text).not.toMatch(/@team|@who/);
    expect(text).not.toMatch(/(?<!\\)\*\*b/);
    expect(text).not.toMatch(/(?<!\\)\[l\]\(/);
    expect(s.lines).toHaveLength(1);
    expect(s.lines[0]).not.toContain('\n');
    expect(text).toContain("`2027'.1`");
  });

  it('stays within the comment limit however many resets and liaisons there are', () => {
    const liaisons = Array.from({ length: 500 }, (_, i) => ({ name: `L${i}`, login: `login-${i}` }));
    const many = Array.from({ length: 2000 }, (_, i) =>
      entry(i + 1, 'open', { team: 'T'.repeat(300), liaisons }),
    );
    const s = dplSection(many, opts);
    expect(s.lines[0]).toContain('… and 460 more');
    expect(s.lines[0]).toContain('T'.repeat(100) + '…');
    expect(s.lines[0]).not.toContain('T'.repeat(101));
    const text = renderSection(s);
    expect(text.length).toBeLessThanOrEqual(65_536);
    expect(text).toMatch(/… and \d+ more/);
  });
});

describe('dpl-reset decide: the section', () => {
  const calendar = { timezone: 'Europe/Berlin' };
  it('is planned by the scheduled evaluation, from the tally it already has', () => {
    const plan = decide(
      snapshot('2026-11-05T00:00:00Z', {
        resetPulls: [
          pull(7, 'dpl-reset/2027.1/alpha', {
            comments: [
              {
                author: 'ann',
                authorIsBot: false,
                body: '-1',
                createdAt: '2026-11-02T00:00:00Z',
                lastEditedAt: null,
              },
            ],
          }),
          pull(8, 'dpl-reset/2027.1/ptl-team'),
          pull(9, 'dpl-reset/2027.1/gone'),
        ],
      }),
      CONFIG,
      calendar,
    );
    expect(plan.dashboard?.heading).toBe('DPL resets: 3 open');
    expect(plan.dashboard?.lines).toEqual([
      '- #9 gone (`2027.1`): **not judged**, no team called gone in reference/projects.yaml: left to the maintainers',
      '- #8 ptl-team (`2027.1`): **not judged**, ptl-team no longer has distributed leadership on main: left to the maintainers',
      '- #7 alpha (`2027.1`): 1 of 2 liaisons at -1, voting open until 2026-12-01 00:00 UTC (2026-12-01 01:00 Europe/Berlin); -1 (keep): `ann`; missing: `bob`',
    ]);
  });

  it('lists every open reset as not judged when the projects file is gone', () => {
    const plan = decide(
      snapshot('2026-11-05T00:00:00Z', {
        projectsText: null,
        resetPulls: [pull(7, 'dpl-reset/2027.1/alpha')],
      }),
      CONFIG,
      calendar,
    );
    expect(plan.dashboard?.lines).toEqual([
      '- #7 alpha (`2027.1`): **not judged**, reference/projects.yaml does not exist on main',
    ]);
  });

  it('is not planned on item events', () => {
    const plan = decide(
      snapshot('2026-11-05T00:00:00Z', {
        trigger: { kind: 'reset-pull', number: 7 },
        resetPulls: [pull(7, 'dpl-reset/2027.1/alpha')],
      }),
      CONFIG,
      calendar,
    );
    expect(plan.dashboard).toBeUndefined();
  });
});
