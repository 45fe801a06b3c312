/**
 * Reads what decide needs, in few requests: the pull request's changed files (one page per 100
 * files), one recursive tree listing when globs must be expanded, the files themselves through
 * batched GraphQL blob reads (100 per query, base and head in the same query), the sticky
 * comment, and for audits the open audit issue. Never one request per OWNERS file.
 * Head files are read as data; nothing from a pull request is ever executed.
 */
import { minimatch } from 'minimatch';
import { affiliationFiles } from '../affiliations/affiliations.js';
import type { OwnersDiversityConfig } from '../config/types.js';
import { isBot } from '../github/permissions.js';
import { mayBePartial } from '../github/pull-files.js';
import type { RepoClient } from '../github/repo.js';
import { findMarked, isMarked } from '../plan/markers.js';
import type { EventPayload } from '../runtime/context.js';
import { AUDIT_MARKER, COMMENT_MARKER } from './decide.js';
import { gatherListed, leadLogins } from './eligibility-gather.js';
import type { AuditIssue, AuditSnapshot, PullSnapshot, UnreadableFile } from './snapshot.js';
import { ALIASES_FILE, groupFiles, isGroupFile } from './sources/index.js';

/** Blob reads per GraphQL query: well inside GitHub's node and size limits for text files. */
const BLOBS_PER_QUERY = 100;

type Config = OwnersDiversityConfig;

interface BlobRequest {
  ref: string;
  path: string;
}

/** A file's text; `missing` when the ref has no such file; `unreadable` says why it has one we cannot read. */
export type BlobRead = { text: string } | { missing: true } | { unreadable: string };

/** Many files at many refs, `BLOBS_PER_QUERY` per GraphQL query. */
export async function readBlobs(gh: RepoClient, requests: readonly BlobRequest[]): Promise<BlobRead[]> {
  const out: BlobRead[] = [];
  for (let start = 0; start < requests.length; start += BLOBS_PER_QUERY) {
    const chunk = requests.slice(start, start + BLOBS_PER_QUERY);
    const fields = chunk
      .map(
        (r, j) =>
          `f${j}: object(expression: ${JSON.stringify(`${r.ref}:${r.path}`)}) { __typename ... on Blob { text isBinary isTruncated } }`,
      )
      .join('\n');
    const data = await gh.graphql<{
      repository: Record<
        string,
        { __typename: string; text?: string | null; isBinary?: boolean; isTruncated?: boolean } | null
      >;
    }>(`query($owner: String!, $repo: String!) { repository(owner: $owner, name: $repo) { ${fields} } }`, {});
    chunk.forEach((_, j) => {
      const blob = data.repository[`f${j}`];
      if (!blob || blob.__typename !== 'Blob') out.push({ missing: true });
      else if (blob.isBinary) out.push({ unreadable: 'it is binary, not text' });
      else if (blob.isTruncated || blob.text == null) out.push({ unreadable: 'GitHub served it truncated' });
      else out.push({ text: blob.text });
    });
  }
  return out;
}

/**
 * Each side's files as one map (null = absent there). A file the side is known to hold (from its
 * tree, or the change's file list) that does not come back counts as unreadable, never as absent.
 */
async function readSides(
  gh: RepoClient,
  sides: { ref: string; paths: string[]; known: ReadonlySet<string> }[],
  unreadable: UnreadableFile[],
): Promise<Map<string, string | null>[]> {
  const requests = sides.flatMap((s, side) => s.paths.map((path) => ({ ref: s.ref, path, side })));
  const reads = await readBlobs(gh, requests);
  const result = sides.map(() => new Map<string, string | null>());
  requests.forEach((r, i) => {
    const read = reads[i]!;
    if ('text' in read) result[r.side]!.set(r.path, read.text);
    else if ('unreadable' in read) unreadable.push({ path: r.path, ref: r.ref, reason: read.unreadable });
    else if (sides[r.side]!.known.has(r.path))
      unreadable.push({ path: r.path, ref: r.ref, reason: 'it is listed there but could not be found' });
    else result[r.side]!.set(r.path, null);
  });
  return result;
}

function isAffiliationPath(config: Config, path: string): boolean {
  return config.affiliations.some((s) =>
    'yaml' in s ? s.yaml === path : s.gitdm.some((g) => minimatch(path, g, { dot: true })),
  );
}

const usesOwners = (config: Config) => config.sources.some((s) => s.kind === 'owners');

