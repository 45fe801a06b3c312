/**
 * Comment edit history and deletion as GitHub keeps them, over HTTP: REST edits record the
 * token's login as editor; GraphQL `userContentEdits` holds every version (newest first, `diff`
 * = the whole text of that version, the created version included); a deleted comment is gone
 * from REST and GraphQL and the timeline shows a `CommentDeletedEvent`.
 */
import { afterEach, describe, expect, it } from '@jest/globals';
import { createGraphqlHandler } from './graphql/index.js';
import { REPO, startSandbox, type Started } from './test-helpers.js';

let started: Started | undefined;
afterEach(async () => {
  await started?.sandbox.stop();
  started = undefined;
});

const graphql = async (s: Started, query: string, variables: Record<string, unknown> = {}) => {
  s.sandbox.setGraphqlHandler(createGraphqlHandler(s.state));
  const res = await s.call('POST', '/graphql', { query, variables });
  expect(res.status).toBe(200);
  expect(res.json.errors).toBeUndefined();
  return res.json.data;
};

const COMMENTS = `query { repository(owner: "acme", name: "community") { issue(number: 1) {
  comments(first: 10) { nodes { databaseId body lastEditedAt includesCreatedEdit editor { login }
    userContentEdits(first: 10) { totalCount nodes { editedAt editor { login } diff deletedAt deletedBy { login } } } } }
  timelineItems(first: 10, itemTypes: [COMMENT_DELETED_EVENT]) {
    nodes { __typename ... on CommentDeletedEvent { createdAt actor { login } deletedCommentAuthor { login } } } } } } }`;

describe('comment edit history', () => {
  it('an unedited comment has no history; each edit is kept with its editor, time and text', async () => {
    started = await startSandbox();
    const s = started;
    s.state.now = '2026-03-01T09:00:00Z';
    s.state.createIssue({ title: 'x', author: 'alice' });
    s.state.now = '2026-03-01T10:00:00Z';
    const { json: created } = await s.call('POST', `${REPO}/issues/1/comments`, { body: '/object typo' });

    let d = await graphql(s, COMMENTS);
    const before = d.repository.issue.comments.nodes[0];
    expect(before).toMatchObject({ lastEditedAt: null, includesCreatedEdit: false, editor: null });
    expect(before.userContentEdits).toEqual({ totalCount: 0, nodes: [] });

    s.state.now = '2026-03-02T10:00:00Z';
    const patched = await s.call('PATCH', `${REPO}/issues/comments/${created.id}`, {
      body: '/object typo fixed',
    });
    expect(patched.status).toBe(200);
    expect(created.user.login).toBe('github-actions[bot]');
    s.state.editComment(created.id, '+1', 'bob'); // at the same instant, by someone else

    d = await graphql(s, COMMENTS);
    const after = d.repository.issue.comments.nodes[0];
    expect(after.body).toBe('+1');
    expect(after.lastEditedAt).toBe('2026-03-02T10:00:00Z');
    expect(after.includesCreatedEdit).toBe(true);
    expect(after.editor).toEqual({ login: 'bob' });
    expect(after.userContentEdits.totalCount).toBe(3);
    // newest first; the oldest is the created version, by the author, at the creation time
    expect(after.userContentEdits.nodes.map((e: any) => [e.editor.login, e.editedAt, e.diff])).toEqual([
      ['bob', '2026-03-02T10:00:00Z', '+1'],
      // GraphQL names a bot without the `[bot]` suffix REST shows (`github-actions`), as GitHub does
      ['github-actions', '2026-03-02T10:00:00Z', '/object typo fixed'],
      ['github-actions', '2026-03-01T10:00:00Z', '/object typo'],
    ]);
    expect(after.userContentEdits.nodes.every((e: any) => e.deletedAt === null && e.deletedBy === null)).toBe(
      true,
    );
  });

  it('a deleted comment disappears from REST and GraphQL; the timeline records who deleted whose comment', async () => {
    started = await startSandbox();
    const s = started;
    s.state.now = '2026-03-01T09:00:00Z';
    s.state.createIssue({ title: 'x', author: 'alice' });
    const c = s.state.addComment(1, 'alice', '-1');
    s.state.addComment(1, 'bob', 'kept');
    s.state.now = '2026-03-01T11:00:00Z';
    expect((await s.call('DELETE', `${REPO}/issues/comments/${c.id}`)).status).toBe(204);

    expect((await s.call('GET', `${REPO}/issues/comments/${c.id}`)).status).toBe(404);
    const list = await s.call('GET', `${REPO}/issues/1/comments`);
    expect(list.json.map((x: any) => x.body)).toEqual(['kept']);
    const d = await graphql(s, COMMENTS);
    expect(d.repository.issue.comments.nodes.map((x: any) => x.body)).toEqual(['kept']);
    const [event] = d.repository.issue.timelineItems.nodes;
    expect(event.__typename).toBe('CommentDeletedEvent');
    expect(event.createdAt).toBe('2026-03-01T11:00:00Z');
    expect(event.deletedCommentAuthor).toEqual({ login: 'alice' });
    expect(event.actor.login).toBeTruthy();
    expect((await s.call('DELETE', `${REPO}/issues/comments/${c.id}`)).status).toBe(404);
  });

  it('an issue body keeps its edit history too', async () => {
    started = await startSandbox();
    const s = started;
    s.state.now = '2026-03-01T09:00:00Z';
    s.state.createIssue({ title: 'x', author: 'alice', body: 'first' });
    s.state.now = '2026-03-01T12:00:00Z';
    s.state.setTitleBody(1, { body: 'second' }, 'bob');
    const d = await graphql(
      s,
      `
        query {
          repository(owner: "acme", name: "community") {
            issue(number: 1) {
              lastEditedAt
              editor {
                login
              }
              userContentEdits(first: 5) {
                nodes {
                  editor {
                    login
                  }
                  diff
                }
              }
            }
          }
        }
      `,
    );
    expect(d.repository.issue.lastEditedAt).toBe('2026-03-01T12:00:00Z');
    expect(d.repository.issue.editor).toEqual({ login: 'bob' });
    expect(d.repository.issue.userContentEdits.nodes).toEqual([
      { editor: { login: 'bob' }, diff: 'second' },
      { editor: { login: 'alice' }, diff: 'first' },
    ]);
  });
});
