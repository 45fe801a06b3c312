/**
 * Another repository of the same owner through the same client: one token, one retry and
 * throttling set-up, and one count of requests and writes (the counters stay the original
 * client's, so a write budget spans every repository a run addresses).
 */
import type { RepoClient } from './repo.js';

export function repoView(gh: RepoClient, repo: string): RepoClient {
  const view = Object.create(gh) as RepoClient;
  Object.defineProperty(view, 'ref', { value: { owner: gh.owner, repo }, enumerable: true });
  return view;
}
