import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { REPO, startSandbox, type Started } from './test-helpers.js';

let sb: Started;
beforeEach(async () => {
  sb = await startSandbox({ teams: { 'vep-approvers': ['alice'] } });
});
afterEach(async () => {
  await sb.sandbox.stop();
});

const b64 = (s: string) => Buffer.from(s).toString('base64');
const nextLink = (link: string | null) => /<([^>]+)>; rel="next"/.exec(link ?? '')?.[1];

describe('issues, labels and comments', () => {
  it('pages 250 comments with Link headers', async () => {
    sb.state.createIssue({ title: 't', author: 'alice' });
    for (let i = 0; i < 250; i++) sb.state.addComment(1, 'alice', `c${i}`);
    let url: string | undefined = `${sb.base}${REPO}/issues/1/comments?per_page=100`;
    const bodies: string[] = [];
    const links: string[] = [];
    while (url) {
      const res = await sb.call('GET', url.slice(sb.base.length));
      bodies.push(...res.json.map((c: { body: string }) => c.body));
      links.push(res.headers.get('link') ?? '');
      url = nextLink(res.headers.get('link'));
    }
    expect(bodies).toHaveLength(250);
    expect(bodies[0]).toBe('c0');
    expect(bodies[249]).toBe('c249');
    expect(links[0]).toContain('page=3>; rel="last"');
    expect(links[2]).toContain('rel="prev"');
    const capped = await sb.call('GET', `${REPO}/issues/1/comments?per_page=500`);
    expect(capped.json).toHaveLength(100);
    const firstPage = await sb.call('GET', `${REPO}/issues/1/comments`);
    expect(firstPage.json).toHaveLength(30);
  });

  it('adds and removes labels, 404 for a label the issue does not have', async () => {
    sb.state.createIssue({ title: 't', author: 'alice' });
    const added = await sb.call('POST', `${REPO}/issues/1/labels`, { labels: ['bug', 'new-one'] });
    expect(added.status).toBe(200);
    expect(added.json.map((l: { name: string }) => l.name)).toEqual(['bug', 'new-one']);
    const removed = await sb.call('DELETE', `${REPO}/issues/1/labels/bug`);
    expect(removed.json.map((l: { name: string }) => l.name)).toEqual(['new-one']);
    const missing = await sb.call('DELETE', `${REPO}/issues/1/labels/bug`);
    expect(missing.status).toBe(404);
    expect(sb.sandbox.violations).toEqual([]);
    const slashed = await sb.call('POST', `${REPO}/issues/1/labels`, { labels: ['kind/feature'] });
    expect(slashed.status).toBe(200);
    expect(
      (await sb.call('DELETE', `${REPO}/issues/1/labels/${encodeURIComponent('kind/feature')}`)).status,
    ).toBe(200);
    const events = await sb.call('GET', `${REPO}/issues/1/events`);
    expect(
      events.json.map((e: { event: string; label: { name: string } }) => `${e.event}:${e.label.name}`),
    ).toEqual([
      'labeled:bug',
      'labeled:new-one',
      'unlabeled:bug',
      'labeled:kind/feature',
      'unlabeled:kind/feature',
    ]);
  });

  it('lists issues with pull requests marked, filtered by state and labels', async () => {
    sb.state.createIssue({ title: 'a', author: 'alice', labels: ['bug'] });
    sb.state.createPull({ title: 'p', author: 'alice', head: 'feature', files: { 'x.md': 'x' } });
    sb.state.createIssue({ title: 'c', author: 'alice', state: 'closed' });
    const open = await sb.call('GET', `${REPO}/issues`);
    expect(open.json.map((i: { number: number }) => i.number)).toEqual([2, 1]);
    expect(open.json[0].pull_request).toBeDefined();
    expect(open.json[1].pull_request).toBeUndefined();
    expect(
      (await sb.call('GET', `${REPO}/issues?state=all&labels=BUG`)).json.map(
        (i: { number: number }) => i.number,
      ),
    ).toEqual([1]);
    const closed = await sb.call('PATCH', `${REPO}/issues/1`, {
      state: 'closed',
      state_reason: 'not_planned',
    });
    expect(closed.json).toMatchObject({ state: 'closed', state_reason: 'not_planned' });
  });

  it('creates, edits and deletes a comment', async () => {
    sb.state.createIssue({ title: 't', author: 'alice' });
    const c = await sb.call('POST', `${REPO}/issues/1/comments`, { body: 'hi' });
    expect(c.status).toBe(201);
    expect(c.json.user.login).toBe('github-actions[bot]');
    expect(
      (await sb.call('PATCH', `${REPO}/issues/comments/${c.json.id}`, { body: 'edited' })).json.body,
    ).toBe('edited');
    expect((await sb.call('DELETE', `${REPO}/issues/comments/${c.json.id}`)).status).toBe(204);
    expect((await sb.call('GET', `${REPO}/issues/comments/${c.json.id}`)).status).toBe(404);
  });
});

