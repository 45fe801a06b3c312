/**
 * vep-sig-label: routes the event to a snapshot and a decision.
 *
 * - pull_request_target / pull_request: the proposal checks, labels, shepherd and check run.
 * - issues / issue_comment on an issue carrying the tracking label: the issue's owning SIG label.
 *   An event on any other issue (or a comment on a pull request) costs no request.
 * - schedule / workflow_dispatch: the escalation sweep over open proposal pull requests.
 */
import { requireUnprefixedSigFolders } from '../config/sig-folders.js';
import { emptyPlan, type Plan } from '../plan/effects.js';
import type { ActionContext, ActionDefinition, EventPayload } from '../runtime/context.js';
import { ACTION, decidePull, decideSweep, decideTrackingIssue } from './decide.js';
import { gatherIssue, gatherPull, gatherSweep } from './gather.js';

export const PULL_EVENTS = ['pull_request_target', 'pull_request'];
export const ISSUE_EVENTS = ['issues', 'issue_comment'];
export const SWEEP_EVENTS = ['schedule', 'workflow_dispatch'];

export const vepSigLabelAction: ActionDefinition = {
  name: ACTION,
  events: [...PULL_EVENTS, ...ISSUE_EVENTS, ...SWEEP_EVENTS],
  async run(ctx: ActionContext): Promise<Plan> {
    const config = ctx.config.vep;
    const { name, payload } = ctx.event;
    const configFile = ctx.configOrigin.files.at(-1) ?? '.github/governance.yml';
    await requireUnprefixedSigFolders(ctx.gh, config, ctx.defaultBranch, configFile);
    if (PULL_EVENTS.includes(name)) {
      const number = payload.pull_request?.number ?? payload.number;
      if (payload.pull_request?.state === 'closed') return skip(`#${number} is closed`);
      return decidePull(await gatherPull(ctx.gh, number, config, ctx.defaultBranch), config);
    }
    if (ISSUE_EVENTS.includes(name)) {
      const issue = payload.issue;
      if (!issue) return skip('the event carries no issue');
      if (issue.pull_request)
        return skip(`#${issue.number} is a pull request; its proposal is checked on pull request events`);
      if (!hasLabel(payload, config['tracking-issue'].label)) {
        return skip(`#${issue.number} is not a tracking issue (no ${config['tracking-issue'].label} label)`);
      }
      return decideTrackingIssue(await gatherIssue(ctx.gh, ctx.permissions, issue.number), config);
    }
    return decideSweep(
      await gatherSweep(ctx.gh, config, ctx.defaultBranch),
      config,
      ctx.config.calendar,
      ctx.now,
    );
  },
};

function hasLabel(payload: EventPayload, label: string): boolean {
  const labels: { name?: string }[] = payload.issue?.labels ?? [];
  return labels.some((l) => l.name?.toLowerCase() === label.toLowerCase());
}

function skip(why: string): Plan {
  const plan = emptyPlan(ACTION);
  plan.notes.push(`${why}: nothing to do`);
  return plan;
}
