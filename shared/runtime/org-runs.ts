/**
 * Organisation-wide runs (docs/organisation.md): one workflow, usually in the organisation's
 * `.github` repository, sweeps each repository the input `repositories` names in turn, exactly as
 * a scheduled run in that repository would: its own configuration (its `.github/governance.yml`
 * on its default branch over the org defaults), the same gather, decide and apply, the writes in
 * that repository. One repository's failure (configuration unreadable or malformed, repository
 * not found, a sweep or a write that fails) is reported and never stops the others; the job fails
 * at the end, naming each. One write budget (`max-writes`) spans the whole run.
 */
import { describeDiagnostic } from '../config/diagnostics.js';
import { buildConfig, readConfigFiles } from '../config/load.js';
import { warningsFor } from '../config/meaning.js';
import { GovernanceError } from '../errors/governance-error.js';
import { statusOf, type RepoClient } from '../github/repo.js';
import { repoView } from '../github/repo-view.js';
import { parseRepositories, selectRepositories } from '../github/org-repositories.js';
import { applyPlan, describeFailure } from '../plan/apply.js';
import { planJson } from '../plan/summary.js';
import type { ActionDefinition, EventPayload, Logger } from './context.js';
import { planRepository } from './plan-repository.js';
import { renderOrgSummary, type RepositoryRun } from './org-summary.js';

/** The events a sweep runs on; any other event belongs to the repository it happened in. */
export const ORG_RUN_EVENTS = ['schedule', 'workflow_dispatch'];

export interface OrgRunOptions {
  /** the workflow's repository: its owner's repositories are the ones a run may name */
  gh: RepoClient;
  /** the raw input `repositories` */
  selection: string;
  event: { name: string; payload: EventPayload };
  now: Date;
  dryRun: boolean;
  maxWrites: number;
  configPath: string;
  orgDefaults: boolean;
  input(name: string): string;
  log: Logger;
}

export interface OrgRunReport {
  summary: string;
  outputs: Record<string, string>;
  /** one line per repository that failed: which, why and how to fix it */
  failures: string[];
  /** set when the job fails */
  failed?: string;
}

export async function runAcrossRepositories(
  def: ActionDefinition,
  opts: OrgRunOptions,
): Promise<OrgRunReport> {
  if (!ORG_RUN_EVENTS.includes(opts.event.name))
    throw new Error(
      `input repositories sweeps each listed repository, so it runs only on schedule or workflow_dispatch events; ` +
        `a ${opts.event.name} event belongs to ${opts.gh.fullName} alone: leave repositories unset in the workflow that handles it`,
    );
  const names = await selectRepositories(opts.gh, parseRepositories(opts.selection, opts.gh.owner));
  opts.log.info(`${def.name} across ${names.length} repositories: ${names.join(', ')}`);
  // Every repository is read and decided first, then written in fair shares of the one budget.
  const prepared: Prepared[] = [];
  for (const name of names) prepared.push(await prepareOne(def, repoView(opts.gh, name), opts));
  await applyInShares(prepared, opts);
  const runs = prepared.map((p) => p.run);
  const failed = runs.filter((r) => r.error);
  const failures = failed.map((r) => `${r.repository}: ${r.error}`);
  return {
    summary: renderOrgSummary(def.name, runs, { dryRun: opts.dryRun, maxWrites: opts.maxWrites }),
    outputs: orgOutputs(runs),
    failures,
    ...(failed.length
      ? {
          failed: `${failed.length} of ${runs.length} repositories failed (every other one was swept): ${failed
            .map((r) => r.repository)
            .join(', ')}`,
        }
      : {}),
  };
}

/** A repository read and decided, its plan not yet applied. */
interface Prepared {
  run: RepositoryRun;
  gh: RepoClient;
  log: Logger;
}

/** One repository read and decided, as a scheduled run there would do it; every failure is caught and described. */
async function prepareOne(def: ActionDefinition, gh: RepoClient, opts: OrgRunOptions): Promise<Prepared> {
  const repository = gh.fullName;
  const requestsAtStart = gh.requests;
  const writesAtStart = gh.writes;
  const log: Logger = {
    info: (m) => opts.log.info(`${repository}: ${m}`),
    warning: (m) => opts.log.warning(`${repository}: ${m}`),
    debug: (m) => opts.log.debug(`${repository}: ${m}`),
  };
  const counts = () => ({ requests: gh.requests - requestsAtStart, writes: gh.writes - writesAtStart });
  let configFiles: string[] = [];
  try {
    const files = await readConfigFiles(gh, { path: opts.configPath, orgDefaults: opts.orgDefaults });
    // GitHub refuses every write to an archived repository, and nobody can change its
    // configuration or items there: nothing to sweep (docs/organisation.md "Archived repositories")
    if (files.archived) {
      log.info(`archived (read-only on GitHub): skipped`);
      return {
        gh,
        log,
        run: { repository, configFiles, skipped: 'archived (read-only on GitHub)', ...counts() },
      };
    }
    const { config, origin, warnings } = buildConfig(files.sources, opts.now);
    configFiles = origin.files;
    log.info(
      `configuration: ${origin.files.length ? origin.files.join(' <- ') : 'defaults (no file found)'}`,
    );
    for (const w of warningsFor(def.name, warnings)) log.warning(describeDiagnostic(w));
    const plan = await planRepository(
      def,
      { gh, event: opts.event, now: opts.now, input: opts.input, log },
      { config, origin, defaultBranch: files.defaultBranch },
    );
    return { gh, log, run: { repository, plan, configFiles, ...counts() } };
  } catch (error) {
    return { gh, log, run: { repository, configFiles, error: describeError(error), ...counts() } };
  }
}

