/**
 * `participating-sigs` in a proposal's front matter: meta-VEP 282, "other SIGs that must LGTM
 * before merge". A list of SIG names, spelled as folders (`sig-network`) or as `/sig` takes them
 * (`network`). The owning SIG listed there is ignored: it approves as the owner, not as a
 * participant. A front matter that does not parse is reported by the front matter checks.
 */
import { GovernanceError } from '../errors/governance-error.js';
import { splitFrontMatter } from '../frontmatter/frontmatter.js';
import { keyLine } from './front-matter-checks.js';
import type { Problem } from './problems.js';
import { closestSig, editDistance, sigFolderOf } from './sigs.js';
import { code } from './text.js';

export const PARTICIPATING_KEY = 'participating-sigs';

export interface ParticipatingSigs {
  /** known SIG folders, in the order of `vep.sigs`, without the owning SIG */
  sigs: string[];
  problems: Problem[];
}

export function participatingSigs(opts: {
  text: string | null | undefined;
  path: string;
  proposal: string;
  owningSig: string | null;
  sigs: readonly string[];
}): ParticipatingSigs {
  const none: ParticipatingSigs = { sigs: [], problems: [] };
  if (typeof opts.text !== 'string') return none;
  let data: Record<string, unknown> | null;
  try {
    data = splitFrontMatter(opts.text, opts.path).data;
  } catch (e) {
    if (e instanceof GovernanceError) return none;
    throw e;
  }
  const value = data?.[PARTICIPATING_KEY];
  if (value === undefined || value === null) return none;
  const line = keyLine(opts.text, PARTICIPATING_KEY);
  const problems: Problem[] = [];
  const problem = (message: string) =>
    problems.push({ code: 'participating-sigs', proposal: opts.proposal, path: opts.path, line, message });
  const known = opts.sigs.map((s) => code(s)).join(', ');
  if (!Array.isArray(value)) {
    problem(
      `Front matter ${code(PARTICIPATING_KEY)} must be a list of SIGs, e.g. ${code(`${PARTICIPATING_KEY}: [${opts.sigs.find((s) => s !== opts.owningSig) ?? 'sig-…'}]`)} or ${code(`${PARTICIPATING_KEY}: []`)}; it is ${code(JSON.stringify(value) ?? String(value))}.`,
    );
    return { sigs: [], problems };
  }
  const found = new Set<string>();
  for (const entry of value as unknown[]) {
    if (typeof entry !== 'string') {
      problem(
        `${code(JSON.stringify(entry) ?? String(entry))} is not a SIG name: list the SIGs under ${code(PARTICIPATING_KEY)} by name (one of ${known}).`,
      );
      continue;
    }
    const folder = sigFolderOf(entry, opts.sigs);
    if (folder === null) {
      const closest = closestSig(entry, opts.sigs);
      const typo = closest && editDistance(entry.toLowerCase(), closest.toLowerCase()) <= 2;
      problem(
        `${code(entry)} is not a known SIG (${code(PARTICIPATING_KEY)}; the known SIGs are ${known}).${typo ? ` Did you mean ${code(closest!)}?` : ''}`,
      );
      continue;
    }
    if (folder !== opts.owningSig) found.add(folder);
  }
  return { sigs: opts.sigs.filter((s) => found.has(s)), problems };
}
