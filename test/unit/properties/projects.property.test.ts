/**
 * OpenStack projects.yaml (shared/projects) and the dpl people file return their data or throw a
 * GovernanceError naming the file and the line, whatever the text.
 */
import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { parsePeopleFile } from '../../../shared/dpl/people.js';
import { parseProjectsYaml } from '../../../shared/projects/projects-file.js';
import { GovernanceError } from '../../../shared/errors/governance-error.js';
import { fixture, nearValid, parseOrExpectError, RUNS, tokenSoup } from './mutations.js';

const PROJECTS_FILE = 'reference/projects.yaml';
const PEOPLE_FILE = 'reference/people.yaml';
const PROJECTS = fixture('openstack-governance/reference/projects.yaml');

const PEOPLE = [
  '# email or name -> GitHub login',
  'oslo-rel@example.org: oslo-rel',
  'Oslo Security: "@oslo-sec"',
  "'Zoë Example': zoe",
  '',
].join('\n');

const PROJECT_WORDS = [
  'adjutant:',
  'leadership_type: ptl',
  'leadership_type: distributed',
  'ptl:',
  'liaisons:',
  'release:',
  'tc_members:',
  'name: Ann',
  'irc: ann',
  'email: ann@example.org',
  'github: ann',
];

describe('projects.yaml (property)', () => {
  const check = (text: string) => {
    const projects = parseOrExpectError(() => parseProjectsYaml(text, PROJECTS_FILE), text, {
      file: PROJECTS_FILE,
      line: true,
    });
    for (const team of projects?.teams ?? []) {
      expect(['ptl', 'distributed']).toContain(team.leadershipType);
      expect(team.line).toBeGreaterThanOrEqual(1);
      for (const people of Object.values(team.liaisons))
        for (const person of people) expect(typeof person.email).toBe('string');
    }
  };

  it('mutations of the real openstack/governance file: teams or a GovernanceError with file and line', () => {
    fc.assert(fc.property(nearValid([PROJECTS], 80), check), { numRuns: RUNS });
  });

  it('YAML-ish token soup: teams or a GovernanceError with file and line', () => {
    fc.assert(fc.property(tokenSoup(PROJECT_WORDS), check), { numRuns: RUNS });
  });
});

describe('dpl people file (property)', () => {
  const check = (text: string) => {
    const people = parseOrExpectError(() => parsePeopleFile(text, PEOPLE_FILE), text, {
      file: PEOPLE_FILE,
      line: true,
    });
    for (const [key, login] of people ?? []) {
      expect(key).toBe(key.trim().toLowerCase());
      expect(login).not.toMatch(/^@/);
    }
  };

  it('accepts the sample as it is', () => {
    expect(parsePeopleFile(PEOPLE, PEOPLE_FILE).get('oslo security')).toBe('oslo-sec');
  });

  it('mutations of a people file: a map or a GovernanceError with file and line', () => {
    fc.assert(fc.property(nearValid([PEOPLE]), check), { numRuns: RUNS });
  });

  it('YAML-ish token soup: a map or a GovernanceError with file and line', () => {
    fc.assert(fc.property(tokenSoup(['ann@example.org:', 'Ann Example:', 'ann', '@ann']), check), {
      numRuns: RUNS,
    });
  });
});

describe('dpl people file: counterexamples found by the properties', () => {
  it('a file that is not a map is reported at its line (had no line)', () => {
    const text = '# email or name -> GitHub login\no';
    expect(() => parsePeopleFile(text, PEOPLE_FILE)).toThrow(GovernanceError);
    try {
      parsePeopleFile(text, PEOPLE_FILE);
    } catch (error) {
      expect((error as GovernanceError).describe()).toBe(
        `${PEOPLE_FILE}:2:1: the people file must map emails or names to GitHub logins`,
      );
    }
  });
});
