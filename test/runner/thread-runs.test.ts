/**
 * A run in a worker thread (run-action.ts `isolation: thread`) must end as the same step run as a
 * process does: the same changes, exit code, outputs and job summary, passing and failing.
 */
import { describe, expect, it } from '@jest/globals';
import { playParsed, type PlayResult } from './play.js';
import type { Isolation } from './run-action.js';
import { parseScenario } from './scenario-file.js';

const SCENARIO = `
name: a sweep accepts a proposal past its notice, then a malformed configuration fails the run
repo:
  collaborators: {alice: admin}
  labels: [lazy-consensus, risk/low]
  files:
    .github/governance.yml: "version: 1\\nlazy-consensus:\\n  notice: {low: 72h}\\n"
issues:
  - {number: 1, title: Move the summit, author: alice, created_at: 2026-03-02T09:00:00Z, labels: [risk/low, lazy-consensus]}
steps:
  - {at: 2026-03-20T00:00:00Z, schedule: "0 * * * *", run: lazy-consensus-timer}
  - at: 2026-03-20T01:00:00Z
    commit: {message: break the configuration, files: {.github/governance.yml: "version: 1\\nlazy-consensus: [\\n"}}
  - {at: 2026-03-20T02:00:00Z, schedule: "0 * * * *", run: lazy-consensus-timer, expect-failure: true}
`;

const play = (isolation: Isolation) => playParsed(parseScenario(SCENARIO, 'threads.yml'), { isolation });

/** what a step run leaves that does not depend on timing */
const outcome = (r: PlayResult) =>
  r.timeline.flatMap((e) =>
    e.runs.map((run) => ({
      exitCode: run.exitCode,
      effects: run.effects,
      outputs: Object.keys(run.outputs).sort(),
      summary: run.jobSummary.length > 0,
    })),
  );

describe('runs in worker threads', () => {
  it('end as the same runs in child processes do', async () => {
    const [thread, processRun] = await Promise.all([play('thread'), play('process')]);
    expect(thread.failures).toEqual([]);
    expect(processRun.failures).toEqual([]);
    expect(outcome(thread)).toEqual(outcome(processRun));
    expect(outcome(thread).map((o) => o.exitCode)).toEqual([0, 1]);
  }, 240_000);
});
