/**
 * Text from repository files (logins, group ids, company names) goes into comments, issues and
 * check runs: it must not mention anyone or inject Markdown.
 */
const ZERO_WIDTH_JOINER = '\u200d';

/** Inline code: nothing inside is Markdown or a mention. */
export function code(text: string): string {
  return `\`${text.replace(/`/g, "'").replace(/[\r\n]+/g, ' ')}\``;
}

/** Plain text with Markdown specials escaped and `@` defused. */
export function esc(text: string): string {
  return text
    .replace(/[\r\n]+/g, ' ')
    .replace(/[\\`*_[\]<>|#~]/g, '\\$&')
    .replace(/@/g, `@${ZERO_WIDTH_JOINER}`);
}
