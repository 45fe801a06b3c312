/**
 * The lazy-consensus process as a pure function of time: replay an item's history in order and
 * read off where it stands at `now`. Because the answer depends only on recorded timestamps, an
 * event run, a cron run hours late and a repeated sweep all reach the same state
 * (docs/lazy-consensus-timer.md).
 *
 *   idle ──start──▶ pending ──objection──▶ objected ──last objection withdrawn──▶ pending
 *                      │                                (restart: fresh notice from the withdrawal;
 *                      │ deadline passes                 resume: the old deadline, or at once if it passed)
 *                      ▼
 *                   accepted (final)
 *   pending/objected ──trigger label removed, or closed──▶ cancelled ──start, or reopen──▶ pending
 *   accepted pull request ──a push received after the deadline──▶ cancelled ('pushed'): what was
 *                            accepted is the head as of the deadline, not what came later
 */
import type { RiskTier } from '../config/types.js';
import type { HistoryEvent, Objection } from './history.js';

export type Phase = 'idle' | 'pending' | 'objected' | 'accepted' | 'cancelled';

export interface ConsensusState {
  phase: Phase;
  tier: RiskTier | null;
  /** when the current notice period started (a start, a push, or a restart after withdrawal) */
  noticeStart: string | null;
  deadline: string | null;
  startedBy: string | null;
  openObjections: Objection[];
  acceptedAt: string | null;
  cancelledAt: string | null;
  /** `pushed`: a pull request's head changed after it was accepted */
  cancelReason: 'unlabeled' | 'closed' | 'pushed' | null;
  /** a pull request's head as of the last push replayed (when GitHub received it) */
  head: string | null;
  /** the head as of the deadline: the only commit the acceptance covers, the one merged */
  acceptedHead: string | null;
  /**
   * the `when-label` of the policy chosen when the process started (policy.ts); restarts on a
   * push or a withdrawal keep it, a new start or a reopen chooses again
   */
  policy?: string | null;
  /** objections made during this process by people its rule does not allow to object */
  ignoredObjections?: Objection[];
}

export interface ReplayRules {
  onWithdraw: 'restart' | 'resume';
  restartOnPush: boolean;
  /** the notice period's end for a start instant, a tier and a policy (calendar arithmetic lives outside) */
  deadlineOf(start: Date, tier: RiskTier, policy?: string | null): Date;
  /** `on-withdraw` under a policy (docs/lazy-consensus-timer.md "Per-SIG policies"); default `onWithdraw` */
  onWithdrawOf?(policy: string | null): 'restart' | 'resume';
  /** whether an objection counts under a policy's `who-can-object`; without it, every objection does */
  mayObject?(login: string, policy: string | null): boolean;
}

export const IDLE: ConsensusState = {
  phase: 'idle',
  tier: null,
  noticeStart: null,
  deadline: null,
  startedBy: null,
  openObjections: [],
  acceptedAt: null,
  cancelledAt: null,
  cancelReason: null,
  head: null,
  acceptedHead: null,
  policy: null,
  ignoredObjections: [],
};

const ms = (iso: string) => Date.parse(iso);
const active = (s: ConsensusState) => s.phase === 'pending' || s.phase === 'objected';

