import { describe, it, expect } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { GovernanceError } from '../errors/governance-error.js';
import { parseProjectsYaml, type Team } from './projects-file.js';
import { resetTeamToPtl } from './reset-to-ptl.js';

const FILE = 'reference/projects.yaml';
const REAL = readFileSync(
  new URL('../../test/fixtures/openstack-governance/reference/projects.yaml', import.meta.url),
  'utf8',
);
const ALLOWED = { allowedLiaisons: ['release', 'security'], file: FILE };

/** The changed hunk between two texts: lines [first, lastBefore] of `before` became `after` lines. */
function changedRegion(before: string, after: string) {
  const a = before.split('\n');
  const b = after.split('\n');
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start++;
  let endA = a.length - 1;
  let endB = b.length - 1;
  while (endA >= start && endB >= start && a[endA] === b[endB]) {
    endA--;
    endB--;
  }
  return {
    firstLine: start + 1,
    lastLine: endA + 1,
    removed: a.slice(start, endA + 1),
    added: b.slice(start, endB + 1),
  };
}

/** A team's data without line numbers, to compare teams across edits that move lines. */
function withoutLines(team: Team) {
  return JSON.stringify(team, (key, value) =>
    key === 'line' || key === 'leadershipTypeLine' || key === 'liaisonLines' ? undefined : value,
  );
}

describe('resetTeamToPtl on the real projects.yaml', () => {
  const teams = parseProjectsYaml(REAL, FILE).teams;
  const distributed = teams.filter((t) => t.leadershipType === 'distributed');

  it.each(distributed.map((t) => [t.name]))('changes only the lines of %s', (name) => {
    const index = teams.findIndex((t) => t.name === name);
    const teamFirstLine = teams[index].line;
    const teamLastLine = index + 1 < teams.length ? teams[index + 1].line - 1 : REAL.split('\n').length;

    const after = resetTeamToPtl(REAL, name, ALLOWED);
    const region = changedRegion(REAL, after);
    expect(region.firstLine).toBeGreaterThan(teamFirstLine);
    expect(region.lastLine).toBeLessThanOrEqual(teamLastLine);

    const reparsed = parseProjectsYaml(after, FILE).teams;
    expect(reparsed.map((t) => t.name)).toEqual(teams.map((t) => t.name));
    reparsed.forEach((team, i) => {
      if (team.name !== name) expect(withoutLines(team)).toBe(withoutLines(teams[i]));
    });
    const reset = reparsed[index];
    expect(reset.leadershipType).toBe('ptl');
    expect(reset.ptl).toMatchObject({ name: 'APPOINTMENT NEEDED', irc: null, email: 'example@example.org' });
    expect(Object.keys(reset.liaisons)).toEqual(['release', 'security']);
    expect(reset.liaisons.release).toEqual(
      teams[index].liaisons.release.map((p) => expect.objectContaining({ ...p, line: expect.any(Number) })),
    );
  });

  it('shows the whole diff for freezer: type, placeholder PTL, and the two liaison roles a PTL team may not keep', () => {
    const region = changedRegion(REAL, resetTeamToPtl(REAL, 'freezer', ALLOWED));
    expect(region.firstLine).toBe(303);
    expect(region.removed.filter((l) => !region.added.includes(l))).toEqual([
      '  leadership_type: distributed',
      '    tact-sig:',
      '    tc-liaison:',
    ]);
    expect(region.added.filter((l) => !region.removed.includes(l))).toEqual([
      '  leadership_type: ptl',
      '  ptl:',
      "    name: 'APPOINTMENT NEEDED'",
      '    irc: null',
      "    email: 'example@example.org'",
    ]);
    // 4 lines in, 8 lines out (two roles of one contact each, three lines per contact plus the key)
    expect(region.added.length - region.removed.length).toBe(4 - 8);
  });
});

describe('resetTeamToPtl', () => {
  const team = [
    '# teams',
    'x:',
    "  leadership_type: 'distributed'  # reset every cycle",
    '  liaisons:',
    '    tact-sig:',
    '      - {name: T, irc: null, email: t@example.org}',
    '    # the TC member following the team',
    '    tc-liaison:',
    '      - name: C',
    '        email: c@example.org',
    '  mission: >',
    '    Things.',
  ];

  it('removes an emptied liaisons mapping whole and keeps comments and quoting elsewhere', () => {
    const after = resetTeamToPtl(team.join('\n') + '\n', 'x', ALLOWED);
    expect(after).toBe(
      [
        '# teams',
        'x:',
        '  leadership_type: ptl  # reset every cycle',
        '  ptl:',
        "    name: 'APPOINTMENT NEEDED'",
        '    irc: null',
        "    email: 'example@example.org'",
        '  mission: >',
        '    Things.',
        '',
      ].join('\n'),
    );
  });

  it('keeps CRLF line endings and copes with a file that does not end in a newline', () => {
    const text = 'x:\r\n  leadership_type: distributed';
    expect(resetTeamToPtl(text, 'x', ALLOWED)).toBe(
      "x:\r\n  leadership_type: ptl\r\n  ptl:\r\n    name: 'APPOINTMENT NEEDED'\r\n    irc: null\r\n    email: 'example@example.org'\r\n",
    );
  });

  it('leaves a PTL team unchanged, so a re-run changes nothing', () => {
    const once = resetTeamToPtl(team.join('\n'), 'x', ALLOWED);
    expect(resetTeamToPtl(once, 'x', ALLOWED)).toBe(once);
  });

  it('refuses teams it cannot edit line by line, and unknown teams', () => {
    expect(() => resetTeamToPtl('x: {leadership_type: distributed}\n', 'x', ALLOWED)).toThrow(
      GovernanceError,
    );
    expect(() => resetTeamToPtl('x:\n  leadership_type: distributed\n', 'y', ALLOWED)).toThrow(
      'team y is not in the projects file',
    );
  });
});
