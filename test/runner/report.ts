/** How the scenario command prints one file's result: human lines or one JSON object. */
import type { PlayResult } from './play.js';

export function formatHuman(r: PlayResult): string {
  const head = `${r.passed ? 'PASS' : 'FAIL'}  ${r.name}  (${r.file}, ${r.requests} request${r.requests === 1 ? '' : 's'})`;
  const body = r.failures.map((f) =>
    f
      .split('\n')
      .map((line, i) => `${i === 0 ? '    - ' : '      '}${line}`)
      .join('\n'),
  );
  return [head, ...body].join('\n');
}

export function formatJson(r: PlayResult): string {
  return JSON.stringify({ file: r.file, passed: r.passed, failures: r.failures, requests: r.requests });
}

/**
 * `--show`: the result, then for each run its job summary and the full text of everything it
 * wrote or changed, in order; what a maintainer reads to see what contributors will see.
 */
export function formatShow(r: PlayResult): string {
  const lines = [formatHuman(r)];
  for (const entry of r.timeline) {
    for (const run of entry.runs) {
      const verdict = run.exitCode === 0 ? 'succeeded' : run.exitCode === null ? 'did not finish' : 'failed';
      lines.push('', `=== ${entry.at}  ${entry.summary}${entry.event ? `  [${entry.event}]` : ''}`);
      lines.push(`=== ${run.action}: ${verdict}; ${run.requests} requests (${run.writes} writes)`);
      lines.push('', '--- job summary', run.jobSummary.trimEnd() || '(none)');
      if (run.texts.length === 0) lines.push('', '--- wrote no text');
      for (const t of run.texts) lines.push('', `--- ${t.what}`, t.text.trimEnd() || '(empty)');
    }
  }
  return lines.join('\n');
}
