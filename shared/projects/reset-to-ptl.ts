/**
 * The TC liaison's reset change ("DPL model & liaison duration", distributed-project-leadership.rst):
 * a distributed team goes back to the PTL model. In projects.yaml that is
 *   - `leadership_type: distributed` -> `leadership_type: ptl`,
 *   - a `ptl:` placeholder, as the file writes a team that still needs one (see `vitrage`):
 *       ptl:
 *         name: 'APPOINTMENT NEEDED'
 *         irc: null
 *         email: 'example@example.org'
 *   - the liaison roles the PTL model does not allow are removed (the schema's `else` branch lets a
 *     PTL team keep only `release` and `security`); an emptied `liaisons:` goes entirely.
 *
 * It is a minimal text edit located with the YAML parser's source ranges, so everything else in the
 * file (comments, quoting, folding, key order, other teams) stays byte-for-byte as it was; the
 * result is parsed again and checked before it is returned.
 */
import { isMap, isScalar, type Node, type Pair, type YAMLMap } from 'yaml';
import { GovernanceError, nodeLocation, parseYamlDocument } from '../errors/governance-error.js';
import { INPUT_LIMITS, checkInputSize } from '../errors/input-limits.js';
import { findTeam, parseProjectsYaml } from './projects-file.js';

export const APPOINTMENT_NEEDED = 'APPOINTMENT NEEDED';
/** What openstack/governance writes as the email of a PTL still to be appointed. */
export const PLACEHOLDER_EMAIL = 'example@example.org';

export interface ResetOptions {
  /** liaison roles a PTL team may keep (config `dpl.ptl-allowed-liaisons`) */
  allowedLiaisons: readonly string[];
  /** file name for error messages */
  file?: string;
}

interface Edit {
  start: number;
  end: number;
  text: string;
}

/** `text` with `teamName` reset to the PTL model; unchanged when the team already has a PTL model. */
export function resetTeamToPtl(text: string, teamName: string, options: ResetOptions): string {
  const file = options.file ?? 'projects.yaml';
  checkInputSize(text, file, INPUT_LIMITS.projectsYaml, 'a projects file');
  const document = parseYamlDocument(text, file);
  const root = document.contents;
  if (!isMap(root))
    throw new GovernanceError('the projects file must be a mapping of team names to teams', { file });
  const teamPair = pairNamed(root, teamName);
  if (!teamPair) throw new GovernanceError(`team ${teamName} is not in the projects file`, { file });
  const team = teamPair.value as Node | null;
  const keyNode = teamPair.key as Node;
  if (!isMap(team) || team.flow) {
    throw new GovernanceError(
      `team ${teamName} must be a block mapping to be reset`,
      nodeLocation(keyNode, text, file),
    );
  }

  const typePair = pairNamed(team, 'leadership_type');
  const typeValue = typePair?.value as Node | null | undefined;
  if (!typePair || !isScalar(typeValue) || !typeValue.range) {
    throw new GovernanceError(`team ${teamName} has no leadership_type`, nodeLocation(keyNode, text, file));
  }
  if (typeValue.value === 'ptl') return text;

  const newline = text.includes('\r\n') ? '\r\n' : '\n';
  const keyColumn = columnOf(text, (typePair.key as Node).range![0]);
  const step = keyColumn - columnOf(text, keyNode.range![0]);
  const indent = ' '.repeat(keyColumn);
  const inner = ' '.repeat(keyColumn + Math.max(step, 2));

  const edits: Edit[] = [{ start: typeValue.range[0], end: typeValue.range[1], text: 'ptl' }];
  if (!pairNamed(team, 'ptl')) {
    const placeholder = [
      `${indent}ptl:`,
      `${inner}name: '${APPOINTMENT_NEEDED}'`,
      `${inner}irc: null`,
      `${inner}email: '${PLACEHOLDER_EMAIL}'`,
    ].join(newline);
    const at = afterLineEnd(text, typeValue.range[1]);
    const missingNewline = at === text.length && !text.endsWith('\n') ? newline : '';
    edits.push({ start: at, end: at, text: missingNewline + placeholder + newline });
  }
  edits.push(...liaisonRemovals(text, team, options.allowedLiaisons, file));

  const result = applyEdits(text, edits);
  const reset = findTeam(parseProjectsYaml(result, file), teamName);
  if (reset?.leadershipType !== 'ptl' || !reset.ptl) {
    throw new GovernanceError(`resetting team ${teamName} did not produce a PTL team`, { file });
  }
  return result;
}

/** Whole lines of every liaison role the PTL model does not allow (or of `liaisons:` when none stays). */
function liaisonRemovals(text: string, team: YAMLMap, allowed: readonly string[], file: string): Edit[] {
  const liaisonsPair = pairNamed(team, 'liaisons');
  const liaisons = liaisonsPair?.value as Node | null | undefined;
  if (!liaisonsPair || !isMap(liaisons)) return [];
  if (liaisons.flow) {
    throw new GovernanceError(
      'liaisons must be a block mapping to be reset',
      nodeLocation(liaisons, text, file),
    );
  }
  const doomed = liaisons.items.filter((pair) => !allowed.includes(keyText(pair)));
  if (doomed.length === 0) return [];
  if (doomed.length === liaisons.items.length) return [wholeLines(text, liaisonsPair)];
  return doomed.map((pair) => wholeLines(text, pair));
}

/** From the start of the key's line to the end of the line where the value ends. */
function wholeLines(text: string, pair: Pair): Edit {
  const key = pair.key as Node;
  const value = (pair.value as Node | null) ?? key;
  const start = text.lastIndexOf('\n', key.range![0] - 1) + 1;
  const valueEnd = value.range![1];
  // A block value's range may already end after its last newline.
  const end = valueEnd > 0 && text[valueEnd - 1] === '\n' ? valueEnd : afterLineEnd(text, valueEnd);
  return { start, end, text: '' };
}

function applyEdits(text: string, edits: Edit[]): string {
  let result = text;
  // From the end backwards, so earlier offsets stay valid; at one offset the removal goes first and
  // an insertion there then lands in front of what follows it.
  for (const edit of [...edits].sort((a, b) => b.start - a.start || b.end - a.end)) {
    result = result.slice(0, edit.start) + edit.text + result.slice(edit.end);
  }
  return result;
}

function pairNamed(map: YAMLMap, key: string): Pair | undefined {
  return map.items.find((pair) => keyText(pair) === key);
}

function keyText(pair: Pair): string {
  const key = pair.key as Node | null;
  if (!isScalar(key)) return '';
  return typeof key.value === 'string' ? key.value : String(key.source ?? key.value);
}

function columnOf(text: string, offset: number): number {
  return offset - (text.lastIndexOf('\n', offset - 1) + 1);
}

/** Offset just after the newline that ends the line holding `offset` (or the end of the text). */
function afterLineEnd(text: string, offset: number): number {
  const newline = text.indexOf('\n', offset);
  return newline === -1 ? text.length : newline + 1;
}