describe('pull requests', () => {
  it('refuses to merge a conflicting pull request with 405', async () => {
    sb.state.createPull({ title: 'p', author: 'alice', head: 'feature', files: { 'README.md': 'mine\n' } });
    sb.state.commitToBranch('main', { 'README.md': 'theirs\n' }, 'race', 'bob');
    const pr = await sb.call('GET', `${REPO}/pulls/1`);
    expect(pr.json).toMatchObject({
      mergeable: false,
      mergeable_state: 'dirty',
      head: { ref: 'feature' },
      base: { ref: 'main' },
    });
    const res = await sb.call('PUT', `${REPO}/pulls/1/merge`, {});
    expect(res.status).toBe(405);
    expect(sb.state.getPull(1).pull.merged).toBe(false);
  });

  it('merges a clean pull request, and lists its files with patches', async () => {
    sb.state.createPull({
      title: 'p',
      author: 'alice',
      head: 'feature',
      files: { 'README.md': 'hello\nworld\n', 'new.md': 'n\n' },
    });
    const files = await sb.call('GET', `${REPO}/pulls/1/files`);
    expect(
      files.json.map((f: { filename: string; status: string; additions: number }) => [
        f.filename,
        f.status,
        f.additions,
      ]),
    ).toEqual([
      ['README.md', 'modified', 1],
      ['new.md', 'added', 1],
    ]);
    expect(files.json[0].patch).toContain('+world');
    const merged = await sb.call('PUT', `${REPO}/pulls/1/merge`, { merge_method: 'squash' });
    expect(merged.json.merged).toBe(true);
    expect((await sb.call('GET', `${REPO}/pulls/1`)).json).toMatchObject({ merged: true, state: 'closed' });
  });

  it('creates a pull request from an existing branch, reviews and dismisses', async () => {
    const main = sb.state.branchSha('main');
    expect((await sb.call('POST', `${REPO}/git/refs`, { ref: 'refs/heads/topic', sha: main })).status).toBe(
      201,
    );
    const noCommits = await sb.call('POST', `${REPO}/pulls`, { title: 'x', head: 'topic', base: 'main' });
    expect(noCommits.status).toBe(422);
    sb.state.commitToBranch('topic', { 'doc.md': 'd' }, 'doc', 'bob');
    const pr = await sb.call('POST', `${REPO}/pulls`, { title: 'x', head: 'acme:topic', base: 'main' });
    expect(pr.status).toBe(201);
    const n = pr.json.number;
    expect(
      (await sb.call('POST', `${REPO}/pulls/${n}/requested_reviewers`, { reviewers: ['alice'] })).json
        .requested_reviewers[0].login,
    ).toBe('alice');
    const review = await sb.call(
      'POST',
      `${REPO}/pulls/${n}/reviews`,
      { event: 'APPROVE' },
      sb.sandbox.tokenFor('alice'),
    );
    expect(review.json.state).toBe('APPROVED');
    const dismissed = await sb.call('PUT', `${REPO}/pulls/${n}/reviews/${review.json.id}/dismissals`, {
      message: 'stale',
    });
    expect(dismissed.json.state).toBe('DISMISSED');
    const listed = await sb.call('GET', `${REPO}/pulls?head=acme:topic`);
    expect(listed.json.map((p: { number: number }) => p.number)).toEqual([n]);
  });

  it('moving a pull request head through the refs API updates the pull request', async () => {
    sb.state.createPull({ title: 'p', author: 'alice', head: 'feature', files: { 'a.md': 'a' } });
    const head = sb.state.getPull(1).pull.headSha;
    const commit = sb.state.createCommit(new Map([['a.md', 'b']]), [head], 'amend', 'alice');
    const res = await sb.call('PATCH', `${REPO}/git/refs/heads/feature`, { sha: commit.sha });
    expect(res.status).toBe(200);
    expect((await sb.call('GET', `${REPO}/pulls/1`)).json.head.sha).toBe(commit.sha);
    const orphan = sb.state.createCommit(new Map(), [], 'orphan', 'alice');
    expect((await sb.call('PATCH', `${REPO}/git/refs/heads/feature`, { sha: orphan.sha })).status).toBe(422);
  });
});

