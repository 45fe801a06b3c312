/**
 * meta-VEP 282's front matter rules on mutated real proposals and hostile fragments, against any
 * default-branch version: they never throw, and every problem points at a line of the document.
 */
import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { DEFAULT_CONFIG } from '../../../shared/config/defaults.js';
import { checkProposal } from '../../../shared/vep/decide.js';
import { compileLayout, proposalsTouched } from '../../../shared/vep/layout.js';
import { fixture, HOSTILE_FRAGMENTS, nearValid, RUNS } from './mutations.js';

const config = structuredClone(DEFAULT_CONFIG.vep);
const layout = compileLayout(config.layout, config.ignore);
const PATHS = ['veps/sig-network/307-vhostuser/vep.md', 'veps/meta-VEPs/282-governance/vep.md'];
const SEEDS = [
  fixture('kubevirt-enhancements/veps/sig-network/307-vhostuser-binding-plugin/vep.md'),
  '---\nvep-number: 307\nowning-sig: sig-network\nstatus: implementable\nreviewers: [TBD]\napprovers: ["@a"]\nfeature-gate: X\nmilestone:\n  alpha: v1.10\nsuperseded-by: ""\n---\n# VEP\nNo feature gate: none\n',
];
const KEYS = [
  'status: ',
  'replaced',
  'implementable',
  'rejected',
  'milestone:\n  alpha: ',
  'feature-gate: ',
  'superseded-by: ',
  'reviewers:\n  - TBD',
  'No feature gate: x\n',
];

describe('front matter rules (property)', () => {
  it('never throw; problems name the file and a line of the document', () => {
    const doc = fc.oneof(
      nearValid(SEEDS, 40),
      fc
        .array(fc.constantFrom(...HOSTILE_FRAGMENTS, ...KEYS), { maxLength: 30 })
        .map((p) => `---\n${p.join('')}\n---\n${p.join('\n')}`),
    );
    fc.assert(
      fc.property(
        fc.constantFrom(...PATHS),
        doc,
        fc.option(doc),
        fc.boolean(),
        (path, text, base, binary) => {
          const ref = proposalsTouched(layout, [path])[0]!;
          const result = checkProposal(
            ref,
            {
              documents: { [path]: text },
              baseDocuments: { [path]: binary ? null : base },
              baseUnreadable: binary ? { [path]: 'GitHub serves it as binary' } : {},
              defaultBranch: 'main',
              trackingIssues: {},
            },
            config,
            layout,
          );
          const lines = text.split(/\r\n|\r|\n/).length;
          for (const p of result.problems) {
            expect(p.path).toBe(path);
            expect(p.line).toBeGreaterThanOrEqual(1);
            expect(p.line).toBeLessThanOrEqual(lines);
          }
        },
      ),
      { numRuns: RUNS },
    );
  });
});
