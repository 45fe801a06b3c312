/**
 * Lazy consensus (WG K8s Infra charter risk tiers, SIG charters' time boxes): a proposal
 * passes when its notice period ends with no open objection. For each item this replays the
 * history to find where it stands now, then plans only the writes that make GitHub show it:
 *
 *   pending   label `pending`, the status comment, check `in_progress` on the head commit
 *   objected  label `objected` instead, the status comment lists each objection, check `failure`
 *   accepted  label `accepted` instead, the status comment, ONE announcing comment, check `success`,
 *             then `on-accept` (close the issue / merge the pull request)
 *   cancelled state labels removed, the status comment updated, check `neutral`/`cancelled`
 *
 * Nothing is planned for an item already showing its state, so repeated runs write nothing.
 */
import { parseDuration, type Duration } from '../calendar/duration.js';
import { addDuration } from '../calendar/business-days.js';
import type { GovernanceConfig, LazyConsensusConfig, RiskTier } from '../config/types.js';
import { emptyPlan, type Effect, type Plan } from '../plan/effects.js';
import { marker, storedCommentBody } from '../plan/markers.js';
import { holdForDeletions } from './deletions.js';
import { historyOf } from './history.js';
import { findPolicy, underPolicy } from './policy.js';
import { replay, type ConsensusState, type ReplayRules } from './replay.js';
import type { Authority, ItemSnapshot } from './snapshot.js';
import {
  renderCheck,
  renderOutcomeComment,
  renderStatusComment,
  formatInstant,
  type RenderInput,
} from './status-comment.js';

export const ACTION_NAME = 'lazy-consensus-timer';
export const STATUS_MARKER_KEY = 'status';
export const OUTCOME_MARKER_KEY = 'outcome';

export function statusMarker(number: number): string {
  return marker(ACTION_NAME, `${STATUS_MARKER_KEY}:${number}`);
}
export function outcomeMarker(number: number): string {
  return marker(ACTION_NAME, `${OUTCOME_MARKER_KEY}:${number}`);
}

const LABEL_COLORS = {
  trigger: 'c5def5',
  pending: 'fbca04',
  objected: 'd93f0b',
  accepted: '0e8a16',
} as const;

export interface Decision {
  number: number;
  state: ConsensusState;
  effects: Effect[];
}

/**
 * The rules of the replay from the configuration: notice per tier, counted in the calendar, and
 * each policy's notice, withdrawal rule and objectors (policy.ts).
 */
export function replayRules(config: GovernanceConfig, authority?: Authority): ReplayRules {
  const lc = config['lazy-consensus'];
  const noticeOf = (notice: Record<RiskTier, string>, key: string) =>
    Object.fromEntries(
      (Object.keys(notice) as RiskTier[]).map((tier) => [
        tier,
        parseDuration(notice[tier], undefined, `${key}.${tier}`),
      ]),
    ) as Record<RiskTier, Duration>;
  const notice = noticeOf(lc.notice, 'lazy-consensus.notice');
  const policyNotice = new Map<string, Record<RiskTier, Duration>>();
  (lc.policies ?? []).forEach((p, i) => {
    const label = p['when-label'].toLowerCase();
    if (!policyNotice.has(label))
      policyNotice.set(
        label,
        noticeOf(underPolicy(lc, p['when-label']).notice, `lazy-consensus.policies[${i}].notice`),
      );
  });
  return {
    onWithdraw: lc['on-withdraw'],
    restartOnPush: lc['restart-on-push'],
    deadlineOf: (start, tier, policy) =>
      addDuration(
        start,
        ((policy && policyNotice.get(policy.toLowerCase())) || notice)[tier],
        config.calendar,
      ),
    onWithdrawOf: (policy) => underPolicy(lc, policy)['on-withdraw'],
    ...(authority ? { mayObject: objectorRule(lc, authority) } : {}),
  };
}

/** Whether a login may object under a policy (its own `who-can-object`, else the section's). */
function objectorRule(lc: LazyConsensusConfig, authority: Authority) {
  return (login: string, policy: string | null): boolean => {
    const p = findPolicy(lc.policies ?? [], policy);
    if (!p || p['who-can-object'] === undefined) return authority.mayObject(login);
    if (p['who-can-object'] === 'anyone') return true;
    return authority.mayObjectUnder?.(login, p['when-label']) ?? authority.mayObject(login);
  };
}

