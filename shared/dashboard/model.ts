/**
 * The governance dashboard (docs/dashboard.md): one issue per repository whose comments are the
 * actions' sections, each written only by its own action, so runs of different actions never
 * overwrite each other.
 */
import { marker } from '../plan/markers.js';

/** What one action shows on the dashboard, already rendered (user text escaped by the renderer). */
export interface DashboardSection {
  heading: string;
  /** one Markdown line per open item, most urgent first */
  lines: string[];
  /** shown instead of the list when it is empty */
  empty: string;
  /** what the section leaves out, said plainly */
  omits?: string;
}

/** The dashboard issue's marker: the first line of its body. */
export const DASHBOARD_ISSUE_MARKER = marker('dashboard', 'issue');

/** The marker of an action's section comment: it names the action, so no action claims another's. */
export function sectionMarker(action: string): string {
  return marker(action, 'dashboard');
}

/** Events whose runs write the dashboard: the sweeps, which read every open item. */
export const DASHBOARD_EVENTS = ['schedule', 'workflow_dispatch'];
