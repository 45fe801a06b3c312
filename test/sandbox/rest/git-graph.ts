/** Commit-graph questions the routes ask: ancestry, merge bases, the history of a path. */
import type { Commit, RepoState } from '../state.js';

/** Every commit reachable from `sha`, itself included, nearest first. */
export function ancestors(state: RepoState, sha: string): Commit[] {
  const out: Commit[] = [];
  const seen = new Set<string>();
  const queue = [sha];
  while (queue.length) {
    const next = queue.shift()!;
    if (seen.has(next)) continue;
    seen.add(next);
    const commit = state.commits.get(next);
    if (!commit) continue;
    out.push(commit);
    queue.push(...commit.parents);
  }
  return out;
}

export function isAncestor(state: RepoState, maybeAncestor: string, of: string): boolean {
  return ancestors(state, of).some((c) => c.sha === maybeAncestor);
}

/** The nearest commit reachable from both (breadth-first from `b`). */
export function mergeBase(state: RepoState, a: string, b: string): string | undefined {
  const fromA = new Set(ancestors(state, a).map((c) => c.sha));
  return ancestors(state, b).find((c) => fromA.has(c.sha))?.sha;
}

/** Whether a commit changed `path` (a file, or anything under a directory) against every parent. */
export function touches(state: RepoState, commit: Commit, path: string): boolean {
  const slice = (tree: Map<string, string>) =>
    JSON.stringify(
      [...tree.entries()].filter(([p]) => p === path || p.startsWith(path.replace(/\/$/, '') + '/')).sort(),
    );
  const mine = slice(commit.tree);
  if (commit.parents.length === 0) return mine !== '[]';
  // like `git log -- path`: a merge that took one side unchanged is not listed
  return commit.parents.every((p) => slice(state.commits.get(p)!.tree) !== mine);
}

/** Directory entries of a flat path -> content tree. */
export function subtree(tree: Map<string, string>, dir: string): Map<string, string> {
  if (!dir) return tree;
  const prefix = dir.replace(/\/$/, '') + '/';
  const out = new Map<string, string>();
  for (const [p, c] of tree) if (p.startsWith(prefix)) out.set(p.slice(prefix.length), c);
  return out;
}
