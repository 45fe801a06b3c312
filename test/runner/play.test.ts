/**
 * playScenario end to end with a stand-in action (fixtures/actions/probe): the environment the
 * runner gives an action, outputs, exit codes, timeouts, request counts and sandbox violations.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { playParsed, playScenario, REPO_ROOT, type PlayResult } from './play.js';
import { parseScenario } from './scenario-file.js';

const ACTIONS = join(REPO_ROOT, 'test', 'runner', 'fixtures', 'actions');

const HEADER = `
name: probe
repo: {collaborators: {alice: admin, bob: write}, labels: [lazy-consensus]}
issues:
  - {number: 1, title: An issue, author: alice, created_at: 2026-03-02T09:00:00Z}
  - {number: 2, title: A pull, author: bob, created_at: 2026-03-02T09:00:00Z, pull: {head: bob/x, files: {x.md: x}}}
`;

function play(yaml: string, timeoutMs?: number): Promise<PlayResult> {
  return playParsed(parseScenario(`${HEADER}${yaml}`, 'probe.yml'), { actionsDir: ACTIONS, timeoutMs });
}

describe('playScenario', () => {
  beforeAll(() => {
    process.env.GITHUB_PARENT_LEAK = 'must not reach the action';
  });
  afterAll(() => {
    delete process.env.GITHUB_PARENT_LEAK;
  });

  it('runs the action with the environment of the Actions runner and reads its outputs', async () => {
    const r = await play(`
steps:
  - at: 2026-03-03T10:00:00Z
    label: {number: 1, add: lazy-consensus, by: alice}
    run: probe
    inputs: {greeting: hello there}
    expect:
      outputs:
        probe:
          github_event_name: issues
          github_ref: refs/heads/main
          github_actor: alice
          github_repository: acme/community
          github_repository_owner: acme
          github_server_url: https://github.com
          governance_actions_now: 2026-03-03T10:00:00Z
          input-greeting: hello there
          input-with-default: from-action-yml
          token-set: "true"
          workspace-files: "0"
          leaked: ""
          payload-keys: action,issue,label,organization,repository,sender
          multiline: "first line\\nsecond line"
          label-status: "200"
      issues:
        1: {labels: {include: [lazy-consensus, probed]}, comments: {by-actor: 1, match: ["^Probed at 2026-03-03T10:00:00Z"]}}
      requests: {max: 2, max-writes: 2}
  - at: 2026-03-04T10:00:00Z
    open-pull: {title: Another, author: bob, head: bob/y, files: {y.md: y}}
    event: pull_request_target
    run: probe
    expect:
      outputs: {probe: {github_event_name: pull_request_target, github_ref: refs/heads/main, github_head_ref: bob/y, github_base_ref: main}}
      issues: {3: {labels: {include: [probed]}}}
  - at: 2026-03-05T10:00:00Z
    schedule: "0 * * * *"
    run: probe
    expect:
      outputs: {probe: {payload-keys: schedule, input-greeting: (unset)}}
      requests: {max: 0}
expect:
  requests: {max: 4, max-writes: 4}
`);
    expect(r.failures).toEqual([]);
    expect(r.passed).toBe(true);
    expect(r.requests).toBe(4);
    expect(r.timeline[0].runs[0]).toMatchObject({ action: 'probe', exitCode: 0, requests: 2, writes: 2 });
    expect(r.timeline[0].runs[0].effects).toEqual([
      '#1 +label probed',
      '#1 comment by github-actions[bot]: "Probed at 2026-03-03T10:00:00Z"',
    ]);
  });

  it('reports a failed run with its last output, and a step expectation that does not hold', async () => {
    const r = await play(`
steps:
  - at: 2026-03-03T10:00:00Z
    comment: {number: 1, by: bob, body: hi}
    run: probe
    inputs: {mode: fail}
    expect:
      issues: {1: {labels: {include: [probed]}}}
`);
    expect(r.passed).toBe(false);
    expect(r.failures[0]).toMatch(
      /^steps\[0\] 2026-03-03T10:00:00Z \(line \d+\): probe: the run failed \(exit code 1\); last output:\n/,
    );
    expect(r.failures[0]).toContain('::error::the probe was asked to fail');
    expect(r.failures[1]).toMatch(/expect: issues\.1\.labels: expected to include probed, found \[\]/);
  });

  it('expect-failure: true needs a failing run', async () => {
    const failing = await play(`
steps:
  - {at: 2026-03-03T10:00:00Z, comment: {number: 1, by: bob, body: hi}, run: probe, inputs: {mode: fail}, expect-failure: true}
`);
    expect(failing.failures).toEqual([]);
    const passing = await play(`
steps:
  - {at: 2026-03-03T10:00:00Z, comment: {number: 1, by: bob, body: hi}, run: probe, expect-failure: true}
`);
    expect(passing.failures).toEqual([
      expect.stringMatching(/probe: expected the run to fail \(expect-failure: true\), found exit code 0$/),
    ]);
  });

  it('kills a run that does not finish in time', async () => {
    const started = Date.now();
    const r = await play(
      `
steps:
  - {at: 2026-03-03T10:00:00Z, schedule: "0 * * * *", run: probe, inputs: {mode: hang}}
`,
      1500,
    );
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(r.failures).toEqual([expect.stringMatching(/probe: killed after 1.5 s without finishing/)]);
  });

  it('fails the scenario on a request GitHub would reject, showing the request', async () => {
    const r = await play(`
steps:
  - {at: 2026-03-03T10:00:00Z, schedule: "0 * * * *", run: probe, inputs: {mode: invalid-request}}
`);
    expect(r.failures).toEqual([
      expect.stringMatching(
        /the sandbox rejected a request GitHub would reject: POST \/repos\/acme\/community\/issues\/1\/labels: /,
      ),
    ]);
  });

  it('reports an action that is not built, and `wait` re-running the previous event', async () => {
    const r = await play(`
steps:
  - {at: 2026-03-03T10:00:00Z, label: {number: 2, add: lazy-consensus, by: alice}, run: not-an-action}
  - {at: 2026-03-04T10:00:00Z, wait: true, run: probe, expect: {outputs: {probe: {github_event_name: pull_request, github_ref: refs/pull/2/merge, governance_actions_now: 2026-03-04T10:00:00Z}}}}
`);
    expect(r.failures).toEqual([
      expect.stringMatching(
        /not-an-action: action not-an-action is not built: .*not-an-action\/dist\/index\.js does not exist/,
      ),
    ]);
    expect(r.timeline[1].event).toBe('pull_request');
  });

  it('stops at a step the repository refuses (a merge conflict), naming it', async () => {
    const r = await play(`
steps:
  - {at: 2026-03-03T10:00:00Z, commit: {files: {x.md: "changed on main"}, message: conflict}}
  - {at: 2026-03-03T11:00:00Z, merge: {number: 2, by: alice}}
  - {at: 2026-03-03T12:00:00Z, close: {number: 1}}
`);
    expect(r.failures).toEqual([
      expect.stringMatching(
        /^steps\[1\] 2026-03-03T11:00:00Z \(line \d+\): merge: #2 cannot be merged: it conflicts with main$/,
      ),
    ]);
    expect(r.timeline).toHaveLength(2);
  });

  it('a file that cannot be parsed is a failure of that file', async () => {
    const r = await playScenario(join(REPO_ROOT, 'test', 'runner', 'fixtures', 'does-not-exist.yml'));
    expect(r).toMatchObject({ passed: false, requests: 0, failures: [expect.stringMatching(/cannot read/)] });
  });
});
