/**
 * Plays every scenario in test/scenarios/ (one test per file). The scenarios where a process
 * boundary is what they test play each run as the Actions runner does: the bundle
 * (actions/<name>/dist/index.js; `npm run build` first) in a child process. The others run each
 * action's `run()` from its sources in a worker thread (run-action.ts `isolation`), with the same
 * environment, files, outputs and exit code, and none of the cost of a node start and a bundle
 * load per run.
 *
 * The files are dealt into shards (scenarios-N.test.ts), so that jest's workers play them in
 * parallel on every core.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { formatHuman } from './report.js';
import { playScenario, REPO_ROOT } from './play.js';

const DIR = join(REPO_ROOT, 'test', 'scenarios');

/**
 * Played with the bundles in child processes: each action's faults file (faults-<action>: 5xx,
 * rate limits, resets and two runs at once), runners without GITHUB_OUTPUT or GITHUB_STEP_SUMMARY,
 * and a failed run's exit code; together they run every action's bundle, passing and failing. And
 * one crash file, so that a real SIGKILL of a bundle between two writes stays played (with
 * kill-after-write.test.ts). The other crash-* files play in threads: a killed run's thread is
 * ended where its process would be SIGKILLed, and the sandbox's write trap drops whatever either
 * sends after its N-th write, so the repository is the same (play.ts `isolation`). The
 * faults-concurrent-* races play in threads too: their runs meet at barrier faults, and each
 * pooled thread has its own client, as each process does.
 */
const AS_PROCESSES =
  /^(crash-lazy-consensus|faults-(dpl|lazy-consensus|owners-diversity|vep)|robust-no-runner-files|config-malformed)\.yml$/;

/**
 * The files, the process-played ones first (each of them takes many times a thread-played file's
 * time): dealt in turn, every shard gets its share of them, and starts them first.
 */
const FILES = readdirSync(DIR)
  .filter((f) => f.endsWith('.yml'))
  .sort()
  .sort((a, b) => Number(AS_PROCESSES.test(b)) - Number(AS_PROCESSES.test(a)));

/** every run may take up to 60 s; a scenario has a handful */
const SCENARIO_TIMEOUT_MS = 300_000;

/** Defines the tests of shard `index` (0-based) of `count`: every count-th file from index. */
export function scenarioShard(index: number, count: number): void {
  describe(`scenarios (shard ${index + 1} of ${count})`, () => {
    // each scenario has its own sandbox and temp files
    it.concurrent.each(FILES.filter((_, i) => i % count === index))(
      '%s',
      async (file) => {
        const result = await playScenario(join(DIR, file), {
          isolation: AS_PROCESSES.test(file) ? 'process' : 'thread',
        });
        if (!result.passed) process.stderr.write(`${formatHuman(result)}\n`);
        expect(result.failures).toEqual([]);
        expect(result.passed).toBe(true);
      },
      SCENARIO_TIMEOUT_MS,
    );
  });
}
