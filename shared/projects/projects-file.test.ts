import { describe, it, expect } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { GovernanceError } from '../errors/governance-error.js';
import { parseProjectsYaml, findTeam, personKey } from './projects-file.js';

const FILE = 'reference/projects.yaml';
const REAL = readFileSync(
  new URL('../../test/fixtures/openstack-governance/reference/projects.yaml', import.meta.url),
  'utf8',
);

function errorOf(text: string): GovernanceError {
  try {
    parseProjectsYaml(text, FILE);
  } catch (error) {
    if (error instanceof GovernanceError) return error;
    throw error;
  }
  throw new Error('expected a GovernanceError');
}

describe('parseProjectsYaml on the real openstack/governance file', () => {
  const projects = parseProjectsYaml(REAL, FILE);

  it('reads every team and the five distributed ones, in file order', () => {
    expect(projects.teams).toHaveLength(42);
    expect(projects.teams.filter((t) => t.leadershipType === 'distributed').map((t) => t.name)).toEqual([
      'freezer',
      'ironic',
      'oslo',
      'Release Management',
      'requirements',
    ]);
  });

  it('keeps the line of teams, the PTL and each liaison entry', () => {
    const adjutant = findTeam(projects, 'adjutant')!;
    expect(adjutant).toMatchObject({ line: 2, leadershipType: 'ptl', leadershipTypeLine: 3 });
    expect(adjutant.ptl).toEqual({
      name: 'Callum Dickinson',
      irc: 'Callum027',
      email: 'callum.dickinson@catalystcloud.nz',
      line: 5,
    });
    expect(adjutant.liaisons.security).toEqual([
      { name: 'Adrian Jarvis', irc: null, email: 'adrian.jarvis@catalystcloud.nz', line: 34 },
    ]);
    const freezer = findTeam(projects, 'freezer')!;
    expect(freezer.ptl).toBeUndefined();
    expect(freezer.liaisons.security[0]).toMatchObject({ name: 'Alvaro Soto', line: 314 });
    expect(REAL.split('\n')[314 - 1]).toContain("- name: 'Alvaro Soto'");
  });
});

describe('parseProjectsYaml', () => {
  it('reads a github login, an empty role and skips tc_members', () => {
    const text = [
      'oslo:',
      '  leadership_type: distributed',
      '  liaisons:',
      '    tc_members: [a, b]',
      '    release:',
      "      - {name: 'A', irc: null, email: a@example.org, github: '@alice'}",
      '    security: []',
    ].join('\n');
    const [team] = parseProjectsYaml(text, FILE).teams;
    expect(Object.keys(team.liaisons)).toEqual(['release', 'security']);
    expect(team.liaisons.release[0]).toEqual({
      name: 'A',
      irc: null,
      email: 'a@example.org',
      github: 'alice',
      line: 6,
    });
    expect(team.liaisonLines).toEqual({ release: 5, security: 7 });
  });

  it('fails with the file and line of a bad leadership_type', () => {
    const error = errorOf('a:\n  leadership_type: ptl\nb:\n  leadership_type: shared\n');
    expect(error.describe()).toBe(
      `${FILE}:4:20: b.leadership_type: leadership_type must be ptl or distributed`,
    );
  });

  it('fails on a contact without an email, at the entry', () => {
    const error = errorOf('a:\n  leadership_type: ptl\n  ptl:\n    name: X\n    irc: x\n');
    expect(error.location).toMatchObject({ file: FILE, line: 4, keyPath: 'a.ptl' });
    expect(error.message).toBe('a contact needs email');
  });

  it('fails on invalid YAML with a line', () => {
    expect(errorOf('a:\n  leadership_type: [ptl\n').location?.file).toBe(FILE);
  });

  it('reads an empty file as no teams', () => {
    expect(parseProjectsYaml('---\n', FILE).teams).toEqual([]);
  });

  it('identifies one person across roles by email, else name', () => {
    expect(personKey({ email: 'A@x.org', name: 'A' })).toBe(personKey({ email: 'a@x.org ', name: 'B' }));
    expect(personKey({ email: '', name: 'Ann' })).toBe('ann');
  });
});
