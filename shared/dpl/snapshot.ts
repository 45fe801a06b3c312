/** What decide reads: everything gather found, as plain data. */
import type { KnownComment } from '../plan/effects.js';
import type { PullActivity } from './keep-votes.js';
import type { PeopleMap } from './people.js';
import type { CurrentCycle, HistoryCommit, ReviewRecord } from './validate.js';

/**
 * A reset this action opened whose opening a run did not finish (killed between opening the pull
 * request and labelling it: the label is written last). Actions find their resets by label, so
 * only a look-up by branch sees it; the next run finishes it (reviewers, then the label).
 */
export function isUnfinishedOpening(pull: ResetPull, resetLabel: string): boolean {
  return (
    pull.state === 'OPEN' &&
    pull.authorIsBot &&
    !pull.labels.some((l) => l.toLowerCase() === resetLabel.toLowerCase())
  );
}

/** Reset pull requests live on `dpl-reset/<cycle>/<team slug>` branches. */
export const RESET_BRANCH_PREFIX = 'dpl-reset/';

export type DplTrigger =
  /** a cycle tag was pushed, a release published, or a cycle dispatched: open the resets */
  | { kind: 'open-cycle'; cycle: string; source: string }
  /**
   * schedule / dispatch: look at every open reset pull request, and finish opening the current
   * cycle (a run that deferred part of it to the write budget, or crashed midway)
   */
  | { kind: 'evaluate'; source: string }
  /** a review or comment on one reset pull request */
  | { kind: 'reset-pull'; number: number }
  /** a pull request (not a reset) that changes the projects file, or a review on it */
  | { kind: 'validate'; number: number }
  | { kind: 'ignore'; reason: string };

export interface ResetPull extends PullActivity {
  number: number;
  state: 'OPEN' | 'CLOSED' | 'MERGED';
  branch: string;
  headSha: string;
  /** first parent of the head commit: the default-branch commit the change was built on */
  headParent: string | null;
  author: string;
  authorIsBot: boolean;
  labels: string[];
  /** the action's status comment, when gather found it (null = known absent; undefined = unknown) */
  statusComment?: KnownComment | null;
  /** whether the head branch still exists, when gather read it */
  branchExists?: boolean;
}

/** The latest cycle tag, while its nominations have not opened: its opening may be unfinished. */
export interface CycleOpening {
  cycle: string;
  /** the cycle's reset pull requests gather found, in any state (open, kept, merged, closed by hand) */
  resetPulls: ResetPull[];
  /**
   * Teams with distributed leadership in the projects file at the cycle tag: a team that opted in
   * later chose DPL for the coming term and is not reset this cycle. Undefined when not read
   * (every team already had its reset).
   */
  distributedAtTag?: ReadonlySet<string>;
}

export interface ValidationSnapshot {
  number: number;
  headSha: string;
  author: string;
  /** null: the change deletes the projects file */
  headText: string | null;
  /** why the head's projects file is there but cannot be read as text (binary, not a file) */
  headUnreadable?: string;
  reviews: ReviewRecord[];
  cycle?: CurrentCycle;
  history: HistoryCommit[];
}

export interface DplSnapshot {
  trigger: DplTrigger;
  now: Date;
  defaultBranch: string;
  defaultHead: string;
  /** the projects file on the default branch (null when missing) */
  projectsText: string | null;
  people: PeopleMap;
  /** open-cycle: the cycle's reset pull requests in any state; otherwise the open ones concerned */
  resetPulls: ResetPull[];
  /** logins that may be asked for a review (resets to open only; undefined = do not filter) */
  reviewable?: ReadonlySet<string>;
  /** evaluate: the current cycle, whose resets a scheduled run opens when they are missing */
  currentCycle?: CycleOpening;
  /** evaluate: the latest 100 merged or closed reset pull requests (with `branchExists`) */
  settledResets?: ResetPull[];
  validation?: ValidationSnapshot;
}

/** `Release Management` -> `release-management`: a branch-safe name for a team. */
export function teamSlug(team: string): string {
  return team
    .toLowerCase()
    .replace(/[^a-z0-9._-]+/g, '-')
    .replace(/^[-.]+|[-.]+$/g, '');
}

export function resetBranch(cycle: string, team: string): string {
  return `${RESET_BRANCH_PREFIX}${cycle}/${teamSlug(team)}`;
}

/** `dpl-reset/2027.1/freezer` -> {cycle, slug}; undefined for other branches. */
export function parseResetBranch(branch: string): { cycle: string; slug: string } | undefined {
  if (!branch.startsWith(RESET_BRANCH_PREFIX)) return undefined;
  const rest = branch.slice(RESET_BRANCH_PREFIX.length);
  const slash = rest.lastIndexOf('/');
  if (slash <= 0 || slash === rest.length - 1) return undefined;
  return { cycle: rest.slice(0, slash), slug: rest.slice(slash + 1) };
}
