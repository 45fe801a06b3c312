import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { GovernanceError } from '../errors/governance-error.js';
import { expandAliases, parseOwnersAliases } from './aliases.js';
import { ownersForAllFiles, parseOwnersFile } from './owners-file.js';

const FIXTURES = fileURLToPath(new URL('../../test/fixtures/', import.meta.url));
const readFixture = (relative: string) => readFileSync(FIXTURES + relative, 'utf8');
const logins = (entries: { login: string }[]) => entries.map((entry) => entry.login);

const ALIASES_TEXT = [
  'aliases:',
  '  sig-foo:',
  '    - alice',
  '    - Bob',
  '  Sig-Bar:',
  '    - bob',
  '    - carol',
  '  empty: []',
  '  nothing:',
  '  teams:',
  '    - kubernetes/dep-approvers',
].join('\n');

describe('parseOwnersAliases', () => {
  it('reads aliases keyed by lowercased name, with lines', () => {
    const { aliases, warnings } = parseOwnersAliases(ALIASES_TEXT, 'OWNERS_ALIASES');
    expect([...aliases.keys()]).toEqual(['sig-foo', 'sig-bar', 'empty', 'nothing', 'teams']);
    expect(aliases.get('sig-bar')).toEqual({
      name: 'Sig-Bar',
      line: 5,
      members: [
        { login: 'bob', line: 6 },
        { login: 'carol', line: 7 },
      ],
    });
    expect(aliases.get('empty')!.members).toEqual([]);
    expect(aliases.get('nothing')!.members).toEqual([]);
    expect(aliases.get('teams')!.members).toEqual([
      { login: 'kubernetes/dep-approvers', line: 11, team: true },
    ]);
    expect(warnings).toEqual([]);
  });

  it.each([
    ['an empty file', ''],
    ['null aliases', 'aliases:\n'],
  ])('accepts %s', (_name, text) => {
    expect(parseOwnersAliases(text, 'OWNERS_ALIASES').aliases.size).toBe(0);
  });

  it('warns about unknown keys and aliases repeated in another case', () => {
    const { aliases, warnings } = parseOwnersAliases(
      'aliases:\n  a: [x]\n  A: [y]\nextra: 1\n',
      'OWNERS_ALIASES',
    );
    expect(aliases.get('a')!.members).toEqual([{ login: 'x', line: 2 }]);
    expect(warnings).toEqual([
      'OWNERS_ALIASES:3:3: aliases.A: alias "A" repeats "a" (line 2) in another case; the first is used',
      'OWNERS_ALIASES:4:1: extra: unknown key ignored',
    ]);
  });

  it.each([
    ['aliases as a list', 'aliases:\n- a\n', 'OWNERS_ALIASES:2:1: aliases: aliases must be a mapping'],
    ['an alias as a string', 'aliases:\n  a: bob\n', 'OWNERS_ALIASES:2:6: aliases.a: expected a list'],
    ['invalid YAML', 'aliases:\n  a: [b\n', 'OWNERS_ALIASES:3:1: invalid YAML'], // reported where the input ends,
  ])('rejects %s', (_name, text, described) => {
    expect(() => parseOwnersAliases(text, 'OWNERS_ALIASES')).toThrow(GovernanceError);
    try {
      parseOwnersAliases(text, 'OWNERS_ALIASES');
    } catch (error) {
      expect((error as GovernanceError).describe()).toContain(described);
    }
  });
});

