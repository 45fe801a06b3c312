/**
 * Loads and validates a scenario file. Every error names the file, the line and the key path;
 * unknown keys anywhere are errors so that a typo cannot pass silently.
 */
import { readFileSync } from 'node:fs';
import { LineCounter, parseDocument } from 'yaml';
import { FAULT_KINDS } from '../sandbox/faults.js';
import type { Permission } from '../sandbox/state.js';
import {
  DEFAULT_ACTOR,
  DEFAULT_BRANCH,
  DEFAULT_OWNER,
  DEFAULT_REPO,
  PERMISSIONS,
  REVIEW_STATES,
  TOKEN_MODES,
  TOKEN_KINDS,
  HEAD_REPOS,
  OWNER_TYPES,
  RELEASE_ACTIVITIES,
  type CheckExpect,
  type Expectations,
  type FileChanges,
  type IssueExpect,
  type OpenedExpect,
  type OtherRepoSpec,
  type RepoSpec,
  type Scenario,
  type SeedIssue,
  type Step,
  type StepAction,
  type StepFault,
  type TextExpect,
} from './scenario-types.js';
import { ScenarioError, YamlReader, type At } from './yaml-reader.js';
import { RUNNER_FILE_VARIABLES } from './run-action.js';

export { ScenarioError } from './yaml-reader.js';

const TOP_KEYS = ['name', 'actor', 'repo', 'issues', 'steps', 'expect'] as const;
const REPO_KEYS = [
  'owner',
  'name',
  'default_branch',
  'collaborators',
  'teams',
  'labels',
  'files',
  'tags',
  'token', // extension (docs/scenarios.md)
  'token-kind', // extension
  'required-checks', // extension
  'owner-type', // extension
  'other-repos', // extension
] as const;
const OTHER_REPO_KEYS = [
  'default_branch',
  'files',
  'private',
  'topics',
  'installed',
  'archived',
  'collaborators',
  'labels',
  'issues',
] as const;
const ISSUE_KEYS = [
  'number',
  'title',
  'author',
  'created_at',
  'body',
  'labels',
  'state',
  'comments',
  'pull',
  'reviews',
];
/** the step keys this runner adds to the spec (docs/scenarios.md, "Extensions") */
const STEP_EXTENSION_KEYS = [
  'faults',
  'parallel',
  'token',
  'token-kind',
  'kill-after-write',
  'missing-runner-files',
];
const STEP_COMMON_KEYS = ['at', 'run', 'inputs', 'expect-failure', 'expect', 'event', ...STEP_EXTENSION_KEYS];
const FAULT_KEYS = ['method', 'path', 'body', 'nth', 'times', 'kind', 'delay-ms', 'run-index'];
const PR_EVENTS = ['pull_request', 'pull_request_target'] as const;
const CHECK_CONCLUSIONS = [
  'success',
  'failure',
  'neutral',
  'cancelled',
  'skipped',
  'timed_out',
  'action_required',
] as const;

/** The keys each step kind's body accepts (spec keys, plus an optional `by` for the sender). */
const STEP_BODY_KEYS: Record<Exclude<StepAction['kind'], 'schedule' | 'wait'>, readonly string[]> = {
  label: ['number', 'add', 'remove', 'by'],
  comment: ['number', 'by', 'body', 'via-app'],
  'edit-comment': ['number', 'index', 'by', 'body'],
  'delete-comment': ['number', 'index', 'by'],
  review: ['number', 'by', 'state', 'body'],
  'dismiss-review': ['number', 'index', 'by', 'message'],
  'open-issue': ['number', 'title', 'author', 'body', 'labels'],
  'open-pull': ['number', 'title', 'author', 'base', 'head', 'files', 'body', 'draft', 'labels', 'head-repo'],
  push: ['number', 'files', 'by', 'committer-date'],
  edit: ['number', 'title', 'body', 'by'],
  close: ['number', 'by'],
  reopen: ['number', 'by'],
  merge: ['number', 'by'],
  commit: ['files', 'message', 'by'],
  tag: ['name', 'by'],
  release: ['tag', 'by', 'prerelease', 'activity'],
  'delete-tag': ['name', 'by'],
  dispatch: ['inputs', 'by'],
  'check-run': ['number', 'name', 'app', 'conclusion', 'title'],
};
export const STEP_KINDS = [...Object.keys(STEP_BODY_KEYS), 'schedule', 'wait'] as StepAction['kind'][];

