/**
 * meta-VEP 282's rules on a proposal's front matter beyond its shape (front-matter-checks.ts):
 * the status move from the default branch, what `implementable` requires, `superseded-by`, and
 * proposals in a meta folder ("Meta-VEPs (which live under `veps/meta-VEPs/`) ... describe process
 * changes rather than features"), which no SIG owns: the maintainers do. docs/vep-sig-label.md
 * "Front matter rules (meta-VEP 282)".
 */
import type { VepConfig } from '../config/types.js';
import type { FrontMatterFacts } from './front-matter-checks.js';
import { IMPLEMENTABLE, keyLine } from './front-matter-checks.js';
import { checkImplementableRequires } from './implementable-requires.js';
import type { ProposalRef } from './layout.js';
import type { Problem } from './problems.js';
import type { PullSnapshot } from './snapshot.js';
import { baseStatus, checkStatusMove } from './status-transitions.js';
import { code } from './text.js';

/** A proposal in one of `front-matter.meta-folders` (and not a configured SIG folder). */
export function isMetaProposal(ref: ProposalRef, config: VepConfig): boolean {
  return (
    ref.sigFolder !== null &&
    !config.sigs.includes(ref.sigFolder) &&
    config['front-matter']['meta-folders'].includes(ref.sigFolder)
  );
}

export function checkFrontMatterRules(opts: {
  ref: ProposalRef;
  text: string;
  facts: FrontMatterFacts;
  snapshot: Pick<PullSnapshot, 'baseDocuments' | 'baseUnreadable' | 'defaultBranch' | 'movedFrom'>;
  config: VepConfig;
  number: number | null;
  meta: boolean;
}): Problem[] {
  const { ref, text, facts, config } = opts;
  const data = facts.data;
  if (!facts.present || !data) return [];
  const fm = config['front-matter'];
  const path = ref.documentPath;
  const line = (key: string) => keyLine(text, key);
  const problems: Problem[] = [];

  // "owned by the maintainers": no SIG folder to agree with; a named owning-sig must still exist.
  if (opts.meta && fm['owning-sig-must-match-folder'] && typeof data['owning-sig'] === 'string') {
    const named = data['owning-sig'].trim();
    const known = [...config.sigs, ref.sigFolder!];
    if (named !== '' && !known.some((k) => k.toLowerCase() === named.toLowerCase())) {
      problems.push({
        code: 'owning-sig',
        proposal: ref.dir,
        path,
        line: line('owning-sig'),
        message: `${code(ref.sigFolder!)} holds process proposals owned by the maintainers; its front matter ${code('owning-sig')} may be left out, or name a SIG that sponsors it (${known.map((k) => code(k)).join(', ')}), not ${code(named)}.`,
      });
    }
  }

  // The status move, when the caller knows the default branch's version.
  if (opts.snapshot.baseDocuments !== undefined) {
    const branch = opts.snapshot.defaultBranch ?? 'the default branch';
    // the same number in another folder on the default branch: moved, renamed or copied
    const movedFrom = opts.snapshot.movedFrom?.[path];
    const basePath = movedFrom ?? path;
    const from = baseStatus({
      path: basePath,
      branch,
      text: opts.snapshot.baseDocuments[basePath] ?? null,
      unreadable: opts.snapshot.baseUnreadable?.[path] ?? opts.snapshot.baseUnreadable?.[basePath],
    });
    problems.push(
      ...checkStatusMove({
        from,
        to: facts.status,
        data,
        transitions: fm.transitions,
        path,
        proposal: ref.dir,
        branch,
        number: opts.number,
        line,
        ...(movedFrom ? { movedFrom } : {}),
      }),
    );
  } else if (facts.status === 'replaced') {
    problems.push(
      ...checkStatusMove({
        from: { kind: 'status', status: 'replaced' },
        to: 'replaced',
        data,
        transitions: fm.transitions,
        path,
        proposal: ref.dir,
        branch: '',
        number: opts.number,
        line,
      }),
    );
  }

  if (facts.status === IMPLEMENTABLE) {
    problems.push(
      ...checkImplementableRequires({
        data,
        text,
        body: facts.body ?? '',
        requires: fm['implementable-requires'],
        meta: opts.meta,
        path,
        proposal: ref.dir,
        statusLine: line('status'),
      }),
    );
  }
  return problems;
}

/** The kind label a pull request gets: some changed proposal's front matter parses. */
export function kindLabelFor(config: VepConfig, parsed: boolean[]): string | null {
  return config['kind-label'] && parsed.some(Boolean) ? config['kind-label'] : null;
}