export function decideItem(
  item: ItemSnapshot,
  config: GovernanceConfig,
  now: Date,
  authority: Authority,
): Decision {
  const lc = config['lazy-consensus'];
  const rules = replayRules(config, authority);
  const replayed = replay(historyOf(item, lc, authority), now, rules);
  // a deleted comment matters only if its author could object under the policy in force
  let state = holdForDeletions(item, replayed, {
    ...authority,
    mayObject: (login) => rules.mayObject!(login, replayed.policy ?? null),
  });
  // An acceptance covers the head as of the deadline only; a head not known to be that one is
  // never shown accepted nor merged (docs/lazy-consensus-timer.md "The accepted head").
  if (item.isPull && state.phase === 'accepted' && state.acceptedHead !== item.headSha)
    state = { ...state, phase: 'cancelled', cancelledAt: state.acceptedAt, cancelReason: 'pushed' };
  return { number: item.number, state, effects: effectsFor(item, state, config) };
}

export function decide(
  items: ItemSnapshot[],
  config: GovernanceConfig,
  now: Date,
  authority: Authority,
): Plan {
  const plan = emptyPlan(ACTION_NAME);
  const lc = config['lazy-consensus'];
  plan.labelCatalog = labelCatalog(lc);
  let changed = 0;
  // Fail closed: an item whose pushes cannot be timed is not decided at all (no label, check or merge).
  const unreadable = items.filter((i) => i.isPull && i.pushesUnreadable);
  for (const i of unreadable)
    plan.notes.push(`#${i.number}: not decided: could not read ${i.pushesUnreadable}`);
  if (unreadable.length)
    plan.verdict = {
      failed: true,
      message: `${ACTION_NAME}: could not read ${unreadable.map((i) => `#${i.number} ${i.pushesUnreadable}`).join('; ')}`,
    };
  const decisions = items
    .filter((item) => !unreadable.includes(item))
    .map((item) => decideItem(item, config, now, authority));
  for (const d of decisions) {
    plan.effects.push(...d.effects);
    if (d.effects.length) changed++;
    plan.notes.push(
      `#${d.number}: ${describeState(d.state, config)}${d.effects.length ? '' : ' (already shown; nothing to change)'}`,
    );
  }
  plan.outputs.items = String(items.length);
  plan.outputs.changed = String(changed);
  if (decisions.length === 1) {
    const { state } = decisions[0]!;
    plan.outputs.state = state.phase;
    plan.outputs.accepted = String(state.phase === 'accepted');
    plan.outputs.deadline =
      state.phase === 'pending' || state.phase === 'objected' ? (state.deadline ?? '') : '';
  }
  return plan;
}

function effectsFor(item: ItemSnapshot, state: ConsensusState, config: GovernanceConfig): Effect[] {
  const lc = config['lazy-consensus'];
  const effects: Effect[] = [];
  if (state.phase === 'idle') return effects;
  const n = item.number;
  const has = (label: string) => item.labels.some((l) => l.toLowerCase() === label.toLowerCase());
  const stateLabels = [lc.labels.pending, lc.labels.objected, lc.labels.accepted];
  const wanted = state.phase === 'cancelled' ? null : lc.labels[state.phase];

  // Labels: exactly one state label while the process runs or after it passed; none once cancelled.
  const add = wanted && !has(wanted) ? [wanted] : [];
  // A start by command adds the trigger label, so sweeps find the item.
  if ((state.phase === 'pending' || state.phase === 'objected') && !has(lc['trigger-label']))
    add.unshift(lc['trigger-label']);
  if (add.length) effects.push({ type: 'add-labels', number: n, labels: add, why: labelWhy(state) });
  const remove = stateLabels.filter((l) => l !== wanted && has(l));
  if (remove.length) effects.push({ type: 'remove-labels', number: n, labels: remove, why: labelWhy(state) });

  // Status comment: one per item, edited in place. A process cancelled before it was ever
  // announced leaves no trace.
  const render: RenderInput = {
    state,
    config: underPolicy(lc, state.policy),
    policies: (lc.policies ?? []).length > 0,
    calendar: config.calendar,
    isPull: item.isPull,
    headSha: item.headSha,
  };
  const statusBody = renderStatusComment(render);
  const announced = item.statusComment !== null;
  // A late push is explained even if nothing was announced yet: the new head must not look passing.
  const shownWhenCancelled = state.phase !== 'cancelled' || state.cancelReason === 'pushed';
  const statusChanges = !sameBody(item.statusComment?.body, statusBody, statusMarker(n));
  // The check follows the status: written when the status changes (a push changes the head
  // shown), and BEFORE the status comment: the comment is what tells a later run that the check
  // is up to date, so a run killed between the two writes leaves the status unchanged and the
  // next run writes both; the other order left the check in_progress for good.
  if (item.isPull && item.headSha && statusChanges && (announced || shownWhenCancelled)) {
    const check = renderCheck(render);
    effects.push({
      type: 'check-run',
      name: lc['check-name'],
      headSha: item.headSha,
      number: n,
      ...check,
      why: `lazy consensus is ${state.phase}`,
    });
  }
  if (statusChanges && (announced || shownWhenCancelled)) {
    effects.push({
      type: 'comment',
      number: n,
      marker: statusMarker(n),
      mode: 'sticky',
      body: statusBody,
      existing: item.statusComment,
      why: `lazy consensus is ${state.phase}: the status comment says so`,
    });
  }

  // The acceptance is announced once, in a new comment that notifies.
  if (state.phase === 'accepted' && !item.outcomeComment) {
    effects.push({
      type: 'comment',
      number: n,
      marker: outcomeMarker(n),
      mode: 'once',
      body: renderOutcomeComment(render),
      existing: null,
      why: 'the notice period ended with no open objection',
    });
  }

  if (state.phase === 'accepted' && item.state === 'open') {
    if (item.isPull && lc['on-accept'].merge && !item.merged && state.acceptedHead) {
      effects.push({
        type: 'merge-pull',
        number: n,
        method: lc['on-accept']['merge-method'],
        // the accepted head: GitHub refuses the merge (409) if the branch moved since
        sha: state.acceptedHead!,
        why: 'accepted by lazy consensus; on-accept.merge is set',
      });
    } else if (!item.isPull && lc['on-accept']['close-issue']) {
      effects.push({
        type: 'update-issue',
        number: n,
        state: 'closed',
        stateReason: 'completed',
        why: 'accepted by lazy consensus; on-accept.close-issue is set',
      });
    }
  }
  return effects;
}

