/**
 * Plays every scenario in test/scenarios/ against the bundled actions (one test per file).
 * Build the actions first (`npm run build`): the runner runs actions/<name>/dist/index.js.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { formatHuman } from './report.js';
import { playScenario, REPO_ROOT } from './play.js';

const DIR = join(REPO_ROOT, 'test', 'scenarios');
const FILES = readdirSync(DIR)
  .filter((f) => f.endsWith('.yml'))
  .sort();

/** every run may take up to 60 s; a scenario has a handful */
const SCENARIO_TIMEOUT_MS = 300_000;

describe('scenarios', () => {
  // each scenario has its own sandbox and temp files; runs mostly wait on the actions' write pacing
  it.concurrent.each(FILES)(
    '%s',
    async (file) => {
      const result = await playScenario(join(DIR, file));
      if (!result.passed) process.stderr.write(`${formatHuman(result)}\n`);
      expect(result.failures).toEqual([]);
      expect(result.passed).toBe(true);
    },
    SCENARIO_TIMEOUT_MS,
  );
});
