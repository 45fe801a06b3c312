/**
 * When each head of a pull request arrived, as GitHub recorded it. A commit's own dates are
 * written by whoever made it (`git commit --date`, `GIT_COMMITTER_DATE`), so they cannot time a
 * notice period; the repository activity log (`GET /repos/{o}/{r}/activity`) stamps every push,
 * force push and branch creation with the time GitHub received it, and names the head it left
 * (`after`). The log is read for the head branch in the repository that holds it (a fork's
 * own log for a pull request from a fork). See docs/lazy-consensus-timer.md "Pushes".
 */
import type { RepoClient } from '../github/repo.js';
import type { Push } from './snapshot.js';

const PUSH_TYPES = new Set(['push', 'force_push', 'branch_creation']);

export interface HeadBranch {
  /** the repository holding the head branch; null when it was deleted */
  owner: string | null;
  repo: string | null;
  ref: string;
}

/** The pushes that set the head branch, oldest first, each timed by its receipt. */
export async function readPushes(gh: RepoClient, head: HeadBranch): Promise<Push[]> {
  if (!head.owner || !head.repo)
    throw new Error(`the repository holding the head branch ${head.ref} no longer exists`);
  const entries = await gh.octokit.paginate(gh.octokit.rest.repos.listActivities, {
    owner: head.owner,
    repo: head.repo,
    ref: `refs/heads/${head.ref}`,
    direction: 'asc',
    per_page: 100,
  });
  return entries
    .filter((a) => a.after && a.timestamp && PUSH_TYPES.has(a.activity_type ?? ''))
    .map((a) => ({ sha: a.after!, at: a.timestamp! }));
}

/**
 * The pushes the timeline knows of (force pushes carry GitHub's own time) joined with the
 * activity log; the current head must be among them, or when it arrived is unknown.
 */
export function pushesWithHead(timeline: Push[], log: Push[], headSha: string | null): Push[] {
  const seen = new Set<string>();
  const all: Push[] = [];
  for (const p of [...log, ...timeline]) {
    const key = `${p.sha}@${p.at}`;
    if (seen.has(key)) continue;
    seen.add(key);
    all.push(p);
  }
  all.sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
  if (headSha && !all.some((p) => p.sha === headSha))
    throw new Error(
      `the repository activity log does not say when the head commit ${headSha.slice(0, 7)} arrived`,
    );
  return all;
}
