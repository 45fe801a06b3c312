/**
 * Escalation (docs/vep-sig-label.md; the README's "the VEP author can consult the maintainers"):
 * the clock starts when the pull request opened, restarts at every push and at every review or
 * comment from the owning SIG's approvers. After `sig-after` of silence the approvers are pinged
 * once; after `maintainers-after` the escalation label goes on and the maintainers are pinged
 * once. An escalation comment counts for the current quiet period only when it is newer than the
 * clock's start, so SIG activity (a reset) makes a later silence escalate again.
 */
import { addDuration, type BusinessCalendar } from '../calendar/business-days.js';
import type { Duration } from '../calendar/duration.js';

export type EscalationStage = 'sig' | 'maintainers';

export interface EscalationInput {
  author: string;
  createdAt: string;
  /** time of the latest push (commit date of the head, or a force push), if known */
  lastPushAt: string | null;
  /** the SIG's approvers */
  approvers: readonly string[];
  /** reviews and comments by people: who and when */
  activity: readonly { login: string; at: string }[];
  /** times of the action's earlier escalation comments, per stage */
  posted: Readonly<Record<EscalationStage, readonly string[]>>;
  now: Date;
  sigAfter: Duration;
  maintainersAfter: Duration;
  calendar: BusinessCalendar;
}

export interface EscalationDecision {
  /** start of the current quiet period */
  since: Date;
  /** what started it, for the log */
  sinceWhat: string;
  sigDue: Date;
  maintainersDue: Date;
  /** the stage reached now (null: still within `sig-after`) */
  stage: EscalationStage | null;
  /** stages to post a comment for now (none already posted in this quiet period) */
  post: EscalationStage[];
}

export function decideEscalation(input: EscalationInput): EscalationDecision {
  const approvers = new Set(input.approvers.map((a) => a.toLowerCase()));
  const author = input.author.toLowerCase();
  let since = Date.parse(input.createdAt);
  let sinceWhat = 'opened';
  if (input.lastPushAt && Date.parse(input.lastPushAt) > since) {
    since = Date.parse(input.lastPushAt);
    sinceWhat = 'last push';
  }
  for (const a of input.activity) {
    const login = a.login.toLowerCase();
    if (login !== author && approvers.has(login) && Date.parse(a.at) > since) {
      since = Date.parse(a.at);
      sinceWhat = `activity by ${a.login}`;
    }
  }
  const start = new Date(since);
  const sigDue = addDuration(start, input.sigAfter, input.calendar);
  const maintainersDue = addDuration(start, input.maintainersAfter, input.calendar);
  const now = input.now.getTime();
  const stage: EscalationStage | null =
    now >= maintainersDue.getTime() ? 'maintainers' : now >= sigDue.getTime() ? 'sig' : null;
  const postedSince = (s: EscalationStage) => input.posted[s].some((at) => Date.parse(at) >= since);
  const post: EscalationStage[] = [];
  if (stage === 'sig' && !postedSince('sig')) post.push('sig');
  // Reaching the maintainers' stage without the SIG ping (e.g. installed late): one comment only.
  if (stage === 'maintainers' && !postedSince('maintainers')) post.push('maintainers');
  return { since: start, sinceWhat, sigDue, maintainersDue, stage, post };
}
