/**
 * Other repositories, of any owner, that the sandbox serves read-only next to its own: a release
 * schedule in `kubevirt/sig-release`, the org-wide `<owner>/.github` defaults. Each is a RepoState
 * of its own (files on its default branch, no issues), so the REST routes and GraphQL models answer
 * for it exactly as for the main repository. A private one is invisible (GitHub answers 404 / NOT_FOUND
 * to a token that cannot see it, as the workflow's GITHUB_TOKEN cannot see another private repository).
 */
import { RepoState, type Permission } from './state.js';

export interface OtherRepoSeed {
  default_branch?: string;
  files?: Record<string, string>;
  private?: boolean;
  /** topics, by which an organisation-wide run may select the repository */
  topics?: string[];
  /**
   * A GitHub App installed on this repository too, whose installation token the action runs with:
   * the token reads and writes it as it does the sandbox's own repository (issues, labels, comments).
   */
  installed?: boolean;
  /** archived: GitHub answers every read as before and refuses every write (403, read-only) */
  archived?: boolean;
  collaborators?: Record<string, Permission>;
  labels?: string[];
}

/** Ids apart from the main repository's (100001) and from forks'. */
const FIRST_OTHER_ID = 300001;

export class OtherRepoState extends RepoState {
  archived = false;

  constructor(
    owner: string,
    name: string,
    seed: OtherRepoSeed,
    repoId: number,
    readonly isPrivate: boolean,
    readonly installed: boolean,
  ) {
    super({
      owner,
      name,
      default_branch: seed.default_branch,
      files: seed.files,
      repo_id: repoId,
      collaborators: seed.collaborators,
      labels: seed.labels,
    });
    // nobody acts in this repository unless the token's app is installed on it (addOtherRepo)
    this.actor = '';
    // its GraphQL node ids name it, so that `node(id:)` finds its issues and comments (graphql/ids.ts)
    if (installed) this.nodeScope = `@${repoId}`;
  }

  /** A public repository: anyone may read it, nobody may write, unless the token's app is installed there. */
  override permissionOf(login: string): Permission | 'none' {
    return this.installed ? super.permissionOf(login) : 'read';
  }
}

/** Adds `owner/name` to what the sandbox serves; its owner type follows the main repository's when the owner is the same. */
export function addOtherRepo(state: RepoState, fullName: string, seed: OtherRepoSeed = {}): OtherRepoState {
  const m = /^([^/\s]+)\/([^/\s]+)$/.exec(fullName);
  if (!m) throw new Error(`an other repository is named owner/name, not ${JSON.stringify(fullName)}`);
  const key = fullName.toLowerCase();
  if (key === `${state.owner}/${state.name}`.toLowerCase())
    throw new Error(`${fullName} is the sandbox's own repository`);
  if (state.others.has(key)) throw new Error(`${fullName} is listed twice`);
  const other = new OtherRepoState(
    m[1],
    m[2],
    seed,
    FIRST_OTHER_ID + state.others.size,
    seed.private ?? false,
    seed.installed ?? false,
  );
  if (other.installed) other.actor = state.actor;
  if (m[1].toLowerCase() === state.owner.toLowerCase()) other.ownerType = state.ownerType;
  other.topics = [...(seed.topics ?? [])];
  other.archived = seed.archived ?? false;
  other.now = state.now;
  state.others.set(key, other);
  return other;
}

/** The other repository a request names, on the main repository's clock; undefined when missing or private. */
export function visibleOtherRepo(state: RepoState, owner: string, name: string): OtherRepoState | undefined {
  const other = state.others.get(`${owner}/${name}`.toLowerCase());
  if (!(other instanceof OtherRepoState) || other.isPrivate) return undefined;
  other.now = state.now;
  return other;
}

/**
 * The repositories of `owner` this token can see, the main one first, then the others as listed:
 * GraphQL `organization.repositories` (a private one stays invisible, as to a token that cannot see it).
 */
export function visibleReposOf(state: RepoState, owner: string): RepoState[] {
  const own = state.owner.toLowerCase() === owner.toLowerCase() ? [state] : [];
  const others = [...state.others.values()].filter(
    (o) => o instanceof OtherRepoState && !o.isPrivate && o.owner.toLowerCase() === owner.toLowerCase(),
  );
  for (const o of others) o.now = state.now;
  return [...own, ...others];
}

/** Whether a repository the sandbox serves is archived (only other repositories can be). */
export function isArchived(state: RepoState): boolean {
  return state instanceof OtherRepoState && state.archived;
}

/** The other repository with GitHub's numeric id `id` (the `/repositories/{id}` form of its URLs). */
export function otherRepoById(state: RepoState, id: number): OtherRepoState | undefined {
  for (const other of state.others.values())
    if (other instanceof OtherRepoState && other.repoId === id && !other.isPrivate) return other;
  return undefined;
}

/** GitHub's answer to the workflow token writing to a repository it was not issued for. */
const NOT_ACCESSIBLE = 'Resource not accessible by integration';
const COLLABORATORS_NEED_PUSH = 'Must have push access to view repository collaborators.';
/** GitHub's answer to any write to an archived repository, whoever makes it. */
export const ARCHIVED = 'Repository was archived so is read-only.';

/**
 * Why GitHub refuses this request to another (public) repository with 403, or undefined when it
 * answers it: every read but the collaborator lists (which need push access); no write.
 */
export function otherRepoRefusal(
  method: string,
  operation: string,
  other: OtherRepoState,
): string | undefined {
  const write = method !== 'GET' && method !== 'HEAD';
  if (write && other.archived) return ARCHIVED;
  if (other.installed) return undefined;
  if (write) return NOT_ACCESSIBLE;
  if (operation.startsWith('GET /repos/{owner}/{repo}/collaborators')) return COLLABORATORS_NEED_PUSH;
  return undefined;
}
