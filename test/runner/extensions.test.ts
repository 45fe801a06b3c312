/**
 * The runner's extensions to the scenario format (docs/scenarios.md, "Extensions"): per-step
 * faults, parallel runs and a read-only token, parsed and played with the probe stand-in action.
 */
import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { playParsed, REPO_ROOT, type PlayResult } from './play.js';
import { parseScenario, ScenarioError } from './scenario-file.js';
import { seedState } from './seed.js';

const ACTIONS = join(REPO_ROOT, 'test', 'runner', 'fixtures', 'actions');
const HEADER = `
name: extensions
repo: {collaborators: {alice: admin}}
issues:
  - {number: 1, title: An issue, author: alice, created_at: 2026-03-02T09:00:00Z}
`;
const AT = 'at: 2026-03-03T10:00:00Z';

function play(yaml: string): Promise<PlayResult> {
  return playParsed(parseScenario(`${HEADER}${yaml}`, 'ext.yml'), { actionsDir: ACTIONS });
}

function parseError(yaml: string): ScenarioError {
  try {
    parseScenario(`${HEADER}${yaml}`, 'bad.yml');
  } catch (e) {
    if (e instanceof ScenarioError) return e;
    throw e;
  }
  throw new Error('expected a ScenarioError');
}

describe('scenario extensions: parsing', () => {
  it('reads faults, parallel and token with their defaults', () => {
    const s = parseScenario(`${HEADER}
steps:
  - ${AT}
    schedule: "0 * * * *"
    run: [a, a]
    parallel: true
    token: read-only
    faults:
      - {method: post, path: "/issues/\\\\d+/comments$", nth: 2, times: 3, kind: "500"}
      - {kind: delay, delay-ms: 250, run-index: 1}
  - {at: 2026-03-04T10:00:00Z, wait: true, run: a}
`);
    const [first, second] = s.steps;
    expect(s.repo.token).toBe('write');
    expect(first).toMatchObject({ parallel: true, token: 'read-only', run: ['a', 'a'] });
    expect(first.faults).toEqual([
      {
        method: 'POST',
        path: /\/issues\/\d+\/comments$/,
        nth: 2,
        times: 3,
        kind: '500',
        delayMs: undefined,
        runIndex: undefined,
      },
      { kind: 'delay', delayMs: 250, runIndex: 1 },
    ]);
    expect(second).toMatchObject({ parallel: false, token: undefined, faults: [] });
    expect(parseScenario('name: x\nrepo: {token: read-only}\n').repo.token).toBe('read-only');
    const withCount = parseScenario('name: x\nexpect: {checks: [{number: 2, name: vep, count: 1}]}\n');
    expect(withCount.expect?.checks?.[0]).toEqual({ number: 2, name: 'vep', count: 1 });
  });

  it('refuses extension keys that cannot apply, naming them', () => {
    const step = (extra: string, run = 'run: [a, a]') =>
      parseError(`steps:\n  - {${AT}, schedule: "0 * * * *", ${run}, ${extra}}\n`);
    expect(parseError(`steps:\n  - {${AT}, schedule: x, faults: [{kind: "500"}]}\n`).reason).toMatch(
      /`faults` needs `run`/,
    );
    expect(step('faults: [{kind: "503"}]').reason).toMatch(/expected one of 500, 502, secondary-rate-limit/);
    expect(step('faults: [{kind: "500", when: 1}]').keyPath).toBe('steps[0].faults[0].when');
    expect(step('faults: [{kind: delay}]').reason).toMatch(/a `delay` fault needs `delay-ms`/);
    expect(step('faults: [{kind: "500", delay-ms: 5}]').reason).toMatch(
      /`delay-ms` is for `kind: delay` only/,
    );
    expect(step('faults: [{kind: "500", run-index: 2}]').reason).toMatch(
      /run-index 2 is past the step's 2 run/,
    );
    expect(step('faults: [{kind: "500", path: "(unclosed"}]').reason).toMatch(/invalid regular expression/);
    expect(step('parallel: true', 'run: a').reason).toMatch(/needs at least two runs/);
    expect(step('token: admin').keyPath).toBe('steps[0].token');
    expect(() => parseScenario('name: x\nrepo: {token: none}\n')).toThrow(/repo\.token/);
  });
});