describe('expandAliases', () => {
  const aliases = parseOwnersAliases(ALIASES_TEXT, 'OWNERS_ALIASES');

  it('replaces alias names by members, case-insensitively, with logins lower-cased as Prow reads them', () => {
    const entries = [
      { login: 'SIG-FOO', line: 3 },
      { login: 'sig-bar', line: 4 },
      { login: 'ALICE', line: 5 },
      { login: 'dave', line: 6 },
    ];
    expect(expandAliases(entries, aliases)).toEqual([
      { login: 'alice', line: 3, alias: 'sig-foo' },
      { login: 'bob', line: 3, alias: 'sig-foo' },
      { login: 'carol', line: 4, alias: 'Sig-Bar' },
      { login: 'dave', line: 6 },
    ]);
  });

  it('keeps team references and drops empty aliases', () => {
    const entries = [
      { login: 'teams', line: 1 },
      { login: 'empty', line: 2 },
      { login: 'kubernetes/other-team', line: 3, team: true as const },
    ];
    expect(expandAliases(entries, aliases)).toEqual([
      { login: 'kubernetes/dep-approvers', line: 1, team: true, alias: 'teams' },
      { login: 'kubernetes/other-team', line: 3, team: true },
    ]);
  });

  it('expands nested aliases and survives cycles', () => {
    const nested = parseOwnersAliases(
      'aliases:\n  a: [b, x]\n  b: [a, y, c]\n  c: [c, z]\n',
      'OWNERS_ALIASES',
    );
    expect(logins(expandAliases([{ login: 'a', line: 9 }], nested))).toEqual(['y', 'z', 'x']);
    expect(expandAliases([{ login: 'c', line: 9 }], nested)).toEqual([{ login: 'z', line: 9, alias: 'c' }]);
  });

  it('stays fast on a deep diamond of nested aliases', () => {
    const lines = ['aliases:'];
    for (let level = 0; level < 40; level++)
      lines.push(
        `  l${level}: [l${level + 1}, m${level + 1}]`,
        `  m${level}: [l${level + 1}, m${level + 1}]`,
      );
    lines.push('  l40: [someone]', '  m40: [someone-else]');
    const deep = parseOwnersAliases(lines.join('\n'), 'OWNERS_ALIASES');
    expect(logins(expandAliases([{ login: 'l0', line: 1 }], deep))).toEqual(['someone', 'someone-else']);
  });
});

describe('the real OWNERS_ALIASES files', () => {
  it('reads kubernetes/test-infra (55 aliases) and expands an OWNERS file with it', () => {
    const aliases = parseOwnersAliases(
      readFixture('kubernetes-owners/test-infra/OWNERS_ALIASES'),
      'OWNERS_ALIASES',
    );
    expect(aliases.aliases.size).toBe(55);
    expect(aliases.warnings).toEqual([]);
    const trusted = parseOwnersFile(
      readFixture('kubernetes-owners/test-infra/config/jobs/kubernetes/sig-k8s-infra/trusted/OWNERS'),
      'config/jobs/kubernetes/sig-k8s-infra/trusted/OWNERS',
    );
    const approvers = expandAliases(ownersForAllFiles(trusted).approvers, aliases);
    expect(logins(approvers)).toEqual(['ameukam', 'genpage', 'hakman', 'upodroid', 'xmudrii']);
    expect(approvers.every((entry) => entry.line === 10 && entry.alias === 'sig-k8s-infra-leads')).toBe(true);
  });

  it('reads kubevirt/community: aliases named reviewers/approvers, empty aliases, emeritus aliases', () => {
    const { aliases, warnings } = parseOwnersAliases(
      readFixture('kubevirt-community/OWNERS_ALIASES'),
      'OWNERS_ALIASES',
    );
    expect(warnings).toEqual([]);
    expect(aliases.size).toBe(30);
    expect(logins(aliases.get('reviewers')!.members)).toEqual(['aburdenthehand', 'dhiller', 'jean-edouard']);
    expect(aliases.get('approvers')!.members).toHaveLength(8);
    expect(aliases.get('sig-api-approvers')!.members).toEqual([]);
    expect(aliases.get('sig-test-emeritus_approvers')!.members).toEqual([{ login: 'alonakaplan', line: 45 }]);
    // An OWNERS file that lists "reviewers" as a reviewer means the alias.
    expect(logins(expandAliases([{ login: 'reviewers', line: 1 }], aliases))).toEqual([
      'aburdenthehand',
      'dhiller',
      'jean-edouard',
    ]);
  });
});

describe('properties', () => {
  const fragments = fc.constantFrom(
    'aliases:',
    '\n',
    '  ',
    '- ',
    'a:',
    'b:',
    'x',
    '[',
    ']',
    'null',
    '#',
    '&r ',
    '*r',
    ':',
    '\t',
    '{',
    '}',
  );
  const texts = fc.oneof(
    fc.string({ maxLength: 120 }),
    fc.array(fragments, { maxLength: 40 }).map((parts) => parts.join('')),
  );

  it('any text parses or throws a GovernanceError, and expansion terminates', () => {
    fc.assert(
      fc.property(texts, (text) => {
        try {
          const aliases = parseOwnersAliases(text, 'OWNERS_ALIASES');
          const everyAlias = [...aliases.aliases.values()].map((alias) => ({
            login: alias.name,
            line: alias.line,
          }));
          for (const entry of expandAliases(everyAlias, aliases))
            expect(aliases.aliases.has(entry.login.toLowerCase())).toBe(false);
        } catch (error) {
          expect(error).toBeInstanceOf(GovernanceError);
        }
      }),
      { numRuns: 400 },
    );
  });
});
