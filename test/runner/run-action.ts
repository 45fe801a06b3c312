/**
 * Runs one bundled action as a child process with the environment the GitHub Actions runner
 * gives a `uses:` step, and collects its exit status, outputs and step summary.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parse as parseYaml } from 'yaml';
import { DEFAULT_SERVER_URL } from './payloads.js';
import type { EmittedEvent } from './steps.js';
import { runEntryInThread, runInThread } from './thread-runs.js';

export const RUN_TIMEOUT_MS = 60_000;
/** the actions' injectable clock: they read "now" from it when it is set */
export const CLOCK_VARIABLE = 'GOVERNANCE_ACTIONS_NOW';
const OUTPUT_TAIL_LINES = 15;
const MAX_CAPTURE_BYTES = 4 * 1024 * 1024;

/** Parent variables a real runner would not hand to a step, or that would route traffic away. */
const DROPPED_VARIABLES = [
  /^GITHUB_/,
  /^INPUT_/,
  /^RUNNER_/,
  /^ACTIONS_/,
  /^STATE_/,
  /^GOVERNANCE_ACTIONS_/,
  /^NODE_OPTIONS$/,
  /^(HTTPS?|ALL|NO)_PROXY$/i,
];

export interface RunRequest {
  action: string;
  /** folder holding `<action>/dist/index.js` and `<action>/action.yml` */
  actionsDir: string;
  event: EmittedEvent;
  inputs: Record<string, string>;
  token: string;
  /** the sandbox base URL */
  apiUrl: string;
  graphqlUrl: string;
  owner: string;
  repo: string;
  repoId: number;
  actorId?: number;
  now: string;
  runId: number;
  timeoutMs?: number;
  /**
   * receives a function that ends the run at once (for `kill-after-write`): SIGKILL for a process,
   * `terminate()` for a thread (reported alike: signal SIGKILL, no exit code)
   */
  onSpawn?: (kill: () => void) => void;
  /** runner files this run goes without (`missing-runner-files`): their variables are unset */
  missingRunnerFiles?: readonly RunnerFileVariable[];
  /**
   * `process` (default): the bundle in a child process, as the runner starts a step. `thread`: the
   * action's exported `run()` from `src/main.ts` in a pooled worker thread (thread-runs.ts), with
   * the same environment, files and collected results; an action without `src/main.ts` runs as a
   * process.
   */
  isolation?: Isolation;
  /**
   * The run may be killed (`kill-after-write`): in thread isolation it runs the entry a process
   * would (`actionEntry`) in a thread of its own (thread-runs.ts `runEntryInThread`), as a killed
   * thread is never reused.
   */
  killable?: boolean;
  /** the Node binary of a process-isolated run (default: this process's), e.g. the runners' Node 24 */
  nodePath?: string;
  /**
   * The job's workspace (GITHUB_WORKSPACE, and the step's working directory in process isolation),
   * owned by the caller and kept after the run, as a job's later steps (upload-artifact) see what a
   * step wrote there. By default a fresh folder removed with the run's other files.
   */
  workspace?: string;
}

export type Isolation = 'process' | 'thread';

/** The runner files a step can go without, as older runners (GHES, Gitea, Forgejo) do. */
export const RUNNER_FILE_VARIABLES = ['GITHUB_STEP_SUMMARY', 'GITHUB_OUTPUT'] as const;
export type RunnerFileVariable = (typeof RUNNER_FILE_VARIABLES)[number];

export interface ActionRun {
  action: string;
  exitCode: number | null;
  signal: string | null;
  timedOut: boolean;
  /** GITHUB_OUTPUT, parsed */
  outputs: Record<string, string>;
  stepSummary: string;
  stdout: string;
  stderr: string;
  durationMs: number;
  /** set when the run could not start (e.g. the action is not built) */
  error?: string;
  /** the runner's error when the job summary is over its size limit (it is then dropped) */
  summaryRefused?: string;
}

/**
 * Set (to any value) in the runner's own environment to run `actions/<name>/src/index.ts` through
 * tsx instead of the committed bundle: for working on the sources without rebuilding. Tests and
 * CI run the bundles.
 */
