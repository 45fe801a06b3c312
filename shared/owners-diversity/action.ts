/**
 * owners-diversity-check: size and corporate-diversity rules for leadership groups
 * (docs/owners-diversity-check.md).
 * Pull requests are checked against their base (ratchet or strict); scheduled and manual runs
 * audit the default branch and keep one issue up to date.
 */
import { emptyPlan } from '../plan/effects.js';
import { OWNERS_DIVERSITY_CHECK } from '../runtime/action-headers.js';
import type { ActionDefinition } from '../runtime/context.js';
import { ACTION, decideAudit, decidePull } from './decide.js';
import { gatherAudit, gatherPull } from './gather.js';
import { runOrgAudit } from './org-action.js';

const PULL_EVENTS = ['pull_request_target', 'pull_request'];

export const ownersDiversityAction: ActionDefinition = {
  ...OWNERS_DIVERSITY_CHECK,
  async run(ctx) {
    const config = ctx.config['owners-diversity'];
    if (PULL_EVENTS.includes(ctx.event.name)) {
      const pr = ctx.event.payload.pull_request;
      if (!pr || pr.state === 'closed') {
        const plan = emptyPlan(ACTION);
        plan.notes.push('the pull request is closed; nothing to check');
        return plan;
      }
      return decidePull(await gatherPull(ctx.gh, ctx.event.payload, config), config, ctx.now);
    }
    // Across an organisation (docs/owners-diversity-check.md): the listed repositories' groups.
    const org = await runOrgAudit(ctx, config);
    if (org) return org;
    return decideAudit(await gatherAudit(ctx.gh, ctx.defaultBranch, config), config, ctx.now);
  },
};
