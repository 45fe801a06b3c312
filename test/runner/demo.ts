/**
 * `npm run demo`: plays the showcase scenarios listed in test/scenarios/demo.txt and prints, for
 * each, a readable timeline: every step (time, what happened), what the actions did, and the full
 * text of every comment and pull request they wrote.
 *
 * It runs the committed bundles, which CI keeps equal to the sources; when the sources of the
 * actions differ from the last commit (a change being worked on), it runs the sources instead,
 * so the demo never shows stale behaviour and never waits for a rebuild.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { isAbsolute, join } from 'node:path';
import { playScenario, REPO_ROOT, type PlayResult, type RunSummary } from './play.js';
import { SOURCE_MODE_VARIABLE } from './run-action.js';

/** What the bundles are built from (scripts/build.mjs bundles actions/<name>/src/index.ts and its imports). */
const BUNDLED_SOURCES = ['shared', 'actions', 'package-lock.json'];

/** True when the working tree's sources match the last commit (so do the committed bundles), as git sees them. */
export function bundlesAreCurrent(root = REPO_ROOT): boolean {
  try {
    const changed = execFileSync(
      'git',
      [
        'status',
        '--porcelain',
        '--untracked-files=no',
        '--',
        ...BUNDLED_SOURCES,
        ':(exclude)actions/*/dist/**',
        ':(exclude)**/*.test.ts',
        ':(exclude)**/*.md',
      ],
      { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] },
    );
    return changed.trim() === '';
  } catch {
    return false; // no git: the sources are the only sure thing
  }
}

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
  // the words contributors read: comments and pull requests in full (check runs: --show)
  for (const t of run.texts.filter((x) => !x.what.startsWith('check run'))) {
    lines.push(`        == ${t.what}`);
    for (const l of (t.text.trimEnd() || '(empty)').split('\n')) lines.push(`        | ${l}`);
  }
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
  if (!process.env[SOURCE_MODE_VARIABLE] && !bundlesAreCurrent()) {
    process.stderr.write(
      'demo: the sources differ from the last commit; running them instead of the committed bundles\n',
    );
    process.env[SOURCE_MODE_VARIABLE] = '1';
  }
  let allPassed = true;
  for (const file of demoFiles()) {
    const result = await playScenario(file);
    allPassed &&= result.passed;
    process.stdout.write(`${formatTimeline(result)}\n\n`);
  }
  return allPassed ? 0 : 1;
}

process.exitCode = await main();
