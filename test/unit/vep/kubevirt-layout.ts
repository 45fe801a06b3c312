/**
 * What vep-sig-label's rules say about every proposal in the real kubevirt/enhancements tree
 * (fixtures copied from ../../fixtures/kubevirt-enhancements): each vep.md is checked as if a pull
 * request changed it. Tracking issues and titles live on GitHub, not in the tree, so they are
 * assumed right here. `npx tsx test/unit/vep/kubevirt-layout.ts` prints the README's table.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import { DEFAULT_CONFIG } from '../../../shared/config/defaults.js';
import type { VepConfig } from '../../../shared/config/types.js';
import { checkProposal, type ProposalResult } from '../../../shared/vep/decide.js';
import { compileLayout, proposalsTouched } from '../../../shared/vep/layout.js';

export const FIXTURE_ROOT = 'test/fixtures/kubevirt-enhancements';

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? walk(path) : [path];
  });
}

export function classifyKubevirtLayout(
  config: VepConfig = DEFAULT_CONFIG.vep,
  root = FIXTURE_ROOT,
): ProposalResult[] {
  const layout = compileLayout(config.layout, config.ignore);
  const paths = walk(root).map((p) => relative(root, p).split('\\').join('/'));
  const proposals = proposalsTouched(layout, paths);
  return proposals.map((ref) => {
    const text = (() => {
      try {
        return readFileSync(join(root, ref.documentPath), 'utf8');
      } catch {
        return null;
      }
    })();
    const number = ref.number ?? 0;
    return checkProposal(
      ref,
      {
        documents: { [ref.documentPath]: text },
        // assumed: every number is a labelled tracking issue (not knowable from the tree)
        trackingIssues: {
          [number]: { number, isPull: false, state: 'OPEN', labels: [config['tracking-issue'].label] },
        },
      },
      config,
      layout,
    );
  });
}

export function renderReport(results: ProposalResult[]): string {
  const ok = results.filter((r) => r.problems.length === 0);
  const bySig = new Map<string, number>();
  for (const r of ok) bySig.set(r.owningSig!, (bySig.get(r.owningSig!) ?? 0) + 1);
  const flagged = results.filter((r) => r.problems.length > 0);
  const lines = [
    `${results.length} proposals found; ${ok.length} pass (${[...bySig].map(([s, n]) => `${s} ${n}`).join(', ')}); ${flagged.length} would be flagged:`,
    '',
    '| proposal | label | what the check says |',
    '|---|---|---|',
    ...flagged.map(
      (r) =>
        `| \`${r.ref.dir}\` | ${r.owningSig ? `sig/${r.owningSig.replace(/^sig-/, '')}` : 'triage/needs-owning-sig'} | ${r.problems
          .map((p) => p.message.replace(/\|/g, '\\|'))
          .join('<br>')} |`,
    ),
  ];
  return lines.join('\n');
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const config = structuredClone(DEFAULT_CONFIG.vep);
  process.stdout.write(
    `${renderReport(classifyKubevirtLayout(config))}\n\nWith front-matter.required: true:\n\n`,
  );
  config['front-matter'].required = true;
  const strict = classifyKubevirtLayout(config);
  process.stdout.write(`${strict.filter((r) => r.problems.length).length} of ${strict.length} flagged\n`);
}
