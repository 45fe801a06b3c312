/**
 * The runner protocol edge shared by the four actions: read inputs and the environment, read the
 * configuration from the default branch, then (run-with-config.ts) check it, let the action plan,
 * apply the plan (or only show it in dry-run), write outputs and the job summary, and fail the job
 * when the verdict says so. Only these files touch `@actions/core` and `process.env`.
 */
import * as core from './actions-core.js';
import { readFileSync } from 'node:fs';
import { GovernanceError } from '../errors/governance-error-type.js';
import type { ClientOptions } from '../github/client.js';
import { configQuery, configRequest, configVariables, readConfigSources } from '../github/config-files.js';
import { sendEarlyQuery } from '../github/early-query.js';
import { httpTransport, nextRequestSent } from '../github/http-transport.js';
import { proxyFetchFor, userAgentWithOrchestrationId } from '../github/proxy-fetch.js';
import { inertLine, inertLog } from '../plan/inert.js';
import { nowFromEnv } from './clock.js';
import { checkRunnerFiles } from './runner-files.js';
import { loadPart } from './load-part.js';
import { refuseForeignInputs } from './foreign-inputs.js';
import type { ActionDefinition, ActionEntry, EventPayload } from './context.js';
import { booleanInput, log, MAX_ERROR_ANNOTATIONS } from './run-io.js';

/** Writes one run may make; the rest waits for the next run. A fifth of GITHUB_TOKEN's hourly budget. */
const DEFAULT_MAX_WRITES = 200;

export async function runAction(
  action: ActionDefinition | ActionEntry,
  env: NodeJS.ProcessEnv = process.env,
): Promise<void> {
  try {
    await run(action, env);
  } catch (error) {
    if (error instanceof GovernanceError) {
      const loc = error.location;
      core.error(
        inertLine(error.message),
        loc ? { file: loc.file, startLine: loc.line, startColumn: loc.column } : undefined,
      );
      core.setFailed(inertLine(`${action.name}: ${error.describe()}`));
    } else {
      const e = error instanceof Error ? error : new Error(String(error));
      core.debug(e.stack ?? '');
      core.setFailed(inertLine(`${action.name}: ${e.message}`));
    }
  }
}

