/**
 * Tracking issue lifecycle (docs/vep-sig-label.md "Tracking issue lifecycle"), pure.
 *
 * meta-VEP 282 "Front matter as single source of truth": "The GitHub Projects board, tracking
 * issue, and any CI tooling derive their view from the front matter." So once a proposal pull
 * request merges, its tracking issue carries `tracking-issue.status-label` for the status on the
 * default branch, one such label at a time. kubevirt/enhancements docs/feature-lifecycle.md: "The
 * issue is expected to remain open until the feature either reaches GA or is dropped": an issue
 * closed before `implemented` is reopened with a comment, unless its status can no longer reach
 * `implemented` (dropped: rejected, withdrawn, replaced with the default transitions).
 */
import type { Permission, VepConfig } from '../config/types.js';
import { GovernanceError } from '../errors/governance-error.js';
import { splitFrontMatter } from '../frontmatter/frontmatter.js';
import { atLeast, isBot } from '../github/permissions.js';
import { emptyPlan, type Effect, type Plan } from '../plan/effects.js';
import { LIMITS } from '../plan/limits.js';
import { marker } from '../plan/markers.js';
import { VEP_STATUSES } from './front-matter-checks.js';
import { labelsAddedByAction, type LabelEvent } from './label-ownership.js';
import { code, noMention } from './text.js';

const ACTION = 'vep-sig-label';
export const IMPLEMENTED = 'implemented';
const STATUS_PLACEHOLDER = '{status}';
const CONFIG_KEY = 'vep.tracking-issue.status-label';
/** whoever closes an issue again after the action reopened it, with this permission, is left alone */
const MAINTAINER = 'maintain';
const LABEL_COLOR = '5319e7';

export interface StateEvent {
  action: 'closed' | 'reopened';
  actor: string;
  actorType?: string;
  at: string;
}

export interface LifecycleIssue {
  number: number;
  isPull: boolean;
  state: 'open' | 'closed';
  labels: string[];
  labelEvents: LabelEvent[];
  /** closed and reopened events, oldest first (the whole timeline) */
  stateEvents: StateEvent[];
  /** permission of the person who closed it last, when it was closed after a bot reopened it */
  closerPermission?: Permission | 'none';
}

export interface LifecycleItem {
  /** the tracking issue's number: the proposal's {number} */
  number: number;
  /** the proposal's document(s) with this number on the default branch; text null: not there */
  documents: { path: string; text: string | null }[];
  /** null: no issue or pull request has this number */
  issue: LifecycleIssue | null;
  /** what could not be read: the item is not judged and the verdict fails (fail closed) */
  unreadable?: string;
}

export interface LifecycleSnapshot {
  /** what started the run, for the notes: `#13 merged`, `#12 closed`, `sweep` */
  trigger: string;
  defaultBranch: string;
  items: LifecycleItem[];
  /** facts about the run as a whole (proposals without a number, a base that is not the default branch) */
  notes: string[];
  /** what the run as a whole could not read (the default branch's tree): the verdict fails */
  unreadable?: string;
}

/** `vep/{status}` -> `vep/implementable` */
export function statusLabel(template: string, status: string): string {
  return template.split(STATUS_PLACEHOLDER).join(status);
}

/**
 * Whether a proposal in `status` may have a closed tracking issue: it is implemented, or its
 * status can no longer reach `implemented` along `front-matter.transitions` (the feature was
 * dropped). Derived from the transitions so a project's own lifecycle is honoured.
 */
export function mayBeClosed(status: string, transitions: Record<string, string[]>): boolean {
  if (status === IMPLEMENTED) return true;
  const seen = new Set([status]);
  const queue = [status];
  while (queue.length) {
    for (const next of transitions[queue.shift()!] ?? []) {
      if (next === IMPLEMENTED) return false;
      if (!seen.has(next)) {
        seen.add(next);
        queue.push(next);
      }
    }
  }
  return true;
}

type StatusRead = { status: string; path: string } | { none: string } | { invalid: string };

/** The merged status of one proposal, or why there is none (never a guess). */
export function mergedStatus(documents: LifecycleItem['documents']): StatusRead {
  const found: { status: string; path: string }[] = [];
  for (const d of documents) {
    if (d.text === null) continue;
    let data: Record<string, unknown> | null;
    try {
      data = splitFrontMatter(d.text, d.path).data;
    } catch (e) {
      if (!(e instanceof GovernanceError)) throw e;
      return { invalid: `the front matter of ${code(d.path)} does not parse (${e.describe()})` };
    }
    if (data === null) continue;
    const status = typeof data.status === 'string' ? data.status.trim() : null;
    if (!status || !(VEP_STATUSES as readonly string[]).includes(status))
      return {
        invalid: `${code(d.path)} has no valid ${code('status')} (${data.status === undefined ? 'missing' : code(String(data.status))})`,
      };
    found.push({ status, path: d.path });
  }
  if (!documents.some((d) => d.text !== null)) return { none: 'no proposal document on the default branch' };
  if (!found.length) return { none: 'no front matter, so no status' };
  const statuses = [...new Set(found.map((f) => f.status))];
  if (statuses.length > 1)
    return {
      invalid: `several proposals carry this number with different statuses (${found.map((f) => `${code(f.path)}: ${code(f.status)}`).join(', ')})`,
    };
  return found[0];
}