const EXPECT_KEYS = [
  'issues',
  'checks',
  'pulls-opened',
  'issues-opened',
  'files',
  'outputs',
  'requests',
  'job-summary', // extension (docs/scenarios.md)
  'log', // extension
  'other-repos', // extension
];
/** what `expect.other-repos.<owner/name>` may say of another repository */
const OTHER_REPO_EXPECT_KEYS = ['issues', 'checks', 'pulls-opened', 'issues-opened', 'files'];
const ISSUE_EXPECT_KEYS = ['labels', 'state', 'merged', 'title', 'body', 'comments', 'reviewers-requested'];

export function loadScenario(file: string): Scenario {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    throw new ScenarioError(file, undefined, '', `cannot read: ${(e as Error).message}`);
  }
  return parseScenario(text, file);
}

export function parseScenario(text: string, file = '<scenario>'): Scenario {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length > 0) {
    const err = doc.errors[0];
    throw new ScenarioError(
      file,
      lines.linePos(err.pos[0]).line,
      '',
      `YAML syntax: ${err.message.split('\n')[0]}`,
    );
  }
  const r = new YamlReader(file, lines, doc);
  const rootAt: At = { node: doc.contents, path: [] };
  if (r.isAbsent(rootAt)) r.fail(rootAt, 'the file is empty');
  const root = r.map(rootAt, TOP_KEYS);
  const get = (key: string) => r.child(root, rootAt, key);

  const name = r.str(r.required(root, rootAt, 'name'));
  const actor = r.optStr(get('actor'), DEFAULT_ACTOR);
  const stepsAt = get('steps');
  const stepAts = r.isAbsent(stepsAt) ? [] : r.seq(stepsAt);
  const steps = stepAts.map((at, i) => readStep(r, at, i));
  // seeded issues exist at the start: by default they were created when the scenario begins
  const seedTime = steps[0]?.at ?? DEFAULT_CREATED_AT;
  const repo = readRepo(r, get('repo'), seedTime);
  for (let i = 1; i < steps.length; i++) {
    if (steps[i].at < steps[i - 1].at) {
      r.fail(
        r.map(stepAts[i]).get('at')!,
        `time goes backwards: ${steps[i].at} is before the previous step's ${steps[i - 1].at}`,
      );
    }
  }
  const issues = readSeedIssues(r, get('issues'), repo.defaultBranch, seedTime);
  const expectAt = get('expect');
  const expect = r.isAbsent(expectAt) ? undefined : readExpect(r, expectAt);
  return { file, name, actor, repo, issues, steps, expect };
}

// ---------- repository and seed ----------

/** `issues:` of a repository; numbers are unique within it. */
function readSeedIssues(r: YamlReader, at: At, defaultBranch: string, seedTime: string): SeedIssue[] {
  const issueAts = r.isAbsent(at) ? [] : r.seq(at);
  const issues = issueAts.map((iAt) => readSeedIssue(r, iAt, defaultBranch, seedTime));
  const seen = new Set<number>();
  for (const [i, issue] of issues.entries()) {
    if (seen.has(issue.number))
      r.fail(r.map(issueAts[i]).get('number')!, `number ${issue.number} is used twice`);
    seen.add(issue.number);
  }
  return issues;
}

