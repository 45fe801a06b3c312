/**
 * The reads of actions/stale, the common inactivity bot, replayed against the same sandbox state
 * as the lazy-consensus timer's quiet sweep, as its `IssuesProcessor` makes them
 * (actions/stale `src/classes/issues-processor.ts`, commit 01747a2597112442e693101366df2990f6f7548a):
 *
 * - `getIssues(page)`: `GET /repos/{owner}/{repo}/issues?state=open&per_page=100&page=N`, every open
 *   issue and pull request whatever its labels, one operation per page; `processIssues` asks for the
 *   next page until one comes back empty.
 * - for an item carrying its stale label, `_processStaleIssue`: `getLabelCreationDate` pages through
 *   `GET .../issues/{n}/events` (100 a page, one operation) and `_hasCommentsSince` reads
 *   `GET .../issues/{n}/comments?since=…` (one page, one operation).
 * - `operations-per-run` (default 30) stops the run once that many operations are consumed: the
 *   loop checks before each item, and after a batch stops paging.
 *
 * Only reads are replayed (its writes depend on what it decides); requests stale makes outside
 * `IssuesProcessor` are not modelled, so these counts are a lower bound for a real stale run.
 */
import { getOctokit } from '@actions/github';
import type { BenchRepo } from './harness.js';
import { costOf } from './harness.js';

const PER_PAGE = 100;
/** actions/stale's default `operations-per-run` */
export const STALE_DEFAULT_OPERATIONS = 30;

export interface StaleModelCost {
  requests: number;
  /** items whose events and comments were read (those carrying the stale label, within the cap) */
  examined: number;
  /** pages of open issues listed */
  pages: number;
}

/**
 * One stale run whose stale label is `staleLabel`, with `operations` as `operations-per-run`
 * (Infinity: cap lifted).
 */
export async function staleRun(
  repo: BenchRepo,
  staleLabel: string,
  operations: number,
): Promise<StaleModelCost> {
  const octokit = getOctokit(repo.token, { baseUrl: repo.sandbox.url });
  const ref = { owner: repo.state.owner, repo: repo.state.name };
  const start = repo.sandbox.log.entries.length;
  let consumed = 0;
  let examined = 0;
  let pages = 0;
  const remaining = () => consumed < operations;
  for (let page = 1; ; page++) {
    consumed++;
    pages++;
    const { data: issues } = await octokit.rest.issues.listForRepo({
      ...ref,
      state: 'open',
      per_page: PER_PAGE,
      direction: 'desc',
      page,
    });
    if (!issues.length) break;
    for (const issue of issues) {
      if (!remaining()) break;
      const labels = issue.labels.map((l) => (typeof l === 'string' ? l : l.name));
      if (!labels.includes(staleLabel)) continue;
      examined++;
      consumed++;
      const events = await octokit.paginate(octokit.rest.issues.listEvents, {
        ...ref,
        issue_number: issue.number,
        per_page: PER_PAGE,
      });
      // the events list is a union over event kinds; `labeled` ones carry `label`
      const labelled = (events as { event?: string; label?: { name?: string }; created_at?: string }[])
        .reverse()
        .find((e) => e.event === 'labeled' && e.label?.name === staleLabel);
      consumed++;
      await octokit.rest.issues.listComments({
        ...ref,
        issue_number: issue.number,
        since: labelled?.created_at ?? issue.updated_at,
      });
    }
    if (!remaining()) break;
  }
  return { requests: costOf(repo.sandbox.log.since(start)).requests, examined, pages };
}
