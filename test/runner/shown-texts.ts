/**
 * The full texts a run wrote or changed, for `--show`: comments, issue and pull request titles and
 * bodies, check-run outputs with their annotations. Taken as the difference between the repository
 * model before and after the run, ordered by the run's first write to each object.
 */
import type { RequestLogEntry } from '../sandbox/request-log.js';
import type { RepoState } from '../sandbox/state.js';

export interface ShownText {
  /** what was written, e.g. `comment on #31`, `comment on #31 edited`, `check run vep on #31` */
  what: string;
  text: string;
}

export interface TextSnapshot {
  issues: Map<number, { title: string; body: string }>;
  comments: Map<number, string>;
  checks: Map<number, string>;
}

export function textSnapshot(state: RepoState): TextSnapshot {
  return {
    issues: new Map([...state.issues.values()].map((i) => [i.number, { title: i.title, body: i.body }])),
    comments: new Map(state.comments.map((c) => [c.id, c.body])),
    checks: new Map(state.checkRuns.map((c) => [c.id, checkOutputText(c)])),
  };
}

type CheckRunModel = RepoState['checkRuns'][number];

/** A check run as the Checks tab shows it: verdict, title, summary, text, annotations. */
export function checkOutputText(c: CheckRunModel): string {
  const verdict = c.status === 'completed' ? (c.conclusion ?? 'completed') : c.status;
  const lines = [`${verdict}${c.output.title ? `: ${c.output.title}` : ''}`];
  if (c.output.summary) lines.push('', c.output.summary);
  if (c.output.text) lines.push('', c.output.text);
  if (c.output.annotations.length) {
    lines.push('', 'annotations:');
    for (const a of c.output.annotations)
      lines.push(
        `  ${a.path}:${a.start_line}: ${a.annotation_level}: ${a.title ? `${a.title}: ` : ''}${a.message}`,
      );
  }
  return lines.join('\n');
}

interface Located extends ShownText {
  /** request paths that write this object (a write to any of them places it in the order) */
  paths: RegExp[];
  rank: number;
}

export function shownTexts(
  before: TextSnapshot,
  state: RepoState,
  writes: readonly RequestLogEntry[],
): ShownText[] {
  const out: Located[] = [];
  const pullBySha = new Map<string, number>();
  for (const i of state.issues.values())
    if (i.pull) for (const sha of i.pull.commits) pullBySha.set(sha, i.number);

  for (const issue of state.issues.values()) {
    const was = before.issues.get(issue.number);
    const kind = issue.pull ? 'pull request' : 'issue';
    const paths = [new RegExp(`/(issues|pulls)/${issue.number}(/|$)`), /\/(issues|pulls)$/];
    if (!was) {
      out.push({ what: `opened ${kind} #${issue.number}: ${issue.title}`, text: issue.body, paths, rank: 0 });
    } else if (was.body !== issue.body || was.title !== issue.title) {
      const what = `${kind} #${issue.number} ${was.title !== issue.title ? `retitled "${issue.title}"` : 'body edited'}`;
      out.push({ what, text: issue.body, paths, rank: 0 });
    }
  }
  for (const c of state.comments) {
    const was = before.comments.get(c.id);
    if (was === c.body) continue;
    const edited = was !== undefined;
    out.push({
      what: `comment on #${c.number}${edited ? ' edited' : ''} (by ${c.user})`,
      text: c.body,
      paths: edited ? [new RegExp(`/comments/${c.id}$`)] : [new RegExp(`/issues/${c.number}/comments$`)],
      rank: 1,
    });
  }
  for (const c of state.checkRuns) {
    const text = checkOutputText(c);
    if (before.checks.get(c.id) === text) continue;
    const where = pullBySha.has(c.headSha) ? `#${pullBySha.get(c.headSha)}` : c.headSha.slice(0, 7);
    out.push({
      what: `check run ${c.name} on ${where}${before.checks.has(c.id) ? ' updated' : ''}`,
      text,
      paths: [new RegExp(`/check-runs/${c.id}$`), /\/check-runs$/],
      rank: 2,
    });
  }
  const firstWrite = (item: Located): number => {
    const i = writes.findIndex((w) => item.paths.some((p) => p.test(w.path)));
    return i < 0 ? Number.MAX_SAFE_INTEGER : i;
  };
  return out
    .map((item, index) => ({ item, index, at: firstWrite(item) }))
    .sort((a, b) => a.at - b.at || a.item.rank - b.item.rank || a.index - b.index)
    .map(({ item }) => ({ what: item.what, text: item.text }));
}
