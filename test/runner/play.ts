/**
 * Plays one scenario: seeds the sandbox, applies each step at its time, runs the bundled actions
 * on the emitted events as the Actions runner would, and checks the expectations.
 */
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createGraphqlHandler } from '../sandbox/graphql/index.js';
import { Sandbox } from '../sandbox/server.js';
import type { RepoState } from '../sandbox/state.js';
import { describeEffects, snapshot } from './effects.js';
import { shownTexts, textSnapshot, type ShownText } from './shown-texts.js';
import { checkExpectations, describeRequest } from './expectations.js';
import { DEFAULT_SERVER_URL, PayloadBuilder } from './payloads.js';
import { outputTail, runAction, RUN_TIMEOUT_MS, type ActionRun, type Isolation } from './run-action.js';
import { loadScenario } from './scenario-file.js';
import type { Scenario, Step } from './scenario-types.js';
import { seedState } from './seed.js';
import { applyStep, type EmittedEvent } from './steps.js';

export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const DEFAULT_ACTIONS_DIR = join(REPO_ROOT, 'actions');
const GRAPHQL_PATH = '/graphql';
const FIRST_RUN_ID = 9000001;

export interface PlayOptions {
  /** where `<action>/dist/index.js` live; default: the repository's actions/ */
  actionsDir?: string;
  timeoutMs?: number;
  /**
   * how each run is isolated (run-action.ts); default `process`. A `kill-after-write` run is
   * isolated the same way (in a thread of its own, run-action.ts `killable`): a thread is
   * terminated where a process is SIGKILLed, and the sandbox drops what either sends after its
   * N-th write (write-trap.ts).
   */
  isolation?: Isolation;
}

export interface RunSummary {
  action: string;
  exitCode: number | null;
  /** the signal that ended the run (SIGKILL for a killed process or thread) */
  signal: string | null;
  timedOut: boolean;
  expectFailure: boolean;
  durationMs: number;
  requests: number;
  writes: number;
  outputs: Record<string, string>;
  /** what the run changed, one line each */
  effects: string[];
  /** the job summary the run wrote (GITHUB_STEP_SUMMARY) */
  jobSummary: string;
  /** the full texts the run wrote or changed, in the order it wrote them (`--show`) */
  texts: ShownText[];
  error?: string;
  /** extension `kill-after-write`: the run was killed (SIGKILL, or its thread ended) after this many writes */
  killedAfterWrites?: number;
}

export interface TimelineEntry {
  step: number;
  at: string;
  /** the event emitted, e.g. `pull_request` (none for a `wait` with nothing before it) */
  event?: string;
  /** what happened, e.g. `alice labeled #1 lazy-consensus` */
  summary: string;
  runs: RunSummary[];
  failures: string[];
}

export interface PlayResult {
  file: string;
  name: string;
  passed: boolean;
  failures: string[];
  /** API requests all runs made */
  requests: number;
  timeline: TimelineEntry[];
}

export async function playScenario(file: string, opts: PlayOptions = {}): Promise<PlayResult> {
  let scenario: Scenario;
  try {
    scenario = loadScenario(file);
  } catch (e) {
    return {
      file,
      name: basename(file),
      passed: false,
      failures: [(e as Error).message],
      requests: 0,
      timeline: [],
    };
  }
  return playParsed(scenario, opts);
}

