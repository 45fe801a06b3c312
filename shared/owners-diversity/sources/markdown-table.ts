/**
 * A Markdown table of leads, as Istio's WORKING-GROUPS.md writes it:
 *
 *   &nbsp; | Name                                    | Company  | Groups
 *   -------|-----------------------------------------|----------|-------------------------------
 *   &nbsp; | [Lei Tang](https://github.com/lei-tang) | Google   | Security, Extensions and Telemetry
 *
 * Each name in the Groups cell (comma separated) is a group whose id is the name as written;
 * the Name cell must link to the person's GitHub profile (the login), and the Company cell is
 * the company written in the source. A table in the same file with a `Group` column and no
 * `Name` column lists the groups that exist: a group listed there without any lead is a group
 * with no members (Istio's Docs working group), not a group that is missing.
 */
import { GovernanceError } from '../../errors/governance-error.js';
import { INPUT_LIMITS, checkInputSize } from '../../errors/input-limits.js';
import { addMember, emptyGroupSet, type Group, type GroupSet } from '../model.js';

const NAME_COLUMN = 'name';
const COMPANY_COLUMN = 'company';
const GROUPS_COLUMN = 'groups';
const GROUP_COLUMN = 'group';
const LEAD_ROLE = 'lead';
const SEPARATOR_CELL = /^:?-+:?$/;
const GITHUB_PROFILE =
  /\]\(\s*https?:\/\/(?:www\.)?github\.com\/([A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)\/?\s*\)/;

interface Row {
  line: number;
  cells: string[];
}

export function markdownTableGroups(source: { path: string }, text: string): GroupSet {
  const file = source.path;
  const result = emptyGroupSet();
  const byId = new Map<string, Group>();
  const declared: { name: string; line: number }[] = [];
  let foundLeadTable = false;
  try {
    checkInputSize(text, file, INPUT_LIMITS.markdownTable, 'a Markdown file');
    for (const table of tables(text)) {
      const header = table.header.cells.map(plainText).map((c) => c.toLowerCase());
      const nameCol = header.indexOf(NAME_COLUMN);
      const companyCol = header.indexOf(COMPANY_COLUMN);
      const groupsCol = header.indexOf(GROUPS_COLUMN);
      if (nameCol >= 0 && companyCol >= 0 && groupsCol >= 0) {
        foundLeadTable = true;
        for (const row of table.rows) {
          if (row.cells.length !== header.length) {
            throw new GovernanceError(
              `this row has ${row.cells.length} cells; the table's header has ${header.length}`,
              { file, line: row.line },
            );
          }
          const login = GITHUB_PROFILE.exec(row.cells[nameCol])?.[1];
          if (!login) {
            throw new GovernanceError(
              'the Name cell must link to a GitHub profile: [Name](https://github.com/login)',
              { file, line: row.line },
            );
          }
          const company = plainText(row.cells[companyCol]);
          const groupNames = row.cells[groupsCol].split(',').map(plainText).filter(Boolean);
          if (groupNames.length === 0)
            throw new GovernanceError('the Groups cell names no group', { file, line: row.line });
          for (const name of groupNames) {
            let group = byId.get(name);
            if (!group) {
              group = { id: name, kind: 'markdown-table', file, line: row.line, members: [] };
              byId.set(name, group);
            }
            addMember(group.members, {
              login,
              file,
              line: row.line,
              role: LEAD_ROLE,
              ...(company ? { company } : {}),
            });
          }
        }
      } else if (nameCol < 0 && header[0] === GROUP_COLUMN) {
        for (const row of table.rows) {
          const name = plainText(row.cells[0] ?? '');
          if (name) declared.push({ name, line: row.line });
        }
      }
    }
    if (!foundLeadTable) {
      throw new GovernanceError('no table with Name, Company and Groups columns', { file, line: 1 });
    }
    for (const { name, line } of declared) {
      if (!byId.has(name)) byId.set(name, { id: name, kind: 'markdown-table', file, line, members: [] });
    }
    result.groups = [...byId.values()];
  } catch (error) {
    if (!(error instanceof GovernanceError)) throw error;
    result.errors.push(error);
  }
  return result;
}

/** Tables: a header row, a separator row, then rows until the first line that is not a row. */
function tables(text: string): { header: Row; rows: Row[] }[] {
  const lines = text.split(/\r?\n/);
  const found: { header: Row; rows: Row[] }[] = [];
  let inFence = false;
  for (let i = 0; i < lines.length; i++) {
    if (/^\s*(```|~~~)/.test(lines[i])) inFence = !inFence;
    if (inFence || !isRow(lines[i]) || i + 1 >= lines.length) continue;
    const separator = splitRow(lines[i + 1]);
    if (!isRow(lines[i + 1]) || !separator.every((c) => SEPARATOR_CELL.test(c.trim()))) continue;
    const header = { line: i + 1, cells: splitRow(lines[i]) };
    const rows: Row[] = [];
    let j = i + 2;
    for (; j < lines.length && isRow(lines[j]); j++) rows.push({ line: j + 1, cells: splitRow(lines[j]) });
    found.push({ header, rows });
    i = j - 1;
  }
  return found;
}

function isRow(line: string): boolean {
  return line.includes('|') && line.trim() !== '';
}

/** Cells of a row, with or without the outer pipes; `\|` is a pipe inside a cell. */
function splitRow(line: string): string[] {
  let body = line.trim();
  if (body.startsWith('|')) body = body.slice(1);
  if (body.endsWith('|') && !body.endsWith('\\|')) body = body.slice(0, -1);
  return body.split(/(?<!\\)\|/).map((c) => c.trim());
}

/**
 * A cell's text without Markdown links, images, HTML and entities. The bracketed parts exclude
 * their own opening character, so each match attempt stops at the next opener: linear, where
 * `[^\]]*` rescanned the rest of a cell of 100,000 `![` for every one of them.
 */
function plainText(cell: string): string {
  return cell
    .replace(/!\[[^[\]]*\]\([^()]*\)/g, '')
    .replace(/\[([^[\]]*)\]\([^()]*\)/g, '$1')
    .replace(/<[^<>]*>/g, '')
    .replace(/&nbsp;/g, ' ')
    .replace(/\\\|/g, '|')
    .replace(/[*_`]/g, '')
    .trim();
}
