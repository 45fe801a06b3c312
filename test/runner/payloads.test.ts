/**
 * Every event the runner emits validates against GitHub's published webhook schema for that
 * event and action, and carries the keys actions read (repository, sender, issue.pull_request...).
 */
import { describe, expect, it } from '@jest/globals';
import { PayloadBuilder } from './payloads.js';
import { parseScenario } from './scenario-file.js';
import { seedState } from './seed.js';
import { applyStep, type EmittedEvent } from './steps.js';
import { webhookValidator } from './webhook-schemas.js';

const SCENARIO = `
name: every step kind
repo:
  collaborators: {alice: admin, bob: write, carol: read}
  teams: {steering: [alice]}
  labels: [lazy-consensus]
  files: {README.md: "hello\\n"}
issues:
  - {number: 1, title: An issue, author: alice, created_at: 2026-03-02T09:00:00Z, labels: [risk/low], body: "text"}
  - number: 2
    title: A pull request
    author: bob
    created_at: 2026-03-02T09:00:00Z
    pull: {head: bob/change, files: {docs/a.md: "a\\n"}}
steps:
  - {at: 2026-03-03T00:00:00Z, label: {number: 1, add: lazy-consensus, by: alice}}
  - {at: 2026-03-03T00:01:00Z, label: {number: 1, remove: lazy-consensus, by: alice}}
  - {at: 2026-03-03T00:02:00Z, label: {number: 2, add: lazy-consensus, by: alice}}
  - {at: 2026-03-03T00:03:00Z, label: {number: 2, remove: lazy-consensus, by: alice}}
  - {at: 2026-03-03T00:04:00Z, comment: {number: 1, by: carol, body: "/object"}}
  - {at: 2026-03-03T00:05:00Z, comment: {number: 2, by: carol, body: "on the pull request"}}
  - {at: 2026-03-03T00:06:00Z, edit-comment: {number: 1, index: 0, body: "/object withdrawn"}}
  - {at: 2026-03-03T00:07:00Z, review: {number: 2, by: alice, state: APPROVED, body: "lgtm"}}
  - {at: 2026-03-03T00:07:30Z, review: {number: 2, by: carol, state: CHANGES_REQUESTED}}
  - {at: 2026-03-03T00:08:00Z, open-issue: {title: New issue, author: carol, labels: [question]}}
  - {at: 2026-03-03T00:09:00Z, open-pull: {title: New pull, author: bob, head: bob/new, files: {x.md: "x"}, draft: true}}
  - {at: 2026-03-03T00:10:00Z, push: {number: 2, files: {docs/a.md: "a2\\n"}}}
  - {at: 2026-03-03T00:11:00Z, edit: {number: 1, title: Renamed, body: new body}}
  - {at: 2026-03-03T00:12:00Z, edit: {number: 2, title: Renamed pull}}
  - {at: 2026-03-03T00:13:00Z, close: {number: 1, by: alice}}
  - {at: 2026-03-03T00:14:00Z, reopen: {number: 1, by: alice}}
  - {at: 2026-03-03T00:15:00Z, close: {number: 4, by: bob}}
  - {at: 2026-03-03T00:16:00Z, reopen: {number: 4, by: bob}}
  - {at: 2026-03-03T00:17:00Z, merge: {number: 2, by: alice}}
  - {at: 2026-03-03T00:18:00Z, commit: {files: {README.md: "changed\\n"}, message: Change}}
  - {at: 2026-03-03T00:19:00Z, tag: {name: v1}}
  - {at: 2026-03-03T00:20:00Z, release: {tag: v2}}
  - {at: 2026-03-03T00:21:00Z, schedule: "0 * * * *"}
  - {at: 2026-03-03T00:22:00Z, dispatch: {inputs: {dry-run: true}}}
`;

function playEvents(): EmittedEvent[] {
  const scenario = parseScenario(SCENARIO, 'inline.yml');
  const state = seedState(scenario);
  const payloads = new PayloadBuilder(state, {
    apiUrl: 'http://127.0.0.1:1234',
    serverUrl: 'https://github.com',
  });
  const events: EmittedEvent[] = [];
  for (const step of scenario.steps) {
    state.now = step.at;
    const event = applyStep(step, { state, payloads, previous: events.at(-1) });
    if (event) events.push(event);
  }
  return events;
}

const events = playEvents();
const byStep = (i: number) => events[i];
const headSha = (pull: unknown) => (pull as { head: { sha: string } }).head.sha;

