/**
 * Runs an action's committed bundle (actions/<name>/dist/index.js) as a child process with the
 * environment a `uses:` step gets from the Actions runner, and returns its exit status, outputs
 * and job summary. The child's log streams to our stderr as it runs.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
// One emulation of the Actions runner's protocol, shared with the scenario runner.
import { actionDefaults, inputVariable, parseCommandFile } from '../test/runner/run-action.js';
import type { SynthesisedEvent } from './event-payload.js';
import type { Writer } from './io.js';

/** Variables of the calling shell a runner would not hand to the step (run inside a job, they would leak). */
const DROPPED_VARIABLES = [
  /^GITHUB_/,
  /^INPUT_/,
  /^RUNNER_/,
  /^ACTIONS_/,
  /^STATE_/,
  /^GOVERNANCE_ACTIONS_/,
  /^GH_TOKEN$/,
];
export const CLOCK_VARIABLE = 'GOVERNANCE_ACTIONS_NOW';

export interface BundleRun {
  exitCode: number | null;
  outputs: Record<string, string>;
  summary: string;
}

export interface BundleRequest {
  actionDir: string;
  owner: string;
  repo: string;
  event: SynthesisedEvent;
  apiUrl: string;
  graphqlUrl: string;
  serverUrl: string;
  /** action inputs; unset ones take action.yml's defaults, `${{ github.token }}` becoming `token` */
  inputs: Record<string, string>;
  token: string;
  /** GOVERNANCE_ACTIONS_NOW: decide as of this instant instead of the real clock */
  now?: string;
  /** the calling shell's environment, filtered as a runner would (default: ours) */
  env?: NodeJS.ProcessEnv;
  /** set after `env` is filtered (cli/io.ts `bundleEnv`) */
  extraEnv?: NodeJS.ProcessEnv;
  /** where the child's log goes (default: our stderr) */
  log?: Writer;
}

export async function runBundle(req: BundleRequest): Promise<BundleRun> {
  const entry = join(req.actionDir, 'dist', 'index.js');
  if (!existsSync(entry)) throw new Error(`${entry} does not exist: run \`npm run build\``);
  const root = mkdtempSync(join(tmpdir(), 'governance-actions-cli-'));
  try {
    const files = {
      event: join(root, 'event.json'),
      output: join(root, 'output'),
      summary: join(root, 'summary.md'),
      state: join(root, 'state'),
      env: join(root, 'env'),
      path: join(root, 'path'),
    };
    const workspace = join(root, 'workspace');
    mkdirSync(workspace);
    writeFileSync(files.event, JSON.stringify(req.event.payload, null, 2));
    for (const f of [files.output, files.summary, files.state, files.env, files.path]) writeFileSync(f, '');

    const env: NodeJS.ProcessEnv = {};
    for (const [k, v] of Object.entries(req.env ?? process.env))
      if (!DROPPED_VARIABLES.some((re) => re.test(k))) env[k] = v;
    Object.assign(env, req.extraEnv);
    const { event } = req;
    Object.assign(env, {
      GITHUB_ACTIONS: 'true',
      GITHUB_EVENT_NAME: event.name,
      GITHUB_EVENT_PATH: files.event,
      GITHUB_REPOSITORY: `${req.owner}/${req.repo}`,
      GITHUB_REPOSITORY_OWNER: req.owner,
      GITHUB_API_URL: req.apiUrl,
      GITHUB_GRAPHQL_URL: req.graphqlUrl,
      GITHUB_SERVER_URL: req.serverUrl,
      GITHUB_OUTPUT: files.output,
      GITHUB_STEP_SUMMARY: files.summary,
      GITHUB_STATE: files.state,
      GITHUB_ENV: files.env,
      GITHUB_PATH: files.path,
      GITHUB_SHA: event.sha,
      GITHUB_REF: event.ref,
      GITHUB_REF_NAME: event.ref.replace(/^refs\/(heads|tags|pull)\//, ''),
      GITHUB_REF_TYPE: event.ref.startsWith('refs/tags/') ? 'tag' : 'branch',
      GITHUB_ACTOR: event.actor,
      GITHUB_TRIGGERING_ACTOR: event.actor,
      GITHUB_WORKFLOW: `governance-actions preview`,
      GITHUB_JOB: 'preview',
      GITHUB_RUN_ID: '1',
      GITHUB_RUN_NUMBER: '1',
      GITHUB_RUN_ATTEMPT: '1',
      GITHUB_WORKSPACE: workspace,
      RUNNER_TEMP: root,
      ...(req.now ? { [CLOCK_VARIABLE]: req.now } : {}),
    });
    const inputs = {
      ...actionDefaults(dirname(req.actionDir), basename(req.actionDir), req.token),
      ...req.inputs,
      'github-token': req.token,
    };
    for (const [name, value] of Object.entries(inputs)) env[inputVariable(name)] = value;

    const exitCode = await new Promise<number | null>((resolve, reject) => {
      const child = spawn(process.execPath, [entry], {
        cwd: workspace,
        env,
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      const log = req.log ?? process.stderr;
      child.stdout.on('data', (chunk: Buffer) => log.write(chunk));
      child.stderr.on('data', (chunk: Buffer) => log.write(chunk));
      child.on('error', reject);
      child.on('close', (code) => resolve(code));
    });
    return {
      exitCode,
      outputs: parseCommandFile(readFileSync(files.output, 'utf8')),
      summary: readFileSync(files.summary, 'utf8'),
    };
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}