describe('scenario extensions: GitHub limits', () => {
  it('reads token-kind (repo and step) and required-checks, and seeds branch protection', () => {
    const s =
      parseScenario(`${HEADER.replace('repo: {', 'repo: {token-kind: app, required-checks: [ci, lint], ')}
steps:
  - {${AT}, schedule: "0 * * * *", run: a, token-kind: pat}
  - {${AT}, schedule: "0 * * * *", run: a}
`);
    expect(s.repo).toMatchObject({ tokenKind: 'app', requiredChecks: ['ci', 'lint'], token: 'write' });
    expect(s.steps.map((x) => x.tokenKind)).toEqual(['pat', undefined]);
    expect(seedState(s).requiredChecks).toEqual(['ci', 'lint']);
    expect(parseScenario('name: x\n').repo).toMatchObject({ tokenKind: 'github-token', requiredChecks: [] });
    expect(() => parseScenario('name: x\nrepo: {token-kind: oauth}\n')).toThrow(/repo\.token-kind/);
    expect(parseError(`steps:\n  - {${AT}, schedule: x, token-kind: app}\n`).reason).toMatch(
      /`token-kind` needs `run`/,
    );
  });
});

describe('scenario extensions: playing', () => {
  it('a read-only token has every write refused with 403, and changes nothing', async () => {
    const r = await play(`
steps:
  - ${AT}
    comment: {number: 1, by: alice, body: hi}
    run: probe
    inputs: {mode: act}
    token: read-only
    expect:
      outputs: {probe: {label-status: "403"}}
      issues: {1: {labels: {exclude: [probed]}, comments: {by-actor: 0}}}
  - {at: 2026-03-04T10:00:00Z, wait: true, run: probe, inputs: {mode: act}, expect: {outputs: {probe: {label-status: "200"}}}}
`);
    expect(r.failures).toEqual([]);
    expect(r.timeline[0].runs[0].effects).toEqual([
      expect.stringMatching(/^refused: POST .*\/labels -> 403$/),
      expect.stringMatching(/^refused: POST .*\/comments -> 403$/),
    ]);
  });

  it('installs a step fault for that step only, and fails a fault that never fired', async () => {
    const r = await play(`
steps:
  - ${AT}
    comment: {number: 1, by: alice, body: hi}
    run: probe
    inputs: {mode: act}
    faults: [{method: POST, path: "/labels$", kind: "502"}]
    expect:
      outputs: {probe: {label-status: "502"}}
      issues: {1: {labels: {exclude: [probed]}, comments: {by-actor: 1}}}
  - {at: 2026-03-04T10:00:00Z, wait: true, run: probe, inputs: {mode: act}, expect: {outputs: {probe: {label-status: "200"}}}}
  - ${AT.replace('03T', '05T')}
    wait: true
    run: probe
    inputs: {mode: act}
    faults: [{method: DELETE, kind: "500"}]
`);
    expect(r.failures).toEqual([
      expect.stringMatching(
        /^steps\[2\] .*: faults\[0\] \(500 DELETE\) never fired: 0 matching request\(s\), nth 1$/,
      ),
    ]);
  });

  it('starts parallel runs together and targets one run with run-index', async () => {
    const r = await play(`
steps:
  - ${AT}
    comment: {number: 1, by: alice, body: hi}
    run: [probe, probe]
    parallel: true
    inputs: {mode: act}
    faults: [{method: POST, kind: delay, delay-ms: 600, run-index: 0}]
    expect:
      issues: {1: {labels: {include: [probed]}, comments: {by-actor: 2}}}
`);
    expect(r.failures).toEqual([]);
    expect(r.timeline[0].runs.map((x) => [x.requests, x.writes])).toEqual([
      [2, 2],
      [2, 2],
    ]);
    // run 0's writes wait 600 ms each: run 1 writes both before run 0's second write arrives
    expect(r.timeline[0].runs[1].durationMs).toBeLessThan(r.timeline[0].runs[0].durationMs);
  });
});