async function run(action: ActionDefinition | ActionEntry, env: NodeJS.ProcessEnv): Promise<void> {
  // Before any write: a run that changed GitHub must not then fail for want of a runner file.
  const files = checkRunnerFiles(env);
  if (files.missing.length) {
    core.warning(
      `${files.missing.join('; ')}: the job summary goes to the log${files.outputs === 'command' ? ' and outputs use ::set-output' : ''}`,
    );
  }
  // @actions/core falls back to ::set-output only when GITHUB_OUTPUT is unset
  if (files.outputs === 'command') delete process.env.GITHUB_OUTPUT;
  refuseForeignInputs(action, (name) => core.getInput(name));
  const token = core.getInput('github-token', { required: true });
  const dryRun = booleanInput('dry-run', false);
  const maxWrites = Number(core.getInput('max-writes') || DEFAULT_MAX_WRITES);
  if (!Number.isInteger(maxWrites) || maxWrites < 1)
    throw new Error('input max-writes must be a positive whole number');
  const [owner, repo] = (env.GITHUB_REPOSITORY ?? '').split('/');
  if (!owner || !repo) throw new Error('GITHUB_REPOSITORY is not set (owner/name)');
  const eventName = env.GITHUB_EVENT_NAME ?? '';
  const payload = readPayload(env.GITHUB_EVENT_PATH);
  const now = nowFromEnv(env);
  const interval = env.GOVERNANCE_ACTIONS_WRITE_INTERVAL_MS;

  const baseUrl = env.GITHUB_API_URL || 'https://api.github.com';
  // one transport for the run: behind a proxy, one agent for the first query and the client's
  const fetch = proxyFetchFor(baseUrl) ?? httpTransport;
  const clientOptions: ClientOptions = {
    token,
    baseUrl,
    fetch,
    log,
    ...(interval !== undefined
      ? { writeIntervalMs: Number(interval), notificationIntervalMs: Number(interval) }
      : {}),
    ...(env.GOVERNANCE_ACTIONS_RETRY_UNIT_MS !== undefined
      ? { retryUnitMs: Number(env.GOVERNANCE_ACTIONS_RETRY_UNIT_MS) }
      : {}),
  };
  // The client (Octokit) is a chunk of its own: a run loads it after its first request is sent.
  const openClient = () => loadPart(action.name, () => import('../github/open-client.js'));

  if (!action.events.includes(eventName)) {
    core.notice(`${action.name} does not handle "${eventName}" events; nothing to do.`);
    return;
  }

  // Across an organisation (docs/organisation.md): each repository the input names, in turn.
  const repositories = action.handlesRepositories ? '' : core.getInput('repositories').trim();
  if (repositories) {
    const [def, { runAcrossRepositories }, { openRepoClient }] = await Promise.all([
      definitionOf(action),
      loadPart(action.name, () => import('./org-runs.js')),
      openClient(),
    ]);
    const gh = openRepoClient(clientOptions, { owner, repo });
    const org = await runAcrossRepositories(def, {
      gh,
      selection: repositories,
      event: { name: eventName, payload },
      now,
      dryRun,
      maxWrites,
      configPath: core.getInput('config-path'),
      orgDefaults: booleanInput('org-defaults', true),
      input: (name) => core.getInput(name),
      log,
    });
    if (files.summary) await core.summary.addRaw(org.summary).write({ overwrite: false });
    else core.info(inertLog(org.summary));
    for (const [k, v] of Object.entries(org.outputs)) core.setOutput(k, v);
    core.info(`requests: ${gh.requests} (${gh.writes} writes)`);
    org.failures.forEach((f, i) =>
      i < MAX_ERROR_ANNOTATIONS ? core.error(inertLine(f)) : core.info(inertLine(f)),
    );
    if (org.failed) core.setFailed(inertLine(`${def.name}: ${org.failed}`));
    return;
  }

  // The configuration comes first, with the default branch, in one query sent before anything
  // else loads (shared/github/early-query.ts). The rest of the run (the client, checking the
  // configuration, the action's own code, applying, reporting) loads once that query is on its
  // way, so compiling it overlaps the wait for the answer (docs/benchmarks.md, start-up).
  const request = configRequest(repo, {
    path: core.getInput('config-path'),
    orgDefaults: booleanInput('org-defaults', true),
  });
  const early = sendEarlyQuery({
    baseUrl,
    token,
    fetch,
    ...withUserAgent(userAgentWithOrchestrationId(undefined)),
    query: configQuery(!!request.orgRepo),
    variables: { owner, repo, ...configVariables(request) },
  });
  await nextRequestSent(early);
  const [{ openRepoClient }, def, { runWithConfig }] = await Promise.all([
    openClient(),
    definitionOf(action),
    loadPart(action.name, () => import('./run-with-config.js')),
  ]);
  const gh = openRepoClient(clientOptions, { owner, repo }, 1);
  const sources = await readConfigSources(gh, request, early);
  await runWithConfig(def, sources, {
    gh,
    event: { name: eventName, payload },
    now,
    dryRun,
    maxWrites,
    files,
  });
}

const withUserAgent = (userAgent: string | undefined) => (userAgent ? { userAgent } : {});

/** The action's definition: at hand, or loaded from its chunk (context.ts ActionEntry). */
function definitionOf(action: ActionDefinition | ActionEntry): Promise<ActionDefinition> {
  return 'load' in action ? loadPart(action.name, () => action.load()) : Promise.resolve(action);
}

function readPayload(path: string | undefined): EventPayload {
  if (!path) return {};
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as EventPayload;
  } catch (e) {
    throw new Error(`cannot read the event payload at ${path}: ${(e as Error).message}`, { cause: e });
  }
}
