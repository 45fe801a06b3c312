/**
 * Who may start a notice period (`who-can-start`) and who may object (`who-can-object`).
 * Permissions are looked up only for the people whose commands or labels would matter, once each
 * (the lookup is cached), and then handed to the pure decision as a fixed table.
 */
import { parseCommands } from '../commands/commands.js';
import type { LazyConsensusConfig } from '../config/types.js';
import { atLeast, type PermissionLookup } from '../github/permissions.js';
import type { Authority, ItemSnapshot } from './snapshot.js';

export async function resolveAuthority(
  items: ItemSnapshot[],
  config: LazyConsensusConfig,
  permissions: PermissionLookup,
): Promise<Authority> {
  const trigger = config['trigger-label'].toLowerCase();
  const starters = new Set<string>();
  const objectors = new Set<string>();
  /** each item's would-be objectors, for the policies whose label it carried */
  const objectorsOf = new Map<ItemSnapshot, Set<string>>();
  for (const item of items) {
    for (const e of item.labelEvents) {
      if (e.added && e.actor && !e.actor.isBot && e.label.toLowerCase() === trigger)
        starters.add(e.actor.login);
    }
    for (const c of item.comments) {
      if (c.author && !c.author.isBot && parseCommands(c.body, [config['start-command']]).length)
        starters.add(c.author.login);
    }
    const mine = itemObjectors(item, config);
    for (const login of mine) objectors.add(login);
    objectorsOf.set(item, mine);
  }

  const mayStart = new Set<string>();
  for (const login of starters)
    if (atLeast(await permissions.permissionOf(login), config['who-can-start']))
      mayStart.add(login.toLowerCase());

  const rule = config['who-can-object'];
  const mayObject = new Set<string>();
  if (rule !== 'anyone') {
    for (const login of objectors)
      if (await allowedToObject(login, rule, permissions)) mayObject.add(login.toLowerCase());
  }
  const underPolicy = await resolvePolicyObjectors(items, config, objectorsOf, permissions);
  return {
    mayStart: (login) => mayStart.has(login.toLowerCase()),
    mayObject: (login) => rule === 'anyone' || mayObject.has(login.toLowerCase()),
    mayObjectUnder: (login, label) => {
      const allowed = underPolicy.get(label.toLowerCase());
      return allowed === 'anyone' || !!allowed?.has(login.toLowerCase());
    },
  };
}

/** The people whose objections on this item would count if they may object. */
function itemObjectors(item: ItemSnapshot, config: LazyConsensusConfig): Set<string> {
  const mine = new Set<string>();
  for (const c of item.comments)
    if (c.author && !c.author.isBot && parseCommands(c.body, config['objection-commands']).length)
      mine.add(c.author.login);
  if (config['count-change-requests'])
    for (const r of item.reviews)
      if (r.author && !r.author.isBot && r.state !== 'APPROVED' && r.state !== 'COMMENTED')
        mine.add(r.author.login);
  // a deleted comment may have been an objection (deletions.ts): its author's right to object matters
  for (const d of item.deletions ?? []) if (d.author && !d.author.isBot) mine.add(d.author.login);
  return mine;
}

/**
 * Each policy's objectors (docs/lazy-consensus-timer.md "Per-SIG policies"), keyed by lowercased
 * `when-label`. Looked up only for the people objecting on items that ever carried the policy's
 * label (no other item can be under it), so team membership is asked only when it can matter.
 */
async function resolvePolicyObjectors(
  items: ItemSnapshot[],
  config: LazyConsensusConfig,
  objectorsOf: Map<ItemSnapshot, Set<string>>,
  permissions: PermissionLookup,
): Promise<Map<string, 'anyone' | Set<string>>> {
  const out = new Map<string, 'anyone' | Set<string>>();
  const seen = new Set<string>();
  for (const policy of config.policies ?? []) {
    const label = policy['when-label'].toLowerCase();
    if (seen.has(label)) continue; // the first policy with a label is the one chosen
    seen.add(label);
    const rule = policy['who-can-object'];
    if (rule === undefined) continue; // the section's rule, resolved above
    if (rule === 'anyone') {
      out.set(label, 'anyone');
      continue;
    }
    const allowed = new Set<string>();
    out.set(label, allowed);
    for (const item of items) {
      if (!item.labelEvents.some((e) => e.added && e.label.toLowerCase() === label)) continue;
      for (const login of objectorsOf.get(item) ?? [])
        if (!allowed.has(login.toLowerCase()) && (await allowedToObject(login, rule, permissions)))
          allowed.add(login.toLowerCase());
    }
  }
  return out;
}

/**
 * Whether a label added by this app or bot starts the notice period. Only tokens the repository
 * granted write access can label, and such a token's events start no workflow (the sweep finds
 * them), so `who-can-start` cannot apply to them: `apps-can-start` lists the ones that count.
 */
export function appMayStart(login: string, config: Pick<LazyConsensusConfig, 'apps-can-start'>): boolean {
  const allowed = config['apps-can-start'] ?? 'any';
  if (allowed === 'any') return true;
  const name = login.toLowerCase();
  const slug = name.replace(/\[bot\]$/, '');
  return allowed.some((a) => {
    const entry = a.toLowerCase();
    return entry === name || entry === slug;
  });
}

async function allowedToObject(
  login: string,
  rule: Exclude<LazyConsensusConfig['who-can-object'], 'anyone'>,
  permissions: PermissionLookup,
): Promise<boolean> {
  if (typeof rule === 'string') return atLeast(await permissions.permissionOf(login), rule);
  if ((rule.users ?? []).some((u) => u.toLowerCase() === login.toLowerCase())) return true;
  for (const team of rule.teams ?? []) if (await permissions.isTeamMember(team, login)) return true;
  return false;
}
