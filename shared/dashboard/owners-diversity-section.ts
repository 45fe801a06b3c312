/**
 * The owners-diversity section: the latest audit's violations only (docs/dashboard.md
 * "Leadership diversity"). Finding messages are rendered by the audit already (values as code).
 */
import { code } from '../owners-diversity/text.js';
import type { DashboardSection } from './model.js';

export interface ViolationEntry {
  group: string;
  message: string;
  since?: string;
}

export function ownersDiversitySection(violations: ViolationEntry[], auditLabel: string): DashboardSection {
  const sorted = [...violations].sort((a, b) => a.group.localeCompare(b.group));
  return {
    heading: `Leadership diversity: ${violations.length} violation${violations.length === 1 ? '' : 's'}`,
    lines: sorted.map(
      (v) =>
        `- ${code(v.group)}: ${v.message.replace(/[\r\n]+/g, ' ')}${v.since ? ` (since ${v.since})` : ''}`,
    ),
    empty: 'The latest audit found no violation.',
    omits: `Warnings and fixed findings are not listed; the open issue labelled ${code(auditLabel)} has the full report.`,
  };
}
