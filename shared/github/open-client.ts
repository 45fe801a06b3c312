/**
 * A run's client to one repository: what a run loads once its first request is on its way
 * (shared/runtime/run-action.ts), so that compiling Octokit overlaps the wait for the answer.
 */
import { createOctokit, type ClientOptions } from './client.js';
import { RepoClient, type RepoRef } from './repo.js';

/** `sentBefore`: requests the run sent without the client (early-query.ts), counted as its own. */
export function openRepoClient(options: ClientOptions, ref: RepoRef, sentBefore = 0): RepoClient {
  const gh = new RepoClient(createOctokit({ ...options, queriedBefore: sentBefore > 0 }), ref);
  gh.requests += sentBefore;
  return gh;
}
