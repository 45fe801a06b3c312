/**
 * Per-SIG decision policies (`lazy-consensus.policies`, docs/lazy-consensus-timer.md "Per-SIG
 * policies"). The Kubernetes governance asks SIG charters to "specify decision making specifics
 * (e.g. TTL, majority thresholds)": a policy gives one SIG's notice periods, objectors and
 * withdrawal rule. It is chosen by the labels the item carried WHEN ITS NOTICE PERIOD STARTED, as
 * the timeline records them, never by the labels it carries now, so a label added or removed
 * during a running period cannot lengthen or shorten it. Pure: no GitHub access.
 */
import type { LazyConsensusConfig, LazyConsensusPolicy, Objectors, RiskTier } from '../config/types.js';
import type { ItemSnapshot } from './snapshot.js';

const ms = (iso: string) => Date.parse(iso);
const same = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();

/** The labels on the item at `at`, lowercased, rebuilt from its label events (those at `at` count). */
export function labelsAt(item: Pick<ItemSnapshot, 'labelEvents'>, at: string): Set<string> {
  const present = new Set<string>();
  for (const e of item.labelEvents) {
    if (ms(e.at) > ms(at)) continue;
    const name = e.label.toLowerCase();
    if (e.added) present.add(name);
    else present.delete(name);
  }
  return present;
}

/**
 * The `when-label` of the policy that applies to a notice period starting at `at`: the first
 * policy, in the configuration's order, whose label the item carried then; null for none.
 */
export function policyAt(
  item: Pick<ItemSnapshot, 'labelEvents'>,
  policies: readonly LazyConsensusPolicy[],
  at: string,
): string | null {
  if (!policies.length) return null;
  const present = labelsAt(item, at);
  return policies.find((p) => present.has(p['when-label'].toLowerCase()))?.['when-label'] ?? null;
}

/** The policy named by a `when-label` (the first with that label, as the choice above). */
export function findPolicy(
  policies: readonly LazyConsensusPolicy[],
  label: string | null | undefined,
): LazyConsensusPolicy | undefined {
  return label ? policies.find((p) => same(p['when-label'], label)) : undefined;
}

/**
 * The section's keys as they apply under a policy: keys the policy leaves out come from the
 * section; `notice` replaces only the tiers it names.
 */
export function underPolicy(lc: LazyConsensusConfig, label: string | null | undefined): LazyConsensusConfig {
  const policy = findPolicy(lc.policies ?? [], label);
  if (!policy) return lc;
  return {
    ...lc,
    notice: { ...lc.notice, ...policy.notice },
    'who-can-object': policy['who-can-object'] ?? lc['who-can-object'],
    'on-withdraw': policy['on-withdraw'] ?? lc['on-withdraw'],
  };
}

/** `sig/network (notice 1w for low)`: the policy as the status comment names it. */
export function describePolicy(label: string, notice: string, tier: RiskTier): string {
  return `${label} (notice ${notice} for ${tier})`;
}

/** Who may object, in words (not escaped). */
export function describeObjectors(rule: Objectors): string {
  if (rule === 'anyone') return 'anyone';
  if (typeof rule === 'string') return `people with ${rule} permission or higher`;
  const users = rule.users ?? [];
  const teams = rule.teams ?? [];
  const parts = [
    ...(users.length ? [`${users.length === 1 ? 'user' : 'users'} ${users.join(', ')}`] : []),
    ...(teams.length ? [`members of ${teams.length === 1 ? 'team' : 'teams'} ${teams.join(', ')}`] : []),
  ];
  return parts.length ? parts.join('; ') : 'nobody (no users or teams listed)';
}
