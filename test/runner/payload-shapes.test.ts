/**
 * The payloads the runner emits have the key sets of real GitHub payloads: every event and
 * action a step can emit is compared, recursively (top level, `issue`, `pull_request` and its
 * `head`/`base`, `comment`, `review`, `release`, `repository`, `sender`, `commits[]`...), with the
 * real deliveries collected in @octokit/webhooks-examples. Where ours differ, the difference is
 * listed below with its reason; a listed difference that no longer occurs fails too, so the
 * lists cannot go stale.
 *
 * The shapes real events carry beyond the plain ones (a fork's head, a deleted fork, a bot
 * sender, a comment made through an app, a deleted tag, pre-releases, a user-owned repository)
 * are compared with the real objects of the same kind.
 */
import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { PayloadBuilder } from './payloads.js';
import { parseScenario, STEP_KINDS } from './scenario-file.js';
import { seedState } from './seed.js';
import { applyStep, type EmittedEvent } from './steps.js';
import { webhookValidator } from './webhook-schemas.js';

type Json = Record<string, unknown>;
interface Definition {
  name: string;
  examples: Json[];
}

const require = createRequire(import.meta.url);
const DEFINITIONS = require('@octokit/webhooks-examples') as Definition[];
/** GitHub's current webhook schemas: every key we send that the examples lack must be in them. */
const SCHEMA_TEXT = JSON.stringify(
  (
    JSON.parse(
      readFileSync(require.resolve('@octokit/openapi-webhooks/generated/api.github.com.json'), 'utf8'),
    ) as { components: unknown }
  ).components,
);

const ORG_SCENARIO = `
name: every step kind, and the shapes real events carry
repo:
  collaborators: {alice: admin, bob: write, carol: read}
  teams: {steering: [alice]}
  labels: [lazy-consensus]
  files: {README.md: "hello\\n"}
  tags: [old]
issues:
  - {number: 1, title: An issue, author: alice, created_at: 2026-03-02T09:00:00Z, body: "text"}
  - number: 2
    title: A pull request
    author: bob
    created_at: 2026-03-02T09:00:00Z
    pull: {head: bob/change, files: {docs/a.md: "a\\n"}}
  - number: 3
    title: From a fork
    author: dave
    created_at: 2026-03-02T09:00:00Z
    pull: {head: patch-1, files: {docs/b.md: "b\\n"}, head-repo: fork}
  - number: 4
    title: From a fork deleted since
    author: erin
    created_at: 2026-03-02T09:00:00Z
    pull: {head: patch-2, files: {docs/c.md: "c\\n"}, head-repo: deleted-fork}
steps:
  - {at: 2026-03-03T00:00:00Z, label: {number: 1, add: lazy-consensus, by: alice}}
  - {at: 2026-03-03T00:01:00Z, label: {number: 1, remove: lazy-consensus, by: alice}}
  - {at: 2026-03-03T00:02:00Z, label: {number: 2, add: lazy-consensus, by: alice}}
  - {at: 2026-03-03T00:03:00Z, label: {number: 2, remove: lazy-consensus, by: alice}}
  - {at: 2026-03-03T00:04:00Z, comment: {number: 1, by: carol, body: "/object"}}
  - {at: 2026-03-03T00:05:00Z, comment: {number: 2, by: carol, body: "on the pull request"}}
  - {at: 2026-03-03T00:06:00Z, edit-comment: {number: 1, index: 0, body: "/object withdrawn"}}
  - {at: 2026-03-03T00:06:30Z, delete-comment: {number: 1, index: 0}}
  - {at: 2026-03-03T00:07:00Z, review: {number: 2, by: alice, state: APPROVED, body: "lgtm"}}
  - {at: 2026-03-03T00:07:30Z, dismiss-review: {number: 2, index: 0, by: alice, message: "stale"}}
  - {at: 2026-03-03T00:08:00Z, open-issue: {title: New issue, author: carol, labels: [question]}}
  - {at: 2026-03-03T00:09:00Z, open-pull: {title: New pull, author: bob, head: bob/new, files: {x.md: "x"}}}
  - {at: 2026-03-03T00:10:00Z, push: {number: 2, files: {docs/a.md: "a2\\n"}}}
  - {at: 2026-03-03T00:11:00Z, edit: {number: 1, title: Renamed, body: new body}}
  - {at: 2026-03-03T00:12:00Z, edit: {number: 2, title: Renamed pull}}
  - {at: 2026-03-03T00:13:00Z, close: {number: 1, by: alice}}
  - {at: 2026-03-03T00:14:00Z, reopen: {number: 1, by: alice}}
  - {at: 2026-03-03T00:15:00Z, close: {number: 6, by: bob}}
  - {at: 2026-03-03T00:16:00Z, reopen: {number: 6, by: bob}}
  - {at: 2026-03-03T00:17:00Z, merge: {number: 2, by: alice}}
  - {at: 2026-03-03T00:18:00Z, commit: {files: {README.md: "changed\\n"}, message: Change}}
  - {at: 2026-03-03T00:19:00Z, tag: {name: v1}}
  - {at: 2026-03-03T00:20:00Z, release: {tag: v2}}
  - {at: 2026-03-03T00:21:00Z, schedule: "0 * * * *"}
  - {at: 2026-03-03T00:22:00Z, dispatch: {inputs: {dry-run: true}}}
  - {at: 2026-03-03T00:23:00Z, delete-tag: {name: old}}
  - {at: 2026-03-03T00:24:00Z, release: {tag: v3, activity: created}}
  - {at: 2026-03-03T00:25:00Z, release: {tag: v4-rc1, prerelease: true, activity: prereleased}}
  - {at: 2026-03-03T00:26:00Z, release: {tag: v5, activity: released}}
  - {at: 2026-03-03T00:27:00Z, comment: {number: 2, by: "renovate[bot]", body: "/object"}}
  - {at: 2026-03-03T00:28:00Z, comment: {number: 2, by: carol, body: "/object", via-app: slack}}
  - {at: 2026-03-03T00:29:00Z, label: {number: 3, add: lazy-consensus, by: alice}}
  - {at: 2026-03-03T00:30:00Z, label: {number: 4, add: lazy-consensus, by: alice}}
  - {at: 2026-03-03T00:31:00Z, review: {number: 4, by: alice, state: APPROVED}}
`;

