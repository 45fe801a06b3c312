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
  for (const item of items) {
    for (const e of item.labelEvents) {
      if (e.added && e.actor && !e.actor.isBot && e.label.toLowerCase() === trigger)
        starters.add(e.actor.login);
    }
    for (const c of item.comments) {
      if (!c.author || c.author.isBot) continue;
      const names = parseCommands(c.body, [config['start-command'], ...config['objection-commands']]).map(
        (x) => x.name,
      );
      if (names.includes(config['start-command'])) starters.add(c.author.login);
      if (names.some((x) => x !== config['start-command'])) objectors.add(c.author.login);
    }
    if (config['count-change-requests']) {
      for (const r of item.reviews)
        if (r.author && !r.author.isBot && r.state !== 'APPROVED' && r.state !== 'COMMENTED')
          objectors.add(r.author.login);
    }
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
  return {
    mayStart: (login) => mayStart.has(login.toLowerCase()),
    mayObject: (login) => rule === 'anyone' || mayObject.has(login.toLowerCase()),
  };
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
