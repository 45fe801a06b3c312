/**
 * Lazy-consensus sweeps over N labelled issues, played with the real bundle:
 *   announce   the first sweep after N items were labelled (budget lifted, to set the stage)
 *   quiet      a sweep with every item pending and nothing due: reads only
 *   due        every notice period has ended: hourly sweeps with the default `max-writes` until the
 *              repository converges (the last sweep writes nothing)
 * and, on a quiet repository, the reads actions/stale makes on the same state (`benchStaleComparison`).
 */
import { RepoState } from '../test/sandbox/state.js';
import { BenchRepo, type RunCost } from './harness.js';
import { STALE_DEFAULT_OPERATIONS, staleRun, type StaleModelCost } from './stale-model.js';

export const ACTION = 'lazy-consensus-timer';
const TRIGGER = 'lazy-consensus';
const CRON = '0 * * * *';
const LABELLED_AT = '2026-03-02T09:00:00Z';
const ANNOUNCE_AT = '2026-03-02T10:00:00Z';
const QUIET_AT = '2026-03-02T11:00:00Z';
/** risk/low: 72 h notice, so every item is due from 2026-03-05T09:00Z */
const DUE_FROM = '2026-03-05T10:00:00Z';
const HOUR_MS = 3600_000;
/** lifts the per-run write budget for the run that only sets the stage */
const NO_BUDGET = '1000000';
/** a safety stop: convergence needs about 4 writes per item / 200 per run */
const MAX_CONVERGENCE_RUNS = 400;

export interface LazyConsensusResult {
  n: number;
  announce: RunCost;
  quiet: RunCost;
  due: {
    runs: RunCost[];
    /** the sweep after convergence */
    settled: RunCost;
  };
}

export function seedLabelled(n: number): RepoState {
  const state = new RepoState({
    collaborators: { alice: 'admin' },
    labels: [TRIGGER, 'risk/low'],
    files: { '.github/governance.yml': 'version: 1\n' },
  });
  state.now = LABELLED_AT;
  for (let number = 1; number <= n; number++) {
    state.createIssue({
      number,
      title: `Proposal ${number}`,
      body: `Proposal ${number}: adopt the thing.`,
      author: 'alice',
      labels: [TRIGGER, 'risk/low'],
      createdAt: LABELLED_AT,
    });
  }
  return state;
}

const hoursAfter = (iso: string, hours: number) => new Date(Date.parse(iso) + hours * HOUR_MS).toISOString();

export async function benchLazyConsensus(
  n: number,
  progress: (msg: string) => void,
): Promise<LazyConsensusResult> {
  const repo = await new BenchRepo(seedLabelled(n)).start();
  try {
    const sweep = (at: string, inputs: Record<string, string> = {}) =>
      repo.runOk(ACTION, repo.event(at, { kind: 'schedule', cron: CRON }), at, inputs);
    const announce = await sweep(ANNOUNCE_AT, { 'max-writes': NO_BUDGET });
    progress(`  announce: ${announce.requests} requests, ${(announce.wallMs / 1000).toFixed(1)} s`);
    const quiet = await sweep(QUIET_AT);
    if (quiet.writes) throw new Error(`a quiet sweep over ${n} items wrote ${quiet.writes} times`);
    const runs: RunCost[] = [];
    for (let hour = 0; ; hour++) {
      if (hour >= MAX_CONVERGENCE_RUNS) throw new Error(`no convergence after ${hour} runs`);
      const run = await sweep(hoursAfter(DUE_FROM, hour));
      runs.push(run);
      if (run.deferred === 0) break;
    }
    progress(`  due: converged in ${runs.length} run(s)`);
    const settled = await sweep(hoursAfter(DUE_FROM, runs.length));
    if (settled.writes) throw new Error(`the sweep after convergence wrote ${settled.writes} times`);
    const accepted = [...repo.state.issues.values()].filter((i) =>
      i.labels.includes('lazy-consensus/accepted'),
    ).length;
    if (accepted !== n) throw new Error(`${accepted} of ${n} items ended accepted`);
    return { n, announce, quiet, due: { runs, settled } };
  } finally {
    await repo.stop();
  }
}

export interface StaleComparison {
  n: number;
  /** the timer's quiet sweep (every item pending, nothing due) */
  quiet: Omit<RunCost, 'run'>;
  /** stale, no item carrying its stale label: it pages through every open issue */
  staleQuiet: StaleModelCost;
  /** stale, every item carrying its stale label (here the trigger label), default operations cap */
  staleInFlightCapped: StaleModelCost;
  /** the same with the cap lifted */
  staleInFlight: StaleModelCost;
}

/**
 * The timer's quiet sweep over N announced items, and actions/stale's reads on the same state in
 * its two patterns (bench/stale-model.ts): quiet (its label `stale` on no item) and in flight (its
 * label on every item, as when stale times the same proposals with `stale-issue-label:
 * lazy-consensus`), with its default `operations-per-run` and with it lifted.
 */
export async function benchStaleComparison(
  n: number,
  progress: (msg: string) => void,
): Promise<StaleComparison> {
  const repo = await new BenchRepo(seedLabelled(n)).start();
  try {
    const sweep = (at: string, inputs: Record<string, string> = {}) =>
      repo.runOk(ACTION, repo.event(at, { kind: 'schedule', cron: CRON }), at, inputs);
    await sweep(ANNOUNCE_AT, { 'max-writes': NO_BUDGET });
    const { run: _transcript, ...quiet } = await sweep(QUIET_AT);
    if (quiet.writes) throw new Error(`a quiet sweep over ${n} items wrote ${quiet.writes} times`);
    const staleQuiet = await staleRun(repo, 'stale', STALE_DEFAULT_OPERATIONS);
    const staleInFlightCapped = await staleRun(repo, TRIGGER, STALE_DEFAULT_OPERATIONS);
    const staleInFlight = await staleRun(repo, TRIGGER, Infinity);
    progress(
      `  timer ${quiet.requests}; stale quiet ${staleQuiet.requests}, in flight ${staleInFlightCapped.requests} (cap ${STALE_DEFAULT_OPERATIONS}) / ${staleInFlight.requests} (no cap)`,
    );
    return { n, quiet, staleQuiet, staleInFlightCapped, staleInFlight };
  } finally {
    await repo.stop();
  }
}
