/**
 * The vep-sig-label section: open proposals by owning SIG and the stage the escalation sweep
 * knows (docs/dashboard.md "Proposals"). The sweep reads no sign-off, veto or freeze (those are
 * judged on pull request events), and the section says so rather than reading more.
 */
import { formatInstant } from '../lazy-consensus/status-comment.js';
import { code, esc } from '../owners-diversity/text.js';
import type { DashboardSection } from './model.js';

export type VepStage =
  | { kind: 'unreadable'; why: string }
  | { kind: 'no-owning-sig' }
  | { kind: 'draft' }
  | { kind: 'awaiting-review'; sigDue: string }
  | { kind: 'escalated-sig'; maintainersDue: string }
  | { kind: 'escalated-maintainers' };

export interface VepEntry {
  number: number;
  title: string;
  /** owning SIG folders; empty when none is known */
  sigs: string[];
  stage: VepStage;
}

/** Most urgent first: unreadable, escalated to the maintainers, to the SIG, unowned, waiting, draft. */
const ORDER: VepStage['kind'][] = [
  'unreadable',
  'escalated-maintainers',
  'escalated-sig',
  'no-owning-sig',
  'awaiting-review',
  'draft',
];

/** Only the zone matters here: deadlines are shown in UTC and in `calendar.timezone`. */
type Zone = { timezone: string };

export function vepSection(entries: VepEntry[], calendar: Zone): DashboardSection {
  const sigKey = (e: VepEntry) => (e.sigs.length ? e.sigs.join(',') : '\uffff');
  const sorted = [...entries].sort(
    (a, b) =>
      sigKey(a).localeCompare(sigKey(b)) ||
      ORDER.indexOf(a.stage.kind) - ORDER.indexOf(b.stage.kind) ||
      a.number - b.number,
  );
  return {
    heading: `Proposals: ${entries.length} open`,
    lines: sorted.map((e) => entryLine(e, calendar)),
    empty: 'No open pull request changes a proposal.',
    omits:
      "Grouped by owning SIG, as the escalation sweep sees them. Sign-off, veto and freeze are judged on pull request events, not in the sweep, so they are not shown here: see each pull request's checks.",
  };
}

function entryLine(e: VepEntry, zone: Zone): string {
  const when = (iso: string) => formatInstant(iso, { timezone: zone.timezone, holidays: [] });
  const sigs = e.sigs.length ? e.sigs.map(code).join(', ') : 'no owning SIG';
  const head = `- ${sigs}: #${e.number} ${esc(e.title)}`;
  const s = e.stage;
  switch (s.kind) {
    case 'unreadable':
      return `${head}: **not judged**, could not read ${esc(s.why)}`;
    case 'no-owning-sig':
      return `${head}: awaiting an owning SIG`;
    case 'draft':
      return `${head}: draft, not waiting for review`;
    case 'awaiting-review':
      return `${head}: awaiting review, SIG ping due ${when(s.sigDue)}`;
    case 'escalated-sig':
      return `${head}: **escalated to the SIG**, maintainers due ${when(s.maintainersDue)}`;
    case 'escalated-maintainers':
      return `${head}: **escalated to the maintainers**`;
  }
}
