/**
 * Checks a scenario's `expect:` against the repository model. Each failure names the key path,
 * what was expected and what was found instead.
 */
import type { RequestLogEntry } from '../sandbox/request-log.js';
import type { CheckRun, Issue, RepoState } from '../sandbox/state.js';
import type {
  CheckExpect,
  Expectations,
  IssueExpect,
  OpenedExpect,
  OpenedMatch,
  TextExpect,
} from './scenario-types.js';
import { firstLine } from './steps.js';
import { showRegex } from './yaml-reader.js';

export interface ExpectContext {
  state: RepoState;
  /** the login the actions' token acts as */
  actor: string;
  /** issue and pull request numbers that existed before the first step */
  seeded: ReadonlySet<number>;
  /** the same for each other repository, by `owner/name` lower-cased */
  seededOthers?: ReadonlyMap<string, ReadonlySet<number>>;
  /** outputs of the last run of each action */
  outputs: ReadonlyMap<string, Record<string, string>>;
  /** job summary and log of the last run of each action */
  runs?: ReadonlyMap<string, { summary: string; log: string }>;
  /** the requests the runs in scope made */
  requests: readonly RequestLogEntry[];
}

const list = (items: readonly string[]) => `[${items.join(', ')}]`;
const quote = (s: string, max = 120) => JSON.stringify(s.length > max ? `${s.slice(0, max - 3)}...` : s);
const sameLabel = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();

export function checkExpectations(exp: Expectations, ctx: ExpectContext): string[] {
  const failures: string[] = [];
  for (const [number, e] of exp.issues ?? []) failures.push(...checkIssue(number, e, ctx));
  exp.checks?.forEach((c, i) => failures.push(...checkCheck(i, c, ctx)));
  if (exp.pullsOpened)
    failures.push(...checkOpened('pulls-opened', exp.pullsOpened, openedByActor(ctx, true), ctx));
  if (exp.issuesOpened)
    failures.push(...checkOpened('issues-opened', exp.issuesOpened, openedByActor(ctx, false), ctx));
  for (const [path, f] of exp.files ?? []) failures.push(...checkFile(path, f, ctx));
  for (const [action, expected] of exp.outputs ?? []) failures.push(...checkOutputs(action, expected, ctx));
  if (exp.requests) failures.push(...checkRequests(exp.requests, ctx.requests));
  for (const [full, e] of exp.otherRepos ?? []) failures.push(...checkOtherRepo(full, e, ctx));
  for (const [key, field, texts] of [
    ['job-summary', 'summary', exp.jobSummary],
    ['log', 'log', exp.log],
  ] as const) {
    for (const [action, e] of texts ?? []) {
      const run = ctx.runs?.get(action);
      if (!run) failures.push(`${key}.${action}: expected a run of ${action}, found none`);
      else failures.push(...checkText(`${key}.${action}`, e, run[field]));
    }
  }
  return failures;
}

/** `other-repos.<owner/name>`: the same expectations on another repository the sandbox serves. */
function checkOtherRepo(full: string, e: Expectations, ctx: ExpectContext): string[] {
  const key = full.toLowerCase();
  const state = ctx.state.others.get(key);
  if (!state) return [`other-repos.${full}: the scenario lists no such repository`];
  const seeded = ctx.seededOthers?.get(key) ?? new Set<number>();
  return checkExpectations(e, { ...ctx, state, seeded, seededOthers: undefined }).map(
    (f) => `other-repos.${full}.${f}`,
  );
}

// ---------- issues ----------

function checkIssue(number: number, e: IssueExpect, ctx: ExpectContext): string[] {
  const at = `issues.${number}`;
  const issue = ctx.state.issues.get(number);
  if (!issue) return [`${at}: expected issue or pull request #${number} to exist, found none`];
  const out: string[] = [];
  if (e.labels) {
    for (const l of e.labels.include) {
      if (!issue.labels.some((x) => sameLabel(x, l)))
        out.push(`${at}.labels: expected to include ${l}, found ${list(issue.labels)}`);
    }
    for (const l of e.labels.exclude) {
      if (issue.labels.some((x) => sameLabel(x, l)))
        out.push(`${at}.labels: expected not to include ${l}, found ${list(issue.labels)}`);
    }
  }
  if (e.state !== undefined && issue.state !== e.state)
    out.push(`${at}.state: expected ${e.state}, found ${issue.state}`);
  if (e.merged !== undefined) {
    if (!issue.pull) out.push(`${at}.merged: expected a pull request, found an issue`);
    else if (issue.pull.merged !== e.merged)
      out.push(`${at}.merged: expected ${e.merged}, found ${issue.pull.merged}`);
  }
  if (e.title) out.push(...checkText(`${at}.title`, e.title, issue.title));
  if (e.body) out.push(...checkText(`${at}.body`, e.body, issue.body));
  if (e.comments) out.push(...checkComments(at, issue, e.comments, ctx));
  if (e.reviewersRequested) {
    if (!issue.pull) out.push(`${at}.reviewers-requested: expected a pull request, found an issue`);
    else {
      const requested = [...issue.pull.requestedReviewers, ...issue.pull.requestedTeams];
      const wanted = (r: string) =>
        requested.some((x) => sameLabel(x, r) || sameLabel(`${ctx.state.owner}/${x}`, r));
      for (const r of e.reviewersRequested.include) {
        if (!wanted(r))
          out.push(`${at}.reviewers-requested: expected to include ${r}, found ${list(requested)}`);
      }
    }
  }
  return out;
}

