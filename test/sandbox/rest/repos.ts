/** The repository, its contents, collaborators, org teams and the rate limit. */
import { SandboxError, blobSha, sameLogin, type Permission } from '../state.js';
import {
  type RouteContext,
  type RouteHandler,
  decodeBase64,
  encodeBase64,
  noContent,
  notFound,
  ok,
  paginate,
  validationFailed,
} from './context.js';
import { Shapes } from './shapes.js';

const shapes = (ctx: RouteContext) => new Shapes(ctx.state, ctx.baseUrl);

/** The legacy `permission` field folds maintain into write and triage into read. */
const LEGACY_PERMISSION: Record<Permission | 'none', string> = {
  admin: 'admin',
  maintain: 'write',
  write: 'write',
  triage: 'read',
  read: 'read',
  none: 'none',
};

/** `permission` query values of GET /collaborators, by the role they need at least */
const PERMISSION_FILTER: Record<string, Permission> = {
  pull: 'read',
  triage: 'triage',
  push: 'write',
  maintain: 'maintain',
  admin: 'admin',
};

function contentEntry(ctx: RouteContext, path: string, content: string | undefined, ref: string) {
  const sh = shapes(ctx);
  const isFile = content !== undefined;
  const sha = isFile ? blobSha(content) : path;
  const url = `${sh.repoApi}/contents/${path}?ref=${encodeURIComponent(ref)}`;
  return {
    type: isFile ? 'file' : 'dir',
    name: path.split('/').pop()!,
    path,
    sha,
    size: isFile ? Buffer.byteLength(content) : 0,
    url,
    html_url: `${sh.repoWeb}/${isFile ? 'blob' : 'tree'}/${ref}/${path}`,
    git_url: `${sh.repoApi}/git/${isFile ? 'blobs' : 'trees'}/${sha}`,
    download_url: isFile
      ? `https://raw.githubusercontent.com/${ctx.state.owner}/${ctx.state.name}/${ref}/${path}`
      : null,
    _links: { self: url, git: `${sh.repoApi}/git/blobs/${sha}`, html: `${sh.repoWeb}/blob/${ref}/${path}` },
  };
}

function teamMembers(ctx: RouteContext): string[] {
  if (String(ctx.params.org).toLowerCase() !== ctx.state.owner.toLowerCase()) notFound();
  return ctx.state.teamMembers(ctx.params.team_slug) ?? notFound();
}

function collaboratorShape(ctx: RouteContext, login: string, role: Permission) {
  return { ...shapes(ctx).user(login), permissions: shapes(ctx).permissions(role), role_name: role };
}

/** Writes one file on a branch for PUT/DELETE contents, checking `sha` as GitHub does. */
function writeFile(ctx: RouteContext, content: string | null) {
  const path: string = ctx.params.path;
  const { message, sha, branch } = ctx.body;
  const s = ctx.state;
  const target = branch ?? s.defaultBranch;
  const current = s.treeAt(s.branchSha(target)).get(path);
  if (current !== undefined && sha === undefined)
    validationFailed('Invalid request.\n\n"sha" wasn\'t supplied.');
  if (current !== undefined && sha !== blobSha(current))
    throw new SandboxError(409, `${path} does not match ${sha}`);
  if (current === undefined && content === null) notFound();
  const commit = s.commitToBranch(target, { [path]: content }, message, ctx.login);
  const sh = shapes(ctx);
  return {
    content: content === null ? null : contentEntry(ctx, path, content, target),
    commit: sh.gitCommit(commit),
    existed: current !== undefined,
  };
}

export const repoRoutes: Record<string, RouteHandler> = {
  'GET /rate_limit': (ctx) => {
    const resources = ctx.rateLimits.snapshot();
    return ok({ resources, rate: resources.core });
  },

  'GET /repos/{owner}/{repo}': (ctx) => ok(shapes(ctx).repo(ctx.login)),

  'GET /repos/{owner}/{repo}/contents/{path}': (ctx) => {
    const path = String(ctx.params.path).replace(/^\/+|\/+$/g, '');
    const ref = ctx.query.ref ?? ctx.state.defaultBranch;
    const tree = ctx.state.treeAt(ref);
    const file = tree.get(path);
    if (file !== undefined)
      return ok({ ...contentEntry(ctx, path, file, ref), content: encodeBase64(file), encoding: 'base64' });
    const prefix = path ? path + '/' : '';
    const children = new Map<string, string | undefined>();
    for (const [p, c] of tree) {
      if (!p.startsWith(prefix)) continue;
      const [first, ...rest] = p.slice(prefix.length).split('/');
      children.set(prefix + first, rest.length ? undefined : c);
    }
    if (!children.size) notFound();
    return ok(
      [...children.entries()]
        .sort(([a], [b]) => (a < b ? -1 : 1))
        .map(([p, c]) => contentEntry(ctx, p, c, ref)),
    );
  },

  'PUT /repos/{owner}/{repo}/contents/{path}': (ctx) => {
    const result = writeFile(ctx, decodeBase64(ctx.body.content));
    return { status: result.existed ? 200 : 201, body: { content: result.content, commit: result.commit } };
  },

  'DELETE /repos/{owner}/{repo}/contents/{path}': (ctx) => {
    const result = writeFile(ctx, null);
    return ok({ content: null, commit: result.commit });
  },

  'GET /repos/{owner}/{repo}/collaborators': (ctx) => {
    const min = ctx.query.permission ? PERMISSION_FILTER[ctx.query.permission] : undefined;
    const order = ['read', 'triage', 'write', 'maintain', 'admin'];
    const list = [...ctx.state.collaborators.entries()]
      .filter(([, role]) => !min || order.indexOf(role) >= order.indexOf(min))
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([login, role]) => collaboratorShape(ctx, login, role));
    return paginate(ctx, list);
  },

  'GET /repos/{owner}/{repo}/collaborators/{username}': (ctx) =>
    ctx.state.collaboratorLogin(ctx.params.username) !== undefined ? noContent() : notFound(),

  /** Anyone who is not a collaborator answers permission "none" (GitHub does not 404 here). */
  'GET /repos/{owner}/{repo}/collaborators/{username}/permission': (ctx) => {
    const login = ctx.state.canonicalLogin(ctx.params.username);
    const role = ctx.state.permissionOf(login);
    return ok({
      permission: LEGACY_PERMISSION[role],
      role_name: role,
      user: { ...shapes(ctx).user(login), permissions: shapes(ctx).permissions(role), role_name: role },
    });
  },

  'GET /orgs/{org}/teams/{team_slug}/members': (ctx) =>
    paginate(
      ctx,
      teamMembers(ctx).map((m) => shapes(ctx).user(m)),
    ),

  'GET /orgs/{org}/teams/{team_slug}/memberships/{username}': (ctx) => {
    const member = teamMembers(ctx).find((m) => sameLogin(m, ctx.params.username)) ?? notFound();
    return ok({
      url: `${ctx.baseUrl}/orgs/${ctx.state.owner}/teams/${ctx.params.team_slug}/memberships/${member}`,
      role: 'member',
      state: 'active',
    });
  },
};
