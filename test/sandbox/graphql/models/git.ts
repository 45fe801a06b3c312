/**
 * Git objects: commits, trees, blobs, refs. The model stores a commit's tree flat (path -> content),
 * so sub-directory trees are derived on demand and hashed the same way the root tree is.
 */
import type { GraphQLResolveInfo } from 'graphql';
import { blobSha, treeHash, type Commit } from '../../state.js';
import { encodeNodeId } from '../ids.js';
import { Connection, type PageArgs } from '../pagination.js';
import { repoUrl, type Ctx } from '../context.js';
import { UserModel, isBotLogin } from './actors.js';
import { RepositoryModel } from './repository.js';
import { PullRequestModel, listPulls } from './issues.js';
import { BlameModel } from './blame.js';

const MODE_FILE = 0o100644;
const MODE_DIR = 0o40000;
const QUALIFIED_PREFIX = 'refs/';

const base64 = (s: string) => Buffer.from(s, 'utf8').toString('base64');

export class CommitModel {
  readonly __typename = 'Commit';
  constructor(
    protected readonly _ctx: Ctx,
    protected readonly _commit: Commit,
  ) {}
  id() {
    return encodeNodeId('Commit', this._commit.sha);
  }
  oid() {
    return this._commit.sha;
  }
  abbreviatedOid() {
    return this._commit.sha.slice(0, 7);
  }
  message() {
    return this._commit.message;
  }
  messageHeadline() {
    return this._commit.message.split('\n')[0];
  }
  messageBody() {
    return this._commit.message.split('\n').slice(1).join('\n').trim();
  }
  committedDate() {
    return this._commit.date;
  }
  authoredDate() {
    return this._commit.date;
  }
  /** deprecated by GitHub ("no longer supported") and always null there */
  pushedDate() {
    return null;
  }
  author() {
    return this.gitActor();
  }
  committer() {
    return this.gitActor();
  }
  authoredByCommitter() {
    return true;
  }
  committedViaWeb() {
    return false;
  }
  tree() {
    return new TreeModel(this._ctx, this._commit.treeSha, this._commit.tree, '');
  }
  parents(args: PageArgs, _c: unknown, info: GraphQLResolveInfo) {
    const parents = this._commit.parents
      .map((p) => this._ctx.state.commits.get(p))
      .filter((c) => c !== undefined);
    return new Connection(
      info.fieldName,
      parents.map((c) => new CommitModel(this._ctx, c)),
      args,
    );
  }
  /** first-parent history, optionally only commits that changed `path` */
  history(
    args: PageArgs & { path?: string | null; since?: string | null; until?: string | null },
    _c: unknown,
    info: GraphQLResolveInfo,
  ) {
    const { commits } = this._ctx.state;
    const out: CommitModel[] = [];
    for (let c: Commit | undefined = this._commit; c; c = commits.get(c.parents[0] ?? '')) {
      if (args.since && c.date < args.since) continue;
      if (args.until && c.date > args.until) continue;
      if (args.path) {
        const parent = commits.get(c.parents[0] ?? '');
        if (parent && parent.tree.get(args.path) === c.tree.get(args.path)) continue;
        if (!parent && !c.tree.has(args.path)) continue;
      }
      out.push(new CommitModel(this._ctx, c));
    }
    return new Connection(info.fieldName, out, args);
  }
  /** `git blame` of one file at this commit (blame.ts) */
  blame({ path }: { path: string }) {
    return new BlameModel(this._ctx, this._commit, path);
  }
  file({ path }: { path: string }) {
    return treeEntry(this._ctx, this._commit.tree, normalisePath(path));
  }
  associatedPullRequests(args: PageArgs, _c: unknown, info: GraphQLResolveInfo) {
    const sha = this._commit.sha;
    const pulls = listPulls(this._ctx, {}).filter(
      (p) => p.pull.commits.includes(sha) || p.pull.mergeCommitSha === sha,
    );
    return new Connection(
      info.fieldName,
      pulls.map((p) => new PullRequestModel(this._ctx, p)),
      args,
    );
  }
  repository() {
    return new RepositoryModel(this._ctx);
  }
  url() {
    return `${repoUrl(this._ctx)}/commit/${this._commit.sha}`;
  }
  commitUrl() {
    return this.url();
  }
  resourcePath() {
    return new URL(this.url()).pathname;
  }
  commitResourcePath() {
    return this.resourcePath();
  }
  private gitActor() {
    const login = this._commit.author;
    return {
      name: login,
      email: `${login}@users.noreply.github.com`,
      date: this._commit.date,
      user: isBotLogin(login) ? null : new UserModel(this._ctx, login),
    };
  }
}

export const BLOB_TEXT_MAX_BYTES = 512_000;

