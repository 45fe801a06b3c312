/**
 * "Never remove a label a person added" (docs/vep-sig-label.md): the action may only take back the
 * labels it put there itself. The issue timeline tells who added each label; a label counts as the
 * action's when the latest `labeled` event for it has a bot as its actor. A label with no such
 * event (added on creation) counts as a person's: the safe side. The whole timeline is read
(shared/vep/gather.ts), so no later flood of events hides the action's own `labeled` event.
 */
import { isBot } from '../github/permissions.js';

export interface LabelEvent {
  label: string;
  action: 'labeled' | 'unlabeled';
  actor: string;
  /** GraphQL `__typename` of the actor (`Bot` for apps, whose GraphQL login has no `[bot]`) */
  actorType?: string;
  at: string;
}

/** The current labels (lowercased) whose latest `labeled` event was a bot's. */
export function labelsAddedByAction(current: readonly string[], events: readonly LabelEvent[]): Set<string> {
  const lastAdder = new Map<string, LabelEvent>();
  for (const e of events) if (e.action === 'labeled') lastAdder.set(e.label.toLowerCase(), e);
  const result = new Set<string>();
  for (const label of current) {
    const e = lastAdder.get(label.toLowerCase());
    if (e && isBot(e.actor, e.actorType)) result.add(label.toLowerCase());
  }
  return result;
}

export interface LabelChange {
  add: string[];
  remove: string[];
}

/**
 * What to add and remove so the labels `managed` by this rule are `wanted`: add the missing ones;
 * remove a managed label only when it is no longer wanted and the action added it.
 */
export function reconcileLabels(opts: {
  current: readonly string[];
  wanted: readonly string[];
  managed: (label: string) => boolean;
  addedByAction: ReadonlySet<string>;
}): LabelChange {
  const has = new Set(opts.current.map((l) => l.toLowerCase()));
  const want = new Set(opts.wanted.map((l) => l.toLowerCase()));
  const add = [...new Set(opts.wanted)].filter((l) => !has.has(l.toLowerCase()));
  const remove = opts.current.filter(
    (l) => opts.managed(l) && !want.has(l.toLowerCase()) && opts.addedByAction.has(l.toLowerCase()),
  );
  return { add, remove };
}
