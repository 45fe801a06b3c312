/**
 * The `governance-actions` CLI: previews against a local sandbox standing in for a real
 * repository (GITHUB_API_URL points at it) write nothing unless --apply is given; `simulate`
 * plays scenario files. Most cases call `main` in-process (each preview still runs the action's
 * bundle as a child process); the published entry `node cli/governance-actions.mjs` (what the
 * package.json `bin` points at) is run for `--help` and for one preview end to end.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createGraphqlHandler } from '../sandbox/graphql/index.js';
import { DEFAULT_TOKEN, Sandbox } from '../sandbox/server.js';
import { parseScenario } from '../runner/scenario-file.js';
import { seedState } from '../runner/seed.js';
import { cliEnv, runCli as cli, spawnCli, UNPACED } from './run-cli.js';
/** after the 72h notice of a low-risk proposal labelled on 2026-03-02: the action would accept it */
const AFTER_DEADLINE = '2026-03-20T00:00:00Z';

const REPOSITORY = `
name: a repository with one lazy-consensus proposal past its deadline
repo:
  owner: acme
  name: community
  collaborators: {alice: admin, bob: write}
  labels: [lazy-consensus, risk/low]
  files:
    .github/governance.yml: |
      version: 1
      lazy-consensus:
        notice: {low: 72h}
issues:
  - number: 1
    title: Move the contributor summit to Q3
    author: alice
    created_at: 2026-03-02T09:00:00Z
    labels: [risk/low, lazy-consensus]
  - number: 2
    title: Adopt the new OWNERS format
    author: bob
    created_at: 2026-03-03T09:00:00Z
    labels: [lazy-consensus]
    pull:
      base: main
      head: bob/owners
      files: {OWNERS: "approvers: [alice, bob]\\n"}
    reviews:
      - {by: alice, state: APPROVED, body: "fine by me", at: 2026-03-03T10:00:00Z}
    comments:
      - {by: alice, body: "looks good", at: 2026-03-03T10:01:00Z}
steps: []
`;

describe('the published entry (node cli/governance-actions.mjs)', () => {
  it('--help prints the usage on stdout and exits 0', async () => {
    const run = await spawnCli(['--help']);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^usage:/);
    expect(run.stdout).toContain('actions: ');
    expect(run.stdout).toContain('lazy-consensus-timer');
    expect(run.stderr).toBe('');
  });
});

describe('governance-actions <action> --repo (preview a real repository)', () => {
  let sandbox: Sandbox;
  let env: NodeJS.ProcessEnv;

  beforeAll(async () => {
    const state = seedState(parseScenario(REPOSITORY, 'cli-repository.yml'));
    state.now = AFTER_DEADLINE;
    sandbox = new Sandbox(state);
    sandbox.setGraphqlHandler(createGraphqlHandler(state));
    const url = await sandbox.start();
    env = cliEnv({
      GITHUB_API_URL: url,
      GITHUB_GRAPHQL_URL: undefined,
      GITHUB_TOKEN: DEFAULT_TOKEN,
      GH_TOKEN: undefined,
    });
  });
  afterAll(() => sandbox.stop());

  const PREVIEW = ['lazy-consensus-timer', '--repo', 'acme/community', '--now', AFTER_DEADLINE];
  // unpaced in the action's process: each preview would otherwise wait out GitHub's write pace
  const preview = (...args: string[]) => cli([...PREVIEW, ...args], env, undefined, UNPACED);

  it.each([
    ['the sweep (schedule)', [] as string[]],
    ['one issue (--number 1, event issues)', ['--number', '1']],
    ['an explicit --dry-run', ['--number', '1', '--dry-run']],
    ['a pull request (--number 2, event pull_request_target)', ['--number', '2']],
    ['its latest review', ['--number', '2', '--event', 'pull_request_review']],
    ['its latest comment', ['--number', '2', '--event', 'issue_comment']],
  ])('%s: reads the repository, plans the acceptance, writes nothing', async (_name, args) => {
    const before = sandbox.log.entries.length;
    const run = await preview(...args);
    expect(run.stderr).toContain('dry run: nothing is written');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/accept/i); // the job summary: what it would do
    const requests = sandbox.log.entries.slice(before);
    expect(requests.filter((e) => !e.write).length).toBeGreaterThan(0);
    expect(requests.filter((e) => e.write).map((e) => `${e.method} ${e.path}`)).toEqual([]);
    expect(sandbox.violations).toEqual([]);
  });

  // a real process: the token and API come from its environment, and stdout holds only the JSON
  // (the bundle's log goes to stderr)
  it('--json prints the outputs: the planned effects, none applied', async () => {
    const run = await spawnCli([...PREVIEW, '--number', '1', '--json'], env);
    expect(run.code).toBe(0);
    const report = JSON.parse(run.stdout) as { event: { name: string }; outputs: Record<string, string> };
    expect(report.event.name).toBe('issues');
    expect(report.outputs.accepted).toBe('true');
  });

  it('refuses to turn dry-run off except with --apply, and needs a token', async () => {
    const viaInput = await preview('--input', 'dry-run=false');
    expect(viaInput.code).toBe(2);
    expect(viaInput.stderr).toContain('--apply');
    const noToken = await cli(
      ['lazy-consensus-timer', '--repo', 'acme/community'],
      cliEnv({ ...env, GITHUB_TOKEN: undefined }),
    );
    expect(noToken.code).toBe(2);
    expect(noToken.stderr).toMatch(/GITHUB_TOKEN or GH_TOKEN/);
    const unknown = await cli(['no-such-action', '--repo', 'acme/community'], env);
    expect(unknown.code).toBe(2);
  });

  it('--apply writes (so the dry runs above were dry by choice, not by accident)', async () => {
    const before = sandbox.log.entries.length;
    const run = await preview('--number', '1', '--apply');
    expect(run.stderr).toContain('APPLY');
    expect(run.code).toBe(0);
    expect(sandbox.log.entries.slice(before).filter((e) => e.write).length).toBeGreaterThan(0);
    expect(sandbox.state.getIssue(1).labels).toContain('lazy-consensus/accepted');
  });
});

describe('governance-actions simulate', () => {
  it('plays a scenario file and exits 0 when it passes', async () => {
    const run = await cli(['simulate', 'test/scenarios/lazy-consensus-accepted.yml']);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^PASS/);
  });

  it('exits 1 when an expectation fails', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cli-simulate-'));
    try {
      const file = join(dir, 'wrong.yml');
      // accepted, but the scenario expects it still pending
      writeFileSync(
        file,
        `${REPOSITORY.replace('steps: []', '')}steps:\n  - at: ${AFTER_DEADLINE}\n    schedule: "0 * * * *"\n    run: lazy-consensus-timer\nexpect:\n  issues:\n    1: {labels: {include: [lazy-consensus/pending]}}\n`,
      );
      const run = await cli(['simulate', file]);
      expect(run.code).toBe(1);
      expect(run.stdout).toMatch(/^FAIL/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
