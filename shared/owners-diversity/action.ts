import { emptyPlan } from '../plan/effects.js';
import type { ActionDefinition } from '../runtime/context.js';

export const ownersDiversityAction: ActionDefinition = {
  name: 'owners-diversity-check',
  events: ['pull_request_target', 'pull_request', 'schedule', 'workflow_dispatch'],
  async run() {
    const plan = emptyPlan('owners-diversity-check');
    plan.notes.push('owners-diversity-check: not implemented yet');
    return plan;
  },
};
