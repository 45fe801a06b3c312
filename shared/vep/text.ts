/**
 * Putting text into Markdown comments safely: values from files and titles are shown as code (a
 * backtick inside cannot break out), and mentions are only ever built from logins the action
 * read from OWNERS or the configuration.
 */
const ZERO_WIDTH_JOINER = '\u200D';

/** Inline code that survives backticks in the value. */
export function code(text: string): string {
  // a hidden-comment opener or closer is broken up even in code: raw text never carries a marker
  const clean = text
    .replace(/[\r\n]+/g, ' ')
    .replace(/<!--/g, `<${ZERO_WIDTH_JOINER}!--`)
    .replace(/-->/g, `--${ZERO_WIDTH_JOINER}>`);
  const longest = Math.max(0, ...[...clean.matchAll(/`+/g)].map((m) => m[0].length));
  const fence = '`'.repeat(longest + 1);
  const pad = clean.startsWith('`') || clean.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${clean}${pad}${fence}`;
}

/** A mention of a login or `org/team` (from trusted configuration only). */
export function mention(login: string): string {
  return `@${login.replace(/^@/, '')}`;
}

/** Text that must not notify anybody (a login named in passing). */
export function noMention(text: string): string {
  return text.replace(/@/g, `@${ZERO_WIDTH_JOINER}`);
}
