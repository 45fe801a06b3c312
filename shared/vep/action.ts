/**
 * vep-sig-label: routes the event to a snapshot and a decision.
 *
 * - pull_request_target / pull_request: the proposal checks, labels, shepherd and check run.
 * - issues / issue_comment on an issue carrying the tracking label: the issue's owning SIG label.
 *   An event on any other issue costs no request.
 * - issue_comment on a pull request holding a sign-off or veto command, and pull_request_review:
 *   the pull request is checked again (sign-off and veto).
 * - schedule / workflow_dispatch: the escalation sweep over open proposal pull requests.
 * - a merged proposal pull request, a closed tracking issue, and the sweep: the tracking issue
 *   lifecycle (status label, open until implemented; shared/vep/lifecycle.ts).
 */
import { parseCommands } from '../commands/commands.js';
import { requireUnprefixedSigFolders } from '../config/sig-folders.js';
import type { VepConfig } from '../config/types.js';
import { emptyPlan, type Plan } from '../plan/effects.js';
import { VEP_SIG_LABEL } from '../runtime/action-headers.js';
import type { ActionContext, ActionDefinition, EventPayload } from '../runtime/context.js';
import { ACTION, decidePull, decideSweep, decideTrackingIssue } from './decide.js';
import { gatherFreeze } from './freeze-gather.js';
import { gatherIssue, gatherPull, gatherSweep } from './gather.js';
import { gatherSignOff } from './sign-off-gather.js';
import { APPROVE_COMMAND, isSignOffActive } from './sign-off.js';
import { combinePlans, decideLifecycle } from './lifecycle.js';
import { gatherClosedIssue, gatherLifecycleSweep, gatherMergedPull } from './lifecycle-gather.js';

export const PULL_EVENTS = ['pull_request_target', 'pull_request'];
export const ISSUE_EVENTS = ['issues', 'issue_comment'];
export const SWEEP_EVENTS = ['schedule', 'workflow_dispatch'];
export const REVIEW_EVENT = 'pull_request_review';

export const vepSigLabelAction: ActionDefinition = {
  ...VEP_SIG_LABEL,
  async run(ctx: ActionContext): Promise<Plan> {
    const config = ctx.config.vep;
    const { name, payload } = ctx.event;
    const configFile = ctx.configOrigin.files.at(-1) ?? '.github/governance.yml';
    await requireUnprefixedSigFolders(ctx.gh, config, ctx.defaultBranch, configFile);
    const syncing = config['tracking-issue']['sync-status'];
    if (PULL_EVENTS.includes(name)) {
      const number = payload.pull_request?.number ?? payload.number;
      if (payload.pull_request?.state === 'closed') {
        if (!payload.pull_request.merged) return skip(`#${number} was closed without merging`);
        if (payload.pull_request.base?.ref !== ctx.defaultBranch)
          return skip(
            `#${number} was merged into ${payload.pull_request.base?.ref}, not ${ctx.defaultBranch}`,
          );
        if (!syncing) return skip(`#${number} merged; vep.tracking-issue.sync-status is off`);
        const read = await gatherMergedPull(ctx.gh, ctx.permissions, number, config, ctx.defaultBranch);
        return decideLifecycle(
          { trigger: `#${number} merged`, defaultBranch: ctx.defaultBranch, ...read },
          config,
        );
      }
      return checkPull(ctx, number);
    }
    // Sign-offs and vetoes (docs/vep-sig-label.md "Sign-off and veto"): reviews, and comments on
    // pull requests that hold (or held, before an edit) a sign-off or veto command.
    if (name === REVIEW_EVENT) {
      const number = payload.pull_request?.number;
      if (!number || payload.pull_request?.state === 'closed') return skip(`#${number} is closed`);
      if (!isSignOffActive(config['sign-off'], config['owner-approval']))
        return skip(`#${number}: sign-off and veto are off (vep.sign-off)`);
      return checkPull(ctx, number);
    }
    if (ISSUE_EVENTS.includes(name)) {
      const issue = payload.issue;
      if (!issue) return skip('the event carries no issue');
      if (issue.pull_request) {
        if (issue.state === 'closed' || !holdsSignOffCommand(payload, config))
          return skip(`#${issue.number} is a pull request; its proposal is checked on pull request events`);
        return checkPull(ctx, issue.number);
      }
      if (!hasLabel(payload, config['tracking-issue'].label)) {
        return skip(`#${issue.number} is not a tracking issue (no ${config['tracking-issue'].label} label)`);
      }
      if (name === 'issues' && payload.action === 'closed') {
        if (!syncing) return skip(`#${issue.number} closed; vep.tracking-issue.sync-status is off`);
        const read = await gatherClosedIssue(
          ctx.gh,
          ctx.permissions,
          issue.number,
          config,
          ctx.defaultBranch,
        );
        return decideLifecycle(
          { trigger: `#${issue.number} closed`, defaultBranch: ctx.defaultBranch, ...read },
          config,
        );
      }
      return decideTrackingIssue(await gatherIssue(ctx.gh, ctx.permissions, issue.number), config);
    }
    const sweep = decideSweep(
      await gatherSweep(ctx.gh, config, ctx.defaultBranch),
      config,
      ctx.config.calendar,
      ctx.now,
    );
    if (!syncing) return sweep;
    // the sweep also reconciles tracking issues, in case a merge or close run was missed
    const read = await gatherLifecycleSweep(ctx.gh, ctx.permissions, config, ctx.defaultBranch);
    return combinePlans(
      sweep,
      decideLifecycle({ trigger: 'sweep', defaultBranch: ctx.defaultBranch, ...read }, config),
    );
  },
};

async function checkPull(ctx: ActionContext, number: number): Promise<Plan> {
  const config = ctx.config.vep;
  const pull = await gatherPull(ctx.gh, number, config, ctx.defaultBranch);
  pull.freeze = await gatherFreeze(ctx.gh, ctx.permissions, pull, ctx.config, ctx.defaultBranch, ctx.now);
  pull.signOff = await gatherSignOff(ctx.gh, pull, config, ctx.defaultBranch);
  return decidePull(pull, config);
}

/** A comment whose text (now, or before this edit) holds a sign-off, approval or veto command. */
function holdsSignOffCommand(payload: EventPayload, config: VepConfig): boolean {
  const so = config['sign-off'];
  if (!isSignOffActive(so, config['owner-approval'])) return false;
  const names = [...so.commands, ...so['veto-commands'], APPROVE_COMMAND];
  return [payload.comment?.body, payload.changes?.body?.from].some(
    (body) => typeof body === 'string' && parseCommands(body, names).length > 0,
  );
}

function hasLabel(payload: EventPayload, label: string): boolean {
  const labels: { name?: string }[] = payload.issue?.labels ?? [];
  return labels.some((l) => l.name?.toLowerCase() === label.toLowerCase());
}

function skip(why: string): Plan {
  const plan = emptyPlan(ACTION);
  plan.notes.push(`${why}: nothing to do`);
  return plan;
}
