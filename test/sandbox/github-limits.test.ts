/**
 * The limits api.github.com enforces, asserted over HTTP against the sandbox: size limits on
 * writes, the 3,000-file cap, case-insensitive logins, required status checks, primary and
 * secondary rate limits per token kind, and `/repositories/{id}` links. Every rejection carries
 * GitHub's status and error body; one GitHub would count against the client is a violation.
 */
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { createGraphqlHandler } from './graphql/index.js';
import { stepSummaryViolation } from '../runner/run-action.js';
import { DEFAULT_TOKEN, Sandbox } from './server.js';
import { RepoState } from './state.js';
import { REPO, startSandbox, type Started } from './test-helpers.js';

let sb: Started;
beforeEach(async () => {
  sb = await startSandbox({ teams: { maintainers: ['Carol'] } });
  sb.state.now = '2026-03-02T10:00:00Z';
});
afterEach(async () => {
  await sb.sandbox.stop();
});

const VALIDATION_FAILED = 'Validation Failed';
const chars = (n: number) => 'x'.repeat(n);

/** the `errors[0]` of a 422 Validation Failed answer */
function firstError(res: { status: number; json: any }) {
  expect(res.status).toBe(422);
  expect(res.json.message).toBe(VALIDATION_FAILED);
  expect(res.json.documentation_url).toMatch(/^https:\/\/docs\.github\.com\//);
  return res.json.errors[0];
}

describe('size limits on writes', () => {
  it('refuses a comment over 65,536 characters, creating and editing, and counts it a violation', async () => {
    sb.state.createIssue({ title: 't', author: 'alice' });
    const tooLong = await sb.call('POST', `${REPO}/issues/1/comments`, { body: chars(65_537) });
    expect(firstError(tooLong)).toEqual({
      resource: 'IssueComment',
      code: 'unprocessable',
      field: 'data',
      message: 'Body is too long (maximum is 65536 characters)',
    });
    expect(sb.state.comments).toHaveLength(0);
    expect(sb.sandbox.violations).toEqual([expect.stringContaining('Body is too long')]);

    // the limit counts characters, not UTF-16 units: 65,536 emoji fit
    const fits = await sb.call('POST', `${REPO}/issues/1/comments`, { body: '😀'.repeat(65_536) });
    expect(fits.status).toBe(201);
    const edit = await sb.call('PATCH', `${REPO}/issues/comments/${fits.json.id}`, { body: chars(70_000) });
    expect(firstError(edit).message).toBe('Body is too long (maximum is 65536 characters)');
    expect(sb.state.comments[0].body).toBe('😀'.repeat(65_536));
    expect(sb.sandbox.violations).toHaveLength(2);
  });

  it('refuses an issue or pull request title over 256 and a body over 65,536 characters', async () => {
    const title = await sb.call('POST', `${REPO}/issues`, { title: chars(257) });
    expect(firstError(title)).toEqual({
      resource: 'Issue',
      code: 'custom',
      field: 'title',
      message: 'title is too long (maximum is 256 characters)',
    });
    const body = await sb.call('POST', `${REPO}/issues`, { title: 'ok', body: chars(65_537) });
    expect(firstError(body)).toEqual({
      resource: 'Issue',
      code: 'custom',
      field: 'body',
      message: 'body is too long (maximum is 65536 characters)',
    });
    expect(sb.state.issues.size).toBe(0);

    expect((await sb.call('POST', `${REPO}/issues`, { title: chars(256), body: chars(65_536) })).status).toBe(
      201,
    );
    expect(firstError(await sb.call('PATCH', `${REPO}/issues/1`, { title: chars(300) })).field).toBe('title');
    expect(sb.state.issues.get(1)!.title).toBe(chars(256));

    sb.state.createPull({ title: 'p', author: 'alice', head: 'topic', files: { 'a.txt': 'a' } });
    const pr = await sb.call('PATCH', `${REPO}/pulls/2`, { body: chars(65_537) });
    expect(firstError(pr)).toMatchObject({ resource: 'PullRequest', field: 'body' });
    expect(sb.sandbox.violations).toHaveLength(4);
  });

  it('refuses a label name over 50 characters and a colour that is not six hex digits', async () => {
    const longName = await sb.call('POST', `${REPO}/labels`, { name: chars(51), color: 'ededed' });
    expect(firstError(longName)).toMatchObject({ resource: 'Label', field: 'name', code: 'custom' });
    const colour = await sb.call('POST', `${REPO}/labels`, { name: 'ok', color: 'invalid' });
    expect(firstError(colour)).toEqual({ resource: 'Label', code: 'invalid', field: 'color' });
    expect(firstError(await sb.call('PATCH', `${REPO}/labels/bug`, { color: '12345' })).field).toBe('color');
    sb.state.createIssue({ title: 't', author: 'alice' });
    // adding an unknown label to an issue creates it: the same limit applies
    const add = await sb.call('POST', `${REPO}/issues/1/labels`, { labels: [chars(51)] });
    expect(firstError(add)).toMatchObject({ resource: 'Label', field: 'name' });
    expect(sb.state.getIssue(1).labels).toEqual([]);
    expect(sb.state.findLabel('ok')).toBeUndefined();
    expect((await sb.call('POST', `${REPO}/labels`, { name: chars(50), color: '#A1b2C3' })).status).toBe(201);
    expect(sb.sandbox.violations).toHaveLength(4);
  });

  it('refuses check-run output over 65,535 characters or bytes and more than 50 annotations a request', async () => {
    const head_sha = sb.state.branchSha('main');
    const characters = await sb.call('POST', `${REPO}/check-runs`, {
      name: 'gov',
      head_sha,
      output: { title: 't', summary: chars(65_536) },
    });
    expect(characters.status).toBe(422);
    expect(characters.json.message).toBe(
      'Invalid request.\n\nOnly 65535 characters are allowed; 65536 were supplied.',
    );
    // under the character limit, over the byte limit: GitHub measures bytes as well
    const summary = await sb.call('POST', `${REPO}/check-runs`, {
      name: 'gov',
      head_sha,
      output: { title: 't', summary: 'é'.repeat(40_000) },
    });
    expect(firstError(summary)).toEqual({
      resource: 'CheckRun',
      code: 'custom',
      field: 'summary',
      message: 'summary exceeds a maximum bytesize of 65535',
    });
    const text = await sb.call('POST', `${REPO}/check-runs`, {
      name: 'gov',
      head_sha,
      output: { title: 't', summary: 's', text: 'é'.repeat(40_000) },
    });
    expect(firstError(text).field).toBe('text');
    const annotation = {
      path: 'README.md',
      start_line: 1,
      end_line: 1,
      annotation_level: 'notice',
      message: 'm',
    };
    const many = await sb.call('POST', `${REPO}/check-runs`, {
      name: 'gov',
      head_sha,
      output: { title: 't', summary: 's', annotations: Array(51).fill(annotation) },
    });
    expect(many.status).toBe(422);
    expect(many.json.message).toMatch(/^Invalid request\.\n\n.*\b50\b/);
    expect(sb.state.checkRuns).toHaveLength(0);
    expect(sb.sandbox.violations).toHaveLength(4);
  });

  it('the runner refuses a job summary over 1 MiB as the Actions runner does', () => {
    expect(stepSummaryViolation(1024 * 1024)).toBeUndefined();
    expect(stepSummaryViolation(1024 * 1024 + 1)).toBe(
      '$GITHUB_STEP_SUMMARY upload aborted, supports content up to a size of 1024k, got 1024k. For more information see: https://docs.github.com/actions/using-workflows/workflow-commands-for-github-actions#adding-a-markdown-summary',
    );
    expect(stepSummaryViolation(1_300_000)).toContain('got 1269k');
  });
});

describe('the 3,000-file cap', () => {
  it('lists at most 3,000 files in REST and GraphQL while changed_files tells the true count', async () => {
    const files: Record<string, string> = {};
    for (let i = 0; i < 3005; i++) files[`f/${String(i).padStart(4, '0')}.txt`] = `${i}\n`;
    sb.state.createPull({ title: 'big', author: 'alice', head: 'big', files });
    const pr = await sb.call('GET', `${REPO}/pulls/1`);
    expect(pr.json.changed_files).toBe(3005);

    const last = await sb.call('GET', `${REPO}/pulls/1/files?per_page=100&page=30`);
    expect(last.json).toHaveLength(100);
    expect(last.headers.get('link')).not.toContain('rel="next"');
    const beyond = await sb.call('GET', `${REPO}/pulls/1/files?per_page=100&page=31`);
    expect(beyond.json).toEqual([]);
    const first = await sb.call('GET', `${REPO}/pulls/1/files?per_page=100`);
    expect(first.headers.get('link')).toContain('page=30>; rel="last"');

    sb.sandbox.setGraphqlHandler(createGraphqlHandler(sb.state));
    const query = `query($after: String) { repository(owner: "acme", name: "community") {
      pullRequest(number: 1) { changedFiles files(first: 100, after: $after) {
        totalCount pageInfo { hasNextPage endCursor } nodes { path } } } } }`;
    let after: string | null = null;
    let seen = 0;
    for (;;) {
      const res = await sb.call('POST', '/graphql', { query, variables: { after } });
      const p = res.json.data.repository.pullRequest;
      expect(p.changedFiles).toBe(3005);
      expect(p.files.totalCount).toBe(3000);
      seen += p.files.nodes.length;
      if (!p.files.pageInfo.hasNextPage) break;
      after = p.files.pageInfo.endCursor;
    }
    expect(seen).toBe(3000);
  });
});

describe('logins are case-insensitive', () => {
  it('answers permission, collaborator and team look-ups whatever the casing, with the canonical login', async () => {
    const perm = await sb.call('GET', `${REPO}/collaborators/ALICE/permission`);
    expect(perm.json).toMatchObject({ permission: 'write', role_name: 'write', user: { login: 'alice' } });
    expect((await sb.call('GET', `${REPO}/collaborators/Alice`)).status).toBe(204);
    const membership = await sb.call('GET', '/orgs/acme/teams/maintainers/memberships/carol');
    expect(membership.status).toBe(200);
    expect(membership.json.state).toBe('active');
    const members = await sb.call('GET', '/orgs/acme/teams/maintainers/members');
    expect(members.json.map((m: { login: string }) => m.login)).toEqual(['Carol']);
  });

  it('requests reviews and assigns with any casing and answers the canonical login', async () => {
    sb.state.createPull({ title: 'p', author: 'bob', head: 'topic', files: { 'a.txt': 'a' } });
    const req = await sb.call('POST', `${REPO}/pulls/1/requested_reviewers`, { reviewers: ['ALICE'] });
    expect(req.status).toBe(201);
    expect(req.json.requested_reviewers.map((u: { login: string }) => u.login)).toEqual(['alice']);
    // the author, in another casing, still cannot be asked
    expect(
      (await sb.call('POST', `${REPO}/pulls/1/requested_reviewers`, { reviewers: ['BOB'] })).status,
    ).toBe(422);
    const assigned = await sb.call('PATCH', `${REPO}/issues/1`, { assignees: ['Alice'] });
    expect(assigned.json.assignees.map((u: { login: string }) => u.login)).toEqual(['alice']);
    const filtered = await sb.call('GET', `${REPO}/issues?assignee=ALICE`);
    expect(filtered.json.map((i: { number: number }) => i.number)).toEqual([1]);
  });

  it('searches by author and mention whatever the casing', async () => {
    sb.sandbox.setGraphqlHandler(createGraphqlHandler(sb.state));
    sb.state.createIssue({ title: 'a', author: 'alice', body: 'cc @Bob' });
    sb.state.createIssue({ title: 'b', author: 'bob', body: 'cc @bobby and bob@example.com' });
    const search = async (q: string) => {
      const res = await sb.call('POST', '/graphql', {
        query: `query($q: String!) { search(type: ISSUE, query: $q, first: 10) { nodes { ... on Issue { number } } } }`,
        variables: { q: `repo:acme/community ${q}` },
      });
      return res.json.data.search.nodes.map((n: { number: number }) => n.number);
    };
    expect(await search('author:ALICE')).toEqual([1]);
    expect(await search('mentions:bob')).toEqual([1]);
    expect(await search('involves:BOB')).toEqual(expect.arrayContaining([1, 2]));
  });
});

describe('branch protection: required status checks', () => {
  async function mergeWith(status?: 'in_progress' | 'failure' | 'success') {
    const pr = sb.state.createPull({
      title: 'p',
      author: 'bob',
      head: `t-${status}`,
      files: { [`${status}`]: 'x' },
    });
    if (status) {
      const run = await sb.call('POST', `${REPO}/check-runs`, {
        name: 'ci',
        head_sha: pr.pull.headSha,
        status: status === 'in_progress' ? 'in_progress' : 'completed',
        ...(status === 'in_progress' ? {} : { conclusion: status }),
      });
      expect(run.status).toBe(201);
    }
    return sb.call('PUT', `${REPO}/pulls/${pr.number}/merge`, {});
  }

  it('refuses a merge while a required check is missing, in progress or failing', async () => {
    sb.state.requiredChecks = ['ci'];
    const missing = await mergeWith();
    expect(missing.status).toBe(405);
    expect(missing.json.message).toBe('Required status check "ci" is expected.');
    expect((await mergeWith('in_progress')).json.message).toBe('Required status check "ci" is in progress.');
    expect((await mergeWith('failure')).json.message).toBe('Required status check "ci" is failing.');
    expect([...sb.state.issues.values()].some((i) => i.pull?.merged)).toBe(false);
    const passing = await mergeWith('success');
    expect(passing.status).toBe(200);
    expect(passing.json.merged).toBe(true);
  });
});

describe('primary rate limits per token kind', () => {
  it('gives a GITHUB_TOKEN 1,000 requests an hour, counting down, then 403 until the reset', async () => {
    const first = await sb.call('GET', REPO);
    expect(first.headers.get('x-ratelimit-limit')).toBe('1000');
    expect(first.headers.get('x-ratelimit-remaining')).toBe('999');
    const reset = Number(first.headers.get('x-ratelimit-reset'));
    // the window runs on the scenario clock
    expect(reset).toBe(Date.parse('2026-03-02T11:00:00Z') / 1000);
    // 997 more as if made over HTTP, then the last two over HTTP: the 1,000th still succeeds
    sb.sandbox.rateLimits.count({ kind: 'github-token', login: sb.state.actor }, 'core', 997);
    expect((await sb.call('GET', REPO)).headers.get('x-ratelimit-remaining')).toBe('1');
    const last = await sb.call('GET', REPO);
    expect(last.status).toBe(200);
    expect(last.headers.get('x-ratelimit-remaining')).toBe('0');
    const spent = await sb.call('GET', REPO);
    expect(spent.status).toBe(403);
    expect(spent.headers.get('x-ratelimit-remaining')).toBe('0');
    expect(spent.headers.get('x-ratelimit-reset')).toBe(String(reset));
    expect(spent.json.message).toMatch(/^API rate limit exceeded for installation/);
    expect(sb.sandbox.violations).toEqual([expect.stringContaining('primary rate limit')]);
    const limits = await sb.call('GET', '/rate_limit');
    expect(limits.status).toBe(200);
    expect(limits.json.resources.core).toMatchObject({ limit: 1000, remaining: 0, reset });

    sb.state.now = '2026-03-02T11:00:00Z';
    const fresh = await sb.call('GET', REPO);
    expect(fresh.status).toBe(200);
    expect(fresh.headers.get('x-ratelimit-remaining')).toBe('999');
  });

  it('gives an app or personal token 5,000 an hour', async () => {
    const app = sb.sandbox.tokenFor('gov-bot[bot]', { kind: 'app' });
    const pat = sb.sandbox.tokenFor('alice', { kind: 'pat' });
    expect((await sb.call('GET', REPO, undefined, app)).headers.get('x-ratelimit-limit')).toBe('5000');
    const res = await sb.call('GET', REPO, undefined, pat);
    expect(res.headers.get('x-ratelimit-limit')).toBe('5000');
    expect(res.headers.get('x-ratelimit-remaining')).toBe('4999');
    const limits = await sb.call('GET', '/rate_limit', undefined, pat);
    expect(limits.json.resources.core).toMatchObject({ limit: 5000, used: 1 });
  });
});

describe('measuring past the limits (bench)', () => {
  it('counts but refuses nothing when enforceRateLimits is false', async () => {
    const state = new RepoState();
    const sandbox = new Sandbox(state, { enforceRateLimits: false });
    const base = await sandbox.start();
    try {
      sandbox.rateLimits.count({ kind: 'github-token', login: state.actor }, 'core', 1000);
      const res = await fetch(`${base}${REPO}`, { headers: { authorization: `token ${DEFAULT_TOKEN}` } });
      expect(res.status).toBe(200);
      expect(res.headers.get('x-ratelimit-remaining')).toBe('0');
      expect(sandbox.violations).toEqual([]);
    } finally {
      await sandbox.stop();
    }
  });
});

describe('the GraphQL budget', () => {
  it("spends each query's cost in points from the token's budget, reported alike in headers and rateLimit", async () => {
    sb.sandbox.setGraphqlHandler(createGraphqlHandler(sb.state));
    const query = `{ rateLimit { cost limit used remaining resetAt }
      repository(owner: "acme", name: "community") { issues(first: 100) { nodes { comments(first: 100) { totalCount } } } } }`;
    const first = await sb.call('POST', '/graphql', { query });
    // 1 + 100 connections of 100: 101 requests, cost 1 point
    expect(first.json.data.rateLimit).toEqual({
      cost: 1,
      limit: 1000,
      used: 1,
      remaining: 999,
      resetAt: '2026-03-02T11:00:00Z',
    });
    expect(first.headers.get('x-ratelimit-resource')).toBe('graphql');
    expect(first.headers.get('x-ratelimit-remaining')).toBe('999');
    const app = sb.sandbox.tokenFor('gov-bot[bot]', { kind: 'app' });
    const second = await sb.call('POST', '/graphql', { query }, app);
    expect(second.json.data.rateLimit).toMatchObject({ limit: 5000, used: 1 });
    // REST and GraphQL budgets are separate
    expect((await sb.call('GET', REPO)).headers.get('x-ratelimit-used')).toBe('1');
  });

  it('answers a spent GraphQL budget with a RATE_LIMITED error and remaining 0', async () => {
    sb.sandbox.setGraphqlHandler(createGraphqlHandler(sb.state));
    sb.sandbox.rateLimits.count({ kind: 'github-token', login: sb.state.actor }, 'graphql', 1000);
    const res = await sb.call('POST', '/graphql', { query: '{ viewer { login } }' });
    expect(res.status).toBe(200);
    expect(res.headers.get('x-ratelimit-remaining')).toBe('0');
    expect(res.json.errors).toEqual([
      { type: 'RATE_LIMITED', message: expect.stringMatching(/^API rate limit exceeded/) },
    ]);
    expect(sb.sandbox.violations).toEqual([expect.stringContaining('primary rate limit spent')]);
  });
});

describe('secondary rate limits on content creation', () => {
  it('allows 80 content-creating requests a minute, then answers 403 with retry-after', async () => {
    sb.state.createIssue({ title: 't', author: 'alice' });
    for (let i = 0; i < 80; i++)
      expect((await sb.call('POST', `${REPO}/issues/1/comments`, { body: `c${i}` })).status).toBe(201);
    const refused = await sb.call('POST', `${REPO}/issues/1/comments`, { body: 'one too many' });
    expect(refused.status).toBe(403);
    expect(refused.json.message).toMatch(/secondary rate limit/);
    expect(Number(refused.headers.get('retry-after'))).toBe(60);
    expect(sb.state.comments).toHaveLength(80);
    // reads are not content creation
    expect((await sb.call('GET', `${REPO}/issues/1`)).status).toBe(200);
    sb.state.now = '2026-03-02T10:01:00Z';
    expect((await sb.call('POST', `${REPO}/issues/1/comments`, { body: 'later' })).status).toBe(201);
  });

  it('allows 500 content-creating requests an hour', async () => {
    sb.state.createIssue({ title: 't', author: 'alice' });
    const bot = { kind: 'github-token' as const, login: sb.state.actor };
    // 490 in the first minutes, the last 10 over HTTP
    for (let m = 0; m < 7; m++) {
      sb.state.now = `2026-03-02T10:0${m}:00Z`;
      for (let i = 0; i < (m < 6 ? 80 : 10); i++) sb.sandbox.rateLimits.countCreation(bot);
    }
    for (let i = 0; i < 10; i++)
      expect((await sb.call('POST', `${REPO}/issues/1/comments`, { body: 'c' })).status).toBe(201);
    sb.state.now = '2026-03-02T10:30:00Z';
    const refused = await sb.call('POST', `${REPO}/issues/1/comments`, { body: 'too many' });
    expect(refused.status).toBe(403);
    expect(Number(refused.headers.get('retry-after'))).toBe(30 * 60);
  });
});

describe('/repositories/{id} links', () => {
  it('paginates with /repositories/{id}/... links and serves them', async () => {
    for (let i = 0; i < 3; i++) sb.state.createIssue({ title: `t${i}`, author: 'alice' });
    const page = await sb.call('GET', `${REPO}/issues?per_page=1`);
    const link = page.headers.get('link')!;
    expect(link).toContain(
      `${sb.base}/repositories/${sb.state.repoId}/issues?per_page=1&page=2>; rel="next"`,
    );
    const next = /<([^>]+)>; rel="next"/.exec(link)![1];
    const res = await fetch(next, { headers: { authorization: 'token sandbox-token' } });
    expect(res.status).toBe(200);
    expect(((await res.json()) as { number: number }[]).map((i) => i.number)).toEqual([2]);
    expect(res.headers.get('link')).toContain(`/repositories/${sb.state.repoId}/issues?per_page=1&page=3>`);
    expect((await sb.call('GET', `/repositories/${sb.state.repoId}/issues/1`)).json.number).toBe(1);
    expect((await sb.call('GET', '/repositories/999/issues/1')).status).toBe(404);
    expect(sb.sandbox.violations).toEqual([]);
  });
});
