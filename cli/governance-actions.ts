/**
 * `governance-actions`: preview what an action would do to a real repository before enabling it,
 * and play scenario files against the built-in GitHub sandbox.
 *
 *   governance-actions <action> --repo owner/name [--event E] [--number N] [--dry-run | --apply]
 *   governance-actions simulate SCENARIO... [--json | --show]
 *   governance-actions validate [--config PATH] [--dir CHECKOUT | --repo OWNER/NAME]
 *   governance-actions init --dir CHECKOUT
 *
 * The preview runs the action's committed bundle exactly as a workflow step would, with a token
 * from GITHUB_TOKEN / GH_TOKEN and the API at GITHUB_API_URL (default https://api.github.com),
 * on an event payload synthesised from the repository as it is now. It is a dry run unless
 * `--apply` is given: the action plans, reads, and reports, and writes nothing.
 *
 * `main` takes its output streams, environment and working folder from `io` (the process's by
 * default); `governance-actions.mjs` is the entry that calls it with the process's arguments.
 */
import { existsSync, readdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { DEFAULT_TYPES, EVENTS, synthesiseEvent, UsageError } from './event-payload.js';
import { DEFAULT_API_URL, GitHubRest, graphqlUrlFor } from './github-rest.js';
import { runBundle } from './run-bundle.js';
import { init, INIT_USAGE } from './init.js';
import { asGiven, cliIo, type CliIo } from './io.js';
import { validate, VALIDATE_USAGE } from './validate.js';

const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const ACTIONS_DIR = join(REPO_ROOT, 'actions');
const DEFAULT_SERVER_URL = 'https://github.com';
const TOKEN_VARIABLES = ['GITHUB_TOKEN', 'GH_TOKEN'];

const USAGE = `usage:
  governance-actions <action> --repo OWNER/NAME [options]   preview a run on a real repository
  governance-actions simulate SCENARIO... [--json | --show] play scenario files against the sandbox;
                   --show prints each run's job summary and every text it wrote, in full
${VALIDATE_USAGE}
${INIT_USAGE}

actions: ${listActions().join(', ')}

preview options:
  --event NAME     ${EVENTS.join(' | ')}
                   (default: the item's event with --number, else schedule, i.e. the sweep)
  --number N       the issue or pull request the event is about (fetched to build the payload)
  --type TYPE      the event's activity type (default: ${Object.entries(DEFAULT_TYPES)
    .filter(([, t]) => t)
    .map(([e, t]) => `${e} ${t}`)
    .join(', ')})
  --label NAME     the label of a labeled / unlabeled event
  --ref REF        push: the pushed ref, e.g. refs/tags/2027.1
  --tag TAG        release: the release's tag
  --input K=V      an action input (repeatable), e.g. --input config-path=.github/governance.yml
  --now ISO        decide as of this instant instead of now
  --dry-run        plan and report, write nothing (the default)
  --apply          really write: labels, comments, check runs, pull requests
  --json           print {event, exitCode, outputs, summary} as JSON instead of the summary

environment: GITHUB_TOKEN or GH_TOKEN (required), GITHUB_API_URL (default ${DEFAULT_API_URL})`;

function listActions(): string[] {
  return readdirSync(ACTIONS_DIR)
    .filter((a) => existsSync(join(ACTIONS_DIR, a, 'action.yml')))
    .sort();
}

async function simulate(argv: string[], io: CliIo): Promise<number> {
  const json = argv.includes('--json');
  const show = argv.includes('--show');
  if (json && show) throw new UsageError('give --json or --show, not both');
  const files = argv.filter((a) => a !== '--json' && a !== '--show');
  const unknown = files.filter((a) => a.startsWith('--'));
  if (files.length === 0 || unknown.length > 0)
    throw new UsageError(unknown.length ? `unknown option ${unknown[0]}` : 'simulate needs scenario files');
  // the runner is test infrastructure: load it only for this subcommand
  const { playScenario } = await import('../test/runner/play.js');
  const { formatHuman, formatJson, formatShow } = await import('../test/runner/report.js');
  let passed = true;
  for (const file of files) {
    const result = await playScenario(asGiven(io, file));
    passed &&= result.passed;
    io.stdout.write(`${json ? formatJson(result) : show ? formatShow(result) : formatHuman(result)}\n`);
  }
  return passed ? 0 : 1;
}

async function preview(action: string, argv: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      repo: { type: 'string' },
      event: { type: 'string' },
      number: { type: 'string' },
      type: { type: 'string' },
      label: { type: 'string' },
      ref: { type: 'string' },
      tag: { type: 'string' },
      input: { type: 'string', multiple: true },
      now: { type: 'string' },
      'dry-run': { type: 'boolean' },
      apply: { type: 'boolean' },
      json: { type: 'boolean' },
    },
  });
  if (positionals.length > 0) throw new UsageError(`unexpected argument ${positionals[0]}`);
  if (!listActions().includes(action)) throw new UsageError(`unknown action "${action}"`);
  const [owner, repo, extra] = (values.repo ?? '').split('/');
  if (!owner || !repo || extra !== undefined) throw new UsageError('--repo OWNER/NAME is required');
  if (values.apply && values['dry-run']) throw new UsageError('--apply and --dry-run contradict each other');
  const number = values.number === undefined ? undefined : Number(values.number);
  if (number !== undefined && !(Number.isInteger(number) && number > 0))
    throw new UsageError(`--number ${values.number}: a positive integer`);
  if (values.now !== undefined && Number.isNaN(Date.parse(values.now)))
    throw new UsageError(`--now ${values.now}: an ISO 8601 instant`);

  const inputs: Record<string, string> = {};
  for (const pair of values.input ?? []) {
    const eq = pair.indexOf('=');
    if (eq <= 0) throw new UsageError(`--input ${pair}: NAME=VALUE`);
    inputs[pair.slice(0, eq)] = pair.slice(eq + 1);
  }
  // a workflow_dispatch payload carries the user's inputs, not the CLI's dry-run switch
  const dispatchInputs = { ...inputs };
  // dry-run is forced on for a real repository; only an explicit --apply turns it off
  if ('dry-run' in inputs && !values.apply)
    throw new UsageError('set dry-run with --apply, not --input dry-run=...');
  inputs['dry-run'] = values.apply ? 'false' : 'true';
  if ('github-token' in inputs)
    throw new UsageError('the token comes from GITHUB_TOKEN or GH_TOKEN, not --input');

  const token = TOKEN_VARIABLES.map((v) => io.env[v]).find(Boolean);
  if (!token)
    throw new UsageError(`set ${TOKEN_VARIABLES.join(' or ')} to a token that can read ${owner}/${repo}`);
  const apiUrl = io.env.GITHUB_API_URL || DEFAULT_API_URL;
  const gh = new GitHubRest(apiUrl, token);
  const event = await synthesiseEvent(gh, {
    owner,
    repo,
    action,
    event: values.event,
    number,
    type: values.type,
    ref: values.ref,
    tag: values.tag,
    label: values.label,
    inputs: dispatchInputs,
  });
  const mode = values.apply ? 'APPLY: writes to the repository' : 'dry run: nothing is written';
  io.stderr.write(`governance-actions: ${action} on ${owner}/${repo}, event ${event.name} (${mode})\n`);

  const run = await runBundle({
    actionDir: join(ACTIONS_DIR, action),
    owner,
    repo,
    event,
    apiUrl,
    graphqlUrl: io.env.GITHUB_GRAPHQL_URL || graphqlUrlFor(apiUrl),
    serverUrl: io.env.GITHUB_SERVER_URL || DEFAULT_SERVER_URL,
    inputs,
    token,
    now: values.now,
    env: io.env,
    ...(io.bundleEnv ? { extraEnv: io.bundleEnv } : {}),
    log: io.stderr,
  });
  if (values.json) {
    const report = {
      event: { name: event.name, payload: event.payload },
      exitCode: run.exitCode,
      outputs: run.outputs,
      summary: run.summary,
    };
    io.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
  } else {
    io.stdout.write(run.summary || '(the action wrote no job summary)\n');
  }
  return run.exitCode ?? 1;
}

export async function main(argv: string[], given: Partial<CliIo> = {}): Promise<number> {
  const io = cliIo(given);
  const [command, ...rest] = argv;
  if (!command || command === '--help' || command === '-h' || command === 'help') {
    io.stdout.write(`${USAGE}\n`);
    return command ? 0 : 2;
  }
  try {
    if (command === 'simulate') return await simulate(rest, io);
    if (command === 'validate') return await validate(rest, io);
    if (command === 'init') return await init(rest, io);
    return await preview(command, rest, io);
  } catch (e) {
    const usage = e instanceof UsageError || (e as { code?: string }).code?.startsWith('ERR_PARSE_ARGS');
    io.stderr.write(`governance-actions: ${(e as Error).message}\n${usage ? `\n${USAGE}\n` : ''}`);
    return 2;
  }
}
