/**
 * Ratchet: on a pull request, compare the groups before (base) and after (head) the change.
 * Only what the change introduces or makes worse fails in `ratchet` mode — a larger share for
 * the largest organisation, fewer members, fewer organisations, more members than allowed, a
 * new person nobody can place, a newly malformed file. WG K8s Infra's charter accepts
 * violations while bootstrapping and asks to rectify them on rotation: existing violations are
 * listed as warnings, never blocking an unrelated change. `strict` fails on every violation.
 */
import type { OwnersDiversityConfig } from '../config/types.js';
import type { Finding } from './evaluate.js';
import { compareFractions } from './share.js';

export type Change = 'new' | 'worsened' | 'unchanged' | 'improved';

export interface ComparedFinding extends Finding {
  change: Change;
  before?: Finding;
}

export interface Comparison {
  current: ComparedFinding[];
  /** violations of the base that the head no longer has */
  fixed: Finding[];
}

export function compareFindings(before: readonly Finding[], after: readonly Finding[]): Comparison {
  const old = new Map(before.map((f) => [f.key, f]));
  const current = after.map((f): ComparedFinding => {
    const b = old.get(f.key);
    return b ? { ...f, change: changeOf(b, f), before: b } : { ...f, change: 'new' };
  });
  const still = new Set(after.map((f) => f.key));
  return { current, fixed: before.filter((f) => !still.has(f.key)) };
}

/** Worse means: more of what is capped, less of what has a minimum. */
function changeOf(before: Finding, after: Finding): Change {
  let direction: number;
  switch (after.kind) {
    case 'min-members':
    case 'min-orgs':
      direction = (before.count ?? 0) - (after.count ?? 0);
      break;
    case 'max-members':
      direction = (after.count ?? 0) - (before.count ?? 0);
      break;
    case 'max-org-share':
      direction = compareFractions(after.share!, before.share!);
      break;
    default:
      direction = 0;
  }
  return direction > 0 ? 'worsened' : direction < 0 ? 'improved' : 'unchanged';
}

/** Does this finding fail the check under `mode`? */
export function fails(f: ComparedFinding, mode: OwnersDiversityConfig['mode']): boolean {
  if (f.severity !== 'failure') return false;
  return mode === 'strict' || f.change === 'new' || f.change === 'worsened';
}
