/**
 * Fault injection, switched on per test: make the n-th request matching a rule fail the way
 * GitHub sometimes does (5xx, secondary rate limit, 429, a dropped connection) or answer late.
 * A failed request never reaches the routes, so it does not change the repository state.
 * A `barrier` answers late too, but by count rather than by clock: it holds each of its `times`
 * matching requests until all of them have arrived, so two parallel runs are made to interleave
 * at that point however slowly either of them starts (a timed delay cannot promise that on a
 * loaded machine).
 */
export const FAULT_KINDS = [
  '500',
  '502',
  'secondary-rate-limit',
  '429',
  'reset',
  'delay',
  'barrier',
] as const;
/** how long a barrier waits for its last request before it lets the held ones through anyway */
export const BARRIER_TIMEOUT_MS = 60_000;
export type FaultKind = (typeof FAULT_KINDS)[number];

export interface FaultRule {
  method?: string;
  /** a RegExp tested on the path, or a string equal to the path or to the OpenAPI template */
  path?: RegExp | string;
  /**
   * a RegExp tested on the request body: for GraphQL, the JSON of the query and its variables
   * (e.g. `sig-release` fails the reads of another repository); a request without a body never matches
   */
  body?: RegExp;
  /** the n-th matching request (1-based) is the first faulted one; default 1 */
  nth?: number;
  /** how many consecutive matching requests are faulted from the n-th on; default 1 (a barrier: 2 or more) */
  times?: number;
  kind: FaultKind;
  /** for kind 'delay': how long to wait before answering normally */
  delayMs?: number;
  /** only requests made with a token issued under this client name (`Sandbox.tokenFor`) count */
  client?: string;
}

interface ActiveRule {
  rule: FaultRule;
  seen: number;
  fired: number;
  /** a barrier's held requests, released together */
  held: (() => void)[];
  timer?: NodeJS.Timeout;
  /** a barrier that let its requests through because the last one never came */
  timedOut: boolean;
}

export class FaultInjector {
  private rules: ActiveRule[] = [];

  add(rule: FaultRule): void {
    if (rule.kind === 'delay' && rule.delayMs === undefined) throw new Error('a delay fault needs delayMs');
    if (rule.kind === 'barrier' && (rule.times ?? 1) < 2)
      throw new Error('a barrier needs times of 2 or more');
    this.rules.push({ rule, seen: 0, fired: 0, held: [], timedOut: false });
  }

  clear(): void {
    for (const active of this.rules) release(active);
    this.rules = [];
  }

  /** each rule with how many matching requests it saw and how many it faulted */
  counts(): { rule: FaultRule; seen: number; fired: number; timedOut: boolean }[] {
    return this.rules.map(({ rule, seen, fired, timedOut }) => ({ rule, seen, fired, timedOut }));
  }

  /**
   * Holds a request `take` gave a barrier until the barrier's last request arrives (or
   * BARRIER_TIMEOUT_MS passes, which `counts` reports).
   */
  hold(rule: FaultRule, timeoutMs = BARRIER_TIMEOUT_MS): Promise<void> {
    const active = this.rules.find((r) => r.rule === rule);
    if (!active) return Promise.resolve();
    return new Promise((resolve) => {
      active.held.push(resolve);
      if (active.fired >= (rule.times ?? 1)) release(active);
      else
        active.timer ??= setTimeout(() => {
          active.timedOut = true;
          release(active);
        }, timeoutMs);
    });
  }

  /** rules that still have faults to give */
  pending(): FaultRule[] {
    return this.rules.filter((r) => r.fired < (r.rule.times ?? 1)).map((r) => r.rule);
  }

  /** Counts this request against every matching rule; returns the fault of the first that fires. */
  take(
    method: string,
    path: string,
    operationTemplate?: string,
    client?: string,
    body = '',
  ): FaultRule | undefined {
    let hit: FaultRule | undefined;
    for (const active of this.rules) {
      const { rule } = active;
      if (rule.method && rule.method.toUpperCase() !== method.toUpperCase()) continue;
      if (rule.client !== undefined && rule.client !== client) continue;
      if (!pathMatches(rule.path, path, operationTemplate)) continue;
      if (rule.body && !matchesOnce(rule.body, body)) continue;
      active.seen++;
      const first = rule.nth ?? 1;
      const times = rule.times ?? 1;
      if (!hit && active.seen >= first && active.fired < times) {
        active.fired++;
        hit = rule;
      }
    }
    return hit;
  }
}

function release(active: ActiveRule): void {
  clearTimeout(active.timer);
  active.timer = undefined;
  for (const resolve of active.held.splice(0)) resolve();
}

function matchesOnce(pattern: RegExp, text: string): boolean {
  pattern.lastIndex = 0;
  return pattern.test(text);
}

function pathMatches(pattern: RegExp | string | undefined, path: string, template?: string): boolean {
  if (pattern === undefined) return true;
  if (typeof pattern === 'string') return pattern === path || pattern === template;
  pattern.lastIndex = 0;
  return pattern.test(path);
}
