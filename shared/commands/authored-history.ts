/**
 * What a comment said as its author wrote it, and when: the versions of a comment (or review, or
 * issue body) rebuilt from the edit history GitHub keeps (`userContentEdits`: editor, editedAt,
 * and `diff`, the whole text of that version; the created version is recorded on the first edit).
 *
 * The rule (docs/reliability.md "Decision integrity"):
 * - a command counts from the moment its author first wrote it, and stays as first written while
 *   later versions by the author still hold it (a typo fixed in its reason does not move it);
 * - a command the author removes by editing is withdrawn at that edit;
 * - an edit by anyone other than the author changes nothing: the author's versions alone count;
 * - consumers compare each command's time with their deadline, so an edit after a deadline cannot
 *   change the outcome at that deadline.
 *
 * A version GitHub hides (an edit deleted from the history: `diff` null) cannot be read; the
 * author's previous version stands until their next readable one.
 */
import { removeInvisibleCharacters } from './commands.js';

/** One entry of `userContentEdits`. */
export interface ContentEdit {
  editor: string | null;
  editedAt: string;
  /** the whole text of this version; null when GitHub hides it (a deleted edit) */
  body: string | null;
}

export interface EditableText {
  author: string | null;
  createdAt: string;
  /** the text as it reads now */
  body: string;
  /** `userContentEdits` in any order (GitHub answers newest first) */
  edits: readonly ContentEdit[];
}

export interface AuthoredVersion {
  at: string;
  body: string;
}

export interface AuthoredHistory {
  /** the author's versions, oldest first; empty when none can be read */
  versions: AuthoredVersion[];
  /** edits by other people, which change nothing */
  othersEdits: { editor: string; at: string }[];
}

const ms = (iso: string) => Date.parse(iso);
const sameLogin = (a: string | null, b: string | null) =>
  !!a && !!b && a.replace(/\[bot\]$/i, '').toLowerCase() === b.replace(/\[bot\]$/i, '').toLowerCase();

export function authoredHistory(text: EditableText): AuthoredHistory {
  if (text.edits.length === 0)
    return { versions: [{ at: text.createdAt, body: text.body }], othersEdits: [] };
  // GitHub lists newest first; oldest first, ties in the order they were saved.
  const edits = [...text.edits].reverse().sort((a, b) => ms(a.editedAt) - ms(b.editedAt));
  const versions: AuthoredVersion[] = [];
  const othersEdits: AuthoredHistory['othersEdits'] = [];
  for (const e of edits) {
    if (!sameLogin(e.editor, text.author)) {
      othersEdits.push({ editor: e.editor ?? 'ghost', at: e.editedAt });
    } else if (e.body !== null) {
      versions.push({ at: e.editedAt, body: e.body });
    }
  }
  return { versions, othersEdits };
}

/** The author's text in force at `at` (null before their first readable version). */
export function authoredTextAt(history: AuthoredHistory, at: string): string | null {
  let text: string | null = null;
  for (const v of history.versions) {
    if (ms(v.at) > ms(at)) break;
    text = v.body;
  }
  return text;
}

export interface TimedCommand<T> {
  /** the command as its author first wrote it */
  command: T;
  /** when its author first wrote it */
  since: string;
  /** when its author edited it away; null while it stands */
  removedAt: string | null;
}

/**
 * Every command the author wrote across their versions, each with when it appeared and when (if
 * ever) it was edited away. Commands are matched across versions by `identity` and by order among
 * those with the same identity, so editing text around a command does not move it.
 */
export function commandsOverTime<T>(
  history: AuthoredHistory,
  parse: (body: string) => T[],
  identity: (command: T) => string,
): TimedCommand<T>[] {
  const all: TimedCommand<T>[] = [];
  let open = new Map<string, TimedCommand<T>>();
  for (const v of history.versions) {
    const next = new Map<string, TimedCommand<T>>();
    const seen = new Map<string, number>();
    for (const command of parse(v.body)) {
      const id = identity(command);
      const n = seen.get(id) ?? 0;
      seen.set(id, n + 1);
      const key = `${n}:${id}`;
      const standing = open.get(key);
      if (standing) {
        next.set(key, standing);
      } else {
        const timed = { command, since: v.at, removedAt: null };
        all.push(timed);
        next.set(key, timed);
      }
    }
    for (const [key, timed] of open) if (!next.has(key)) timed.removedAt = v.at;
    open = next;
  }
  return all;
}

/** A short, inert rendering of who edited someone else's text ("`bob` edited `alice`'s comment"). */
export function othersEditsNote(author: string, history: AuthoredHistory): string | null {
  if (!history.othersEdits.length) return null;
  const editors = [...new Set(history.othersEdits.map((e) => removeInvisibleCharacters(e.editor)))];
  return `edited by ${editors.map((e) => `\`${e}\``).join(', ')}, not by its author \`${author}\`: only the author's own words count`;
}
