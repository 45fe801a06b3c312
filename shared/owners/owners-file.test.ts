import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { GovernanceError } from '../errors/governance-error.js';
import { compileFilterPattern, ownersForAllFiles, parseOwnersFile, type OwnersFile } from './owners-file.js';

const FIXTURES = fileURLToPath(new URL('../../test/fixtures/', import.meta.url));
const TEST_INFRA = `${FIXTURES}kubernetes-owners/test-infra/`;

function readFixture(relative: string): string {
  return readFileSync(FIXTURES + relative, 'utf8');
}

function logins(entries: { login: string }[]): string[] {
  return entries.map((entry) => entry.login);
}

function parseError(text: string, file = 'OWNERS'): GovernanceError {
  try {
    parseOwnersFile(text, file);
  } catch (error) {
    if (error instanceof GovernanceError) return error;
    throw error;
  }
  throw new Error('expected a GovernanceError');
}

describe('parseOwnersFile', () => {
  it('reads every list with the line of each entry', () => {
    const owners = parseOwnersFile(
      [
        '# comment',
        'approvers:',
        '  - alice',
        '  - Bob # a comment',
        'reviewers:',
        '- carol',
        'emeritus_approvers: [dave]',
        'labels:',
        '- sig/testing',
      ].join('\n'),
      'OWNERS',
    );
    expect(owners.approvers).toEqual([
      { login: 'alice', line: 3 },
      { login: 'bob', line: 4 },
    ]);
    expect(owners.reviewers).toEqual([{ login: 'carol', line: 6 }]);
    expect(owners.emeritusApprovers).toEqual([{ login: 'dave', line: 7 }]);
    expect(owners.labels).toEqual(['sig/testing']);
    expect(owners.noParentOwners).toBe(false);
    expect(owners.filters).toEqual([]);
    expect(owners.warnings).toEqual([]);
  });

  it.each([
    ['an empty file', ''],
    ['a comment-only file', '# See the OWNERS docs\n'],
    ['null lists', 'approvers:\nreviewers: null\nlabels: ~\nfilters:\noptions:\n'],
    ['empty lists', 'approvers: []\nreviewers: []\n'],
  ])('accepts %s as empty', (_name, text) => {
    const owners = parseOwnersFile(text, 'OWNERS');
    expect(owners.approvers).toEqual([]);
    expect(owners.reviewers).toEqual([]);
    expect(owners.warnings).toEqual([]);
  });

  it('keeps logins that YAML would read as numbers or booleans as written (lower-cased)', () => {
    const owners = parseOwnersFile('approvers:\n- 12345\n- true\n- 0x1F\n', 'OWNERS');
    expect(logins(owners.approvers)).toEqual(['12345', 'true', '0x1f']);
  });

  it('reads options and marks team references', () => {
    const owners = parseOwnersFile(
      'options:\n  no_parent_owners: true\nrequired_reviewers:\n- kubernetes/dep-approvers\n- alice\n',
      'OWNERS',
    );
    expect(owners.noParentOwners).toBe(true);
    expect(owners.requiredReviewers).toEqual([
      { login: 'kubernetes/dep-approvers', line: 4, team: true },
      { login: 'alice', line: 5 },
    ]);
  });

  it('reads filters with their patterns and lines', () => {
    const owners = parseOwnersFile(
      [
        'filters:',
        '  ".*":',
        '    approvers:',
        '    - alice',
        '  "go\\\\.(mod|sum)$":',
        '    required_reviewers:',
        '    - kubernetes/dep-approvers',
        '    labels: [area/dependency]',
        '  "\\\\.md$":',
      ].join('\n'),
      'OWNERS',
    );
    expect(owners.filters.map((f) => [f.pattern, f.line])).toEqual([
      ['.*', 2],
      ['go\\.(mod|sum)$', 5],
      ['\\.md$', 9],
    ]);
    expect(owners.filters[1]!.requiredReviewers).toEqual([
      { login: 'kubernetes/dep-approvers', line: 7, team: true },
    ]);
    expect(owners.filters[1]!.labels).toEqual(['area/dependency']);
    expect(owners.filters[2]!.approvers).toEqual([]);
  });

  it.each([
    ['an unknown top-level key', 'assignees:\n- alice\n', 'OWNERS:1:1: assignees: unknown key ignored'],
    [
      'an unknown option',
      'options:\n  no_parent: true\n',
      'OWNERS:2:3: options.no_parent: unknown option ignored',
    ],
    [
      'an unknown key in a filter',
      'filters:\n  ".*":\n    approver:\n    - a\n',
      'OWNERS:3:5: filters.".*".approver: unknown key ignored',
    ],
    ['an empty list item', 'approvers:\n- alice\n-\n', 'OWNERS:3:2: approvers[1]: empty list item ignored'],
    [
      'filters beside top-level lists',
      'approvers:\n- alice\nfilters:\n  ".*":\n    labels: [x]\n',
      'OWNERS:3:1: filters: filters and top-level lists in one file: Prow then ignores the filters; move the lists under filters.".*"',
    ],
    [
      'a filter pattern JavaScript cannot read',
      'filters:\n  "(?U)a+":\n    labels: [x]\n',
      'OWNERS:2:3: filters."(?U)a+": filter pattern is not a regular expression this tool can read; it matches nothing here',
    ],
  ])('warns about %s', (_name, text, warning) => {
    expect(parseOwnersFile(text, 'OWNERS').warnings).toEqual([warning]);
  });

  it('ignores security_contacts silently', () => {
    const owners = parseOwnersFile(
      'approvers: [a]\nsecurity_contacts:\n- github: a\n  email: a@example.com\n',
      'OWNERS',
    );
    expect(owners.warnings).toEqual([]);
  });

  it.each([
    ['a list that is a string', 'approvers: alice\n', 'OWNERS:1:12: approvers: expected a list'],
    ['a list that is a mapping', 'reviewers:\n  alice: true\n', 'OWNERS:2:3: reviewers: expected a list'],
    [
      'a nested list item',
      'approvers:\n- [alice]\n',
      'OWNERS:2:3: approvers[0]: list items must be plain strings',
    ],
    [
      'a non-boolean option',
      'options:\n  no_parent_owners: yes\n',
      'OWNERS:2:21: options.no_parent_owners: expected true or false',
    ],
    ['a list as the whole file', '- alice\n', 'OWNERS:1:1: an OWNERS file must be a mapping'],
    ['a scalar as the whole file', 'alice\n', 'OWNERS:1:1: an OWNERS file must be a mapping'],
    ['filters that are a list', 'filters:\n- a\n', 'OWNERS:2:1: filters: filters must be a mapping'],
    [
      'options inside a filter',
      'filters:\n  ".*":\n    options: {}\n',
      'OWNERS:3:5: filters.".*".options: options is not allowed inside a filter',
    ],
    [
      'a duplicate key',
      'approvers: [a]\napprovers: [b]\n',
      'OWNERS:2:1: invalid YAML: Map keys must be unique',
    ],
    ['a tab indentation', 'approvers:\n\t- a\n', 'OWNERS:2:1: invalid YAML'],
  ])('rejects %s', (_name, text, described) => {
    expect(parseError(text).describe()).toContain(described);
  });

  it('rejects the k/k vendor/OWNERS defect (first line without #) at line 1', () => {
    const error = parseError(readFixture('owners-invalid/vendor-missing-hash/OWNERS'), 'vendor/OWNERS');
    expect(error.location).toMatchObject({ file: 'vendor/OWNERS', line: 1, column: 1 });
    expect(error.describe()).toMatch(/^vendor\/OWNERS:1:1: invalid YAML: /);
  });
});

