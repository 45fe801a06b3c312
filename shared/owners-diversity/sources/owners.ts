/**
 * Kubernetes OWNERS files as groups: one group per file, id = its directory ('.' for the root).
 * Members are the configured roles (approvers, reviewers) that apply to every file of the
 * directory: the top-level lists plus the `".*"` filter, which is how the Kubernetes root files
 * write them. Filters for particular files (`go\.(mod|sum)$`) name reviewers for those files
 * only and are not the directory's leadership, unless nobody is named for every file: then the
 * filters' people are the group (a docs folder led through a `".*\.md"` filter). `emeritus_approvers`
 * never count. Aliases come from the root OWNERS_ALIASES. A file without anyone in the roles
 * inherits its parent's owners and is not a group of its own, unless it sets `no_parent_owners`.
 * Files Prow never loads (its preconfigured directory denylist: `vendor/*\/*`, `_output`, `.git`)
 * are not read. docs/owners-diversity-check.md "OWNERS semantics" says where this differs from Prow.
 */
import { minimatch } from 'minimatch';
import { expandAliases, type OwnersAlias } from '../../owners/aliases.js';
import {
  isDeniedOwnersPath,
  ownersForAllFiles,
  ownersForAnyFile,
  parseOwnersFile,
  type OwnersLists,
} from '../../owners/owners-file.js';
import { GovernanceError } from '../../errors/governance-error.js';
import { addMember, emptyGroupSet, type FileView, type Group, type GroupSet } from '../model.js';

export const OWNERS_ALIASES_PATH = 'OWNERS_ALIASES';
export const ROOT_GROUP_ID = '.';
const DEFAULT_ROLES = ['approvers'] as const;

export function isOwnersPath(path: string, globs: readonly string[]): boolean {
  return globs.some((glob) => minimatch(path, glob, { dot: true }));
}

export function ownersGroupId(path: string): string {
  const slash = path.lastIndexOf('/');
  return slash < 0 ? ROOT_GROUP_ID : path.slice(0, slash);
}

export function ownersGroups(
  source: { paths: string[]; roles?: ('approvers' | 'reviewers')[] },
  files: FileView,
  aliases: ReadonlyMap<string, OwnersAlias>,
): GroupSet {
  const result = emptyGroupSet();
  const roles = source.roles?.length ? source.roles : DEFAULT_ROLES;
  const matching = [...files.keys()].filter((p) => files.get(p) != null && isOwnersPath(p, source.paths));
  const paths = matching.filter((p) => !isDeniedOwnersPath(p)).sort();
  const denied = matching.length - paths.length;
  if (denied > 0) {
    result.notes.push(
      `${denied} OWNERS file(s) under vendor/*/*, _output or .git not read: Prow never loads them`,
    );
  }
  for (const file of paths) {
    let parsed;
    try {
      parsed = parseOwnersFile(files.get(file)!, file);
    } catch (error) {
      if (error instanceof GovernanceError) {
        result.errors.push(error);
        continue;
      }
      throw error;
    }
    let lists: OwnersLists = ownersForAllFiles(parsed);
    const names = (l: OwnersLists) => roles.some((role) => l[role].length > 0);
    if (!names(lists) && names(ownersForAnyFile(parsed))) {
      lists = ownersForAnyFile(parsed);
      const patterns = parsed.filters.filter((f) => roles.some((role) => f[role].length > 0));
      result.notes.push(
        `${file}: nobody is named for every file; the group is the people of its filters (${patterns.map((f) => JSON.stringify(f.pattern)).join(', ')})`,
      );
    }
    const group: Group = {
      id: ownersGroupId(file),
      kind: 'owners',
      file,
      line: 1,
      members: [],
      aliasesUsed: [],
    };
    for (const role of roles) {
      for (const entry of lists[role]) {
        if (aliases.has(entry.login.toLowerCase())) group.aliasesUsed!.push(entry.login.toLowerCase());
      }
      for (const entry of expandAliases(lists[role], aliases)) {
        if (entry.team) {
          result.notes.push(`${file}:${entry.line}: team ${entry.login} is not a person and is not counted`);
          continue;
        }
        addMember(group.members, {
          login: entry.login,
          file,
          line: entry.line,
          role,
          ...(entry.alias ? { alias: entry.alias } : {}),
        });
      }
    }
    group.line = group.members[0]?.line ?? 1;
    if (group.members.length > 0 || parsed.noParentOwners) result.groups.push(group);
  }
  return result;
}
