/**
 * What an action run did, in words, for the timeline: the difference between the repository
 * model before and after the run (labels, comments, checks, pull requests, commits).
 */
import type { RepoState } from '../sandbox/state.js';
import { diffTrees } from '../sandbox/state.js';
import { firstLine } from './steps.js';

interface IssueView {
  title: string;
  body: string;
  state: string;
  merged: boolean;
  labels: string[];
  reviewers: string[];
}

export interface StateSnapshot {
  issues: Map<number, IssueView>;
  comments: Map<number, string>;
  checks: Map<number, string>;
  defaultSha: string;
  refs: Set<string>;
}

export function snapshot(state: RepoState): StateSnapshot {
  const issues = new Map<number, IssueView>();
  for (const i of state.issues.values()) {
    issues.set(i.number, {
      title: i.title,
      body: i.body,
      state: i.state,
      merged: i.pull?.merged ?? false,
      labels: [...i.labels],
      reviewers: i.pull
        ? [...i.pull.requestedReviewers, ...i.pull.requestedTeams.map((t) => `team ${t}`)]
        : [],
    });
  }
  return {
    issues,
    comments: new Map(state.comments.map((c) => [c.id, c.body])),
    checks: new Map(state.checkRuns.map((c) => [c.id, checkText(c)])),
    defaultSha: state.branchSha(state.defaultBranch),
    refs: new Set(state.refs.keys()),
  };
}

function checkText(c: RepoState['checkRuns'][number]): string {
  const verdict = c.status === 'completed' ? (c.conclusion ?? 'completed') : c.status;
  return `${verdict}${c.output.title ? ` "${c.output.title}"` : ''}`;
}

const short = (text: string) => JSON.stringify(firstLine(text));

/** Effects between two snapshots, one line each, e.g. `#1 +label lazy-consensus/pending`. */
export function describeEffects(before: StateSnapshot, state: RepoState): string[] {
  const after = snapshot(state);
  const out: string[] = [];
  const pullBySha = new Map<string, number>();
  for (const i of state.issues.values())
    if (i.pull) for (const sha of i.pull.commits) pullBySha.set(sha, i.number);

  for (const [n, now] of after.issues) {
    const was = before.issues.get(n);
    const kind = state.issues.get(n)?.pull ? 'pull request' : 'issue';
    if (!was) {
      out.push(
        `opened ${kind} #${n} ${JSON.stringify(now.title)}${now.labels.length ? ` [${now.labels.join(', ')}]` : ''}`,
      );
      continue;
    }
    for (const l of now.labels) if (!was.labels.includes(l)) out.push(`#${n} +label ${l}`);
    for (const l of was.labels) if (!now.labels.includes(l)) out.push(`#${n} -label ${l}`);
    if (now.title !== was.title) out.push(`#${n} retitled ${JSON.stringify(now.title)}`);
    if (now.body !== was.body) out.push(`#${n} body edited`);
    if (now.merged && !was.merged) out.push(`#${n} merged`);
    else if (now.state !== was.state) out.push(`#${n} ${now.state === 'closed' ? 'closed' : 'reopened'}`);
    const added = now.reviewers.filter((r) => !was.reviewers.includes(r));
    if (added.length) out.push(`#${n} review requested from ${added.join(', ')}`);
  }
  for (const c of state.comments) {
    const was = before.comments.get(c.id);
    if (was === undefined) out.push(`#${c.number} comment by ${c.user}: ${short(c.body)}`);
    else if (was !== c.body) out.push(`#${c.number} comment edited: ${short(c.body)}`);
  }
  for (const id of before.comments.keys()) if (!after.comments.has(id)) out.push(`a comment was deleted`);
  for (const c of state.checkRuns) {
    const was = before.checks.get(c.id);
    const now = checkText(c);
    if (was === now) continue;
    const where = pullBySha.has(c.headSha) ? `#${pullBySha.get(c.headSha)}` : c.headSha.slice(0, 7);
    out.push(`check ${c.name} on ${where}: ${now}`);
  }
  if (after.defaultSha !== before.defaultSha) {
    const changed = diffTrees(
      state.commits.get(before.defaultSha)!.tree,
      state.treeAt(state.defaultBranch),
    ).map((f) => f.path);
    const msg = state.commits.get(after.defaultSha)?.message ?? '';
    out.push(`${state.defaultBranch} moved: ${short(msg)} (${changed.join(', ') || 'no file changes'})`);
  }
  for (const ref of after.refs)
    if (!before.refs.has(ref))
      out.push(`created ${ref.replace(/^heads\//, 'branch ').replace(/^tags\//, 'tag ')}`);
  return out;
}
