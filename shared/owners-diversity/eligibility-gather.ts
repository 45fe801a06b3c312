/**
 * Reads what lead eligibility needs (eligibility.ts): each listed file at the default branch's
 * head with its `git blame` (one GraphQL query per file), then, for the commits that wrote the
 * lines naming leads, when each landed on the default branch: the merge of the pull request
 * that brought it (`associatedPullRequests`, merged into the default branch), else the push that
 * made it the branch's head (the repository activity log, read to its end only when needed).
 * A commit's own author and committer dates are never used: whoever makes a commit writes them.
 * Anything that cannot be read is recorded as unreadable or unknown, so the lead fails with a
 * message instead of passing (docs/owners-diversity-check.md "Lead eligibility").
 */
import { BLOB_FIELDS, readBlob, type BlobNode } from '../github/blob.js';
import type { OwnersDiversityConfig } from '../config/types.js';
import type { RepoClient } from '../github/repo.js';
import { parseOwnersAliases, type OwnersAlias } from '../owners/aliases.js';
import { listedLoginLines, type BlameRange, type Landing, type ListedFile } from './eligibility.js';
import { ruleMatches } from './evaluate.js';
import { readBlobs } from './gather.js';
import type { FileView } from './model.js';
import { ALIASES_FILE, collectGroups } from './sources/index.js';

type Config = OwnersDiversityConfig;
/** commits per GraphQL query when reading their pull requests */
const COMMITS_PER_QUERY = 50;
const PULLS_PAGE = 20;
/** ref updates that can make a commit the default branch's head */
const LANDING_ACTIVITY = new Set(['push', 'force_push', 'branch_creation', 'pr_merge', 'merge_queue_merge']);

/** The logins leading a group that some eligibility rule applies to, in any of the views. */
export function leadLogins(config: Config, views: readonly FileView[]): Set<string> {
  const out = new Set<string>();
  for (const view of views) {
    let aliases: ReadonlyMap<string, OwnersAlias> = new Map();
    const aliasText = view.get(ALIASES_FILE);
    try {
      if (aliasText != null) aliases = parseOwnersAliases(aliasText, ALIASES_FILE).aliases;
    } catch {
      // reported by decide; the plain logins still count
    }
    for (const g of collectGroups(config.sources, view, aliases).groups)
      if (config.eligibility.some((r) => ruleMatches(r, g.id)))
        g.members.forEach((m) => out.add(m.login.toLowerCase()));
  }
  return out;
}

