/**
 * The job summary of an organisation-wide run (docs/organisation.md): one table of the
 * repositories, each failure with why and how to fix it, then a section per repository as its
 * own run would render it. Within GitHub's 1 MiB per step: the sections share what the table
 * leaves, and the `plan` output holds everything.
 */
import type { ApplyReport } from '../plan/apply.js';
import type { Plan } from '../plan/effects.js';
import { inertCell, inertLine } from '../plan/inert.js';
import { boundedLines, bytesOf, fitText, LIMITS } from '../plan/limits.js';
import { renderSummary } from '../plan/summary.js';

export interface RepositoryRun {
  /** owner/name */
  repository: string;
  plan?: Plan;
  report?: ApplyReport;
  configFiles: string[];
  /** why this repository failed, and how to fix it */
  error?: string;
  /** why this repository was not swept although selected (e.g. archived); not a failure */
  skipped?: string;
  requests: number;
  writes: number;
}

/** Room for the table and the failures (bytes); the sections share the rest. */
const HEAD_BUDGET = 200_000;

export function renderOrgSummary(
  action: string,
  runs: RepositoryRun[],
  opts: { dryRun: boolean; maxWrites: number },
): string {
  const head: string[] = [
    `## ${action} across ${runs.length} repositories${opts.dryRun ? ' (dry run)' : ''}`,
    '',
    `One write budget for the run: ${opts.maxWrites} (\`max-writes\`).`,
    '',
    '| repository | result | effects | deferred | requests (writes) |',
    '|---|---|---|---|---|',
    ...boundedLines(runs.map(row), {
      maxChars: HEAD_BUDGET / 2,
      more: (n) => `| … and ${n} more repositories | see the \`repositories\` output | | | |`,
    }),
    '',
  ];
  const failed = runs.filter((r) => r.error);
  if (failed.length)
    head.push(
      `**${failed.length} of ${runs.length} repositories failed** (every other one was swept):`,
      '',
      ...boundedLines(
        failed.map((r) => `- ${inertLine(`${r.repository}: ${r.error}`)}`),
        { maxChars: HEAD_BUDGET / 2 },
      ),
      '',
    );
  const headText = fitText(head.join('\n'), HEAD_BUDGET, bytesOf);
  const room = Math.floor((LIMITS.jobSummaryBytes - 1 - bytesOf(headText)) / Math.max(1, runs.length)) - 100;
  const sections = runs.map((r) => fitText(section(r, opts.dryRun), Math.max(room, 200), bytesOf));
  return fitText([headText, ...sections].join('\n'), LIMITS.jobSummaryBytes - 1, bytesOf) + '\n';
}

function row(r: RepositoryRun): string {
  const result = r.error
    ? '❌ failed'
    : r.skipped
      ? `⏭️ skipped: ${r.skipped}`
      : r.plan?.verdict
        ? `✅ ${r.plan.verdict.message}`
        : '✅ swept';
  return `| ${inertCell(r.repository)} | ${inertCell(fitText(result, 300))} | ${r.plan?.effects.length ?? '–'} | ${r.report?.deferred ?? 0} | ${r.requests} (${r.writes}) |`;
}

/** The repository's own summary under its name (its heading replaced). */
function section(r: RepositoryRun, dryRun: boolean): string {
  const lines = [`### ${inertLine(r.repository)}`, ''];
  if (r.error) lines.push(`❌ ${inertLine(r.error)}`, '');
  if (r.skipped) lines.push(`⏭️ skipped: ${inertLine(r.skipped)}`, '');
  if (r.plan && r.report) {
    const own = renderSummary(r.plan, r.report, { dryRun, configFiles: r.configFiles });
    lines.push(own.slice(own.indexOf('\n') + 1).trim(), '');
  }
  return lines.join('\n');
}
