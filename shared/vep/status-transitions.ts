/**
 * meta-VEP 282, "Action 1 — Front Matter Validator": "Status transition from the base branch is
 * valid (no skipped states, no revival from terminal states)" and "If `status: replaced`:
 * `superseded-by` is non-empty". A pull request's `status` is compared with the same `vep.md` on
 * the default branch, along `front-matter.transitions` (docs/vep-sig-label.md "Front matter rules").
 */
import { GovernanceError } from '../errors/governance-error.js';
import { splitFrontMatter } from '../frontmatter/frontmatter.js';
import { VEP_STATUSES } from './front-matter-checks.js';
import type { Problem } from './problems.js';
import { code } from './text.js';

/** Where a pull request moves a proposal's status from. */
export type BaseStatus =
  /** the proposal is not on the default branch */
  | { kind: 'new' }
  /**
   * on the default branch without front matter: the pull request records the status for the
   * first time, which meta-VEP 282's "Migration of Existing VEPs" leaves to the SIG chairs
   * (`implemented` for GA features, ...), so any state may be recorded
   */
  | { kind: 'migration' }
  | { kind: 'status'; status: string }
  /** cannot be known: the check fails closed with this message */
  | { kind: 'unknown'; message: string };

const TBD = /^\s*@?tbd\s*$/i;
const MAINTAINER_REPAIR =
  'A maintainer must repair it there (merging that repair past this check); this check fails until then rather than guess the status.';

/** The status of a proposal's `vep.md` on the default branch. */
export function baseStatus(opts: {
  path: string;
  branch: string;
  /** the text on the default branch; null: not there */
  text: string | null;
  /** set when the default branch has the file but it could not be read */
  unreadable?: string;
}): BaseStatus {
  const where = `${code(opts.path)} on ${code(opts.branch)}`;
  if (opts.unreadable !== undefined) {
    return {
      kind: 'unknown',
      message: `Cannot read the default branch's version of ${code(opts.path)} (${opts.unreadable}), so the status this pull request moves from is unknown. ${MAINTAINER_REPAIR}`,
    };
  }
  if (opts.text === null) return { kind: 'new' };
  let data: Record<string, unknown> | null;
  try {
    data = splitFrontMatter(opts.text, opts.path).data;
  } catch (e) {
    if (!(e instanceof GovernanceError)) throw e;
    return {
      kind: 'unknown',
      message: `The front matter of ${where} does not parse (${code(e.message)}), so the status it moves from is unknown. ${MAINTAINER_REPAIR}`,
    };
  }
  if (data === null) return { kind: 'migration' };
  const status = typeof data.status === 'string' ? data.status.trim() : null;
  if (status === null || !(VEP_STATUSES as readonly string[]).includes(status)) {
    const found = data.status === undefined ? 'missing' : code(String(data.status));
    return {
      kind: 'unknown',
      message: `The ${code('status')} of ${where} is ${found}, not a meta-VEP 282 state, so the move cannot be judged. ${MAINTAINER_REPAIR}`,
    };
  }
  return { kind: 'status', status };
}

const list = (xs: readonly string[]) =>
  xs.length <= 1
    ? xs.map((x) => code(x)).join('')
    : `${xs
        .slice(0, -1)
        .map((x) => code(x))
        .join(', ')} or ${code(xs[xs.length - 1]!)}`;

/** The move from the default branch's status to the pull request's, and `replaced`'s pointer. */
export function checkStatusMove(opts: {
  from: BaseStatus;
  /** the pull request's status; checked only when it is one of the seven states */
  to: string | null;
  data: Record<string, unknown>;
  transitions: Record<string, string[]>;
  path: string;
  proposal: string;
  branch: string;
  number: number | null;
  /** 1-based line of a front matter key (1 when absent) */
  line: (key: string) => number;
  /** the default branch holds this proposal's number at this other path (moved-proposals.ts) */
  movedFrom?: string;
}): Problem[] {
  const { from, to } = opts;
  const problems: Problem[] = [];
  const at = (code: Problem['code'], message: string, line: number) =>
    problems.push({ code, proposal: opts.proposal, path: opts.path, line, message });
  if (to === null || !(VEP_STATUSES as readonly string[]).includes(to)) return problems;
  const statusLine = opts.line('status');
  const onBranch = opts.movedFrom
    ? `(on ${code(opts.branch)}, at ${code(opts.movedFrom)}: the same proposal number)`
    : `(on ${code(opts.branch)})`;

  if (from.kind === 'unknown') at('status-transition', from.message, statusLine);
  else if (from.kind === 'new' || (from.kind === 'status' && from.status !== to)) {
    const key = from.kind === 'new' ? 'new' : from.status;
    const allowed = opts.transitions[key] ?? [];
    if (!allowed.includes(to)) {
      if (from.kind === 'new') {
        at(
          'status-transition',
          allowed.length
            ? `A new proposal (not on the default branch ${code(opts.branch)}) starts as ${list(allowed)}, not ${code(to)} (meta-VEP 282: no skipped states): set ${code(`status: ${allowed[0]}`)} and move it on in later pull requests.`
            : `${code('vep.front-matter.transitions.new')} allows no status for a new proposal: ask a maintainer to list the starting states there.`,
          statusLine,
        );
      } else if (allowed.length === 0) {
        const n = opts.number === null ? '<this number>' : String(opts.number);
        at(
          'status-transition',
          `The proposal's status ${code(from.status)} ${onBranch} is a terminal state: no revival from terminal states (meta-VEP 282), so it cannot become ${code(to)}. To take the idea up again, open a new proposal (a new tracking issue and folder) whose front matter says ${code(`replaces: "${n}"`)}, and keep ${code(`status: ${from.status}`)} here (setting ${code('superseded-by')} to the new number is fine).`,
          statusLine,
        );
      } else {
        at(
          'status-transition',
          `Front matter ${code('status')} moves from ${code(from.status)} ${onBranch} to ${code(to)}, which ${code('vep.front-matter.transitions')} does not allow (meta-VEP 282: no skipped states): from ${code(from.status)} a proposal moves to ${list(allowed)}. Set one of those, and move on in a later pull request.`,
          statusLine,
        );
      }
    }
  }

  if (to === 'replaced') {
    const by = opts.data['superseded-by'];
    const text = typeof by === 'number' ? String(by) : typeof by === 'string' ? by.trim() : '';
    if (text === '' || TBD.test(text)) {
      const line = by === undefined ? statusLine : opts.line('superseded-by');
      at(
        'superseded-by',
        `A ${code('replaced')} proposal names the proposal that replaces it: set ${code('superseded-by')} to its VEP number (meta-VEP 282), e.g. ${code('superseded-by: "123"')}.`,
        line,
      );
    }
  }
  return problems;
}
