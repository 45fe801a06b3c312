/**
 * The check-run effect keeps the Checks tab truthful: GitHub appends the annotations of an update
 * to the run's earlier ones and shows the newest run of a name, so a run that carries annotations
 * is replaced, never updated; and a check cut short between requests is written again.
 */
import { afterEach, describe, expect, it } from '@jest/globals';
import { applyPlan, type ApplyReport } from '../../../shared/plan/apply.js';
import { emptyPlan, type CheckAnnotation, type Effect } from '../../../shared/plan/effects.js';
import type { Sandbox } from '../../sandbox/server.js';
import { RepoState } from '../../sandbox/state.js';
import type { RepoClient } from '../../../shared/github/repo.js';
import { quiet, startSandboxClient } from '../sandbox-client.js';

let sandbox: Sandbox | undefined;

afterEach(async () => {
  await sandbox?.stop();
  sandbox = undefined;
});

async function setup() {
  const state = new RepoState({ collaborators: { bob: 'write' }, files: { 'a.txt': 'a\n' } });
  state.now = '2026-05-01T10:00:00Z';
  const started = await startSandboxClient(state);
  sandbox = started.sandbox;
  const pr = state.createPull({
    number: 1,
    title: 'p',
    author: 'bob',
    head: 'bob/x',
    files: { 'b.txt': 'b' },
  });
  return { state, gh: started.gh, sha: pr.pull.headSha };
}

async function apply(gh: RepoClient, effect: Effect): Promise<string[]> {
  const report: ApplyReport = await applyPlan(
    gh,
    { ...emptyPlan('test'), effects: [effect] },
    { dryRun: false, log: quiet },
  );
  expect(sandbox!.violations).toEqual([]);
  return report.results.map((r) => r.outcome);
}

const note = (message: string, line = 1): CheckAnnotation => ({
  path: 'b.txt',
  start_line: line,
  end_line: line,
  annotation_level: 'failure',
  message,
});

function check(sha: string, annotations: CheckAnnotation[], conclusion: 'success' | 'failure'): Effect {
  return {
    type: 'check-run',
    name: 'dpl-governance',
    headSha: sha,
    status: 'completed',
    conclusion,
    title: annotations.length ? `${annotations.length} problem(s)` : 'all good',
    summary: 's',
    annotations,
    why: 'w',
  };
}

describe('check-run effect', () => {
  it('replaces a run that carries annotations: the newest run shows exactly the current ones', async () => {
    const { state, gh, sha } = await setup();
    await apply(gh, check(sha, [note('needs a +1 from alice'), note('needs a +1 from bob', 2)], 'failure'));
    // alice's +1 arrived: same count of nothing new, one finding left
    expect(await apply(gh, check(sha, [note('needs a +1 from bob', 2)], 'failure'))).toEqual(['applied']);
    const latest = state.checksFor(sha).at(-1)!;
    expect(latest.output.annotations.map((a) => a.message)).toEqual(['needs a +1 from bob']);
    expect(await apply(gh, check(sha, [], 'success'))).toEqual(['applied']);
    expect(state.checksFor(sha).at(-1)!.output.annotations).toEqual([]);
    expect(state.checksFor(sha).at(-1)!.conclusion).toBe('success');
    expect(state.checksFor(sha)).toHaveLength(3);
  });

  it('sees a changed annotation message even when the count, title and summary stay the same', async () => {
    const { state, gh, sha } = await setup();
    await apply(gh, check(sha, [note('needs a +1 from alice')], 'failure'));
    expect(await apply(gh, check(sha, [note('needs a +1 from carol')], 'failure'))).toEqual(['applied']);
    expect(
      state
        .checksFor(sha)
        .at(-1)!
        .output.annotations.map((a) => a.message),
    ).toEqual(['needs a +1 from carol']);
  });

  it('updates a run without annotations in place, and skips one already up to date', async () => {
    const { state, gh, sha } = await setup();
    const base = { type: 'check-run' as const, name: 'lazy-consensus', headSha: sha, summary: 's', why: 'w' };
    await apply(gh, { ...base, status: 'in_progress', title: 'pending' });
    expect(
      await apply(gh, { ...base, status: 'completed', conclusion: 'success', title: 'accepted' }),
    ).toEqual(['applied']);
    expect(
      await apply(gh, { ...base, status: 'completed', conclusion: 'success', title: 'accepted' }),
    ).toEqual(['already-true']);
    expect(state.checksFor(sha).map((c) => [c.status, c.conclusion])).toEqual([['completed', 'success']]);
  });

  it('writes again a check whose annotation batches were cut short', async () => {
    const { state, gh, sha } = await setup();
    const many = Array.from({ length: 120 }, (_, i) => note(`m${i}`, i + 1));
    // the second batch fails every time: the run stops with 50 of 120 annotations written
    sandbox!.faults.add({ method: 'PATCH', path: /\/check-runs\/\d+$/, kind: '500', times: 10 });
    expect(await apply(gh, check(sha, many, 'failure'))).toEqual(['failed']);
    sandbox!.faults.clear();
    expect(state.checksFor(sha).at(-1)!.output.annotations).toHaveLength(50);
    expect(await apply(gh, check(sha, many, 'failure'))).toEqual(['applied']);
    expect(
      state
        .checksFor(sha)
        .at(-1)!
        .output.annotations.map((a) => a.message),
    ).toEqual(many.map((a) => a.message));
    expect(await apply(gh, check(sha, many, 'failure'))).toEqual(['already-true']);
  });
});
