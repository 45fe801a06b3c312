/** What every model object holds: the repository model and who is asking. */
import type { RepoState } from '../state.js';

export const GITHUB_URL = 'https://github.com';

export interface RateLimitInfo {
  cost: number;
  nodeCount: number;
  /** points spent through this handler so far, this query included */
  used: number;
  /** the token's hourly points and when its window resets (epoch seconds) */
  limit: number;
  reset?: number;
}

export interface Ctx {
  state: RepoState;
  /** the login of the token making the request */
  viewer: string;
  /** sub-directory trees met through path lookups, by oid, so that `object(oid:)` finds them later */
  subtrees: Map<string, Map<string, string>>;
  rate: RateLimitInfo;
}

export const repoUrl = (ctx: Ctx) => `${GITHUB_URL}/${ctx.state.owner}/${ctx.state.name}`;
