import type { GovernanceConfig } from './types.js';

/** What an omitted key means: the defaults documented in docs/config.md. */
export const DEFAULT_CONFIG: GovernanceConfig = {
  version: 1,
  calendar: { timezone: 'UTC', holidays: [] },
  dashboard: { enabled: false, label: 'governance/dashboard', title: 'Governance dashboard' },
  'lazy-consensus': {
    'trigger-label': 'lazy-consensus',
    'start-command': '/lazy-consensus',
    'who-can-start': 'write',
    'apps-can-start': 'any',
    'risk-labels': { 'risk/low': 'low', 'risk/medium': 'medium', 'risk/high': 'high' },
    'default-risk': 'medium',
    // WG K8s Infra charter risk tiers
    notice: { low: '72h', medium: '5 business days', high: '10 business days' },
    'objection-commands': ['/object', '/hold'],
    'withdraw-commands': ['/withdraw', '/unhold'],
    'who-can-object': 'anyone',
    'count-change-requests': true,
    'on-withdraw': 'restart',
    'restart-on-push': true,
    labels: {
      pending: 'lazy-consensus/pending',
      objected: 'lazy-consensus/objected',
      accepted: 'lazy-consensus/accepted',
    },
    'check-name': 'lazy-consensus',
    'on-accept': { 'close-issue': false, merge: false, 'merge-method': 'merge' },
    policies: [],
  },
  vep: {
    layout: 'veps/{sig}/{number}-{slug}/vep.md',
    // KubeVirt's template lives beside the proposals and must not be judged as one
    ignore: ['veps/NNNN-vep-template/**'],
    sigs: ['sig-compute', 'sig-network', 'sig-storage'],
    'sig-label': 'sig/{name}',
    'needs-owning-sig-label': 'triage/needs-owning-sig',
    'tracking-issue': {
      required: true,
      label: 'kind/tracker',
      'sync-status': true,
      'status-label': 'vep/{status}',
    },
    'pr-title-prefix': 'VEP-{number}',
    'one-proposal-per-pr': true,
    'kind-label': 'kind/vep',
    'front-matter': {
      required: false,
      'owning-sig-must-match-folder': true,
      // meta-VEP 282: "no skipped states, no revival from terminal states"
      transitions: {
        new: ['provisional', 'implementable'],
        provisional: ['implementable', 'deferred', 'rejected', 'withdrawn', 'replaced'],
        implementable: ['implemented', 'deferred', 'rejected', 'withdrawn', 'replaced'],
        deferred: ['provisional', 'implementable', 'rejected', 'withdrawn', 'replaced'],
        implemented: ['replaced'],
        rejected: [],
        withdrawn: [],
        replaced: [],
      },
      'implementable-requires': ['reviewers', 'approvers', 'milestone.alpha', 'feature-gate'],
      'meta-folders': ['meta-VEPs'],
    },
    freeze: { schedule: null, dates: {}, 'exception-label': 'freeze-exception' },
    'sign-off': {
      'required-from': 'participating',
      signers: 'owners',
      'sigs-yaml': { repo: '', path: 'sigs.yaml' },
      commands: ['/lgtm'],
      'veto-from': 'any-sig',
      'veto-commands': ['/veto'],
    },
    'owner-approval': false,
    shepherd: { count: 1 },
    escalation: {
      'sig-after': '14d',
      'maintainers-after': '28d',
      maintainers: [],
      label: 'needs-maintainer-attention',
    },
    'check-name': 'vep',
  },
  dpl: {
    'projects-file': 'reference/projects.yaml',
    'people-file': '',
    'required-liaisons': ['release', 'tact-sig', 'security', 'tc-liaison'],
    'ptl-allowed-liaisons': ['release', 'security'],
    'keep-vote-roles': ['release', 'tact-sig', 'security'],
    'keep-commands': ['-1', '/keep-dpl'],
    'cycle-tag-pattern': '^20[0-9]{2}\\.[12]$',
    cycles: [],
    'on-deadline': 'merge',
    labels: { reset: 'dpl/reset', kept: 'dpl/kept', due: 'dpl/reset-due' },
    'check-name': 'dpl-governance',
  },
  'owners-diversity': {
    sources: [{ kind: 'owners', paths: ['**/OWNERS'], roles: ['approvers'] }],
    affiliations: [],
    'org-aliases': {},
    independent: ['Independent', 'Self', 'None'],
    'unknown-affiliation': 'fail',
    rules: [],
    mode: 'ratchet',
    'audit-issue-label': 'governance/diversity-audit',
    'check-name': 'owners-diversity',
    eligibility: [],
    'org-rules': [],
  },
};

/** The KubeVirt schedule's path and entry, filled in when `vep.freeze.schedule` is set. */
export const VEP_FREEZE_SCHEDULE = {
  repo: '',
  path: 'releases/{release}/schedule.yaml',
  match: '(?i)\\(VEP\\) Freeze|VEP Freeze',
} as const;

/** Defaults for keys inside list items, which a deep merge cannot supply. */
export const DEFAULT_RULE = {
  'min-members': 0,
  'max-members': 0,
  'min-orgs': 0,
  'max-org-share': 1,
} as const;
