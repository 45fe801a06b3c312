/**
 * User-controlled strings (paths, titles, logins, SIG names, reasons) are shown without meaning
 * anything: no HTML, no hidden `<!-- ... -->` (which would also let one action's text carry
 * another's marker), no @-mention or team ping, no table cell split by `|`, no workflow command
 * started by a line break. A zero-width joiner after `<` and `@` keeps what a reader sees and
 * takes away what GitHub would make of it (a tag or comment needs a letter or `!` right after
 * `<`; a mention needs a name right after `@`).
 */
const ZWJ = '\u200d';

/** Inert text for anywhere: Markdown, plain text, log lines. Line breaks are kept. */
export function inert(text: string): string {
  return text.replace(/</g, `<${ZWJ}`).replace(/-->/g, `--${ZWJ}>`).replace(/@/g, `@${ZWJ}`);
}

/** Inert text on one line (a list item, a message, a log line). */
export function inertLine(text: string): string {
  return inert(text.replace(/\s*[\r\n]+\s*/g, ' '));
}

/** Inert text as a Markdown table cell: one line, `|` escaped. */
export function inertCell(text: string): string {
  return inertLine(text).replace(/\|/g, '\\|');
}

/**
 * A log line that cannot start a workflow command: the runner reads `::name::` at the start of
 * any output line, so a line break inside user text must not be followed by `::`.
 */
export function inertLog(text: string): string {
  return inert(text).replace(/(^|\n)(\s*)::/g, `$1$2${ZWJ}::`);
}