export async function gatherPull(
  gh: RepoClient,
  payload: EventPayload,
  config: Config,
): Promise<PullSnapshot> {
  const pr = payload.pull_request;
  const number: number = pr.number;
  const baseRef: string = pr.base.ref;
  const headSha: string = pr.head.sha;

  const files = await changedFiles(gh, pr);
  const changed = [
    ...new Set(
      files.flatMap((f) => (f.previous_filename ? [f.filename, f.previous_filename] : [f.filename])),
    ),
  ];
  const removed = new Set(files.filter((f) => f.status === 'removed').map((f) => f.filename));

  const relevant = changed.filter(
    (p) =>
      isGroupFile(config.sources, p) ||
      isAffiliationPath(config, p) ||
      (p === ALIASES_FILE && usesOwners(config)),
  );
  // Aliases, affiliations or an eligibility listing edited: every group may be affected, so
  // read every group file.
  const listedChanged = config.eligibility.some((r) => changed.includes(r['listed-in'].path));
  const wide = listedChanged || relevant.some((p) => !isGroupFile(config.sources, p));
  const needTree = wide || config.affiliations.some((s) => 'gitdm' in s);
  const tree = needTree ? (await gh.listTree(baseRef)).map((e) => e.path) : [];

  const basePaths = new Set<string>();
  for (const source of config.affiliations) {
    if ('yaml' in source) basePaths.add(source.yaml);
    else affiliationFiles(source, tree).forEach((p) => basePaths.add(p));
  }
  if (usesOwners(config)) basePaths.add(ALIASES_FILE);
  for (const p of relevant) if (isGroupFile(config.sources, p)) basePaths.add(p);
  if (wide) groupFiles(config.sources, tree).forEach((p) => basePaths.add(p));

  const headPaths = relevant.filter((p) => !removed.has(p) && files.some((f) => f.filename === p));
  const unreadable: UnreadableFile[] = [];
  const [base, head] = await readSides(
    gh,
    [
      { ref: baseRef, paths: [...basePaths], known: new Set(tree) },
      { ref: headSha, paths: headPaths, known: new Set(headPaths) },
    ],
    unreadable,
  );
  // removed, or the old name of a rename; a file that could not be read is never taken as removed
  const unread = new Set(unreadable.filter((u) => u.ref === headSha).map((u) => u.path));
  for (const p of relevant) if (!head.has(p) && !unread.has(p)) head.set(p, null);

  const listed = config.eligibility.length
    ? await gatherListed(
        gh,
        config,
        payload.repository.default_branch,
        leadLogins(config, [base, new Map([...base, ...head])]),
        { sha: headSha, changed },
      )
    : undefined;

  const comments = await gh.listComments(number);
  const found = findMarked(comments, COMMENT_MARKER);
  return {
    kind: 'pull',
    number,
    headSha,
    base,
    head,
    changed,
    unreadable,
    ...(listed ? { listed } : {}),
    comment: found ? { id: found.id, body: found.body } : null,
  };
}

interface ChangedFile {
  filename: string;
  status: string;
  previous_filename?: string;
}

/**
 * Every file the pull request changes. GitHub's file list stops at 3,000 files; a change that
 * reaches the cap is read completely instead, by comparing the trees of the merge base and the
 * head (one recursive listing each). A tree too large to list fails the run with a message: a
 * partial list is never judged (docs/owners-diversity-check.md "Complete changes").
 */
async function changedFiles(gh: RepoClient, pr: EventPayload['pull_request']): Promise<ChangedFile[]> {
  const listed: ChangedFile[] = await gh.octokit.paginate(gh.octokit.rest.pulls.listFiles, {
    ...gh.ref,
    pull_number: pr.number,
    per_page: 100,
  });
  if (!mayBePartial(listed.length, pr.changed_files)) return listed;
  const { data } = await gh.octokit.rest.repos.compareCommitsWithBasehead({
    ...gh.ref,
    basehead: `${pr.base.sha}...${pr.head.sha}`,
    per_page: 1,
  });
  const [before, after] = await Promise.all([
    gh.listTree(data.merge_base_commit.sha),
    gh.listTree(pr.head.sha),
  ]);
  const beforeSha = new Map(before.map((e) => [e.path, e.sha]));
  const afterSha = new Map(after.map((e) => [e.path, e.sha]));
  const out: ChangedFile[] = [];
  for (const [path, sha] of afterSha) {
    const was = beforeSha.get(path);
    if (was !== sha) out.push({ filename: path, status: was === undefined ? 'added' : 'modified' });
  }
  for (const path of beforeSha.keys())
    if (!afterSha.has(path)) out.push({ filename: path, status: 'removed' });
  return out;
}

export async function gatherAudit(gh: RepoClient, branch: string, config: Config): Promise<AuditSnapshot> {
  const tree = (await gh.listTree(branch)).map((e) => e.path);
  const paths = new Set(groupFiles(config.sources, tree));
  for (const source of config.affiliations) affiliationFiles(source, tree).forEach((p) => paths.add(p));
  if (usesOwners(config) && tree.includes(ALIASES_FILE)) paths.add(ALIASES_FILE);
  const unreadable: UnreadableFile[] = [];
  const [files] = await readSides(gh, [{ ref: branch, paths: [...paths], known: new Set(tree) }], unreadable);
  const listed = config.eligibility.length
    ? await gatherListed(gh, config, branch, leadLogins(config, [files]))
    : undefined;

  const open = await gh.octokit.paginate(gh.octokit.rest.issues.listForRepo, {
    ...gh.ref,
    state: 'open',
    labels: config['audit-issue-label'],
    per_page: 100,
  });
  const mine = open.find(
    (i) =>
      !i.pull_request && isMarked(i.body ?? '', AUDIT_MARKER) && isBot(i.user?.login ?? '', i.user?.type),
  );
  const issue: AuditIssue | null = mine
    ? { number: mine.number, title: mine.title, body: mine.body ?? '' }
    : null;
  return { kind: 'audit', files, unreadable, issue, ...(listed ? { listed } : {}) };
}
