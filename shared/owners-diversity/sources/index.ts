/** Every configured source's groups, from one view of the repository's files. */
import type { OwnersAlias } from '../../owners/aliases.js';
import type { OwnersDiversitySource } from '../../config/types.js';
import { emptyGroupSet, type FileView, type GroupSet } from '../model.js';
import { isOwnersPath, ownersGroups, OWNERS_ALIASES_PATH } from './owners.js';
import { markdownTableGroups } from './markdown-table.js';
import { projectsYamlGroups } from './projects-yaml.js';
import { sigsYamlGroups } from './sigs-yaml.js';

export { OWNERS_ALIASES_PATH, ownersGroupId, ROOT_GROUP_ID } from './owners.js';

/** Does `path` hold groups of one of the sources? */
export function isGroupFile(sources: readonly OwnersDiversitySource[], path: string): boolean {
  return sources.some((s) => (s.kind === 'owners' ? isOwnersPath(path, s.paths) : s.path === path));
}

/** The files the sources read, among `paths` (a tree listing). */
export function groupFiles(sources: readonly OwnersDiversitySource[], paths: readonly string[]): string[] {
  return paths.filter((p) => isGroupFile(sources, p));
}

/** Single-file sources each hold many groups; an OWNERS file holds one. */
export function holdsManyGroups(sources: readonly OwnersDiversitySource[], path: string): boolean {
  return sources.some((s) => s.kind !== 'owners' && s.path === path);
}

export function collectGroups(
  sources: readonly OwnersDiversitySource[],
  files: FileView,
  aliases: ReadonlyMap<string, OwnersAlias>,
): GroupSet {
  const all = emptyGroupSet();
  for (const source of sources) {
    let set: GroupSet;
    if (source.kind === 'owners') {
      set = ownersGroups(source, files, aliases);
    } else {
      const text = files.get(source.path);
      if (text == null) continue;
      if (source.kind === 'sigs-yaml') set = sigsYamlGroups(source, text);
      else if (source.kind === 'markdown-table') set = markdownTableGroups(source, text);
      else set = projectsYamlGroups(source, text);
    }
    all.groups.push(...set.groups);
    all.errors.push(...set.errors);
    all.notes.push(...set.notes);
  }
  return all;
}

export { isOwnersPath };
export const ALIASES_FILE = OWNERS_ALIASES_PATH;
