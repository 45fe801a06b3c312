/** What gather reads from GitHub for one run; decide needs nothing else. */
import type { KnownComment } from '../plan/effects.js';
import type { ListedFile } from './eligibility.js';
import type { FileView } from './model.js';

/** A governance file that exists but could not be read: it fails the verdict, never counts as absent. */
export interface UnreadableFile {
  path: string;
  /** the branch or commit it was read at */
  ref: string;
  reason: string;
}

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
  /** Paths the pull request changes (a rename lists both names); complete, past GitHub's 3,000-file list. */
  changed: string[];
  /** files that exist on either side but could not be read */
  unreadable?: UnreadableFile[];
  /** the files `eligibility` rules name, with their history (eligibility.ts) */
  listed?: ListedFile[];
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
  /** files of the default branch that could not be read */
  unreadable?: UnreadableFile[];
  /** the files `eligibility` rules name, with their history (eligibility.ts) */
  listed?: ListedFile[];
  /** the open audit issue, if any */
  issue: AuditIssue | null;
}

/** One repository of an organisation-wide audit (org-gather.ts). */
export interface OrgRepository {
  /** the repository's name; its groups are `<name>:<group id>` */
  name: string;
  /** its group files and OWNERS_ALIASES on its default branch */
  files: FileView;
  unreadable: UnreadableFile[];
  /** why the repository itself could not be read (fails the audit, naming it) */
  error?: string;
}

/**
 * An organisation-wide audit: the repositories' group files, and the workflow repository's own
 * files for the affiliations; the audit issue lives in the workflow repository.
 */
export interface OrgAuditSnapshot {
  kind: 'org-audit';
  owner: string;
  /** the affiliation files of the workflow repository */
  home: FileView;
  homeUnreadable: UnreadableFile[];
  repos: OrgRepository[];
  issue: AuditIssue | null;
  /** what the audit notes about its selection (e.g. shards' repositories no longer selected) */
  notes?: string[];
}

export type DiversitySnapshot = PullSnapshot | AuditSnapshot;
