/**
 * VEP parsing: the layout pattern (a config value), the paths a pull request changes, the
 * tracking issue's "Primary SIG" line and `/sig` comments, and the front matter checks. None of
 * them throws for any input but a GovernanceError; the classifiers never throw at all.
 */
import { readdirSync } from 'node:fs';
import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { checkFrontMatter } from '../../../shared/vep/front-matter-checks.js';
import { compileLayout, proposalsTouched, type Layout } from '../../../shared/vep/layout.js';
import { owningSigOfIssue, primarySigFromBody } from '../../../shared/vep/tracking-issue.js';
import {
  expectGovernanceError,
  fixture,
  FIXTURES,
  HOSTILE_FRAGMENTS,
  nearValid,
  RUNS,
  tokenSoup,
} from './mutations.js';

const LAYOUT = 'veps/{sig}/{number}-{slug}/vep.md';
const SIGS = ['sig-compute', 'sig-network', 'sig-storage'];
const CONFIG_FILE = '.github/governance.yml';

const TRACKER = [
  '**Feature Name**: passt binding',
  '',
  'Primary SIG:',
  '<!-- the SIG that owns it -->',
  '/sig network',
  '',
  'Other SIGs: /sig compute',
].join('\n');

const PROPOSALS = readdirSync(`${FIXTURES}/kubevirt-enhancements/veps/sig-network`)
  .slice(0, 4)
  .map((dir) => fixture(`kubevirt-enhancements/veps/sig-network/${dir}/vep.md`));

const pathSegment = fc.oneof(
  fc.constantFrom(
    'veps',
    'sig-network',
    'sig-x',
    '12-passt',
    '12_Passt',
    'vep.md',
    'img.png',
    '',
    '.',
    '..',
    '{sig}',
    '{number}-{slug}',
    '\u200B',
    '%2F',
  ),
  fc.string({ maxLength: 8 }),
);
const paths = fc.array(pathSegment, { minLength: 1, maxLength: 7 }).map((s) => s.join('/'));

describe('vep.layout (property)', () => {
  it('any pattern compiles or is rejected with the config file and key path', () => {
    const patterns = fc.oneof(
      nearValid([LAYOUT]),
      fc
        .array(
          fc.constantFrom(
            '{sig}',
            '{number}',
            '{slug}',
            '-',
            '/',
            'veps',
            'vep.md',
            '{',
            '}',
            '(',
            '*',
            '\\',
            '$',
          ),
          { maxLength: 12 },
        )
        .map((p) => p.join('')),
    );
    fc.assert(
      fc.property(patterns, paths, (pattern, path) => {
        let layout: Layout;
        try {
          layout = compileLayout(pattern);
        } catch (error) {
          expectGovernanceError(error, pattern, { file: CONFIG_FILE, keyPath: true });
          return;
        }
        // a compiled layout classifies any path without throwing
        for (const proposal of proposalsTouched(layout, [path, `${path}/vep.md`]))
          expect(proposal.paths.length).toBeGreaterThan(0);
      }),
      { numRuns: RUNS },
    );
  });

  it('any changed paths are classified without an exception', () => {
    const layout = compileLayout(LAYOUT);
    fc.assert(
      fc.property(fc.array(paths, { maxLength: 10 }), (changed) => {
        for (const proposal of proposalsTouched(layout, changed)) {
          expect(proposal.documentPath.endsWith('/vep.md') || proposal.documentPath === 'vep.md').toBe(true);
          if (proposal.number !== null) expect(proposal.number).toBeGreaterThanOrEqual(0);
        }
      }),
      { numRuns: RUNS },
    );
  });
});

describe('tracking issue (property)', () => {
  const bodies = fc.oneof(
    nearValid([TRACKER]),
    tokenSoup(['Primary SIG:', '/sig ', '/remove-sig ', 'network', '$SIG', '**', '<!-- x -->']),
  );

  it('any body and comments name a configured SIG or none, without an exception', () => {
    fc.assert(
      fc.property(bodies, fc.array(bodies, { maxLength: 3 }), (body, comments) => {
        const primary = primarySigFromBody(body);
        if (primary !== null) expect(primary).toMatch(/^\S+$/);
        const result = owningSigOfIssue(
          body,
          comments.map((c) => ({ author: 'ann', body: c })),
          SIGS,
        );
        if (result.folder !== null) expect(SIGS).toContain(result.folder);
      }),
      { numRuns: RUNS },
    );
  });
});

describe('VEP front matter checks (property)', () => {
  it('mutations of real proposals: problems at lines of the document, never an exception', () => {
    fc.assert(
      fc.property(nearValid(PROPOSALS, 40), fc.constantFrom(true, false), (text, required) => {
        const path = 'veps/sig-network/12-passt/vep.md';
        const { problems } = checkFrontMatter({
          text,
          path,
          proposal: 'VEP 12',
          folderNumber: 12,
          folderSig: 'sig-network',
          required,
          owningSigMustMatchFolder: true,
        });
        for (const problem of problems) {
          expect(problem.path).toBe(path);
          expect(problem.line).toBeGreaterThanOrEqual(1);
          expect(problem.line).toBeLessThanOrEqual(text.split(/\r\n|\r|\n/).length);
        }
      }),
      { numRuns: RUNS },
    );
  });

  it('hostile fragments alone never break the checks', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.constantFrom(...HOSTILE_FRAGMENTS, 'status: ', 'vep-number: ', 'owning-sig: ', 'implementable'),
          { maxLength: 40 },
        ),
        (parts) => {
          const text = `---\n${parts.join('')}\n---\n# body\n`;
          checkFrontMatter({
            text,
            path: 'vep.md',
            proposal: 'VEP 1',
            folderNumber: 1,
            folderSig: null,
            required: true,
            owningSigMustMatchFolder: true,
          });
        },
      ),
      { numRuns: RUNS },
    );
  });
});
