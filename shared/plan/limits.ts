/**
 * GitHub's size limits on what the actions write, and the two ways texts are kept within them:
 * lists rendered by the decide modules stop early with "and N more" (boundedLines), and the
 * applier cuts whatever is still too long at a line boundary (fitText), so no write is refused for
 * its size. The full, uncut plan is always in the run's `plan` output.
 */

export const LIMITS = {
  /** issue, pull request and comment bodies (characters) */
  body: 65_536,
  /** issue and pull request titles */
  title: 256,
  /** label names */
  labelName: 50,
  /** check run output title, summary and text, each (GitHub counts bytes here) */
  checkOutput: 65_535,
  /** a check run annotation's message; its title is at most 255 */
  annotationMessage: 65_535,
  annotationTitle: 255,
  /** annotations per create/update request */
  annotationsPerRequest: 50,
  /** the job summary of one step (bytes) */
  jobSummaryBytes: 1024 * 1024,
} as const;

/** Where a reader finds what a shortened text left out. */
export const FULL_PLAN_POINTER = "the full list is in this run's `plan` output";

/** Room the "cut short" notice needs at the end of a fitted text. */
const NOTICE_ROOM = 200;

/**
 * `text` if it fits in `max` characters; otherwise its longest prefix ending at a line break that
 * leaves room for a notice saying how much was left out. Deterministic, so a re-run that renders
 * the same text writes nothing.
 */
export function fitText(text: string, max: number, measure: (s: string) => number = lengthOf): string {
  if (measure(text) <= max) return text;
  let cut = Math.max(0, max - NOTICE_ROOM);
  // a measure in bytes may need a shorter prefix than the same count of characters
  while (cut > 0 && measure(text.slice(0, cut)) > max - NOTICE_ROOM) cut = Math.floor(cut * 0.9);
  const lastBreak = text.lastIndexOf('\n', cut);
  if (lastBreak > cut / 2) cut = lastBreak;
  else if (isHighSurrogate(text.charCodeAt(cut - 1))) cut--; // never split a character in two
  const left = lengthOf(text) - cut;
  return `${text.slice(0, cut)}\n\n… cut short here (${left} more characters: over GitHub's limit); ${FULL_PLAN_POINTER}.`;
}

/** A one-line text (a title) within `max` characters, ending in "…" when cut. */
export function fitLine(text: string, max: number): string {
  if (text.length <= max) return text;
  let cut = max - 1;
  if (isHighSurrogate(text.charCodeAt(cut - 1))) cut--;
  return `${text.slice(0, cut)}…`;
}

/**
 * The first lines of a rendered list that fit in `maxChars` (and at most `maxItems` of them),
 * followed by a `more(n)` line for the n left out. Lists grow with what users write (objections,
 * teams, files), so every list a comment or check shows goes through here.
 */
export function boundedLines(
  lines: readonly string[],
  opts: {
    maxChars: number;
    maxItems?: number;
    more?: (left: number) => string;
    /** how a line's size is counted (default: characters; bytesOf where the limit is in bytes) */
    measure?: (s: string) => number;
  },
): string[] {
  const more = opts.more ?? andMore;
  const measure = opts.measure ?? lengthOf;
  const maxItems = opts.maxItems ?? Number.POSITIVE_INFINITY;
  const out: string[] = [];
  let used = 0;
  for (const line of lines) {
    const cost = measure(line) + 1;
    if (out.length >= maxItems || used + cost > opts.maxChars) break;
    out.push(line);
    used += cost;
  }
  if (out.length < lines.length) out.push(more(lines.length - out.length));
  return out;
}

/** The default "left out" line of a bounded list. */
export function andMore(left: number): string {
  return `… and ${left} more (${FULL_PLAN_POINTER})`;
}

export function lengthOf(s: string): number {
  return s.length;
}

export function bytesOf(s: string): number {
  return Buffer.byteLength(s, 'utf8');
}

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}
