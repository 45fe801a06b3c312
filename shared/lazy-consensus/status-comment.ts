/**
 * The words the timer writes: the sticky status comment (edited in place), the one outcome
 * comment that announces acceptance, and the check run's title and summary. Pure renderings of a
 * ConsensusState. User text (objection reasons) is escaped so it cannot mention people, inject
 * Markdown or break the table.
 */
import type { LazyConsensusConfig, RiskTier } from '../config/types.js';
import type { CalendarConfig } from '../config/types.js';
import type { CheckConclusion } from '../plan/effects.js';
import { localDateTimeOf } from '../calendar/business-days.js';
import { boundedLines, FULL_PLAN_POINTER } from '../plan/limits.js';
import { describeObjectors, describePolicy } from './policy.js';
import type { ConsensusState } from './replay.js';

const MAX_REASON_LENGTH = 200;
/** rows and characters of the objections table (the comment's limit is 65,536) */
const OBJECTION_ROWS = 100;
const OBJECTION_TABLE_CHARS = 40_000;
const ZERO_WIDTH_JOINER = '\u200D';
/** objections not counted, named one by one up to this many */
const IGNORED_SHOWN = 10;
/** Characters that Markdown or GitHub's autolinking give a meaning to in a table cell. */
const MARKDOWN_SPECIAL = /[\\`*_{}[\]()<>#+!|~]/g;

/** User-written text as an inert, single-line table cell. */
export function escapeUserText(text: string, maxLength = MAX_REASON_LENGTH): string {
  let flat = text.replace(/\s+/g, ' ').trim();
  if (flat.length > maxLength) flat = `${flat.slice(0, maxLength - 1)}…`;
  return flat
    .replace(MARKDOWN_SPECIAL, (c) => `\\${c}`)
    .replace(/@/g, `@${ZERO_WIDTH_JOINER}`) // no live @mention, no team ping
    .replace(/:\/\//g, `:${ZERO_WIDTH_JOINER}//`); // no autolinked URL
}

/** A login shown without notifying its owner. */
export function quietLogin(login: string): string {
  return `@${ZERO_WIDTH_JOINER}${login}`;
}

/** `2026-03-05 10:00 UTC`, and the same instant in the calendar's zone when that is not UTC. */
export function formatInstant(iso: string, calendar: CalendarConfig): string {
  const utc = `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`;
  if (calendar.timezone === 'UTC') return utc;
  const local = localDateTimeOf(new Date(iso), calendar.timezone);
  return `${utc} (${local} ${calendar.timezone})`;
}

export interface RenderInput {
  state: ConsensusState;
  config: LazyConsensusConfig;
  calendar: CalendarConfig;
  isPull: boolean;
  headSha: string | null;
  /** policies are configured: say which applies, or that none does (the config is already under it) */
  policies?: boolean;
}

