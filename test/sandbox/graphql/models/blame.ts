/**
 * `Commit.blame(path:)` as GitHub answers it: the file's lines at that commit in ranges, each
 * with the commit that last wrote those lines, computed from the sandbox's real commit graph.
 * A line equal to a line of a parent's version (matched by a longest common subsequence, as
 * `git blame` passes unchanged lines to the parent) is that parent's; for a merge, each parent
 * is tried in order; lines no parent has are the commit's own. A path with no file at the commit
 * has no ranges here (what GitHub answers then is not documented; clients read the file first).
 * Like `git blame`, it follows a whole-file rename: when a parent has no file at the path, the
 * parent's file that the commit removed and that shares at least half its lines is its origin.
 */
import type { Commit, RepoState } from '../../state.js';
import type { Ctx } from '../context.js';
import { CommitModel } from './git.js';

const lines = (text: string) => (text === '' ? [] : text.replace(/\n$/, '').split('\n'));

/** For each line of `path` at `commit`, the sha of the commit that wrote it. */
export function blameLines(state: RepoState, commit: Commit, path: string): string[] {
  const memo = new Map<string, string[]>();
  const walk = (start: Commit, path: string): string[] => {
    // commits that leave the file as it is pass it on whole (long histories stay shallow)
    let c = start;
    const text = c.tree.get(path);
    if (text === undefined) return [];
    for (;;) {
      const same = c.parents.map((p) => state.commits.get(p)).find((p) => p?.tree.get(path) === text);
      if (!same) break;
      c = same;
    }
    const known = memo.get(`${c.sha}\0${path}`);
    if (known) return known;
    const own = lines(text);
    const out: (string | undefined)[] = own.map(() => undefined);
    for (const sha of c.parents) {
      const parent = state.commits.get(sha);
      if (!parent) continue;
      const from = parent.tree.has(path) ? path : renamedFrom(parent, c, own);
      const before = from === undefined ? undefined : parent.tree.get(from);
      if (before === undefined) continue;
      const parentLines = lines(before);
      const parentBlame = walk(parent, from!);
      const open = out.flatMap((v, i) => (v === undefined ? [i] : []));
      for (const [i, j] of matchLines(
        open.map((i) => own[i]!),
        parentLines,
      ))
        out[open[i]!] = parentBlame[j];
    }
    const result = out.map((v) => v ?? c.sha);
    memo.set(`${c.sha}\0${path}`, result);
    return result;
  };
  return walk(commit, path);
}

/** The parent's path that `commit` removed and whose text shares at least half of `own`'s lines. */
function renamedFrom(parent: Commit, commit: Commit, own: string[]): string | undefined {
  let best: { path: string; score: number } | undefined;
  for (const [candidate, text] of parent.tree) {
    if (commit.tree.has(candidate)) continue;
    const theirs = lines(text);
    const score = matchLines(own, theirs).length / Math.max(own.length, theirs.length, 1);
    if (score >= 0.5 && (!best || score > best.score)) best = { path: candidate, score };
  }
  return best?.path;
}

/** Index pairs of a longest common subsequence of `a` and `b`. */
function matchLines(a: string[], b: string[]): [number, number][] {
  const n = a.length;
  const m = b.length;
  const table = new Uint32Array((n + 1) * (m + 1));
  const at = (i: number, j: number) => i * (m + 1) + j;
  for (let i = n - 1; i >= 0; i--)
    for (let j = m - 1; j >= 0; j--)
      table[at(i, j)] =
        a[i] === b[j] ? table[at(i + 1, j + 1)]! + 1 : Math.max(table[at(i + 1, j)]!, table[at(i, j + 1)]!);
  const pairs: [number, number][] = [];
  for (let i = 0, j = 0; i < n && j < m;) {
    if (a[i] === b[j]) pairs.push([i++, j++]);
    else if (table[at(i + 1, j)]! >= table[at(i, j + 1)]!) i++;
    else j++;
  }
  return pairs;
}

export class BlameRangeModel {
  constructor(
    private readonly _ctx: Ctx,
    private readonly _commit: Commit,
    private readonly _start: number,
    private readonly _end: number,
    private readonly _age: number,
  ) {}
  startingLine() {
    return this._start;
  }
  endingLine() {
    return this._end;
  }
  age() {
    return this._age;
  }
  commit() {
    return new CommitModel(this._ctx, this._commit);
  }
}

export class BlameModel {
  constructor(
    private readonly _ctx: Ctx,
    private readonly _commit: Commit,
    private readonly _path: string,
  ) {}
  ranges() {
    const { state } = this._ctx;
    const shas = blameLines(state, this._commit, this._path.replace(/^\/+/, ''));
    const dates = shas.map((s) => Date.parse(state.commits.get(s)!.date));
    const newest = Math.max(...dates);
    const oldest = Math.min(...dates);
    const out: BlameRangeModel[] = [];
    for (let start = 0; start < shas.length;) {
      let end = start;
      while (end + 1 < shas.length && shas[end + 1] === shas[start]) end++;
      // 1 (newest) to 10 (oldest), by the commit's date within the file's span
      const age = newest === oldest ? 1 : 1 + Math.round((9 * (newest - dates[start]!)) / (newest - oldest));
      out.push(new BlameRangeModel(this._ctx, state.commits.get(shas[start]!)!, start + 1, end + 1, age));
      start = end + 1;
    }
    return out;
  }
}
