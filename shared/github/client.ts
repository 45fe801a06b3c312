/**
 * The one place that builds a GitHub client: `@actions/github`'s Octokit with retry (5xx, network
 * resets) and throttling (primary and secondary rate limits, `retry-after`). The base URL is passed
 * in (GITHUB_API_URL at the edge) so GitHub Enterprise Server and the local sandbox work alike.
 */
import { getOctokit } from '@actions/github';
import { retry } from '@octokit/plugin-retry';
import { throttling } from '@octokit/plugin-throttling';
import Bottleneck from 'bottleneck';

export type Octokit = ReturnType<typeof getOctokit>;

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
  /** how many times a rate-limited request is retried before the run fails */
  maxRateLimitRetries?: number;
}

export function createOctokit(options: ClientOptions): Octokit {
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
  return getOctokit(
    options.token,
    {
      baseUrl: options.baseUrl,
      log: { debug: log.debug, info: log.debug, warn: log.warning, error: log.warning },
      throttle: {
        onRateLimit: retryHandler('primary rate limit'),
        onSecondaryRateLimit: retryHandler('secondary rate limit'),
        write: new Bottleneck.Group({ maxConcurrent: 1, minTime: writeMinTime }),
        notifications: new Bottleneck.Group({ maxConcurrent: 1, minTime: notificationMinTime }),
      },
      // 405 (not mergeable) and 409 (head moved) are answers, not hiccups: never retried.
      // 429 is the throttling plugin's (it honours retry-after): retrying it here as well would
      // multiply the attempts (4 x 4) and keep a rate-limited run going for minutes.
      retry: { retries: 3, doNotRetry: [400, 401, 403, 404, 405, 409, 410, 422, 429, 451] },
    },
    retry,
    throttling,
  );
}
