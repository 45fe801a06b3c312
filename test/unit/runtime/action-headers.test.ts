/**
 * The runtime decides from an action's header (shared/runtime/action-headers.ts) which events it
 * runs on, before the action's code is loaded: the header must list exactly the events that code
 * handles, or a handled event would be skipped with a notice (or an unhandled one reach the code).
 */
import { describe, expect, it } from '@jest/globals';
import { dplResetAction } from '../../../shared/dpl/action.js';
import * as lazyConsensus from '../../../shared/lazy-consensus/action.js';
import { ownersDiversityAction } from '../../../shared/owners-diversity/action.js';
import * as headers from '../../../shared/runtime/action-headers.js';
import * as vep from '../../../shared/vep/action.js';

const sorted = (events: readonly string[]) => [...new Set(events)].sort();

describe('action headers', () => {
  it('list the events each action’s code dispatches on', () => {
    expect(sorted(headers.LAZY_CONSENSUS_TIMER.events)).toEqual(
      sorted([...lazyConsensus.ITEM_EVENTS, ...lazyConsensus.SWEEP_EVENTS]),
    );
    expect(sorted(headers.VEP_SIG_LABEL.events)).toEqual(
      sorted([...vep.PULL_EVENTS, vep.REVIEW_EVENT, ...vep.ISSUE_EVENTS, ...vep.SWEEP_EVENTS]),
    );
  });

  it('are what each loaded definition says of itself', () => {
    const pairs = [
      [headers.DPL_RESET, dplResetAction],
      [headers.LAZY_CONSENSUS_TIMER, lazyConsensus.lazyConsensusAction],
      [headers.OWNERS_DIVERSITY_CHECK, ownersDiversityAction],
      [headers.VEP_SIG_LABEL, vep.vepSigLabelAction],
    ] as const;
    for (const [header, def] of pairs) {
      expect({ name: def.name, events: def.events, handlesRepositories: def.handlesRepositories }).toEqual({
        name: header.name,
        events: header.events,
        handlesRepositories: header.handlesRepositories,
      });
    }
    // only owners-diversity-check reads `repositories` itself (its organisation-wide audit)
    expect(
      Object.values(headers)
        .filter((h) => h.handlesRepositories)
        .map((h) => h.name),
    ).toEqual(['owners-diversity-check']);
  });
});
