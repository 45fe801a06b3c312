/**
 * The typed shape of `.github/governance.yml` after defaults are applied. Keys keep the file's
 * kebab-case spelling so code reads like the documented interface (../../docs/config.md).
 */
export type Permission = 'read' | 'triage' | 'write' | 'maintain' | 'admin';
export type RiskTier = 'low' | 'medium' | 'high';

export interface CalendarConfig {
  timezone: string;
  holidays: string[];
}

export interface LazyConsensusConfig {
  'trigger-label': string;
  'start-command': string;
  'who-can-start': Permission;
  /** apps and bots whose trigger label starts the notice period: any, or bot logins / app slugs */
  'apps-can-start': 'any' | string[];
  'risk-labels': Record<string, RiskTier>;
  'default-risk': RiskTier;
  notice: Record<RiskTier, string>;
  'objection-commands': string[];
  'withdraw-commands': string[];
  'who-can-object': 'anyone' | Permission | { users?: string[]; teams?: string[] };
  'count-change-requests': boolean;
  'on-withdraw': 'restart' | 'resume';
  'restart-on-push': boolean;
  labels: { pending: string; objected: string; accepted: string };
  'check-name': string;
  'on-accept': { 'close-issue': boolean; merge: boolean; 'merge-method': 'merge' | 'squash' | 'rebase' };
}

export interface VepConfig {
  layout: string;
  /** globs of paths that look like proposals but are not (the template folder) */
  ignore: string[];
  sigs: string[];
  'sig-label': string;
  'needs-owning-sig-label': string;
  'tracking-issue': { required: boolean; label: string };
  'pr-title-prefix': string;
  'one-proposal-per-pr': boolean;
  'front-matter': { required: boolean; 'owning-sig-must-match-folder': boolean };
  shepherd: { count: number };
  escalation: { 'sig-after': string; 'maintainers-after': string; maintainers: string[]; label: string };
  'check-name': string;
}

export interface DplConfig {
  'projects-file': string;
  'people-file': string;
  'required-liaisons': string[];
  'ptl-allowed-liaisons': string[];
  'keep-vote-roles': string[];
  'keep-commands': string[];
  'cycle-tag-pattern': string;
  cycles: { name: string; 'nominations-open': string }[];
  'on-deadline': 'merge' | 'label';
  labels: { reset: string; kept: string; due: string };
  'check-name': string;
}

export type OwnersDiversitySource =
  | { kind: 'owners'; paths: string[]; roles: ('approvers' | 'reviewers')[] }
  | { kind: 'sigs-yaml'; path: string; roles: ('chairs' | 'tech_leads')[] }
  | { kind: 'markdown-table'; path: string }
  | { kind: 'projects-yaml'; path: string; roles?: string[] };

export type AffiliationSource = { gitdm: string[] } | { yaml: string };

export interface DiversityRule {
  groups: string;
  'min-members': number;
  'max-members': number;
  'min-orgs': number;
  /** a fraction "1/3" or a number in [0, 1] */
  'max-org-share': number | string;
}

export interface OwnersDiversityConfig {
  sources: OwnersDiversitySource[];
  affiliations: AffiliationSource[];
  'org-aliases': Record<string, string>;
  independent: string[];
  'unknown-affiliation': 'fail' | 'warn' | 'distinct';
  rules: DiversityRule[];
  mode: 'ratchet' | 'strict';
  'audit-issue-label': string;
  'check-name': string;
}

export interface GovernanceConfig {
  version: 1;
  calendar: CalendarConfig;
  'lazy-consensus': LazyConsensusConfig;
  vep: VepConfig;
  dpl: DplConfig;
  'owners-diversity': OwnersDiversityConfig;
}

/** Where the effective configuration came from, for messages and the job summary. */
export interface ConfigOrigin {
  /** files that were read and merged, lowest precedence first, e.g. `acme/.github:.github/governance.yml` */
  files: string[];
  /** true when no file existed and defaults are in force */
  defaultsOnly: boolean;
}
