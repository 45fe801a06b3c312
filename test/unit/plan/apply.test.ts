/**
 * The applier against the sandbox: effects become true, a second application changes nothing, and
 * dry-run touches nothing. These are the guarantees every action's re-runs rely on.
 */
import { afterEach, describe, expect, it } from '@jest/globals';
import { applyPlan, type ApplyReport } from '../../../shared/plan/apply.js';
import { emptyPlan, type Effect, type Plan } from '../../../shared/plan/effects.js';
import { marker } from '../../../shared/plan/markers.js';
import { Sandbox } from '../../sandbox/server.js';
import { RepoState } from '../../sandbox/state.js';
import type { RepoClient } from '../../../shared/github/repo.js';
import { quiet, startSandboxClient } from '../sandbox-client.js';

let sandbox: Sandbox | undefined;

afterEach(async () => {
  await sandbox?.stop();
  sandbox = undefined;
});

async function setup(seed: ConstructorParameters<typeof RepoState>[0] = {}) {
  const state = new RepoState({
    collaborators: { alice: 'admin', bob: 'write' },
    files: { 'a.txt': 'a\n' },
    ...seed,
  });
  state.now = '2026-05-01T10:00:00Z';
  const started = await startSandboxClient(state);
  sandbox = started.sandbox;
  return { state, sandbox: started.sandbox, gh: started.gh };
}

function planOf(...effects: Effect[]): Plan {
  return { ...emptyPlan('test'), effects };
}

async function apply(gh: RepoClient, plan: Plan, dryRun = false): Promise<ApplyReport> {
  const report = await applyPlan(gh, plan, { dryRun, log: quiet });
  expect(sandbox!.violations).toEqual([]);
  return report;
}

const outcomes = (r: ApplyReport) => r.results.map((x) => x.outcome);