describe('git database and contents', () => {
  it('creates a commit via blobs, trees, commits and refs, and serves it as contents', async () => {
    const ref = await sb.call('GET', `${REPO}/git/ref/heads/main`);
    const parent = ref.json.object.sha;
    const parentCommit = await sb.call('GET', `${REPO}/git/commits/${parent}`);
    const blob = await sb.call('POST', `${REPO}/git/blobs`, {
      content: b64('from a blob\n'),
      encoding: 'base64',
    });
    const tree = await sb.call('POST', `${REPO}/git/trees`, {
      base_tree: parentCommit.json.tree.sha,
      tree: [
        { path: 'docs/blob.md', mode: '100644', type: 'blob', sha: blob.json.sha },
        { path: 'docs/inline.md', mode: '100644', type: 'blob', content: 'inline\n' },
        { path: 'README.md', mode: '100644', type: 'blob', sha: null },
      ],
    });
    expect(tree.status).toBe(201);
    const commit = await sb.call('POST', `${REPO}/git/commits`, {
      message: 'via git api',
      tree: tree.json.sha,
      parents: [parent],
    });
    expect(commit.status).toBe(201);
    expect((await sb.call('PATCH', `${REPO}/git/refs/heads/main`, { sha: commit.json.sha })).status).toBe(
      200,
    );

    const file = await sb.call('GET', `${REPO}/contents/docs/blob.md`);
    expect(Buffer.from(file.json.content, 'base64').toString()).toBe('from a blob\n');
    expect((await sb.call('GET', `${REPO}/contents/README.md`)).status).toBe(404);
    const dir = await sb.call('GET', `${REPO}/contents/docs?ref=main`);
    expect(dir.json.map((e: { name: string; type: string }) => `${e.type}:${e.name}`)).toEqual([
      'file:blob.md',
      'file:inline.md',
    ]);
    const old = await sb.call('GET', `${REPO}/contents/README.md?ref=${parent}`);
    expect(old.status).toBe(200);
    const recursive = await sb.call('GET', `${REPO}/git/trees/${commit.json.sha}?recursive=1`);
    expect(recursive.json.tree.map((e: { path: string; type: string }) => `${e.type}:${e.path}`)).toEqual([
      'tree:docs',
      'blob:docs/blob.md',
      'blob:docs/inline.md',
    ]);
  });

  it('writes a file with PUT contents and checks the sha', async () => {
    const created = await sb.call('PUT', `${REPO}/contents/new.md`, { message: 'add', content: b64('one') });
    expect(created.status).toBe(201);
    const noSha = await sb.call('PUT', `${REPO}/contents/new.md`, { message: 'edit', content: b64('two') });
    expect(noSha.status).toBe(422);
    const wrongSha = await sb.call('PUT', `${REPO}/contents/new.md`, {
      message: 'edit',
      content: b64('two'),
      sha: 'deadbeef',
    });
    expect(wrongSha.status).toBe(409);
    const updated = await sb.call('PUT', `${REPO}/contents/new.md`, {
      message: 'edit',
      content: b64('two'),
      sha: created.json.content.sha,
    });
    expect(updated.status).toBe(200);
    expect(sb.state.treeAt('main').get('new.md')).toBe('two');
  });

  it('lists the history of a path, a commit with files, and a comparison', async () => {
    const first = sb.state.commitToBranch('main', { 'a.md': '1' }, 'a1', 'alice');
    sb.state.now = '2026-01-02T00:00:00Z';
    sb.state.commitToBranch('main', { 'b.md': '1' }, 'b1', 'alice');
    sb.state.now = '2026-01-03T00:00:00Z';
    const third = sb.state.commitToBranch('main', { 'a.md': '2' }, 'a2', 'bob');
    const history = await sb.call('GET', `${REPO}/commits?path=a.md&sha=main`);
    expect(history.json.map((c: { commit: { message: string } }) => c.commit.message)).toEqual(['a2', 'a1']);
    const since = await sb.call('GET', `${REPO}/commits?since=2026-01-02T00:00:00Z`);
    expect(since.json.map((c: { commit: { message: string } }) => c.commit.message)).toEqual(['a2', 'b1']);
    const commit = await sb.call('GET', `${REPO}/commits/${third.sha}`);
    expect(
      commit.json.files.map((f: { filename: string; status: string }) => `${f.status}:${f.filename}`),
    ).toEqual(['modified:a.md']);
    const compare = await sb.call('GET', `${REPO}/compare/${first.sha}...main`);
    expect(compare.json).toMatchObject({ status: 'ahead', ahead_by: 2, behind_by: 0 });
    expect(compare.json.files.map((f: { filename: string }) => f.filename)).toEqual(['a.md', 'b.md']);
    expect((await sb.call('GET', `${REPO}/commits/nope`)).status).toBe(422);
  });
});