function readRepo(r: YamlReader, at: At, seedTime: string): RepoSpec {
  const m = r.isAbsent(at) ? new Map<string, At>() : r.map(at, REPO_KEYS);
  const get = (key: string) => r.child(m, at, key);
  const collaborators: Record<string, Permission> = {};
  if (!r.isAbsent(get('collaborators'))) {
    for (const [login, permAt] of r.map(get('collaborators')))
      collaborators[login] = r.oneOf(permAt, PERMISSIONS);
  }
  const teams: Record<string, string[]> = {};
  if (!r.isAbsent(get('teams'))) {
    for (const [slug, membersAt] of r.map(get('teams'))) teams[slug] = r.strList(membersAt);
  }
  const files: Record<string, string> = {};
  if (!r.isAbsent(get('files'))) {
    for (const [path, contentAt] of r.map(get('files'))) files[path] = r.str(contentAt);
  }
  return {
    owner: r.optStr(get('owner'), DEFAULT_OWNER),
    name: r.optStr(get('name'), DEFAULT_REPO),
    defaultBranch: r.optStr(get('default_branch'), DEFAULT_BRANCH),
    collaborators,
    teams,
    labels: r.strList(get('labels')),
    files,
    tags: r.strList(get('tags')),
    token: r.isAbsent(get('token')) ? 'write' : r.oneOf(get('token'), TOKEN_MODES),
    tokenKind: r.isAbsent(get('token-kind')) ? 'github-token' : r.oneOf(get('token-kind'), TOKEN_KINDS),
    requiredChecks: r.strList(get('required-checks')),
    ownerType: readOwnerType(r, get('owner-type'), get('teams'), teams),
    otherRepos: readOtherRepos(r, get('other-repos'), get('owner'), get('name'), seedTime),
  };
}

/** `other-repos: {owner/name: {default_branch, files, private}}`, never the scenario's own repository. */
function readOtherRepos(
  r: YamlReader,
  at: At,
  ownerAt: At,
  nameAt: At,
  seedTime: string,
): Record<string, OtherRepoSpec> {
  const out: Record<string, OtherRepoSpec> = {};
  if (r.isAbsent(at)) return out;
  const own = `${r.optStr(ownerAt, DEFAULT_OWNER)}/${r.optStr(nameAt, DEFAULT_REPO)}`.toLowerCase();
  const seen = new Set<string>();
  for (const [full, specAt] of r.map(at)) {
    if (!/^[^/\s]+\/[^/\s]+$/.test(full))
      r.fail(specAt, `\`${full}\`: an other repository is named owner/name`);
    if (full.toLowerCase() === own) r.fail(specAt, `\`${full}\` is the scenario's own repository`);
    if (seen.has(full.toLowerCase()))
      r.fail(specAt, `\`${full}\` is listed twice (names are case-insensitive)`);
    seen.add(full.toLowerCase());
    const m = r.isAbsent(specAt) ? new Map<string, At>() : r.map(specAt, OTHER_REPO_KEYS);
    const get = (key: string) => r.child(m, specAt, key);
    const files: Record<string, string> = {};
    if (!r.isAbsent(get('files')))
      for (const [path, contentAt] of r.map(get('files'))) files[path] = r.str(contentAt);
    const installed = r.bool(get('installed'), false);
    // issues, labels and collaborators belong to a repository the token's app is installed on
    for (const key of ['issues', 'labels', 'collaborators'])
      if (!installed && !r.isAbsent(get(key))) r.fail(get(key), `\`${key}\` needs \`installed: true\``);
    const collaborators: Record<string, Permission> = {};
    if (!r.isAbsent(get('collaborators')))
      for (const [login, permAt] of r.map(get('collaborators')))
        collaborators[login] = r.oneOf(permAt, PERMISSIONS);
    const defaultBranch = r.optStr(get('default_branch'), DEFAULT_BRANCH);
    out[full] = {
      defaultBranch,
      files,
      private: r.bool(get('private'), false),
      topics: r.isAbsent(get('topics')) ? [] : r.strList(get('topics')),
      installed,
      archived: r.bool(get('archived'), false),
      collaborators,
      labels: r.strList(get('labels')),
      issues: readSeedIssues(r, get('issues'), defaultBranch, seedTime),
    };
  }
  return out;
}

/** A user account has no teams: GitHub answers every team look-up of its repositories with 404. */
function readOwnerType(r: YamlReader, at: At, teamsAt: At, teams: Record<string, string[]>) {
  const ownerType = r.isAbsent(at) ? 'Organization' : r.oneOf(at, OWNER_TYPES);
  if (ownerType === 'User' && Object.keys(teams).length > 0)
    r.fail(teamsAt, 'a repository owned by a user (`owner-type: User`) has no teams');
  return ownerType;
}

