/**
 * Contract tests: the real exchanges with api.github.com recorded in @octokit/fixtures are
 * replayed against the sandbox, for every route the sandbox serves that a recording covers. The
 * sandbox is seeded with what each recorded request needs (the issues, labels, refs, release,
 * collaborators the recording's repository had), and must answer with the recorded status, the
 * headers clients act on (pagination `link` in the `/repositories/{id}` form, `x-ratelimit-*`,
 * `location`) and the recorded response keys, recursively. Where the sandbox's answer omits a
 * key GitHub sends, the key is listed below with why the actions do not need it; a listed
 * omission that no longer occurs fails the test, so the list cannot go stale.
 */
import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { RepoSeed } from './state.js';
import { startSandbox, type Started } from './test-helpers.js';

type Json = Record<string, unknown>;
interface Exchange {
  scope: string;
  method: string;
  path: string;
  body?: unknown;
  status: number;
  response: unknown;
  headers: Record<string, string | number>;
}

const require = createRequire(import.meta.url);
const FIXTURES = join(dirname(require.resolve('@octokit/fixtures')), 'scenarios', 'api.github.com');
const ORG = 'octokit-fixture-org';
/** the recordings' repository id (normalized), in paths and link headers */
const RECORDED_REPO_ID = 1000;
/** the recordings' normalized commit shas: `000…1`, `000…2` */
const recordedSha = (n: number) => n.toString(16).padStart(40, '0');

function recording(name: string): Exchange[] {
  return JSON.parse(readFileSync(join(FIXTURES, name, 'normalized-fixture.json'), 'utf8')) as Exchange[];
}

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Keys GitHub sent and the sandbox did not (missing), and keys only the sandbox sent (extra). */
function compareKeys(ours: unknown, real: unknown, path: string, out: string[]): void {
  if (Array.isArray(real) && Array.isArray(ours)) {
    if (isObject(real[0]) && !ours.length) out.push(`empty ${path}[]`);
    if (real.length && ours.length) compareKeys(ours[0], real[0], `${path}[]`, out);
    return;
  }
  if (!isObject(real) || !isObject(ours)) return;
  for (const key of Object.keys(real)) if (!(key in ours)) out.push(`missing ${path}.${key}`);
  for (const key of Object.keys(ours)) {
    if (!(key in real)) out.push(`extra ${path}.${key}`);
    else compareKeys(ours[key], real[key], `${path}.${key}`, out);
  }
}

/** A link header's relations and the path + query each names, hosts and ids normalized. */
function links(header: string | null | undefined, repoId: number): Record<string, string> {
  const out: Record<string, string> = {};
  for (const m of String(header ?? '').matchAll(/<([^>]+)>; rel="(\w+)"/g)) {
    const u = new URL(m[1]);
    const params = [...u.searchParams.entries()].sort(([a], [b]) => a.localeCompare(b));
    out[m[2]] =
      u.pathname.replace(`/repositories/${repoId}/`, `/repositories/ID/`) +
      '?' +
      params.map(([k, v]) => `${k}=${v}`).join('&');
  }
  return out;
}

const RATE_LIMIT_HEADERS = [
  'x-ratelimit-limit',
  'x-ratelimit-remaining',
  'x-ratelimit-reset',
  'x-ratelimit-used',
  'x-ratelimit-resource',
];

interface Replay {
  /** the recording's directory in @octokit/fixtures */
  fixture: string;
  /** the repository name in the recording */
  repo: string;
  seed: RepoSeed;
  /** exchanges not replayed, each with why (routes the sandbox does not serve) */
  skip?: { match: (e: Exchange) => boolean; reason: string };
  /** after seeding: state the recorded requests need that a seed cannot say */
  prepare?: (sb: Started) => void;
}

