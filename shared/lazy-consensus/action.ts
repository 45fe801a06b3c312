/**
 * lazy-consensus-timer: wires the event to the snapshot, the people's authority and the decision.
 *
 * - An item event (issues, pull_request[_target], issue_comment, pull_request_review) handles
 *   that one item with one GraphQL query; an event on an item without the trigger label and
 *   without a start command costs no request at all.
 * - A sweep (schedule, workflow_dispatch) brings every open item carrying the trigger label to
 *   its correct state, including items labelled by tokens whose events start no workflow.
 */
import { parseCommands } from '../commands/commands.js';
import type { LazyConsensusConfig } from '../config/types.js';
import { lazyConsensusSection } from '../dashboard/lazy-consensus-section.js';
import { emptyPlan, type Plan } from '../plan/effects.js';
import { LAZY_CONSENSUS_TIMER } from '../runtime/action-headers.js';
import type { ActionContext, ActionDefinition, EventPayload } from '../runtime/context.js';
import { resolveAuthority } from './authority.js';
import { ACTION_NAME, decide, decideItem } from './decide.js';
import { gatherItem, gatherLabelled } from './gather.js';
import type { Authority, ItemSnapshot } from './snapshot.js';

export const ITEM_EVENTS = [
  'issues',
  'pull_request_target',
  'pull_request',
  'issue_comment',
  'pull_request_review',
];
export const SWEEP_EVENTS = ['schedule', 'workflow_dispatch'];

export const lazyConsensusAction: ActionDefinition = {
  ...LAZY_CONSENSUS_TIMER,
  async run(ctx: ActionContext): Promise<Plan> {
    const lc = ctx.config['lazy-consensus'];
    let items: ItemSnapshot[];
    if (SWEEP_EVENTS.includes(ctx.event.name)) {
      items = await gatherLabelled(ctx.gh, lc['trigger-label']);
    } else {
      const number = itemNumber(ctx.event.payload);
      if (number === undefined) return quietPlan('the event names no issue or pull request');
      if (!mayConcernProcess(ctx.event.payload, lc)) {
        return quietPlan(
          `#${number} has no \`${lc['trigger-label']}\` label and no start command: nothing to do`,
        );
      }
      const item = await gatherItem(ctx.gh, number);
      if (!item) return quietPlan(`#${number} was not found`);
      items = [item];
    }
    const authority = await resolveAuthority(items, lc, ctx.permissions);
    const plan = decide(items, ctx.config, ctx.now, authority);
    if (SWEEP_EVENTS.includes(ctx.event.name)) plan.dashboard = dashboardSection(items, ctx, authority);
    plan.notes.unshift(
      `${items.length} item${items.length === 1 ? '' : 's'} read (${ctx.event.name}); ${plan.outputs.changed} to change`,
    );
    return plan;
  },
};

/** Every labelled item's state, decided again (pure; no request) for the dashboard (docs/dashboard.md). */
function dashboardSection(items: ItemSnapshot[], ctx: ActionContext, authority: Authority) {
  return lazyConsensusSection(
    items.map((item) =>
      item.isPull && item.pushesUnreadable
        ? { number: item.number, title: item.title, state: null, unreadable: item.pushesUnreadable }
        : {
            number: item.number,
            title: item.title,
            state: decideItem(item, ctx.config, ctx.now, authority).state,
          },
    ),
    ctx.config.calendar,
  );
}

function itemNumber(payload: EventPayload): number | undefined {
  const n = payload.issue?.number ?? payload.pull_request?.number ?? payload.number;
  return typeof n === 'number' ? n : undefined;
}

/**
 * Whether an item event can touch a lazy-consensus process, judged from the payload alone: the
 * item carries the trigger label, the event removes it, or a comment holds a start command.
 */
export function mayConcernProcess(payload: EventPayload, lc: LazyConsensusConfig): boolean {
  const trigger = lc['trigger-label'].toLowerCase();
  const subject = payload.issue ?? payload.pull_request ?? {};
  const labels: string[] = (subject.labels ?? []).map((l: { name?: string } | string) =>
    typeof l === 'string' ? l : (l.name ?? ''),
  );
  if (labels.some((l) => l.toLowerCase() === trigger)) return true;
  if (payload.action === 'unlabeled' && String(payload.label?.name ?? '').toLowerCase() === trigger)
    return true;
  const body: string | undefined = payload.comment?.body;
  return !!body && parseCommands(body, [lc['start-command']]).length > 0;
}

function quietPlan(note: string): Plan {
  const plan = emptyPlan(ACTION_NAME);
  plan.notes.push(note);
  plan.outputs.items = '0';
  plan.outputs.changed = '0';
  return plan;
}