/** The applier stores `marker + "\n" + body`; compare what it would store. */
function sameBody(existing: string | undefined, body: string, markerText: string): boolean {
  return existing !== undefined && existing.replace(/\r\n/g, '\n') === storedCommentBody(markerText, body);
}

function labelWhy(state: ConsensusState): string {
  switch (state.phase) {
    case 'pending':
      return 'the notice period is running';
    case 'objected':
      return 'an objection is open';
    case 'accepted':
      return 'the notice period ended with no open objection';
    default:
      return 'the process was cancelled';
  }
}

export function describeState(state: ConsensusState, config: GovernanceConfig): string {
  const at = (iso: string | null) => (iso ? formatInstant(iso, config.calendar) : '?');
  switch (state.phase) {
    case 'idle':
      return 'no lazy-consensus process (not started by someone allowed to)';
    case 'pending':
      return `pending (${state.tier} risk${policyNote(state)}), deadline ${at(state.deadline)}`;
    case 'objected':
      return `objected by ${objectors(state)} (${state.tier} risk${policyNote(state)})`;
    case 'accepted':
      return `accepted as of ${at(state.acceptedAt)}`;
    case 'cancelled':
      return `cancelled ${at(state.cancelledAt)} (${state.cancelReason})`;
  }
}

function policyNote(state: ConsensusState): string {
  const ignored = state.ignoredObjections?.length ?? 0;
  return `${state.policy ? `, policy ${state.policy}` : ''}${ignored ? `; ${ignored} objection${ignored === 1 ? '' : 's'} not counted (not allowed to object)` : ''}`;
}

/** who objects, each once, the first few by name */
function objectors(state: ConsensusState): string {
  const names = [...new Set(state.openObjections.map((o) => o.by))];
  const shown = names.slice(0, 10).join(', ');
  const count = state.openObjections.length;
  return `${names.length > 10 ? `${shown} and ${names.length - 10} more` : shown}${count > names.length ? ` (${count} objections)` : ''}`;
}

function labelCatalog(lc: LazyConsensusConfig): Plan['labelCatalog'] {
  return {
    [lc['trigger-label']]: {
      color: LABEL_COLORS.trigger,
      description: 'Decided by lazy consensus: passes after the notice period unless someone objects',
    },
    [lc.labels.pending]: {
      color: LABEL_COLORS.pending,
      description: 'Lazy consensus: notice period running',
    },
    [lc.labels.objected]: {
      color: LABEL_COLORS.objected,
      description: 'Lazy consensus: on hold, an objection is open',
    },
    [lc.labels.accepted]: { color: LABEL_COLORS.accepted, description: 'Lazy consensus: accepted' },
  };
}