export async function playParsed(scenario: Scenario, opts: PlayOptions = {}): Promise<PlayResult> {
  const result: PlayResult = {
    file: scenario.file,
    name: scenario.name,
    passed: false,
    failures: [],
    requests: 0,
    timeline: [],
  };
  let state: RepoState;
  try {
    state = seedState(scenario);
  } catch (e) {
    result.failures.push(`seed: ${(e as Error).message}`);
    return result;
  }
  const seeded = new Set(state.issues.keys());
  const seededOthers = new Map([...state.others].map(([k, o]) => [k, new Set(o.issues.keys())]));
  const sandbox = new Sandbox(state);
  sandbox.setGraphqlHandler(createGraphqlHandler(state));
  const baseUrl = await sandbox.start();
  const actionsDir = opts.actionsDir ?? DEFAULT_ACTIONS_DIR;
  const payloads = new PayloadBuilder(state, { apiUrl: baseUrl, serverUrl: DEFAULT_SERVER_URL });
  const lastOutputs = new Map<string, Record<string, string>>();
  const lastRuns = new Map<string, { summary: string; log: string }>();
  let violationsSeen = 0;
  let previous: EmittedEvent | undefined;
  let runId = FIRST_RUN_ID;
  let clock = '';

  const newViolations = (): string[] => {
    const fresh = sandbox.violations.slice(violationsSeen);
    violationsSeen = sandbox.violations.length;
    return fresh.map((v) => `the sandbox rejected a request GitHub would reject: ${v}`);
  };

  try {
    for (const step of scenario.steps) {
      const label = `steps[${step.index}] ${step.at}${step.line ? ` (line ${step.line})` : ''}`;
      const entry: TimelineEntry = { step: step.index, at: step.at, summary: '', runs: [], failures: [] };
      result.timeline.push(entry);
      const fail = (msg: string) => {
        entry.failures.push(msg);
        result.failures.push(`${label}: ${msg}`);
      };
      if (clock && step.at < clock) {
        fail(`time goes backwards: ${step.at} is before ${clock}`);
        break;
      }
      clock = step.at;
      state.now = step.at;

      let event: EmittedEvent | undefined;
      try {
        event = applyStep(step, { state, payloads, previous });
      } catch (e) {
        entry.summary = `${step.action.kind} (refused)`;
        fail((e as Error).message);
        break; // the repository no longer matches what the rest of the scenario assumes
      }
      entry.event = event?.name;
      entry.summary = event?.summary ?? '(time passes)';
      if (step.run.length > 0 && !event) {
        fail('`run` on a `wait` step needs an event before it');
        continue;
      }

      const logStart = sandbox.log.entries.length;
      const runCtx = (index: number): RunContext => ({
        state,
        sandbox,
        actionsDir,
        client: runClient(index),
        token: sandbox.tokenFor(scenario.actor, {
          readOnly: (step.token ?? scenario.repo.token) === 'read-only',
          client: runClient(index),
          kind: step.tokenKind ?? scenario.repo.tokenKind,
        }),
        baseUrl,
        runId: runId++,
        timeoutMs: opts.timeoutMs ?? RUN_TIMEOUT_MS,
        isolation: opts.isolation ?? 'process',
        actorId: state.user(scenario.actor).id,
        parallel: step.parallel,
      });
      installFaults(sandbox, step);
      try {
        const play = (action: string, i: number) => playRun(step, action, event!, runCtx(i));
        const runs: Awaited<ReturnType<typeof playRun>>[] = [];
        if (step.parallel) runs.push(...(await Promise.all(step.run.map(play))));
        else for (const [i, action] of step.run.entries()) runs.push(await play(action, i));
        for (const [i, run] of runs.entries()) {
          entry.runs.push(run.summary);
          lastOutputs.set(step.run[i], run.run.outputs);
          lastRuns.set(step.run[i], {
            summary: run.run.stepSummary,
            log: `${run.run.stdout}\n${run.run.stderr}`,
          });
          for (const f of run.failures) fail(f);
        }
        for (const f of unfiredFaults(sandbox)) fail(f);
      } finally {
        sandbox.faults.clear();
      }
      for (const v of newViolations()) fail(v);
      if (step.expect) {
        const failures = checkExpectations(step.expect, {
          state,
          actor: scenario.actor,
          seeded,
          seededOthers,
          outputs: lastOutputs,
          runs: lastRuns,
          requests: sandbox.log.since(logStart),
        });
        for (const f of failures) fail(`expect: ${f}`);
      }
      if (event) previous = event;
    }
    for (const v of newViolations()) result.failures.push(v);
    if (scenario.expect) {
      const failures = checkExpectations(scenario.expect, {
        state,
        actor: scenario.actor,
        seeded,
        seededOthers,
        outputs: lastOutputs,
        runs: lastRuns,
        requests: sandbox.log.entries,
      });
      result.failures.push(...failures.map((f) => `expect: ${f}`));
    }
  } finally {
    result.requests = sandbox.log.entries.length;
    await sandbox.stop();
  }
  result.passed = result.failures.length === 0;
  return result;
}

/** Each run of a step has its own token, so the log and the faults can tell parallel runs apart. */
const runClient = (index: number) => `run-${index}`;

function installFaults(sandbox: Sandbox, step: Step): void {
  for (const f of step.faults) {
    sandbox.faults.add({
      method: f.method,
      path: f.path,
      body: f.body,
      nth: f.nth,
      times: f.times,
      kind: f.kind,
      delayMs: f.delayMs,
      client: f.runIndex === undefined ? undefined : runClient(f.runIndex),
    });
  }
}

/**
 * A fault that never fired means the scenario did not test what it says: that is a failure. So
 * is a barrier whose last request never came: the runs did not interleave where it says.
 */
