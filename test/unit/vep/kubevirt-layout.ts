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

/**
 * What the default branch holds for each proposal: `same` = the proposal's own text (a pull
 * request changing something else in it), `new` = nothing (the proposal is new), `none` = not
 * read (the status move is not judged).
 */
export type BaseMode = 'same' | 'new' | 'none';

export function classifyKubevirtLayout(
  config: VepConfig = DEFAULT_CONFIG.vep,
  root = FIXTURE_ROOT,
  base: BaseMode = 'same',
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
        ...(base === 'none'
          ? {}
          : { baseDocuments: { [ref.documentPath]: base === 'same' ? text : null }, defaultBranch: 'main' }),
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
  for (const r of ok) {
    const owner = r.owningSig ?? `${r.ref.sigFolder} (the maintainers)`;
    bySig.set(owner, (bySig.get(owner) ?? 0) + 1);
  }
  const flagged = results.filter((r) => r.problems.length > 0);
  const lines = [
    `${results.length} proposals found; ${ok.length} pass (${[...bySig].map(([s, n]) => `${s} ${n}`).join(', ')}); ${flagged.length} would be flagged:`,
    '',
    '| proposal | label | what the check says |',
    '|---|---|---|',
    ...flagged.map(
      (r) =>
        `| \`${r.ref.dir}\` | ${r.owningSig ? `sig/${r.owningSig.replace(/^sig-/, '')}` : r.meta ? '(none: the maintainers own it)' : 'triage/needs-owning-sig'} | ${r.problems
          .map((p) => p.message.replace(/\|/g, '\\|'))
          .join('<br>')} |`,
    ),
  ];
  return lines.join('\n');
}

/** Problem codes of each meta-VEP 282 front matter rule (docs/vep-sig-label.md "Front matter rules"). */
export const FRONT_MATTER_RULES = [
  {
    rule: '1. status moves along `front-matter.transitions`; `replaced` needs `superseded-by`',
    codes: ['status-transition', 'superseded-by'],
  },
  {
    rule: '2. `implementable` needs `implementable-requires` (reviewers, approvers, `milestone.alpha`, `feature-gate`)',
    codes: ['tbd-approvers', 'implementable-requires'],
  },
] as const;

export const FRONT_MATTER_TABLE_START =
  '<!-- front-matter-rules:start (npx tsx test/unit/vep/kubevirt-layout.ts) -->';
export const FRONT_MATTER_TABLE_END = '<!-- front-matter-rules:end -->';

/**
 * How many real proposals rules 1, 2 and 4 flag with the defaults, judged against a default branch
 * holding the same text, and as if each proposal were new.
 */
export function renderFrontMatterRules(config: VepConfig = DEFAULT_CONFIG.vep, root = FIXTURE_ROOT): string {
  const same = classifyKubevirtLayout(config, root, 'same');
  const fresh = classifyKubevirtLayout(config, root, 'new');
  const cell = (results: ProposalResult[], codes: readonly string[]) => {
    const hit = results.filter((r) => r.problems.some((p) => codes.includes(p.code)));
    return hit.length ? `${hit.length} (${hit.map((r) => `#${r.number}`).join(', ')})` : '0';
  };
  const kinded = (results: ProposalResult[]) => {
    const hit = results.filter((r) => r.frontMatterParses);
    return `${hit.length} (${hit.map((r) => `#${r.number}`).join(', ')})`;
  };
  const meta = same.filter((r) => r.meta);
  return [
    FRONT_MATTER_TABLE_START,
    `Of the ${same.length} proposals (defaults):`,
    '',
    '| rule | changed (default branch holds the same text) | as if new |',
    '|---|---|---|',
    ...FRONT_MATTER_RULES.map((r) => `| ${r.rule} | ${cell(same, r.codes)} | ${cell(fresh, r.codes)} |`),
    `| 4. labelled \`${config['kind-label']}\` (front matter parses) | ${kinded(same)} | ${kinded(fresh)} |`,
    `| \`meta-folders\`: owned by the maintainers, no SIG label | ${meta.length} (${meta.map((r) => `#${r.number}`).join(', ')}) | ${meta.length} |`,
    FRONT_MATTER_TABLE_END,
  ].join('\n');
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const config = structuredClone(DEFAULT_CONFIG.vep);
  process.stdout.write(
    `${renderReport(classifyKubevirtLayout(config))}\n\nWith front-matter.required: true:\n\n`,
  );
  config['front-matter'].required = true;
  const strict = classifyKubevirtLayout(config);
  process.stdout.write(`${strict.filter((r) => r.problems.length).length} of ${strict.length} flagged\n`);
  process.stdout.write(`\n${renderFrontMatterRules()}\n`);
}
