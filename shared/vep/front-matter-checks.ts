/**
 * Front matter checks (meta-VEP 282 "VEP Front Matter"): when `vep.md`
 * has a front matter block (or `front-matter.required`), it must parse, `vep-number` must be the
 * folder's number, `owning-sig` the folder's SIG, `status` one of the seven governance states.
 * What an `implementable` proposal needs is in implementable-requires.ts, status moves in
 * status-transitions.ts. The document is the pull request's own text: read as data, never run.
 */
import { GovernanceError } from '../errors/governance-error.js';
import { splitFrontMatter } from '../frontmatter/frontmatter.js';
import type { Problem } from './problems.js';
import { code } from './text.js';

/** meta-VEP 282, "Proposal Governance States" */
export const VEP_STATUSES = [
  'provisional',
  'implementable',
  'implemented',
  'deferred',
  'rejected',
  'withdrawn',
  'replaced',
] as const;
export const IMPLEMENTABLE = 'implementable';

export interface FrontMatterFacts {
  /** whether the document has a front matter block (false when it could not be parsed either) */
  present: boolean;
  status: string | null;
  owningSig: string | null;
  /** the parsed front matter and the Markdown after it, when present */
  data?: Record<string, unknown>;
  body?: string;
}

export function checkFrontMatter(opts: {
  text: string;
  path: string;
  proposal: string;
  folderNumber: number | null;
  folderSig: string | null;
  required: boolean;
  owningSigMustMatchFolder: boolean;
}): { problems: Problem[]; facts: FrontMatterFacts } {
  const { text, path, proposal } = opts;
  const problems: Problem[] = [];
  const at = (message: string, line?: number, codeName: Problem['code'] = 'front-matter-invalid'): void => {
    problems.push({ code: codeName, proposal, message, path, line: line ?? 1 });
  };
  let data: Record<string, unknown> | null;
  let body: string;
  try {
    ({ data, body } = splitFrontMatter(text, path));
  } catch (e) {
    if (!(e instanceof GovernanceError)) throw e;
    at(
      `The front matter of ${code(path)} does not parse: ${e.message}. Fix the YAML between the two \`---\` lines.`,
      e.location?.line,
    );
    return { problems, facts: { present: false, status: null, owningSig: null } };
  }
  if (data === null) {
    if (opts.required) {
      at(
        `${code(path)} has no front matter. Start the file with a \`---\` block holding at least ${code(`vep-number: ${opts.folderNumber ?? 'N'}`)}, ${code(`owning-sig: ${opts.folderSig ?? 'sig-…'}`)} and ${code('status: provisional')} (meta-VEP 282), closed by another \`---\` line.`,
        1,
        'front-matter-missing',
      );
    }
    return { problems, facts: { present: false, status: null, owningSig: null } };
  }
  const line = (key: string) => keyLine(text, key);

  // vep-number: the tracking issue's number, which is also the folder's number.
  const number = data['vep-number'];
  if (opts.folderNumber !== null) {
    const written =
      typeof number === 'number'
        ? number
        : typeof number === 'string' && /^\s*\d+\s*$/.test(number)
          ? Number(number)
          : null;
    if (number === undefined || number === null) {
      at(
        `Add ${code(`vep-number: ${opts.folderNumber}`)} to the front matter (the folder's number).`,
        1,
        'vep-number',
      );
    } else if (written !== opts.folderNumber) {
      at(
        `Front matter ${code('vep-number')} is ${code(String(number))} but the folder says ${opts.folderNumber}: set ${code(`vep-number: ${opts.folderNumber}`)} (or rename the folder if the number is wrong).`,
        line('vep-number'),
        'vep-number',
      );
    }
  }

  // owning-sig: the folder decides; the front matter must agree.
  const owningSig = typeof data['owning-sig'] === 'string' ? (data['owning-sig'] as string).trim() : null;
  if (opts.owningSigMustMatchFolder && opts.folderSig !== null) {
    if (data['owning-sig'] === undefined || data['owning-sig'] === null) {
      at(
        `Add ${code(`owning-sig: ${opts.folderSig}`)} to the front matter (the proposal's folder is ${code(opts.folderSig)}).`,
        1,
        'owning-sig',
      );
    } else if (owningSig?.toLowerCase() !== opts.folderSig.toLowerCase()) {
      at(
        `Front matter ${code('owning-sig')} is ${code(String(data['owning-sig']))} but the proposal is in the ${code(opts.folderSig)} folder: set ${code(`owning-sig: ${opts.folderSig}`)}, or move the proposal folder under ${code(String(data['owning-sig']))} if that SIG owns it.`,
        line('owning-sig'),
        'owning-sig',
      );
    }
  }

  // status: one of the seven states.
  const status = typeof data.status === 'string' ? data.status.trim() : null;
  if (status === null || !(VEP_STATUSES as readonly string[]).includes(status)) {
    const found = data.status === undefined ? 'missing' : `${code(String(data.status))}`;
    at(
      `Front matter ${code('status')} is ${found}: use one of ${VEP_STATUSES.map((s) => code(s)).join(', ')} (meta-VEP 282); a new proposal starts as ${code('provisional')}.`,
      data.status === undefined ? 1 : line('status'),
      'status',
    );
  }

  return { problems, facts: { present: true, status, owningSig, data, body } };
}

/** 1-based line of a top-level `key:` in the front matter, or 1. */
export function keyLine(text: string, key: string): number {
  const lines = text.split(/\r\n|\r|\n/);
  for (let i = 1; i < lines.length; i++) {
    if (/^(---|\.\.\.)\s*$/.test(lines[i])) break;
    if (lines[i].startsWith(`${key}:`)) return i + 1;
  }
  return 1;
}
