/**
 * Slash commands in issue and pull-request comments (`/lazy-consensus high`, `/object reason`,
 * `-1`, `/keep-dpl`), found the way a reader of the rendered comment would see them.
 *
 * A command counts only when it starts a line (after at most 3 spaces), its name matches one
 * of the configured names case-insensitively, and the name is followed by the end of the line
 * or by whitespace and then its arguments (the rest of the line, trimmed). Like Prow's
 * `(?m)^/command` patterns, but a command never counts where the comment shows it as something
 * other than the author's own words:
 *
 * - fenced code blocks (``` or ~~~, with an info string; an unclosed fence runs to the end),
 * - indented code blocks (4+ columns of indentation; such a line is never a command anyway),
 * - block quotes (`>` lines, and lines that continue a quoted paragraph without a `>`, which
 *   CommonMark renders inside the quote: a reply that quotes "/object" does not object),
 * - HTML comments (`<!-- ... -->`, also over several lines; hidden when rendered).
 *
 * Zero-width and bidirectional control characters are removed first, so `/ob\u200Bject` is
 * `/object` and cannot pass for a different command, and `\u202E/object` is still `/object`.
 * An argument is cut where an HTML comment opens on the command's line.
 *
 * Known approximation: an inline code span that runs over several lines is not tracked.
 *
 * Linear time: every line is scanned a bounded number of times, with no backtracking regex, so
 * a 65,536-character comment (GitHub's maximum) parses in well under a millisecond per KB.
 */
import { GovernanceError } from '../errors/governance-error.js';

export interface Command {
  /** The configured spelling of the name that matched (`/object`, even if written `/OBJECT`). */
  name: string;
  /** Text after the name to the end of the line, trimmed; empty when there is none. */
  args: string;
  /** 1-based line number in the comment body. */
  line: number;
}

/**
 * Zero-width characters (ZWSP, ZWNJ, ZWJ, word joiner, invisible operators, BOM, soft hyphen,
 * Mongolian vowel separator) and bidi controls (LRM, RLM, ALM, embeddings, overrides, isolates).
 */
const INVISIBLE_CHARACTERS =
  /[\u00AD\u061C\u180E\u200B-\u200F\u202A-\u202E\u2060-\u2064\u2066-\u2069\uFEFF]/g;
const LINE_BREAK = /\r\n|\r|\n/;
const MAX_MARKER_INDENT = 3;
const TAB_WIDTH = 4;
const COMMENT_OPEN = '<!--';
const COMMENT_CLOSE = '-->';
/** A backtick fence's info string may not contain a backtick (CommonMark 4.5). */
const FENCE_OPEN = /^(`{3,}|~{3,})(.*)$/;
const ATX_HEADING = /^#{1,6}(?:[ \t]|$)/;
const THEMATIC_BREAK = /^(?:(?:\*[ \t]*){3,}|(?:-[ \t]*){3,}|(?:_[ \t]*){3,})$/;
const LIST_ITEM_INTERRUPTING = /^(?:[-+*]|1[.)])[ \t]+\S/;
const HTML_BLOCK_START = /^<(?:!--|\/?[A-Za-z])/;

/** Removes zero-width and bidi control characters; they never change what a command means. */
export function removeInvisibleCharacters(text: string): string {
  return text.replace(INVISIBLE_CHARACTERS, '');
}

/** The first non-empty line of a comment, trimmed, after removing invisible characters. */
export function firstLine(body: string | null | undefined): string {
  if (!body) return '';
  for (const line of removeInvisibleCharacters(body).split(LINE_BREAK)) {
    const trimmed = line.trim();
    if (trimmed !== '') return trimmed;
  }
  return '';
}

interface Fence {
  marker: '`' | '~';
  length: number;
}

/** Every command in `body` whose name is one of `names`, in the order they appear. */
export function parseCommands(body: string | null | undefined, names: readonly string[]): Command[] {
  const wanted = validatedNames(names);
  if (!body || wanted.length === 0) return [];

  const commands: Command[] = [];
  let fence: Fence | null = null;
  let inComment = false;
  let quotedParagraph = false; // the previous line was text inside a block quote
  let indentedCodeMayStart = true; // no open paragraph above (start, blank line, fence, heading)
  let inIndentedCode = false;

  const lines = removeInvisibleCharacters(body).split(LINE_BREAK);
  for (let index = 0; index < lines.length; index++) {
    const line = lines[index]!;

    if (fence) {
      if (closesFence(line, fence)) {
        fence = null;
        indentedCodeMayStart = true;
      }
      continue;
    }
    if (inComment) {
      inComment = scanHtmlComments(line, true).open;
      quotedParagraph = false;
      indentedCodeMayStart = false;
      continue;
    }
    if (line.trim() === '') {
      quotedParagraph = false;
      indentedCodeMayStart = true;
      continue;
    }

    const { columns, chars } = leadingIndent(line);
    if (columns > MAX_MARKER_INDENT) {
      // Indented code after a blank line is literal; otherwise the line continues a paragraph.
      if (inIndentedCode || indentedCodeMayStart) {
        inIndentedCode = true;
      } else if (!quotedParagraph) {
        inComment = scanHtmlComments(line, false).open;
      }
      continue;
    }
    inIndentedCode = false;
    const content = line.slice(chars);

    if (content.startsWith('>')) {
      const quoted = stripQuoteMarkers(content);
      quotedParagraph = quoted.trim() !== '' && !FENCE_OPEN.test(quoted);
      indentedCodeMayStart = false;
      continue;
    }
    if (quotedParagraph && !interruptsParagraph(content)) continue; // lazy continuation of the quote
    quotedParagraph = false;

    const opening = fenceOpening(content);
    if (opening) {
      fence = opening;
      continue;
    }
    indentedCodeMayStart = ATX_HEADING.test(content) || THEMATIC_BREAK.test(content);

    const comments = scanHtmlComments(content, false);
    const command = matchCommand(content, wanted);
    if (command) {
      const argsEnd = comments.firstOpen ?? content.length;
      const args = argsEnd > command.argsStart ? content.slice(command.argsStart, argsEnd).trim() : '';
      commands.push({ name: command.name, args, line: index + 1 });
    }
    inComment = comments.open;
  }
  return commands;
}