function unfiredFaults(sandbox: Sandbox): string[] {
  return sandbox.faults.counts().flatMap((c, i) => {
    const name = `faults[${i}] (${c.rule.kind}${c.rule.method ? ` ${c.rule.method}` : ''}${c.rule.path ? ` ${String(c.rule.path)}` : ''})`;
    if (c.fired === 0) return [`${name} never fired: ${c.seen} matching request(s), nth ${c.rule.nth ?? 1}`];
    if (c.timedOut)
      return [
        `${name} held ${c.fired} of its ${c.rule.times ?? 1} request(s) and timed out waiting for the rest`,
      ];
    return [];
  });
}

interface RunContext {
  state: RepoState;
  sandbox: Sandbox;
  actionsDir: string;
  token: string;
  /** the client name of this run's token (`run-<index in the step>`) */
  client: string;
  /** started together with the step's other runs */
  parallel: boolean;
  baseUrl: string;
  runId: number;
  timeoutMs: number;
  actorId: number;
  isolation: Isolation;
}

async function playRun(
  step: Step,
  action: string,
  event: EmittedEvent,
  ctx: RunContext,
): Promise<{ run: ActionRun; summary: RunSummary; failures: string[] }> {
  const { state, sandbox } = ctx;
  const before = snapshot(state);
  const beforeTexts = textSnapshot(state);
  const logStart = sandbox.log.entries.length;
  let kill: (() => void) | undefined;
  const trap =
    step.killAfterWrite === undefined
      ? undefined
      : sandbox.armWriteTrap({
          client: ctx.client,
          afterWrites: step.killAfterWrite,
          onSprung: () => kill?.(),
        });
  const run = await runAction({
    action,
    actionsDir: ctx.actionsDir,
    event,
    inputs: step.inputs,
    token: ctx.token,
    apiUrl: ctx.baseUrl,
    graphqlUrl: `${ctx.baseUrl}${GRAPHQL_PATH}`,
    owner: state.owner,
    repo: state.name,
    repoId: state.repoId,
    actorId: ctx.actorId,
    now: step.at,
    runId: ctx.runId,
    timeoutMs: ctx.timeoutMs,
    onSpawn: (k) => (kill = k),
    isolation: ctx.isolation,
    killable: step.killAfterWrite !== undefined,
    ...(step.missingRunnerFiles ? { missingRunnerFiles: step.missingRunnerFiles } : {}),
  }).finally(() => trap && sandbox.disarmWriteTrap());
  const requests = sandbox.log.since(logStart).filter((r) => r.client === ctx.client);
  const failures: string[] = [];
  const tail = () => indent(outputTail(run));
  if (trap && !run.timedOut && !run.error) {
    // a killed run ends however the kill finds it; only a kill that never came is a failure
    if (!trap.sprung)
      failures.push(
        `${action}: kill-after-write ${step.killAfterWrite} never fired: the run made ${trap.writes} write(s) and ended (exit code ${run.exitCode ?? run.signal})`,
      );
  } else if (run.exitCode === null && !run.timedOut && run.error) {
    failures.push(`${action}: ${run.error}`);
  } else if (run.timedOut) {
    failures.push(
      `${action}: killed after ${ctx.timeoutMs / 1000} s without finishing; last output:\n${tail()}`,
    );
  } else if (step.expectFailure && run.exitCode === 0) {
    failures.push(`${action}: expected the run to fail (expect-failure: true), found exit code 0`);
  } else if (!step.expectFailure && run.exitCode !== 0) {
    failures.push(
      `${action}: the run failed (exit code ${run.exitCode ?? run.signal}); last output:\n${tail()}`,
    );
  } else if (run.error) {
    failures.push(`${action}: ${run.error}`);
  }
  if (run.summaryRefused) failures.push(`${action}: ${run.summaryRefused}`);
  return {
    run,
    failures,
    summary: {
      action,
      exitCode: run.exitCode,
      signal: run.signal,
      timedOut: run.timedOut,
      expectFailure: step.expectFailure,
      durationMs: run.durationMs,
      requests: requests.length,
      writes: requests.filter((r) => r.write).length,
      outputs: run.outputs,
      effects: [
        // parallel runs change the repository together: what changed is not one run's doing
        ...describeEffects(before, state).map((e) => (ctx.parallel ? `${e} (with the parallel runs)` : e)),
        // writes GitHub refused change nothing in the model; the log is where they show
        ...requests
          .filter((r) => r.write && (r.status < 200 || r.status >= 300))
          .map((r) => `refused: ${describeRequest(r)} -> ${r.status || 'connection reset'}`),
      ],
      jobSummary: run.stepSummary,
      texts: shownTexts(
        beforeTexts,
        state,
        requests.filter((r) => r.write),
      ),
      error: run.error,
      ...(trap?.sprung ? { killedAfterWrites: trap.writes } : {}),
    },
  };
}

function indent(text: string): string {
  return text
    .split('\n')
    .map((l) => `    | ${l}`)
    .join('\n');
}
