/**
 * The vep-sig-label section: open proposals by owning SIG and stage (docs/dashboard.md
 * "Sections"): the escalation stage and shepherd the sweep judges, and the sign-off, veto and
 * freeze verdict this action wrote on pull request events as its check run (head-check.ts).
 */
import { formatInstant } from '../lazy-consensus/status-comment.js';
import { code, esc } from '../owners-diversity/text.js';
import type { DashboardSection } from './model.js';
import type { HeadChecks } from '../vep/head-check.js';

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
  /** this action's check run on the head commit (not for unreadable pull requests) */
  check?: HeadChecks;
  /** no approver of the owning SIG asked to review yet, nor reviewing */
  awaitingShepherd?: boolean;
}

/** Most urgent first; an entry ranks by the more urgent of its check and its review stage. */
const ORDER = [
  'unreadable',
  'unverified',
  'vetoed',
  'escalated-maintainers',
  'escalated-sig',
  'frozen',
  'problems',
  'no-owning-sig',
  'not-checked',
  'awaiting-shepherd',
  'awaiting-sign-off',
  'awaiting-review',
  'passes',
  'draft',
] as const;
type Rank = (typeof ORDER)[number];

function rank(e: VepEntry): number {
  const review: Rank =
    e.stage.kind === 'awaiting-review' && e.awaitingShepherd ? 'awaiting-shepherd' : e.stage.kind;
  const c = e.check?.check;
  const check: Rank =
    !c || c.kind === 'unreadable'
      ? c
        ? 'unreadable'
        : 'passes'
      : c.kind === 'ours'
        ? (c.verdict?.kind ?? 'problems')
        : e.check!.otherApps.length
          ? 'unverified'
          : 'not-checked';
  return Math.min(ORDER.indexOf(review), ORDER.indexOf(check));
}

/** Only the zone matters here: deadlines are shown in UTC and in `calendar.timezone`. */
type Zone = { timezone: string };

export function vepSection(entries: VepEntry[], calendar: Zone): DashboardSection {
  const sigKey = (e: VepEntry) => (e.sigs.length ? e.sigs.join(',') : '\uffff');
  const sorted = [...entries].sort(
    (a, b) => sigKey(a).localeCompare(sigKey(b)) || rank(a) - rank(b) || a.number - b.number,
  );
  return {
    heading: `Proposals: ${entries.length} open`,
    lines: sorted.map((e) => entryLine(e, calendar)),
    empty: 'No open pull request changes a proposal.',
    omits:
      "Grouped by owning SIG. Sign-off, veto and freeze as this action's own check run on the head commit states them (a check of the same name by another app is unverified; a push since the check is not yet checked); see each pull request's checks for the details.",
  };
}

function entryLine(e: VepEntry, zone: Zone): string {
  const when = (iso: string) => formatInstant(iso, { timezone: zone.timezone, holidays: [] });
  const sigs = e.sigs.length ? e.sigs.map(code).join(', ') : 'no owning SIG';
  const head = `- ${sigs}: #${e.number} ${esc(e.title)}: `;
  const s = e.stage;
  if (s.kind === 'unreadable') return `${head}**not judged**, could not read ${esc(s.why)}`;
  const review = (() => {
    switch (s.kind) {
      case 'no-owning-sig':
        return 'awaiting an owning SIG';
      case 'draft':
        return 'draft, not waiting for review';
      case 'awaiting-review':
        return `${e.awaitingShepherd ? 'awaiting a shepherd' : 'awaiting review'}, SIG ping due ${when(s.sigDue)}`;
      case 'escalated-sig':
        return `**escalated to the SIG**, maintainers due ${when(s.maintainersDue)}`;
      case 'escalated-maintainers':
        return '**escalated to the maintainers**';
    }
  })();
  return `${head}${e.check ? `${checkPart(e.check)}; ` : ''}${review}`;
}

function checkPart(h: HeadChecks): string {
  const others = h.otherApps.map(code).join(', ');
  const c = h.check;
  const part = (() => {
    switch (c.kind) {
      case 'unreadable':
        return `**check not read**: ${esc(c.why)}`;
      case 'running':
        return 'not yet checked (being checked)';
      case 'none':
        return h.otherApps.length
          ? `**unverified**: a ${code(h.name)} check by ${others}, not by GitHub Actions`
          : 'not yet checked';
      case 'ours': {
        const v = c.verdict;
        if (!v) return `check ${esc(c.conclusion.toLowerCase())} (a title this action does not write)`;
        switch (v.kind) {
          case 'passes':
            return 'check passes';
          case 'problems':
            return `${v.count} problem${v.count === 1 ? '' : 's'} to fix`;
          case 'frozen':
            return '**frozen** (VEP Freeze)';
          case 'vetoed':
            return `**vetoed** (by ${v.by.split(', ').map(code).join(', ')})`;
          case 'awaiting-sign-off':
            return `**awaiting sign-off** (${esc(v.blocking)})`;
        }
      }
    }
  })();
  return c.kind !== 'none' && h.otherApps.length
    ? `${part} (a ${code(h.name)} check by ${others} is ignored)`
    : part;
}
