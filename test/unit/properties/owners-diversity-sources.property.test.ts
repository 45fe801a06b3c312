/**
 * The owners-diversity sources that read one file (Kubernetes sigs.yaml, a Markdown table of
 * leads, OpenStack projects.yaml) never throw: whatever the text, they return groups, or report
 * the problem as a GovernanceError naming the file and the line.
 */
import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import type { GroupSet } from '../../../shared/owners-diversity/model.js';
import { markdownTableGroups } from '../../../shared/owners-diversity/sources/markdown-table.js';
import { projectsYamlGroups } from '../../../shared/owners-diversity/sources/projects-yaml.js';
import { sigsYamlGroups } from '../../../shared/owners-diversity/sources/sigs-yaml.js';
import { expectGovernanceError, fixture, nearValid, RUNS, tokenSoup } from './mutations.js';

const SIGS = fixture('kubernetes-community/sigs.yaml');
const TABLE = fixture('istio-community/WORKING-GROUPS.md');
const PROJECTS = fixture('openstack-governance/reference/projects.yaml');

/** Groups or errors, never an exception; errors at the file and a line in it; members with lines. */
function expectGroupsOrErrors(set: GroupSet, file: string, text: string): void {
  for (const error of set.errors) expectGovernanceError(error, text, { file, line: true });
  for (const group of set.groups) {
    expect(group.id).not.toBe('');
    for (const member of group.members) {
      expect(member.login).not.toBe('');
      expect(member.line).toBeGreaterThanOrEqual(1);
    }
  }
}

describe('sigs.yaml source (property)', () => {
  const file = 'sigs.yaml';
  const check = (text: string) => expectGroupsOrErrors(sigsYamlGroups({ path: file }, text), file, text);

  it('mutations of the real kubernetes/community sigs.yaml', () => {
    fc.assert(fc.property(nearValid([SIGS], 80), check), { numRuns: RUNS });
  });

  it('YAML-ish token soup', () => {
    const words = [
      'sigs:',
      'committees:',
      '- dir: sig-x',
      'leadership:',
      'chairs:',
      'tech_leads:',
      'github: a',
      'company: X',
    ];
    fc.assert(fc.property(tokenSoup(words), check), { numRuns: RUNS });
  });
});

describe('Markdown table source (property)', () => {
  const file = 'WORKING-GROUPS.md';
  const check = (text: string) => expectGroupsOrErrors(markdownTableGroups({ path: file }, text), file, text);

  it('mutations of the real istio/community WORKING-GROUPS.md', () => {
    fc.assert(fc.property(nearValid([TABLE], 80), check), { numRuns: RUNS });
  });

  it('table-ish token soup', () => {
    const words = [
      '|',
      ' | ',
      '\\|',
      '---|',
      ':-:',
      'Name',
      'Company',
      'Groups',
      'Group',
      '[a](https://github.com/a)',
      '<br>',
      '&nbsp;',
    ];
    fc.assert(fc.property(tokenSoup(words, 60), check), { numRuns: RUNS });
  });
});

describe('projects.yaml source (property)', () => {
  const file = 'reference/projects.yaml';
  const check = (text: string) =>
    expectGroupsOrErrors(projectsYamlGroups({ path: file, roles: ['ptl', 'release'] }, text), file, text);

  it('mutations of the real openstack/governance projects.yaml', () => {
    fc.assert(fc.property(nearValid([PROJECTS], 80), check), { numRuns: RUNS });
  });
});

describe('counterexamples found by the properties', () => {
  it('an empty sigs.yaml is reported at line 1 (had no line)', () => {
    const set = sigsYamlGroups({ path: 'sigs.yaml' }, '');
    expect(set.errors.map((e) => e.describe())).toEqual([
      'sigs.yaml:1: sigs.yaml must be a mapping with sigs, workinggroups and committees',
    ]);
  });
});
