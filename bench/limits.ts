/**
 * GitHub's limits that bind a workflow's GITHUB_TOKEN, and the pacing this project's client applies
 * (shared/github/client.ts), to read each measured run against.
 */
import type { RunCost } from './harness.js';

/** GITHUB_TOKEN: 1,000 REST requests per hour per repository (GraphQL has its own point budget) */
export const TOKEN_REQUESTS_PER_HOUR = 1000;
/** secondary limits on content-creating requests */
export const CONTENT_PER_MINUTE = 80;
export const CONTENT_PER_HOUR = 500;
/** the client's default pacing: one write or GraphQL query per second, one notifying write per 3 s */
export const WRITE_INTERVAL_S = 1;
export const NOTIFICATION_INTERVAL_S = 3;
/** the default per-run write budget (`max-writes`) */
export const DEFAULT_MAX_WRITES = 200;

type Cost = Pick<RunCost, 'requests' | 'writes' | 'graphql' | 'contentCreating'>;

/** How many such runs fit in one hour of the token's budget. */
export function runsPerHour(cost: Cost): number {
  return cost.requests ? Math.floor(TOKEN_REQUESTS_PER_HOUR / cost.requests) : Infinity;
}

/**
 * The least time the run takes on GitHub with the client's pacing: writes and GraphQL queries are
 * spaced a second apart, notifying writes three seconds apart.
 */
export function pacedSeconds(cost: Cost): number {
  return Math.max(
    (cost.writes + cost.graphql) * WRITE_INTERVAL_S,
    cost.contentCreating * NOTIFICATION_INTERVAL_S,
  );
}

/** Content-creating requests per minute at that pacing (never above 60 / 3 = 20). */
export function contentPerMinute(cost: Cost): number {
  const seconds = pacedSeconds(cost);
  return seconds ? (cost.contentCreating / seconds) * 60 : 0;
}
