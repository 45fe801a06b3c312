/**
 * Reads an organisation-wide audit (docs/owners-diversity-check.md "Across an organisation"): for
 * each selected repository its default branch, one recursive tree listing and its group files in
 * batched GraphQL blob reads; the workflow repository's affiliation files and audit issue as in a
 * one-repository audit. A repository that cannot be read is recorded with the reason (decide fails
 * the audit naming it); the others are still read.
 */
import type { OwnersDiversityConfig } from '../config/types.js';
import type { RepoClient } from '../github/repo.js';
import { repoView } from '../github/repo-view.js';
import { gatherAudit, readBlobs } from './gather.js';
import type { OrgAuditSnapshot, OrgRepository, UnreadableFile } from './snapshot.js';
import { ALIASES_FILE, groupFiles } from './sources/index.js';

export async function gatherOrgRepository(
  gh: RepoClient,
  name: string,
  config: OwnersDiversityConfig,
): Promise<OrgRepository> {
  const view = repoView(gh, name);
  try {
    const branch = await view.defaultBranch();
    const tree = (await view.listTree(branch)).map((e) => e.path);
    const paths = groupFiles(config.sources, tree);
    if (config.sources.some((s) => s.kind === 'owners') && tree.includes(ALIASES_FILE))
      paths.push(ALIASES_FILE);
    const reads = await readBlobs(
      view,
      paths.map((path) => ({ ref: branch, path })),
    );
    const files = new Map<string, string | null>();
    const unreadable: UnreadableFile[] = [];
    reads.forEach((read, i) => {
      const path = paths[i]!;
      if ('text' in read) files.set(path, read.text);
      // listed by the tree, so never absent (fail closed)
      else
        unreadable.push({
          path,
          ref: branch,
          reason: 'unreadable' in read ? read.unreadable : 'it is listed there but could not be found',
        });
    });
    return { name, files, unreadable };
  } catch (error) {
    const status = (error as { status?: number }).status;
    const reason =
      status === 404
        ? 'GitHub answers 404: it does not exist or the token cannot see it'
        : error instanceof Error
          ? error.message
          : String(error);
    return { name, files: new Map(), unreadable: [], error: reason };
  }
}

/** Each repository in turn (one at a time: GitHub's secondary limits punish bursts). */
export async function gatherOrgRepositories(
  gh: RepoClient,
  names: readonly string[],
  config: OwnersDiversityConfig,
): Promise<OrgRepository[]> {
  const repos: OrgRepository[] = [];
  for (const name of names) repos.push(await gatherOrgRepository(gh, name, config));
  return repos;
}

/** The audit around repositories already read: the workflow repository's affiliations and issue. */
export async function gatherOrgAudit(
  gh: RepoClient,
  branch: string,
  config: OwnersDiversityConfig,
  repos: OrgRepository[],
): Promise<OrgAuditSnapshot> {
  const home = await gatherAudit(gh, branch, { ...config, sources: [], eligibility: [] });
  return {
    kind: 'org-audit',
    owner: gh.owner,
    home: home.files,
    homeUnreadable: home.unreadable ?? [],
    repos,
    issue: home.issue,
  };
}
