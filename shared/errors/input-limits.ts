/**
 * Caps on what the parsers read (docs/reliability.md "Input limits"). Governance files are written
 * by people and are small: the caps sit far above every real file, and an input over a cap is
 * refused with a GovernanceError naming the file (and the line where it can), in time linear in
 * its size, instead of pinning a runner or crashing Node. A pull request can put any text in a
 * file these actions read, so none of them may be trusted to be small.
 */
import { isAlias, isCollection, isPair, visit, type Document, type Node } from 'yaml';
import { GovernanceError, positionAt } from './governance-error.js';

const KIB = 1024;
const MIB = 1024 * KIB;

/**
 * Largest text (UTF-16 characters, about bytes for ASCII) each parser reads. YAML files get 1 MiB:
 * the YAML library reads about 1 MB a second on a busy 2-core runner, and the largest real file
 * read here (kubernetes/community sigs.yaml) is 190 KB. Line-by-line formats get more.
 */
export const INPUT_LIMITS = {
  /** an OWNERS file (the largest real ones are a few KiB) */
  owners: 1 * MIB,
  /** OWNERS_ALIASES (kubernetes/kubernetes: about 30 KiB) */
  ownersAliases: 1 * MIB,
  /** OpenStack reference/projects.yaml (about 80 KiB) */
  projectsYaml: 1 * MIB,
  /** kubernetes/community sigs.yaml (about 190 KiB) */
  sigsYaml: 1 * MIB,
  /** a YAML affiliation map (larger maps belong in gitdm's format) */
  affiliationsYaml: 1 * MIB,
  /** one cncf/gitdm developers_affiliations*.txt (the largest is a few MiB); read line by line */
  gitdm: 32 * MIB,
  /** a Markdown file with a leads table; read line by line */
  markdownTable: 16 * MIB,
  /** the YAML between a Markdown file's `---` lines (the body after them is not parsed) */
  frontMatter: 256 * KIB,
} as const;

/** Deepest `[`/`{` nesting in a YAML text; deeper input once overflowed the stack of the parser. */
export const MAX_YAML_FLOW_DEPTH = 64;
/** Widest indentation (columns, `- ` included) a YAML line may have: block nesting depth. */
export const MAX_YAML_INDENT = 256;
/** YAML aliases (`*name`) in one document. */
export const MAX_YAML_ALIASES = 100;
/** Nodes the aliases of one document may repeat, all together (a "billion laughs" stops here). */
export const MAX_YAML_REPEATED_NODES = 100_000;

const number = (n: number) => n.toLocaleString('en-US');

/** Throws unless `text` is within `limit` characters. */
export function checkInputSize(text: string, file: string, limit: number, what: string): void {
  if (text.length > limit) {
    throw new GovernanceError(
      `${what} is ${number(text.length)} characters, over the limit of ${number(limit)} (docs/reliability.md "Input limits")`,
      { file },
    );
  }
}

/**
 * Refuses YAML nested deeper than the caps, before the YAML parser sees it: one linear pass that
 * counts open flow brackets and measures each line's indentation (compact `- - x` included).
 * Brackets inside quoted text are counted too, which can only refuse more, never less.
 */
export function checkYamlNesting(text: string, file: string, source = text, offsetBase = 0): void {
  const fail = (at: number, message: string): never => {
    throw new GovernanceError(`${message} (docs/reliability.md "Input limits")`, {
      file,
      ...positionAt(source, offsetBase + at),
    });
  };
  let flow = 0;
  let lineStart = true;
  for (let i = 0; i < text.length; i++) {
    if (lineStart) {
      lineStart = false;
      let j = i;
      for (;;) {
        while (text.charCodeAt(j) === 0x20) j++;
        const indicator = text[j];
        if ((indicator === '-' || indicator === '?' || indicator === ':') && text[j + 1] === ' ') j += 2;
        else break;
      }
      if (j - i > MAX_YAML_INDENT) fail(i, `YAML indented more than ${MAX_YAML_INDENT} columns`);
    }
    const ch = text.charCodeAt(i);
    if (ch === 0x5b || ch === 0x7b) {
      if (++flow > MAX_YAML_FLOW_DEPTH) fail(i, `YAML nested more than ${MAX_YAML_FLOW_DEPTH} brackets deep`);
    } else if (ch === 0x5d || ch === 0x7d) {
      if (flow > 0) flow--;
    } else if (ch === 0x0a || ch === 0x0d) {
      lineStart = true;
    }
  }
}

/**
 * Refuses a document whose aliases are too many or would repeat too much when read: every reader
 * here follows aliases, so `*a` written ten times over ten levels would be read 10^10 times.
 * Anchors are matched to aliases in one walk (the library's own lookup walks the whole document
 * for each alias).
 */
export function checkYamlAliases(document: Document, file: string, source: string, offsetBase = 0): void {
  const fail = (node: Node | undefined, message: string): never => {
    const at = node?.range?.[0];
    throw new GovernanceError(`${message} (docs/reliability.md "Input limits")`, {
      file,
      ...(at !== undefined ? positionAt(source, offsetBase + at) : {}),
    });
  };
  // an alias refers to the nearest anchor of that name before it, in document order
  const anchors = new Map<string, Node>();
  const targets = new Map<unknown, Node | undefined>();
  visit(document, {
    Node(_key, node) {
      if (isAlias(node)) {
        if (targets.size >= MAX_YAML_ALIASES)
          fail(node, `more than ${MAX_YAML_ALIASES} YAML aliases (*name)`);
        targets.set(node, anchors.get(node.source));
      } else if (node.anchor) {
        anchors.set(node.anchor, node);
      }
    },
  });
  if (targets.size === 0) return;
  const sizes = new Map<unknown, number>();
  // Nodes read when `node` is read, aliases followed; memoised, so linear in the document.
  const size = (node: unknown): number => {
    if (node === null || typeof node !== 'object') return 0;
    const known = sizes.get(node);
    if (known !== undefined) return known;
    sizes.set(node, 0); // an alias inside its own anchor adds nothing (and cannot loop)
    let total = 1;
    if (isAlias(node)) total += size(targets.get(node));
    else if (isCollection(node)) {
      for (const item of node.items) total += isPair(item) ? size(item.key) + size(item.value) : size(item);
    }
    sizes.set(node, total);
    return total;
  };
  const read = size(document.contents);
  const written = sizes.size;
  if (read - written > MAX_YAML_REPEATED_NODES) {
    fail(
      undefined,
      `YAML aliases repeat ${number(read - written)} nodes, over the limit of ${number(MAX_YAML_REPEATED_NODES)}`,
    );
  }
}
