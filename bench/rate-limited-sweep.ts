/**
 * The first lazy-consensus sweep over N items the action has never seen, every notice period
 * already over, played with the real bundle against a sandbox that ENFORCES a workflow
 * GITHUB_TOKEN's limits (test/sandbox/rate-limit.ts: 1,000 requests an hour; 80 content-creating
 * requests a minute and 500 an hour). The scenario clock moves with the client's pacing during a
 * run (harness.ts `pace`) and by an hour between runs (hourly cron) until a run defers nothing.
 * A refused request, a sandbox violation or a failed run fails the bench.
 */
import { throttling } from '@octokit/plugin-throttling';
import { SECONDARY_PER_HOUR, SECONDARY_PER_MINUTE } from '../test/sandbox/rate-limit.js';
import { BenchRepo, type RunCost } from './harness.js';
import { ACTION, seedLabelled } from './lazy-consensus.js';

const CRON = '0 * * * *';
/** labelled 2026-03-02T09:00Z with risk/low (72 h): due from 2026-03-05T09:00Z, first seen later */
const FIRST_RUN_AT = '2026-03-05T10:00:00Z';
const HOUR_MS = 3600_000;
const MINUTE_MS = 60_000;
const MAX_RUNS = 200;

export interface RateLimitedRun {
  cost: Omit<RunCost, 'run'>;
  /** answers 403/429 the sandbox gave (rate limits refused) */
  refused: number;
  /** most content-creating requests in any 60 s of the scenario clock during the run */
  peakContentPerMinute: number;
  /** content-creating requests in the hour that ends with this run (the sliding window) */
  contentLastHour: number;
}

export interface RateLimitedResult {
  n: number;
  runs: RateLimitedRun[];
  /** the run after convergence (writes nothing) */
  settled: RateLimitedRun;
  violations: number;
  accepted: number;
}

export async function benchRateLimitedSweep(
  n: number,
  progress: (msg: string) => void,
): Promise<RateLimitedResult> {
  const repo = await new BenchRepo(seedLabelled(n), { enforceRateLimits: true, pacedClock: true }).start();
  const creations: number[] = [];
  try {
    const sweep = async (hour: number): Promise<RateLimitedRun> => {
      const at = new Date(Date.parse(FIRST_RUN_AT) + hour * HOUR_MS).toISOString();
      const from = repo.sandbox.log.entries.length;
      const { run: _transcript, ...cost } = await repo.runOk(
        ACTION,
        repo.event(at, { kind: 'schedule', cron: CRON }),
        at,
      );
      const entries = repo.sandbox.log.since(from);
      const refused = entries.filter((e) => e.status === 403 || e.status === 429).length;
      if (refused) throw new Error(`run ${hour + 1}: the sandbox refused ${refused} request(s) on a limit`);
      // the times the sandbox counted each accepted content-creating request (its own clock)
      const times = entries
        .filter((e) => e.write && e.status < 300 && throttling.triggersNotification(e.path))
        .map((e) => Date.parse(e.at));
      creations.push(...times);
      const peak = Math.max(0, ...times.map((t) => times.filter((u) => u >= t && u < t + MINUTE_MS).length));
      const end = Date.parse(repo.state.now);
      const lastHour = creations.filter((t) => t > end - HOUR_MS).length;
      progress(
        `  run ${hour + 1}: ${cost.requests} requests, ${cost.writes} writes, ${cost.contentCreating} content-creating, ${cost.deferred} deferred`,
      );
      return { cost, refused, peakContentPerMinute: peak, contentLastHour: lastHour };
    };
    const runs: RateLimitedRun[] = [];
    for (let hour = 0; ; hour++) {
      if (hour >= MAX_RUNS) throw new Error(`no convergence after ${hour} runs`);
      const run = await sweep(hour);
      runs.push(run);
      if (run.cost.deferred === 0) break;
    }
    const settled = await sweep(runs.length);
    if (settled.cost.writes) throw new Error(`the run after convergence wrote ${settled.cost.writes} times`);
    const accepted = [...repo.state.issues.values()].filter((i) =>
      i.labels.includes('lazy-consensus/accepted'),
    ).length;
    if (accepted !== n) throw new Error(`${accepted} of ${n} items ended accepted`);
    const violations = repo.sandbox.violations.length;
    if (violations) throw new Error(`the sandbox recorded ${violations} violation(s)`);
    if (
      runs.some(
        (r) => r.peakContentPerMinute > SECONDARY_PER_MINUTE || r.contentLastHour > SECONDARY_PER_HOUR,
      )
    )
      throw new Error('a run went past a secondary limit the sandbox did not refuse');
    return { n, runs, settled, violations, accepted };
  } finally {
    await repo.stop();
  }
}
