import { emptyPlan } from '../plan/effects.js';
import type { ActionDefinition } from '../runtime/context.js';

export const dplResetAction: ActionDefinition = {
  name: 'dpl-reset',
  events: ['push', 'release', 'pull_request_target', 'pull_request', 'pull_request_review', 'issue_comment', 'schedule', 'workflow_dispatch'],
  async run() {
    const plan = emptyPlan('dpl-reset');
    plan.notes.push('dpl-reset: not implemented yet');
    return plan;
  },
};
