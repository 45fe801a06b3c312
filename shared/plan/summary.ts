/**
 * The job summary and the `plan` output: pure renderings of a plan and what applying it did.
 * The summary shows user text inert (inert.ts) and stays within GitHub's 1 MiB per step: long
 * lists end with "and N more", and the `plan` output holds everything.
 */
import { describeFailure, type ApplyReport, type Outcome } from './apply.js';
import { describeEffect, type Plan } from './effects.js';
import { inertCell, inertLine } from './inert.js';
import { boundedLines, bytesOf, fitText, LIMITS } from './limits.js';

/** Room for each part of the summary: notes, the failures, and the effects table (characters). */
const NOTES_BUDGET = 200_000;
const FAILURES_BUDGET = 100_000;
const TABLE_BUDGET = 600_000;

const OUTCOME_WORDS: Record<Outcome, string> = {
  applied: '✅ applied',
  'already-true': '➖ already so',
  'dry-run': '📝 dry run (not applied)',
  failed: '❌ failed',
  'not-attempted': '⏸ not attempted',
  deferred: '⏭ deferred to the next run (write budget)',
};

export function renderSummary(
  plan: Plan,
  report: ApplyReport,
  opts: { dryRun: boolean; configFiles: string[] },
): string {
  const lines: string[] = [];
  lines.push(`## ${plan.action}${opts.dryRun ? ' (dry run)' : ''}`);
  lines.push('');
  if (plan.verdict)
    lines.push(
      `**Verdict:** ${plan.verdict.failed ? '❌' : '✅'} ${inertLine(fitText(plan.verdict.message, 10_000))}`,
      '',
    );
  if (report.failures?.length) {
    lines.push(
      `**${report.failures.length} item(s) failed** (every other item was applied; the next run tries again):`,
      '',
      ...boundedLines(
        report.failures.map((f) => `- ${inertLine(describeFailure(f))}`),
        { maxChars: FAILURES_BUDGET },
      ),
      '',
    );
  }
  if (plan.notes.length) {
    lines.push(
      ...boundedLines(
        plan.notes.map((n) => `- ${inertLine(n)}`),
        { maxChars: NOTES_BUDGET },
      ),
      '',
    );
  }
  if (report.results.length) {
    lines.push('| effect | why | result |', '|---|---|---|');
    lines.push(
      ...boundedLines(
        report.results.map(
          (r) =>
            `| ${inertCell(describeEffect(r.effect))} | ${inertCell(r.effect.why)} | ${OUTCOME_WORDS[r.outcome]}${r.detail ? ` (${inertCell(r.detail)})` : ''} |`,
        ),
        {
          maxChars: TABLE_BUDGET,
          more: (n) => `| … and ${n} more effects | see this run's \`plan\` output | |`,
        },
      ),
    );
  } else {
    lines.push('Nothing to change.');
  }
  lines.push(
    '',
    `<sub>Configuration: ${opts.configFiles.length ? opts.configFiles.map(inertLine).join(' ← ') : 'defaults (no file found)'}</sub>`,
  );
  return fitText(lines.join('\n'), LIMITS.jobSummaryBytes - 1, bytesOf) + '\n';
}

/** The `plan` output: effects without `existing` bodies, which can be long. */
export function planJson(plan: Plan, report?: ApplyReport): string {
  return JSON.stringify({
    action: plan.action,
    verdict: plan.verdict,
    notes: plan.notes,
    effects: plan.effects.map((e, i) => {
      const { ...copy } = e as Record<string, unknown>;
      delete copy.existing;
      return { ...copy, outcome: report?.results[i]?.outcome };
    }),
  });
}
