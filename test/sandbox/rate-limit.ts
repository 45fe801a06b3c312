/** The primary rate limit, counted per resource and sent on every response as GitHub does. */

export type RateResource = 'core' | 'graphql';

/** what a GitHub App installation token / GITHUB_TOKEN gets per hour */
export const RATE_LIMIT = 5000;
const WINDOW_SECONDS = 3600;

export class RateLimits {
  private used: Record<RateResource, number> = { core: 0, graphql: 0 };
  private readonly reset = Math.floor(Date.now() / 1000) + WINDOW_SECONDS;

  count(resource: RateResource): void {
    this.used[resource]++;
  }

  headers(resource: RateResource): Record<string, string> {
    const used = this.used[resource];
    return {
      'x-ratelimit-limit': String(RATE_LIMIT),
      'x-ratelimit-remaining': String(Math.max(RATE_LIMIT - used, 0)),
      'x-ratelimit-used': String(used),
      'x-ratelimit-reset': String(this.reset),
      'x-ratelimit-resource': resource,
    };
  }

  snapshot(): Record<string, { limit: number; used: number; remaining: number; reset: number }> {
    const one = (used: number) => ({
      limit: RATE_LIMIT,
      used,
      remaining: Math.max(RATE_LIMIT - used, 0),
      reset: this.reset,
    });
    return { core: one(this.used.core), graphql: one(this.used.graphql), search: one(0) };
  }
}