/**
 * The last close when a person made it after a bot had reopened the issue (timeline order, not
 * timestamps: a reopening can share its second with the close it answered), else null.
 */
export function closedAgainAfterBotReopen(events: readonly StateEvent[]): StateEvent | null {
  const last = events.findLastIndex((e) => e.action === 'closed');
  if (last < 0 || isBot(events[last].actor, events[last].actorType)) return null;
  const reopened = events.slice(0, last).some((e) => e.action === 'reopened' && isBot(e.actor, e.actorType));
  return reopened ? events[last] : null;
}

/** The reopening comment's marker: one per close event, so a reopening is never repeated for it. */
export function reopenMarker(closedAt: string | null): string {
  return marker(ACTION, `lifecycle-reopen-${closedAt ?? 'unknown'}`);
}

export function renderReopenComment(opts: {
  status: string;
  path: string;
  defaultBranch: string;
  closedBy: string | null;
  label: string;
}): string {
  return [
    `This tracking issue was reopened: kubevirt/enhancements \`docs/feature-lifecycle.md\`: "The issue is expected to remain open until the feature either reaches GA or is dropped."`,
    '',
    `The proposal's merged status is ${code(opts.status)} (${code(opts.path)} on ${code(opts.defaultBranch)}, shown by the ${code(opts.label)} label)${opts.closedBy ? `; it was closed by ${noMention(opts.closedBy)}` : ''}.`,
    '',
    `To close it properly, merge a pull request that sets ${code(`status: ${IMPLEMENTED}`)} in the proposal's front matter once the feature is GA (or ${code('rejected')}, ${code('withdrawn')} or ${code('replaced')} if it is dropped); the issue may be closed then. A maintainer who closes it again after this reopening is not overridden.`,
  ].join('\n');
}

function labelCatalog(config: VepConfig): NonNullable<Plan['labelCatalog']> {
  const template = config['tracking-issue']['status-label'];
  return Object.fromEntries(
    VEP_STATUSES.map((s) => [
      statusLabel(template, s),
      { color: LABEL_COLOR, description: `The proposal's merged status is ${s} (meta-VEP 282)` },
    ]),
  );
}

export function decideLifecycle(s: LifecycleSnapshot, config: VepConfig): Plan {
  const plan = emptyPlan(ACTION);
  const tracking = config['tracking-issue'];
  plan.notes.push(...s.notes);
  if (!tracking['sync-status']) {
    plan.notes.push('tracking issue lifecycle: off (`vep.tracking-issue.sync-status: false`)');
    return plan;
  }
  const template = tracking['status-label'];
  const all = VEP_STATUSES.map((st) => statusLabel(template, st));
  const tooLong = all.find((l) => l.length > LIMITS.labelName);
  if (tooLong) {
    plan.verdict = {
      failed: true,
      message: `${CONFIG_KEY} makes the label ${code(tooLong)}, longer than GitHub's ${LIMITS.labelName} characters: shorten it`,
    };
    return plan;
  }
  plan.labelCatalog = labelCatalog(config);
  const isStatusLabel = new Set(all.map((l) => l.toLowerCase()));
  const failed: string[] = s.unreadable ? [s.unreadable] : [];
  const synced: string[] = [];

  for (const item of s.items) {
    const n = `#${item.number}`;
    if (item.unreadable) {
      plan.notes.push(`${n}: not judged: ${item.unreadable}`);
      failed.push(`${n} (${item.unreadable})`);
      continue;
    }
    const read = mergedStatus(item.documents);
    if ('none' in read) {
      plan.notes.push(`${n}: ${read.none}: the tracking issue is left as it is`);
      continue;
    }
    if ('invalid' in read) {
      plan.notes.push(`${n}: ${read.invalid}: no label change until a pull request fixes it`);
      continue;
    }
    const issue = item.issue;
    if (
      !issue ||
      issue.isPull ||
      !issue.labels.some((l) => l.toLowerCase() === tracking.label.toLowerCase())
    ) {
      plan.notes.push(
        `${n}: ${!issue ? 'no such issue' : issue.isPull ? 'a pull request' : `not labelled ${code(tracking.label)}`}, so not a tracking issue: left alone`,
      );
      continue;
    }
    const wanted = statusLabel(template, read.status);
    plan.effects.push(...statusLabelEffects(issue, wanted, isStatusLabel, read.status));
    synced.push(`${n} ${read.status}`);
    plan.notes.push(`${n}: merged status ${code(read.status)} (${code(read.path)}): ${code(wanted)}`);
    if (issue.state === 'closed') plan.effects.push(...reopenEffects(issue, read, s, config, plan.notes));
  }

  const done = `tracking issue lifecycle (${s.trigger}): ${synced.length ? synced.join(', ') : 'no status to show'}`;
  plan.verdict = failed.length
    ? {
        failed: true,
        message: `${done}; not judged, could not be read: ${failed.join('; ')}`,
      }
    : { failed: false, message: done };
  return plan;
}

