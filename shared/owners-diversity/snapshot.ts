/** What gather reads from GitHub for one run; decide needs nothing else. */
import type { KnownComment } from '../plan/effects.js';
import type { FileView } from './model.js';

export interface PullSnapshot {
  kind: 'pull';
  number: number;
  headSha: string;
  /**
   * Base-branch files: the affiliation files, OWNERS_ALIASES, and the group files in scope
   * (every group file when the change touches aliases or affiliations).
   */
  base: FileView;
  /** The head's version of each changed file this action reads (null = deleted). Data only. */
  head: FileView;
  /** Paths the pull request changes (a rename lists both names). */
  changed: string[];
  /** the action's sticky comment, if any */
  comment: KnownComment | null;
}

export interface AuditIssue {
  number: number;
  title: string;
  body: string;
}

export interface AuditSnapshot {
  kind: 'audit';
  /** every file of the default branch this action reads */
  files: FileView;
  /** the open audit issue, if any */
  issue: AuditIssue | null;
}

export type DiversitySnapshot = PullSnapshot | AuditSnapshot;