describe('applyPlan', () => {
  it('posts a sticky comment once, then edits it in place only when its body changes', async () => {
    const { state, gh } = await setup();
    state.createIssue({ number: 1, title: 't', author: 'alice' });
    const m = marker('test', 'status');
    const comment = (body: string): Effect => ({
      type: 'comment',
      number: 1,
      marker: m,
      mode: 'sticky',
      body,
      why: 'w',
    });

    expect(outcomes(await apply(gh, planOf(comment('pending'))))).toEqual(['applied']);
    expect(outcomes(await apply(gh, planOf(comment('pending'))))).toEqual(['already-true']);
    expect(outcomes(await apply(gh, planOf(comment('accepted'))))).toEqual(['applied']);
    const mine = state.commentsOf(1);
    expect(mine).toHaveLength(1);
    expect(mine[0].body).toBe(`${m}\naccepted`);
    expect(mine[0].user).toBe(state.actor);
  });

  it('never edits a human comment that contains the marker', async () => {
    const { state, gh } = await setup();
    state.createIssue({ number: 1, title: 't', author: 'alice' });
    const m = marker('test', 'status');
    state.addComment(1, 'mallory', `${m}\nI pasted the marker`);
    await apply(
      gh,
      planOf({ type: 'comment', number: 1, marker: m, mode: 'sticky', body: 'status', why: 'w' }),
    );
    const comments = state.commentsOf(1);
    expect(comments.map((c) => [c.user, c.body])).toEqual([
      ['mallory', `${m}\nI pasted the marker`],
      [state.actor, `${m}\nstatus`],
    ]);
  });

  it('posts a "once" comment a single time even when its text changes later', async () => {
    const { state, gh } = await setup();
    state.createIssue({ number: 1, title: 't', author: 'alice' });
    const m = marker('test', 'accepted');
    await apply(
      gh,
      planOf({ type: 'comment', number: 1, marker: m, mode: 'once', body: 'Accepted.', why: 'w' }),
    );
    const again = await apply(
      gh,
      planOf({ type: 'comment', number: 1, marker: m, mode: 'once', body: 'Accepted!', why: 'w' }),
    );
    expect(outcomes(again)).toEqual(['already-true']);
    expect(state.commentsOf(1).map((c) => c.body)).toEqual([`${m}\nAccepted.`]);
  });

  it('creates missing labels with the catalog colour, and removing an absent label is already true', async () => {
    const { state, gh } = await setup({ labels: ['existing'] });
    state.createIssue({ number: 1, title: 't', author: 'alice' });
    const plan = planOf(
      { type: 'add-labels', number: 1, labels: ['existing', 'lazy-consensus/pending'], why: 'w' },
      { type: 'remove-labels', number: 1, labels: ['never-there'], why: 'w' },
    );
    plan.labelCatalog = {
      'lazy-consensus/pending': { color: 'fbca04', description: 'Notice period running' },
    };
    expect(outcomes(await apply(gh, plan))).toEqual(['applied', 'already-true']);
    expect(state.getIssue(1).labels).toEqual(['existing', 'lazy-consensus/pending']);
    expect(state.findLabel('lazy-consensus/pending')).toMatchObject({
      color: 'fbca04',
      description: 'Notice period running',
    });
  });

  it('sends check-run annotations in batches of 50 and skips an unchanged check', async () => {
    const { state, gh, sandbox: sb } = await setup();
    const pr = state.createPull({
      number: 1,
      title: 'p',
      author: 'bob',
      head: 'bob/x',
      files: { 'b.txt': 'b' },
    });
    const annotations = Array.from({ length: 120 }, (_, i) => ({
      path: 'b.txt',
      start_line: i + 1,
      end_line: i + 1,
      annotation_level: 'warning' as const,
      message: `m${i}`,
    }));
    const check: Effect = {
      type: 'check-run',
      name: 'vep',
      headSha: pr.pull.headSha,
      status: 'completed',
      conclusion: 'failure',
      title: '120 problems',
      summary: 's',
      annotations,
      why: 'w',
    };
    const start = sb.log.entries.length;
    expect(outcomes(await apply(gh, planOf(check)))).toEqual(['applied']);
    const writes = sb.log.since(start).filter((e) => e.write);
    expect(writes.map((e) => e.method)).toEqual(['POST', 'PATCH', 'PATCH']);
    expect(state.checksFor(pr.pull.headSha)).toHaveLength(1);
    expect(state.checksFor(pr.pull.headSha)[0].output.annotations).toHaveLength(120);
    expect(outcomes(await apply(gh, planOf(check)))).toEqual(['already-true']);
  });

  it('starts a new check run when a completed check goes back in progress', async () => {
    const { state, gh } = await setup();
    const pr = state.createPull({
      number: 1,
      title: 'p',
      author: 'bob',
      head: 'bob/x',
      files: { 'b.txt': 'b' },
    });
    const base = {
      type: 'check-run' as const,
      name: 'lazy-consensus',
      headSha: pr.pull.headSha,
      summary: 's',
      why: 'w',
    };
    await apply(gh, planOf({ ...base, status: 'completed', conclusion: 'failure', title: 'objected' }));
    await apply(gh, planOf({ ...base, status: 'in_progress', title: 'pending' }));
    expect(state.checksFor(pr.pull.headSha).map((c) => c.status)).toEqual(['completed', 'in_progress']);
  });

  it('opens a pull request with a file change once, labelled and with reviewers', async () => {
    const { state, gh } = await setup();
    const open: Effect = {
      type: 'open-pull',
      branch: 'dpl-reset/2027.1/freezer',
      base: 'main',
      title: 'Reset freezer',
      body: 'b',
      files: { 'a.txt': 'changed\n', 'new.txt': 'n\n' },
      commitMessage: 'Reset freezer',
      labels: ['dpl/reset'],
      reviewers: ['bob'],
      why: 'w',
    };
    expect(outcomes(await apply(gh, planOf(open)))).toEqual(['applied']);
    expect(outcomes(await apply(gh, planOf(open)))).toEqual(['already-true']);
    const pulls = [...state.issues.values()].filter((i) => i.pull);
    expect(pulls).toHaveLength(1);
    expect(pulls[0]).toMatchObject({ title: 'Reset freezer', labels: ['dpl/reset'] });
    expect(pulls[0].pull!.requestedReviewers).toEqual(['bob']);
    expect(state.pullFiles(pulls[0].number).map((f) => [f.path, f.status])).toEqual([
      ['a.txt', 'modified'],
      ['new.txt', 'added'],
    ]);
  });

  it('re-checks a stale "no comment yet" and settles two simultaneous posts on one comment', async () => {
    const { state, sandbox, gh } = await setup();
    state.createIssue({ number: 1, title: 't', author: 'alice' });
    const m = marker('test', 'notice');
    // both runs gathered before either posted: their plans say there is no comment yet
    const stale: Effect = {
      type: 'comment',
      number: 1,
      marker: m,
      mode: 'once',
      body: 'b',
      existing: null,
      why: 'w',
    };
    expect(outcomes(await apply(gh, planOf(stale)))).toEqual(['applied']);
    expect(outcomes(await apply(gh, planOf(stale)))).toEqual(['already-true']);
    expect(state.commentsOf(1)).toHaveLength(1);

    state.createIssue({ number: 2, title: 't', author: 'alice' });
    const race: Effect = { ...stale, number: 2 };
    // the first post arrives late, after the other run's post: both looked before either posted
    sandbox.faults.add({ method: 'POST', path: /\/issues\/2\/comments$/, kind: 'delay', delayMs: 300 });
    const reports = await Promise.all([apply(gh, planOf(race)), apply(gh, planOf(race))]);
    expect(reports.flatMap(outcomes).sort()).toEqual(['already-true', 'applied']);
    expect(state.commentsOf(2)).toHaveLength(1);
  });

  it('two simultaneous runs open one pull request, and neither fails', async () => {
    const { state, sandbox, gh } = await setup();
    const open: Effect = {
      type: 'open-pull',
      branch: 'dpl-reset/2027.1/oslo',
      base: 'main',
      title: 'Reset oslo',
      body: 'b',
      files: { 'a.txt': 'changed\n' },
      commitMessage: 'Reset oslo',
      why: 'w',
    };
    // the first run's writes to the git database arrive late: both find no pull request first
    sandbox.faults.add({ method: 'POST', path: /\/git\/trees$/, kind: 'delay', delayMs: 300 });
    const reports = await Promise.all([apply(gh, planOf(open)), apply(gh, planOf(open))]);
    expect(reports.flatMap(outcomes).sort()).toEqual(['already-true', 'applied']);
    expect([...state.issues.values()].filter((i) => i.pull)).toHaveLength(1);
  });

  it('labels a pull request that an interrupted run opened but never labelled', async () => {
    const { state, gh } = await setup();
    const open: Effect = {
      type: 'open-pull',
      branch: 'dpl-reset/2027.1/oslo',
      base: 'main',
      title: 'Reset oslo',
      body: 'b',
      files: { 'a.txt': 'reset\n' },
      commitMessage: 'Reset oslo',
      labels: ['dpl/reset'],
      why: 'w',
    };
    state.commitToBranch('main', {}, 'noop', 'alice');
    state.refs.set('heads/dpl-reset/2027.1/oslo', state.branchSha('main'));
    state.commitToBranch('dpl-reset/2027.1/oslo', { 'a.txt': 'reset\n' }, 'Reset oslo', state.actor);
    state.createPull({
      number: 7,
      title: 'Reset oslo',
      author: state.actor,
      head: 'dpl-reset/2027.1/oslo',
      existingHead: true,
    });
    const report = await apply(gh, planOf(open));
    expect(report.results[0]).toMatchObject({ outcome: 'applied', detail: '#7: labelled' });
    expect(state.getIssue(7).labels).toEqual(['dpl/reset']);
    expect([...state.issues.values()].filter((i) => i.pull)).toHaveLength(1);
    expect(outcomes(await apply(gh, planOf(open)))).toEqual(['already-true']);
  });

  it('stops at the first failed effect and reports the rest as not attempted', async () => {
    const { state, gh } = await setup();
    state.createPull({ number: 1, title: 'p', author: 'bob', head: 'bob/x', files: { 'a.txt': 'pr\n' } });
    state.commitToBranch('main', { 'a.txt': 'main moved\n' }, 'conflicting change', 'alice');
    const report = await apply(
      gh,
      planOf(
        { type: 'merge-pull', number: 1, method: 'merge', why: 'w' },
        { type: 'add-labels', number: 1, labels: ['x'], why: 'w' },
      ),
    );
    expect(outcomes(report)).toEqual(['failed', 'not-attempted']);
    expect(report.results[0].detail).toMatch(/HTTP 405/);
    expect(report.error?.message).toMatch(/merge/);
    expect(state.getIssue(1).labels).toEqual([]);
  });

  it("applies every other item when one item's effect fails, and names the failed item", async () => {
    const { state, gh } = await setup();
    state.createPull({ number: 1, title: 'p', author: 'bob', head: 'bob/x', files: { 'a.txt': 'pr\n' } });
    state.createIssue({ number: 2, title: 'due', author: 'alice' });
    state.commitToBranch('main', { 'a.txt': 'main moved\n' }, 'conflicting change', 'alice');
    const report = await apply(
      gh,
      planOf(
        { type: 'merge-pull', number: 1, method: 'merge', why: 'w' },
        { type: 'add-labels', number: 1, labels: ['merged'], why: 'w' },
        { type: 'add-labels', number: 2, labels: ['accepted'], why: 'w' },
        // same item as the failed merge: must not run (deleting the branch would close #1)
        { item: '#1', type: 'delete-branch', branch: 'bob/x', why: 'w' },
      ),
    );
    expect(outcomes(report)).toEqual(['failed', 'not-attempted', 'applied', 'not-attempted']);
    expect(report.failures.map((f) => f.item)).toEqual(['#1']);
    expect(report.error?.message).toMatch(/1 item\(s\).*#1: could not merge/);
    expect(state.getIssue(2).labels).toEqual(['accepted']);
    expect(state.getIssue(1).labels).toEqual([]);
  });

  it('cuts a comment body over 65,536 characters at a line, says so, and re-applies to no effect', async () => {
    const { state, gh } = await setup();
    state.createIssue({ number: 1, title: 't', author: 'alice' });
    const m = marker('test', 'status');
    const body = Array.from({ length: 3000 }, (_, i) => `| row ${i} | ${'x'.repeat(60)} |`).join('\n');
    expect(body.length).toBeGreaterThan(200_000);
    const effect: Effect = { type: 'comment', number: 1, marker: m, mode: 'sticky', body, why: 'w' };
    expect(outcomes(await apply(gh, planOf(effect)))).toEqual(['applied']);
    const [stored] = state.commentsOf(1);
    expect(stored.body.length).toBeLessThanOrEqual(65_536);
    expect(stored.body.startsWith(`${m}\n| row 0 |`)).toBe(true);
    expect(stored.body).toMatch(/cut short here \(\d+ more characters[^]*`plan` output/);
    expect(stored.body).not.toMatch(/\| row 2999 \|/);
    expect(outcomes(await apply(gh, planOf(effect)))).toEqual(['already-true']);
  });

  it("does not take a bot comment that quotes the marker below its first line for the action's own", async () => {
    const { state, gh } = await setup();
    state.createIssue({ number: 1, title: 't', author: 'alice' });
    const m = marker('lazy-consensus-timer', 'status:1');
    const other = `${marker('owners-diversity-check', 'report')}\nchanged: \`${m}/OWNERS\``;
    state.addComment(1, state.actor, other);
    await apply(
      gh,
      planOf({ type: 'comment', number: 1, marker: m, mode: 'sticky', body: 'status', why: 'w' }),
    );
    expect(state.commentsOf(1).map((c) => c.body)).toEqual([other, `${m}\nstatus`]);
  });

  it('fits check-run output within 65,535 bytes and the title within 256 characters', async () => {
    const { state, gh } = await setup();
    state.createPull({ number: 1, title: 'p', author: 'bob', head: 'bob/x', files: { 'a.txt': 'pr\n' } });
    const sha = state.getIssue(1).pull!.headSha;
    const check: Effect = {
      type: 'check-run',
      name: 'c',
      headSha: sha,
      number: 1,
      status: 'completed',
      conclusion: 'failure',
      title: 't'.repeat(300),
      summary: Array.from({ length: 20_000 }, (_, i) => `- ❌ problem ${i}`).join('\n'),
      why: 'w',
    };
    expect(outcomes(await apply(gh, planOf(check)))).toEqual(['applied']);
    const run = state.checksFor(sha)[0];
    expect(Buffer.byteLength(run.output.summary ?? '', 'utf8')).toBeLessThanOrEqual(65_535);
    expect((run.output.title ?? '').length).toBeLessThanOrEqual(256);
    expect(run.conclusion).toBe('failure');
    expect(outcomes(await apply(gh, planOf(check)))).toEqual(['already-true']);
  });

  it('keeps one audit issue per label and marker', async () => {
    const { state, gh } = await setup();
    const create: Effect = {
      type: 'create-issue',
      title: 'Diversity audit',
      body: 'findings',
      labels: ['governance/diversity-audit'],
      marker: marker('owners-diversity', 'audit'),
      why: 'w',
    };
    expect(outcomes(await apply(gh, planOf(create)))).toEqual(['applied']);
    expect(outcomes(await apply(gh, planOf(create)))).toEqual(['already-true']);
    expect(state.issues.size).toBe(1);
  });

  it('closes the newer of two audit issues opened by simultaneous runs', async () => {
    const { state, sandbox, gh } = await setup({ labels: ['governance/diversity-audit'] });
    const create: Effect = {
      type: 'create-issue',
      title: 'Diversity audit',
      body: 'findings',
      labels: ['governance/diversity-audit'],
      marker: marker('owners-diversity', 'audit'),
      why: 'w',
    };
    // the first run's issue arrives late: both looked before either opened
    sandbox.faults.add({ method: 'POST', path: /\/issues$/, kind: 'delay', delayMs: 300 });
    const reports = await Promise.all([apply(gh, planOf(create)), apply(gh, planOf(create))]);
    expect(reports.flatMap(outcomes).sort()).toEqual(['already-true', 'applied']);
    expect([...state.issues.values()].map((i) => [i.number, i.state])).toEqual([
      [1, 'open'],
      [2, 'closed'],
    ]);
  });

  it('defers what exceeds the write budget, and the next run finishes it', async () => {
    const { state, gh } = await setup({ labels: ['x'] });
    for (let n = 1; n <= 5; n++) state.createIssue({ number: n, title: `t${n}`, author: 'alice' });
    const plan = planOf(
      ...[1, 2, 3, 4, 5].map((n): Effect => ({ type: 'add-labels', number: n, labels: ['x'], why: 'w' })),
    );
    const first = await applyPlan(gh, plan, { dryRun: false, log: quiet, maxWrites: 2 });
    expect(outcomes(first)).toEqual(['applied', 'applied', 'deferred', 'deferred', 'deferred']);
    expect(first.deferred).toBe(3);
    expect([1, 2, 3, 4, 5].map((n) => state.getIssue(n).labels.length)).toEqual([1, 1, 0, 0, 0]);
    const rest = planOf(...plan.effects.slice(2));
    const second = await applyPlan(gh, rest, { dryRun: false, log: quiet, maxWrites: 200 });
    expect(second.deferred).toBe(0);
    expect([1, 2, 3, 4, 5].map((n) => state.getIssue(n).labels.length)).toEqual([1, 1, 1, 1, 1]);
  });

  it('in dry-run makes no request at all', async () => {
    const { state, gh, sandbox: sb } = await setup();
    state.createIssue({ number: 1, title: 't', author: 'alice' });
    const before = sb.log.entries.length;
    const report = await apply(
      gh,
      planOf(
        { type: 'add-labels', number: 1, labels: ['x'], why: 'w' },
        { type: 'comment', number: 1, marker: 'm', mode: 'sticky', body: 'b', why: 'w' },
      ),
      true,
    );
    expect(outcomes(report)).toEqual(['dry-run', 'dry-run']);
    expect(sb.log.entries.length).toBe(before);
  });

  it.each(['502', 'secondary-rate-limit', '429'] as const)(
    'retries a write that meets a %s and converges',
    async (kind) => {
      const { state, gh, sandbox: sb } = await setup();
      state.createIssue({ number: 1, title: 't', author: 'alice' });
      sb.faults.add({ method: 'POST', path: /\/issues\/1\/comments$/, kind });
      const report = await apply(
        gh,
        planOf({ type: 'comment', number: 1, marker: 'm', mode: 'sticky', body: 'b', why: 'w' }),
      );
      expect(outcomes(report)).toEqual(['applied']);
      expect(state.commentsOf(1)).toHaveLength(1);
    },
    30000,
  );
});
