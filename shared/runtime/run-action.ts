/**
 * The runner protocol edge shared by the four actions: read inputs and the environment, load the
 * configuration from the default branch, let the action plan, apply the plan (or only show it in
 * dry-run), write outputs and the job summary, and fail the job when the verdict says so.
 * Only this file touches `@actions/core` and `process.env`.
 */
import * as core from '@actions/core';
import { readFileSync } from 'node:fs';
import { loadConfig } from '../config/load.js';
import { GovernanceError } from '../errors/governance-error.js';
import { createOctokit } from '../github/client.js';
import { CachedPermissions } from '../github/permissions.js';
import { RepoClient } from '../github/repo.js';
import { applyPlan } from '../plan/apply.js';
import { planJson, renderSummary } from '../plan/summary.js';
import { nowFromEnv } from './clock.js';
import type { ActionContext, ActionDefinition, EventPayload, Logger } from './context.js';

/** Writes one run may make; the rest waits for the next run. A fifth of GITHUB_TOKEN's hourly budget. */
const DEFAULT_MAX_WRITES = 200;

const log: Logger = { info: core.info, warning: core.warning, debug: core.debug };

export async function runAction(def: ActionDefinition, env: NodeJS.ProcessEnv = process.env): Promise<void> {
  try {
    await run(def, env);
  } catch (error) {
    if (error instanceof GovernanceError) {
      const loc = error.location;
      core.error(
        error.message,
        loc ? { file: loc.file, startLine: loc.line, startColumn: loc.column } : undefined,
      );
      core.setFailed(`${def.name}: ${error.describe()}`);
    } else {
      const e = error instanceof Error ? error : new Error(String(error));
      core.debug(e.stack ?? '');
      core.setFailed(`${def.name}: ${e.message}`);
    }
  }
}

async function run(def: ActionDefinition, env: NodeJS.ProcessEnv): Promise<void> {
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
  });
  const gh = new RepoClient(octokit, { owner, repo });

  if (!def.events.includes(eventName)) {
    core.notice(`${def.name} does not handle "${eventName}" events; nothing to do.`);
    return;
  }

  const defaultBranch: string = payload.repository?.default_branch ?? (await gh.defaultBranch());
  const { config, origin } = await loadConfig(gh, {
    path: core.getInput('config-path'),
    defaultBranch,
    orgDefaults: booleanInput('org-defaults', true),
  });
  core.info(`configuration: ${origin.files.length ? origin.files.join(' <- ') : 'defaults (no file found)'}`);

  const ctx: ActionContext = {
    gh,
    permissions: new CachedPermissions(gh),
    event: { name: eventName, payload },
    now,
    config,
    configOrigin: origin,
    defaultBranch,
    input: (name) => core.getInput(name),
    log,
  };
  const plan = await def.run(ctx);
  for (const note of plan.notes) core.info(note);

  const report = await applyPlan(gh, plan, { dryRun, log, maxWrites });
  await core.summary.addRaw(renderSummary(plan, report, { dryRun, configFiles: origin.files })).write();
  core.setOutput('plan', planJson(plan, report));
  for (const [k, v] of Object.entries(plan.outputs)) core.setOutput(k, v);
  core.setOutput('deferred', String(report.deferred));
  core.info(`requests: ${gh.requests} (${gh.writes} writes)`);

  if (report.error) {
    const failed = report.results.find((r) => r.outcome === 'failed');
    if (failed && /HTTP 403/.test(failed.detail ?? '') && plan.verdict) {
      // A read-only token (e.g. a pull request from a fork) cannot write: the verdict still stands
      // through the job status.
      core.warning(
        `the token cannot write here (${failed.detail}); the verdict is reported through the job status only`,
      );
    } else {
      throw report.error;
    }
  }
  if (plan.verdict?.failed) core.setFailed(plan.verdict.message);
  else if (plan.verdict) core.info(plan.verdict.message);
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
