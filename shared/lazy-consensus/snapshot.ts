/**
 * What the lazy-consensus timer knows about one issue or pull request: its history as GitHub
 * records it (label events, comments with their edit times, reviews, pushes, closes), plus the
 * action's own comments. gather.ts builds it; decide.ts reads it and nothing else.
 */
import type { ContentEdit } from '../commands/authored-history.js';
import type { KnownComment } from '../plan/effects.js';

export interface Actor {
  login: string;
  /** apps and bots: their comments never carry commands */
  isBot: boolean;
}

export interface LabelEvent {
  label: string;
  added: boolean;
  /** null for a deleted ("ghost") account */
  actor: Actor | null;
  at: string;
}

export interface StateEvent {
  kind: 'closed' | 'reopened';
  at: string;
}

/** A commit arriving on a pull request's head (a push, or a force push), when GitHub received it. */
export interface Push {
  sha: string;
  at: string;
}

export interface ItemComment {
  id: number;
  author: Actor | null;
  body: string;
  createdAt: string;
  /** GitHub's lastEditedAt: non-null when the comment was edited */
  editedAt: string | null;
  url: string;
  /** GraphQL node id (to read the edit history) */
  nodeId?: string;
  /** GitHub's `userContentEdits`: each version, who saved it and when (empty when never edited) */
  edits?: ContentEdit[];
}

/** A comment removed from the item (`CommentDeletedEvent`); GitHub keeps no copy of its text. */
export interface CommentDeletion {
  /** whose comment it was (null: a deleted account) */
  author: Actor | null;
  /** who deleted it */
  by: Actor | null;
  at: string;
}

export type ReviewState = 'APPROVED' | 'CHANGES_REQUESTED' | 'COMMENTED' | 'DISMISSED' | 'PENDING';

export interface ItemReview {
  id: number;
  author: Actor | null;
  state: ReviewState;
  body: string;
  at: string;
  url: string;
  /** when a maintainer dismissed it (from the timeline), if known */
  dismissedAt: string | null;
  /** the state before dismissal, if known */
  stateBeforeDismissal: ReviewState | null;
}

export interface ItemSnapshot {
  number: number;
  isPull: boolean;
  title: string;
  url: string;
  state: 'open' | 'closed';
  merged: boolean;
  /** labels on the item now */
  labels: string[];
  /** a pull request's current head commit */
  headSha: string | null;
  labelEvents: LabelEvent[];
  stateEvents: StateEvent[];
  pushes: Push[];
  /** what could not be read to time the pushes: the item is then not decided (fail closed) */
  pushesUnreadable?: string;
  comments: ItemComment[];
  /** comments deleted from the item, oldest first */
  deletions?: CommentDeletion[];
  reviews: ItemReview[];
  /** the action's sticky status comment and its one-time outcome comment, found by marker */
  statusComment: KnownComment | null;
  outcomeComment: KnownComment | null;
}

/** Who may start a notice period and who may object, resolved before deciding (decide stays pure). */
export interface Authority {
  mayStart(login: string): boolean;
  mayObject(login: string): boolean;
  /** under the policy with this `when-label` (policy.ts); absent: the section's rule applies */
  mayObjectUnder?(login: string, policyLabel: string): boolean;
}
