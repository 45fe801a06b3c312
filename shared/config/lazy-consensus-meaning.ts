/**
 * Meaning checks of `lazy-consensus.policies` and `who-can-object` (docs/lazy-consensus-timer.md
 * "Per-SIG policies"): configurations that parse but would make a SIG believe its rule applies
 * when it never can.
 */
import { DEFAULT_CONFIG } from './defaults.js';
import { diagnosticAt, type ConfigDiagnostic } from './diagnostics.js';
import type { ParsedConfigFile } from './parse.js';

/** A team as `who-can-object` names it: `slug` (the repository owner's org) or `org/slug`. */
export const TEAM_FORMAT = /^[A-Za-z0-9][A-Za-z0-9-]*(?:\/[A-Za-z0-9][A-Za-z0-9_.-]*)?$/;

type Section = {
  'trigger-label'?: unknown;
  labels?: Record<string, unknown>;
  'who-can-object'?: unknown;
  policies?: unknown;
};

export function checkLazyConsensusPolicies(parsed: ParsedConfigFile): ConfigDiagnostic[] {
  const lc = parsed.value['lazy-consensus'] as Section | undefined;
  if (!lc || typeof lc !== 'object') return [];
  const defaults = DEFAULT_CONFIG['lazy-consensus'];
  const trigger = String(lc['trigger-label'] ?? defaults['trigger-label']);
  const managed = Object.entries({ ...defaults.labels, ...(lc.labels ?? {}) }).map(
    ([state, label]) => [state, String(label)] as const,
  );
  const out = checkTeams(parsed, lc['who-can-object'], ['lazy-consensus', 'who-can-object']);
  const policies = Array.isArray(lc.policies) ? (lc.policies as Record<string, unknown>[]) : [];
  const seen = new Map<string, number>();
  policies.forEach((policy, index) => {
    if (!policy || typeof policy !== 'object') return;
    const at = ['lazy-consensus', 'policies', index];
    out.push(...checkTeams(parsed, policy['who-can-object'], [...at, 'who-can-object']));
    if (typeof policy['when-label'] !== 'string') return;
    const label = policy['when-label'];
    const key = label.toLowerCase();
    const error = (message: string) =>
      out.push(diagnosticAt(parsed, [...at, 'when-label'], 'error', message));
    // The trigger label is on every item the process runs on; a state label is the action's own.
    if (key === trigger.toLowerCase())
      error(
        `"${label}" is the trigger label: it would choose this policy for every item started by label and none started by command; name the SIG's own label (e.g. sig/network)`,
      );
    const state = managed.find(([, l]) => l.toLowerCase() === key);
    if (state)
      error(
        `"${label}" is the ${state[0]} label this action sets itself: the action's own label would choose the policy; name the SIG's own label (e.g. sig/network)`,
      );
    const first = seen.get(key);
    if (first !== undefined)
      error(
        `"${label}" is also the label of policies[${first}], which is chosen first: this policy would never apply; merge the two`,
      );
    else seen.set(key, index);
    if (!('notice' in policy) && !('who-can-object' in policy) && !('on-withdraw' in policy))
      out.push(
        diagnosticAt(
          parsed,
          at,
          'warning',
          `the policy for "${label}" sets no notice, who-can-object or on-withdraw: it changes nothing`,
        ),
      );
  });
  return out;
}

/** `teams` entries are `slug` or `org/slug` (GitHub's team slugs): anything else can never match. */
function checkTeams(parsed: ParsedConfigFile, rule: unknown, at: (string | number)[]): ConfigDiagnostic[] {
  const teams = (rule as { teams?: unknown } | undefined)?.teams;
  if (!rule || typeof rule !== 'object' || !Array.isArray(teams)) return [];
  const out: ConfigDiagnostic[] = [];
  teams.forEach((team, index) => {
    if (typeof team === 'string' && TEAM_FORMAT.test(team)) return;
    out.push(
      diagnosticAt(
        parsed,
        [...at, 'teams', index],
        'error',
        `${JSON.stringify(team)} is not a team: write the team's slug as "org/slug" or "slug" (an org team of this repository's owner), without "@" or spaces, e.g. kubernetes/sig-network-leads`,
      ),
    );
  });
  return out;
}
