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
  'who-can-object': Objectors;
  'count-change-requests': boolean;
  'on-withdraw': 'restart' | 'resume';
  'restart-on-push': boolean;
  labels: { pending: string; objected: string; accepted: string };
  'check-name': string;
  'on-accept': { 'close-issue': boolean; merge: boolean; 'merge-method': 'merge' | 'squash' | 'rebase' };
  /** per-SIG decision rules (SIG charters set their own time boxes); the first matching policy wins */
  policies: LazyConsensusPolicy[];
}

/** Who may object, as `who-can-object` spells it. */
export type Objectors = 'anyone' | Permission | { users?: string[]; teams?: string[] };

/**
 * One SIG's decision rule: applies to an item carrying `when-label` when its notice period
 * starts; keys it leaves out come from the lazy-consensus section's own keys.
 */
export interface LazyConsensusPolicy {
  'when-label': string;
  /** replaces the tiers it names */
  notice?: Partial<Record<RiskTier, string>>;
  'who-can-object'?: Objectors;
  'on-withdraw'?: 'restart' | 'resume';
}

export interface VepConfig {
  layout: string;
  /** globs of paths that look like proposals but are not (the template folder) */
  ignore: string[];
  sigs: string[];
  'sig-label': string;
  'needs-owning-sig-label': string;
  'tracking-issue': {
    required: boolean;
    label: string;
    /** when a proposal pull request merges, the tracking issue shows the merged status */
    'sync-status': boolean;
    /** contains {status}; one such label at a time */
    'status-label': string;
  };
  'pr-title-prefix': string;
  'one-proposal-per-pr': boolean;
  /** added to every pull request that changes a proposal whose front matter parses; '' = off */
  'kind-label': string;
  'front-matter': {
    required: boolean;
    'owning-sig-must-match-folder': boolean;
    /** allowed `status` changes from the default branch's version; `new` = not on the default branch */
    transitions: Record<string, string[]>;
    'implementable-requires': string[];
    /** folders of process proposals: exempt from feature-gate and stage, owned by the maintainers */
    'meta-folders': string[];
  };
  freeze: VepFreezeConfig;
  'sign-off': VepSignOffConfig;
  /** the check also needs an approval on the current head from the owning SIG's signers */
  'owner-approval': boolean;
  shepherd: { count: number };
  escalation: { 'sig-after': string; 'maintainers-after': string; maintainers: string[]; label: string };
  'check-name': string;
}

/** meta-VEP 282: no proposal becomes implementable for a release after its VEP Freeze. */
export interface VepFreezeConfig {
  /** null = off; path and match take their defaults (VEP_FREEZE_SCHEDULE) when a schedule is set */
  schedule: { repo: string; path: string; match: string } | null;
  /** release (any spelling) -> freeze day YYYY-MM-DD; wins over the schedule */
  dates: Record<string, string>;
  'exception-label': string;
}

export interface VepSignOffConfig {
  'required-from': 'participating' | 'all' | 'none';
  signers: 'owners' | 'sigs-yaml';
  'sigs-yaml': { repo: string; path: string };
  commands: string[];
  'veto-from': 'any-sig' | 'participating' | 'none';
  'veto-commands': string[];
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
  /** Istio: leads must have been listed (members, maintainers) for long enough */
  eligibility: EligibilityRule[];
  /**
   * (extension) Organisation-wide runs (input `repositories`): rules over the union of the people
   * of every group, in every repository, whose `<repo>:<group id>` matches `groups`.
   */
  'org-rules': DiversityRule[];
}

/** A lead of a matching group passes only if listed in the file at the key for at least the duration. */
export interface EligibilityRule {
  groups: string;
  'listed-in': { path: string; key: string };
  'for-at-least': string;
}

/** (extension) One issue per repository summing up open governance work (docs/dashboard.md). */
export interface DashboardConfig {
  enabled: boolean;
  /** the label that finds the dashboard issue */
  label: string;
  title: string;
}

export interface GovernanceConfig {
  version: 1;
  calendar: CalendarConfig;
  /** (extension) absent in hand-built configurations: DEFAULT_DASHBOARD applies */
  dashboard?: DashboardConfig;
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
