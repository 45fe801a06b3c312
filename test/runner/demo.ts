/**
 * `npm run demo`: plays the showcase scenarios listed in test/scenarios/demo.txt and prints, for
 * each, a readable timeline: every step (time, what happened) and what the actions did.
 */
import { readFileSync } from 'node:fs';
import { isAbsolute, join } from 'node:path';
import { playScenario, REPO_ROOT, type PlayResult, type RunSummary } from './play.js';

const DEMO_LIST = join(REPO_ROOT, 'test', 'scenarios', 'demo.txt');

export function demoFiles(listFile = DEMO_LIST): string[] {
  return readFileSync(listFile, 'utf8')
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '' && !l.startsWith('#'))
    .map((l) => (isAbsolute(l) ? l : join(REPO_ROOT, l)));
}

function describeRun(run: RunSummary): string[] {
  const verdict =
    run.error && run.exitCode === null
      ? `did not run: ${run.error}`
      : run.timedOut
        ? 'killed (timeout)'
        : run.exitCode === 0
          ? 'succeeded'
          : `failed (exit ${run.exitCode})${run.expectFailure ? ', as expected' : ''}`;
  const lines = [
    `      ${run.action}: ${verdict}; ${run.requests} requests (${run.writes} writes), ${run.durationMs} ms`,
  ];
  for (const effect of run.effects) lines.push(`        -> ${effect}`);
  if (run.effects.length === 0 && run.exitCode !== null) lines.push('        -> no change');
  const outputs = Object.entries(run.outputs).filter(([, v]) => v.length < 80 && !v.includes('\n'));
  if (outputs.length) lines.push(`        outputs: ${outputs.map(([k, v]) => `${k}=${v}`).join(', ')}`);
  return lines;
}

export function formatTimeline(r: PlayResult): string {
  const lines = [`== ${r.name}`, `   ${r.file}`];
  for (const t of r.timeline) {
    lines.push(`  ${t.at}  ${t.summary}${t.event ? `  [${t.event}]` : ''}`);
    for (const run of t.runs) lines.push(...describeRun(run));
  }
  lines.push(`  ${r.passed ? 'PASS' : 'FAIL'} (${r.requests} requests in all)`);
  for (const f of r.failures) lines.push(...f.split('\n').map((l, i) => `    ${i === 0 ? '- ' : '  '}${l}`));
  return lines.join('\n');
}

async function main(): Promise<number> {
  let allPassed = true;
  for (const file of demoFiles()) {
    const result = await playScenario(file);
    allPassed &&= result.passed;
    process.stdout.write(`${formatTimeline(result)}\n\n`);
  }
  return allPassed ? 0 : 1;
}

process.exitCode = await main();