describe('ownersForAllFiles', () => {
  it('merges the top-level lists with the ".*" filter, without duplicates', () => {
    const owners = parseOwnersFile(
      'approvers: [alice]\nfilters:\n  ".*":\n    approvers: [ALICE, bob]\n  "\\\\.go$":\n    approvers: [carol]\n',
      'OWNERS',
    );
    expect(logins(ownersForAllFiles(owners).approvers)).toEqual(['alice', 'bob']);
  });
});

describe('compileFilterPattern', () => {
  it.each([
    ['.*', 'any/path', true],
    ['\\.go$', 'pkg/main.go', true],
    ['\\.go$', 'pkg/main.golden', false],
    ['go\\.(mod|sum)$', 'go.sum', true],
    ['(?i)charter.md', 'CHARTER.md', true],
    ['^sig-contribex-', 'sig-contribex-k8s-triage-robot.yaml', true],
  ])('%s on %s is %s', (pattern, path, matches) => {
    expect(compileFilterPattern(pattern)!.test(path)).toBe(matches);
  });

  it.each([['(?U)a+'], ['(unclosed'], ['[z-a]']])('cannot read %s', (pattern) => {
    expect(compileFilterPattern(pattern)).toBeNull();
  });
});

describe('the real kubernetes/test-infra OWNERS files', () => {
  const paths = readdirSync(TEST_INFRA, { recursive: true, encoding: 'utf8' })
    .filter((path) => path === 'OWNERS' || path.endsWith('/OWNERS'))
    .sort();
  const parsed = new Map<string, OwnersFile>(
    paths.map((path) => [path, parseOwnersFile(readFileSync(TEST_INFRA + path, 'utf8'), path)]),
  );

  it('parses all 239 without errors or warnings', () => {
    expect(paths).toHaveLength(239);
    expect([...parsed.values()].flatMap((owners) => owners.warnings)).toEqual([]);
  });

  it('reads the root file', () => {
    const root = parsed.get('OWNERS')!;
    expect(logins(root.approvers)).toEqual(['aojea', 'bentheelder', 'dims', 'michelle192837', 'upodroid']);
    expect(root.approvers[0]).toEqual({ login: 'aojea', line: 9 });
    expect(root.emeritusApprovers).toHaveLength(9);
    expect(root.labels).toEqual(['sig/testing']);
  });

  it('reads options and filters (sig-k8s-infra/trusted)', () => {
    const trusted = parsed.get('config/jobs/kubernetes/sig-k8s-infra/trusted/OWNERS')!;
    expect(trusted.noParentOwners).toBe(true);
    expect(trusted.approvers).toEqual([]);
    expect(trusted.filters.map((filter) => filter.pattern)).toEqual(['.*', '^sig-contribex-']);
    expect(logins(ownersForAllFiles(trusted).approvers)).toEqual(['sig-k8s-infra-leads']);
    expect(trusted.filters[1]!.requiredReviewers).toEqual([
      { login: 'sig-contributor-experience-technical-leads', line: 18 },
    ]);
  });

  it('finds no_parent_owners where it is set, and the three files with filters', () => {
    const withFilters = paths.filter((path) => parsed.get(path)!.filters.length > 0);
    expect(withFilters).toEqual([
      'config/jobs/kubernetes/sig-k8s-infra/trusted/OWNERS',
      'config/prow/OWNERS',
      'label_sync/OWNERS',
    ]);
    expect(parsed.get('config/jobs/image-pushing/OWNERS')!.noParentOwners).toBe(true);
    expect(
      paths.every((path) => parsed.get(path)!.filters.every((f) => compileFilterPattern(f.pattern) !== null)),
    ).toBe(true);
  });
});