export function replay(history: readonly HistoryEvent[], now: Date, rules: ReplayRules): ConsensusState {
  let s: ConsensusState = IDLE;
  const noticeFrom = (at: string, tier: RiskTier, policy: string | null) =>
    rules.deadlineOf(new Date(at), tier, policy).toISOString();

  for (const e of history) {
    if (ms(e.at) > now.getTime()) break; // not yet happened as of `now` (a pinned clock)
    // The deadline passes before anything that happens at or after it: an objection made at or
    // after the deadline does not count: the notice period had ended without one.
    s = acceptIfDue(s, ms(e.at));

    switch (e.kind) {
      case 'start':
        if (s.phase === 'accepted') break; // the decision is made; a new process needs a new label
        if (s.cancelReason === 'pushed') s = { ...s, acceptedAt: null, acceptedHead: null };
        s = {
          ...s,
          phase: s.openObjections.length && active(s) ? 'objected' : 'pending',
          tier: e.tier,
          policy: e.policy ?? null,
          noticeStart: e.at,
          deadline: noticeFrom(e.at, e.tier, e.policy ?? null),
          startedBy: e.by,
          openObjections: active(s) ? s.openObjections : [],
          ignoredObjections: active(s) ? s.ignoredObjections : [],
          cancelledAt: null,
          cancelReason: null,
        };
        break;
      case 'stop':
        if (active(s))
          s = { ...s, phase: 'cancelled', cancelledAt: e.at, cancelReason: e.reason, openObjections: [] };
        break;
      case 'reopen':
        // Reopening an item that still carries the trigger label starts a fresh notice period.
        if (s.phase === 'cancelled' && s.cancelReason === 'closed') {
          s = {
            ...s,
            phase: 'pending',
            tier: e.tier,
            policy: e.policy ?? null,
            noticeStart: e.at,
            deadline: noticeFrom(e.at, e.tier, e.policy ?? null),
            ignoredObjections: [],
            cancelledAt: null,
            cancelReason: null,
          };
        }
        break;
      case 'push':
        s = { ...s, head: e.sha };
        // A new commit changes the proposal: the notice period starts again (`restart-on-push`).
        if (active(s) && rules.restartOnPush && s.tier)
          s = { ...s, noticeStart: e.at, deadline: noticeFrom(e.at, s.tier, s.policy ?? null) };
        // Content that arrived after the deadline was never under notice: the acceptance does not
        // cover it (docs/lazy-consensus-timer.md "The accepted head"); back on the accepted head, it does.
        else if (s.phase === 'accepted' && e.sha !== s.acceptedHead)
          s = { ...s, phase: 'cancelled', cancelledAt: e.at, cancelReason: 'pushed' };
        else if (s.phase === 'cancelled' && s.cancelReason === 'pushed' && e.sha === s.acceptedHead)
          s = { ...s, phase: 'accepted', cancelledAt: null, cancelReason: null };
        break;
      case 'object':
        if (!active(s)) break;
        // `who-can-object` of the policy in force (or the section's); others are listed, not counted
        if (rules.mayObject && !rules.mayObject(e.objection.by, s.policy ?? null))
          s = { ...s, ignoredObjections: [...(s.ignoredObjections ?? []), e.objection] };
        else s = { ...s, phase: 'objected', openObjections: [...s.openObjections, e.objection] };
        break;
      case 'withdraw':
        if (s.phase === 'objected') {
          const mine = (o: Objection) =>
            o.by.toLowerCase() === e.by.toLowerCase() && (e.scope === 'all' || o.via === 'review');
          s = afterObjectionsLeave(
            s,
            s.openObjections.filter((o) => !mine(o)),
            e.at,
            rules,
            noticeFrom,
          );
        }
        break;
      case 'dismiss':
        if (s.phase === 'objected')
          s = afterObjectionsLeave(
            s,
            s.openObjections.filter((o) => o.key !== e.key),
            e.at,
            rules,
            noticeFrom,
          );
        break;
    }
  }
  return acceptIfDue(s, now.getTime());
}

/** Pending past its deadline is accepted as of the deadline, however late anyone looks. */
function acceptIfDue(s: ConsensusState, at: number): ConsensusState {
  if (s.phase === 'pending' && s.deadline && ms(s.deadline) <= at)
    return { ...s, phase: 'accepted', acceptedAt: s.deadline, acceptedHead: s.head };
  return s;
}

function afterObjectionsLeave(
  s: ConsensusState,
  remaining: Objection[],
  at: string,
  rules: ReplayRules,
  noticeFrom: (at: string, tier: RiskTier, policy: string | null) => string,
): ConsensusState {
  if (remaining.length === s.openObjections.length) return s;
  if (remaining.length > 0) return { ...s, openObjections: remaining };
  const policy = s.policy ?? null;
  const onWithdraw = rules.onWithdrawOf?.(policy) ?? rules.onWithdraw;
  if (onWithdraw === 'restart' && s.tier) {
    return {
      ...s,
      phase: 'pending',
      openObjections: [],
      noticeStart: at,
      deadline: noticeFrom(at, s.tier, policy),
    };
  }
  // resume: the old deadline, or now (the withdrawal) if it has passed
  const deadline = s.deadline && ms(s.deadline) > ms(at) ? s.deadline : at;
  return { ...s, phase: 'pending', openObjections: [], deadline };
}
