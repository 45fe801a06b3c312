/** The git database (refs, trees, blobs, commits), commit history, compare, tags and releases. */
import { SandboxError, blobSha, treeHash, type RepoState } from '../state.js';
import {
  type RouteContext,
  type RouteHandler,
  created,
  decodeBase64,
  encodeBase64,
  noContent,
  notFound,
  ok,
  paginate,
  validationFailed,
} from './context.js';
import { ancestors, isAncestor, mergeBase, subtree, touches } from './git-graph.js';
import { Shapes } from './shapes.js';

const shapes = (ctx: RouteContext) => new Shapes(ctx.state, ctx.baseUrl);

function refShape(ctx: RouteContext, name: string, sha: string) {
  const api = shapes(ctx).repoApi;
  return {
    ref: `refs/${name}`,
    node_id: `REF_${Buffer.from(name).toString('base64')}`,
    url: `${api}/git/refs/${name}`,
    object: { sha, type: 'commit', url: `${api}/git/commits/${sha}` },
  };
}

/** Refs strictly under `prefix` ('heads' -> heads/*), or every ref when the prefix is empty. */
const refsUnder = (state: RepoState, prefix: string) =>
  [...state.refs.entries()]
    .filter(([name]) => !prefix || name.startsWith(prefix.replace(/\/$/, '') + '/'))
    .sort(([a], [b]) => (a < b ? -1 : 1));

/** A tree by tree sha, or the tree of a commit, branch or tag (GitHub accepts any tree-ish). */
function treeOf(state: RepoState, treeish: string): Map<string, string> {
  const tree = state.trees.get(treeish);
  if (tree) return tree;
  try {
    return state.treeAt(treeish);
  } catch {
    return notFound();
  }
}

/** Entries of a flat path -> content tree, as GitHub lists them; registers subtrees so they can be read. */
function treeEntries(ctx: RouteContext, tree: Map<string, string>, recursive: boolean) {
  const api = shapes(ctx).repoApi;
  const dirs = new Set<string>();
  for (const path of tree.keys()) {
    const parts = path.split('/');
    for (let i = 1; i < parts.length; i++) dirs.add(parts.slice(0, i).join('/'));
  }
  const entries: { path: string; mode: string; type: string; sha: string; size?: number; url: string }[] = [];
  for (const dir of dirs) {
    if (!recursive && dir.includes('/')) continue;
    const sub = subtree(tree, dir);
    const sha = treeHash(sub);
    ctx.state.trees.set(sha, sub);
    entries.push({ path: dir, mode: '040000', type: 'tree', sha, url: `${api}/git/trees/${sha}` });
  }
  for (const [path, content] of tree) {
    if (!recursive && path.includes('/')) continue;
    const sha = blobSha(content);
    entries.push({
      path,
      mode: '100644',
      type: 'blob',
      sha,
      size: Buffer.byteLength(content),
      url: `${api}/git/blobs/${sha}`,
    });
  }
  return entries.sort((a, b) => (a.path < b.path ? -1 : 1));
}

function treeResponse(ctx: RouteContext, tree: Map<string, string>, recursive: boolean) {
  const sha = treeHash(tree);
  ctx.state.trees.set(sha, tree);
  return {
    sha,
    url: `${shapes(ctx).repoApi}/git/trees/${sha}`,
    tree: treeEntries(ctx, tree, recursive),
    truncated: false,
  };
}

/** `GET /commits/{ref}` and friends answer 422 (not 404) for a ref that names no commit. */
function commitSha(state: RepoState, ref: string): string {
  try {
    return state.resolveRef(ref);
  } catch {
    throw new SandboxError(422, `No commit found for SHA: ${ref}`);
  }
}

function moveRef(ctx: RouteContext, name: string, sha: string): void {
  if (name.startsWith('heads/')) ctx.state.moveBranch(name.slice('heads/'.length), sha, ctx.login);
  else ctx.state.refs.set(name, sha);
}

