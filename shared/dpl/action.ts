/** dpl-reset: OpenStack Distributed Project Leadership, reset every cycle and guarded on every change. */
import { DPL_RESET } from '../runtime/action-headers.js';
import type { ActionDefinition } from '../runtime/context.js';
import { decide } from './decide.js';
import { gather } from './gather.js';

export const dplResetAction: ActionDefinition = {
  ...DPL_RESET,
  async run(ctx) {
    return decide(await gather(ctx), ctx.config.dpl, ctx.config.calendar);
  },
};