export function renderStatusComment({
  state,
  config,
  calendar,
  isPull,
  headSha,
  policies,
}: RenderInput): string {
  const when = (iso: string | null) => (iso ? formatInstant(iso, calendar) : '—');
  const lines: string[] = [];
  const tier = state.tier ?? config['default-risk'];
  const notice = config.notice[tier];
  const objectCmd = `\`${config['objection-commands'][0] ?? '/object'} <reason>\``;
  const withdrawCmd = `\`${config['withdraw-commands'][0] ?? '/withdraw'}\``;

  switch (state.phase) {
    case 'pending':
      lines.push(`### ⏳ Lazy consensus: notice period running`);
      break;
    case 'objected':
      lines.push(`### ✋ Lazy consensus: on hold (objection)`);
      break;
    case 'accepted':
      lines.push(`### ✅ Lazy consensus: accepted`);
      break;
    default:
      lines.push(`### ⏹ Lazy consensus: cancelled`);
  }
  lines.push('');
  lines.push(`| | |`, `|---|---|`);
  lines.push(`| Risk tier | **${tier}** (notice: ${notice}) |`);
  lines.push(...policyRows(state, config, tier, !!policies));
  lines.push(`| Notice period started | ${when(state.noticeStart)} |`);
  if (state.phase === 'accepted') lines.push(`| Accepted | ${when(state.acceptedAt)} |`);
  else if (state.phase === 'cancelled') lines.push(`| Cancelled | ${when(state.cancelledAt)} |`);
  else lines.push(`| Deadline | **${when(state.deadline)}** |`);
  if (isPull && headSha) lines.push(`| Head commit | ${headSha.slice(0, 7)} |`);
  lines.push('');
  const ignored = ignoredLine(state);
  if (ignored && (state.phase === 'pending' || state.phase === 'objected')) lines.push(ignored, '');

  switch (state.phase) {
    case 'pending':
      lines.push(
        `If nobody objects before the deadline, this passes by lazy consensus.`,
        `To object, comment ${objectCmd} on a line of its own${config['count-change-requests'] && isPull ? ', or request changes in a review' : ''}.`,
      );
      break;
    case 'objected':
      lines.push(
        `Open objections (${state.openObjections.length}):`,
        '',
        `| Who | Where | Reason |`,
        `|---|---|---|`,
      );
      // One comment can hold thousands of objections: the table stops well within GitHub's
      // comment limit, and the rest is counted.
      lines.push(
        ...boundedLines(
          state.openObjections.map(
            (o) =>
              `| ${quietLogin(o.by)} | [${o.via}](${o.url}) | ${o.reason ? escapeUserText(o.reason) : '_no reason given_'} |`,
          ),
          {
            maxChars: OBJECTION_TABLE_CHARS,
            maxItems: OBJECTION_ROWS,
            more: (n) => `| | | … and ${n} more (every objection counts; ${FULL_PLAN_POINTER}) |`,
          },
        ),
      );
      lines.push(
        '',
        `Only an objector can withdraw their objection: comment ${withdrawCmd}${config['count-change-requests'] && isPull ? ' (or approve after requesting changes)' : ''}.`,
        config['on-withdraw'] === 'restart'
          ? `When no objection remains, a fresh notice period of ${notice} starts.`
          : `When no objection remains, the original deadline applies again (or the item passes at once if it has gone by).`,
      );
      break;
    case 'accepted':
      lines.push(`No objection was open at the deadline: accepted by lazy consensus.`);
      break;
    case 'cancelled':
      lines.push(
        state.cancelReason === 'pushed'
          ? pushedAfterAcceptance(state, config, when)
          : state.cancelReason === 'closed'
            ? `The item was closed, which ends the process.`
            : `The \`${config['trigger-label']}\` label was removed, which ends the process.`,
      );
      break;
  }
  return lines.join('\n');
}

/** Why a head pushed after the deadline is not accepted, and how to decide on it. */
function pushedAfterAcceptance(
  state: ConsensusState,
  config: LazyConsensusConfig,
  when: (iso: string | null) => string,
): string {
  const accepted = state.acceptedHead ? ` (commit ${state.acceptedHead.slice(0, 7)})` : '';
  return [
    `The head as of the deadline${accepted} was accepted ${when(state.acceptedAt)}, but new commits were pushed after acceptance (${when(state.cancelledAt)}).`,
    `They were never under notice, so they are not accepted and will not be merged by this process.`,
    `To decide on them, start again: remove and re-add the \`${config['trigger-label']}\` label, or comment \`${config['start-command']}\`; a fresh notice period then runs.`,
  ].join(' ');
}

export function renderOutcomeComment({ state, config, calendar }: RenderInput): string {
  const tier = state.tier ?? config['default-risk'];
  return [
    `✅ **Accepted by lazy consensus** as of ${formatInstant(state.acceptedAt!, calendar)}.`,
    '',
    `The ${tier}-risk notice period (${config.notice[tier]}${state.policy ? `, policy ${escapeUserText(state.policy)}` : ''}) ended without an open objection.`,
  ].join('\n');
}

