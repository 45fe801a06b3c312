/**
 * Pure rendering of the dashboard issue's index and of one section comment, within GitHub's
 * comment limit by construction: the list stops with "… and N more" (shared/plan/limits.ts).
 * The text holds no run time, so a run that finds nothing changed renders the same bytes and
 * writes nothing.
 */
import { boundedLines, LIMITS } from '../plan/limits.js';
import type { DashboardSection } from './model.js';
import { DASHBOARD_ISSUE_MARKER, sectionMarker } from './model.js';

/** Room kept for the marker line, the heading and the notes around the list. */
const FRAME_ROOM = 2_000;

export function renderIssueBody(label: string): string {
  return [
    DASHBOARD_ISSUE_MARKER,
    '## Governance dashboard',
    '',
    "Open governance work in this repository, one section per action, each a comment below kept current by that action's scheduled runs.",
    'The sections are rewritten by the actions: edits to them are lost, and closing this issue makes the next scheduled run open a new one.',
    '',
    `Found by its label \`${label.replace(/`/g, "'")}\`; see docs/dashboard.md of governance-actions.`,
  ].join('\n');
}

export function renderSection(section: DashboardSection, maxChars: number = LIMITS.body): string {
  const list = section.lines.length
    ? boundedLines(section.lines, { maxChars: maxChars - FRAME_ROOM }).join('\n')
    : section.empty;
  return [
    `### ${section.heading}`,
    '',
    list,
    ...(section.omits ? ['', `<sub>${section.omits}</sub>`] : []),
  ].join('\n');
}

export { sectionMarker };