export const SOURCE_MODE_VARIABLE = 'GOVERNANCE_ACTIONS_SCENARIO_SOURCE';

function sourceMode(): boolean {
  return Boolean(process.env[SOURCE_MODE_VARIABLE]);
}

export function actionEntry(actionsDir: string, action: string): string {
  return sourceMode()
    ? join(actionsDir, action, 'src', 'index.ts')
    : join(actionsDir, action, 'dist', 'index.js');
}

/** node's arguments for an entry: a TypeScript source is loaded through tsx */
function nodeArgs(entry: string): string[] {
  if (!entry.endsWith('.ts')) return [entry];
  const tsx = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;
  return ['--import', tsx, entry];
}

/** What the Actions runner uploads of GITHUB_STEP_SUMMARY at most (1 MiB); it drops a larger one. */
export const MAX_STEP_SUMMARY_BYTES = 1024 * 1024;

/** The runner's error for a job summary it refuses to upload, or undefined when the size fits. */
export function stepSummaryViolation(bytes: number): string | undefined {
  if (bytes <= MAX_STEP_SUMMARY_BYTES) return undefined;
  return (
    `$GITHUB_STEP_SUMMARY upload aborted, supports content up to a size of ${MAX_STEP_SUMMARY_BYTES / 1024}k, ` +
    `got ${Math.floor(bytes / 1024)}k. For more information see: ` +
    'https://docs.github.com/actions/using-workflows/workflow-commands-for-github-actions#adding-a-markdown-summary'
  );
}

/** `INPUT_<NAME>` as @actions/core reads it: upper case, spaces to `_`, dashes kept. */
export function inputVariable(name: string): string {
  return `INPUT_${name.replace(/ /g, '_').toUpperCase()}`;
}

/**
 * The inputs action.yml declares with a default, as the runner fills them in. `${{ github.token }}`
 * becomes the sandbox token; other expressions are left unset (the runner would evaluate them).
 */
export function actionDefaults(actionsDir: string, action: string, token: string): Record<string, string> {
  const file = [join(actionsDir, action, 'action.yml'), join(actionsDir, action, 'action.yaml')].find((f) =>
    existsSync(f),
  );
  if (!file) return {};
  const meta = parseYaml(readFileSync(file, 'utf8')) as {
    inputs?: Record<string, { default?: unknown }>;
  } | null;
  const out: Record<string, string> = {};
  for (const [name, spec] of Object.entries(meta?.inputs ?? {})) {
    if (spec?.default === undefined || spec.default === null) continue;
    const value = String(spec.default);
    if (/^\$\{\{\s*github\.token\s*\}\}$/.test(value.trim())) out[name] = token;
    else if (!value.includes('${{')) out[name] = value;
  }
  return out;
}

/**
 * Outputs set with the older `::set-output name=NAME::VALUE` log command, which runners without
 * GITHUB_OUTPUT still read (values escaped as @actions/core escapes command data).
 */
export function parseSetOutputCommands(stdout: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const m of stdout.matchAll(/^::set-output name=([^:]+)::(.*)$/gm)) {
    const unescape = (s: string) => s.replace(/%0D/g, '\r').replace(/%0A/g, '\n').replace(/%25/g, '%');
    out[unescape(m[1]).replace(/%3A/g, ':').replace(/%2C/g, ',')] = unescape(m[2]);
  }
  return out;
}

/** Parses a GITHUB_OUTPUT / GITHUB_ENV file: `name=value` lines and `name<<DELIM` heredocs. */
export function parseCommandFile(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    if (line === '') continue;
    const heredoc = /^([^=<]+)<<(.+)$/.exec(line);
    const eq = line.indexOf('=');
    if (heredoc && (eq < 0 || line.indexOf('<<') < eq)) {
      const [, name, delimiter] = heredoc;
      const value: string[] = [];
      i++;
      while (i < lines.length && lines[i] !== delimiter) value.push(lines[i++]);
      if (i >= lines.length)
        throw new Error(`unterminated heredoc for output "${name}" (delimiter ${delimiter})`);
      out[name] = value.join('\n');
    } else if (eq > 0) {
      out[line.slice(0, eq)] = line.slice(eq + 1);
    } else {
      throw new Error(`malformed line in the output file: ${JSON.stringify(line)}`);
    }
  }
  return out;
}