function validatedNames(names: readonly string[]): { name: string; lower: string }[] {
  const seen = new Set<string>();
  const result: { name: string; lower: string }[] = [];
  for (const name of names) {
    if (
      typeof name !== 'string' ||
      name === '' ||
      /\s/.test(name) ||
      removeInvisibleCharacters(name) !== name
    ) {
      throw new GovernanceError(
        `command name ${JSON.stringify(name)} must be a non-empty word without spaces`,
      );
    }
    const lower = name.toLowerCase();
    if (!seen.has(lower)) {
      seen.add(lower);
      result.push({ name, lower });
    }
  }
  return result;
}

function matchCommand(
  content: string,
  wanted: readonly { name: string; lower: string }[],
): { name: string; argsStart: number } | null {
  for (const { name, lower } of wanted) {
    if (content.length < name.length) continue;
    if (content.slice(0, name.length).toLowerCase() !== lower) continue;
    const next = content.charAt(name.length);
    if (next === '' || /\s/.test(next)) return { name, argsStart: name.length };
  }
  return null;
}

/** Indentation in columns (tabs to the next multiple of 4) and in characters. */
function leadingIndent(line: string): { columns: number; chars: number } {
  let columns = 0;
  let chars = 0;
  while (chars < line.length) {
    const ch = line[chars];
    if (ch === ' ') columns++;
    else if (ch === '\t') columns += TAB_WIDTH - (columns % TAB_WIDTH);
    else break;
    chars++;
  }
  return { columns, chars };
}

function stripQuoteMarkers(content: string): string {
  let rest = content;
  while (rest.startsWith('>')) {
    rest = rest.slice(rest.startsWith('> ') ? 2 : 1);
    const { columns, chars } = leadingIndent(rest);
    if (columns > MAX_MARKER_INDENT) break;
    rest = rest.slice(chars);
  }
  return rest;
}

function fenceOpening(content: string): Fence | null {
  const match = FENCE_OPEN.exec(content);
  if (!match) return null;
  const run = match[1]!;
  const marker = run[0] as Fence['marker'];
  if (marker === '`' && match[2]!.includes('`')) return null;
  return { marker, length: run.length };
}

function closesFence(line: string, fence: Fence): boolean {
  const { columns, chars } = leadingIndent(line);
  if (columns > MAX_MARKER_INDENT) return false;
  let end = chars;
  while (line[end] === fence.marker) end++;
  return end - chars >= fence.length && line.slice(end).trim() === '';
}

function interruptsParagraph(content: string): boolean {
  return (
    FENCE_OPEN.test(content) ||
    ATX_HEADING.test(content) ||
    THEMATIC_BREAK.test(content) ||
    LIST_ITEM_INTERRUPTING.test(content) ||
    HTML_BLOCK_START.test(content)
  );
}

/**
 * Follows HTML comments through one line, skipping inline code spans (`` `<!--` `` is literal).
 * Returns whether a comment is still open at the end of the line, and where the first comment
 * that the line itself opens starts. Linear: backtick runs are paired in one backward pass.
 */
function scanHtmlComments(
  text: string,
  startInComment: boolean,
): { open: boolean; firstOpen: number | null } {
  const closingRunAt = pairBacktickRuns(text);
  let inComment = startInComment;
  let firstOpen: number | null = null;
  let i = 0;
  while (i < text.length) {
    if (inComment) {
      const close = text.indexOf(COMMENT_CLOSE, i);
      if (close < 0) return { open: true, firstOpen };
      i = close + COMMENT_CLOSE.length;
      inComment = false;
      continue;
    }
    if (text[i] === '`') {
      const span = closingRunAt.get(i);
      if (span) {
        i = span.closeEnd;
      } else {
        while (text[i] === '`') i++;
      }
      continue;
    }
    if (text.startsWith(COMMENT_OPEN, i)) {
      firstOpen ??= i;
      i += COMMENT_OPEN.length;
      // `<!-->` and `<!--->` are complete (empty) comments in CommonMark 0.31.
      if (text.startsWith('>', i)) i += 1;
      else if (text.startsWith('->', i)) i += 2;
      else inComment = true;
      continue;
    }
    i++;
  }
  return { open: inComment, firstOpen };
}

/**
 * Maps the start of each backtick run to the end of the run that would close a code span
 * opened there: the next run of the same length (CommonMark 6.1). Runs without one are literal.
 */
function pairBacktickRuns(text: string): Map<number, { closeEnd: number }> {
  const runs: { start: number; length: number }[] = [];
  for (let i = 0; i < text.length;) {
    if (text[i] !== '`') {
      i++;
      continue;
    }
    const start = i;
    while (text[i] === '`') i++;
    runs.push({ start, length: i - start });
  }
  const pairs = new Map<number, { closeEnd: number }>();
  const nextOfLength = new Map<number, { start: number; length: number }>();
  for (let k = runs.length - 1; k >= 0; k--) {
    const run = runs[k]!;
    const close = nextOfLength.get(run.length);
    if (close) pairs.set(run.start, { closeEnd: close.start + close.length });
    nextOfLength.set(run.length, run);
  }
  return pairs;
}
