/**
 * The configuration's one query (shared/github/config-files.ts) against the sandbox: the default
 * branch, the org and repository files in one request; a missing org repository is no org
 * defaults; a file GitHub's GraphQL serves truncated is read whole over REST; other failures
 * fail closed.
 */
import { afterEach, describe, expect, it } from '@jest/globals';
import { readConfigSources } from '../../../shared/github/config-files.js';
import { RepoClient } from '../../../shared/github/repo.js';
import { addOtherRepo } from '../../sandbox/other-repos.js';
import { RepoState } from '../../sandbox/state.js';
import type { Sandbox } from '../../sandbox/server.js';
import { startSandboxClient } from '../sandbox-client.js';

const PATH = '.github/governance.yml';
let sandbox: Sandbox | undefined;
afterEach(async () => {
  await sandbox?.stop();
  sandbox = undefined;
});

async function start(files: Record<string, string>, org?: Record<string, string>) {
  const state = new RepoState({ default_branch: 'trunk', files });
  if (org) addOtherRepo(state, 'acme/.github', { files: org });
  const started = await startSandboxClient(state, { graphql: true });
  sandbox = started.sandbox;
  return started;
}

describe('readConfigSources', () => {
  it('reads the default branch, the org file and the repository file in one request', async () => {
    const { gh } = await start({ [PATH]: 'version: 1\n' }, { [PATH]: 'version: 1\n# org\n' });
    const got = await readConfigSources(gh, { path: PATH, orgRepo: '.github' });
    expect(got).toEqual({
      defaultBranch: 'trunk',
      archived: false,
      sources: [
        { name: `acme/.github:${PATH}`, text: 'version: 1\n# org\n' },
        { name: PATH, text: 'version: 1\n' },
      ],
    });
    expect(gh.requests).toBe(1);
  });

  it('takes a missing org repository (NOT_FOUND) as no org defaults', async () => {
    const { gh } = await start({});
    const got = await readConfigSources(gh, { path: PATH, orgRepo: '.github' });
    expect(got.sources).toEqual([
      { name: `acme/.github:${PATH}`, text: null },
      { name: PATH, text: null },
    ]);
    expect(gh.requests).toBe(1);
  });

  it('reads a file GitHub serves truncated (over 512,000 bytes) whole over REST', async () => {
    const big = `version: 1\n${'#'.repeat(600_000)}\n`;
    const { gh } = await start({ [PATH]: big });
    const got = await readConfigSources(gh, { path: PATH });
    expect(got.sources).toEqual([{ name: PATH, text: big }]);
    expect(gh.requests).toBeGreaterThan(1);
  });

  // a 500 on the query: test/scenarios/config-org-defaults-unreadable.yml
  it('fails closed, naming the files, on any error but the org repository NOT_FOUND', async () => {
    const { octokit } = await start({ [PATH]: 'version: 1\n' });
    const gh = new RepoClient(octokit, { owner: 'acme', repo: 'gone' });
    await expect(readConfigSources(gh, { path: PATH, orgRepo: '.github' })).rejects.toThrow(
      `the configuration (acme/.github:${PATH} and ${PATH}) could not be read: NOT_FOUND at repo`,
    );
  });

  it('refuses a binary file', async () => {
    const { gh } = await start({ [PATH]: 'version: 1\n\0' });
    await expect(readConfigSources(gh, { path: PATH })).rejects.toThrow(`${PATH} is not a text file`);
  });
});
