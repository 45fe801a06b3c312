/**
 * Text from repository files (logins, group ids, company names) goes into comments, issues and
 * check runs: it must not mention anyone or inject Markdown.
 */
const ZERO_WIDTH_JOINER = '\u200d';

/**
 * Inline code: nothing inside is Markdown or a mention. A hidden-comment opener or closer is
 * broken up even here, so the raw text never carries a marker-like `<!-- ... -->`.
 */
export function code(text: string): string {
  const flat = text
    .replace(/`/g, "'")
    .replace(/[\r\n]+/g, ' ')
    .replace(/<!--/g, `<${ZERO_WIDTH_JOINER}!--`)
    .replace(/-->/g, `--${ZERO_WIDTH_JOINER}>`);
  return `\`${flat}\``;
}

/** Inline code in a table cell: GitHub splits cells at any unescaped `|`, code spans included. */
export function codeCell(text: string): string {
  return code(text).replace(/\|/g, '\\|');
}

/** Plain text with Markdown specials escaped and `@` defused. */
export function esc(text: string): string {
  return text
    .replace(/[\r\n]+/g, ' ')
    .replace(/[\\`*_[\]<>|#~]/g, '\\$&')
    .replace(/@/g, `@${ZERO_WIDTH_JOINER}`);
}