function checkText(at: string, e: TextExpect, text: string): string[] {
  const out: string[] = [];
  for (const re of e.match)
    if (!re.test(text)) out.push(`${at}: expected to match /${showRegex(re)}/, found ${quote(text)}`);
  for (const re of e.notMatch)
    if (re.test(text)) out.push(`${at}: expected not to match /${showRegex(re)}/, found ${quote(text)}`);
  return out;
}

function checkComments(
  at: string,
  issue: Issue,
  e: NonNullable<IssueExpect['comments']>,
  ctx: ExpectContext,
): string[] {
  const out: string[] = [];
  const mine = ctx.state.commentsOf(issue.number).filter((c) => c.user === ctx.actor);
  const shown = list(mine.map((c) => quote(firstLine(c.body), 80)));
  if (e.byActor !== undefined && mine.length !== e.byActor) {
    out.push(
      `${at}.comments.by-actor: expected ${e.byActor} comment(s) by ${ctx.actor}, found ${mine.length}: ${shown}`,
    );
  }
  for (const re of e.match) {
    if (!mine.some((c) => re.test(c.body)))
      out.push(
        `${at}.comments.match: expected a comment by ${ctx.actor} to match /${showRegex(re)}/, found ${shown}`,
      );
  }
  for (const re of e.notMatch) {
    const hit = mine.find((c) => re.test(c.body));
    if (hit)
      out.push(
        `${at}.comments.not-match: expected no comment by ${ctx.actor} to match /${showRegex(re)}/, found ${quote(hit.body)}`,
      );
  }
  return out;
}

// ---------- checks ----------

/** The latest check run of that name on the commit (runs are kept in creation order). */
export function latestCheck(state: RepoState, sha: string, name: string): CheckRun | undefined {
  return state
    .checksFor(sha)
    .filter((c) => c.name === name)
    .at(-1);
}

function checkCheck(index: number, e: CheckExpect, ctx: ExpectContext): string[] {
  const at = `checks[${index}] (#${e.number} ${e.name})`;
  const pr = ctx.state.issues.get(e.number);
  if (!pr?.pull) return [`${at}: expected pull request #${e.number}, found ${pr ? 'an issue' : 'none'}`];
  const sha = pr.pull.headSha;
  const run = latestCheck(ctx.state, sha, e.name);
  if (!run) {
    const names = [...new Set(ctx.state.checksFor(sha).map((c) => c.name))];
    return [
      `${at}: expected a check run named ${e.name} on the head commit ${sha.slice(0, 7)}, found ${list(names)}`,
    ];
  }
  const out: string[] = [];
  const count = ctx.state.checksFor(sha).filter((c) => c.name === e.name).length;
  if (e.count !== undefined && count !== e.count)
    out.push(`${at}.count: expected ${e.count} check run(s) named ${e.name} on the head, found ${count}`);
  if (e.status !== undefined && run.status !== e.status)
    out.push(`${at}.status: expected ${e.status}, found ${run.status}`);
  if (e.annotations) {
    const shown = run.output.annotations.map((a) => `${a.path}:${a.start_line} ${a.message}`);
    if (e.annotations.count !== undefined && shown.length !== e.annotations.count)
      out.push(
        `${at}.annotations.count: expected ${e.annotations.count}, found ${shown.length}: ${list(shown)}`,
      );
    for (const re of e.annotations.match)
      if (!shown.some((s) => re.test(s)))
        out.push(
          `${at}.annotations.match: expected an annotation to match /${showRegex(re)}/, found ${list(shown)}`,
        );
    for (const re of e.annotations.notMatch)
      if (shown.some((s) => re.test(s)))
        out.push(
          `${at}.annotations.not-match: expected no annotation to match /${showRegex(re)}/, found ${list(shown)}`,
        );
  }
  if (e.conclusion !== undefined && run.conclusion !== e.conclusion) {
    out.push(
      `${at}.conclusion: expected ${e.conclusion}, found ${run.conclusion ?? 'none'} (status ${run.status}${run.output.title ? `, "${run.output.title}"` : ''})`,
    );
  }
  return out;
}

// ---------- opened by the action ----------

function openedByActor(ctx: ExpectContext, pulls: boolean): Issue[] {
  return [...ctx.state.issues.values()]
    .filter((i) => !ctx.seeded.has(i.number) && i.user === ctx.actor && Boolean(i.pull) === pulls)
    .sort((a, b) => a.number - b.number);
}