const REPLAYS: Replay[] = [
  {
    fixture: 'add-labels-to-issue',
    repo: 'add-labels-to-issue',
    seed: {},
  },
  {
    fixture: 'create-file',
    repo: 'create-file',
    seed: {},
  },
  {
    fixture: 'errors',
    repo: 'errors',
    seed: {},
  },
  {
    fixture: 'get-content',
    repo: 'hello-world',
    seed: { files: { 'README.md': '# hello-world\n' } },
  },
  {
    fixture: 'get-repository',
    repo: 'hello-world',
    seed: {},
  },
  {
    fixture: 'git-refs',
    repo: 'git-refs',
    seed: {},
    skip: {
      match: (e) => e.method === 'get' && e.path.endsWith('/git/refs/'),
      reason:
        'listing every ref at `git/refs/` is gone from GitHub’s OpenAPI description (now matching-refs), so the sandbox refuses it',
    },
  },
  {
    fixture: 'labels',
    repo: 'labels',
    seed: { labels: ['bug'] },
    skip: {
      match: (e) => e.method === 'delete',
      reason: 'the actions never delete a repository label, so the sandbox does not serve it',
    },
  },
  {
    fixture: 'paginate-issues',
    repo: 'paginate-issues',
    seed: {},
    prepare: (sb) => {
      for (let i = 1; i <= 13; i++)
        sb.state.createIssue({ title: `Test issue ${i}`, author: 'octokit-fixture-user-a' });
    },
  },
  {
    fixture: 'release-assets',
    repo: 'release-assets',
    seed: { tags: ['v1.0.0'] },
    skip: {
      match: (e) => !(e.method === 'get' && e.path.includes('/releases/tags/')),
      reason: 'release assets: the actions upload none, the sandbox serves none',
    },
    prepare: (sb) => sb.state.createRelease('v1.0.0', 'octokit-fixture-user-a'),
  },
  {
    fixture: 'add-and-remove-repository-collaborator',
    repo: 'add-and-remove-repository-collaborator',
    seed: { collaborators: { 'octokit-fixture-user-a': 'admin' } },
    skip: {
      match: (e) => !(e.method === 'get' && e.path.endsWith('/collaborators')),
      reason: 'invitations and collaborator writes: the actions only read collaborators',
    },
  },
  {
    fixture: 'rename-repository',
    repo: 'rename-repository',
    seed: {},
    skip: {
      match: (e) => !(e.method === 'get' && e.path.startsWith('/repositories/')),
      reason: 'renaming a repository (and the redirects after it): the sandbox’s repository keeps its name',
    },
  },
];

interface Outcome {
  exchange: string;
  status: [number, number];
  headers: string[];
  keys: string[];
}

async function replay(r: Replay): Promise<Outcome[]> {
  const sb = await startSandbox({
    owner: ORG,
    name: r.repo,
    collaborators: {},
    labels: [],
    files: {},
    ...r.seed,
  });
  try {
    r.prepare?.(sb);
    // the recordings' shas name the default branch's head and a second commit on it
    const head = sb.state.branchSha(sb.state.defaultBranch);
    const second = sb.state.commitToBranch(
      sb.state.defaultBranch,
      { '.second': 'x' },
      'second',
      'octokit-fixture-user-a',
    ).sha;
    const shaMap = new Map([
      [recordedSha(1), second],
      [recordedSha(2), head],
    ]);
    const mapShas = (text: string) => text.replace(/0{39}[12]/g, (s) => shaMap.get(s) ?? s);
    const outcomes: Outcome[] = [];
    for (const e of recording(r.fixture).filter((x) => !r.skip?.match(x))) {
      const path = mapShas(e.path).replace(
        `/repositories/${RECORDED_REPO_ID}`,
        `/repositories/${sb.state.repoId}`,
      );
      const body =
        e.body === '' || e.body === undefined ? undefined : JSON.parse(mapShas(JSON.stringify(e.body)));
      const res = await sb.call(e.method.toUpperCase(), path, body);
      const headers: string[] = [];
      for (const h of RATE_LIMIT_HEADERS)
        if (h in e.headers && !res.headers.has(h)) headers.push(`${h}: absent`);
      const realLinks = links(e.headers.link as string | undefined, RECORDED_REPO_ID);
      const ourLinks = links(res.headers.get('link'), sb.state.repoId);
      if (JSON.stringify(realLinks) !== JSON.stringify(ourLinks))
        headers.push(`link: ${JSON.stringify(ourLinks)} vs ${JSON.stringify(realLinks)}`);
      const realLocation = e.headers.location ? new URL(String(e.headers.location)).pathname : undefined;
      const ourLocation = res.headers.get('location')
        ? new URL(res.headers.get('location')!).pathname
        : undefined;
      const normalize = (p?: string) => p?.replace(`/repositories/${sb.state.repoId}`, '/repositories/ID');
      if (
        normalize(ourLocation) !==
        realLocation?.replace(`/repositories/${RECORDED_REPO_ID}`, '/repositories/ID')
      )
        headers.push(`location: ${ourLocation} vs ${realLocation}`);
      const keys: string[] = [];
      compareKeys(res.json, e.response, '', keys);
      outcomes.push({
        exchange: `${e.method.toUpperCase()} ${e.path}`,
        status: [res.status, e.status],
        headers,
        keys: keys.filter((k) => !explained(k)),
      });
      // a request GitHub refused is a violation in the sandbox too (a scenario fails on it)
      if (e.status < 400 && sb.sandbox.violations.length)
        headers.push(`violations: ${JSON.stringify(sb.sandbox.violations)}`);
    }
    return outcomes;
  } finally {
    await sb.sandbox.stop();
  }
}

