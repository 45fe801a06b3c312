/**
 * YAML front matter at the very start of a Markdown file, as meta-VEP 282 proposes for `vep.md`
 * (the one real example is VEP #307):
 *
 *   ---
 *   owning-sig: sig-network
 *   status: deferred
 *   ---
 *   # VEP #307: ...
 *
 * The opening `---` must be the first line (a UTF-8 BOM before it is allowed); the block ends at
 * the next line that is `---` or `...`. Trailing spaces on the delimiter lines are allowed.
 * A file that opens a block and never closes it is an error rather than "no front matter": the
 * author clearly meant front matter, and silently skipping it would skip its checks too.
 * YAML errors are reported at their line in the original file. The block may hold at most
 * INPUT_LIMITS.frontMatter characters; the Markdown after it is not parsed and may be any size.
 */
import { isMap, isScalar } from 'yaml';
import { GovernanceError, nodeLocation, parseYamlDocument } from '../errors/governance-error.js';
import { INPUT_LIMITS } from '../errors/input-limits.js';

export interface FrontMatter {
  /** The front matter as plain data, or null when the file has none. */
  data: Record<string, unknown> | null;
  /** The Markdown after the closing delimiter (the whole text when there is no front matter). */
  body: string;
  /** 1-based line of the original file on which `body` starts. */
  bodyStartLine: number;
}

const BOM = '\uFEFF';
const OPENING_DELIMITER = /^---[ \t]*$/;
const CLOSING_DELIMITER = /^(?:---|\.\.\.)[ \t]*$/;
/** Anchors, aliases and merge keys could multiply a small document into a huge one. */
const MAX_ALIAS_COUNT = 100;

interface Line {
  text: string;
  /** Offset of the line's first character. */
  start: number;
  /** Offset just past the line break (or the end of the text). */
  next: number;
}

function* linesOf(text: string, from: number): Generator<Line> {
  let start = from;
  while (start < text.length) {
    let end = start;
    while (end < text.length && text[end] !== '\n' && text[end] !== '\r') end++;
    let next = end;
    if (text[next] === '\r') next++;
    if (text[next] === '\n') next++;
    yield { text: text.slice(start, end), start, next };
    start = next;
  }
}

export function splitFrontMatter(text: string, file: string): FrontMatter {
  const contentStart = text.startsWith(BOM) ? BOM.length : 0;
  const lines = linesOf(text, contentStart);
  const first = lines.next();
  if (first.done || !OPENING_DELIMITER.test(first.value.text)) {
    return { data: null, body: text, bodyStartLine: 1 };
  }

  let lineNumber = 1;
  for (const line of lines) {
    lineNumber++;
    if (line.start - first.value.next > INPUT_LIMITS.frontMatter) {
      throw new GovernanceError(
        `front matter is longer than ${INPUT_LIMITS.frontMatter.toLocaleString('en-US')} characters (docs/reliability.md "Input limits"), or its closing "---" is missing`,
        { file, line: 1, column: 1 },
      );
    }
    if (!CLOSING_DELIMITER.test(line.text)) continue;
    const yamlStart = first.value.next;
    const data = parseFrontMatterYaml(text.slice(yamlStart, line.start), text, file, yamlStart);
    return { data, body: text.slice(line.next), bodyStartLine: lineNumber + 1 };
  }
  throw new GovernanceError('front matter opened with "---" is never closed (add a line "---" after it)', {
    file,
    line: 1,
    column: 1,
  });
}

function parseFrontMatterYaml(
  yamlText: string,
  source: string,
  file: string,
  offsetBase: number,
): Record<string, unknown> {
  const document = parseYamlDocument(yamlText, file, source, offsetBase);
  const root = document.contents;
  if (root === null || (isScalar(root) && root.value === null)) return {};
  if (!isMap(root)) {
    throw new GovernanceError(
      'front matter must be a YAML mapping of keys to values',
      nodeLocation(root, source, file, undefined, offsetBase),
    );
  }
  try {
    return document.toJS({ maxAliasCount: MAX_ALIAS_COUNT }) as Record<string, unknown>;
  } catch (error) {
    throw new GovernanceError(
      `invalid front matter: ${(error as Error).message}`,
      nodeLocation(root, source, file, undefined, offsetBase),
    );
  }
}
