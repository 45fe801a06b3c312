/**
 * A pull request from a fork, one whose fork was deleted, and a repository a user owns, as the
 * sandbox answers them over HTTP (REST and GraphQL), the way GitHub does.
 */
import { afterEach, describe, expect, it } from '@jest/globals';
import { createGraphqlHandler } from './graphql/index.js';
import { startSandbox, type Started } from './test-helpers.js';

let sb: Started | undefined;
afterEach(async () => {
  await sb?.sandbox.stop();
  sb = undefined;
});

const PULL_QUERY = `query($n: Int!) { repository(owner: "acme", name: "community") {
  pullRequest(number: $n) { isCrossRepository headRepository { nameWithOwner owner { login __typename } } } } }`;

function forkPulls(s: Started) {
  const fork = s.state.createPull({
    title: 'from a fork',
    author: 'dave',
    head: 'patch-1',
    files: { 'a.md': 'a' },
  });
  fork.pull!.fork = { owner: 'dave', deleted: false };
  const gone = s.state.createPull({
    title: 'fork deleted',
    author: 'erin',
    head: 'patch-2',
    files: { 'b.md': 'b' },
  });
  gone.pull!.fork = { owner: 'erin', deleted: true };
  const same = s.state.createPull({
    title: 'same repo',
    author: 'alice',
    head: 'alice/x',
    files: { 'c.md': 'c' },
  });
  return { fork: fork.number, gone: gone.number, same: same.number };
}

describe('pull requests from forks', () => {
  it('GraphQL names the fork as the head repository, and null once it is deleted', async () => {
    sb = await startSandbox();
    sb.sandbox.setGraphqlHandler(createGraphqlHandler(sb.state));
    const n = forkPulls(sb);
    const ask = async (number: number) =>
      (await sb!.call('POST', '/graphql', { query: PULL_QUERY, variables: { n: number } })).json.data
        .repository.pullRequest;
    expect(await ask(n.fork)).toEqual({
      isCrossRepository: true,
      headRepository: { nameWithOwner: 'dave/community', owner: { login: 'dave', __typename: 'User' } },
    });
    expect(await ask(n.gone)).toEqual({ isCrossRepository: true, headRepository: null });
    expect(await ask(n.same)).toEqual({
      isCrossRepository: false,
      headRepository: {
        nameWithOwner: 'acme/community',
        owner: { login: 'acme', __typename: 'Organization' },
      },
    });
  });

  it("serves a live fork's activity log for its head branch; a deleted fork's is 404", async () => {
    sb = await startSandbox();
    forkPulls(sb);
    const live = await sb.call('GET', '/repos/dave/community/activity?ref=refs/heads/patch-1');
    expect(live.status).toBe(200);
    expect(live.json.map((a: { ref: string }) => a.ref)).toEqual(['refs/heads/patch-1']);
    expect((await sb.call('GET', '/repos/erin/community/activity')).status).toBe(404);
    // only the activity log: other routes of a fork are not the sandbox's repository
    expect((await sb.call('GET', '/repos/dave/community/issues')).status).toBe(404);
    expect((await sb.call('GET', '/repos/mallory/community/activity')).status).toBe(404);
  });
});

describe('a repository a user owns', () => {
  it('has an owner of type User, no organization key, and no organization in GraphQL', async () => {
    sb = await startSandbox({ owner: 'octocat' });
    sb.state.ownerType = 'User';
    sb.sandbox.setGraphqlHandler(createGraphqlHandler(sb.state));
    const repo = await sb.call('GET', '/repos/octocat/community');
    expect(repo.json.owner).toMatchObject({ login: 'octocat', type: 'User' });
    expect(repo.json).not.toHaveProperty('organization');
    const q = await sb.call('POST', '/graphql', {
      query: `{ repository(owner: "octocat", name: "community") { owner { __typename login } }
        repositoryOwner(login: "octocat") { __typename } }`,
    });
    expect(q.json.data).toEqual({
      repository: { owner: { __typename: 'User', login: 'octocat' } },
      repositoryOwner: { __typename: 'User' },
    });
    const org = await sb.call('POST', '/graphql', { query: `{ organization(login: "octocat") { login } }` });
    expect(org.json.errors[0]).toMatchObject({ type: 'NOT_FOUND' });
  });

  it('an organization owns the repository by default', async () => {
    sb = await startSandbox();
    const repo = await sb.call('GET', '/repos/acme/community');
    expect(repo.json.owner).toMatchObject({ login: 'acme', type: 'Organization' });
    expect(repo.json.organization).toMatchObject({ login: 'acme', type: 'Organization' });
  });
});
