/**
 * OWNERS and OWNERS_ALIASES mean what Prow's pkg/repoowners says they mean
 * (docs/owners-diversity-check.md "OWNERS semantics"). Inputs written from the behaviours Prow
 * documents: `@` and case in logins, alias names with a slash, flow-style alias sets, the
 * preconfigured directory denylist, and files whose approvers are all in filters.
 */
import { describe, expect, it } from '@jest/globals';
import type { GovernanceError } from '../errors/governance-error.js';
import { expandAliases, parseOwnersAliases } from './aliases.js';
import { isDeniedOwnersPath, ownersForAllFiles, parseOwnersFile } from './owners-file.js';
import { ownersGroups } from '../owners-diversity/sources/owners.js';

const logins = (entries: { login: string }[]) => entries.map((entry) => entry.login);
const filesOf = (record: Record<string, string>) => new Map(Object.entries(record));

describe('logins as Prow normalises them', () => {
  it('strips a leading @ and lower-cases, so @Alice and alice are one person', () => {
    const owners = parseOwnersFile(
      'reviewers: [alice, "@CJWagner"]\napprovers: ["@Alice", alice]\n',
      'OWNERS',
    );
    expect(logins(owners.reviewers)).toEqual(['alice', 'cjwagner']);
    expect(logins(ownersForAllFiles(owners).approvers)).toEqual(['alice']);
  });

  it('normalises alias members and alias names the same way', () => {
    const { aliases } = parseOwnersAliases('aliases:\n  "@Sig-Leads": ["@Bob", carol]\n', 'OWNERS_ALIASES');
    expect(logins(aliases.get('sig-leads')!.members)).toEqual(['bob', 'carol']);
    const owners = parseOwnersFile('approvers: ["@SIG-leads", bob]\n', 'OWNERS');
    expect(logins(expandAliases(ownersForAllFiles(owners).approvers, aliases))).toEqual(['bob', 'carol']);
  });
});

describe('alias names containing a slash', () => {
  const { aliases } = parseOwnersAliases('aliases:\n  team/t1: [u1, u2]\n', 'OWNERS_ALIASES');

  it('are expanded as aliases, not taken for GitHub teams', () => {
    const owners = parseOwnersFile('approvers: [team/t1, kubernetes/dep-approvers]\n', 'OWNERS');
    expect(expandAliases(ownersForAllFiles(owners).approvers, aliases)).toEqual([
      { login: 'u1', line: 1, alias: 'team/t1' },
      { login: 'u2', line: 1, alias: 'team/t1' },
      { login: 'kubernetes/dep-approvers', line: 1, team: true },
    ]);
  });

  it('make an OWNERS group of the alias members', () => {
    const set = ownersGroups(
      { paths: ['**/OWNERS'] },
      filesOf({ 'a/OWNERS': 'approvers: [Team/T1]\n' }),
      aliases,
    );
    expect(set.groups.map((g) => [g.id, logins(g.members), g.aliasesUsed])).toEqual([
      ['a', ['u1', 'u2'], ['team/t1']],
    ]);
    expect(set.notes).toEqual([]);
  });
});

describe('flow-style alias sets', () => {
  it('read {alice, bob} as the members alice and bob, and {} as an empty alias', () => {
    const { aliases, warnings } = parseOwnersAliases(
      'aliases:\n  team1: {alice, "@Bob"}\n  team2: {}\n  team3: [carol]\n',
      'OWNERS_ALIASES',
    );
    expect(aliases.get('team1')!.members).toEqual([
      { login: 'alice', line: 2 },
      { login: 'bob', line: 2 },
    ]);
    expect(aliases.get('team2')!.members).toEqual([]);
    expect(logins(aliases.get('team3')!.members)).toEqual(['carol']);
    expect(warnings).toEqual([]);
  });

  it('still reject a set whose member is given a value, with its line', () => {
    let described = '';
    try {
      parseOwnersAliases('aliases:\n  team1: {alice: 1}\n', 'OWNERS_ALIASES');
    } catch (error) {
      described = (error as GovernanceError).describe();
    }
    expect(described).toMatch(/^OWNERS_ALIASES:2:\d+: aliases\.team1\.alice: an alias set lists logins only/);
  });
});

describe("Prow's preconfigured directory denylist", () => {
  it.each([
    ['vendor/k8s.io/client-go/OWNERS', true],
    ['staging/vendor/a/b/OWNERS', true],
    ['vendor/OWNERS', false],
    ['vendor/k8s.io/OWNERS', false],
    ['build/_output/OWNERS', true],
    ['sub/.git/OWNERS', true],
    ['pkg/OWNERS', false],
    ['OWNERS', false],
  ])('%s denied: %s', (path, denied) => {
    expect(isDeniedOwnersPath(path)).toBe(denied);
  });

  it('never makes a group of an OWNERS file under vendor/*/*', () => {
    const set = ownersGroups(
      { paths: ['**/OWNERS'] },
      filesOf({
        OWNERS: 'approvers: [root]\n',
        'vendor/k8s.io/client-go/OWNERS': 'approvers: [someone]\n',
        'vendor/k8s.io/client-go/broken/OWNERS': 'approvers: [\n',
      }),
      new Map(),
    );
    expect(set.groups.map((g) => g.id)).toEqual(['.']);
    expect(set.errors).toEqual([]);
  });
});

describe('files whose approvers are all in filters', () => {
  it('with no_parent_owners, make a group of the filter approvers rather than an empty group', () => {
    const set = ownersGroups(
      { paths: ['**/OWNERS'] },
      filesOf({
        'docs/OWNERS': [
          'options:',
          '  no_parent_owners: true',
          'filters:',
          '  "\\\\.md$":',
          '    approvers: [ann, ben]',
          '  "\\\\.png$":',
          '    approvers: [cat]',
          '',
        ].join('\n'),
      }),
      new Map(),
    );
    expect(set.groups.map((g) => [g.id, logins(g.members)])).toEqual([['docs', ['ann', 'ben', 'cat']]]);
  });

  it('with only a ".*\\.md" filter, make a group for the Markdown files they lead', () => {
    const set = ownersGroups(
      { paths: ['**/OWNERS'] },
      filesOf({ 'site/OWNERS': 'filters:\n  ".*\\\\.md":\n    approvers: [dana, eve]\n' }),
      new Map(),
    );
    expect(set.groups.map((g) => [g.id, logins(g.members)])).toEqual([['site', ['dana', 'eve']]]);
  });

  it('but approvers of every file keep file-specific filters out of the group', () => {
    const set = ownersGroups(
      { paths: ['**/OWNERS'] },
      filesOf({
        OWNERS: 'filters:\n  ".*":\n    approvers: [ann]\n  "go\\\\.(mod|sum)$":\n    approvers: [dep]\n',
      }),
      new Map(),
    );
    expect(set.groups.map((g) => [g.id, logins(g.members)])).toEqual([['.', ['ann']]]);
  });
});