export class BlobModel {
  readonly __typename = 'Blob';
  constructor(
    protected readonly _ctx: Ctx,
    protected readonly _content: string,
  ) {}
  id() {
    return encodeNodeId('Blob', this.oid());
  }
  oid() {
    return blobSha(this._content);
  }
  abbreviatedOid() {
    return this.oid().slice(0, 7);
  }
  byteSize() {
    return Buffer.byteLength(this._content);
  }
  isBinary() {
    return this._content.includes('\0');
  }
  /** GitHub cuts `Blob.text` at 512,000 bytes and sets `isTruncated` (the REST API has the whole file) */
  isTruncated() {
    return Buffer.byteLength(this._content) > BLOB_TEXT_MAX_BYTES;
  }
  text() {
    if (this.isBinary()) return null;
    return this.isTruncated()
      ? Buffer.from(this._content).subarray(0, BLOB_TEXT_MAX_BYTES).toString('utf8')
      : this._content;
  }
  repository() {
    return new RepositoryModel(this._ctx);
  }
  commitUrl() {
    return repoUrl(this._ctx);
  }
  commitResourcePath() {
    return new URL(repoUrl(this._ctx)).pathname;
  }
}

export class TreeModel {
  readonly __typename = 'Tree';
  constructor(
    protected readonly _ctx: Ctx,
    protected readonly _oid: string,
    /** path (relative to this tree) -> content */
    protected readonly _files: Map<string, string>,
    /** this tree's path from the root ('' for the root) */
    protected readonly _path: string,
  ) {}
  id() {
    return encodeNodeId('Tree', this._oid);
  }
  oid() {
    return this._oid;
  }
  abbreviatedOid() {
    return this._oid.slice(0, 7);
  }
  repository() {
    return new RepositoryModel(this._ctx);
  }
  commitUrl() {
    return repoUrl(this._ctx);
  }
  commitResourcePath() {
    return new URL(repoUrl(this._ctx)).pathname;
  }
  entries() {
    const names = new Map<string, 'blob' | 'tree'>();
    for (const path of this._files.keys()) {
      const slash = path.indexOf('/');
      names.set(slash < 0 ? path : path.slice(0, slash), slash < 0 ? 'blob' : 'tree');
    }
    // git orders a tree's entries by name, comparing a directory as `name/`
    const key = (name: string) => (names.get(name) === 'tree' ? `${name}/` : name);
    return [...names.keys()]
      .sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0))
      .map((name) => treeEntry(this._ctx, this._files, name, this._path)!);
  }
}

/** The entry at `path` of a flat tree (a file or a derived directory), or null. */
function treeEntry(ctx: Ctx, files: Map<string, string>, path: string, basePath = ''): TreeEntryModel | null {
  const full = basePath ? `${basePath}/${path}` : path;
  const content = files.get(path);
  if (content !== undefined) return new TreeEntryModel(ctx, full, new BlobModel(ctx, content));
  const sub = subtree(ctx, files, path);
  return sub ? new TreeEntryModel(ctx, full, new TreeModel(ctx, treeHash(sub), sub, full)) : null;
}

/** The files under directory `dir`, relative to it; remembered by oid for `object(oid:)`. */
function subtree(ctx: Ctx, files: Map<string, string>, dir: string): Map<string, string> | undefined {
  const prefix = `${dir}/`;
  const sub = new Map<string, string>();
  for (const [p, c] of files) if (p.startsWith(prefix)) sub.set(p.slice(prefix.length), c);
  if (!sub.size) return undefined;
  ctx.subtrees.set(treeHash(sub), sub);
  return sub;
}

export class TreeEntryModel {
  readonly __typename = 'TreeEntry';
  constructor(
    protected readonly _ctx: Ctx,
    readonly path: string,
    protected readonly _object: BlobModel | TreeModel,
  ) {}
  name() {
    return this.path.slice(this.path.lastIndexOf('/') + 1);
  }
  nameRaw() {
    return base64(this.name());
  }
  pathRaw() {
    return base64(this.path);
  }
  type() {
    return this._object instanceof BlobModel ? 'blob' : 'tree';
  }
  mode() {
    return this._object instanceof BlobModel ? MODE_FILE : MODE_DIR;
  }
  oid() {
    return this._object.oid();
  }
  object() {
    return this._object;
  }
  size() {
    return this._object instanceof BlobModel ? this._object.byteSize() : 0;
  }
  extension() {
    const name = this.name();
    const dot = name.lastIndexOf('.');
    return this._object instanceof BlobModel && dot > 0 ? name.slice(dot) : null;
  }
  lineCount() {
    const text = this._object instanceof BlobModel ? this._object.text() : null;
    if (text === null) return null;
    return text === '' ? 0 : text.split('\n').length - (text.endsWith('\n') ? 1 : 0);
  }
  isGenerated() {
    return false;
  }
  language() {
    return null;
  }
  submodule() {
    return null;
  }
  repository() {
    return new RepositoryModel(this._ctx);
  }
}

