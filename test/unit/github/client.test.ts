/**
 * The client's retry policy against the sandbox's faults: what is retried, how often, and that
 * rate limits are retried by one plugin only (not multiplied by the retry plugin).
 */
import { afterEach, describe, expect, it } from '@jest/globals';
import { Sandbox } from '../../sandbox/server.js';
import { RepoState } from '../../sandbox/state.js';
import { startSandboxClient } from '../sandbox-client.js';

let sandbox: Sandbox | undefined;

afterEach(async () => {
  await sandbox?.stop();
  sandbox = undefined;
});

async function setup(retryUnitMs?: number) {
  const state = new RepoState({ collaborators: { alice: 'admin' } });
  state.createIssue({ number: 1, title: 't', author: 'alice' });
  const started = await startSandboxClient(state, { retryUnitMs });
  sandbox = started.sandbox;
  const { octokit } = started;
  const comment = () =>
    octokit.rest.issues.createComment({ owner: state.owner, repo: state.name, issue_number: 1, body: 'x' });
  return { state, sandbox, comment };
}

const attempts = (s: Sandbox) => s.log.entries.filter((e) => e.method === 'POST').length;

describe('createOctokit retries', () => {
  it.each(['500', '502', 'reset', 'secondary-rate-limit', '429'] as const)(
    'retries a single %s and succeeds',
    async (kind) => {
      const { state, sandbox, comment } = await setup();
      sandbox.faults.add({ method: 'POST', kind });
      expect((await comment()).status).toBe(201);
      expect(attempts(sandbox)).toBe(2);
      expect(state.commentsOf(1)).toHaveLength(1);
    },
    15_000,
  );

  it.each(['secondary-rate-limit', '429'] as const)(
    'gives up on a persistent %s after 3 retries',
    async (kind) => {
      const { state, sandbox, comment } = await setup();
      sandbox.faults.add({ method: 'POST', kind, times: 20 });
      await expect(comment()).rejects.toMatchObject({ status: kind === '429' ? 429 : 403 });
      expect(attempts(sandbox)).toBe(4);
      expect(state.commentsOf(1)).toHaveLength(0);
    },
    15_000,
  );

  it.each(['500', '429'] as const)('waits retryUnitMs for each second of a retried %s', async (kind) => {
    // a 5xx waits 1 s before its first retry; a 429 its retry-after (1 s in the sandbox)
    const { sandbox, comment } = await setup(300);
    sandbox.faults.add({ method: 'POST', kind });
    const started = Date.now();
    expect((await comment()).status).toBe(201);
    const waited = Date.now() - started;
    expect(waited).toBeGreaterThanOrEqual(300);
    // the plugins' own unit is 1 s: a wait under it shows the option reached both
    expect(waited).toBeLessThan(1000);
  });
});