describe('properties', () => {
  const fragments = fc.constantFrom(
    'approvers:',
    'reviewers:',
    'filters:',
    'options:',
    'labels:',
    'no_parent_owners:',
    '".*":',
    ' ',
    '  ',
    '\n',
    '- ',
    'alice',
    'null',
    'true',
    '[',
    ']',
    '{',
    '}',
    ',',
    '#',
    '&a ',
    '*a',
    '"',
    "'",
    ':',
    '?',
    '\t',
    '---',
    '...',
    '!!str ',
  );
  const texts = fc.oneof(
    fc.string({ maxLength: 120 }),
    fc.array(fragments, { maxLength: 40 }).map((parts) => parts.join('')),
  );

  it('any text parses or throws a GovernanceError, never another exception', () => {
    fc.assert(
      fc.property(texts, (text) => {
        try {
          const owners = parseOwnersFile(text, 'OWNERS');
          for (const entry of [...owners.approvers, ...owners.reviewers, ...owners.emeritusApprovers]) {
            expect(entry.login).not.toBe('');
            expect(entry.line).toBeGreaterThanOrEqual(1);
          }
        } catch (error) {
          expect(error).toBeInstanceOf(GovernanceError);
          expect((error as GovernanceError).location?.file).toBe('OWNERS');
        }
      }),
      { numRuns: 400 },
    );
  });
});