/**
 * One status label at a time. The merged document is the only source of a proposal's status
 * (meta-VEP 282): another of the seven status labels is stale whoever added it, so it is removed
 * (the note says when a person had added it), and the wanted one is added back if removed.
 */
function statusLabelEffects(
  issue: LifecycleIssue,
  wanted: string,
  isStatusLabel: Set<string>,
  status: string,
): Effect[] {
  const effects: Effect[] = [];
  const has = issue.labels.some((l) => l.toLowerCase() === wanted.toLowerCase());
  if (!has)
    effects.push({
      type: 'add-labels',
      number: issue.number,
      labels: [wanted],
      why: `the proposal's merged status is ${status} (meta-VEP 282: the tracking issue derives its view from the front matter)`,
    });
  const stale = issue.labels.filter(
    (l) => isStatusLabel.has(l.toLowerCase()) && l.toLowerCase() !== wanted.toLowerCase(),
  );
  if (stale.length) {
    const byAction = labelsAddedByAction(stale, issue.labelEvents);
    const byPeople = stale.filter((l) => !byAction.has(l.toLowerCase()));
    effects.push({
      type: 'remove-labels',
      number: issue.number,
      labels: stale,
      why: `one status label at a time: the merged status is ${status}${
        byPeople.length
          ? ` (${byPeople.join(', ')} added by a person: the front matter decides the status)`
          : ''
      }`,
    });
  }
  return effects;
}

function reopenEffects(
  issue: LifecycleIssue,
  read: { status: string; path: string },
  s: LifecycleSnapshot,
  config: VepConfig,
  notes: string[],
): Effect[] {
  const n = `#${issue.number}`;
  if (mayBeClosed(read.status, config['front-matter'].transitions)) {
    notes.push(
      `${n}: closed, and may be: ${read.status === IMPLEMENTED ? 'the feature is implemented' : `${code(read.status)} can no longer reach ${code(IMPLEMENTED)} (dropped)`}`,
    );
    return [];
  }
  const lastClose = issue.stateEvents.findLast((e) => e.action === 'closed') ?? null;
  const closedAt = lastClose?.at ?? null;
  const again = closedAgainAfterBotReopen(issue.stateEvents);
  if (again && atLeast(issue.closerPermission ?? 'none', MAINTAINER)) {
    notes.push(
      `${n}: closed again by ${noMention(again.actor)} (${issue.closerPermission}) after it was reopened: a maintainer's decision, left closed although the status is ${code(read.status)}`,
    );
    return [];
  }
  notes.push(`${n}: closed while ${code(read.status)}: reopened (it stays open until ${code(IMPLEMENTED)})`);
  const why = `the tracking issue remains open until the feature reaches GA (status ${read.status})`;
  return [
    {
      type: 'comment',
      number: issue.number,
      marker: reopenMarker(closedAt),
      mode: 'once',
      body: renderReopenComment({
        status: read.status,
        path: read.path,
        defaultBranch: s.defaultBranch,
        closedBy: lastClose && !isBot(lastClose.actor, lastClose.actorType) ? lastClose.actor : null,
        label: statusLabel(config['tracking-issue']['status-label'], read.status),
      }),
      why,
    },
    { type: 'update-issue', number: issue.number, state: 'open', why },
  ];
}

/** Two plans of one run as one: effects and notes in order, the verdict fails if either does. */
export function combinePlans(first: Plan, second: Plan): Plan {
  const verdicts = [first.verdict, second.verdict].filter((v) => v !== null);
  return {
    ...first,
    effects: [...first.effects, ...second.effects],
    notes: [...first.notes, ...second.notes],
    outputs: { ...second.outputs, ...first.outputs },
    labelCatalog: { ...second.labelCatalog, ...first.labelCatalog },
    verdict: verdicts.length
      ? { failed: verdicts.some((v) => v.failed), message: verdicts.map((v) => v.message).join('; ') }
      : null,
  };
}