const USER_SCENARIO = `
name: a repository owned by a user
repo: {owner: octocat, owner-type: User, collaborators: {alice: admin}, labels: [lazy-consensus]}
issues:
  - {number: 1, title: An issue, author: alice, created_at: 2026-03-02T09:00:00Z}
  - {number: 2, title: A pull, author: alice, created_at: 2026-03-02T09:00:00Z, pull: {head: x, files: {a.md: "a"}}}
steps:
  - {at: 2026-03-03T00:00:00Z, label: {number: 1, add: lazy-consensus, by: alice}}
  - {at: 2026-03-03T00:01:00Z, comment: {number: 1, by: alice, body: hi}}
  - {at: 2026-03-03T00:02:00Z, label: {number: 2, add: lazy-consensus, by: alice}}
  - {at: 2026-03-03T00:03:00Z, review: {number: 2, by: alice, state: COMMENTED, body: ok}}
  - {at: 2026-03-03T00:04:00Z, commit: {files: {a.md: "b"}}}
  - {at: 2026-03-03T00:05:00Z, tag: {name: v1}}
  - {at: 2026-03-03T00:06:00Z, release: {tag: v2}}
  - {at: 2026-03-03T00:07:00Z, dispatch: {}}
`;

function play(text: string): EmittedEvent[] {
  const scenario = parseScenario(text, 'inline.yml');
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

const orgEvents = play(ORG_SCENARIO);
const userEvents = play(USER_SCENARIO);

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Which real deliveries a payload is compared with: same event, action and kind of push. */
function variant(name: string, payload: Json): string {
  if (name !== 'push') return `${name}.${String(payload.action ?? '')}`;
  if (payload.deleted) return 'push.deleted';
  return String(payload.ref).startsWith('refs/tags/') ? 'push.tag-created' : 'push.branch';
}

/**
 * Actions the examples have no delivery for, and the action whose payload has the same shape
 * (GitHub builds both from the same issue / pull request objects).
 */
const SAME_SHAPE_AS: Record<string, string> = {
  'issues.closed': 'issues.reopened',
  'pull_request.edited': 'pull_request.reopened',
};

/** Every real delivery of the event, whatever its action. */
function allExamplesOf(key: string): Json[] {
  const name = key.split('.')[0];
  return DEFINITIONS.find((d) => d.name === name)?.examples ?? [];
}

function examplesFor(key: string): Json[] {
  const wanted = SAME_SHAPE_AS[key] ?? key;
  const [name] = wanted.split('.');
  const def = DEFINITIONS.find((d) => d.name === name);
  return (def?.examples ?? []).filter((e) => variant(name, e) === wanted);
}

interface Difference {
  /** `user-owned` for the scenario whose repository a user owns */
  scenario: string;
  event: string;
  path: string;
  key: string;
  kind: 'missing' | 'extra';
}

/** Objects whose keys are data, not shape: what an edit changed, a dispatch's inputs. */
const FREE_FORM = /^\.(changes|inputs)$/;

/**
 * Keys some real delivery of this event and action has and ours lacks (missing), and keys ours
 * has that no real delivery of this event has in that object, whatever its action (extra).
 */
type Found = Omit<Difference, 'scenario'>;

function compare(event: string, ours: Json, real: Json[], known: Json[], path: string, out: Found[]): void {
  if (FREE_FORM.test(path)) return;
  const realKeys = new Set(real.flatMap((r) => Object.keys(r)));
  const knownKeys = new Set([...realKeys, ...known.flatMap((r) => Object.keys(r))]);
  for (const key of realKeys) if (!(key in ours)) out.push({ event, path, key, kind: 'missing' });
  for (const [key, value] of Object.entries(ours)) {
    if (!knownKeys.has(key)) {
      out.push({ event, path, key, kind: 'extra' });
      continue;
    }
    const sub = `${path}.${key}`;
    const objects = (list: Json[]) => list.map((r) => r[key]).filter(isObject);
    const items = (list: Json[]) =>
      list.flatMap((r) => (Array.isArray(r[key]) ? (r[key] as unknown[]) : [])).filter(isObject);
    if (isObject(value)) {
      if (objects(known).length || objects(real).length)
        compare(event, value, objects(real), objects(known), sub, out);
    } else if (Array.isArray(value) && isObject(value[0])) {
      if (items(known).length || items(real).length)
        compare(event, value[0], items(real), items(known), `${sub}[]`, out);
    }
  }
}

interface Allowed {
  key: string;
  /** the object path (e.g. `pull_request.head.repo`), or the event, it applies to */
  where: RegExp;
  reason: string;
  /** only in this scenario */
  scenario?: string;
}

const USER_OBJECTS = /(sender|user|owner|author|assignee|assignees\[\]|merged_by|closed_by)$/;
const REPOSITORY_OBJECTS = /(repository|repo)$/;

/** Keys the runner sends that the (older) examples lack; GitHub added each since. */
const NEWER_THAN_THE_EXAMPLES: Allowed[] = [
  { key: 'user_view_type', where: USER_OBJECTS, reason: 'added to user objects in 2024' },
  { key: 'has_discussions', where: REPOSITORY_OBJECTS, reason: 'added with Discussions' },
  { key: 'allow_forking', where: REPOSITORY_OBJECTS, reason: 'added with the forking policy' },
  { key: 'type', where: /issue$/, reason: 'issue types (2025)' },
  { key: 'sub_issues_summary', where: /issue$/, reason: 'sub-issues (2025)' },
  { key: 'timeline_url', where: /issue$/, reason: 'added after most examples were recorded' },
  { key: 'state_reason', where: /issue$/, reason: 'added with "closed as not planned" (2022)' },
  { key: 'closed_by', where: /issue$/, reason: 'sent on issue objects since 2023' },
  { key: 'immutable', where: /release$/, reason: 'immutable releases (2025)' },
  { key: 'updated_at', where: /release$/, reason: 'added to release objects in 2024' },
  {
    key: 'organization',
    where: /^release\.\w+$/,
    reason:
      'the release examples were recorded on a user-owned repository; an organization repository adds it',
  },
  {
    key: 'pull_request',
    where: /^issue_comment\.\w+\.issue$/,
    reason:
      'a comment on a pull request: its issue object links the pull request (the examples are on issues)',
  },
  {
    key: 'changes',
    where: /^pull_request\.edited$/,
    reason: 'what an edit changed (compared with reopened)',
  },
  {
    key: 'allow_update_branch',
    where: /\.(head|base)\.repo$/,
    reason: 'merge settings GitHub added to pull request repositories since',
  },
  ...[
    'allow_auto_merge',
    'use_squash_pr_title_as_default',
    'squash_merge_commit_message',
    'squash_merge_commit_title',
    'merge_commit_message',
    'merge_commit_title',
  ].map((key) => ({
    key,
    where: /\.(head|base)\.repo$/,
    reason: 'merge settings GitHub added to pull request repositories since',
  })),
];

/** Keys real deliveries carry that the runner leaves out on purpose. */
const OMITTED: Allowed[] = [
  {
    key: 'installation',
    where: /^$/,
    reason: 'sent only to a GitHub App installation; a workflow run reads no installation',
  },
  {
    key: 'changes',
    where: /^issues\.opened$/,
    reason: 'only an issue transferred from another repository arrives with `changes`',
  },
  {
    key: 'draft',
    where: /issue$/,
    reason: "the issue object of a pull request carries it (ours does too); a plain issue's does not",
  },
  {
    key: 'discussion_url',
    where: /release$/,
    reason: 'only a release that opened a discussion has one; the runner creates no discussions',
  },
  {
    key: 'organization',
    where: /^[a-z_]+\.[a-z_-]*$/,
    scenario: 'user-owned',
    reason: 'a repository a user owns has no organization (the examples compared were made in one)',
  },
];

function allowedBy(list: Allowed[], d: Difference): Allowed | undefined {
  const path = d.path ? `${d.event}.${d.path.replace(/^\./, '')}` : d.event;
  return list.find(
    (a) =>
      a.key === d.key &&
      (a.scenario ?? d.scenario) === d.scenario &&
      (a.where.test(path) || (d.path === '' && a.where.test(''))),
  );
}

function differences(events: EmittedEvent[], scenario: string): Difference[] {
  const raw: Found[] = [];
  for (const e of events) {
    if (e.name === 'schedule') continue;
    const key = variant(e.name, e.payload);
    compare(key, e.payload, examplesFor(key), allExamplesOf(key), '', raw);
  }
  return raw.map((d) => ({ ...d, scenario }));
}

describe('payload key sets agree with real GitHub deliveries (@octokit/webhooks-examples)', () => {
  const all = [...differences(orgEvents, 'org-owned'), ...differences(userEvents, 'user-owned')];
  const used = new Set<Allowed>();
  const unexplained: string[] = [];
  for (const d of all) {
    const list = d.kind === 'missing' ? OMITTED : NEWER_THAN_THE_EXAMPLES;
    const allowance = allowedBy(list, d);
    if (allowance) used.add(allowance);
    else unexplained.push(`${d.event}${d.path}: ${d.kind} "${d.key}"`);
  }

  it('covers every step kind with real deliveries of the same event and action', () => {
    const kinds = new Set(parseScenario(ORG_SCENARIO, 'x.yml').steps.map((s) => s.action.kind));
    // `wait` emits the previous step's event again; `check-run` emits nothing (its events go to its app)
    expect(STEP_KINDS.filter((k) => k !== 'wait' && k !== 'check-run' && !kinds.has(k))).toEqual([]);
    const noExamples = [...orgEvents, ...userEvents]
      .filter((e) => e.name !== 'schedule')
      .map((e) => variant(e.name, e.payload))
      .filter((k) => examplesFor(k).length === 0);
    expect(noExamples).toEqual([]);
  });

  it('differs only where listed, with a reason', () => {
    expect(unexplained).toEqual([]);
  });

  it('every listed difference still occurs', () => {
    const stale = [...NEWER_THAN_THE_EXAMPLES, ...OMITTED].filter((a) => !used.has(a)).map((a) => a.key);
    expect(stale).toEqual([]);
  });

  it('every key newer than the examples is in GitHub’s current webhook schemas', () => {
    const unknown = NEWER_THAN_THE_EXAMPLES.filter((a) => !SCHEMA_TEXT.includes(`"${a.key}":`));
    expect(unknown.map((a) => a.key)).toEqual([]);
  });

  it('the comparison catches a key GitHub does not send and one it always sends', () => {
    const event = orgEvents[0];
    const repo = { ...(event.payload.repository as Json), invented: 1 };
    delete (repo as Json).full_name;
    const out: Found[] = [];
    const real = examplesFor('issues.labeled');
    compare('issues.labeled', { ...event.payload, repository: repo }, real, allExamplesOf('issues'), '', out);
    expect(out).toEqual(
      expect.arrayContaining([
        { event: 'issues.labeled', path: '.repository', key: 'invented', kind: 'extra' },
        { event: 'issues.labeled', path: '.repository', key: 'full_name', kind: 'missing' },
      ]),
    );
  });
});

describe('the shapes real events carry beyond the plain ones', () => {
  const payloadOf = (events: EmittedEvent[], match: (e: EmittedEvent) => boolean) => {
    const e = events.find(match);
    if (!e) throw new Error('no such event');
    return e.payload;
  };
  const realObject = (event: string, action: string, pick: (p: Json) => unknown): Json => {
    const def = DEFINITIONS.find((d) => d.name === event)!;
    const found = def.examples.map((e) => (e.action === action ? pick(e) : undefined)).find(isObject);
    if (!found) throw new Error(`no real ${event}.${action} object`);
    return found;
  };
  const keys = (o: unknown) => Object.keys(o as Json).sort();
  const validates = (e: EmittedEvent) =>
    webhookValidator(e.name, typeof e.payload.action === 'string' ? e.payload.action : undefined)(e.payload);

  it('a bot sender is a Bot whose login ends in [bot] and whose page is its app', () => {
    const sender = payloadOf(orgEvents, (e) => (e.payload.sender as Json)?.login === 'renovate[bot]')
      .sender as Json;
    const realBot = realObject('check_suite', 'rerequested', (p) => p.sender);
    expect(realBot.type).toBe('Bot');
    expect(keys(sender).filter((k) => k !== 'user_view_type')).toEqual(keys(realBot));
    expect(sender).toMatchObject({ type: 'Bot', html_url: 'https://github.com/apps/renovate' });
  });

  it('a comment made through an app names the app as GitHub does', () => {
    const viaApp = payloadOf(
      orgEvents,
      (e) =>
        (e.payload.comment as Json)?.body === '/object' &&
        (e.payload.sender as Json).login === 'carol' &&
        (e.payload.issue as Json).number === 2,
    );
    const app = (viaApp.comment as Json).performed_via_github_app as Json;
    const realApp = realObject(
      'workflow_job',
      'queued',
      (p) => (p.deployment as Json | undefined)?.performed_via_github_app,
    );
    expect(keys(app)).toEqual(keys(realApp));
    expect(app).toMatchObject({ slug: 'slack', html_url: 'https://github.com/apps/slack' });
    expect((viaApp.comment as Json).user).toMatchObject({ login: 'carol', type: 'User' });
    // a bot's own comment is made through its app; a person's plain comment through none
    const byBot = payloadOf(orgEvents, (e) => (e.payload.sender as Json)?.login === 'renovate[bot]');
    expect((byBot.comment as Json).performed_via_github_app).toMatchObject({ slug: 'renovate' });
    expect(
      (payloadOf(orgEvents, (e) => e.name === 'issue_comment').comment as Json).performed_via_github_app,
    ).toBeNull();
  });

  it('a pull request from a fork has its head in the fork', () => {
    const pr = payloadOf(orgEvents, (e) => (e.payload.pull_request as Json)?.number === 3)
      .pull_request as Json;
    const head = pr.head as Json;
    const base = pr.base as Json;
    expect(head).toMatchObject({
      label: 'dave:patch-1',
      ref: 'patch-1',
      user: { login: 'dave', type: 'User' },
    });
    expect(head.repo).toMatchObject({ full_name: 'dave/community', fork: true, owner: { login: 'dave' } });
    expect((head.repo as Json).id).not.toBe((base.repo as Json).id);
    expect(keys(head.repo)).toEqual(keys(base.repo));
    expect(base.repo).toMatchObject({ full_name: 'acme/community', fork: false });
  });

  it('a pull request whose fork was deleted has head.repo null, as GitHub sends it', () => {
    const events = orgEvents.filter((e) => (e.payload.pull_request as Json)?.number === 4);
    expect(events.map((e) => `${e.name}.${String(e.payload.action)}`)).toEqual([
      'pull_request.labeled',
      'pull_request_review.submitted',
    ]);
    for (const e of events) {
      expect(((e.payload.pull_request as Json).head as Json).repo).toBeNull();
      expect(validates(e)).toEqual([]);
    }
  });

  it('a deleted tag is a push with deleted: true, after all zeros and no head commit', () => {
    const push = payloadOf(orgEvents, (e) => e.name === 'push' && e.payload.deleted === true);
    expect(push).toMatchObject({
      ref: 'refs/tags/old',
      after: '0'.repeat(40),
      created: false,
      deleted: true,
      commits: [],
      head_commit: null,
      base_ref: null,
    });
    expect(push.before).toMatch(/^[0-9a-f]{40}$/);
  });

  it('release created, prereleased and released are the actions GitHub sends', () => {
    const releases = orgEvents.filter((e) => e.name === 'release').map((e) => e.payload);
    expect(releases.map((r) => [r.action, (r.release as Json).prerelease])).toEqual([
      ['published', false],
      ['created', false],
      ['prereleased', true],
      ['released', false],
    ]);
  });

  it('a user-owned repository has no organization key and an owner of type User', () => {
    for (const e of userEvents) {
      if (e.name === 'schedule') continue;
      expect(e.payload).not.toHaveProperty('organization');
      expect((e.payload.repository as Json).owner).toMatchObject({ login: 'octocat', type: 'User' });
    }
    const push = payloadOf(userEvents, (e) => e.name === 'push');
    expect(push.repository).not.toHaveProperty('organization');
  });

  it('every new shape validates against the published schema', () => {
    const news = [...orgEvents.slice(-9), ...userEvents].filter((e) => e.name !== 'schedule');
    for (const e of news)
      expect([variant(e.name, e.payload), validates(e)]).toEqual([variant(e.name, e.payload), []]);
  });
});

describe('the payload options are checked when a scenario is read', () => {
  const parse = (repo: string, steps: string) => () =>
    parseScenario(`name: x\nrepo: ${repo}\nsteps:\n${steps}`, 'x.yml');
  const at = '  - at: 2026-03-03T00:00:00Z\n';

  it('a user-owned repository has no teams', () => {
    expect(parse('{owner-type: User, teams: {t: [a]}}', '')).toThrow(/owned by a user.*no teams/);
    expect(parse('{owner-type: user}', '')).toThrow(/Organization, User/);
  });

  it('prereleased is for pre-releases, released for the others', () => {
    expect(parse('{}', `${at}    release: {tag: v1, activity: prereleased}`)).toThrow(
      /needs `prerelease: true`/,
    );
    expect(parse('{}', `${at}    release: {tag: v1, prerelease: true, activity: released}`)).toThrow(
      /not a pre-release/,
    );
  });

  it('head-repo takes same, fork or deleted-fork', () => {
    expect(parse('{}', `${at}    open-pull: {title: t, author: a, head: h, head-repo: upstream}`)).toThrow(
      /same, fork, deleted-fork/,
    );
  });

  it('delete-tag refuses a tag that does not exist', () => {
    const scenario = parseScenario(`name: x\nsteps:\n${at}    delete-tag: {name: nope}`, 'x.yml');
    const state = seedState(scenario);
    const payloads = new PayloadBuilder(state, {
      apiUrl: 'http://127.0.0.1:1',
      serverUrl: 'https://github.com',
    });
    expect(() => applyStep(scenario.steps[0], { state, payloads })).toThrow(/there is no tag nope/);
  });
});
