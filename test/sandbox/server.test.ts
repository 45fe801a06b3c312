import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { IMPLEMENTED_OPERATIONS } from './openapi/operations.js';
import { loadExtract } from './openapi/validator.js';
import { ROUTES } from './rest/index.js';
import { REPO, startSandbox, type Started } from './test-helpers.js';

let sb: Started;
beforeEach(async () => {
  sb = await startSandbox();
});
afterEach(async () => {
  await sb.sandbox.stop();
});

describe('the sandbox as api.github.com', () => {
  it('has a handler and an extracted schema for every implemented operation', () => {
    const extract = loadExtract();
    expect(Object.keys(extract.operations).sort()).toEqual([...IMPLEMENTED_OPERATIONS].sort());
    expect(Object.keys(ROUTES).sort()).toEqual([...IMPLEMENTED_OPERATIONS].sort());
  });

  it('rejects an unknown route with 404 and records a violation', async () => {
    const res = await sb.call('GET', `${REPO}/no-such-thing`);
    expect(res.status).toBe(404);
    expect(sb.sandbox.violations).toEqual([expect.stringContaining('no such REST operation')]);
    const wrongMethod = await sb.call('POST', `${REPO}/labels/bug`, {});
    expect(wrongMethod.status).toBe(404);
    expect(sb.sandbox.violations).toHaveLength(2);
  });

  it('rejects an issue without a title with 422 and records a violation', async () => {
    const res = await sb.call('POST', `${REPO}/issues`, { body: 'no title' });
    expect(res.status).toBe(422);
    expect(res.json.message).toContain('"title" wasn\'t supplied');
    expect(sb.sandbox.violations).toEqual([expect.stringContaining('POST /repos/{owner}/{repo}/issues')]);
    expect(sb.state.issues.size).toBe(0);
  });

  it('rejects a value outside an enum and a wrong type', async () => {
    sb.state.createIssue({ title: 't', author: 'alice' });
    expect((await sb.call('PATCH', `${REPO}/issues/1`, { state: 'shut' })).status).toBe(422);
    expect((await sb.call('GET', `${REPO}/issues?state=shut`)).status).toBe(422);
    expect((await sb.call('POST', `${REPO}/issues/1/comments`, { body: 42 })).status).toBe(422);
    expect(sb.sandbox.violations).toHaveLength(3);
    expect(sb.state.issues.get(1)!.state).toBe('open');
  });

  it('requires a known token', async () => {
    expect((await sb.call('GET', REPO, undefined, 'wrong')).status).toBe(401);
    expect(sb.sandbox.violations).toEqual([expect.stringContaining('token')]);
    const alice = sb.sandbox.tokenFor('alice');
    const repo = await sb.call('GET', REPO, undefined, alice);
    expect(repo.status).toBe(200);
    expect(repo.json).toMatchObject({
      full_name: 'acme/community',
      default_branch: 'main',
      permissions: { push: true, admin: false },
    });
  });

  it('answers a repository it does not hold with 404; only writing there is a violation', async () => {
    // reading `<owner>/.github` for org-wide defaults is a request GitHub answers with 404
    expect((await sb.call('GET', '/repos/acme/other')).status).toBe(404);
    expect(sb.sandbox.violations).toHaveLength(0);
    expect((await sb.call('POST', '/repos/acme/other/issues', { title: 'x' })).status).toBe(404);
    expect(sb.sandbox.violations).toHaveLength(1);
  });

  it('sends rate-limit headers on every response and counts them', async () => {
    const first = await sb.call('GET', REPO);
    const second = await sb.call('GET', `${REPO}/no-such-thing`);
    for (const h of [
      'x-ratelimit-limit',
      'x-ratelimit-remaining',
      'x-ratelimit-used',
      'x-ratelimit-reset',
      'x-ratelimit-resource',
    ])
      expect(second.headers.get(h)).not.toBeNull();
    expect(Number(second.headers.get('x-ratelimit-used'))).toBe(
      Number(first.headers.get('x-ratelimit-used')) + 1,
    );
    expect(second.headers.get('x-ratelimit-resource')).toBe('core');
    const limits = await sb.call('GET', '/rate_limit');
    // the default token is a workflow's GITHUB_TOKEN: 1,000 an hour (github-limits.test.ts)
    expect(limits.json.resources.core).toMatchObject({ limit: 1000, used: 2, remaining: 998 });
  });

  it('logs reads and writes, and since() counts one run', async () => {
    await sb.call('GET', REPO);
    const mark = sb.sandbox.log.entries.length;
    await sb.call('POST', `${REPO}/issues`, { title: 'x' });
    await sb.call('GET', `${REPO}/issues/1`);
    const run = sb.sandbox.log.since(mark);
    expect(run.map((e) => [e.method, e.status, e.write])).toEqual([
      ['POST', 201, true],
      ['GET', 200, false],
    ]);
    expect(run[0].operation).toBe('POST /repos/{owner}/{repo}/issues');
    expect(sb.sandbox.log.writes()).toHaveLength(1);
    expect(sb.sandbox.log.reads()).toHaveLength(2);
  });
});

describe('GraphQL delegation', () => {
  it('answers 501 and records a violation until a handler is set', async () => {
    const res = await sb.call('POST', '/graphql', { query: '{ viewer { login } }' });
    expect(res.status).toBe(501);
    expect(sb.sandbox.violations).toHaveLength(1);
  });

  it('passes query, variables and login to the handler and logs mutations as writes', async () => {
    const seen: unknown[] = [];
    sb.sandbox.setGraphqlHandler(async (query, variables, login) => {
      seen.push([variables, login]);
      return { data: { ok: true } };
    });
    await sb.call('POST', '/graphql', {
      query: 'query Pulls($n: Int!) { repository(owner: "acme", name: "community") { id } }',
      variables: { n: 1 },
    });
    await sb.call('POST', '/graphql', { query: 'mutation { addComment(input: {}) { clientMutationId } }' });
    expect(seen).toEqual([
      [{ n: 1 }, 'github-actions[bot]'],
      [{}, 'github-actions[bot]'],
    ]);
    const [q, m] = sb.sandbox.log.entries;
    expect([q.graphql, q.write, m.graphql, m.write]).toEqual(['Pulls', false, 'addComment', true]);
    expect(m.status).toBe(200);
  });
});
