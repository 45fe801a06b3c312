/** dpl-reset: OpenStack Distributed Project Leadership, reset every cycle and guarded on every change. */
import type { ActionDefinition } from '../runtime/context.js';
import { decide } from './decide.js';
import { gather } from './gather.js';

export const dplResetAction: ActionDefinition = {
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
  async run(ctx) {
    return decide(await gather(ctx), ctx.config.dpl, ctx.config.calendar);
  },
};