/** The creation time of seeded issues in a scenario without steps. */
const DEFAULT_CREATED_AT = '2026-01-01T00:00:00Z';

function readSeedIssue(r: YamlReader, at: At, defaultBranch: string, defaultCreatedAt: string): SeedIssue {
  const m = r.map(at, ISSUE_KEYS);
  const get = (key: string) => r.child(m, at, key);
  const createdAt = r.isAbsent(get('created_at')) ? defaultCreatedAt : r.time(get('created_at'));
  const author = r.str(r.required(m, at, 'author'));
  let pull: SeedIssue['pull'];
  if (!r.isAbsent(get('pull'))) {
    const pullAt = get('pull');
    const p = r.map(pullAt, ['base', 'head', 'files', 'draft', 'head-repo']);
    pull = {
      base: r.optStr(r.child(p, pullAt, 'base'), defaultBranch),
      head: r.str(r.required(p, pullAt, 'head')),
      files: readFileChanges(r, r.child(p, pullAt, 'files')),
      draft: r.bool(r.child(p, pullAt, 'draft'), false),
      headRepo: readHeadRepo(r, r.child(p, pullAt, 'head-repo')),
    };
  }
  const comments = r.isAbsent(get('comments'))
    ? []
    : r.seq(get('comments')).map((cAt) => {
        const c = r.map(cAt, ['by', 'body', 'at']);
        return {
          by: r.str(r.required(c, cAt, 'by')),
          body: r.optStr(r.child(c, cAt, 'body'), ''),
          at: r.isAbsent(r.child(c, cAt, 'at')) ? createdAt : r.time(r.child(c, cAt, 'at')),
        };
      });
  const reviews = r.isAbsent(get('reviews'))
    ? []
    : r.seq(get('reviews')).map((rAt) => {
        const rv = r.map(rAt, ['by', 'state', 'body', 'at']);
        return {
          by: r.str(r.required(rv, rAt, 'by')),
          state: r.oneOf(r.required(rv, rAt, 'state'), REVIEW_STATES),
          body: r.optStr(r.child(rv, rAt, 'body'), ''),
          at: r.isAbsent(r.child(rv, rAt, 'at')) ? createdAt : r.time(r.child(rv, rAt, 'at')),
        };
      });
  if (reviews.length > 0 && !pull) r.fail(get('reviews'), 'reviews need a pull request (add `pull:`)');
  return {
    number: r.int(r.required(m, at, 'number'), 1),
    title: r.str(r.required(m, at, 'title')),
    author,
    createdAt,
    body: r.optStr(get('body'), ''),
    labels: r.strList(get('labels')),
    state: r.isAbsent(get('state')) ? 'open' : r.oneOf(get('state'), ['open', 'closed'] as const),
    comments,
    pull,
    reviews,
  };
}

function readHeadRepo(r: YamlReader, at: At) {
  return r.isAbsent(at) ? 'same' : r.oneOf(at, HEAD_REPOS);
}

/** path -> content, or null for a deleted file */
function readFileChanges(r: YamlReader, at: At): FileChanges {
  if (r.isAbsent(at)) return {};
  const out: FileChanges = {};
  for (const [path, contentAt] of r.map(at)) out[path] = r.isAbsent(contentAt) ? null : r.str(contentAt);
  return out;
}

// ---------- steps ----------

