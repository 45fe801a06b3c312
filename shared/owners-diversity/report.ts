/**
 * What the check run, the sticky comment and the audit issue say: a table per group (members,
 * organisations, the largest share, before -> after on pull requests) and the findings, each
 * at its file and line. Also the machine-readable report (the `report` output).
 */
import type { OwnersDiversityConfig } from '../config/types.js';
import type { Finding, GroupEvaluation } from './evaluate.js';
import { fails, type ComparedFinding } from './ratchet.js';
import { formatPercent, fraction } from './share.js';
import { code, codeCell, esc } from './text.js';

export interface GroupRow {
  id: string;
  before?: GroupEvaluation;
  after?: GroupEvaluation;
}

export interface ReportInput {
  kind: 'pull' | 'audit';
  mode: OwnersDiversityConfig['mode'];
  /** the as-of date, YYYY-MM-DD */
  day: string;
  rows: GroupRow[];
  current: ComparedFinding[];
  fixed: Finding[];
  notes: string[];
  /** audits: whether a previous audit was found to compare with */
  hasPrevious?: boolean;
}

const CHANGE_WORDS: Record<ComparedFinding['change'], string> = {
  new: 'new',
  worsened: 'worse',
  unchanged: 'unchanged',
  improved: 'better',
};
/** Rows shown in full before the table is cut (audits of large trees). */
const MAX_TABLE_ROWS = 150;
const MAX_LISTED_FINDINGS = 150;

export function failingFindings(input: Pick<ReportInput, 'current' | 'mode' | 'kind'>): ComparedFinding[] {
  // An audit lists every violation as a failure; only pull requests are ratcheted.
  return input.current.filter((f) =>
    input.kind === 'audit' ? f.severity === 'failure' : fails(f, input.mode),
  );
}

export function renderReport(input: ReportInput, limit = Infinity): string {
  const failing = failingFindings(input);
  const failingKeys = new Set(failing.map((f) => f.key));
  const warnings = input.current.filter((f) => !failingKeys.has(f.key));
  const out: string[] = [];
  const pull = input.kind === 'pull';
  out.push(
    pull
      ? input.mode === 'ratchet'
        ? `Mode **ratchet**: only violations this change introduces or makes worse fail; existing ones are listed as warnings. Affiliations as of ${input.day}.`
        : `Mode **strict**: every violation in the groups this change touches fails. Affiliations as of ${input.day}.`
      : // no date here: an unchanged audit must leave the issue untouched (each finding says since when)
        'Audit of the default branch.',
    '',
  );
  out.push(...groupTable(input, failingKeys), '');
  const section = (title: string, list: Finding[], showChange: boolean) => {
    if (!list.length) return;
    out.push(`**${title}**`, '');
    for (const f of list.slice(0, MAX_LISTED_FINDINGS)) out.push(`- ${findingLine(f, showChange)}`);
    if (list.length > MAX_LISTED_FINDINGS)
      out.push(`- … and ${list.length - MAX_LISTED_FINDINGS} more (see the \`report\` output)`);
    out.push('');
  };
  const showChange = pull || input.kind === 'audit';
  section(pull ? 'Failing' : 'Violations', failing, showChange);
  section(pull ? 'Warnings (not introduced or made worse by this change)' : 'Warnings', warnings, showChange);
  section(pull ? 'Fixed by this change' : 'Fixed since the last audit', input.fixed, false);
  if (input.notes.length) {
    out.push('<details><summary>Notes</summary>', '');
    for (const note of input.notes.slice(0, 50)) out.push(`- ${esc(note)}`);
    if (input.notes.length > 50) out.push(`- … and ${input.notes.length - 50} more`);
    out.push('', '</details>');
  }
  return cut(out.join('\n').trimEnd(), limit);
}

