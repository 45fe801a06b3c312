/**
 * The runner protocol edge shared by the four actions: read inputs and the environment, load the
 * configuration from the default branch, let the action plan, apply the plan (or only show it in
 * dry-run), write outputs and the job summary, and fail the job when the verdict says so.
 * Only this file touches `@actions/core` and `process.env`.
 */
import * as core from './actions-core.js';
import { readFileSync } from 'node:fs';
import { describeDiagnostic } from '../config/diagnostics.js';
import { loadConfig } from '../config/load.js';
import { warningsFor } from '../config/meaning.js';
import { GovernanceError } from '../errors/governance-error.js';
import { createOctokit } from '../github/client.js';
import { RepoClient } from '../github/repo.js';
import { applyPlan, describeFailure } from '../plan/apply.js';
import { planJson, renderSummary } from '../plan/summary.js';
import { inertLine, inertLog } from '../plan/inert.js';
import { nowFromEnv } from './clock.js';
import { checkRunnerFiles } from './runner-files.js';
import { runAcrossRepositories } from './org-runs.js';
import { refuseForeignInputs } from './foreign-inputs.js';
import type { ActionDefinition, EventPayload, Logger } from './context.js';
import { planRepository } from './plan-repository.js';

/** Writes one run may make; the rest waits for the next run. A fifth of GITHUB_TOKEN's hourly budget. */
const DEFAULT_MAX_WRITES = 200;
/** GitHub shows at most 10 error annotations per step: the rest of the failed items go to the log */
const MAX_ERROR_ANNOTATIONS = 10;

/** Every message may carry user text (paths, titles, logins): shown inert, never a command. */
const log: Logger = {
  info: (m) => core.info(inertLog(m)),
  warning: (m) => core.warning(inertLine(m)),
  debug: (m) => core.debug(inertLine(m)),
};

export async function runAction(def: ActionDefinition, env: NodeJS.ProcessEnv = process.env): Promise<void> {
  try {
    await run(def, env);
  } catch (error) {
    if (error instanceof GovernanceError) {
      const loc = error.location;
      core.error(
        inertLine(error.message),
        loc ? { file: loc.file, startLine: loc.line, startColumn: loc.column } : undefined,
      );
      core.setFailed(inertLine(`${def.name}: ${error.describe()}`));
    } else {
      const e = error instanceof Error ? error : new Error(String(error));
      core.debug(e.stack ?? '');
      core.setFailed(inertLine(`${def.name}: ${e.message}`));
    }
  }
}

async function run(def: ActionDefinition, env: NodeJS.ProcessEnv): Promise<void> {
  // Before any write: a run that changed GitHub must not then fail for want of a runner file.
  const files = checkRunnerFiles(env);
  if (files.missing.length) {
    core.warning(
      `${files.missing.join('; ')}: the job summary goes to the log${files.outputs === 'command' ? ' and outputs use ::set-output' : ''}`,
    );
  }
  // @actions/core falls back to ::set-output only when GITHUB_OUTPUT is unset
  if (files.outputs === 'command') delete process.env.GITHUB_OUTPUT;
  refuseForeignInputs(def, (name) => core.getInput(name));
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

  const octokit = createOctokit({
    token,
    baseUrl: env.GITHUB_API_URL || 'https://api.github.com',
    log,
    ...(interval !== undefined
      ? { writeIntervalMs: Number(interval), notificationIntervalMs: Number(interval) }
      : {}),
    ...(env.GOVERNANCE_ACTIONS_RETRY_UNIT_MS !== undefined
      ? { retryUnitMs: Number(env.GOVERNANCE_ACTIONS_RETRY_UNIT_MS) }
      : {}),
  });
  const gh = new RepoClient(octokit, { owner, repo });

  if (!def.events.includes(eventName)) {
    core.notice(`${def.name} does not handle "${eventName}" events; nothing to do.`);
    return;
  }

  // Across an organisation (docs/organisation.md): each repository the input names, in turn.
  const repositories = def.handlesRepositories ? '' : core.getInput('repositories').trim();
  if (repositories) {
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

  // The configuration's shape and meaning are checked first (shared/config/meaning.ts): an error
  // throws here, before anything is written; a warning about this action's keys is annotated.
  // The default branch comes with it, in the same request.
  const { config, origin, warnings, defaultBranch } = await loadConfig(gh, {
    path: core.getInput('config-path'),
    orgDefaults: booleanInput('org-defaults', true),
    now,
  });
  core.info(`configuration: ${origin.files.length ? origin.files.join(' <- ') : 'defaults (no file found)'}`);
  for (const w of warningsFor(def.name, warnings))
    core.warning(inertLine(describeDiagnostic(w)), {
      file: w.file,
      startLine: w.line,
      startColumn: w.column,
    });

  const plan = await planRepository(
    def,
    { gh, event: { name: eventName, payload }, now, input: (name) => core.getInput(name), log },
    { config, origin, defaultBranch },
  );

  const report = await applyPlan(gh, plan, { dryRun, log, maxWrites });
  const summary = renderSummary(plan, report, { dryRun, configFiles: origin.files });
  if (files.summary) await core.summary.addRaw(summary).write({ overwrite: false });
  else {
    core.startGroup('Job summary (this runner has no GITHUB_STEP_SUMMARY)');
    core.info(inertLog(summary));
    core.endGroup();
  }
  core.setOutput('plan', planJson(plan, report));
  for (const [k, v] of Object.entries(plan.outputs)) core.setOutput(k, v);
  core.setOutput('deferred', String(report.deferred));
  core.info(`requests: ${gh.requests} (${gh.writes} writes)`);

  if (report.failures.length) {
    const [failed] = report.failures;
    if (report.failures.every((f) => /HTTP 403/.test(f.detail)) && plan.verdict) {
      // A read-only token (e.g. a pull request from a fork) cannot write: the verdict still stands
      // through the job status.
      core.warning(
        inertLine(
          `the token cannot write here (${failed.detail}); the verdict is reported through the job status only`,
        ),
      );
    } else {
      // Every item was tried (applyPlan): the job fails now, naming each item that did not land.
      report.failures.forEach((f, i) => {
        const line = inertLine(describeFailure(f));
        if (i < MAX_ERROR_ANNOTATIONS) core.error(line);
        else core.info(line);
      });
      if (plan.verdict?.failed) core.error(inertLine(plan.verdict.message));
      throw new Error(
        `${report.failures.length} item(s) could not be brought up to date (every other item was; the next run tries again)`,
      );
    }
  }
  if (plan.verdict?.failed) core.setFailed(inertLine(plan.verdict.message));
  else if (plan.verdict) log.info(plan.verdict.message);
}

function readPayload(path: string | undefined): EventPayload {
  if (!path) return {};
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as EventPayload;
  } catch (e) {
    throw new Error(`cannot read the event payload at ${path}: ${(e as Error).message}`, { cause: e });
  }
}

/** A boolean input; empty means the default (action.yml defaults are absent when run outside Actions). */
function booleanInput(name: string, fallback: boolean): boolean {
  return core.getInput(name) === '' ? fallback : core.getBooleanInput(name);
}
