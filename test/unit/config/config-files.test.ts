/**
 * The configuration's one query (shared/github/config-files.ts) against the sandbox: the default
 * branch, the org and repository files in one request; a missing org repository is no org
 * defaults; a file GitHub's GraphQL serves truncated is read whole over REST; other failures
 * fail closed.
 */
import { afterEach, describe, expect, it } from '@jest/globals';
import {
  configQuery,
  configVariables,
  readConfigSources,
  type ConfigRequest,
} from '../../../shared/github/config-files.js';
import { sendEarlyQuery, type GraphqlAnswer } from '../../../shared/github/early-query.js';
import { httpTransport } from '../../../shared/github/http-transport.js';
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
  return { ...started, state };
}

/** The query as a run sends it before its client loads (shared/runtime/run-action.ts). */
function early(state: RepoState, repo: string, req: ConfigRequest): Promise<GraphqlAnswer | undefined> {
  return sendEarlyQuery({
    baseUrl: sandbox!.url,
    token: sandbox!.tokenFor(state.actor),
    fetch: httpTransport,
    query: configQuery(!!req.orgRepo),
    variables: { owner: state.owner, repo, ...configVariables(req) },
  });
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

describe('readConfigSources with the answer to the query sent before the client', () => {
  const ORG = { path: PATH, orgRepo: '.github' };
  const total = () => sandbox!.log.entries.length;

  it('takes the answer as it is: no request through the client', async () => {
    const { gh, state } = await start({ [PATH]: 'version: 1\n' }, { [PATH]: 'version: 1\n# org\n' });
    const got = await readConfigSources(gh, ORG, early(state, state.name, ORG));
    expect(got.sources.map((s) => s.text)).toEqual(['version: 1\n# org\n', 'version: 1\n']);
    expect(got.defaultBranch).toBe('trunk');
    expect([gh.requests, total()]).toEqual([0, 1]);
  });

  it('takes a missing org repository (NOT_FOUND) as no org defaults, without asking again', async () => {
    const { gh, state } = await start({ [PATH]: 'version: 1\n' });
    const got = await readConfigSources(gh, ORG, early(state, state.name, ORG));
    expect(got.sources.map((s) => s.text)).toEqual([null, 'version: 1\n']);
    expect([gh.requests, total()]).toEqual([0, 1]);
  });

  it('asks again through the client on any other error, and fails closed as the client does', async () => {
    const { octokit, state } = await start({ [PATH]: 'version: 1\n' });
    const gh = new RepoClient(octokit, { owner: 'acme', repo: 'gone' });
    await expect(readConfigSources(gh, ORG, early(state, 'gone', ORG))).rejects.toThrow(
      `the configuration (acme/.github:${PATH} and ${PATH}) could not be read: NOT_FOUND at repo`,
    );
    expect([gh.requests, total()]).toEqual([1, 2]);
  });

  it.each([
    ['a GraphQL rate limit', { errors: [{ type: 'RATE_LIMITED', message: 'API rate limit exceeded' }] }],
    [
      'errors beside the org NOT_FOUND',
      {
        data: { repo: null, org: null },
        errors: [
          { type: 'NOT_FOUND', path: ['org'] },
          { type: 'FORBIDDEN', path: ['repo'] },
        ],
      },
    ],
    ['an empty errors list', { data: { repo: null }, errors: [] }],
    ['no answer (a 502, a reset, a body that is not JSON)', undefined],
  ])('asks again through the client after %s', async (_name, answer) => {
    const { gh } = await start({ [PATH]: 'version: 1\n' });
    const got = await readConfigSources(gh, ORG, Promise.resolve(answer as GraphqlAnswer | undefined));
    expect(got.sources.map((s) => s.text)).toEqual([null, 'version: 1\n']);
    expect([gh.requests, total()]).toEqual([1, 1]);
  });
});
