/**
 * Actors: users, bots, teams and the repository's owning organization.
 *
 * GitHub's GraphQL API names a bot author by its app slug, without the `[bot]` suffix REST shows
 * (`github-actions[bot]` in REST is `{__typename: "Bot", login: "github-actions"}` here), while
 * `viewer` for an installation token is a `User` whose login keeps the suffix.
 */
import { encodeNodeId } from '../ids.js';
import { Connection, type PageArgs } from '../pagination.js';
import { GITHUB_URL, type Ctx } from '../context.js';
import type { GraphQLResolveInfo } from 'graphql';
import { sameLogin } from '../../state.js';
import { visibleReposOf } from '../../other-repos.js';
// a cycle used only inside methods, never while the modules load
import { RepositoryModel } from './repository.js';

const BOT_SUFFIX = '[bot]';
const FIXED_DATE = '2020-01-01T00:00:00Z';

export const isBotLogin = (login: string) => login.endsWith(BOT_SUFFIX);

function avatarUrl(ctx: Ctx, login: string): string {
  const id = ctx.state.users.get(login)?.id;
  return id
    ? `https://avatars.githubusercontent.com/u/${id}?v=4`
    : `https://avatars.githubusercontent.com/${login}`;
}

export class UserModel {
  readonly __typename = 'User';
  constructor(
    protected readonly _ctx: Ctx,
    readonly login: string,
  ) {}
  id() {
    return encodeNodeId('User', this.login);
  }
  databaseId() {
    return this._ctx.state.users.get(this.login)?.id ?? null;
  }
  name() {
    return null;
  }
  url() {
    return `${GITHUB_URL}/${this.login}`;
  }
  resourcePath() {
    return `/${this.login}`;
  }
  avatarUrl() {
    return avatarUrl(this._ctx, this.login);
  }
  isSiteAdmin() {
    return false;
  }
  email() {
    return '';
  }
  createdAt() {
    return FIXED_DATE;
  }
  updatedAt() {
    return FIXED_DATE;
  }
}

export class BotModel {
  readonly __typename = 'Bot';
  readonly login: string;
  constructor(
    protected readonly _ctx: Ctx,
    /** the REST login, with its `[bot]` suffix */
    protected readonly _restLogin: string,
  ) {
    this.login = _restLogin.slice(0, -BOT_SUFFIX.length);
  }
  id() {
    return encodeNodeId('Bot', this._restLogin);
  }
  databaseId() {
    return this._ctx.state.users.get(this._restLogin)?.id ?? null;
  }
  url() {
    return `${GITHUB_URL}/apps/${this.login}`;
  }
  resourcePath() {
    return `/apps/${this.login}`;
  }
  avatarUrl() {
    return avatarUrl(this._ctx, this._restLogin);
  }
  createdAt() {
    return FIXED_DATE;
  }
  updatedAt() {
    return FIXED_DATE;
  }
}

/** The `Actor` for a REST login (null for a missing one, as GitHub shows deleted accounts' content). */
export function actor(ctx: Ctx, login: string | null | undefined): UserModel | BotModel | null {
  if (!login) return null;
  return isBotLogin(login) ? new BotModel(ctx, login) : new UserModel(ctx, login);
}

/** `CommentAuthorAssociation` from what the model knows: owner, team member, collaborator. */
export function authorAssociation(ctx: Ctx, login: string): string {
  const { state } = ctx;
  if (sameLogin(login, state.owner)) return 'OWNER';
  for (const members of state.teams.values()) if (members.some((m) => sameLogin(m, login))) return 'MEMBER';
  if (state.collaboratorLogin(login) !== undefined) return 'COLLABORATOR';
  return 'NONE';
}

export function knownLogin(ctx: Ctx, login: string): boolean {
  const { state } = ctx;
  // logins are case-insensitive on GitHub
  if (sameLogin(login, state.actor) || state.collaboratorLogin(login) !== undefined) return true;
  if ([...state.users.keys()].some((u) => sameLogin(u, login))) return true;
  for (const members of state.teams.values()) if (members.some((m) => sameLogin(m, login))) return true;
  return false;
}

export class TeamModel {
  readonly __typename = 'Team';
  constructor(
    protected readonly _ctx: Ctx,
    readonly slug: string,
  ) {}
  id() {
    return encodeNodeId('Team', this.slug);
  }
  name() {
    return this.slug;
  }
  combinedSlug() {
    return `${this._ctx.state.owner}/${this.slug}`;
  }
  url() {
    return `${GITHUB_URL}/orgs/${this._ctx.state.owner}/teams/${this.slug}`;
  }
  resourcePath() {
    return `/orgs/${this._ctx.state.owner}/teams/${this.slug}`;
  }
  organization() {
    return new OrganizationModel(this._ctx);
  }
  members(args: PageArgs & { query?: string | null }, _c: unknown, info: GraphQLResolveInfo) {
    const q = args.query?.toLowerCase();
    const logins = (this._ctx.state.teamMembers(this.slug) ?? []).filter(
      (l) => !q || l.toLowerCase().includes(q),
    );
    return new TeamMemberConnection(
      info.fieldName,
      logins.map((l) => new UserModel(this._ctx, l)),
      args,
    );
  }
}

class TeamMemberConnection extends Connection<UserModel> {
  override edges() {
    return super.edges().map((e) => ({ ...e, role: 'MEMBER' }));
  }
}

export class OrganizationModel {
  readonly __typename = 'Organization';
  constructor(protected readonly _ctx: Ctx) {}
  login() {
    return this._ctx.state.owner;
  }
  id() {
    return encodeNodeId('Organization', this._ctx.state.owner);
  }
  name() {
    return this._ctx.state.owner;
  }
  url() {
    return `${GITHUB_URL}/${this._ctx.state.owner}`;
  }
  resourcePath() {
    return `/${this._ctx.state.owner}`;
  }
  avatarUrl() {
    return `https://avatars.githubusercontent.com/${this._ctx.state.owner}`;
  }
  /** the organisation's repositories this token can see (organisation-wide runs list them here) */
  repositories(args: PageArgs, _c: unknown, info: GraphQLResolveInfo) {
    const repos = visibleReposOf(this._ctx.state, this._ctx.state.owner);
    return new Connection(
      info.fieldName,
      repos.map((state) => new RepositoryModel({ ...this._ctx, state })),
      args,
    );
  }
  team({ slug }: { slug: string }) {
    return this._ctx.state.teams.has(slug) ? new TeamModel(this._ctx, slug) : null;
  }
  teams(args: PageArgs & { query?: string | null }, _c: unknown, info: GraphQLResolveInfo) {
    const q = args.query?.toLowerCase();
    const slugs = [...this._ctx.state.teams.keys()].filter((s) => !q || s.toLowerCase().includes(q)).sort();
    return new Connection(
      info.fieldName,
      slugs.map((s) => new TeamModel(this._ctx, s)),
      args,
    );
  }
}
