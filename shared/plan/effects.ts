/**
 * Effects as data. A decide function returns a Plan; the applier (apply.ts) makes it true on
 * GitHub, skipping whatever is already true, so applying a plan twice changes nothing.
 * Every effect carries `why`: the governance reason, shown in the log and the job summary.
 */
import type { DashboardSection } from '../dashboard/model.js';

export interface CheckAnnotation {
  path: string;
  start_line: number;
  end_line: number;
  annotation_level: 'notice' | 'warning' | 'failure';
  message: string;
  title?: string;
}

export type CheckConclusion = 'success' | 'failure' | 'neutral' | 'cancelled' | 'skipped' | 'action_required';

/** A comment the action already posted, as the gather step found it (id and body). */
export interface KnownComment {
  id: number;
  body: string;
}

export type Effect = EffectOf & {
  /**
   * The item this effect belongs to (see itemOf). Effects of one item are applied in order and
   * stop at its first failure; other items are applied whatever happens to this one.
   */
  item?: string;
};

type EffectOf =
  | { type: 'add-labels'; number: number; labels: string[]; why: string }
  | { type: 'remove-labels'; number: number; labels: string[]; why: string }
  /**
   * A comment identified by a hidden marker. `sticky`: one per marker, edited in place when the body
   * changes. `once`: posted once (a notifying announcement) and never edited.
   * `existing`: what gather found (null = known absent); undefined makes the applier look it up.
   */
  | {
      type: 'comment';
      number: number;
      marker: string;
      mode: 'sticky' | 'once';
      body: string;
      existing?: KnownComment | null;
      why: string;
    }
  | {
      type: 'check-run';
      name: string;
      headSha: string;
      /** the pull request the check belongs to, for the summary */
      number?: number;
      status: 'in_progress' | 'completed';
      conclusion?: CheckConclusion;
      title: string;
      summary: string;
      text?: string;
      annotations?: CheckAnnotation[];
      why: string;
    }
  | { type: 'request-reviewers'; number: number; reviewers: string[]; teamReviewers?: string[]; why: string }
  /** Open a pull request from `branch` with `files` changed on top of `base` (null deletes a file). */
  | {
      type: 'open-pull';
      branch: string;
      base: string;
      title: string;
      body: string;
      files: Record<string, string | null>;
      commitMessage: string;
      labels?: string[];
      reviewers?: string[];
      why: string;
    }
  /** Rebuild a pull request's branch as `files` on top of the current `base` head (force-moves it). */
  | {
      type: 'rebuild-pull-branch';
      number: number;
      branch: string;
      base: string;
      files: Record<string, string | null>;
      commitMessage: string;
      why: string;
    }
  | { type: 'merge-pull'; number: number; method: 'merge' | 'squash' | 'rebase'; sha?: string; why: string }
  | { type: 'delete-branch'; branch: string; why: string }
  | {
      type: 'update-issue';
      number: number;
      title?: string;
      body?: string;
      state?: 'open' | 'closed';
      stateReason?: 'completed' | 'not_planned';
      why: string;
    }
  /** (extension) This action's section of the governance dashboard issue (shared/dashboard/apply.ts). */
  | { type: 'dashboard-section'; action: string; label: string; title: string; body: string; why: string }
  /** Open an issue unless an open one with `labels[0]` and `marker` in its body exists. */
  | { type: 'create-issue'; title: string; body: string; labels: string[]; marker: string; why: string };

export type EffectType = Effect['type'];

/**
 * The item an effect belongs to: its `item` when the decide module set one, else the issue or pull
 * request it writes to, else the branch, issue or check it names. Effects that must not outlive
 * an earlier failure (deleting the branch of a reset that did not merge) share an item.
 */
export function itemOf(e: Effect): string {
  if (e.item) return e.item;
  switch (e.type) {
    case 'open-pull':
    case 'delete-branch':
      return `branch ${e.branch}`;
    case 'create-issue':
      return `issue "${e.title}"`;
    case 'dashboard-section':
      return 'dashboard';
    case 'check-run':
      return e.number !== undefined ? `#${e.number}` : `check ${e.name} on ${e.headSha.slice(0, 7)}`;
    default:
      return `#${e.number}`;
  }
}

export interface Verdict {
  /** true fails the job (a failing required check) */
  failed: boolean;
  message: string;
}

export interface Plan {
  action: string;
  effects: Effect[];
  /** action outputs (besides `plan`, which the runtime sets) */
  outputs: Record<string, string>;
  verdict: Verdict | null;
  /** the decisions, in words, for the log and job summary */
  notes: string[];
  /** how labels this plan may create look (colour without '#', description) */
  labelCatalog?: Record<string, { color: string; description: string }>;
  /** what a sweep shows on the governance dashboard, when enabled (shared/dashboard/effect.ts) */
  dashboard?: DashboardSection;
}

export function emptyPlan(action: string): Plan {
  return { action, effects: [], outputs: {}, verdict: null, notes: [] };
}

export function describeEffect(e: Effect): string {
  switch (e.type) {
    case 'add-labels':
      return `#${e.number}: add label${e.labels.length > 1 ? 's' : ''} ${e.labels.join(', ')}`;
    case 'remove-labels':
      return `#${e.number}: remove label${e.labels.length > 1 ? 's' : ''} ${e.labels.join(', ')}`;
    case 'comment':
      return `#${e.number}: ${e.mode === 'sticky' ? 'status comment' : 'comment'} "${firstLine(e.body)}"`;
    case 'check-run':
      return `check ${e.name}${e.number ? ` on #${e.number}` : ''}: ${e.status === 'completed' ? e.conclusion : e.status} (${e.title})`;
    case 'request-reviewers':
      return `#${e.number}: request review from ${[...e.reviewers, ...(e.teamReviewers ?? [])].join(', ')}`;
    case 'open-pull':
      return `open pull request "${e.title}" from ${e.branch}`;
    case 'rebuild-pull-branch':
      return `#${e.number}: rebuild ${e.branch} on the current ${e.base}`;
    case 'merge-pull':
      return `#${e.number}: merge (${e.method})`;
    case 'delete-branch':
      return `delete branch ${e.branch}`;
    case 'update-issue':
      return `#${e.number}: update${e.title ? ' title' : ''}${e.body ? ' body' : ''}${e.state ? ` state=${e.state}` : ''}`;
    case 'create-issue':
      return `open issue "${e.title}"`;
    case 'dashboard-section':
      return `dashboard: ${e.action} section`;
  }
}

function firstLine(body: string): string {
  const line =
    body
      .split('\n')
      .map((l) => l.trim())
      .find((l) => l && !l.startsWith('<!--')) ?? '';
  return line.length > 80 ? `${line.slice(0, 77)}...` : line;
}