interface PullNode {
  number: number;
  mergedAt: string | null;
  baseRefName: string;
}
interface PullPage {
  nodes: PullNode[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
}

/**
 * Every listed file of the rules, read on the default branch with the landing times of the lines
 * naming `logins`. `head`: a pull request's head sha and changed paths, to read its versions.
 */
export async function gatherListed(
  gh: RepoClient,
  config: Config,
  defaultBranch: string,
  logins: ReadonlySet<string>,
  head?: { sha: string; changed: readonly string[] },
): Promise<ListedFile[]> {
  const paths = [...new Set(config.eligibility.map((r) => r['listed-in'].path))];
  const keys = (path: string) =>
    config.eligibility.filter((r) => r['listed-in'].path === path).map((r) => r['listed-in'].key);
  const files: ListedFile[] = [];
  for (const path of paths) {
    const file: ListedFile = { path, text: null, ranges: [], landed: {} };
    files.push(file);
    try {
      await readWithBlame(gh, defaultBranch, file);
      if (file.text === null || file.unreadable) continue;
      const lines = new Set<number>();
      for (const key of keys(path)) {
        try {
          for (const [login, at] of listedLoginLines(file.text, path, key))
            if (logins.has(login)) at.forEach((line) => lines.add(line));
        } catch {
          // a key that cannot be read is reported by decide
        }
      }
      const commits = new Set(
        [...lines].map((l) => file.ranges.find((r) => r.start <= l && l <= r.end)?.commit).filter((c) => !!c),
      );
      Object.assign(file, await landings(gh, defaultBranch, path, [...commits] as string[]));
    } catch (error) {
      file.unreadable = `its history could not be read: ${(error as Error).message}`;
    }
  }
  if (head) {
    const changed = files.filter((f) => head.changed.includes(f.path));
    const reads = await readBlobs(
      gh,
      changed.map((f) => ({ ref: head.sha, path: f.path })),
    );
    changed.forEach((f, i) => {
      const read = reads[i]!;
      if ('text' in read) f.head = read.text;
      else if ('missing' in read) f.head = null;
      else f.headUnreadable = read.unreadable;
    });
  }
  return files;
}

async function readWithBlame(gh: RepoClient, branch: string, file: ListedFile): Promise<void> {
  try {
    await readFileAndBlame(gh, branch, file);
  } catch (error) {
    // GitHub may refuse to blame a path that does not exist: that is an absent file, not an
    // unreadable history (the file itself still decides)
    const data = await gh.graphql<{ repository: { object: BlobNode } }>(
      `query($owner: String!, $repo: String!, $expr: String!) { repository(owner: $owner, name: $repo) { object(expression: $expr) { __typename } } }`,
      { expr: `${branch}:${file.path}` },
    );
    if (data.repository.object) throw error;
  }
}

async function readFileAndBlame(gh: RepoClient, branch: string, file: ListedFile): Promise<void> {
  const data = await gh.graphql<{
    repository: {
      ref: {
        target: {
          file: { object: BlobNode } | null;
          blame: { ranges: { startingLine: number; endingLine: number; commit: { oid: string } }[] };
        } | null;
      } | null;
    };
  }>(
    `query($owner: String!, $repo: String!, $ref: String!, $path: String!) {
      repository(owner: $owner, name: $repo) { ref(qualifiedName: $ref) { target { ... on Commit {
        file(path: $path) { object { ${BLOB_FIELDS} } }
        blame(path: $path) { ranges { startingLine endingLine commit { oid } } } } } } } }`,
    { ref: `refs/heads/${branch}`, path: file.path },
  );
  const target = data.repository.ref?.target;
  if (!target) throw new Error(`the default branch ${branch} could not be read`);
  const blob = readBlob(target.file?.object ?? null);
  if (blob.kind === 'missing') return; // no such file: text stays null
  if (blob.kind === 'not-a-file') file.unreadable = 'it is not a file';
  else if (blob.kind === 'binary') file.unreadable = 'it is binary, not text';
  else if (blob.kind === 'truncated') file.unreadable = 'GitHub served it truncated';
  if (blob.kind !== 'text') return;
  file.text = blob.text;
  file.ranges = target.blame.ranges.map((r): BlameRange => ({
    start: r.startingLine,
    end: r.endingLine,
    commit: r.commit.oid,
  }));
}

/** When each commit landed on the default branch, and the file as each commit left it. */
async function landings(
  gh: RepoClient,
  branch: string,
  path: string,
  commits: string[],
): Promise<Pick<ListedFile, 'landed' | 'versions'>> {
  const out: Record<string, Landing> = {};
  const versions: Record<string, string | null> = {};
  const pulls = new Map<string, PullNode[]>();
  for (let i = 0; i < commits.length; i += COMMITS_PER_QUERY) {
    const chunk = commits.slice(i, i + COMMITS_PER_QUERY);
    const fields = chunk
      .map(
        (sha, j) =>
          `c${j}: object(oid: ${JSON.stringify(sha)}) { ... on Commit { file(path: $path) { object { ... on Blob { text } } } associatedPullRequests(first: ${PULLS_PAGE}) { nodes { number mergedAt baseRefName } pageInfo { hasNextPage endCursor } } } }`,
      )
      .join('\n');
    const data = await gh.graphql<{
      repository: Record<
        string,
        { file: { object: { text?: string | null } | null } | null; associatedPullRequests: PullPage } | null
      >;
    }>(
      `query($owner: String!, $repo: String!, $path: String!) { repository(owner: $owner, name: $repo) { ${fields} } }`,
      { path },
    );
    for (const [j, sha] of chunk.entries()) {
      const commit = data.repository[`c${j}`];
      const conn = commit?.associatedPullRequests;
      if (!conn) throw new Error(`commit ${sha.slice(0, 7)} could not be read`);
      versions[sha] = commit.file?.object?.text ?? null;
      const nodes = [...conn.nodes];
      if (conn.pageInfo.hasNextPage) nodes.push(...(await morePulls(gh, sha, conn.pageInfo.endCursor)));
      pulls.set(sha, nodes);
    }
  }
  const direct: string[] = [];
  for (const [sha, nodes] of pulls) {
    // the pull request that brought it to the default branch; the latest such merge if several
    const merged = nodes
      .filter((p) => p.mergedAt && p.baseRefName === branch)
      .sort((a, b) => Date.parse(b.mergedAt!) - Date.parse(a.mergedAt!))[0];
    if (merged) out[sha] = { at: merged.mergedAt!, via: `merged in pull request ${merged.number}` };
    else direct.push(sha);
  }
  if (!direct.length) return { landed: out, versions };
  // Pushed without a pull request: the activity log says when the push that made it the head arrived.
  const activity = await gh.octokit.paginate(gh.octokit.rest.repos.listActivities, {
    ...gh.ref,
    ref: `refs/heads/${branch}`,
    direction: 'asc',
    per_page: 100,
  });
  for (const sha of direct) {
    const pushes = activity.filter(
      (a) => a.after === sha && a.timestamp && LANDING_ACTIVITY.has(a.activity_type ?? ''),
    );
    const last = pushes[pushes.length - 1];
    out[sha] = last
      ? { at: last.timestamp!, via: 'pushed' }
      : {
          unknown: `commit ${sha.slice(0, 7)} came through no pull request and the repository activity log names no push of it, so when it landed on ${branch} is unknown (its own date is written by its author)`,
        };
  }
  return { landed: out, versions };
}

async function morePulls(gh: RepoClient, sha: string, cursor: string | null): Promise<PullNode[]> {
  return gh.graphqlPaginate<
    { repository: { object: { associatedPullRequests: PullPage } | null } },
    PullNode
  >(
    `query($owner: String!, $repo: String!, $oid: GitObjectID!, $cursor: String) {
      repository(owner: $owner, name: $repo) { object(oid: $oid) { ... on Commit {
        associatedPullRequests(first: ${PULLS_PAGE}, after: $cursor) { nodes { number mergedAt baseRefName } pageInfo { hasNextPage endCursor } } } } } }`,
    { oid: sha, cursor },
    (page) => page.repository.object?.associatedPullRequests,
  );
}