describe('webhook payloads', () => {
  const validators = new Map<string, ReturnType<typeof webhookValidator>>();
  const validatorFor = (name: string, action?: string) => {
    const key = `${name}/${action ?? ''}`;
    if (!validators.has(key)) validators.set(key, webhookValidator(name, action));
    return validators.get(key)!;
  };

  it.each(
    events
      .filter((e) => e.name !== 'schedule')
      .map((e, i) => [i, `${e.name} ${String(e.payload.action ?? '')}`, e] as const),
  )('event %i (%s) matches the published schema', (_i, _label, event) => {
    const action = typeof event.payload.action === 'string' ? event.payload.action : undefined;
    expect(validatorFor(event.name, action)(event.payload)).toEqual([]);
  });

  it('the schema check catches a payload GitHub would not send', () => {
    const event = byStep(0);
    const wrong = {
      ...event.payload,
      issue: { ...(event.payload.issue as object), number: '1', reactions: undefined },
    };
    const errors = validatorFor('issues', 'labeled')(wrong).join('\n');
    expect(errors).toMatch(/issue\/number must be integer/);
    expect(errors).toMatch(/reactions/);
  });

  it('emits the event names and actions GitHub emits for each step', () => {
    expect(events.map((e) => `${e.name}${e.payload.action ? `.${String(e.payload.action)}` : ''}`)).toEqual([
      'issues.labeled',
      'issues.unlabeled',
      'pull_request.labeled',
      'pull_request.unlabeled',
      'issue_comment.created',
      'issue_comment.created',
      'issue_comment.edited',
      'pull_request_review.submitted',
      'pull_request_review.submitted',
      'issues.opened',
      'pull_request.opened',
      'pull_request.synchronize',
      'issues.edited',
      'pull_request.edited',
      'issues.closed',
      'issues.reopened',
      'pull_request.closed',
      'pull_request.reopened',
      'pull_request.closed',
      'push',
      'push',
      'release.published',
      'schedule',
      'workflow_dispatch',
    ]);
  });

  it('marks comments on pull requests with issue.pull_request, and not on issues', () => {
    const onIssue = byStep(4).payload.issue as Record<string, unknown>;
    const onPull = byStep(5).payload.issue as Record<string, unknown>;
    expect(onIssue.pull_request).toBeUndefined();
    expect(onPull.pull_request).toMatchObject({ url: expect.stringContaining('/pulls/2') });
  });

  it('carries the repository and sender as GitHub does', () => {
    const repo = byStep(0).payload.repository as Record<string, unknown>;
    expect(repo).toMatchObject({
      full_name: 'acme/community',
      name: 'community',
      default_branch: 'main',
      owner: { login: 'acme' },
    });
    expect(repo.html_url).toBe('https://github.com/acme/community');
    expect(repo.url).toBe('http://127.0.0.1:1234/repos/acme/community');
    expect(byStep(0).payload.sender).toMatchObject({ login: 'alice', type: 'User' });
    expect(byStep(0).payload.label).toMatchObject({ name: 'lazy-consensus' });
  });

  it('spells review states in lower case and points at the head commit', () => {
    const review = byStep(7).payload.review as Record<string, unknown>;
    expect(review.state).toBe('approved');
    expect(byStep(8).payload.review).toMatchObject({ state: 'changes_requested', body: null });
    expect(review.commit_id).toBe(headSha(byStep(7).payload.pull_request));
  });

  it('describes a synchronize with before and after, and edits with what changed', () => {
    const sync = byStep(11).payload;
    expect(sync.before).not.toEqual(sync.after);
    expect(headSha(sync.pull_request)).toBe(sync.after);
    expect(byStep(12).payload.changes).toEqual({ title: { from: 'An issue' }, body: { from: 'text' } });
    expect(byStep(6).payload.changes).toEqual({ body: { from: '/object' } });
  });

  it('sends merged: true on a merge and the merge commit', () => {
    const pr = byStep(18).payload.pull_request as Record<string, unknown>;
    expect(pr).toMatchObject({ merged: true, state: 'closed', merged_by: { login: 'alice' } });
    expect(pr.merge_commit_sha).toMatch(/^[0-9a-f]{40}$/);
  });

  it('pushes branches and tags as GitHub does', () => {
    const branch = byStep(19);
    expect(branch.payload).toMatchObject({
      ref: 'refs/heads/main',
      created: false,
      deleted: false,
      base_ref: null,
    });
    expect((branch.payload.commits as { modified: string[] }[]).map((c) => c.modified)).toEqual([
      ['README.md'],
    ]);
    expect(branch.sha).toBe(branch.payload.after);
    const tag = byStep(20);
    expect(tag.payload).toMatchObject({
      ref: 'refs/tags/v1',
      created: true,
      before: '0'.repeat(40),
      base_ref: 'refs/heads/main',
      commits: [],
    });
    expect(tag.payload.after).toBe(branch.payload.after);
    expect(tag.ref).toBe('refs/tags/v1');
  });

  it('runs pull request events on the merge ref, and schedule / dispatch on the default branch', () => {
    expect(byStep(10)).toMatchObject({ ref: 'refs/pull/4/merge', headRef: 'bob/new', baseRef: 'main' });
    expect(byStep(22)).toMatchObject({
      name: 'schedule',
      payload: { schedule: '0 * * * *' },
      ref: 'refs/heads/main',
    });
    expect(byStep(23).payload).toMatchObject({ inputs: { 'dry-run': 'true' }, ref: 'refs/heads/main' });
  });
});
