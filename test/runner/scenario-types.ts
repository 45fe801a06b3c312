/** The typed form of a scenario file (docs/scenarios.md). */
import type { FaultKind } from '../sandbox/faults.js';
import type { TokenKind } from '../sandbox/rate-limit.js';
import type { Permission } from '../sandbox/state.js';

export const DEFAULT_ACTOR = 'github-actions[bot]';
export const DEFAULT_OWNER = 'acme';
export const DEFAULT_REPO = 'community';
export const DEFAULT_BRANCH = 'main';

export type FileChanges = Record<string, string | null>;
export type ReviewStateInput = 'APPROVED' | 'CHANGES_REQUESTED' | 'COMMENTED';
export const REVIEW_STATES: readonly ReviewStateInput[] = ['APPROVED', 'CHANGES_REQUESTED', 'COMMENTED'];
export const PERMISSIONS: readonly Permission[] = ['read', 'triage', 'write', 'maintain', 'admin'];

/** Extension: the action token's power; `read-only` is a fork pull request's GITHUB_TOKEN. */
export type TokenMode = 'write' | 'read-only';
export const TOKEN_MODES: readonly TokenMode[] = ['write', 'read-only'];
export { TOKEN_KINDS, type TokenKind } from '../sandbox/rate-limit.js';

/** Extension: who owns the repository, spelled as GitHub's `owner.type`. */
export type OwnerType = 'Organization' | 'User';
export const OWNER_TYPES: readonly OwnerType[] = ['Organization', 'User'];
/** Extension: where a pull request's head branch lives; `deleted-fork` sends `head.repo: null`. */
export type HeadRepo = 'same' | 'fork' | 'deleted-fork';
export const HEAD_REPOS: readonly HeadRepo[] = ['same', 'fork', 'deleted-fork'];
/** Extension: the `release` webhook action a release step emits. */
export type ReleaseActivity = 'created' | 'published' | 'prereleased' | 'released';
export const RELEASE_ACTIVITIES: readonly ReleaseActivity[] = [
  'created',
  'published',
  'prereleased',
  'released',
];

export interface RepoSpec {
  owner: string;
  name: string;
  defaultBranch: string;
  collaborators: Record<string, Permission>;
  teams: Record<string, string[]>;
  labels: string[];
  files: Record<string, string>;
  tags: string[];
  /** extension: the token the action runs with (default write) */
  token: TokenMode;
  /** extension: which kind of token, for its rate limits (default github-token) */
  tokenKind: TokenKind;
  /** extension: check names branch protection requires on the default branch before a merge */
  requiredChecks: string[];
  /** extension: an organization (default) or a user account owns the repository */
  ownerType: OwnerType;
  /** extension: read-only repositories of any owner the sandbox also serves, by `owner/name` */
  otherRepos: Record<string, OtherRepoSpec>;
}

/** Extension: another repository (a release schedule, the org's `.github`), files on its default branch. */
export interface OtherRepoSpec {
  defaultBranch: string;
  files: Record<string, string>;
  /** private: invisible to the action's token (404 / NOT_FOUND) */
  private: boolean;
  /** extension: the repository's topics (an organisation-wide run may select by topic) */
  topics: string[];
  /** extension: the token's app is installed here too: it reads and writes it like `repo` */
  installed: boolean;
  /** extension: archived: read as ever, every write refused (403, read-only) */
  archived: boolean;
  collaborators: Record<string, Permission>;
  labels: string[];
  issues: SeedIssue[];
}

export interface SeedComment {
  by: string;
  body: string;
  at: string;
}

export interface SeedReview {
  by: string;
  state: ReviewStateInput;
  body: string;
  at: string;
}

export interface SeedIssue {
  number: number;
  title: string;
  author: string;
  createdAt: string;
  body: string;
  labels: string[];
  state: 'open' | 'closed';
  comments: SeedComment[];
  pull?: { base: string; head: string; files: FileChanges; draft: boolean; headRepo: HeadRepo };
  reviews: SeedReview[];
}

