/**
 * The lazy-consensus section: every open process (pending or objected) with its tier, its
 * deadline in UTC and in `calendar.timezone`, and its open objections with links
 * (docs/dashboard.md "Lazy consensus").
 */
import type { CalendarConfig } from '../config/types.js';
import type { ConsensusState } from '../lazy-consensus/replay.js';
import { formatInstant } from '../lazy-consensus/status-comment.js';
import { code, esc } from '../owners-diversity/text.js';
import type { DashboardSection } from './model.js';

export interface LazyConsensusEntry {
  number: number;
  title: string;
  /** the decided state; null when the item could not be decided (fail closed) */
  state: ConsensusState | null;
  /** why the item was not decided */
  unreadable?: string;
}

export function lazyConsensusSection(
  entries: LazyConsensusEntry[],
  calendar: CalendarConfig,
): DashboardSection {
  const open = entries.filter(
    (e) => e.state === null || e.state.phase === 'pending' || e.state.phase === 'objected',
  );
  // undecided first (they need a person), then by deadline, soonest first
  const key = (e: LazyConsensusEntry) => (e.state ? (e.state.deadline ?? '9999') : '');
  open.sort((a, b) => key(a).localeCompare(key(b)) || a.number - b.number);
  return {
    heading: 'Lazy consensus: open items',
    lines: open.map((e) => entryLine(e, calendar)),
    empty: 'No lazy-consensus process is open.',
    omits:
      'Accepted and cancelled processes are not listed; each item shows its full history in its status comment.',
  };
}

function entryLine(e: LazyConsensusEntry, calendar: CalendarConfig): string {
  const head = `- #${e.number} ${esc(e.title)}`;
  const s = e.state;
  if (!s) return `${head}: **not decided**, could not read ${esc(e.unreadable ?? 'its history')}`;
  const tier = `${s.tier ?? '?'} risk${s.policy ? `, policy ${code(s.policy)}` : ''}`;
  const deadline = s.deadline ? formatInstant(s.deadline, calendar) : 'unknown';
  if (s.phase === 'pending') return `${head}: pending (${tier}), deadline ${deadline}`;
  const objections = s.openObjections.map((o) => `${code(o.by)} ${link('objection', o.url)}`).join(', ');
  return `${head}: **objected** (${tier}; on hold, its deadline was ${deadline}): ${objections}`;
}

/** A link only to a GitHub address the API gave (no spaces or brackets that could end it early). */
function link(text: string, url: string): string {
  return /^https:\/\/[^\s()<>[\]]+$/.test(url) ? `[${text}](${url})` : text;
}
