/**
 * Who may do what: a cached lookup of repository permission and team membership. Governance
 * commands are honoured only from people the config allows; bots are never people.
 */
import type { Permission } from '../config/types.js';
import { statusOf, type RepoClient } from './repo.js';

export const PERMISSION_ORDER: readonly Permission[] = ['read', 'triage', 'write', 'maintain', 'admin'];

/** Logins GitHub gives apps and bots end in `[bot]`; they never count as people. */
export function isBot(login: string, type?: string): boolean {
  return login.endsWith('[bot]') || type === 'Bot';
}

export function atLeast(actual: Permission | 'none', required: Permission): boolean {
  if (actual === 'none') return false;
  return PERMISSION_ORDER.indexOf(actual) >= PERMISSION_ORDER.indexOf(required);
}

export interface PermissionLookup {
  permissionOf(login: string): Promise<Permission | 'none'>;
  isTeamMember(team: string, login: string): Promise<boolean>;
}

/** REST-backed lookup; each login and team is asked once per run. */
export class CachedPermissions implements PermissionLookup {
  private readonly perms = new Map<string, Promise<Permission | 'none'>>();
  private readonly teams = new Map<string, Promise<boolean>>();

  constructor(private readonly gh: RepoClient) {}

  permissionOf(login: string): Promise<Permission | 'none'> {
    if (isBot(login)) return Promise.resolve('none');
    const key = login.toLowerCase();
    let p = this.perms.get(key);
    if (!p) {
      p = this.fetchPermission(login);
      this.perms.set(key, p);
    }
    return p;
  }

  /** `team` is `slug` (in the repository owner's org) or `org/slug`. */
  isTeamMember(team: string, login: string): Promise<boolean> {
    const [org, slug] = team.includes('/') ? team.split('/', 2) : [this.gh.owner, team];
    const key = `${org}/${slug}/${login}`.toLowerCase();
    let p = this.teams.get(key);
    if (!p) {
      p = this.gh.octokit.rest.teams
        .getMembershipForUserInOrg({ org, team_slug: slug, username: login })
        .then((r) => r.data.state === 'active')
        .catch((e: unknown) => {
          if (statusOf(e) === 404) return false;
          throw e;
        });
      this.teams.set(key, p);
    }
    return p;
  }

  private async fetchPermission(login: string): Promise<Permission | 'none'> {
    try {
      const { data } = await this.gh.octokit.rest.repos.getCollaboratorPermissionLevel({
        ...this.gh.ref,
        username: login,
      });
      // role_name distinguishes triage and maintain, which `permission` folds into read and write.
      const role = (data as { role_name?: string }).role_name;
      if (role && (PERMISSION_ORDER as string[]).includes(role)) return role as Permission;
      const p = data.permission;
      return (PERMISSION_ORDER as string[]).includes(p) ? (p as Permission) : 'none';
    } catch (e) {
      if (statusOf(e) === 404) return 'none';
      throw e;
    }
  }
}

/** A fixed table, for tests and for decisions made from an already-gathered snapshot. */
export class StaticPermissions implements PermissionLookup {
  constructor(
    private readonly table: Record<string, Permission>,
    private readonly teamTable: Record<string, string[]> = {},
  ) {}
  async permissionOf(login: string): Promise<Permission | 'none'> {
    if (isBot(login)) return 'none';
    return this.table[login] ?? 'none';
  }
  async isTeamMember(team: string, login: string): Promise<boolean> {
    const slug = team.includes('/') ? team.split('/')[1] : team;
    return (this.teamTable[slug] ?? []).some((m) => m.toLowerCase() === login.toLowerCase());
  }
}
