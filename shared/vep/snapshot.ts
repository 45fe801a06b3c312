/** What the gather step reads, as plain data: the input of the pure decide functions. */
import type { HeadChecks } from './head-check.js';
import type { Permission } from '../config/types.js';
import type { KnownComment } from '../plan/effects.js';
import type { FreezeFacts } from './freeze.js';
import type { LabelEvent } from './label-ownership.js';
import type { SignOffFacts } from './sign-off.js';

export interface ChangedFile {
  path: string;
  /** GraphQL PatchStatus: ADDED, MODIFIED, DELETED, RENAMED, COPIED, CHANGED */
  changeType: string;
}

export interface TrackingIssueFacts {
  number: number;
  isPull: boolean;
  state: string;
  labels: string[];
}

export interface SigOwners {
  /** the OWNERS path read from the default branch */
  file: string;
  found: boolean;
  /** approvers with aliases expanded; logins only (teams cannot be asked as reviewers by login) */
  approvers: string[];
  /** a parse error, shown in the notes (the SIG's OWNERS is not the author's to fix) */
  error?: string;
}

export interface PullSnapshot {
  number: number;
  title: string;
  author: string;
  headSha: string;
  draft: boolean;
  changedFiles: ChangedFile[];
  /** proposal document path -> text at the head commit (null: not there) */
  documents: Record<string, string | null>;
  /**
   * proposal document path -> text on the default branch (null: not there, a new proposal).
   * Optional for callers that judge a document alone (the real-layout report).
   */
  baseDocuments?: Record<string, string | null>;
  /** path -> why: a default-branch version exists but could not be read (binary, truncated) */
  baseUnreadable?: Record<string, string>;
  /** new path -> the default branch's document of the same number elsewhere (moved-proposals.ts) */
  movedFrom?: Record<string, string>;
  /** the branch `baseDocuments` come from, named in messages */
  defaultBranch?: string;
  labels: string[];
  labelEvents: LabelEvent[];
  requestedReviewers: string[];
  /** logins who submitted a review */
  reviewers: string[];
  /** keyed by number; null: no issue or pull request has that number */
  trackingIssues: Record<number, TrackingIssueFacts | null>;
  /** keyed by SIG folder */
  sigOwners: Record<string, SigOwners>;
  /** the action's status comment: null = none; undefined = not known (a thread too long to read whole) */
  stickyComment: KnownComment | null | undefined;
  /** what the VEP Freeze rule read (freeze-gather.ts); undefined when the rule is off */
  freeze?: FreezeFacts;
  /** what the sign-off and veto rule read (sign-off-gather.ts); undefined when the rule is off */
  signOff?: SignOffFacts;
}

export interface IssueComment {
  author: string;
  authorType?: string;
  body: string;
  at: string;
}

export interface IssueSnapshot {
  number: number;
  isPull: boolean;
  body: string;
  labels: string[];
  labelEvents: LabelEvent[];
  comments: IssueComment[];
  /** permissions of the people whose comments hold SIG commands */
  permissions: Record<string, Permission | 'none'>;
}

export interface SweepPull {
  number: number;
  title: string;
  author: string;
  createdAt: string;
  draft: boolean;
  lastPushAt: string | null;
  paths: string[];
  labels: string[];
  labelEvents: LabelEvent[];
  /** reviews and comments by people (bots left out), oldest first */
  activity: { login: string; at: string }[];
  /** comments by bots (the action's escalation markers are among them) */
  botComments: { body: string; at: string; user: string; userType?: string }[];
  /** everyone ever asked to review (teams left out) or who reviewed: a shepherd, once asked, stays one */
  reviewersEngaged: string[];
  /** this action's check run on the head commit, for the dashboard (head-check.ts) */
  headChecks: HeadChecks;
  /** set when the files or the timeline could not be read completely: not judged (fail closed) */
  unreadable?: string;
}

export interface SweepSnapshot {
  pulls: SweepPull[];
  sigOwners: Record<string, SigOwners>;
  /** whom to mention at the maintainers' stage (config, or the root OWNERS approvers) */
  maintainers: string[];
  maintainersSource: string;
}