function readStep(r: YamlReader, at: At, index: number): Step {
  const m = r.map(at);
  const kinds = [...m.keys()].filter((k) => (STEP_KINDS as string[]).includes(k));
  for (const [key, keyAt] of m) {
    if (!STEP_COMMON_KEYS.includes(key) && !(STEP_KINDS as string[]).includes(key)) {
      r.fail(
        keyAt,
        `unknown key "${key}" (a step has one of: ${STEP_KINDS.join(', ')}; and ${STEP_COMMON_KEYS.join(', ')})`,
      );
    }
  }
  if (kinds.length !== 1) {
    r.fail(
      at,
      kinds.length === 0
        ? `a step needs one of: ${STEP_KINDS.join(', ')}`
        : `a step has exactly one kind, found ${kinds.join(', ')}`,
    );
  }
  const kind = kinds[0] as StepAction['kind'];
  const action = readStepAction(r, m.get(kind)!, kind);
  const get = (key: string) => r.child(m, at, key);
  const runAt = get('run');
  const run = r.strList(runAt);
  if (!r.isAbsent(get('inputs')) && run.length === 0) r.fail(get('inputs'), '`inputs` needs `run`');
  if (!r.isAbsent(get('expect-failure')) && run.length === 0)
    r.fail(get('expect-failure'), '`expect-failure` needs `run`');
  const inputs: Record<string, string> = {};
  if (!r.isAbsent(get('inputs'))) for (const [k, v] of r.map(get('inputs'))) inputs[k] = r.inputValue(v);
  for (const key of STEP_EXTENSION_KEYS)
    if (!r.isAbsent(get(key)) && run.length === 0) r.fail(get(key), `\`${key}\` needs \`run\``);
  const parallel = r.bool(get('parallel'), false);
  if (parallel && run.length < 2)
    r.fail(get('parallel'), '`parallel: true` needs at least two runs in `run`');
  const faults = r.isAbsent(get('faults')) ? [] : r.seq(get('faults')).map((fAt) => readFault(r, fAt, run));
  const killAt = get('kill-after-write');
  const killAfterWrite = r.isAbsent(killAt) ? undefined : r.int(killAt, 1);
  if (killAfterWrite !== undefined && run.length !== 1)
    r.fail(killAt, '`kill-after-write` needs exactly one run in `run`');
  const expectAt = get('expect');
  return {
    index,
    line: r.line(at),
    at: r.time(r.required(m, at, 'at')),
    action,
    event: r.isAbsent(get('event')) ? undefined : r.oneOf(get('event'), PR_EVENTS),
    run,
    inputs,
    expectFailure: r.bool(get('expect-failure'), false),
    expect: r.isAbsent(expectAt) ? undefined : readExpect(r, expectAt),
    faults,
    parallel,
    token: r.isAbsent(get('token')) ? undefined : r.oneOf(get('token'), TOKEN_MODES),
    tokenKind: r.isAbsent(get('token-kind')) ? undefined : r.oneOf(get('token-kind'), TOKEN_KINDS),
    ...(killAfterWrite !== undefined ? { killAfterWrite } : {}),
    ...(r.isAbsent(get('missing-runner-files'))
      ? {}
      : {
          missingRunnerFiles: r
            .seq(get('missing-runner-files'))
            .map((fAt) => r.oneOf(fAt, RUNNER_FILE_VARIABLES)),
        }),
  };
}

function readFault(r: YamlReader, at: At, run: string[]): StepFault {
  const m = r.map(at, FAULT_KEYS);
  const get = (key: string) => r.child(m, at, key);
  const optInt = (key: string, min: number) => (r.isAbsent(get(key)) ? undefined : r.int(get(key), min));
  const kind = r.oneOf(r.required(m, at, 'kind'), FAULT_KINDS);
  const delayMs = optInt('delay-ms', 0);
  if (kind === 'delay' && delayMs === undefined) r.fail(at, 'a `delay` fault needs `delay-ms`');
  if (kind !== 'delay' && delayMs !== undefined)
    r.fail(get('delay-ms'), '`delay-ms` is for `kind: delay` only');
  const times = optInt('times', 1);
  if (kind === 'barrier' && (times ?? 1) < 2)
    r.fail(at, 'a `barrier` fault needs `times` of 2 or more (the requests it holds until all arrive)');
  const runIndex = optInt('run-index', 0);
  if (runIndex !== undefined && runIndex >= run.length)
    r.fail(
      get('run-index'),
      `run-index ${runIndex} is past the step's ${run.length} run(s) (counted from 0)`,
    );
  return {
    method: r.isAbsent(get('method')) ? undefined : r.str(get('method')).toUpperCase(),
    path: r.isAbsent(get('path')) ? undefined : r.regex(get('path')),
    body: r.isAbsent(get('body')) ? undefined : r.regex(get('body')),
    nth: optInt('nth', 1),
    times,
    kind,
    delayMs,
    runIndex,
  };
}

