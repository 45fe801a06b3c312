/**
 * A SIG's OWNERS names an alias and OWNERS_ALIASES cannot be parsed: the alias cannot be expanded,
 * so nobody from that file may be asked to review (never the alias name itself, which GitHub would
 * read as a user), and the parse error is shown in the plan's notes (the job summary).
 */
import { describe, expect, it } from '@jest/globals';
import { DEFAULT_CONFIG } from '../../../shared/config/defaults.js';
import type { VepConfig } from '../../../shared/config/types.js';
import { decidePull } from '../../../shared/vep/decide.js';
import { sigOwnersFrom } from '../../../shared/vep/gather.js';
import { compileLayout } from '../../../shared/vep/layout.js';
import type { PullSnapshot } from '../../../shared/vep/snapshot.js';
import { planJson } from '../../../shared/plan/summary.js';

const config: VepConfig = structuredClone(DEFAULT_CONFIG.vep);
const DOC = 'veps/sig-network/12-passt-binding/vep.md';
const layout = compileLayout(config.layout, config.ignore);

function pull(sigOwners: PullSnapshot['sigOwners']): PullSnapshot {
  return {
    number: 13,
    title: 'VEP-12: Passt binding',
    author: 'bob',
    headSha: 'abc123',
    draft: false,
    changedFiles: [{ path: DOC, changeType: 'ADDED' }],
    documents: { [DOC]: '# VEP-12\n' },
    labels: [],
    labelEvents: [],
    requestedReviewers: [],
    reviewers: [],
    trackingIssues: { 12: { number: 12, isPull: false, state: 'OPEN', labels: ['kind/tracker'] } },
    sigOwners,
    stickyComment: null,
  };
}

describe('vep-sig-label with an unreadable OWNERS_ALIASES', () => {
  const files = {
    'veps/sig-network/OWNERS': 'approvers:\n  - sig-network-leads\n',
    OWNERS_ALIASES: 'aliases:\n  sig-network-leads: [alice, bob\n',
  };

  it('asks nobody, never the alias name, and says why in the notes (summary and `plan` output)', () => {
    const owners = sigOwnersFrom(layout, ['sig-network'], files);
    expect(owners['sig-network'].approvers).toEqual([]);
    expect(owners['sig-network'].error).toMatch(/^OWNERS_ALIASES:\d+:\d+: invalid YAML/);

    const plan = decidePull(pull(owners), config);
    const requested = plan.effects.flatMap((e) => (e.type === 'request-reviewers' ? e.reviewers : []));
    expect(requested).not.toContain('sig-network-leads');
    expect(requested).toEqual([]);
    expect(plan.notes.join('\n')).toMatch(/OWNERS_ALIASES:\d+:\d+: invalid YAML/);
    expect(planJson(plan)).toMatch(/OWNERS_ALIASES:\d+:\d+: invalid YAML/);
  });

  it('still expands the alias once OWNERS_ALIASES is fixed', () => {
    const owners = sigOwnersFrom(layout, ['sig-network'], {
      ...files,
      OWNERS_ALIASES: 'aliases:\n  sig-network-leads: [alice, bob]\n',
    });
    expect(owners['sig-network']).toEqual({
      file: 'veps/sig-network/OWNERS',
      found: true,
      approvers: ['alice', 'bob'],
    });
  });
});
