/**
 * The eligibility listing reader (a YAML list of logins at a dotted key: Istio's org/members.yaml
 * and org/teams.yaml) returns logins with their lines or throws a GovernanceError naming the
 * file and a line, whatever the text.
 */
import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { listedLogins } from '../../../shared/owners-diversity/eligibility.js';
import { fixture, nearValid, parseOrExpectError, RUNS, tokenSoup } from './mutations.js';

const FILE = 'org/teams.yaml';
const MEMBERS = fixture('istio-community/org/members.yaml');
const TEAMS = fixture('istio-community/org/teams.yaml');

function check(text: string, key: string): void {
  const logins = parseOrExpectError(() => listedLogins(text, FILE, key), text, {
    file: FILE,
    line: true,
  });
  const lineCount = text.split(/\r\n|\r|\n/).length;
  for (const [login, line] of logins ?? []) {
    expect(login).toBe(login.toLowerCase());
    expect(line).toBeGreaterThanOrEqual(1);
    expect(line).toBeLessThanOrEqual(lineCount);
  }
}

describe('eligibility listings (property)', () => {
  it('reads the real files as they are', () => {
    expect(listedLogins(MEMBERS, FILE, 'members').size).toBeGreaterThan(500);
    expect(listedLogins(TEAMS, FILE, 'teams.Maintainers.members').has('howardjohn')).toBe(true);
  });

  it('mutations of the real Istio files: logins with lines, or a GovernanceError with file and line', () => {
    fc.assert(
      fc.property(
        nearValid([MEMBERS, TEAMS]),
        fc.constantFrom('members', 'teams.Maintainers.members'),
        check,
      ),
      { numRuns: RUNS },
    );
  });

  it('token soup: logins with lines, or a GovernanceError with file and line', () => {
    fc.assert(
      fc.property(
        tokenSoup([
          'members:',
          '\n',
          '- ',
          'ann',
          '  ',
          'teams:',
          'Maintainers:',
          '[',
          ']',
          '{',
          '}',
          '# c',
          '@',
        ]),
        fc.constantFrom('members', 'teams.Maintainers.members'),
        check,
      ),
      { numRuns: RUNS },
    );
  });
});
