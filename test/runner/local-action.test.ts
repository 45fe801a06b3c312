/**
 * GitHub's own local runner, `@github/local-action`, imports an action's `src/main.ts` and calls
 * its exported `run()` (the actions/typescript-action convention). Each action, run that way
 * against the sandbox, must reach the same outcome as the scenario runner's run of the same
 * step: the same labels, comments and failure state.
 */
import { describe, expect, it } from '@jest/globals';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createGraphqlHandler } from '../sandbox/graphql/index.js';
import { DEFAULT_TOKEN, Sandbox } from '../sandbox/server.js';
import { playParsed, REPO_ROOT } from './play.js';
import { parseScenario } from './scenario-file.js';
import { seedState } from './seed.js';
import { describeEffects, snapshot } from './effects.js';

const LOCAL_ACTION = join(REPO_ROOT, 'node_modules', '@github', 'local-action');
const TSX = join(REPO_ROOT, 'node_modules', 'tsx', 'dist', 'cli.mjs');
const NOW = '2026-03-20T00:00:00Z';

/** One scheduled sweep per action; each leaves a mark (or a failure) to compare. */
const CASES: { action: string; yaml: string }[] = [
  {
    action: 'lazy-consensus-timer',
    yaml: `
name: a proposal past its notice period is accepted by the sweep
repo:
  collaborators: {alice: admin}
  labels: [lazy-consensus, risk/low]
  files:
    .github/governance.yml: "version: 1\\nlazy-consensus:\\n  notice: {low: 72h}\\n"
issues:
  - {number: 1, title: Move the summit, author: alice, created_at: 2026-03-02T09:00:00Z, labels: [risk/low, lazy-consensus]}
steps:
  - {at: ${NOW}, schedule: "0 * * * *", run: lazy-consensus-timer}
`,
  },
  {
    action: 'owners-diversity-check',
    yaml: `
name: an audit with a violation opens the audit issue
repo:
  collaborators: {alice: admin}
  labels: [governance/diversity-audit]
  files:
    .github/governance.yml: "version: 1\\nowners-diversity:\\n  rules: [{groups: '**', min-orgs: 2}]\\n  affiliations: [{yaml: affiliations.yaml}]\\n"
    OWNERS: "approvers: [alice, bob]\\n"
    affiliations.yaml: "alice: Acme\\nbob: Acme\\n"
steps:
  - {at: ${NOW}, schedule: "0 6 * * 1", run: owners-diversity-check}
`,
  },
  {
    action: 'dpl-reset',
    yaml: `
name: a configuration error fails the run before it writes
repo:
  files:
    .github/governance.yml: "version: 1\\ncalendar: {timezone: PST}\\n"
steps:
  - {at: ${NOW}, schedule: "0 0 * * *", run: dpl-reset, expect-failure: true}
`,
  },
  {
    action: 'vep-sig-label',
    yaml: `
name: the escalation sweep with no open proposal does nothing
repo:
  files:
    .github/governance.yml: "version: 1\\n"
steps:
  - {at: ${NOW}, schedule: "0 * * * *", run: vep-sig-label}
`,
  },
];

/**
 * local-action's command line, as its `bin/local-action.js` starts it: that script finds the
 * package manager (npm here) and runs `npm exec tsx <package>/src/index.ts -- <args>` with
 * TARGET_ACTION_PATH, NODE_PACKAGE_MANAGER and NODE_NO_WARNINGS set. The same, without the
 * `npm exec` hop (a second of npm start-up per case).
 */
function runLocalAction(action: string, envFile: string): Promise<{ code: number | null; out: string }> {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    TARGET_ACTION_PATH: join(REPO_ROOT, 'actions', action),
    NODE_PACKAGE_MANAGER: 'npm',
    NODE_NO_WARNINGS: '1',
  };
  delete env.NODE_OPTIONS;
  const args = [TSX, join(LOCAL_ACTION, 'src', 'index.ts'), join('actions', action), 'src/main.ts', envFile];
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { cwd: REPO_ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (b: Buffer) => (out += b));
    child.stderr.on('data', (b: Buffer) => (out += b));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, out }));
  });
}

/** A failed run prints its setFailed message as an error. */
function failedIn(output: string, action: string): boolean {
  return output.includes(`::error::${action}: `);
}

describe('@github/local-action runs each action to the scenario runner outcome', () => {
  it.each(CASES)(
    '$action',
    async ({ action, yaml }) => {
      // the scenario runner, from the sources, in a worker thread (a node start less per case);
      // a shared machine can be slow to load an action's sources
      const scenario = parseScenario(yaml, `${action}.yml`);
      const played = await playParsed(scenario, { timeoutMs: 240_000, isolation: 'thread' });
      const run = played.timeline[0].runs[0];
      expect(played.failures).toEqual([]);

      // the same repository and event through local-action
      const state = seedState(parseScenario(yaml, `${action}.yml`));
      state.now = NOW;
      const sandbox = new Sandbox(state);
      sandbox.setGraphqlHandler(createGraphqlHandler(state));
      const url = await sandbox.start();
      const dir = mkdtempSync(join(tmpdir(), 'local-action-'));
      try {
        const eventPath = join(dir, 'event.json');
        writeFileSync(
          eventPath,
          JSON.stringify({ schedule: '0 * * * *', repository: { default_branch: 'main' } }),
        );
        writeFileSync(join(dir, 'summary.md'), '');
        writeFileSync(join(dir, 'output'), '');
        writeFileSync(
          join(dir, '.env'),
          [
            `GITHUB_API_URL=${url}`,
            `GITHUB_GRAPHQL_URL=${url}/graphql`,
            'GITHUB_REPOSITORY=acme/community',
            'GITHUB_EVENT_NAME=schedule',
            `GITHUB_EVENT_PATH=${eventPath}`,
            `GITHUB_STEP_SUMMARY=${join(dir, 'summary.md')}`,
            `GITHUB_OUTPUT=${join(dir, 'output')}`,
            `GOVERNANCE_ACTIONS_NOW=${NOW}`,
            'GOVERNANCE_ACTIONS_WRITE_INTERVAL_MS=0',
            `INPUT_GITHUB-TOKEN=${DEFAULT_TOKEN}`,
            'ACTIONS_STEP_DEBUG=false',
            '',
          ].join('\n'),
        );
        const before = snapshot(state);
        const local = await runLocalAction(action, join(dir, '.env'));
        expect(local.out).not.toMatch(/does not export a run\(\) function/);
        // the actions write workflow commands themselves (shared/runtime/actions-core.ts), not
        // through local-action's stand-in for @actions/core: a failed run exits 1, as on a runner
        expect(local.code).toBe(run.exitCode !== 0 ? 1 : 0);
        // the same changes to the repository, and the same verdict
        expect(describeEffects(before, state)).toEqual(run.effects);
        expect(failedIn(local.out, action)).toBe(run.exitCode !== 0);
        expect(sandbox.violations).toEqual([]);
      } finally {
        await sandbox.stop();
        rmSync(dir, { recursive: true, force: true });
      }
    },
    300_000,
  );
});
