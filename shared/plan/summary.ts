/** The job summary and the `plan` output: pure renderings of a plan and what applying it did. */
import type { ApplyReport, Outcome } from './apply.js';
import { describeEffect, type Plan } from './effects.js';

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
    lines.push(`**Verdict:** ${plan.verdict.failed ? '❌' : '✅'} ${escapeCell(plan.verdict.message)}`, '');
  if (plan.notes.length) {
    for (const n of plan.notes) lines.push(`- ${n}`);
    lines.push('');
  }
  if (report.results.length) {
    lines.push('| effect | why | result |', '|---|---|---|');
    for (const r of report.results) {
      lines.push(
        `| ${escapeCell(describeEffect(r.effect))} | ${escapeCell(r.effect.why)} | ${OUTCOME_WORDS[r.outcome]}${r.detail ? ` (${escapeCell(r.detail)})` : ''} |`,
      );
    }
  } else {
    lines.push('Nothing to change.');
  }
  lines.push(
    '',
    `<sub>Configuration: ${opts.configFiles.length ? opts.configFiles.join(' ← ') : 'defaults (no file found)'}</sub>`,
  );
  return lines.join('\n') + '\n';
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

function escapeCell(s: string): string {
  return s.replace(/\|/g, '\\|').replace(/\n/g, ' ');
}