/**
 * Writes the plans within the run's one budget (docs/organisation.md "One write budget"), fairly:
 * the repositories with effects in order of how many they have (then by name), each given an
 * equal share of what is left (at least one write while any is left), so what a smaller one
 * leaves goes to the larger ones, and a busy repository never starves the others.
 */
async function applyInShares(prepared: Prepared[], opts: OrgRunOptions): Promise<void> {
  const effects = (p: Prepared) => p.run.plan?.effects.length ?? 0;
  const order = prepared.filter((p) => p.run.plan).sort((a, b) => effects(a) - effects(b));
  const withWork = order.filter((p) => effects(p) > 0);
  let spent = 0;
  for (const p of order) {
    const { run, gh, log } = p;
    const plan = run.plan!;
    const left = withWork.length - withWork.indexOf(p);
    const remaining = Math.max(0, opts.maxWrites - spent);
    const share = effects(p) ? Math.max(Math.floor(remaining / left), Math.min(remaining, 1)) : 0;
    if (!opts.dryRun && share === 0 && plan.effects.length)
      log.warning(
        `the run's write budget (max-writes ${opts.maxWrites}) is spent: ${plan.effects.length} effect(s) here wait for the next run`,
      );
    const requestsAtStart = gh.requests;
    const writesAtStart = gh.writes;
    try {
      run.report = await applyPlan(gh, plan, { dryRun: opts.dryRun, log, maxWrites: share });
    } catch (error) {
      run.error = describeError(error);
    }
    run.requests += gh.requests - requestsAtStart;
    run.writes += gh.writes - writesAtStart;
    spent += gh.writes - writesAtStart;
    const report = run.report;
    if (report?.failures.length)
      run.error = `${report.failures.length} item(s) could not be brought up to date: ${report.failures
        .map(describeFailure)
        .join('; ')}${report.failures.some((f) => /HTTP 403/.test(f.detail)) ? `; ${WRITE_FIX}` : ''}`;
    else if (!run.error && plan.verdict?.failed) run.error = plan.verdict.message;
  }
}

const WRITE_FIX =
  'the token cannot write there: install the GitHub App on this repository with the permissions docs/organisation.md lists';

/** Why a repository could not be swept, and how to fix it. */
function describeError(error: unknown): string {
  if (error instanceof GovernanceError)
    return `${error.describe()} (fix the configuration on the repository's default branch, or in the org defaults it names)`;
  const message = error instanceof Error ? error.message : String(error);
  if (repositoryNotFound(error))
    return `${message}: it does not exist or the token cannot see it (install the GitHub App on it, docs/organisation.md)`;
  if (statusOf(error) === 403) return `${message}: ${WRITE_FIX}`;
  return message;
}

/** GitHub's answer for a repository that does not exist or that the token cannot see: REST 404, GraphQL NOT_FOUND on it. */
function repositoryNotFound(error: unknown): boolean {
  if (statusOf(error) === 404 || /was not found/.test(String((error as Error)?.message))) return true;
  const errors = ((error as { cause?: { errors?: unknown } })?.cause?.errors ?? []) as {
    type?: string;
    path?: unknown[];
  }[];
  return Array.isArray(errors) && errors.some((e) => e.type === 'NOT_FOUND' && e.path?.[0] === 'repo');
}

/**
 * Outputs of an organisation-wide run: `plan` holds each repository's plan, `repositories` each
 * repository's outputs (or error), `deferred` the effects left for the next run in all of them.
 * The per-item outputs of a one-repository run (e.g. `state`) are left empty.
 */
function orgOutputs(runs: RepositoryRun[]): Record<string, string> {
  const deferred = runs.reduce((n, r) => n + (r.report?.deferred ?? 0), 0);
  return {
    plan: JSON.stringify({
      repositories: runs.map((r) => ({
        repository: r.repository,
        ...(r.error ? { error: r.error } : {}),
        ...(r.skipped ? { skipped: r.skipped } : {}),
        ...(r.plan ? (JSON.parse(planJson(r.plan, r.report)) as object) : {}),
      })),
    }),
    repositories: JSON.stringify(
      runs.map((r) => ({
        repository: r.repository,
        ok: !r.error,
        ...(r.error ? { error: r.error } : {}),
        ...(r.skipped ? { skipped: r.skipped } : {}),
        outputs: r.plan?.outputs ?? {},
        deferred: r.report?.deferred ?? 0,
        requests: r.requests,
        writes: r.writes,
      })),
    ),
    deferred: String(deferred),
  };
}