export type StepAction =
  | { kind: 'label'; number: number; add?: string; remove?: string; by?: string }
  | { kind: 'comment'; number: number; by?: string; body: string; viaApp?: string }
  | { kind: 'edit-comment'; number: number; index: number; by?: string; body: string }
  | { kind: 'delete-comment'; number: number; index: number; by?: string }
  | { kind: 'review'; number: number; by: string; state: ReviewStateInput; body: string }
  /** extension: dismiss the n-th review (from 0) of a pull request */
  | { kind: 'dismiss-review'; number: number; index: number; by: string; message: string }
  | { kind: 'open-issue'; number?: number; title: string; author: string; body: string; labels: string[] }
  | {
      kind: 'open-pull';
      number?: number;
      title: string;
      author: string;
      base?: string;
      head: string;
      files: FileChanges;
      body: string;
      draft: boolean;
      labels: string[];
      headRepo: HeadRepo;
    }
  /** `committerDate`: the date written in the commit (its author's choice); the push is received at the step's time */
  | { kind: 'push'; number: number; files: FileChanges; by?: string; committerDate?: string }
  | { kind: 'edit'; number: number; title?: string; body?: string; by?: string }
  | { kind: 'close' | 'reopen' | 'merge'; number: number; by?: string }
  | { kind: 'commit'; files: FileChanges; message: string; by?: string }
  | { kind: 'tag'; name: string; by?: string }
  | { kind: 'release'; tag: string; by?: string; prerelease: boolean; activity: ReleaseActivity }
  | { kind: 'delete-tag'; name: string; by?: string }
  | { kind: 'schedule'; cron: string }
  | { kind: 'dispatch'; inputs: Record<string, string>; by?: string }
  /** extension: a completed check run on a pull request's head commit, written by another app */
  | { kind: 'check-run'; number: number; name: string; app: string; conclusion: string; title: string }
  | { kind: 'wait' };

export type StepKind = StepAction['kind'];

/** Extension: a sandbox fault installed for one step's runs (test/sandbox/faults.ts). */
export interface StepFault {
  method?: string;
  path?: RegExp;
  /** a regex on the request body (GraphQL: the JSON of query and variables) */
  body?: RegExp;
  nth?: number;
  times?: number;
  kind: FaultKind;
  delayMs?: number;
  /** only the requests of the step's n-th run (0-based index into `run`) */
  runIndex?: number;
}

export interface Step {
  index: number;
  line?: number;
  at: string;
  action: StepAction;
  /** `pull_request_target` instead of `pull_request` for pull-request steps */
  event?: 'pull_request' | 'pull_request_target';
  run: string[];
  inputs: Record<string, string>;
  expectFailure: boolean;
  expect?: Expectations;
  /** extension: faults installed just before this step's runs and cleared after them */
  faults: StepFault[];
  /** extension: start all of `run` at once instead of one after another */
  parallel: boolean;
  /** extension: this step's token, overriding `repo.token` */
  token?: TokenMode;
  /** extension: this step's token kind, overriding `repo.token-kind` */
  tokenKind?: TokenKind;
  /** extension: SIGKILL the (single) run right after the sandbox answered its n-th write */
  killAfterWrite?: number;
  /** extension: runner files this step's runs go without (their variables unset) */
  missingRunnerFiles?: ('GITHUB_STEP_SUMMARY' | 'GITHUB_OUTPUT')[];
}

export interface TextExpect {
  match: RegExp[];
  notMatch: RegExp[];
}

export interface IssueExpect {
  labels?: { include: string[]; exclude: string[] };
  state?: 'open' | 'closed';
  merged?: boolean;
  title?: TextExpect;
  body?: TextExpect;
  comments?: { byActor?: number; match: RegExp[]; notMatch: RegExp[] };
  reviewersRequested?: { include: string[] };
}

export interface CheckExpect {
  number: number;
  name: string;
  status?: string;
  conclusion?: string;
  /** extension: how many check runs of this name the head commit has (none duplicated) */
  count?: number;
  /**
   * extension: the latest run's annotations as the Checks tab shows them (`path:line message`):
   * how many, regexes some must match, regexes none may match
   */
  annotations?: { count?: number; match: RegExp[]; notMatch: RegExp[] };
}

export interface OpenedMatch {
  title?: RegExp;
  body: RegExp[];
  labelsInclude: string[];
  filesInclude: string[];
}

export interface OpenedExpect {
  count?: number;
  match: OpenedMatch[];
}

export interface Expectations {
  issues?: Map<number, IssueExpect>;
  checks?: CheckExpect[];
  pullsOpened?: OpenedExpect;
  issuesOpened?: OpenedExpect;
  files?: Map<string, { contains: string[]; notContains: string[] }>;
  outputs?: Map<string, Record<string, string>>;
  requests?: { max?: number; maxWrites?: number };
  /** extension: the job summary of the last run of an action (empty when it had no summary file) */
  jobSummary?: Map<string, TextExpect>;
  /** extension: the log (stdout and stderr) of the last run of an action */
  log?: Map<string, TextExpect>;
  /** extension: issues, checks, opened items and files of other repositories, by `owner/name` */
  otherRepos?: Map<string, Expectations>;
}

export interface Scenario {
  file: string;
  name: string;
  actor: string;
  repo: RepoSpec;
  issues: SeedIssue[];
  steps: Step[];
  expect?: Expectations;
}
