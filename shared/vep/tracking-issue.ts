/**
 * The owning SIG of a tracking issue (docs/vep-sig-label.md). KubeVirt's tracker template says
 *
 *   Primary SIG:
 *   /sig $SIG
 *
 * so the SIG named on the "Primary SIG" line (or the line after it) owns the proposal; `$SIG` is
 * the unfilled placeholder and names nobody. A later `/sig <name>` comment from someone with
 * triage permission makes <name> the owner; `/remove-sig <name>` of the current owner leaves the
 * proposal without one. The caller passes only comments from people allowed to decide.
 */
import { parseCommands, removeInvisibleCharacters } from '../commands/commands.js';
import { sigFolderOf } from './sigs.js';

export const SIG_COMMAND = '/sig';
export const REMOVE_SIG_COMMAND = '/remove-sig';
const PRIMARY_SIG_LINE = /^\W*primary\s+sig\W*?:\**\s*(.*)$/i;
const SIG_ON_LINE = /^\/sig\s+(\S+)/i;
/** the template's placeholder, and other unfilled forms */
const PLACEHOLDER = /^(\$\w+|<[^>]*>|tbd)$/i;
const HTML_COMMENT_LINE = /^<!--.*-->$/;

/** The name written on the "Primary SIG" line (`network`), or null (none, or the `$SIG` placeholder). */
export function primarySigFromBody(body: string | null | undefined): string | null {
  if (!body) return null;
  const lines = removeInvisibleCharacters(body).split(/\r\n|\r|\n/);
  for (let i = 0; i < lines.length; i++) {
    const m = PRIMARY_SIG_LINE.exec(lines[i].trim());
    if (!m) continue;
    // the command on the same line, or on the next non-empty line that is not a comment
    let candidate = m[1].trim();
    for (let j = i + 1; !candidate && j < lines.length; j++) {
      const next = lines[j].trim();
      if (next && !HTML_COMMENT_LINE.test(next)) candidate = next;
    }
    const sig = SIG_ON_LINE.exec(candidate)?.[1] ?? null;
    return sig && !PLACEHOLDER.test(sig) ? sig : null;
  }
  return null;
}

export interface SigCommentInput {
  author: string;
  body: string;
}

export interface OwningSigResult {
  /** the configured SIG folder that owns the proposal, or null */
  folder: string | null;
  /** where the decision came from, for the log */
  source: string;
  /** names that were used but are not known SIGs */
  unknown: string[];
}

export function owningSigOfIssue(
  body: string,
  comments: readonly SigCommentInput[],
  sigs: readonly string[],
): OwningSigResult {
  const unknown: string[] = [];
  const resolve = (typed: string): string | null => {
    const folder = sigFolderOf(typed, sigs);
    if (!folder && !PLACEHOLDER.test(typed)) unknown.push(typed);
    return folder;
  };
  const primary = primarySigFromBody(body);
  let folder = primary ? resolve(primary) : null;
  let source = folder ? `the "Primary SIG" line names ${folder}` : 'no primary SIG in the issue body';
  for (const c of comments) {
    for (const cmd of parseCommands(c.body, [SIG_COMMAND, REMOVE_SIG_COMMAND])) {
      const typed = cmd.args.split(/\s+/)[0] ?? '';
      if (!typed) continue;
      const named = resolve(typed);
      if (!named) continue;
      if (cmd.name === SIG_COMMAND) {
        folder = named;
        source = `${c.author} set ${named} with ${SIG_COMMAND}`;
      } else if (folder === named) {
        folder = null;
        source = `${c.author} removed ${named} with ${REMOVE_SIG_COMMAND}`;
      }
    }
  }
  return { folder, source, unknown: [...new Set(unknown)] };
}
