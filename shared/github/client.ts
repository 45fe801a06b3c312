/**
 * The one place that builds a GitHub client: the Octokit `@actions/github`'s getOctokit builds
 * (core, the REST methods the actions call: rest-subset.ts, pagination, `token` auth, its user agent
 * and proxy handling: proxy-fetch.ts; without a proxy, node:http instead of Node's fetch:
 * http-transport.ts) with retry (5xx, network resets) and throttling (primary and
 * secondary rate limits, `retry-after`). Built here rather than by getOctokit so a bundle carries
 * neither undici (unless a proxy is set) nor the table of every endpoint (docs/benchmarks.md,
 * start-up). The base URL is passed in (GITHUB_API_URL at the edge) so GitHub Enterprise Server and
 * the local sandbox work alike.
 */
import { Octokit as OctokitCore } from '@octokit/core';
import { paginateRest } from '@octokit/plugin-paginate-rest';
import { retry } from '@octokit/plugin-retry';
import { throttling } from '@octokit/plugin-throttling';
import Bottleneck from 'bottleneck/light.js';
import { yieldWithoutTimers } from './bottleneck-yield.js';
import { httpTransport } from './http-transport.js';
import { proxyFetchFor, userAgentWithOrchestrationId } from './proxy-fetch.js';
import { restSubset } from './rest-subset.js';

const GitHub = OctokitCore.plugin(restSubset, paginateRest, retry, throttling);
export type Octokit = InstanceType<typeof GitHub>;

export interface ClientLogger {
  info(message: string): void;
  warning(message: string): void;
  debug(message: string): void;
}

export interface ClientOptions {
  token: string;
  baseUrl: string;
  log: ClientLogger;
  /**
   * Minimum time between writes, and between content-creating writes (comments, issues, pull
   * requests). GitHub asks integrations to pace writes to avoid secondary rate limits; the defaults
   * follow its guidance. Tests against the local sandbox set 0.
   */
  writeIntervalMs?: number;
  notificationIntervalMs?: number;
  /**
   * What one second of a retry's wait lasts, in ms (default 1000): the wait before a retried 5xx and
   * a rate limit's retry-after. The decisions (how often, give up above 120 s) stay in seconds.
   * Tests against the local sandbox, whose clock does not run while a client waits, set 0.
   */
  retryUnitMs?: number;
  /** how many times a rate-limited request is retried before the run fails */
  maxRateLimitRetries?: number;
  /**
   * A GraphQL query went out before this client existed (early-query.ts): the client's next query
   * or write keeps the write pace from now, as it would had it sent that query itself.
   */
  queriedBefore?: boolean;
  /** the transport, when the caller already chose it (run-action.ts: one proxy agent for the run) */
  fetch?: typeof globalThis.fetch;
}

/** plugin-throttling keys its limiter groups by this id */
const THROTTLE_ID = 'governance-actions';

export function createOctokit(options: ClientOptions): Octokit {
  yieldWithoutTimers();
  const { log } = options;
  const maxRetries = options.maxRateLimitRetries ?? 3;
  const writeMinTime = options.writeIntervalMs ?? 1000;
  const notificationMinTime = options.notificationIntervalMs ?? 3000;
  const retryHandler =
    (kind: string) =>
    (retryAfter: number, req: { method: string; url: string }, _o: unknown, retryCount: number) => {
      if (retryCount < maxRetries && retryAfter <= 120) {
        log.warning(
          `${kind} on ${req.method} ${req.url}; retrying in ${retryAfter}s (attempt ${retryCount + 1})`,
        );
        return true;
      }
      log.warning(`${kind} on ${req.method} ${req.url}; giving up after ${retryCount} retries`);
      return false;
    };
  const fetch = options.fetch ?? proxyFetchFor(options.baseUrl) ?? httpTransport;
  const userAgent = userAgentWithOrchestrationId(undefined);
  const write = new Bottleneck.Group({ maxConcurrent: 1, minTime: writeMinTime });
  // plugin-throttling paces GraphQL queries with writes: a job started now spaces the next one
  if (options.queriedBefore) void write.key(THROTTLE_ID).schedule(() => Promise.resolve());
  return new GitHub({
    auth: `token ${options.token}`,
    ...(userAgent ? { userAgent } : {}),
    request: { fetch },
    baseUrl: options.baseUrl,
    log: { debug: log.debug, info: log.debug, warn: log.warning, error: log.warning },
    throttle: {
      id: THROTTLE_ID,
      onRateLimit: retryHandler('primary rate limit'),
      onSecondaryRateLimit: retryHandler('secondary rate limit'),
      write,
      notifications: new Bottleneck.Group({ maxConcurrent: 1, minTime: notificationMinTime }),
      ...(options.retryUnitMs !== undefined ? { retryAfterBaseValue: options.retryUnitMs } : {}),
    },
    // 405 (not mergeable) and 409 (head moved) are answers, not hiccups: never retried.
    // 429 is the throttling plugin's (it honours retry-after): retrying it here as well would
    // multiply the attempts (4 x 4) and keep a rate-limited run going for minutes.
    retry: {
      retries: 3,
      doNotRetry: [400, 401, 403, 404, 405, 409, 410, 422, 429, 451],
      ...(options.retryUnitMs !== undefined ? { retryAfterBaseValue: options.retryUnitMs } : {}),
    },
  });
}
