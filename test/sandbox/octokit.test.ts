import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { getOctokit } from '@actions/github';
import { createOctokit } from '../../shared/github/client.js';
import { DEFAULT_TOKEN } from './server.js';
import { startSandbox, type Started } from './test-helpers.js';

let sb: Started;
beforeEach(async () => {
  sb = await startSandbox();
});
afterEach(async () => {
  await sb.sandbox.stop();
});

describe('an @actions/github client against the sandbox', () => {
  it('reads an issue, paginates comments and adds labels', async () => {
    sb.state.createIssue({ title: 'VEP 12', author: 'alice', labels: ['bug'] });
    for (let i = 0; i < 120; i++) sb.state.addComment(1, 'bob', `c${i}`);
    const octokit = getOctokit(sb.sandbox.tokenFor('github-actions[bot]'), { baseUrl: sb.base });
    const repo = { owner: 'acme', repo: 'community' };

    const issue = await octokit.rest.issues.get({ ...repo, issue_number: 1 });
    expect(issue.data).toMatchObject({
      title: 'VEP 12',
      user: { login: 'alice' },
      labels: [{ name: 'bug' }],
    });

    const comments = await octokit.paginate(octokit.rest.issues.listComments, {
      ...repo,
      issue_number: 1,
      per_page: 50,
    });
    expect(comments).toHaveLength(120);
    expect(sb.sandbox.log.entries.filter((e) => e.path.endsWith('/comments'))).toHaveLength(3);

    await octokit.rest.issues.addLabels({ ...repo, issue_number: 1, labels: ['kind/feature'] });
    await octokit.rest.issues.removeLabel({ ...repo, issue_number: 1, name: 'kind/feature' });
    await expect(
      octokit.rest.issues.removeLabel({ ...repo, issue_number: 1, name: 'kind/feature' }),
    ).rejects.toMatchObject({ status: 404 });

    const file = await octokit.rest.repos.getContent({ ...repo, path: 'README.md' });
    expect(Buffer.from((file.data as { content: string }).content, 'base64').toString()).toBe('hello\n');
    const perm = await octokit.rest.repos.getCollaboratorPermissionLevel({ ...repo, username: 'bob' });
    expect(perm.data.role_name).toBe('maintain');
    expect(sb.sandbox.violations).toEqual([]);
  });

  it('surfaces a schema violation as a 422 RequestError', async () => {
    const octokit = getOctokit(sb.sandbox.tokenFor('alice'), { baseUrl: sb.base });
    await expect(
      octokit.request('POST /repos/{owner}/{repo}/issues', {
        owner: 'acme',
        repo: 'community',
        body: 'x',
      } as never),
    ).rejects.toMatchObject({ status: 422 });
    expect(sb.sandbox.violations).toHaveLength(1);
  });

  it("the library's client gives up on a spent primary limit instead of sleeping until the reset", async () => {
    const warnings: string[] = [];
    const log = { info: () => {}, debug: () => {}, warning: (m: string) => warnings.push(m) };
    const octokit = createOctokit({ token: DEFAULT_TOKEN, baseUrl: sb.base, log, writeIntervalMs: 0 });
    const repo = { owner: 'acme', repo: 'community' };
    const spend = () => {
      for (let i = 0; i < 1000; i++)
        sb.sandbox.rateLimits.count({ kind: 'github-token', login: sb.state.actor }, 'core');
    };
    // a reset in the (wall-clock) past: retried at once, three times, then the error
    sb.state.now = '2026-01-05T10:00:00Z';
    spend();
    const started = Date.now();
    await expect(octokit.rest.repos.get(repo)).rejects.toMatchObject({ status: 403 });
    expect(sb.sandbox.log.entries.filter((e) => e.status === 403)).toHaveLength(4);
    // a reset far ahead of the wall clock: not worth waiting for, given up at once
    sb.state.now = '2030-01-05T10:00:00Z';
    spend();
    await expect(octokit.rest.repos.get(repo)).rejects.toMatchObject({ status: 403 });
    expect(sb.sandbox.log.entries.filter((e) => e.status === 403)).toHaveLength(5);
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(warnings.at(-1)).toMatch(/primary rate limit .* giving up/);
  });
});