export async function runAction(req: RunRequest): Promise<ActionRun> {
  const main = join(req.actionsDir, req.action, 'src', 'main.ts');
  const ownThread = req.isolation === 'thread' && req.killable === true;
  const inThread = req.isolation === 'thread' && !ownThread && existsSync(main);
  const entry = inThread ? main : actionEntry(req.actionsDir, req.action);
  const base: ActionRun = {
    action: req.action,
    exitCode: null,
    signal: null,
    timedOut: false,
    outputs: {},
    stepSummary: '',
    stdout: '',
    stderr: '',
    durationMs: 0,
  };
  if (!existsSync(entry))
    return { ...base, error: `action ${req.action} is not built: ${entry} does not exist` };

  const root = mkdtempSync(join(tmpdir(), `scenario-${req.action}-`));
  try {
    const files = {
      event: join(root, 'event.json'),
      output: join(root, 'output'),
      summary: join(root, 'step-summary.md'),
      state: join(root, 'state'),
      env: join(root, 'env'),
      path: join(root, 'path'),
    };
    const workspace = req.workspace ?? join(root, 'workspace');
    const runnerTemp = join(root, 'runner-temp');
    mkdirSync(workspace, { recursive: true });
    mkdirSync(runnerTemp);
    writeFileSync(files.event, JSON.stringify(req.event.payload, null, 2));
    for (const f of [files.output, files.summary, files.state, files.env, files.path]) writeFileSync(f, '');

    const env = buildEnv(req, files, workspace, runnerTemp);
    const started = Date.now();
    const timeoutMs = req.timeoutMs ?? RUN_TIMEOUT_MS;
    const result = inThread
      ? await runInThread(main, env, timeoutMs, MAX_CAPTURE_BYTES, req.onSpawn)
      : ownThread
        ? await runEntryInThread(entry, env, timeoutMs, MAX_CAPTURE_BYTES, req.onSpawn)
        : await spawnNode(entry, env, workspace, timeoutMs, req.onSpawn, req.nodePath);
    let outputs: Record<string, string> = {};
    let outputError: string | undefined;
    try {
      outputs = req.missingRunnerFiles?.includes('GITHUB_OUTPUT')
        ? parseSetOutputCommands(result.stdout)
        : parseCommandFile(readFileSync(files.output, 'utf8'));
    } catch (e) {
      outputError = (e as Error).message;
    }
    // the Actions runner uploads at most 1 MiB of job summary and drops a larger one whole
    const summaryRefused = stepSummaryViolation(statSync(files.summary).size);
    return {
      ...base,
      ...result,
      outputs,
      stepSummary: summaryRefused ? '' : readFileSync(files.summary, 'utf8'),
      durationMs: Date.now() - started,
      error: outputError,
      ...(summaryRefused ? { summaryRefused } : {}),
    };
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

function buildEnv(
  req: RunRequest,
  files: { event: string; output: string; summary: string; state: string; env: string; path: string },
  workspace: string,
  runnerTemp: string,
): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env))
    if (!DROPPED_VARIABLES.some((re) => re.test(k))) env[k] = v;
  const { event } = req;
  const refType = event.ref.startsWith('refs/tags/') ? 'tag' : 'branch';
  // refs/pull/5/merge -> 5/merge, as the runner names it
  const refName = event.ref.replace(/^refs\/(heads|tags|pull)\//, '');
  Object.assign(env, {
    CI: 'true',
    GITHUB_ACTIONS: 'true',
    NO_PROXY: '127.0.0.1,localhost',
    GITHUB_EVENT_NAME: event.name,
    GITHUB_EVENT_PATH: files.event,
    GITHUB_REPOSITORY: `${req.owner}/${req.repo}`,
    GITHUB_REPOSITORY_OWNER: req.owner,
    GITHUB_REPOSITORY_ID: String(req.repoId),
    GITHUB_API_URL: req.apiUrl,
    GITHUB_GRAPHQL_URL: req.graphqlUrl,
    GITHUB_SERVER_URL: DEFAULT_SERVER_URL,
    GITHUB_OUTPUT: files.output,
    GITHUB_STEP_SUMMARY: files.summary,
    GITHUB_STATE: files.state,
    GITHUB_ENV: files.env,
    GITHUB_PATH: files.path,
    GITHUB_SHA: event.sha,
    GITHUB_REF: event.ref,
    GITHUB_REF_NAME: refName,
    GITHUB_REF_TYPE: refType,
    GITHUB_HEAD_REF: event.headRef ?? '',
    GITHUB_BASE_REF: event.baseRef ?? '',
    GITHUB_RUN_ID: String(req.runId),
    GITHUB_RUN_NUMBER: String(req.runId % 100000),
    GITHUB_RUN_ATTEMPT: '1',
    GITHUB_WORKFLOW: req.action,
    GITHUB_WORKFLOW_REF: `${req.owner}/${req.repo}/.github/workflows/${req.action}.yml@${event.ref}`,
    GITHUB_JOB: req.action,
    GITHUB_ACTION: req.action,
    GITHUB_ACTOR: event.actor,
    GITHUB_TRIGGERING_ACTOR: event.actor,
    ...(req.actorId !== undefined ? { GITHUB_ACTOR_ID: String(req.actorId) } : {}),
    GITHUB_WORKSPACE: workspace,
    RUNNER_TEMP: runnerTemp,
    RUNNER_OS: 'Linux',
    RUNNER_ARCH: 'X64',
    RUNNER_NAME: 'scenario-runner',
    RUNNER_ENVIRONMENT: 'github-hosted',
    [CLOCK_VARIABLE]: req.now,
    // the sandbox has no secondary rate limit: do not pace writes (the library's default is 1 s / 3 s)
    GOVERNANCE_ACTIONS_WRITE_INTERVAL_MS: '0',
    // nor does its clock run while a client waits to retry: retry at once, as often as before
    GOVERNANCE_ACTIONS_RETRY_UNIT_MS: '0',
  });
  for (const name of req.missingRunnerFiles ?? []) delete env[name];
  const inputs = {
    ...actionDefaults(req.actionsDir, req.action, req.token),
    ...req.inputs,
    'github-token': req.token,
  };
  for (const [name, value] of Object.entries(inputs)) env[inputVariable(name)] = value;
  return env;
}

