/**
 * An item's history as the lazy-consensus process sees it: the recorded facts (labels, comments,
 * reviews, pushes, closes) turned into governance events in time order. Only events that the
 * rules let count are kept: commands from bots, from inside code blocks, quotes and HTML
 * comments, and starts from people below `who-can-start` never become events. Objections are
 * all kept: who may object depends on the policy in force when they were made, which the
 * replay knows (docs/lazy-consensus-timer.md, "Per-SIG policies").
 */
import { authoredHistory, commandsOverTime, othersEditsNote } from '../commands/authored-history.js';
import { parseCommands } from '../commands/commands.js';
import type { LazyConsensusConfig, RiskTier } from '../config/types.js';
import type { Authority, ItemSnapshot } from './snapshot.js';
import { appMayStart } from './authority.js';
import { policyAt } from './policy.js';

export const RISK_TIERS: readonly RiskTier[] = ['low', 'medium', 'high'];

/** A person's open objection: one per objection command or change request. */
export interface Objection {
  /** `comment:<id>:<line>` or `review:<id>` */
  key: string;
  by: string;
  at: string;
  url: string;
  reason: string;
  via: 'comment' | 'review';
}

export type HistoryEvent =
  /** `policy`: the `when-label` of the policy chosen at this start (policy.ts), null for none */
  | {
      kind: 'start';
      at: string;
      by: string;
      via: 'label' | 'command';
      tier: RiskTier;
      url?: string;
      policy?: string | null;
    }
  | { kind: 'stop'; at: string; reason: 'unlabeled' | 'closed' }
  | { kind: 'reopen'; at: string; tier: RiskTier; policy?: string | null }
  | { kind: 'push'; at: string; sha: string }
  | { kind: 'object'; at: string; objection: Objection }
  /** `scope: 'all'` is a withdraw command; `'reviews'` is an approval superseding a change request */
  | { kind: 'withdraw'; at: string; by: string; scope: 'all' | 'reviews' }
  | { kind: 'dismiss'; at: string; key: string };

const ms = (iso: string) => Date.parse(iso);

