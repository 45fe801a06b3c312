/**
 * How many of the real kubevirt/enhancements proposals the sign-off rule would hold for SIG
 * sign-offs (docs/vep-sig-label.md "Sign-off and veto"), under `required-from: participating`
 * (the default) and `all`. `npx tsx test/unit/vep/kubevirt-sign-off.ts` prints the doc's table.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { DEFAULT_CONFIG } from '../../../shared/config/defaults.js';
import type { VepConfig } from '../../../shared/config/types.js';
import { splitFrontMatter } from '../../../shared/frontmatter/frontmatter.js';
import { PARTICIPATING_KEY, participatingSigs } from '../../../shared/vep/participating-sigs.js';
import { requiredSigs } from '../../../shared/vep/sign-off.js';
import { classifyKubevirtLayout, FIXTURE_ROOT } from './kubevirt-layout.js';

export const SIGN_OFF_TABLE_START =
  '<!-- sign-off-counts:start (npx tsx test/unit/vep/kubevirt-sign-off.ts) -->';
export const SIGN_OFF_TABLE_END = '<!-- sign-off-counts:end -->';

function readText(path: string): string | null {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return null;
  }
}

function frontMatterHas(text: string, path: string, key: string): boolean {
  try {
    return key in (splitFrontMatter(text, path).data ?? {});
  } catch {
    return false;
  }
}

export function signOffCounts(config: VepConfig = DEFAULT_CONFIG.vep, root = FIXTURE_ROOT) {
  const results = classifyKubevirtLayout(config, root);
  const rows = results.map((r) => {
    const text = readText(join(root, r.ref.documentPath));
    const parsed = participatingSigs({
      text,
      path: r.ref.documentPath,
      proposal: r.ref.dir,
      owningSig: r.owningSig,
      sigs: config.sigs,
    });
    const listed = text !== null && frontMatterHas(text, r.ref.documentPath, PARTICIPATING_KEY);
    return { number: r.number, listed, parsed };
  });
  const need = (mode: 'participating' | 'all') =>
    rows
      .map((row) => ({
        number: row.number,
        sigs: requiredSigs({ ...config['sign-off'], 'required-from': mode }, config.sigs, row.parsed.sigs),
      }))
      .filter((x) => x.sigs.length > 0);
  return {
    total: rows.length,
    listing: rows.filter((r) => r.listed).map((r) => r.number),
    malformed: rows.filter((r) => r.parsed.problems.length).map((r) => r.number),
    participating: need('participating'),
    all: need('all'),
  };
}

export function renderSignOffCounts(config: VepConfig = DEFAULT_CONFIG.vep): string {
  const c = signOffCounts(config);
  const nums = (n: (number | null)[]) => (n.length ? ` (${n.map((x) => `#${x}`).join(', ')})` : '');
  const signOffs = (list: { sigs: string[] }[]) => list.reduce((sum, x) => sum + x.sigs.length, 0);
  return [
    SIGN_OFF_TABLE_START,
    `Of the ${c.total} proposals:`,
    '',
    '| `sign-off.required-from` | proposals held for SIG sign-off | sign-offs needed in all |',
    '|---|---|---|',
    `| \`participating\` (default) | ${c.participating.length}${nums(c.participating.map((x) => x.number))} | ${signOffs(c.participating)} |`,
    `| \`all\` | ${c.all.length} | ${signOffs(c.all)} (${config.sigs.length} each) |`,
    '',
    `${c.listing.length} proposal${c.listing.length === 1 ? '' : 's'} write${c.listing.length === 1 ? 's' : ''} \`participating-sigs\`${nums(c.listing)}; ${c.malformed.length} malformed${nums(c.malformed)}.`,
    SIGN_OFF_TABLE_END,
  ].join('\n');
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  process.stdout.write(`${renderSignOffCounts()}\n`);
}
