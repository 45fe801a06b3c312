/** The scenario parser: the spec's format, its defaults, and errors that name file, line and key path. */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { loadScenario, parseScenario, ScenarioError } from './scenario-file.js';
import { REPO_ROOT } from './play.js';

/** the two YAML blocks of the scenario spec, copied verbatim */
const FIXTURES = join(REPO_ROOT, 'test', 'runner', 'fixtures');
const EXAMPLES = join(REPO_ROOT, 'test', 'scenarios');

function parseError(text: string): ScenarioError {
  try {
    parseScenario(text, 'bad.yml');
  } catch (e) {
    if (e instanceof ScenarioError) return e;
    throw e;
  }
  throw new Error('expected a ScenarioError');
}

const MINIMAL = 'name: minimal\n';

/** what an other repository that is no App installation holds besides its files */
const NOT_INSTALLED = { installed: false, archived: false, collaborators: {}, labels: [], issues: [] };

describe('parseScenario', () => {
  it('accepts every scenario file in test/scenarios', () => {
    const files = readdirSync(EXAMPLES).filter((f) => f.endsWith('.yml'));
    expect(files.length).toBeGreaterThanOrEqual(4);
    for (const f of files) expect(() => loadScenario(join(EXAMPLES, f))).not.toThrow();
  });

  it("accepts the spec's own example file and expectation block", () => {
    const file = loadScenario(join(FIXTURES, 'spec-example.yml'));
    expect(file.steps.map((s) => s.action.kind)).toEqual(['label', 'comment', 'schedule']);
    expect(file.issues[1].pull?.files).toEqual({ 'veps/sig-compute/2-live-migration/vep.md': '# VEP 2' });
    const withExpect = loadScenario(join(FIXTURES, 'spec-expect.yml'));
    const e = withExpect.expect!;
    expect(e.issues?.get(1)?.comments?.byActor).toBe(1);
    expect(e.checks?.[0]).toEqual({
      number: 2,
      name: 'lazy-consensus',
      status: 'completed',
      conclusion: 'success',
    });
    expect(e.pullsOpened?.match[0].filesInclude).toEqual(['reference/projects.yaml']);
    expect(e.issuesOpened?.match[0].body.map((r) => r.source)).toEqual(['core']);
    expect(e.outputs?.get('owners-diversity-check')).toEqual({ violations: '0' });
    expect(e.requests).toEqual({ max: 40, maxWrites: 10 });
  });

  it('fills in the defaults of the spec', () => {
    const s = parseScenario(
      `${MINIMAL}issues:\n  - {number: 3, title: t, author: bob}\nsteps:\n  - {at: 2026-03-02T10:00:00Z, schedule: "0 * * * *", run: a}\n`,
    );
    expect(s.actor).toBe('github-actions[bot]');
    expect(s.repo).toEqual({
      owner: 'acme',
      name: 'community',
      defaultBranch: 'main',
      collaborators: {},
      teams: {},
      labels: [],
      files: {},
      tags: [],
      token: 'write',
      tokenKind: 'github-token',
      requiredChecks: [],
      ownerType: 'Organization',
      otherRepos: {},
    });
    expect(s.issues[0]).toMatchObject({
      body: '',
      labels: [],
      state: 'open',
      comments: [],
      reviews: [],
      createdAt: '2026-03-02T10:00:00Z', // seeded issues exist when the first step happens
    });
    expect(s.steps[0]).toMatchObject({ run: ['a'], inputs: {}, expectFailure: false, event: undefined });
  });

  it('reads scalars as written: times normalised, numbers kept as text where text is expected', () => {
    const s = parseScenario(
      `${MINIMAL}steps:\n  - at: 2026-03-02T10:00:00+01:00\n    tag: {name: 2027.10}\n    run: [a, b]\n    inputs: {dry-run: true, limit: 3}\n`,
    );
    expect(s.steps[0].at).toBe('2026-03-02T09:00:00Z');
    expect(s.steps[0].action).toEqual({ kind: 'tag', name: '2027.10', by: undefined });
    expect(s.steps[0].inputs).toEqual({ 'dry-run': 'true', limit: '3' });
    expect(s.steps[0].run).toEqual(['a', 'b']);
  });

  it('compiles (?i) regexes as case-insensitive JavaScript regexes', () => {
    const s = parseScenario(
      `${MINIMAL}expect:\n  issues:\n    1: {title: {match: ["(?i)reset", "^VEP-\\\\d+"]}}\n`,
    );
    const [ci, cs] = s.expect!.issues!.get(1)!.title!.match;
    expect(ci.test('DPL RESET')).toBe(true);
    expect(cs.test('VEP-12')).toBe(true);
    expect(cs.test('vep-12')).toBe(false);
  });

  it('reads deleted files in pull requests and pushes as null', () => {
    const s = parseScenario(
      `${MINIMAL}steps:\n  - at: 2026-03-02T10:00:00Z\n    push: {number: 1, files: {a.md: null, b.md: ""}}\n`,
    );
    expect(s.steps[0].action).toMatchObject({ kind: 'push', files: { 'a.md': null, 'b.md': '' } });
  });

  it('resolves YAML anchors and aliases', () => {
    const s = parseScenario(
      `${MINIMAL}repo:\n  files:\n    a.yml: &config "version: 1\\n"\n    b.yml: *config\n  labels: &labels [x, y]\nissues:\n  - {number: 1, title: t, author: a, labels: *labels}\n`,
    );
    expect(s.repo.files).toEqual({ 'a.yml': 'version: 1\n', 'b.yml': 'version: 1\n' });
    expect(s.issues[0].labels).toEqual(['x', 'y']);
  });

  describe('errors', () => {
    it('names an unknown top-level key with its line', () => {
      const e = parseError(`${MINIMAL}stepz: []\n`);
      expect(e.message).toMatch(/^bad\.yml:2: stepz: unknown key "stepz"/);
    });

    it('names an unknown key deep inside an expectation with its full path', () => {
      const e = parseError(
        `${MINIMAL}expect:\n  issues:\n    1:\n      labels: {include: [a], exlude: [b]}\n`,
      );
      expect(e.keyPath).toBe('expect.issues.1.labels.exlude');
      expect(e.line).toBe(5);
      expect(e.message).toMatch(/unknown key "exlude" \(expected one of: include, exclude\)/);
    });

    it('names an unknown key inside a step body and in a step', () => {
      expect(
        parseError(
          `${MINIMAL}steps:\n  - at: 2026-03-02T10:00:00Z\n    label: {number: 1, add: x, user: bob}\n`,
        ).keyPath,
      ).toBe('steps[0].label.user');
      expect(
        parseError(
          `${MINIMAL}steps:\n  - at: 2026-03-02T10:00:00Z\n    schedule: "0 * * * *"\n    expect-fail: true\n`,
        ).keyPath,
      ).toBe('steps[0].expect-fail');
      expect(
        parseError(`${MINIMAL}issues:\n  - {number: 1, title: t, author: a, pull: {head: h, drafts: true}}\n`)
          .keyPath,
      ).toBe('issues[0].pull.drafts');
    });

    it('refuses time going backwards between steps', () => {
      const e = parseError(
        `${MINIMAL}steps:\n  - {at: 2026-03-02T10:00:00Z, schedule: "0 * * * *"}\n  - {at: 2026-03-02T09:59:59Z, schedule: "0 * * * *"}\n`,
      );
      expect(e.keyPath).toBe('steps[1].at');
      expect(e.line).toBe(4);
      expect(e.reason).toMatch(
        /time goes backwards: 2026-03-02T09:59:59Z is before the previous step's 2026-03-02T10:00:00Z/,
      );
    });

    it('needs exactly one kind per step', () => {
      expect(parseError(`${MINIMAL}steps:\n  - {at: 2026-03-02T10:00:00Z}\n`).reason).toMatch(
        /a step needs one of/,
      );
      expect(
        parseError(`${MINIMAL}steps:\n  - {at: 2026-03-02T10:00:00Z, wait: true, schedule: x}\n`).reason,
      ).toMatch(/exactly one kind, found wait, schedule/);
    });

    it('refuses wrong types, values and missing keys, naming them', () => {
      expect(parseError(`${MINIMAL}steps:\n  - {at: yesterday, wait: true}\n`).keyPath).toBe('steps[0].at');
      expect(
        parseError(
          `${MINIMAL}steps:\n  - {at: 2026-03-02T10:00:00Z, review: {number: 1, by: a, state: LGTM}}\n`,
        ).reason,
      ).toMatch(/expected one of APPROVED, CHANGES_REQUESTED, COMMENTED, found "LGTM"/);
      expect(
        parseError(`${MINIMAL}steps:\n  - {at: 2026-03-02T10:00:00Z, comment: {number: 1, body: [x]}}\n`)
          .keyPath,
      ).toBe('steps[0].comment.body');
      expect(
        parseError(`${MINIMAL}steps:\n  - {at: 2026-03-02T10:00:00Z, comment: {body: x}}\n`).reason,
      ).toMatch(/missing required key "number"/);
      expect(parseError(`${MINIMAL}repo: {collaborators: {bob: owner}}\n`).keyPath).toBe(
        'repo.collaborators.bob',
      );
      expect(
        parseError(`${MINIMAL}expect: {issues: {1: {comments: {match: ["(unclosed"]}}}}\n`).reason,
      ).toMatch(/invalid regular expression/);
      expect(
        parseError(`${MINIMAL}steps:\n  - {at: 2026-03-02T10:00:00Z, label: {number: 1, by: a}}\n`).reason,
      ).toMatch(/exactly one of `add` or `remove`/);
      expect(
        parseError(`${MINIMAL}steps:\n  - {at: 2026-03-02T10:00:00Z, schedule: x, event: push}\n`).keyPath,
      ).toBe('steps[0].event');
      expect(parseError('actor: x\n').reason).toMatch(/missing required key "name"/);
    });

    it('refuses two seeded issues with one number', () => {
      const e = parseError(
        `${MINIMAL}issues:\n  - {number: 1, title: a, author: x}\n  - {number: 1, title: b, author: x}\n`,
      );
      expect(e.message).toMatch(/^bad\.yml:4: issues\[1\]\.number: number 1 is used twice/);
    });

    it('reads other repositories and refuses the own one, bad names and unknown keys', () => {
      const s = parseScenario(
        `${MINIMAL}repo:\n  other-repos:\n    kubevirt/sig-release: {files: {a.yaml: "x"}}\n    acme/.github: {default_branch: trunk, private: true}\n`,
      );
      expect(s.repo.otherRepos).toEqual({
        'kubevirt/sig-release': {
          defaultBranch: 'main',
          files: { 'a.yaml': 'x' },
          private: false,
          topics: [],
          ...NOT_INSTALLED,
        },
        'acme/.github': { defaultBranch: 'trunk', files: {}, private: true, topics: [], ...NOT_INSTALLED },
      });
      expect(parseError(`${MINIMAL}repo: {other-repos: {ACME/community: {}}}\n`).reason).toMatch(
        /the scenario's own repository/,
      );
      expect(parseError(`${MINIMAL}repo: {other-repos: {sig-release: {}}}\n`).reason).toMatch(/owner\/name/);
      expect(parseError(`${MINIMAL}repo: {other-repos: {a/b: {tags: [x]}}}\n`).keyPath).toBe(
        'repo.other-repos.a/b.tags',
      );
    });

    it('reads a repository the token may write, with its own issues, and its expectations', () => {
      const s = parseScenario(
        `${MINIMAL}repo:\n  other-repos:\n    acme/api:\n      installed: true\n      collaborators: {alice: admin}\n      labels: [x]\n      issues:\n        - {number: 1, title: T, author: alice, labels: [x]}\nexpect:\n  other-repos:\n    acme/api: {issues: {1: {state: open}}}\n`,
      );
      const api = s.repo.otherRepos['acme/api']!;
      expect(api).toMatchObject({ installed: true, collaborators: { alice: 'admin' }, labels: ['x'] });
      expect(api.issues.map((i) => [i.number, i.title, i.labels])).toEqual([[1, 'T', ['x']]]);
      expect(s.expect?.otherRepos?.get('acme/api')?.issues?.get(1)).toEqual({ state: 'open' });
      // issues belong to a repository the token's app is installed on
      expect(
        parseError(`${MINIMAL}repo: {other-repos: {a/b: {issues: [{number: 1, title: T, author: x}]}}}\n`)
          .reason,
      ).toMatch(/needs `installed: true`/);
      // an other repository's expectations are about its contents, not the runs
      expect(parseError(`${MINIMAL}expect: {other-repos: {a/b: {outputs: {}}}}\n`).keyPath).toBe(
        'expect.other-repos.a/b.outputs',
      );
    });

    it('reports YAML syntax errors and duplicate keys with their line', () => {
      const syntax = parseError(`${MINIMAL}steps:\n  - at: [unclosed\n`);
      expect(syntax.message).toMatch(/^bad\.yml:\d+: YAML syntax/);
      const dup = parseError(`${MINIMAL}name: again\n`);
      expect(dup.line).toBe(2);
    });
  });
});