function readStepAction(r: YamlReader, at: At, kind: StepAction['kind']): StepAction {
  if (kind === 'schedule') return { kind, cron: r.str(at) };
  if (kind === 'wait') {
    if (!r.bool(at, false)) r.fail(at, '`wait` takes the value true');
    return { kind };
  }
  const m = r.isAbsent(at) && kind === 'dispatch' ? new Map<string, At>() : r.map(at, STEP_BODY_KEYS[kind]);
  const get = (key: string) => r.child(m, at, key);
  const req = (key: string) => r.required(m, at, key);
  const num = () => r.int(req('number'), 1);
  const optNum = () => (r.isAbsent(get('number')) ? undefined : r.int(get('number'), 1));
  const by = () => r.optStr(get('by'));
  switch (kind) {
    case 'label': {
      const add = r.optStr(get('add'));
      const remove = r.optStr(get('remove'));
      if ((add === undefined) === (remove === undefined))
        r.fail(at, 'a label step has exactly one of `add` or `remove`');
      return { kind, number: num(), add, remove, by: by() };
    }
    case 'comment': {
      const viaApp = r.optStr(get('via-app'));
      return { kind, number: num(), by: by(), body: r.str(req('body')), ...(viaApp ? { viaApp } : {}) };
    }
    case 'edit-comment':
      return { kind, number: num(), index: r.int(req('index'), 0), by: by(), body: r.str(req('body')) };
    case 'delete-comment':
      return { kind, number: num(), index: r.int(req('index'), 0), by: by() };
    case 'review':
      return {
        kind,
        number: num(),
        by: r.str(req('by')),
        state: r.oneOf(req('state'), REVIEW_STATES),
        body: r.optStr(get('body'), ''),
      };
    case 'dismiss-review':
      return {
        kind,
        number: num(),
        index: r.int(req('index'), 0),
        by: r.str(req('by')),
        message: r.optStr(get('message'), 'dismissed'),
      };
    case 'open-issue':
      return {
        kind,
        number: optNum(),
        title: r.str(req('title')),
        author: r.str(req('author')),
        body: r.optStr(get('body'), ''),
        labels: r.strList(get('labels')),
      };
    case 'open-pull':
      return {
        kind,
        number: optNum(),
        title: r.str(req('title')),
        author: r.str(req('author')),
        base: r.optStr(get('base')),
        head: r.str(req('head')),
        files: readFileChanges(r, get('files')),
        body: r.optStr(get('body'), ''),
        draft: r.bool(get('draft'), false),
        labels: r.strList(get('labels')),
        headRepo: readHeadRepo(r, get('head-repo')),
      };
    case 'push':
      return {
        kind,
        number: num(),
        files: readFileChanges(r, req('files')),
        by: by(),
        ...(r.isAbsent(get('committer-date')) ? {} : { committerDate: r.time(get('committer-date')) }),
      };
    case 'edit': {
      const title = r.optStr(get('title'));
      const body = get('body').node === undefined ? undefined : r.optStr(get('body'), '');
      if (title === undefined && body === undefined)
        r.fail(at, 'an edit step changes `title`, `body` or both');
      return { kind, number: num(), title, body, by: by() };
    }
    case 'close':
    case 'reopen':
    case 'merge':
      return { kind, number: num(), by: by() };
    case 'commit':
      return {
        kind,
        files: readFileChanges(r, req('files')),
        message: r.optStr(get('message'), 'Update files'),
        by: by(),
      };
    case 'tag':
      return { kind, name: r.str(req('name')), by: by() };
    case 'release': {
      const prerelease = r.bool(get('prerelease'), false);
      const activity = r.isAbsent(get('activity'))
        ? 'published'
        : r.oneOf(get('activity'), RELEASE_ACTIVITIES);
      // GitHub sends `prereleased` for pre-releases only, `released` for the others
      if (activity === 'prereleased' && !prerelease)
        r.fail(get('activity'), '`activity: prereleased` needs `prerelease: true`');
      if (activity === 'released' && prerelease)
        r.fail(get('activity'), '`activity: released` is for a release that is not a pre-release');
      return { kind, tag: r.str(req('tag')), by: by(), prerelease, activity };
    }
    case 'delete-tag':
      return { kind, name: r.str(req('name')), by: by() };
    case 'check-run':
      return {
        kind,
        number: num(),
        name: r.str(req('name')),
        app: r.str(req('app')),
        conclusion: r.oneOf(req('conclusion'), CHECK_CONCLUSIONS),
        title: r.str(req('title')),
      };
    case 'dispatch': {
      const inputs: Record<string, string> = {};
      if (!r.isAbsent(get('inputs'))) for (const [k, v] of r.map(get('inputs'))) inputs[k] = r.inputValue(v);
      return { kind, inputs, by: by() };
    }
  }
}