function groupTable(input: ReportInput, failingKeys: Set<string>): string[] {
  if (!input.rows.length) return ['No leadership group was evaluated.'];
  const pull = input.kind === 'pull';
  const lines = ['| Group | Members | Organisations | Largest share | Result |', '|---|---|---|---|---|'];
  const byGroup = new Map<string, ComparedFinding[]>();
  for (const f of input.current) byGroup.set(f.group, [...(byGroup.get(f.group) ?? []), f]);
  // Groups with findings first, so a cut table still shows the problems.
  const rows = [...input.rows].sort((a, b) => Number(byGroup.has(b.id)) - Number(byGroup.has(a.id)));
  for (const row of rows.slice(0, MAX_TABLE_ROWS)) {
    const findings = byGroup.get(row.id) ?? [];
    const cell = (pick: (e: GroupEvaluation) => string) =>
      pull
        ? `${row.before ? pick(row.before) : '—'} → ${row.after ? pick(row.after) : 'removed'}`
        : pick(row.after!);
    // One entry per distinct result (unknown affiliations of five people: one line, ×5).
    const counts = new Map<string, number>();
    for (const f of findings) {
      const text = `${failingKeys.has(f.key) ? '❌' : '⚠️'} ${f.kind}${pull ? ` (${CHANGE_WORDS[f.change]})` : ''}`;
      counts.set(text, (counts.get(text) ?? 0) + 1);
    }
    const result = findings.length
      ? [...counts].map(([text, n]) => (n > 1 ? `${text} ×${n}` : text)).join('<br>')
      : row.after
        ? '✅'
        : 'removed';
    lines.push(
      `| ${codeCell(row.id)} | ${cell((e) => String(e.members.length))} | ${cell((e) => String(e.orgs.length))} | ${cell(largestShare)} | ${result} |`,
    );
  }
  if (rows.length > MAX_TABLE_ROWS) lines.push(`| … ${rows.length - MAX_TABLE_ROWS} more groups | | | | |`);
  return lines;
}

function largestShare(e: GroupEvaluation): string {
  const top = e.orgs[0];
  if (!top || !e.members.length) return '—';
  return `${esc(top.name)} ${top.members.length}/${e.members.length} (${formatPercent(fraction(top.members.length, e.members.length))})`;
}

function findingLine(f: Finding | ComparedFinding, showChange: boolean): string {
  // a malformed finding's message already starts with its file and line
  const where =
    f.locations[0] && f.kind !== 'malformed'
      ? ` (${code(`${f.locations[0].file}:${f.locations[0].line}`)})`
      : '';
  const rule = f.ruleText ? ` — rule ${code(f.ruleText)}` : '';
  let change = '';
  if (showChange && 'change' in f) {
    const was = f.before ? `, was: ${wasText(f.before)}` : '';
    change = f.since
      ? // audits: how long it has stood, and whether it moved since the last audit
        ` — since ${f.since}${f.change === 'worsened' || f.change === 'improved' ? `; ${CHANGE_WORDS[f.change]} than the last audit${was}` : ''}`
      : ` — ${CHANGE_WORDS[f.change]}${was}`;
  }
  const subject = f.kind === 'malformed' ? '' : `${code(f.group)} `;
  return `${subject}${f.message}${where}${rule}${change}`;
}

function wasText(f: Finding): string {
  if (f.share) return `${f.share.num}/${f.share.den}`;
  if (f.count !== undefined) return String(f.count);
  return 'the same';
}

/** Keep a body under GitHub's size limits (65,536 characters for issues, comments and check output). */
function cut(text: string, limit: number): string {
  if (text.length <= limit) return text;
  const note = '\n\n… (cut; the full report is in the `report` output and the job summary)';
  return text.slice(0, Math.max(0, limit - note.length)) + note;
}

/** The `report` output: what was checked and found, as JSON. */
export function reportJson(input: ReportInput): string {
  const failingKeys = new Set(failingFindings(input).map((f) => f.key));
  return JSON.stringify({
    kind: input.kind,
    mode: input.mode,
    asOf: input.day,
    groupsChecked: input.rows.filter((r) => r.after).length,
    violations: failingKeys.size,
    findings: input.current.map((f) => ({
      group: f.group,
      kind: f.kind,
      rule: f.ruleText ?? null,
      message: plain(f.message),
      change: f.change,
      severity: f.severity,
      fails: failingKeys.has(f.key),
      locations: f.locations,
    })),
    fixed: input.fixed.map((f) => ({ group: f.group, kind: f.kind, message: plain(f.message) })),
    groups: input.rows
      .filter((r) => r.after)
      .map((r) => ({
        id: r.id,
        file: r.after!.group.file,
        members: r.after!.members.length,
        organisations: r.after!.orgs.map((o) => ({ name: o.name, members: o.members.map((m) => m.login) })),
        unknown: r.after!.unknown.map((m) => m.login),
      })),
  });
}

/** Markdown-free text for annotations and JSON. */
export function plain(markdown: string): string {
  return markdown.replace(/`/g, '').replace(/\\(.)/g, '$1');
}
