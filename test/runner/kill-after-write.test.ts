/**
 * The `kill-after-write` extension (docs/scenarios.md "Extensions"): a run SIGKILLed right after
 * its N-th write, played with the probe stand-in action (its `act` mode labels, then comments).
 */
import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { playParsed, REPO_ROOT, type PlayResult } from './play.js';
import type { Isolation } from './run-action.js';
import { parseScenario, ScenarioError } from './scenario-file.js';

const ACTIONS = join(REPO_ROOT, 'test', 'runner', 'fixtures', 'actions');
const HEADER = `
name: kill-after-write
repo: {collaborators: {alice: admin}, labels: [probed]}
issues:
  - {number: 1, title: An issue, author: alice, created_at: 2026-03-02T09:00:00Z}
steps:
  - at: 2026-03-03T10:00:00Z
    comment: {number: 1, by: alice, body: hi}
`;

function play(yaml: string): Promise<PlayResult> {
  return playParsed(parseScenario(`${HEADER}${yaml}`, 'kill.yml'), { actionsDir: ACTIONS });
}

function parseError(yaml: string): string {
  try {
    parseScenario(`${HEADER}${yaml}`, 'bad.yml');
  } catch (e) {
    if (e instanceof ScenarioError) return e.message;
    throw e;
  }
  throw new Error('expected a ScenarioError');
}

describe('kill-after-write', () => {
  it('kills the run right after its N-th write: what it would have written next never lands', async () => {
    const result = await play(`    run: probe
    inputs: {mode: act}
    kill-after-write: 1
expect:
  issues: {1: {labels: {include: [probed]}, comments: {by-actor: 0}}}
`);
    expect(result.failures).toEqual([]);
    const [run] = result.timeline[0].runs;
    expect(run.killedAfterWrites).toBe(1);
    expect(run.exitCode).toBeNull();
    expect(run.writes).toBe(1);
  }, 60_000);

  // the writer stand-in says in the job summary where it ran, labels its issue w1, w2, w3 (one
  // write each), then sets the output `done`
  const playWriter = (killAfter: number, isolation: Isolation, stepExpect = '') =>
    playParsed(
      parseScenario(
        `
name: the writer killed after write ${killAfter} in ${isolation} isolation
repo: {collaborators: {alice: admin}, labels: [w1, w2, w3]}
issues:
  - {number: 1, title: An issue, author: alice, created_at: 2026-03-02T09:00:00Z}
steps:
  - at: 2026-03-03T10:00:00Z
    comment: {number: 1, by: alice, body: hi}
    run: writer
    kill-after-write: ${killAfter}
${stepExpect}`,
        'kill.yml',
      ),
      { actionsDir: ACTIONS, isolation },
    );
  it.each<Isolation>(['thread', 'process'])(
    'in %s isolation, leaves exactly the first N writes and reports the run killed',
    async (isolation) => {
      const result = await playWriter(
        2,
        isolation,
        '    expect:\n      issues: {1: {labels: {include: [w1, w2], exclude: [w3]}}}\n',
      );
      expect(result.failures).toEqual([]);
      const [run] = result.timeline[0].runs;
      expect(run).toMatchObject({ killedAfterWrites: 2, writes: 2, exitCode: null, signal: 'SIGKILL' });
      expect(run.jobSummary).toBe(`ran in a ${isolation}\n`);
      expect(run.effects.join('\n')).not.toMatch(/w3/);
      // killed before its end: the output it sets last is never read
      expect(run.outputs).toEqual({});
    },
    60_000,
  );

  it('fails the step when the run ends before its N-th write', async () => {
    const result = await play(`    run: probe
    inputs: {mode: act}
    kill-after-write: 3
`);
    expect(result.passed).toBe(false);
    expect(result.failures.join('\n')).toMatch(/kill-after-write 3 never fired: the run made 2 write\(s\)/);
  }, 60_000);

  it('fails the step when a thread-isolated run ends before its N-th write', async () => {
    const result = await playWriter(4, 'thread');
    expect(result.failures.join('\n')).toMatch(
      /kill-after-write 4 never fired: the run made 3 write\(s\) and ended \(exit code 0\)/,
    );
    // the thread ran to its end: the output it set last is read
    expect(result.timeline[0].runs[0].outputs).toEqual({ done: 'true' });
  }, 60_000);

  it('needs exactly one run and a positive count', () => {
    expect(
      parseError(`    run: [probe, probe]
    kill-after-write: 1
`),
    ).toMatch(/needs exactly one run/);
    expect(
      parseError(`    run: probe
    kill-after-write: 0
`),
    ).toMatch(/kill-after-write/);
    expect(
      parseError(`    kill-after-write: 1
`),
    ).toMatch(/needs `run`/);
  });
});