function describeOpened(i: Issue, ctx: ExpectContext): string {
  const files = i.pull ? ` files ${list(ctx.state.pullFiles(i.number).map((f) => f.path))}` : '';
  return `#${i.number} ${quote(i.title, 80)} labels ${list(i.labels)}${files}`;
}

function openedMatches(i: Issue, m: OpenedMatch, ctx: ExpectContext): boolean {
  if (m.title && !m.title.test(i.title)) return false;
  if (!m.body.every((re) => re.test(i.body))) return false;
  if (!m.labelsInclude.every((l) => i.labels.some((x) => sameLabel(x, l)))) return false;
  if (m.filesInclude.length > 0) {
    const paths = i.pull ? ctx.state.pullFiles(i.number).map((f) => f.path) : [];
    if (!m.filesInclude.every((p) => paths.includes(p))) return false;
  }
  return true;
}

function describeMatch(m: OpenedMatch): string {
  const parts: string[] = [];
  if (m.title) parts.push(`title /${showRegex(m.title)}/`);
  if (m.body.length) parts.push(`body ${m.body.map((re) => `/${showRegex(re)}/`).join(' ')}`);
  if (m.labelsInclude.length) parts.push(`labels ${list(m.labelsInclude)}`);
  if (m.filesInclude.length) parts.push(`files ${list(m.filesInclude)}`);
  return parts.join(', ') || 'anything';
}

function checkOpened(at: string, e: OpenedExpect, opened: Issue[], ctx: ExpectContext): string[] {
  const out: string[] = [];
  const kind = at === 'pulls-opened' ? 'pull request' : 'issue';
  const found = opened.length ? opened.map((i) => describeOpened(i, ctx)).join('; ') : 'none';
  if (e.count !== undefined && opened.length !== e.count) {
    out.push(
      `${at}.count: expected ${e.count} ${kind}(s) opened by ${ctx.actor}, found ${opened.length}: ${found}`,
    );
  }
  e.match.forEach((m, i) => {
    if (!opened.some((o) => openedMatches(o, m, ctx))) {
      out.push(
        `${at}.match[${i}]: expected ${kind === 'issue' ? 'an' : 'a'} ${kind} opened by ${ctx.actor} with ${describeMatch(m)}, found ${found}`,
      );
    }
  });
  return out;
}

// ---------- files, outputs, requests ----------

function checkFile(
  path: string,
  e: { contains: string[]; notContains: string[] },
  ctx: ExpectContext,
): string[] {
  const at = `files.${path}`;
  const branch = ctx.state.defaultBranch;
  const content = ctx.state.treeAt(branch).get(path);
  if (content === undefined) return [`${at}: expected the file on ${branch}, found no such file`];
  const out: string[] = [];
  for (const s of e.contains)
    if (!content.includes(s)) out.push(`${at}.contains: expected ${quote(s)}, found ${quote(content, 300)}`);
  for (const s of e.notContains)
    if (content.includes(s))
      out.push(`${at}.not-contains: expected no ${quote(s)}, found ${quote(excerpt(content, s))}`);
  return out;
}

function excerpt(content: string, needle: string): string {
  const i = content.indexOf(needle);
  return content.slice(Math.max(0, i - 40), i + needle.length + 40);
}

function checkOutputs(action: string, expected: Record<string, string>, ctx: ExpectContext): string[] {
  const actual = ctx.outputs.get(action);
  if (!actual) return [`outputs.${action}: expected a run of ${action}, found none`];
  const out: string[] = [];
  for (const [name, value] of Object.entries(expected)) {
    if (!(name in actual))
      out.push(
        `outputs.${action}.${name}: expected ${quote(value)}, found no such output (outputs: ${list(Object.keys(actual))})`,
      );
    else if (actual[name] !== value)
      out.push(`outputs.${action}.${name}: expected ${quote(value)}, found ${quote(actual[name])}`);
  }
  return out;
}

export function describeRequest(e: RequestLogEntry): string {
  return e.graphql ? `graphql ${e.graphql}` : (e.operation ?? `${e.method} ${e.path}`);
}

/** The most frequent requests, so an exceeded budget shows where it went. */
function breakdown(entries: readonly RequestLogEntry[], top = 6): string {
  const counts = new Map<string, number>();
  for (const e of entries) counts.set(describeRequest(e), (counts.get(describeRequest(e)) ?? 0) + 1);
  return [...counts.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, top)
    .map(([k, n]) => `${n}x ${k}`)
    .join(', ');
}

function checkRequests(
  e: { max?: number; maxWrites?: number },
  requests: readonly RequestLogEntry[],
): string[] {
  const out: string[] = [];
  if (e.max !== undefined && requests.length > e.max) {
    out.push(
      `requests.max: expected at most ${e.max} requests, found ${requests.length} (${breakdown(requests)})`,
    );
  }
  const writes = requests.filter((r) => r.write);
  if (e.maxWrites !== undefined && writes.length > e.maxWrites) {
    out.push(
      `requests.max-writes: expected at most ${e.maxWrites} writes, found ${writes.length} (${breakdown(writes)})`,
    );
  }
  return out;
}