export interface CheckOutput {
  status: 'in_progress' | 'completed';
  conclusion?: CheckConclusion;
  title: string;
  summary: string;
}

export function renderCheck({ state, calendar, config }: RenderInput): CheckOutput {
  const when = (iso: string | null) => (iso ? formatInstant(iso, calendar) : '—');
  switch (state.phase) {
    case 'pending':
      return {
        status: 'in_progress',
        title: `Notice period until ${when(state.deadline)}`,
        summary: `Lazy consensus (${state.tier} risk, ${config.notice[state.tier ?? config['default-risk']]}${checkPolicyNote(state, config)}): passes at ${when(state.deadline)} unless someone objects.`,
      };
    case 'objected':
      return {
        status: 'completed',
        conclusion: 'failure',
        title: `${state.openObjections.length} open objection${state.openObjections.length === 1 ? '' : 's'}`,
        summary: `Objected by ${[...new Set(state.openObjections.map((o) => quietLogin(o.by)))].join(', ')}${checkPolicyNote(state, config)}. See the status comment on the pull request.`,
      };
    case 'accepted':
      return {
        status: 'completed',
        conclusion: 'success',
        title: 'Accepted by lazy consensus',
        summary: `Accepted as of ${when(state.acceptedAt)}.`,
      };
    default:
      // Not neutral: GitHub counts a neutral check as passing a required check.
      if (state.cancelReason === 'pushed')
        return {
          status: 'completed',
          conclusion: 'failure',
          title: 'Pushed after acceptance: not accepted',
          summary: `The head as of the deadline${state.acceptedHead ? ` (${state.acceptedHead.slice(0, 7)})` : ''} was accepted ${when(state.acceptedAt)}; this commit arrived later and was never under notice. Start again (re-add the \`${config['trigger-label']}\` label or comment \`${config['start-command']}\`) to decide on it.`,
        };
      return {
        status: 'completed',
        conclusion: state.cancelReason === 'closed' ? 'cancelled' : 'neutral',
        title: 'Lazy consensus cancelled',
        summary: `The process ended ${when(state.cancelledAt)} (${state.cancelReason === 'closed' ? 'closed' : 'trigger label removed'}).`,
      };
  }
}

/** Which policy decides and who may object (docs/lazy-consensus-timer.md "Per-SIG policies"). */
function policyRows(
  state: ConsensusState,
  config: LazyConsensusConfig,
  tier: RiskTier,
  policies: boolean,
): string[] {
  const rows: string[] = [];
  if (policies)
    rows.push(
      state.policy
        ? `| Policy | ${describePolicy(escapeUserText(state.policy), config.notice[tier], tier)}, chosen by the label present when the notice period started |`
        : `| Policy | none: the section's rules (no policy label was present when the notice period started) |`,
    );
  if (policies || config['who-can-object'] !== 'anyone')
    rows.push(`| Who can object | ${escapeUserText(describeObjectors(config['who-can-object']))} |`);
  return rows;
}

/** Objections that were made but do not count under the rule in force: said, never hidden. */
function ignoredLine(state: ConsensusState): string | null {
  const ignored = state.ignoredObjections ?? [];
  if (!ignored.length) return null;
  const shown = ignored
    .slice(0, IGNORED_SHOWN)
    .map((o) => `${quietLogin(o.by)} ([${o.via}](${o.url}))`)
    .join(', ');
  const more = ignored.length > IGNORED_SHOWN ? ` and ${ignored.length - IGNORED_SHOWN} more` : '';
  const rule = state.policy ? `policy ${escapeUserText(state.policy)}` : `this repository's rule`;
  return `Not counted: ${shown}${more}: not allowed to object under ${rule} (see "Who can object").`;
}

/** `, policy: sig/network; who can object: ...` in the check's summary, when a policy applies. */
function checkPolicyNote(state: ConsensusState, config: LazyConsensusConfig): string {
  if (!state.policy) return '';
  return `; policy: ${escapeUserText(state.policy)}; who can object: ${escapeUserText(describeObjectors(config['who-can-object']))}`;
}
