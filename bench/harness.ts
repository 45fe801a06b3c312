/**
 * One benchmark repository: a sandbox seeded in code, on which the real bundled actions are played
 * exactly as the scenario runner plays them (`runAction`: same environment, same bundle), and
 * whose request log is turned into the cost of each run.
 */
import { performance } from 'node:perf_hooks';
import { getOperationAST, parse } from 'graphql';
import { throttling } from '@octokit/plugin-throttling';
import { queryCost } from '../test/sandbox/graphql/cost.js';
import { NOTIFICATION_INTERVAL_S, WRITE_INTERVAL_S } from './limits.js';
import { createGraphqlHandler } from '../test/sandbox/graphql/index.js';
import { Sandbox, type RequestLogEntry } from '../test/sandbox/server.js';
import type { RepoState } from '../test/sandbox/state.js';
import { DEFAULT_ACTIONS_DIR } from '../test/runner/play.js';
import { DEFAULT_SERVER_URL, PayloadBuilder } from '../test/runner/payloads.js';
import { runAction, type ActionRun, type RunRequest } from '../test/runner/run-action.js';
import { applyStep, type EmittedEvent } from '../test/runner/steps.js';
import type { Step, StepAction } from '../test/runner/scenario-types.js';

/**
 * The bundles the bench plays: the committed ones, or a candidate build's folder
 * (`node scripts/build.mjs --out-dir DIR`, then `GOVERNANCE_ACTIONS_BENCH_DIR=DIR npm run bench`).
 */
export const BENCH_ACTIONS_DIR = process.env.GOVERNANCE_ACTIONS_BENCH_DIR || DEFAULT_ACTIONS_DIR;

/** Sweeps over thousands of items take longer than the runner's 60 s. */
export const BENCH_RUN_TIMEOUT_MS = 15 * 60_000;
const GRAPHQL_PATH = '/graphql';

/** What one run cost, from the sandbox's log. */
export interface RunCost {
  requests: number;
  reads: number;
  writes: number;
  /** GraphQL queries (reads) and mutations */
  graphql: number;
  rest: number;
  /** GitHub's GraphQL rate-limit points for the queries, by its published arithmetic */
  graphqlPoints: number;
  /** writes octokit's throttling paces as notification-triggering (comments, issues, pulls...) */
  contentCreating: number;
  /** wall time of the run in the sandbox (no write pacing: the runner sets the interval to 0) */
  wallMs: number;
  /** process spawn to the first request the sandbox received */
  firstRequestMs: number | null;
  /** from the same instant as firstRequestMs to the run's end (the process's exit) */
  wholeRunMs: number;
  exitCode: number | null;
  timedOut: boolean;
  outputs: Record<string, string>;
  /** effects the run left for the next one (`max-writes`) */
  deferred: number;
  run: ActionRun;
}

export interface BenchRepoOptions {
  /** refuse what GitHub's rate limits refuse (test/sandbox/rate-limit.ts), as tests do */
  enforceRateLimits?: boolean;
  /** advance the scenario clock during a run by the client's write pacing (see `pace`) */
  pacedClock?: boolean;
}

const READ_METHODS = new Set(['GET', 'HEAD']);

export class BenchRepo {
  readonly sandbox: Sandbox;
  private readonly payloads: PayloadBuilder;
  private baseUrl = '';
  /** the token the actions use (the run's `github-token`) */
  token = '';
  private runId = 7000001;
  /** GraphQL points spent so far, by GitHub's arithmetic (summed per run) */
  private pointsUsed = 0;
  private readonly arrivals = new Map<RequestLogEntry, number>();

  constructor(
    readonly state: RepoState,
    options: BenchRepoOptions = {},
  ) {
    // the bench measures what a run costs, also past GitHub's rate limits, and reads it against
    // them (limits.ts): by default the sandbox counts but does not refuse
    this.sandbox = new Sandbox(state, { enforceRateLimits: options.enforceRateLimits ?? false });
    const handler = createGraphqlHandler(state);
    const log = this.sandbox.log;
    this.sandbox.setGraphqlHandler(async (query, variables, login) => {
      this.pointsUsed += pointsOf(query, variables);
      return handler(query, variables, login);
    });
    // the arrival time of every request, for start-up (the log records the scenario clock only)
    const add = log.add.bind(log);
    log.add = (entry: RequestLogEntry) => {
      this.arrivals.set(entry, performance.now());
      if (options.pacedClock) this.pace(entry);
      add(entry);
    };
    this.payloads = new PayloadBuilder(state, { apiUrl: '', serverUrl: DEFAULT_SERVER_URL });
  }