// ---------- expectations ----------

function readExpect(r: YamlReader, at: At, keys: readonly string[] = EXPECT_KEYS): Expectations {
  const m = r.map(at, keys);
  const get = (key: string) => r.child(m, at, key);
  const out: Expectations = {};
  if (!r.isAbsent(get('issues'))) {
    out.issues = new Map();
    for (const [key, issueAt] of r.map(get('issues'))) {
      const number = Number(key);
      if (!Number.isInteger(number) || number < 1)
        r.fail(issueAt, `expected an issue number as the key, found "${key}"`);
      out.issues.set(number, readIssueExpect(r, issueAt));
    }
  }
  if (!r.isAbsent(get('checks'))) out.checks = r.seq(get('checks')).map((cAt) => readCheckExpect(r, cAt));
  for (const [key, field] of [
    ['job-summary', 'jobSummary'],
    ['log', 'log'],
  ] as const) {
    if (r.isAbsent(get(key))) continue;
    const byAction = new Map<string, TextExpect>();
    for (const [action, tAt] of r.map(get(key))) byAction.set(action, readText(r, tAt));
    out[field] = byAction;
  }
  if (!r.isAbsent(get('pulls-opened'))) out.pullsOpened = readOpened(r, get('pulls-opened'), true);
  if (!r.isAbsent(get('issues-opened'))) out.issuesOpened = readOpened(r, get('issues-opened'), false);
  if (!r.isAbsent(get('files'))) {
    out.files = new Map();
    for (const [path, fAt] of r.map(get('files'))) {
      const f = r.isAbsent(fAt) ? new Map<string, At>() : r.map(fAt, ['contains', 'not-contains']);
      out.files.set(path, {
        contains: r.strList(r.child(f, fAt, 'contains')),
        notContains: r.strList(r.child(f, fAt, 'not-contains')),
      });
    }
  }
  if (!r.isAbsent(get('outputs'))) {
    out.outputs = new Map();
    for (const [action, oAt] of r.map(get('outputs'))) {
      const values: Record<string, string> = {};
      for (const [k, v] of r.map(oAt)) values[k] = r.inputValue(v);
      out.outputs.set(action, values);
    }
  }
  if (!r.isAbsent(get('other-repos'))) {
    out.otherRepos = new Map();
    for (const [full, oAt] of r.map(get('other-repos'))) {
      if (!/^[^/\s]+\/[^/\s]+$/.test(full))
        r.fail(oAt, `\`${full}\`: an other repository is named owner/name`);
      out.otherRepos.set(full, readExpect(r, oAt, OTHER_REPO_EXPECT_KEYS));
    }
  }
  if (!r.isAbsent(get('requests'))) {
    const reqAt = get('requests');
    const q = r.map(reqAt, ['max', 'max-writes']);
    const max = r.child(q, reqAt, 'max');
    const maxWrites = r.child(q, reqAt, 'max-writes');
    out.requests = {
      max: r.isAbsent(max) ? undefined : r.int(max, 0),
      maxWrites: r.isAbsent(maxWrites) ? undefined : r.int(maxWrites, 0),
    };
  }
  return out;
}

