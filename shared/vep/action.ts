import { emptyPlan } from '../plan/effects.js';
import type { ActionDefinition } from '../runtime/context.js';

export const vepSigLabelAction: ActionDefinition = {
  name: 'vep-sig-label',
  events: ['pull_request_target', 'pull_request', 'issues', 'issue_comment', 'schedule', 'workflow_dispatch'],
  async run() {
    const plan = emptyPlan('vep-sig-label');
    plan.notes.push('vep-sig-label: not implemented yet');
    return plan;
  },
};