/** The history of one item, sorted by time (ties keep the order they were recorded in). */
export function historyOf(
  item: ItemSnapshot,
  config: LazyConsensusConfig,
  authority: Authority,
): HistoryEvent[] {
  const trigger = config['trigger-label'].toLowerCase();
  const tierAt = (at: string, explicit?: RiskTier) => explicit ?? riskTierAt(item, config, at);
  // docs/lazy-consensus-timer.md "Per-SIG policies": chosen by the labels present at the start
  const policy = (at: string) => policyAt(item, config.policies ?? [], at);
  const events: HistoryEvent[] = [];

  // Start and cancel through the trigger label (docs/lazy-consensus-timer.md). A label added by an app or
  // bot counts whatever `who-can-start` says: only tokens granted write access by the repository
  // can add labels, and such a token's events start no workflow, which is what the sweep is for.
  // `apps-can-start` narrows that to listed apps (docs/config.md).
  for (const e of item.labelEvents) {
    if (e.label.toLowerCase() !== trigger) continue;
    if (!e.added) {
      events.push({ kind: 'stop', at: e.at, reason: 'unlabeled' });
    } else if (
      e.actor &&
      (e.actor.isBot ? appMayStart(e.actor.login, config) : authority.mayStart(e.actor.login))
    ) {
      events.push({
        kind: 'start',
        at: e.at,
        by: e.actor.login,
        via: 'label',
        tier: tierAt(e.at),
        policy: policy(e.at),
      });
    }
  }
  for (const e of item.stateEvents) {
    events.push(
      e.kind === 'closed'
        ? { kind: 'stop', at: e.at, reason: 'closed' }
        : { kind: 'reopen', at: e.at, tier: tierAt(e.at), policy: policy(e.at) },
    );
  }
  for (const p of item.pushes) events.push({ kind: 'push', at: p.at, sha: p.sha });

  const startNames = [config['start-command']];
  const objectNames = config['objection-commands'];
  const withdrawNames = config['withdraw-commands'];
  const allNames = [...startNames, ...objectNames, ...withdrawNames];
  for (const c of item.comments) {
    if (!c.author || c.author.isBot) continue;
    const by = c.author.login;
    // Each command counts from when its author first wrote it, until they edit it away; edits by
    // anyone else change nothing (docs/reliability.md "Decision integrity").
    const authored = authoredHistory({
      author: by,
      createdAt: c.createdAt,
      body: c.body,
      edits: c.edits ?? [],
    });
    const edited = othersEditsNote(by, authored);
    const timed = commandsOverTime(
      authored,
      (body) => parseCommands(body, allNames),
      // a start keeps its tier: `/lazy-consensus high` edited to `low` is a new start
      (cmd) => (startNames.includes(cmd.name) ? `${cmd.name} ${parseTier(cmd.args) ?? ''}` : cmd.name),
    );
    for (const { command: cmd, since: at, removedAt } of timed) {
      if (startNames.includes(cmd.name)) {
        if (!authority.mayStart(by)) continue;
        events.push({
          kind: 'start',
          at,
          by,
          via: 'command',
          tier: tierAt(at, parseTier(cmd.args)),
          url: c.url,
          policy: policy(at),
        });
      } else if (objectNames.includes(cmd.name)) {
        // who may object depends on the policy in force at the time: the replay decides
        const key = `comment:${c.id}:${cmd.line}:${at}`;
        events.push({
          kind: 'object',
          at,
          objection: {
            key,
            by,
            at,
            url: c.url,
            reason: edited ? `${cmd.args} (${edited})` : cmd.args,
            via: 'comment',
          },
        });
        // Edited away by its author: withdrawn from that edit on.
        if (removedAt) events.push({ kind: 'dismiss', at: removedAt, key });
      } else {
        // Only the objector withdraws: a withdrawal removes its author's own objections, nobody else's.
        events.push({ kind: 'withdraw', at, by, scope: 'all' });
      }
    }
  }

  for (const r of item.reviews) {
    if (!r.author || r.author.isBot) continue;
    const by = r.author.login;
    const wasChangeRequest =
      r.state === 'CHANGES_REQUESTED' ||
      (r.state === 'DISMISSED' && r.stateBeforeDismissal === 'CHANGES_REQUESTED');
    if (wasChangeRequest && config['count-change-requests']) {
      const key = `review:${r.id}`;
      events.push({
        kind: 'object',
        at: r.at,
        objection: { key, by, at: r.at, url: r.url, reason: firstLineOf(r.body), via: 'review' },
      });
      // "counts as an objection until dismissed" (config.md): a dismissal ends it from then on.
      if (r.state === 'DISMISSED') events.push({ kind: 'dismiss', at: r.dismissedAt ?? r.at, key });
    } else if (r.state === 'APPROVED') {
      events.push({ kind: 'withdraw', at: r.at, by, scope: 'reviews' });
    }
  }

  return events
    .map((e, i) => ({ e, i }))
    .sort((a, b) => ms(a.e.at) - ms(b.e.at) || a.i - b.i)
    .map(({ e }) => e);
}

/** "/lazy-consensus high": the first word, when it names a tier. */
export function parseTier(args: string): RiskTier | undefined {
  const word = args.trim().split(/\s+/)[0]?.toLowerCase() ?? '';
  return (RISK_TIERS as readonly string[]).includes(word) ? (word as RiskTier) : undefined;
}

/**
 * The tier from the risk labels present at `at` (docs/config.md: `default-risk` is the "tier when no
 * risk label is present at start"),
 * the highest when several are, else `default-risk`.
 */
export function riskTierAt(item: ItemSnapshot, config: LazyConsensusConfig, at: string): RiskTier {
  const riskLabels = new Map(
    Object.entries(config['risk-labels']).map(([label, tier]) => [label.toLowerCase(), tier]),
  );
  const present = new Set<string>();
  for (const e of item.labelEvents) {
    if (ms(e.at) > ms(at)) continue;
    const name = e.label.toLowerCase();
    if (!riskLabels.has(name)) continue;
    if (e.added) present.add(name);
    else present.delete(name);
  }
  const tiers = [...present].map((l) => riskLabels.get(l)!);
  if (tiers.length === 0) return config['default-risk'];
  return tiers.reduce((a, b) => (RISK_TIERS.indexOf(b) > RISK_TIERS.indexOf(a) ? b : a));
}

function firstLineOf(text: string): string {
  return (
    text
      .split('\n')
      .find((l) => l.trim() !== '')
      ?.trim() ?? ''
  );
}
