/**
 * The naive baseline: the same lazy-consensus sweep as inactivity bots read it, one REST call per
 * item and kind of history: list the open issues carrying the label (pages of 100), then for each
 * item its timeline (label events) and its comments (objections, the bot's own status comment).
 * It only reads, so the comparison with the action's quiet sweep is like for like; writes would
 * be the same for both.
 */
import { performance } from 'node:perf_hooks';
import { getOctokit } from '@actions/github';
import type { BenchRepo } from './harness.js';
import { costOf, type RunCost } from './harness.js';

const PER_PAGE = 100;

export type NaiveCost = Pick<RunCost, 'requests' | 'reads' | 'writes' | 'graphql' | 'rest'> & {
  items: number;
  wallMs: number;
};

export async function naiveSweep(repo: BenchRepo, label: string): Promise<NaiveCost> {
  const octokit = getOctokit(repo.token, { baseUrl: repo.sandbox.url });
  const ref = { owner: repo.state.owner, repo: repo.state.name };
  const start = repo.sandbox.log.entries.length;
  const started = performance.now();
  const issues = await octokit.paginate(octokit.rest.issues.listForRepo, {
    ...ref,
    labels: label,
    state: 'open',
    per_page: PER_PAGE,
  });
  for (const issue of issues) {
    await octokit.paginate(octokit.rest.issues.listEventsForTimeline, {
      ...ref,
      issue_number: issue.number,
      per_page: PER_PAGE,
    });
    await octokit.paginate(octokit.rest.issues.listComments, {
      ...ref,
      issue_number: issue.number,
      per_page: PER_PAGE,
    });
  }
  const wallMs = performance.now() - started;
  const cost = costOf(repo.sandbox.log.since(start));
  return { ...cost, items: issues.length, wallMs };
}
