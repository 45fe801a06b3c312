/**
 * Kubernetes `sigs.yaml` leadership as groups: every entry of `sigs`, `workinggroups` and
 * `committees` is a group with id `<list>/<dir>` (`committees/committee-steering`); its members
 * are the configured `leadership` roles (chairs, tech_leads), each with the `company` written
 * beside them. `emeritus_leads` never count.
 */
import { isMap, isScalar, isSeq, type Node, type YAMLMap } from 'yaml';
import { GovernanceError, nodeLocation, parseYamlDocument } from '../../errors/governance-error.js';
import { INPUT_LIMITS, checkInputSize } from '../../errors/input-limits.js';
import { addMember, emptyGroupSet, type Group, type GroupSet } from '../model.js';

export const SIGS_YAML_LISTS = ['sigs', 'workinggroups', 'committees'] as const;
const DEFAULT_ROLES = ['chairs', 'tech_leads'] as const;

export function sigsYamlGroups(
  source: { path: string; roles?: ('chairs' | 'tech_leads')[] },
  text: string,
): GroupSet {
  const file = source.path;
  const roles = source.roles?.length ? source.roles : DEFAULT_ROLES;
  const result = emptyGroupSet();
  try {
    checkInputSize(text, file, INPUT_LIMITS.sigsYaml, 'sigs.yaml');
    const document = parseYamlDocument(text, file);
    const at = (node: Node | null | undefined, keyPath: string) => nodeLocation(node, text, file, keyPath);
    const lineOf = (node: Node | null | undefined) => at(node, '').line ?? 1;
    const root = document.contents as Node | null;
    if (!isMap(root))
      throw new GovernanceError(
        'sigs.yaml must be a mapping with sigs, workinggroups and committees',
        // an empty file has no node to point at: its first line
        { line: 1, ...at(root, '') },
      );
    for (const list of SIGS_YAML_LISTS) {
      const entries = get(root, list);
      if (entries === undefined || entries === null || (isScalar(entries) && entries.value === null))
        continue;
      if (!isSeq(entries)) throw new GovernanceError('must be a list', at(entries, list));
      entries.items.forEach((item, index) => {
        const path = `${list}[${index}]`;
        const node = item as Node;
        if (!isMap(node)) throw new GovernanceError('must be a mapping', at(node, path));
        const dir = scalarText(get(node, 'dir'));
        if (!dir) throw new GovernanceError('is missing "dir"', at(node, path));
        const group: Group = {
          id: `${list}/${dir}`,
          kind: 'sigs-yaml',
          file,
          line: lineOf(node),
          members: [],
        };
        const leadership = get(node, 'leadership');
        if (leadership != null && !(isScalar(leadership) && leadership.value === null)) {
          if (!isMap(leadership))
            throw new GovernanceError('must be a mapping', at(leadership, `${path}.leadership`));
          for (const role of roles) {
            const people = get(leadership, role);
            if (people == null || (isScalar(people) && people.value === null)) continue;
            const rolePath = `${path}.leadership.${role}`;
            if (!isSeq(people)) throw new GovernanceError('must be a list of people', at(people, rolePath));
            people.items.forEach((person, i) => {
              const personNode = person as Node;
              if (!isMap(personNode))
                throw new GovernanceError(
                  'must be {github, name, company}',
                  at(personNode, `${rolePath}[${i}]`),
                );
              const login = scalarText(get(personNode, 'github'));
              if (!login)
                throw new GovernanceError('is missing "github"', at(personNode, `${rolePath}[${i}]`));
              const company = scalarText(get(personNode, 'company'));
              addMember(group.members, {
                login,
                file,
                line: lineOf(personNode),
                role,
                ...(company ? { company } : {}),
              });
            });
          }
        }
        result.groups.push(group);
      });
    }
  } catch (error) {
    if (!(error instanceof GovernanceError)) throw error;
    result.errors.push(error);
    result.groups = [];
  }
  return result;
}

function get(map: YAMLMap | Node, key: string): Node | null | undefined {
  if (!isMap(map)) return undefined;
  const pair = map.items.find((p) => isScalar(p.key) && p.key.value === key);
  return pair ? ((pair.value as Node | null) ?? null) : undefined;
}

function scalarText(node: Node | null | undefined): string {
  return isScalar(node) && node.value !== null && node.value !== undefined ? String(node.value).trim() : '';
}
