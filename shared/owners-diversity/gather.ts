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
import type { RepoClient } from '../github/repo.js';
import { findMarked } from '../plan/markers.js';
import type { EventPayload } from '../runtime/context.js';
import { AUDIT_MARKER, COMMENT_MARKER } from './decide.js';
import type { AuditIssue, AuditSnapshot, PullSnapshot } from './snapshot.js';
import { ALIASES_FILE, groupFiles, isGroupFile } from './sources/index.js';

/** Blob reads per GraphQL query: well inside GitHub's node and size limits for text files. */
const BLOBS_PER_QUERY = 100;

type Config = OwnersDiversityConfig;

interface BlobRequest {
  ref: string;
  path: string;
}

/** Many files at many refs, `BLOBS_PER_QUERY` per GraphQL query; missing files are null. */
export async function readBlobs(
  gh: RepoClient,
  requests: readonly BlobRequest[],
): Promise<Map<string, string | null>[]> {
  const out = requests.map(() => new Map<string, string | null>());
  const flat = requests.map((r, i) => ({ ...r, i }));
  for (let start = 0; start < flat.length; start += BLOBS_PER_QUERY) {
    const chunk = flat.slice(start, start + BLOBS_PER_QUERY);
    const fields = chunk
      .map(
        (r, j) =>
          `f${j}: object(expression: ${JSON.stringify(`${r.ref}:${r.path}`)}) { ... on Blob { text isBinary } }`,
      )
      .join('\n');
    const data = await gh.graphql<{
      repository: Record<string, { text: string | null; isBinary: boolean } | null>;
    }>(`query($owner: String!, $repo: String!) { repository(owner: $owner, name: $repo) { ${fields} } }`, {});
    chunk.forEach((r, j) => {
      const blob = data.repository[`f${j}`];
      out[r.i].set(r.path, blob && !blob.isBinary ? (blob.text ?? null) : null);
    });
  }
  return out;
}

/** Group the requests of one side into one map. */
async function readSides(
  gh: RepoClient,
  sides: { ref: string; paths: string[] }[],
): Promise<Map<string, string | null>[]> {
  const requests = sides.flatMap((s, side) => s.paths.map((path) => ({ ref: s.ref, path, side })));
  const maps = await readBlobs(gh, requests);
  const result = sides.map(() => new Map<string, string | null>());
  requests.forEach((r, i) => result[r.side].set(r.path, maps[i].get(r.path) ?? null));
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

  const files = await gh.octokit.paginate(gh.octokit.rest.pulls.listFiles, {
    ...gh.ref,
    pull_number: number,
    per_page: 100,
  });
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
  // Aliases or affiliations edited: every group may be affected, so read every group file.
  const wide = relevant.some((p) => !isGroupFile(config.sources, p));
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
  const [base, head] = await readSides(gh, [
    { ref: baseRef, paths: [...basePaths] },
    { ref: headSha, paths: headPaths },
  ]);
  for (const p of relevant) if (!head.has(p)) head.set(p, null); // removed, or the old name of a rename

  const comments = await gh.listComments(number);
  const found = findMarked(comments, COMMENT_MARKER);
  return {
    kind: 'pull',
    number,
    headSha,
    base,
    head,
    changed,
    comment: found ? { id: found.id, body: found.body } : null,
  };
}

export async function gatherAudit(gh: RepoClient, branch: string, config: Config): Promise<AuditSnapshot> {
  const tree = (await gh.listTree(branch)).map((e) => e.path);
  const paths = new Set(groupFiles(config.sources, tree));
  for (const source of config.affiliations) affiliationFiles(source, tree).forEach((p) => paths.add(p));
  if (usesOwners(config) && tree.includes(ALIASES_FILE)) paths.add(ALIASES_FILE);
  const [files] = await readSides(gh, [{ ref: branch, paths: [...paths] }]);

  const open = await gh.octokit.paginate(gh.octokit.rest.issues.listForRepo, {
    ...gh.ref,
    state: 'open',
    labels: config['audit-issue-label'],
    per_page: 100,
  });
  const mine = open.find(
    (i) =>
      !i.pull_request && (i.body ?? '').includes(AUDIT_MARKER) && isBot(i.user?.login ?? '', i.user?.type),
  );
  const issue: AuditIssue | null = mine
    ? { number: mine.number, title: mine.title, body: mine.body ?? '' }
    : null;
  return { kind: 'audit', files, issue };
}
