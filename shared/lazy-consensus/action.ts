import { emptyPlan } from '../plan/effects.js';
import type { ActionDefinition } from '../runtime/context.js';

export const lazyConsensusAction: ActionDefinition = {
  name: 'lazy-consensus-timer',
  events: ['issues', 'pull_request_target', 'pull_request', 'issue_comment', 'pull_request_review', 'schedule', 'workflow_dispatch'],
  async run() {
    const plan = emptyPlan('lazy-consensus-timer');
    plan.notes.push('lazy-consensus-timer: not implemented yet');
    return plan;
  },
};
