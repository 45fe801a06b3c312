/**
 * GitHub's rate limits as they apply to the token in use, on the scenario clock (never wall time):
 *
 * - primary: requests per hour, per resource (REST `core`, `graphql`): a workflow's GITHUB_TOKEN
 *   gets 1,000 per repository, a GitHub App installation or a personal token 5,000. The window
 *   opens with the first request and resets an hour later (`x-ratelimit-reset`); once spent,
 *   every request is refused until then.
 * - secondary: at most 80 content-creating requests a minute and 500 an hour; past either,
 *   GitHub answers 403 with `retry-after`.
 *
 * https://docs.github.com/en/rest/using-the-rest-api/rate-limits-for-the-rest-api
 */

export type RateResource = 'core' | 'graphql';
/** which token the action runs with: the workflow's GITHUB_TOKEN, an app installation's, or a PAT */
export type TokenKind = 'github-token' | 'app' | 'pat';
export const TOKEN_KINDS: readonly TokenKind[] = ['github-token', 'app', 'pat'];

export const PRIMARY_LIMITS: Record<TokenKind, number> = { 'github-token': 1000, app: 5000, pat: 5000 };
export const SECONDARY_PER_MINUTE = 80;
export const SECONDARY_PER_HOUR = 500;
const HOUR_MS = 3_600_000;
const MINUTE_MS = 60_000;

/** Whose budget a request spends: one per repository for GITHUB_TOKEN, per installation, per user. */
export interface RateHolder {
  kind: TokenKind;
  login: string;
}

interface Window {
  start: number;
  used: number;
}

export interface RateSnapshot {
  limit: number;
  used: number;
  remaining: number;
  reset: number;
}

export class RateLimits {
  private readonly primary = new Map<string, Window>();
  /** content-creating requests per budget, oldest first (ms on the scenario clock) */
  private readonly created = new Map<string, number[]>();

  /** `clock` is the scenario's "now" (ISO 8601) */
  constructor(private readonly clock: () => string) {}

  private now(): number {
    return Date.parse(this.clock());
  }

  private key(holder: RateHolder, resource?: RateResource): string {
    const who = holder.kind === 'pat' ? `pat:${holder.login.toLowerCase()}` : holder.kind;
    return resource ? `${who}/${resource}` : who;
  }

  /** The current window, opened afresh once the previous one has reset. */
  private window(holder: RateHolder, resource: RateResource): Window {
    const k = this.key(holder, resource);
    const now = this.now();
    let w = this.primary.get(k);
    if (!w || now >= w.start + HOUR_MS) {
      w = { start: now, used: 0 };
      this.primary.set(k, w);
    }
    return w;
  }

  state(holder: RateHolder, resource: RateResource): RateSnapshot {
    const w = this.window(holder, resource);
    const limit = PRIMARY_LIMITS[holder.kind];
    return {
      limit,
      used: w.used,
      remaining: Math.max(limit - w.used, 0),
      reset: Math.floor((w.start + HOUR_MS) / 1000),
    };
  }

  /** Whether the primary limit is spent: the request is refused and does not count. */
  spent(holder: RateHolder, resource: RateResource): boolean {
    return this.state(holder, resource).remaining === 0;
  }

  /** `points`: a GraphQL query spends its cost; a REST request one */
  count(holder: RateHolder, resource: RateResource, points = 1): void {
    this.window(holder, resource).used += points;
  }

  headers(holder: RateHolder, resource: RateResource): Record<string, string> {
    const s = this.state(holder, resource);
    return {
      'x-ratelimit-limit': String(s.limit),
      'x-ratelimit-remaining': String(s.remaining),
      'x-ratelimit-used': String(s.used),
      'x-ratelimit-reset': String(s.reset),
      'x-ratelimit-resource': resource,
    };
  }

  /**
   * Seconds until one more content-creating request is allowed, or 0 when it is allowed now.
   * Both windows slide: a request leaves them a minute (an hour) after it was made.
   */
  secondaryRetryAfter(holder: RateHolder): number {
    const now = this.now();
    const times = (this.created.get(this.key(holder)) ?? []).filter((t) => t > now - HOUR_MS);
    this.created.set(this.key(holder), times);
    const lastMinute = times.filter((t) => t > now - MINUTE_MS);
    let waitMs = 0;
    if (lastMinute.length >= SECONDARY_PER_MINUTE)
      waitMs = Math.max(waitMs, lastMinute[lastMinute.length - SECONDARY_PER_MINUTE] + MINUTE_MS - now);
    if (times.length >= SECONDARY_PER_HOUR)
      waitMs = Math.max(waitMs, times[times.length - SECONDARY_PER_HOUR] + HOUR_MS - now);
    return Math.ceil(waitMs / 1000);
  }

  /** Records a content-creating request GitHub accepted. */
  countCreation(holder: RateHolder): void {
    const k = this.key(holder);
    this.created.set(k, [...(this.created.get(k) ?? []), this.now()]);
  }

  snapshot(holder: RateHolder): Record<string, RateSnapshot> {
    return {
      core: this.state(holder, 'core'),
      graphql: this.state(holder, 'graphql'),
      search: { limit: 30, used: 0, remaining: 30, reset: Math.floor((this.now() + MINUTE_MS) / 1000) },
    };
  }
}