/**
 * Where the sandbox's keys differ from the 2017 recordings, and why. Keys GitHub added since the
 * recordings were made are in its current OpenAPI description (test/sandbox/openapi).
 */
const KEY_DIFFERENCES: { key: RegExp; reason: string }[] = [
  { key: /^extra .*\.user_view_type$/, reason: 'added to user objects in 2024' },
  { key: /^extra \[\]\.closed_by$/, reason: 'issue objects carry closed_by since 2023' },
  { key: /^extra \.has_discussions$/, reason: 'added to repositories with Discussions' },
  {
    key: /^missing \.temp_clone_token$/,
    reason: 'a token to clone a private repository; the sandbox’s repository is public and nothing clones it',
  },
];
const used = new Set<RegExp>();
function explained(difference: string): boolean {
  const found = KEY_DIFFERENCES.find((d) => d.key.test(difference));
  if (found) used.add(found.key);
  return !!found;
}

describe('the sandbox answers as api.github.com did in the recordings of @octokit/fixtures', () => {
  const replayed: string[] = [];
  it.each(REPLAYS.map((r) => [r.fixture, r] as const))('%s', async (_name, r) => {
    const outcomes = await replay(r);
    expect(outcomes.length).toBeGreaterThan(0);
    for (const o of outcomes) {
      replayed.push(o.exchange);
      expect({ exchange: o.exchange, status: o.status[0], headers: o.headers, keys: o.keys }).toEqual({
        exchange: o.exchange,
        status: o.status[1],
        headers: [],
        keys: [],
      });
    }
  });

  it('every listed key difference still occurs', () => {
    expect(replayed.length).toBeGreaterThanOrEqual(20);
    expect(KEY_DIFFERENCES.filter((d) => !used.has(d.key)).map((d) => d.reason)).toEqual([]);
  });

  it('the comparison catches a missing key, an invented one and an empty list', () => {
    const out: string[] = [];
    compareKeys({ a: 1, b: { c: 1 }, d: [] }, { a: 1, b: { c: 1, e: 2 }, d: [{ x: 1 }], f: 1 }, '', out);
    compareKeys({ z: 1 }, {}, '', out);
    expect(out.sort()).toEqual(['empty .d[]', 'extra .z', 'missing .b.e', 'missing .f']);
    expect(
      links('<https://api.github.com/repositories/1000/issues?per_page=3&page=2>; rel="next"', 1000),
    ).toEqual({
      next: '/repositories/ID/issues?page=2&per_page=3',
    });
  });
});
