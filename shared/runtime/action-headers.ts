/**
 * Each action's name and the events it handles: what the runtime checks before the first request
 * (an event an action does not handle is a notice and no request), while the action's own code
 * loads later (run-action.ts). Each action's definition (shared/<area>/action.ts) spreads its header.
 */
import type { ActionHeader } from './context.js';

export const LAZY_CONSENSUS_TIMER: ActionHeader = {
  name: 'lazy-consensus-timer',
  events: [
    'issues',
    'pull_request_target',
    'pull_request',
    'issue_comment',
    'pull_request_review',
    'schedule',
    'workflow_dispatch',
  ],
};

export const DPL_RESET: ActionHeader = {
  name: 'dpl-reset',
  events: [
    'push',
    'release',
    'pull_request_target',
    'pull_request',
    'pull_request_review',
    'issue_comment',
    'schedule',
    'workflow_dispatch',
  ],
};

export const OWNERS_DIVERSITY_CHECK: ActionHeader = {
  name: 'owners-diversity-check',
  events: ['pull_request_target', 'pull_request', 'schedule', 'workflow_dispatch'],
  // its organisation-wide audit decides over the union of the repositories (org-action.ts)
  handlesRepositories: true,
};

export const VEP_SIG_LABEL: ActionHeader = {
  name: 'vep-sig-label',
  events: [
    'pull_request_target',
    'pull_request',
    'pull_request_review',
    'issues',
    'issue_comment',
    'schedule',
    'workflow_dispatch',
  ],
};
