/**
 * The per-action README pages (actions/<name>/README.md): their generated part, rendered from
 * action.yml (inputs, outputs) and scripts/action-permissions.ts, sits between two markers;
 * everything outside them is hand-written and kept as it is. scripts/action-docs.ts is the CLI.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { ACTION_PERMISSIONS, type ActionPermissions } from './action-permissions.js';

export const START_MARKER =
  '<!-- action-docs:start (generated from action.yml by `npm run docs`; do not edit) -->';
export const END_MARKER = '<!-- action-docs:end -->';

export interface ActionYml {
  name: string;
  description: string;
  inputs: Record<string, { description?: string; required?: boolean; default?: unknown }>;
  outputs: Record<string, { description?: string }>;
  runs?: { using?: string };
}

export function parseActionYml(text: string): ActionYml {
  const raw = (parseYaml(text) ?? {}) as Partial<ActionYml>;
  return {
    name: String(raw.name ?? ''),
    description: String(raw.description ?? ''),
    inputs: raw.inputs ?? {},
    outputs: raw.outputs ?? {},
    runs: raw.runs,
  };
}

/** Text GitHub would read as HTML tags (`sig/<name>`) shown as written; code spans stay as they are. */
const escapeHtml = (text: string) =>
  text
    .split(/(`[^`]*`)/)
    .map((part, i) =>
      i % 2 === 1 ? part : part.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;'),
    )
    .join('');

/** One table cell: no line breaks, pipes escaped. */
function cell(text: string): string {
  return escapeHtml(text)
    .replace(/\s*\n\s*/g, ' ')
    .replace(/\|/g, '\\|')
    .trim();
}

const code = (text: string) => `\`${text}\``;

export function renderGenerated(meta: ActionYml, permissions: ActionPermissions | undefined): string {
  const lines: string[] = [START_MARKER, '', '## Inputs', ''];
  lines.push('| input | required | default | description |', '|---|---|---|---|');
  for (const [name, spec] of Object.entries(meta.inputs)) {
    const dflt = spec.default === undefined || spec.default === '' ? '' : code(String(spec.default));
    lines.push(
      `| ${code(name)} | ${spec.required ? 'yes' : 'no'} | ${dflt} | ${cell(spec.description ?? '')} |`,
    );
  }
  lines.push('', '## Outputs', '', '| output | description |', '|---|---|');
  for (const [name, spec] of Object.entries(meta.outputs))
    lines.push(`| ${code(name)} | ${cell(spec.description ?? '')} |`);
  if (permissions) {
    lines.push(
      '',
      '## Permissions',
      '',
      'The least privilege the workflow grants the token (`permissions:`):',
      '',
    );
    lines.push('| scope | access | why |', '|---|---|---|');
    for (const [scope, grant] of Object.entries(permissions))
      lines.push(`| ${code(scope)} | ${grant.level} | ${cell(grant.why)} |`);
  }
  if (meta.runs?.using) lines.push('', `Runs on ${code(meta.runs.using)}.`);
  lines.push('', END_MARKER);
  return lines.join('\n');
}

/** The hand-written frame a new page starts with; the maintainer edits it freely afterwards. */
export function newPage(action: string, meta: ActionYml, generated: string): string {
  return [
    `# ${meta.name} (\`${action}\`)`,
    '',
    escapeHtml(meta.description),
    '',
    `Full behaviour, configuration and examples: [docs/${action}.md](../../docs/${action}.md).`,
    '',
    generated,
    '',
  ].join('\n');
}

export class MissingMarkersError extends Error {}

/** The page with its generated part replaced; a page without the markers is an error. */
export function updatePage(page: string, generated: string): string {
  const start = page.indexOf(START_MARKER);
  const end = page.indexOf(END_MARKER, start);
  if (start < 0 || end < 0) throw new MissingMarkersError('the page has no action-docs markers');
  return page.slice(0, start) + generated + page.slice(end + END_MARKER.length);
}

export const ACTIONS_DIR = 'actions';
export interface PageStatus {
  action: string;
  file: string;
  /** the page as it should be */
  expected: string;
  state: 'current' | 'stale' | 'missing' | 'no-markers';
}

export function pageStatuses(actionsDir = ACTIONS_DIR): PageStatus[] {
  const actions = readdirSync(actionsDir)
    .filter((a) => existsSync(join(actionsDir, a, 'action.yml')))
    .sort();
  return actions.map((action) => {
    const meta = parseActionYml(readFileSync(join(actionsDir, action, 'action.yml'), 'utf8'));
    const generated = renderGenerated(meta, ACTION_PERMISSIONS[action]);
    const file = join(actionsDir, action, 'README.md');
    if (!existsSync(file))
      return { action, file, expected: newPage(action, meta, generated), state: 'missing' };
    const page = readFileSync(file, 'utf8');
    try {
      const expected = updatePage(page, generated);
      return { action, file, expected, state: expected === page ? 'current' : 'stale' };
    } catch (e) {
      if (!(e instanceof MissingMarkersError)) throw e;
      return { action, file, expected: page, state: 'no-markers' };
    }
  });
}
