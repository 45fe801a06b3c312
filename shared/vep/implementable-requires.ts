/**
 * meta-VEP 282, "The transition from `provisional` to `implementable` is the critical gate": an
 * `implementable` proposal names its reviewers and approvers ("no TBD — commitment required"),
 * sets `milestone.alpha`, and names its `feature-gate` ("omit field only if VEP body contains
 * explicit opt-out justification"). "Meta-VEPs ... are exempt from the `feature-gate` and `stage`
 * fields, as they describe process changes rather than features." The fields come from
 * `front-matter.implementable-requires` (dotted paths reach into maps: `milestone.alpha`).
 */
import { parseCommands } from '../commands/commands.js';
import type { Problem } from './problems.js';
import { code } from './text.js';

const TBD = /^\s*@?tbd\s*$/i;
/** people who commit to the proposal: the message asks for GitHub handles */
const COMMITTED_PEOPLE = new Set(['reviewers', 'approvers']);
/** fields a process change (a proposal in a meta folder) does not have */
const META_EXEMPT = new Set(['feature-gate', 'stage']);
const FEATURE_GATE = 'feature-gate';

/** The value at a dotted path, or undefined. */
export function valueAt(data: Record<string, unknown>, path: string): unknown {
  let value: unknown = data;
  for (const part of path.split('.')) {
    if (value === null || typeof value !== 'object' || Array.isArray(value)) return undefined;
    value = (value as Record<string, unknown>)[part];
  }
  return value;
}

/** Why a value does not count as set: 'missing', 'empty', 'tbd', or null when it is set. */
function unset(value: unknown): 'missing' | 'empty' | 'tbd' | null {
  if (value === undefined || value === null) return 'missing';
  if (typeof value === 'string') return value.trim() === '' ? 'empty' : TBD.test(value) ? 'tbd' : null;
  if (Array.isArray(value)) {
    if (value.length === 0) return 'empty';
    return value.some((v) => unset(v) !== null) ? 'tbd' : null;
  }
  if (typeof value === 'object') return Object.keys(value).length === 0 ? 'empty' : null;
  return null;
}

/**
 * A line of the body starting `No feature gate:` with a reason after it, as a reader sees it:
 * not in a code block, a quote or an HTML comment (a template's hint is not a justification).
 */
export function justifiesNoFeatureGate(body: string): boolean {
  return parseCommands(body, ['No']).some((c) => /^feature gate:\s*\S/i.test(c.args));
}

/**
 * 1-based line of a dotted key in the front matter (`milestone.alpha` finds `alpha:` indented
 * under `milestone:`); the nearest enclosing key's line when the inner one is not written on its
 * own line, or null when even the top-level key is absent.
 */
export function dottedKeyLine(text: string, path: string): number | null {
  const lines = text.split(/\r\n|\r|\n/);
  const parts = path.split('.');
  let found: number | null = null;
  let indent = -1;
  let i = 1;
  for (const part of parts) {
    let hit: number | null = null;
    for (; i < lines.length; i++) {
      const line = lines[i]!;
      if (/^(---|\.\.\.)\s*$/.test(line)) break;
      const lead = line.length - line.trimStart().length;
      if (found !== null && line.trim() !== '' && lead <= indent) break; // left the enclosing map
      if (line.trimStart().startsWith(`${part}:`) && (found === null ? lead === 0 : lead > indent)) {
        hit = i;
        indent = lead;
        i++;
        break;
      }
    }
    if (hit === null) return found === null ? null : found + 1;
    found = hit;
  }
  return found === null ? null : found + 1;
}

export function checkImplementableRequires(opts: {
  data: Record<string, unknown>;
  /** the whole document (for lines) and the Markdown after the front matter */
  text: string;
  body: string;
  requires: readonly string[];
  /** a proposal in a `meta-folders` folder */
  meta: boolean;
  path: string;
  proposal: string;
  /** 1-based line of `status:`, where a missing field is reported */
  statusLine: number;
}): Problem[] {
  const problems: Problem[] = [];
  const implementable = code('implementable');
  for (const key of opts.requires) {
    if (opts.meta && META_EXEMPT.has(key.split('.')[0]!)) continue;
    const why = unset(valueAt(opts.data, key));
    if (why === null) continue;
    if (key === FEATURE_GATE && justifiesNoFeatureGate(opts.body)) continue;
    const line = dottedKeyLine(opts.text, key) ?? opts.statusLine;
    const at = (c: Problem['code'], message: string) =>
      problems.push({ code: c, proposal: opts.proposal, path: opts.path, line, message });
    if (COMMITTED_PEOPLE.has(key)) {
      at(
        'tbd-approvers',
        `An ${implementable} proposal names its ${key}: ${
          why === 'missing'
            ? `add ${code(`${key}:`)} with`
            : `replace ${why === 'tbd' ? code('TBD') : 'the empty list'} under ${code(key)} with`
        } the GitHub handles of the people who committed (meta-VEP 282), or keep ${code('status: provisional')} until they have.`,
      );
    } else if (key === FEATURE_GATE) {
      at(
        'implementable-requires',
        `An ${implementable} proposal names its ${code(FEATURE_GATE)} (meta-VEP 282): set ${code('feature-gate: <GateName>')}, or justify its absence with a line in the body starting ${code('No feature gate:')} and the reason.`,
      );
    } else if (key === 'milestone.alpha') {
      at(
        'implementable-requires',
        `An ${implementable} proposal sets ${code(key)}, the release it targets (meta-VEP 282: "A target milestone is set"): e.g. ${code('milestone: {alpha: "v1.11"}')}, or keep ${code('status: provisional')} until a release is chosen.`,
      );
    } else {
      at(
        'implementable-requires',
        `An ${implementable} proposal sets ${code(key)} (${code('vep.front-matter.implementable-requires')}): add it to the front matter${why === 'tbd' ? ` instead of ${code('TBD')}` : ''}.`,
      );
    }
  }
  return problems;
}