function spawnNode(
  entry: string,
  env: NodeJS.ProcessEnv,
  cwd: string,
  timeoutMs: number,
  onSpawn?: (kill: () => void) => void,
  nodePath = process.execPath,
): Promise<Pick<ActionRun, 'exitCode' | 'signal' | 'timedOut' | 'stdout' | 'stderr'>> {
  return new Promise((resolve) => {
    const child = spawn(nodePath, nodeArgs(entry), { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    onSpawn?.(() => child.kill('SIGKILL'));
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    let outBytes = 0;
    let errBytes = 0;
    child.stdout.on('data', (b: Buffer) => {
      if ((outBytes += b.length) <= MAX_CAPTURE_BYTES) out.push(b);
    });
    child.stderr.on('data', (b: Buffer) => {
      if ((errBytes += b.length) <= MAX_CAPTURE_BYTES) err.push(b);
    });
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, timeoutMs);
    const finish = (exitCode: number | null, signal: string | null, spawnError?: Error) => {
      clearTimeout(timer);
      resolve({
        exitCode,
        signal,
        timedOut,
        stdout: Buffer.concat(out).toString('utf8'),
        stderr: Buffer.concat(err).toString('utf8') + (spawnError ? `\n${spawnError.message}` : ''),
      });
    };
    child.on('error', (e) => finish(null, null, e));
    child.on('close', (code, signal) => finish(code, signal));
  });
}

/** The last lines a failed run printed, for the failure message. */
export function outputTail(run: ActionRun, lines = OUTPUT_TAIL_LINES): string {
  const text = [run.stderr.trimEnd(), run.stdout.trimEnd()].filter(Boolean).join('\n');
  return text.split('\n').slice(-lines).join('\n');
}