describe('checks', () => {
  it('creates and updates a check run, refusing more than 50 annotations per request', async () => {
    const sha = sb.state.branchSha('main');
    const annotation = {
      path: 'README.md',
      start_line: 1,
      end_line: 1,
      annotation_level: 'warning',
      message: 'm',
    };
    const run = await sb.call('POST', `${REPO}/check-runs`, {
      name: 'governance',
      head_sha: sha,
      status: 'in_progress',
      output: { title: 't', summary: 's', annotations: Array(50).fill(annotation) },
    });
    expect(run.status).toBe(201);
    const tooMany = await sb.call('PATCH', `${REPO}/check-runs/${run.json.id}`, {
      output: { title: 't', summary: 's', annotations: Array(51).fill(annotation) },
    });
    expect(tooMany.status).toBe(422);
    const done = await sb.call('PATCH', `${REPO}/check-runs/${run.json.id}`, {
      conclusion: 'failure',
      output: { title: 't', summary: 's2', annotations: [annotation] },
    });
    expect(done.json).toMatchObject({
      status: 'completed',
      conclusion: 'failure',
      output: { summary: 's2', annotations_count: 51 },
    });
    const listed = await sb.call('GET', `${REPO}/commits/main/check-runs?check_name=governance`);
    expect(listed.json.total_count).toBe(1);
    expect((await sb.call('GET', `${REPO}/commits/main/check-runs?check_name=other`)).json.total_count).toBe(
      0,
    );
  });
});

describe('collaborators, teams, tags and releases', () => {
  it('answers permissions, with "none" for a non-collaborator', async () => {
    expect((await sb.call('GET', `${REPO}/collaborators/bob/permission`)).json).toMatchObject({
      permission: 'write',
      role_name: 'maintain',
    });
    expect((await sb.call('GET', `${REPO}/collaborators/stranger/permission`)).json).toMatchObject({
      permission: 'none',
    });
    const list = await sb.call('GET', `${REPO}/collaborators?permission=maintain`);
    expect(list.json.map((u: { login: string }) => u.login)).toEqual(['bob']);
  });

  it('answers team membership with 404 for non-members', async () => {
    expect((await sb.call('GET', '/orgs/acme/teams/vep-approvers/memberships/alice')).json).toMatchObject({
      state: 'active',
    });
    expect((await sb.call('GET', '/orgs/acme/teams/vep-approvers/memberships/bob')).status).toBe(404);
    expect(
      (await sb.call('GET', '/orgs/acme/teams/vep-approvers/members')).json.map(
        (u: { login: string }) => u.login,
      ),
    ).toEqual(['alice']);
    expect((await sb.call('GET', '/orgs/acme/teams/nobody/members')).status).toBe(404);
  });

  it('lists tags and finds a release by tag', async () => {
    sb.state.createRelease('v1.0.0', 'bob');
    expect((await sb.call('GET', `${REPO}/tags`)).json.map((t: { name: string }) => t.name)).toEqual([
      'v1.0.0',
    ]);
    expect((await sb.call('GET', `${REPO}/releases/tags/v1.0.0`)).json.tag_name).toBe('v1.0.0');
    expect((await sb.call('GET', `${REPO}/releases/tags/v2`)).status).toBe(404);
  });
});
