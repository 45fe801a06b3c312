import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { parseOwnersAliases } from '../../owners/aliases.js';
import { fixtureFiles, FIXTURES } from '../test-helpers.js';
import { collectGroups } from './index.js';
import { markdownTableGroups } from './markdown-table.js';
import { projectsYamlGroups } from './projects-yaml.js';
import { sigsYamlGroups } from './sigs-yaml.js';

const read = (path: string) => readFileSync(`${FIXTURES}/${path}`, 'utf8');

describe('sigs.yaml (kubernetes/community)', () => {
  const set = sigsYamlGroups(
    { path: 'sigs.yaml', roles: ['chairs', 'tech_leads'] },
    read('kubernetes-community/sigs.yaml'),
  );

  it('makes one group per sig, working group and committee, with ids as the spec defines', () => {
    expect(set.errors).toEqual([]);
    expect(set.groups.filter((g) => g.id.startsWith('committees/')).map((g) => g.id)).toEqual([
      'committees/committee-code-of-conduct',
      'committees/committee-security-response',
      'committees/committee-steering',
    ]);
    expect(set.groups.some((g) => g.id === 'sigs/sig-architecture')).toBe(true);
    expect(set.groups.some((g) => g.id.startsWith('workinggroups/'))).toBe(true);
  });

  it('counts chairs and tech leads with their company and line; emeritus leads never count', () => {
    const coc = set.groups.find((g) => g.id === 'committees/committee-code-of-conduct')!;
    expect(coc.members.map((m) => m.login)).toEqual([
      'AnaMMedina21',
      'divya-mohan0209',
      'endocrimes',
      'jeremyrickard',
      'stmcginnis',
    ]);
    expect(coc.members[4]).toMatchObject({
      company: 'Lambda, Inc',
      file: 'sigs.yaml',
      line: 3974,
      role: 'chairs',
    });
    expect(coc.members.some((m) => m.login === 'AevaOnline')).toBe(false); // emeritus_leads
  });

  it('reports a malformed entry with its line', () => {
    const bad = sigsYamlGroups(
      { path: 'sigs.yaml' },
      'sigs:\n  - dir: sig-x\n    leadership:\n      chairs:\n        - name: No Login\n',
    );
    expect(bad.errors[0].describe()).toBe(
      'sigs.yaml:5:11: sigs[0].leadership.chairs[0]: is missing "github"',
    );
  });
});

describe('Markdown table (istio/community WORKING-GROUPS.md)', () => {
  const set = markdownTableGroups({ path: 'WORKING-GROUPS.md' }, read('istio-community/WORKING-GROUPS.md'));
  const byId = new Map(set.groups.map((g) => [g.id, g]));

  it('makes one group per name in the Groups column, people linked to GitHub', () => {
    expect(set.errors).toEqual([]);
    expect(byId.get('Networking - Control Plane')!.members.map((m) => [m.login, m.company])).toEqual([
      ['ramaraochavali', 'Salesforce'],
      ['stevenctl', 'Solo.io'],
    ]);
    // "Security, Extensions and Telemetry": one person in two groups
    expect(byId.get('Security')!.members.map((m) => m.login)).toEqual(['lei-tang']);
    expect(byId.get('Extensions and Telemetry')!.members.map((m) => m.login)).toEqual(['zirain', 'lei-tang']);
  });

  it('counts a working group listed without any lead as a group of nobody', () => {
    expect(byId.get('Docs')).toMatchObject({ members: [], line: 27 });
  });

  it('fails on a row without a GitHub link, at its line', () => {
    const bad = markdownTableGroups(
      { path: 'WG.md' },
      '| Name | Company | Groups |\n|---|---|---|\n| Ann | ACME | Docs |\n',
    );
    expect(bad.errors[0].describe()).toMatch(/^WG\.md:3: the Name cell must link to a GitHub profile/);
  });
});

describe('OWNERS (kubernetes/test-infra)', () => {
  const files = fixtureFiles('kubernetes-owners/test-infra');
  const aliases = parseOwnersAliases(files.get('OWNERS_ALIASES')!, 'OWNERS_ALIASES').aliases;
  const set = collectGroups([{ kind: 'owners', paths: ['**/OWNERS'], roles: ['approvers'] }], files, aliases);
  const byId = new Map(set.groups.map((g) => [g.id, g]));

  it('reads all 239 files; one group per directory that names approvers', () => {
    expect(set.errors).toEqual([]);
    expect(set.groups.length).toBe(228);
    expect(byId.has('.')).toBe(true);
  });

  it('expands aliases (case-insensitively) and keeps the line naming the alias', () => {
    const labelSync = byId.get('label_sync')!;
    expect(labelSync.members.map((m) => m.login)).toContain('cblecker');
    const viaAlias = labelSync.members.filter(
      (m) => m.alias === 'sig-contributor-experience-technical-leads',
    );
    expect(viaAlias.length).toBeGreaterThan(0);
    expect(viaAlias.every((m) => m.line === 6)).toBe(true);
  });

  it('never counts emeritus approvers', () => {
    const labelSync = byId.get('label_sync')!;
    expect(labelSync.members.map((m) => m.login)).not.toContain('fejta');
    expect(labelSync.members.map((m) => m.login)).not.toContain('spiffxp');
  });
});

describe('projects.yaml (openstack/governance)', () => {
  const text = read('openstack-governance/reference/projects.yaml');
  const set = projectsYamlGroups({ path: 'reference/projects.yaml' }, text);

  it('makes one group per team with the PTL and the liaisons', () => {
    expect(set.errors).toEqual([]);
    expect(set.groups.length).toBe(42);
    expect(set.groups.every((g) => g.id.startsWith('teams/'))).toBe(true);
    const oslo = set.groups.find((g) => g.id === 'teams/oslo')!;
    expect(oslo.members.length).toBeGreaterThan(1);
    expect(oslo.members.every((m) => m.role !== 'ptl')).toBe(true); // distributed: no PTL
  });
});
