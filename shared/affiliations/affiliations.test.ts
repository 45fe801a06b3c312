import { describe, expect, it } from '@jest/globals';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { GovernanceError } from '../errors/governance-error.js';
import {
  affiliationOf,
  changedLogins,
  loadAffiliations,
  parseAffiliationsYaml,
  parseGitdmAffiliations,
} from './affiliations.js';
import { normaliseOrgName, OrgResolver } from './org-names.js';

const GITDM_DIR = 'test/fixtures/cncf-gitdm/subset';

function errorOf(fn: () => unknown): GovernanceError {
  try {
    fn();
  } catch (error) {
    if (error instanceof GovernanceError) return error;
    throw error;
  }
  throw new Error('expected a GovernanceError');
}

describe('gitdm developers_affiliations', () => {
  const text = [
    '# header',
    'BenTheElder: ben!example.com, bentheelder!google.com',
    '\tIndependent until 2015-05-01',
    '\tGoogle LLC from 2015-05-01 until 2015-08-01',
    '\tIndependent from 2015-08-01 until 2017-07-01',
    '\tGoogle LLC from 2017-07-01',
    'janetkuo: j!x.com',
    '\tGoogle LLC',
    'JanetKuo: k!y.com',
    '\tRed Hat Inc. until 2010-01-01',
  ].join('\n');
  const table = parseGitdmAffiliations(text, 'developers_affiliations1.txt');

  it('honours from (inclusive) and until (exclusive) at the as-of date', () => {
    expect(affiliationOf([table], 'BenTheElder', '2015-04-30')?.org).toBe('Independent');
    expect(affiliationOf([table], 'BenTheElder', '2015-05-01')?.org).toBe('Google LLC');
    expect(affiliationOf([table], 'BenTheElder', '2016-01-01')?.org).toBe('Independent');
    expect(affiliationOf([table], 'bentheelder', '2024-01-01')).toEqual({
      org: 'Google LLC',
      origin: 'developers_affiliations1.txt:6',
    });
  });

  it('merges several blocks of one login, case-insensitively', () => {
    expect(table.get('janetkuo')?.map((p) => p.org)).toEqual(['Google LLC', 'Red Hat Inc.']);
    expect(affiliationOf([table], 'JanetKuo', '2009-01-01')?.org).toBe('Google LLC'); // first written wins
  });

  it('fails with the file and line of a malformed line', () => {
    expect(errorOf(() => parseGitdmAffiliations('\tGoogle\n', 'a.txt')).describe()).toBe(
      'a.txt:1: a company line comes before any "login: emails" line',
    );
    expect(
      errorOf(() => parseGitdmAffiliations('x: a\n\tGoogle from 2020-13-01\n', 'a.txt')).location,
    ).toEqual({ file: 'a.txt', line: 2 });
    expect(errorOf(() => parseGitdmAffiliations('x: a\nno colon here\n', 'a.txt')).location?.line).toBe(2);
    expect(
      errorOf(() => parseGitdmAffiliations('x: a\n\tA from 2020-01-01 until 2019-01-01\n', 'a.txt')).message,
    ).toMatch(/not after/);
  });

  it('reads the real cncf/gitdm subset (8 files, 329 entries)', () => {
    const files = new Map<string, string | null>();
    for (const name of readdirSync(GITDM_DIR))
      files.set(`affiliations/${name}`, readFileSync(join(GITDM_DIR, name), 'utf8'));
    const [table] = loadAffiliations([{ gitdm: ['affiliations/developers_affiliations*.txt'] }], files);
    expect(table.size).toBe(324);
    // sigs.yaml says Defense Unicorns; gitdm (2024-05-24) says Red Hat: the affiliation file wins.
    expect(affiliationOf([table], 'soltysh', '2024-05-01', 'Defense Unicorns')?.org).toMatch(/Red Hat/);
    expect(affiliationOf([table], 'xpivarc', '2024-05-01', 'Red Hat')).toEqual({
      org: 'Red Hat',
      origin: 'source',
    });
  });
});

describe('YAML affiliation map', () => {
  const text =
    'ann: Google\nben:\n  - {org: Red Hat, until: 2024-01-01}\n  - org: Microsoft\n    from: 2024-01-01\n';
  const table = parseAffiliationsYaml(text, 'affiliations.yaml');

  it('reads plain and dated entries with their lines', () => {
    expect(affiliationOf([table], 'ANN', '2026-01-01')).toEqual({
      org: 'Google',
      origin: 'affiliations.yaml:1',
    });
    expect(affiliationOf([table], 'ben', '2023-12-31')?.org).toBe('Red Hat');
    expect(affiliationOf([table], 'ben', '2024-01-01')).toEqual({
      org: 'Microsoft',
      origin: 'affiliations.yaml:4',
    });
  });

  it('falls through to the next source when a source does not know the date', () => {
    const gitdm = parseGitdmAffiliations('ben: b\n\tVMware until 2020-01-01\n', 'g.txt');
    expect(affiliationOf([gitdm, table], 'ben', '2025-01-01')?.org).toBe('Microsoft');
  });

  it('fails with the line of a bad entry', () => {
    expect(
      errorOf(() => parseAffiliationsYaml('a: Google\nb:\n  - {org: X, since: 2020-01-01}\n', 'm.yaml'))
        .location?.line,
    ).toBe(3);
    expect(errorOf(() => parseAffiliationsYaml('a: [1, 2\n', 'm.yaml')).location?.file).toBe('m.yaml');
  });

  it('lists the logins whose entries a change edits', () => {
    const after = parseAffiliationsYaml('ann: Google\nben: Red Hat\ncat: IBM\n', 'affiliations.yaml');
    expect([...changedLogins([table], [after])].sort()).toEqual(['ben', 'cat']);
  });
});

describe('organisation names', () => {
  it('ignores case, punctuation and legal suffixes', () => {
    expect(normaliseOrgName('Google LLC')).toBe('google');
    expect(normaliseOrgName('google')).toBe('google');
    expect(normaliseOrgName('Red Hat Inc.')).toBe('red hat');
    expect(normaliseOrgName('Lambda, Inc')).toBe('lambda');
    expect(normaliseOrgName('Kubermatic GmbH')).toBe('kubermatic');
    expect(normaliseOrgName('DaoCloud Network Technology Co. Ltd.')).toBe('daocloud network technology');
    expect(normaliseOrgName('Microsoft Corporation')).toBe('microsoft');
    expect(normaliseOrgName('Inc')).toBe('inc');
  });

  it('merges aliases and keeps independents apart', () => {
    const orgs = new OrgResolver({ AWS: 'Amazon', 'International Business Machines': 'IBM' }, [
      'Independent',
      'Self',
    ]);
    expect(orgs.resolve('AWS', 'a').key).toBe(orgs.resolve('Amazon.com, Inc.', 'b').key);
    expect(orgs.resolve('International Business Machines Corporation', 'c')).toEqual({
      key: 'ibm',
      name: 'IBM',
      independent: false,
    });
    const one = orgs.resolve('Independent', 'dims');
    const two = orgs.resolve('self', 'liggitt');
    expect(one.independent && two.independent).toBe(true);
    expect(one.key).not.toBe(two.key);
  });
});
