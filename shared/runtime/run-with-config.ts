/**
 * The second half of a run (run-action.ts has the first): check the configuration read from the
 * default branch, let the action plan, apply the plan (or only show it in dry-run), write outputs
 * and the job summary, and fail the job when the verdict says so. A chunk of its own in the
 * bundles, loaded while the configuration query is in flight.
 */
import * as core from './actions-core.js';
import { describeDiagnostic } from '../config/diagnostics.js';
import { buildConfig } from '../config/load.js';
import { warningsFor } from '../config/meaning.js';
import type { ConfigSources } from '../github/config-files.js';
import type { RepoClient } from '../github/repo.js';
import { applyPlan, describeFailure } from '../plan/apply.js';
import { inertLine, inertLog } from '../plan/inert.js';
import { planJson, renderSummary } from '../plan/summary.js';
import type { ActionDefinition, EventPayload } from './context.js';
import { planRepository } from './plan-repository.js';
import { log, MAX_ERROR_ANNOTATIONS } from './run-io.js';
import type { RunnerFiles } from './runner-files.js';

export interface RunOptions {
  gh: RepoClient;
  event: { name: string; payload: EventPayload };
  now: Date;
  dryRun: boolean;
  maxWrites: number;
  files: RunnerFiles;
}

export async function runWithConfig(
  def: ActionDefinition,
  read: ConfigSources,
  { gh, event, now, dryRun, maxWrites, files }: RunOptions,
): Promise<void> {
  // The configuration's shape and meaning are checked first (shared/config/meaning.ts): an error
  // throws here, before anything is written; a warning about this action's keys is annotated.
  const { config, origin, warnings } = buildConfig(read.sources, now);
  const { defaultBranch } = read;
  core.info(`configuration: ${origin.files.length ? origin.files.join(' <- ') : 'defaults (no file found)'}`);
  for (const w of warningsFor(def.name, warnings))
    core.warning(inertLine(describeDiagnostic(w)), {
      file: w.file,
      startLine: w.line,
      startColumn: w.column,
    });

  const plan = await planRepository(
    def,
    { gh, event, now, input: (name) => core.getInput(name), log },
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