  /**
   * Moves the scenario clock as the client's pacing moves GitHub's (shared/github/client.ts): a
   * write or GraphQL query at least 1 s after the previous one, a content-creating write 3 s.
   * Without it a whole run happens at one instant and the per-minute limit sees it all at once.
   */
  private pace(entry: RequestLogEntry): void {
    if (READ_METHODS.has(entry.method)) return;
    const step = throttling.triggersNotification(entry.path) ? NOTIFICATION_INTERVAL_S : WRITE_INTERVAL_S;
    this.state.now = new Date(Date.parse(this.state.now) + step * 1000).toISOString();
  }

  async start(): Promise<this> {
    this.baseUrl = await this.sandbox.start();
    (this.payloads as { urls: { apiUrl: string } }).urls.apiUrl = this.baseUrl;
    this.token = this.sandbox.tokenFor(this.state.actor);
    return this;
  }

  stop(): Promise<void> {
    return this.sandbox.stop();
  }

  /** Applies a runner step (schedule, tag...) at `at` and returns the event it emits. */
  event(at: string, action: StepAction): EmittedEvent {
    this.state.now = at;
    // applyStep reads only the step's action and event; the rest of Step belongs to the runner
    const step = { index: 0, at, action, run: [], inputs: {}, expectFailure: false } as unknown as Step;
    const event = applyStep(step, { state: this.state, payloads: this.payloads });
    if (!event) throw new Error(`step ${action.kind} emits no event`);
    return event;
  }

  /** Plays one bundled action on `event` at `at` and returns what it cost. */
  async run(
    action: string,
    event: EmittedEvent,
    at: string,
    inputs: Record<string, string> = {},
    options: Pick<RunRequest, 'workspace' | 'nodePath'> = {},
  ) {
    this.state.now = at;
    const start = this.sandbox.log.entries.length;
    const violationsBefore = this.sandbox.violations.length;
    const pointsBefore = this.pointsUsed;
    const spawnedAt = performance.now();
    const run = await runAction({
      action,
      actionsDir: BENCH_ACTIONS_DIR,
      event,
      inputs,
      token: this.token,
      apiUrl: this.baseUrl,
      graphqlUrl: `${this.baseUrl}${GRAPHQL_PATH}`,
      owner: this.state.owner,
      repo: this.state.name,
      repoId: this.state.repoId,
      now: at,
      runId: this.runId++,
      timeoutMs: BENCH_RUN_TIMEOUT_MS,
      ...options,
    });
    const wholeRunMs = performance.now() - spawnedAt;
    const entries = this.sandbox.log.since(start);
    const violations = this.sandbox.violations.slice(violationsBefore);
    if (violations.length)
      throw new Error(`the sandbox rejected requests: ${violations.slice(0, 3).join('; ')}`);
    const first = entries[0] ? this.arrivals.get(entries[0]) : undefined;
    return {
      ...costOf(entries),
      graphqlPoints: this.pointsUsed - pointsBefore,
      wallMs: run.durationMs,
      firstRequestMs: first === undefined ? null : first - spawnedAt,
      wholeRunMs,
      exitCode: run.exitCode,
      timedOut: run.timedOut,
      outputs: run.outputs,
      deferred: Number(run.outputs.deferred ?? 0),
      run,
    } satisfies RunCost;
  }

  /** Like `run`, but fails loudly when the action did not finish cleanly. */
  async runOk(
    action: string,
    event: EmittedEvent,
    at: string,
    inputs: Record<string, string> = {},
    options: Pick<RunRequest, 'workspace' | 'nodePath'> = {},
  ) {
    const cost = await this.run(action, event, at, inputs, options);
    if (cost.exitCode !== 0) {
      const tail = `${cost.run.stderr}\n${cost.run.stdout}`.trim().split('\n').slice(-12).join('\n');
      throw new Error(
        `${action} ${cost.timedOut ? 'timed out' : `exited ${cost.exitCode ?? cost.run.error}`}:\n${tail}`,
      );
    }
    return cost;
  }
}

export function costOf(
  entries: RequestLogEntry[],
): Pick<RunCost, 'requests' | 'reads' | 'writes' | 'graphql' | 'rest' | 'contentCreating'> {
  const graphql = entries.filter((e) => e.path === GRAPHQL_PATH);
  return {
    requests: entries.length,
    reads: entries.filter((e) => !e.write).length,
    writes: entries.filter((e) => e.write).length,
    graphql: graphql.length,
    rest: entries.length - graphql.length,
    contentCreating: entries.filter((e) => e.write && throttling.triggersNotification(e.path)).length,
  };
}

function pointsOf(query: string, variables: Record<string, unknown>): number {
  try {
    const document = parse(query);
    const operation = getOperationAST(document);
    return operation ? queryCost(document, operation, variables).cost : 0;
  } catch {
    return 0;
  }
}