export const gitRoutes: Record<string, RouteHandler> = {
  'GET /repos/{owner}/{repo}/git/refs': (ctx) =>
    paginate(
      ctx,
      refsUnder(ctx.state, '').map(([n, sha]) => refShape(ctx, n, sha)),
    ),

  /** Legacy: one ref when the name is exact, else every ref under the prefix. */
  'GET /repos/{owner}/{repo}/git/refs/{ref}': (ctx) => {
    const name = String(ctx.params.ref).replace(/^refs\//, '');
    const sha = ctx.state.refs.get(name);
    if (sha) return ok(refShape(ctx, name, sha));
    const under = refsUnder(ctx.state, name);
    return under.length ? ok(under.map(([n, s]) => refShape(ctx, n, s))) : notFound();
  },

  'GET /repos/{owner}/{repo}/git/ref/{ref}': (ctx) => {
    const name = String(ctx.params.ref).replace(/^refs\//, '');
    const sha = ctx.state.refs.get(name);
    return sha ? ok(refShape(ctx, name, sha)) : notFound();
  },

  'GET /repos/{owner}/{repo}/git/matching-refs/{ref}': (ctx) => {
    const prefix = String(ctx.params.ref).replace(/^refs\//, '');
    return ok(
      [...ctx.state.refs.entries()]
        .filter(([n]) => n.startsWith(prefix))
        .sort()
        .map(([n, s]) => refShape(ctx, n, s)),
    );
  },

  'POST /repos/{owner}/{repo}/git/refs': (ctx) => {
    const { ref, sha } = ctx.body;
    if (!/^refs\/[^/]+\/.+/.test(ref)) validationFailed('Reference name is invalid');
    const name = ref.replace(/^refs\//, '');
    if (ctx.state.refs.has(name)) validationFailed('Reference already exists');
    if (!ctx.state.commits.has(sha)) validationFailed('Object does not exist');
    moveRef(ctx, name, sha);
    return created(refShape(ctx, name, sha));
  },

  'PATCH /repos/{owner}/{repo}/git/refs/{ref}': (ctx) => {
    const name = String(ctx.params.ref).replace(/^refs\//, '');
    const current = ctx.state.refs.get(name);
    const { sha, force } = ctx.body;
    if (!current) validationFailed('Reference does not exist');
    if (!ctx.state.commits.has(sha)) validationFailed('Object does not exist');
    if (!force && !isAncestor(ctx.state, current, sha)) validationFailed('Update is not a fast forward');
    moveRef(ctx, name, sha);
    return ok(refShape(ctx, name, sha));
  },

  /** Deleting a branch closes the open pull requests it heads, as on GitHub. */
  'DELETE /repos/{owner}/{repo}/git/refs/{ref}': (ctx) => {
    const name = String(ctx.params.ref).replace(/^refs\//, '');
    if (!ctx.state.refs.has(name)) validationFailed('Reference does not exist');
    const before = ctx.state.refs.get(name)!;
    ctx.state.refs.delete(name);
    if (name.startsWith('heads/'))
      ctx.state.recordActivity(name, before, '0'.repeat(40), 'branch_deletion', ctx.login);
    for (const issue of ctx.state.issues.values())
      if (issue.pull && issue.state === 'open' && `heads/${issue.pull.head}` === name)
        ctx.state.close(issue.number, ctx.login);
    return noContent();
  },

  'GET /repos/{owner}/{repo}/git/trees/{tree_sha}': (ctx) => {
    const recursive =
      ctx.query.recursive !== undefined && !['0', 'false'].includes(String(ctx.query.recursive));
    return ok(treeResponse(ctx, treeOf(ctx.state, ctx.params.tree_sha), recursive));
  },

  'POST /repos/{owner}/{repo}/git/trees': (ctx) => {
    const { base_tree, tree: entries } = ctx.body;
    const tree = new Map<string, string>(base_tree ? treeOf(ctx.state, base_tree) : []);
    const removeUnder = (path: string) => {
      for (const p of [...tree.keys()]) if (p === path || p.startsWith(path + '/')) tree.delete(p);
    };
    for (const e of entries as { path: string; type?: string; sha?: string | null; content?: string }[]) {
      if (e.content !== undefined && e.sha !== undefined)
        validationFailed('Invalid request.\n\nOnly one of "content" or "sha" may be supplied.');
      if (e.content !== undefined) {
        tree.set(e.path, e.content);
        ctx.state.blobs.set(blobSha(e.content), e.content);
      } else if (e.sha === null) {
        removeUnder(e.path);
      } else if (e.sha !== undefined) {
        if (e.type === 'tree') {
          const sub = ctx.state.trees.get(e.sha) ?? validationFailed(`tree.sha ${e.sha} is not a valid tree`);
          removeUnder(e.path);
          for (const [p, c] of sub) tree.set(`${e.path}/${p}`, c);
        } else {
          const content = ctx.state.blobs.get(e.sha);
          if (content === undefined) validationFailed(`tree.sha ${e.sha} is not a valid blob`);
          tree.set(e.path, content);
        }
      } else {
        validationFailed('Invalid request.\n\nMust supply either tree.sha or tree.content.');
      }
    }
    return created(treeResponse(ctx, tree, true));
  },

  'POST /repos/{owner}/{repo}/git/blobs': (ctx) => {
    const { content, encoding } = ctx.body;
    const text = encoding === 'base64' ? decodeBase64(content) : content;
    const sha = blobSha(text);
    ctx.state.blobs.set(sha, text);
    return created({ sha, url: `${shapes(ctx).repoApi}/git/blobs/${sha}` });
  },

  'GET /repos/{owner}/{repo}/git/blobs/{file_sha}': (ctx) => {
    const sha = ctx.params.file_sha;
    const text = ctx.state.blobs.get(sha) ?? notFound();
    return ok({
      sha,
      node_id: `B_${sha}`,
      size: Buffer.byteLength(text),
      url: `${shapes(ctx).repoApi}/git/blobs/${sha}`,
      content: encodeBase64(text),
      encoding: 'base64',
    });
  },

  'POST /repos/{owner}/{repo}/git/commits': (ctx) => {
    const { message, tree, parents = [], author } = ctx.body;
    const treeMap = ctx.state.trees.get(tree);
    if (!treeMap) validationFailed('Tree SHA does not exist');
    for (const p of parents)
      if (!ctx.state.commits.has(p)) validationFailed('Parent SHA does not exist or is not a commit object');
    const commit = ctx.state.createCommit(
      new Map(treeMap),
      parents,
      message,
      ctx.login,
      author?.date ?? ctx.state.now,
    );
    return created(shapes(ctx).gitCommit(commit));
  },

  'GET /repos/{owner}/{repo}/git/commits/{commit_sha}': (ctx) => {
    const commit = ctx.state.commits.get(ctx.params.commit_sha) ?? notFound();
    return ok(shapes(ctx).gitCommit(commit));
  },

  /** History, newest first; `path` keeps the commits that changed it. */
  'GET /repos/{owner}/{repo}/commits': (ctx) => {
    const q = ctx.query;
    const start = commitSha(ctx.state, q.sha ?? ctx.state.defaultBranch);
    const from = q.since ? Date.parse(q.since) : -Infinity;
    const to = q.until ? Date.parse(q.until) : Infinity;
    const list = ancestors(ctx.state, start)
      .map((c, order) => ({ c, order }))
      .filter(({ c }) => Date.parse(c.date) >= from && Date.parse(c.date) <= to)
      .filter(({ c }) => !q.author || c.author === q.author)
      .filter(({ c }) => !q.path || touches(ctx.state, c, q.path))
      .sort((a, b) => Date.parse(b.c.date) - Date.parse(a.c.date) || a.order - b.order)
      .map(({ c }) => shapes(ctx).commit(c, false));
    return paginate(ctx, list);
  },

  'GET /repos/{owner}/{repo}/commits/{ref}': (ctx) => {
    const commit = ctx.state.commits.get(commitSha(ctx.state, ctx.params.ref))!;
    return ok(shapes(ctx).commit(commit, true));
  },

  'GET /repos/{owner}/{repo}/compare/{basehead}': (ctx) => {
    const [baseRef, headRef] = String(ctx.params.basehead).split(/\.\.\.?/);
    if (!headRef) notFound();
    const s = ctx.state;
    let base: string;
    let head: string;
    try {
      base = s.resolveRef(baseRef);
      head = s.resolveRef(headRef);
    } catch {
      return notFound();
    }
    const mb = mergeBase(s, base, head) ?? base;
    const fromBase = new Set(ancestors(s, base).map((c) => c.sha));
    const fromHead = new Set(ancestors(s, head).map((c) => c.sha));
    const ahead = ancestors(s, head)
      .filter((c) => !fromBase.has(c.sha))
      .reverse();
    const behind = ancestors(s, base).filter((c) => !fromHead.has(c.sha));
    const sh = shapes(ctx);
    const status =
      !ahead.length && !behind.length
        ? 'identical'
        : !behind.length
          ? 'ahead'
          : !ahead.length
            ? 'behind'
            : 'diverged';
    return ok({
      url: `${sh.repoApi}/compare/${ctx.params.basehead}`,
      html_url: `${sh.repoWeb}/compare/${ctx.params.basehead}`,
      status,
      ahead_by: ahead.length,
      behind_by: behind.length,
      total_commits: ahead.length,
      base_commit: sh.commit(s.commits.get(base)!, false),
      merge_base_commit: sh.commit(s.commits.get(mb)!, false),
      commits: ahead.map((c) => sh.commit(c, false)),
      files: sh.files(s.commits.get(mb)!.tree, s.commits.get(head)!.tree, head),
    });
  },

  'GET /repos/{owner}/{repo}/tags': (ctx) => {
    const sh = shapes(ctx);
    const tags = [...ctx.state.refs.entries()]
      .filter(([n]) => n.startsWith('tags/'))
      .map(([n]) => n.slice('tags/'.length))
      .sort((a, b) => b.localeCompare(a, 'en', { numeric: true }));
    return paginate(
      ctx,
      tags.map((name) => {
        const sha = ctx.state.refs.get(`tags/${name}`)!;
        return {
          name,
          commit: { sha, url: `${sh.repoApi}/commits/${sha}` },
          zipball_url: `${sh.repoApi}/zipball/refs/tags/${name}`,
          tarball_url: `${sh.repoApi}/tarball/refs/tags/${name}`,
          node_id: `REF_${Buffer.from('tags/' + name).toString('base64')}`,
        };
      }),
    );
  },

  'GET /repos/{owner}/{repo}/releases': (ctx) =>
    paginate(
      ctx,
      releasesNewestFirst(ctx).map((r) => releaseShape(ctx, r)),
    ),

  'GET /repos/{owner}/{repo}/releases/latest': (ctx) => {
    const [latest] = releasesNewestFirst(ctx);
    return latest ? ok(releaseShape(ctx, latest)) : notFound();
  },

  'GET /repos/{owner}/{repo}/releases/tags/{tag}': (ctx) => {
    const release = ctx.state.releases.find((r) => r.tagName === ctx.params.tag) ?? notFound();
    return ok(releaseShape(ctx, release));
  },
};

function releasesNewestFirst(ctx: RouteContext) {
  return [...ctx.state.releases].sort(
    (a, b) => Date.parse(b.createdAt) - Date.parse(a.createdAt) || b.id - a.id,
  );
}

function releaseShape(ctx: RouteContext, r: RepoState['releases'][number]) {
  const sh = shapes(ctx);
  return {
    id: r.id,
    node_id: `RE_${r.id}`,
    url: `${sh.repoApi}/releases/${r.id}`,
    html_url: `${sh.repoWeb}/releases/tag/${r.tagName}`,
    tag_name: r.tagName,
    target_commitish: ctx.state.defaultBranch,
    name: r.name,
    body: r.body,
    draft: false,
    prerelease: r.prerelease ?? false,
    created_at: r.createdAt,
    published_at: r.publishedAt,
    author: sh.user(r.author),
    assets: [],
    assets_url: `${sh.repoApi}/releases/${r.id}/assets`,
    upload_url: `https://uploads.github.com/repos/${ctx.state.owner}/${ctx.state.name}/releases/${r.id}/assets{?name,label}`,
    tarball_url: `${sh.repoApi}/tarball/${r.tagName}`,
    zipball_url: `${sh.repoApi}/zipball/${r.tagName}`,
  };
}