const normalisePath = (path: string) => path.replace(/^\/+|\/+$/g, '');

/** A git object by oid: commit, root tree, a derived sub-tree met before, or blob. */
export function objectByOid(ctx: Ctx, oid: string): CommitModel | TreeModel | BlobModel | null {
  const { state } = ctx;
  const commit = state.commits.get(oid);
  if (commit) return new CommitModel(ctx, commit);
  const tree = state.trees.get(oid) ?? ctx.subtrees.get(oid);
  if (tree) return new TreeModel(ctx, oid, tree, '');
  const blob = state.blobs.get(oid);
  return blob !== undefined ? new BlobModel(ctx, blob) : null;
}

/** `Repository.object(expression:)`: `rev`, `rev:path`, `rev:` (root tree), or an object id. */
export function objectByExpression(ctx: Ctx, expression: string): CommitModel | TreeModel | BlobModel | null {
  const colon = expression.indexOf(':');
  const rev = colon < 0 ? expression : expression.slice(0, colon);
  const sha = resolveRevision(ctx, rev);
  if (!sha) return colon < 0 ? objectByOid(ctx, expression) : null;
  const commit = ctx.state.commits.get(sha)!;
  if (colon < 0) return new CommitModel(ctx, commit);
  const path = normalisePath(expression.slice(colon + 1));
  if (!path) return new TreeModel(ctx, commit.treeSha, commit.tree, '');
  return treeEntry(ctx, commit.tree, path)?.object() ?? null;
}

function resolveRevision(ctx: Ctx, rev: string): string | undefined {
  try {
    return ctx.state.resolveRef(rev === 'HEAD' || rev === '' ? undefined : rev);
  } catch {
    return undefined;
  }
}

/** `refs/heads/main` -> the model's `heads/main` key */
const refKey = (qualified: string) => qualified.slice(QUALIFIED_PREFIX.length);

export class RefModel {
  readonly __typename = 'Ref';
  constructor(
    protected readonly _ctx: Ctx,
    /** e.g. `refs/heads/main` */
    protected readonly _qualified: string,
  ) {}
  id() {
    return encodeNodeId('Ref', this._qualified);
  }
  name() {
    return this._qualified.slice(this.prefix().length);
  }
  prefix() {
    return this._qualified.slice(0, this._qualified.indexOf('/', QUALIFIED_PREFIX.length) + 1);
  }
  target() {
    const sha = this._ctx.state.refs.get(refKey(this._qualified));
    return sha ? objectByOid(this._ctx, sha) : null;
  }
  repository() {
    return new RepositoryModel(this._ctx);
  }
  branchProtectionRule() {
    return null;
  }
  associatedPullRequests(
    args: PageArgs & { states?: string[] | null },
    _c: unknown,
    info: GraphQLResolveInfo,
  ) {
    const branch = this.prefix() === 'refs/heads/' ? this.name() : undefined;
    const pulls = branch ? listPulls(this._ctx, { headRefName: branch, states: args.states }) : [];
    return new Connection(
      info.fieldName,
      pulls.map((p) => new PullRequestModel(this._ctx, p)),
      args,
    );
  }
}

/** `Repository.ref(qualifiedName:)`: a fully qualified name first, then a short branch or tag name. */
export function refByName(ctx: Ctx, name: string): RefModel | null {
  const { refs } = ctx.state;
  if (name.startsWith(QUALIFIED_PREFIX) && refs.has(refKey(name))) return new RefModel(ctx, name);
  for (const kind of ['heads', 'tags'])
    if (refs.has(`${kind}/${name}`)) return new RefModel(ctx, `refs/${kind}/${name}`);
  return null;
}

export function listRefs(
  ctx: Ctx,
  args: {
    refPrefix: string;
    query?: string | null;
    orderBy?: { field: string; direction: string } | null;
    direction?: string | null;
  },
): RefModel[] {
  const q = args.query?.toLowerCase();
  const names = [...ctx.state.refs.keys()]
    .map((k) => `${QUALIFIED_PREFIX}${k}`)
    .filter((qualified) => qualified.startsWith(args.refPrefix))
    .filter((qualified) => !q || qualified.slice(args.refPrefix.length).toLowerCase().includes(q));
  const commitDate = (qualified: string) =>
    ctx.state.commits.get(ctx.state.refs.get(refKey(qualified))!)?.date ?? '';
  const byDate = args.orderBy?.field === 'TAG_COMMIT_DATE';
  names.sort((a, b) => {
    const [ka, kb] = byDate ? [commitDate(a), commitDate(b)] : [a, b];
    return ka < kb ? -1 : ka > kb ? 1 : a < b ? -1 : 1;
  });
  if ((args.orderBy?.direction ?? args.direction) === 'DESC') names.reverse();
  return names.map((n) => new RefModel(ctx, n));
}