function readText(r: YamlReader, at: At): TextExpect {
  const m = r.map(at, ['match', 'not-match']);
  return { match: r.regexList(r.child(m, at, 'match')), notMatch: r.regexList(r.child(m, at, 'not-match')) };
}

function readIssueExpect(r: YamlReader, at: At): IssueExpect {
  const m = r.map(at, ISSUE_EXPECT_KEYS);
  const get = (key: string) => r.child(m, at, key);
  const out: IssueExpect = {};
  if (!r.isAbsent(get('labels'))) {
    const lAt = get('labels');
    const l = r.map(lAt, ['include', 'exclude']);
    out.labels = {
      include: r.strList(r.child(l, lAt, 'include')),
      exclude: r.strList(r.child(l, lAt, 'exclude')),
    };
  }
  if (!r.isAbsent(get('state'))) out.state = r.oneOf(get('state'), ['open', 'closed'] as const);
  if (!r.isAbsent(get('merged'))) out.merged = r.bool(get('merged'), false);
  if (!r.isAbsent(get('title'))) out.title = readText(r, get('title'));
  if (!r.isAbsent(get('body'))) out.body = readText(r, get('body'));
  if (!r.isAbsent(get('comments'))) {
    const cAt = get('comments');
    const c = r.map(cAt, ['by-actor', 'match', 'not-match']);
    const byActor = r.child(c, cAt, 'by-actor');
    out.comments = {
      byActor: r.isAbsent(byActor) ? undefined : r.int(byActor, 0),
      match: r.regexList(r.child(c, cAt, 'match')),
      notMatch: r.regexList(r.child(c, cAt, 'not-match')),
    };
  }
  if (!r.isAbsent(get('reviewers-requested'))) {
    const rrAt = get('reviewers-requested');
    const rr = r.map(rrAt, ['include']);
    out.reviewersRequested = { include: r.strList(r.child(rr, rrAt, 'include')) };
  }
  return out;
}

function readCheckExpect(r: YamlReader, at: At): CheckExpect {
  const m = r.map(at, ['number', 'name', 'status', 'conclusion', 'count', 'annotations']);
  const countAt = r.child(m, at, 'count');
  const annotationsAt = r.child(m, at, 'annotations');
  let annotations: CheckExpect['annotations'];
  if (!r.isAbsent(annotationsAt)) {
    const a = r.map(annotationsAt, ['count', 'match', 'not-match']);
    const aCount = r.child(a, annotationsAt, 'count');
    annotations = {
      ...(r.isAbsent(aCount) ? {} : { count: r.int(aCount, 0) }),
      match: r.regexList(r.child(a, annotationsAt, 'match')),
      notMatch: r.regexList(r.child(a, annotationsAt, 'not-match')),
    };
  }
  return {
    ...(annotations ? { annotations } : {}),
    number: r.int(r.required(m, at, 'number'), 1),
    name: r.str(r.required(m, at, 'name')),
    status: r.optStr(r.child(m, at, 'status')),
    conclusion: r.optStr(r.child(m, at, 'conclusion')),
    ...(r.isAbsent(countAt) ? {} : { count: r.int(countAt, 0) }),
  };
}

function readOpened(r: YamlReader, at: At, pulls: boolean): OpenedExpect {
  const m = r.map(at, ['count', 'match']);
  const countAt = r.child(m, at, 'count');
  const matchAt = r.child(m, at, 'match');
  const matchKeys = pulls
    ? ['title', 'body', 'labels-include', 'files-include']
    : ['title', 'body', 'labels-include'];
  return {
    count: r.isAbsent(countAt) ? undefined : r.int(countAt, 0),
    match: r.isAbsent(matchAt)
      ? []
      : r.seq(matchAt).map((eAt) => {
          const e = r.map(eAt, matchKeys);
          const titleAt = r.child(e, eAt, 'title');
          return {
            title: r.isAbsent(titleAt) ? undefined : r.regex(titleAt),
            body: r.regexList(r.child(e, eAt, 'body')),
            labelsInclude: r.strList(r.child(e, eAt, 'labels-include')),
            filesInclude: r.strList(r.child(e, eAt, 'files-include')),
          };
        }),
  };
}
