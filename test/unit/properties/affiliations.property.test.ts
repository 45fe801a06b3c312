/**
 * The affiliation parsers (cncf/gitdm text and the project's own YAML map) return a table or
 * throw a GovernanceError naming the file and the line, whatever the text.
 */
import { describe, expect, it } from '@jest/globals';
import { GovernanceError } from '../../../shared/errors/governance-error.js';
import fc from 'fast-check';
import { parseGitdmAffiliations, parseAffiliationsYaml } from '../../../shared/affiliations/affiliations.js';
import type { AffiliationTable } from '../../../shared/affiliations/periods.js';
import { fixture, nearValid, parseOrExpectError, RUNS, tokenSoup } from './mutations.js';

const GITDM_FILE = 'affiliations/developers_affiliations1.txt';
const YAML_FILE = 'affiliations.yaml';

const GITDM_FIXTURES = [1, 2, 3, 4, 5, 6, 7, 8].map((n) =>
  fixture(`cncf-gitdm/subset/developers_affiliations${n}.txt`),
);

/** A map in every form the format allows. */
const YAML_MAP = [
  '# login -> organisation, or dated periods',
  'ann: Google',
  'ben:',
  '  - {org: Red Hat, until: 2024-01-01}',
  '  - {org: Microsoft, from: 2024-01-01}',
  'cy:',
  '  - org: Independent',
  '    from: 2020-02-29',
  '    until: 2021-03-01',
  '  - Acme',
  '"Dee-2": "Example, Inc."',
  '',
].join('\n');

/** Every period is well formed: an organisation, a line in the file, dates in order. */
function expectWellFormed(table: AffiliationTable | undefined, text: string): void {
  if (!table) return;
  const lineCount = text.split(/\r\n|\r|\n/).length;
  for (const [login, periods] of table) {
    expect(login).toBe(login.toLowerCase());
    for (const period of periods) {
      expect(period.org.trim()).not.toBe('');
      expect(period.line).toBeGreaterThanOrEqual(1);
      expect(period.line).toBeLessThanOrEqual(lineCount);
      if (period.from && period.until) expect(period.from < period.until).toBe(true);
    }
  }
}

describe('gitdm affiliations (property)', () => {
  const check = (text: string) =>
    expectWellFormed(
      parseOrExpectError(() => parseGitdmAffiliations(text, GITDM_FILE), text, {
        file: GITDM_FILE,
        line: true,
      }),
      text,
    );

  it('mutations of the real cncf/gitdm files: a table or a GovernanceError with file and line', () => {
    fc.assert(fc.property(nearValid(GITDM_FIXTURES, 40), check), { numRuns: RUNS });
  });

  it('gitdm-ish token soup: a table or a GovernanceError with file and line', () => {
    fc.assert(
      fc.property(tokenSoup(['\t', 'ann: a!b.c', 'Google', ' from ', ' until ', '2020-01-01', '*']), check),
      { numRuns: RUNS },
    );
  });
});

describe('YAML affiliation map (property)', () => {
  const check = (text: string) =>
    expectWellFormed(
      parseOrExpectError(() => parseAffiliationsYaml(text, YAML_FILE), text, { file: YAML_FILE, line: true }),
      text,
    );

  it('accepts the sample as it is', () => {
    expect([...parseAffiliationsYaml(YAML_MAP, YAML_FILE).keys()]).toEqual(['ann', 'ben', 'cy', 'dee-2']);
  });

  it('mutations of a map in every form: a table or a GovernanceError with file and line', () => {
    fc.assert(fc.property(nearValid([YAML_MAP]), check), { numRuns: RUNS });
  });

  it('YAML-ish token soup: a table or a GovernanceError with file and line', () => {
    fc.assert(fc.property(tokenSoup(['ann:', 'org:', 'from:', 'until:', 'Google', '2024-01-01']), check), {
      numRuns: RUNS,
    });
  });
});

describe('gitdm: counterexamples found by the properties', () => {
  it.each([
    ['a lone carriage return', '\tGoogle\rLLC'],
    ['a line separator', '\tGoogle\u2028LLC'],
  ])('a company line with %s is a GovernanceError at its line (was a TypeError)', (_name, companyLine) => {
    const text = `ann: ann!example.com\n${companyLine}\n`;
    expect(() => parseGitdmAffiliations(text, GITDM_FILE)).toThrow(GovernanceError);
    expect(() => parseGitdmAffiliations(text, GITDM_FILE)).toThrow(
      'expected a company, optionally "from DATE" and "until DATE"',
    );
    try {
      parseGitdmAffiliations(text, GITDM_FILE);
    } catch (error) {
      expect((error as GovernanceError).location).toEqual({ file: GITDM_FILE, line: 2 });
    }
  });
});
