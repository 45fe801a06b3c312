/**
 * The dpl-reset section: the DPL cycle as the scheduled run evaluates it (docs/dashboard.md
 * "Sections"): every open reset with its liaisons' -1 votes cast and missing, and its deadline
 * (PTL election nominations) in UTC and in `calendar.timezone`. A reset the run could not judge
 * is listed first, saying why: what cannot be read is shown, never left out (docs/reliability.md
 * "Fail closed").
 */
import type { DplConfig } from '../config/types.js';
import type { ResetOutcome } from '../dpl/render.js';
import { formatInstant } from '../lazy-consensus/status-comment.js';
import { boundedLines } from '../plan/limits.js';
import { code, esc } from '../owners-diversity/text.js';
import type { DashboardSection } from './model.js';

export interface DplBoardLiaison {
  name: string;
  login?: string;
  /** the liaison's standing vote at the cut-off: -1 keeps DPL, +1 takes it back */
  vote?: 'keep' | 'reset';
}

/** What could not be read about a liaison's vote (the reset is held). */
export type DplUnreadable =
  { kind: 'deleted'; author: string; by: string } | { kind: 'dismissed'; author: string };

export interface DplEntry {
  number: number;
  /** the team's name, or the branch's slug when no team of the projects file matches */
  team: string;
  cycle: string;
  /** `nominations-open` of the cycle, when configured */
  deadline?: string;
  outcome: ResetOutcome | 'not-judged';
  liaisons: DplBoardLiaison[];
  /** held: the votes that could not be read */
  unreadable?: DplUnreadable[];
  /** not-judged: why the run left the reset alone */
  why?: string;
}

/** Needing a person first (not judged, held, due), then settling in this run, then voting. */
const ORDER: DplEntry['outcome'][] = ['not-judged', 'held', 'due', 'merging', 'kept', 'no-deadline', 'open'];

/** A line per reset stays short however many liaisons a team lists. */
const MAX_NAMES = 40;
const MAX_TEAM = 100;

type Options = { timezone: string; labels: DplConfig['labels'] };

export function dplSection(entries: DplEntry[], opts: Options): DashboardSection {
  // stable: within a rank, the order the run evaluated them (the projects file's)
  const sorted = entries
    .map((e, i) => ({ e, i }))
    .sort((a, b) => ORDER.indexOf(a.e.outcome) - ORDER.indexOf(b.e.outcome) || a.i - b.i)
    .map(({ e }) => e);
  return {
    heading: `DPL resets: ${entries.length} open`,
    lines: sorted.map((e) => entryLine(e, opts)),
    empty: 'No DPL reset pull request is open.',
    omits:
      "Each open reset of distributed project leadership, as the latest scheduled run counted it: a team keeps DPL only if every keep-vote liaison records a -1 before PTL election nominations open. Each reset's status comment has the full count (when each vote was cast, votes not counted).",
  };
}

function entryLine(e: DplEntry, opts: Options): string {
  const team = e.team.length > MAX_TEAM ? `${e.team.slice(0, MAX_TEAM)}…` : e.team;
  const head = `- #${e.number} ${esc(team)} (${code(e.cycle)})`;
  const deadline = e.deadline ? when(e.deadline, opts.timezone) : 'not configured';
  const { count, detail } = voteSummary(e.liaisons);
  switch (e.outcome) {
    case 'not-judged':
      return `${head}: **not judged**, ${esc(e.why ?? 'its state could not be read')}`;
    case 'held':
      return `${head}: **held**, could not read: ${(e.unreadable ?? []).map(unreadable).join('; ')}; a maintainer decides (merge, or close with ${code(opts.labels.kept)}); deadline ${deadline}; ${count}${detail}`;
    case 'due':
      return `${head}: **due**: nominations opened ${deadline} without a -1 from every liaison; labelled ${code(opts.labels.due)} for a human to merge; ${count}${detail}`;
    case 'merging':
      return `${head}: **being merged**: nominations opened ${deadline} without a -1 from every liaison; ${count}${detail}`;
    case 'kept':
      return `${head}: **kept**: every liaison voted -1, the reset is being closed; ${count}${detail}`;
    case 'no-deadline':
      return `${head}: **no deadline**: \`dpl.cycles\` lists no \`nominations-open\` for this cycle; ${count}${detail}`;
    case 'open':
      return `${head}: ${count}, voting open until ${deadline}${detail}`;
  }
}

/** `2 of 3 liaisons at -1` and `; -1 (keep): a, b; missing: c (+1, reset), d` */
function voteSummary(liaisons: DplBoardLiaison[]): { count: string; detail: string } {
  if (!liaisons.length)
    return {
      count: '0 of 0 liaisons at -1',
      detail: '; no keep-vote liaison is listed, so the team cannot keep DPL',
    };
  const keeping = liaisons.filter((l) => l.vote === 'keep');
  const missing = liaisons.filter((l) => l.vote !== 'keep');
  const detail = [
    ...(keeping.length ? [`-1 (keep): ${names(keeping)}`] : []),
    ...(missing.length ? [`missing: ${names(missing)}`] : []),
  ];
  return {
    count: `${keeping.length} of ${liaisons.length} liaison${liaisons.length === 1 ? '' : 's'} at -1`,
    detail: detail.map((d) => `; ${d}`).join(''),
  };
}

function names(liaisons: DplBoardLiaison[]): string {
  const shown = liaisons.map((l) =>
    !l.login
      ? `${esc(l.name)} (no GitHub login: cannot vote)`
      : `${code(l.login)}${l.vote === 'reset' ? ' (+1, reset)' : ''}`,
  );
  return boundedLines(shown, {
    maxChars: Number.POSITIVE_INFINITY,
    maxItems: MAX_NAMES,
    more: andMoreNames,
  }).join(', ');
}

const andMoreNames = (left: number) => `… and ${left} more`;

function unreadable(u: DplUnreadable): string {
  return u.kind === 'deleted'
    ? `a comment by ${code(u.author)}, deleted by ${code(u.by)}`
    : `a dismissed review by ${code(u.author)} (who dismissed it cannot be read)`;
}

/** A configured instant in UTC and the calendar's zone; a value that is no instant is shown as written. */
function when(value: string, timezone: string): string {
  const t = Date.parse(value);
  return Number.isNaN(t) ? esc(value) : formatInstant(new Date(t).toISOString(), { timezone, holidays: [] });
}
