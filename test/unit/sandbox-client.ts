/** A started sandbox and the library's own client pointed at it, for tests of library code. */
import { createOctokit, type Octokit } from '../../shared/github/client.js';
import { RepoClient } from '../../shared/github/repo.js';
import { createGraphqlHandler } from '../sandbox/graphql/index.js';
import { Sandbox } from '../sandbox/server.js';
import type { RepoState } from '../sandbox/state.js';

export const quiet = { info: () => {}, warning: () => {}, debug: () => {} };

export async function startSandboxClient(
  state: RepoState,
  opts: { graphql?: boolean; retryUnitMs?: number } = {},
): Promise<{ sandbox: Sandbox; octokit: Octokit; gh: RepoClient }> {
  const sandbox = new Sandbox(state);
  if (opts.graphql) sandbox.setGraphqlHandler(createGraphqlHandler(state));
  const baseUrl = await sandbox.start();
  // writes unpaced: the sandbox has no secondary rate limit to respect
  const octokit = createOctokit({
    token: sandbox.tokenFor(state.actor),
    baseUrl,
    log: quiet,
    writeIntervalMs: 0,
    notificationIntervalMs: 0,
    // nor a clock that runs while a client waits to retry
    retryUnitMs: opts.retryUnitMs ?? 0,
  });
  return { sandbox, octokit, gh: new RepoClient(octokit, { owner: state.owner, repo: state.name }) };
}
