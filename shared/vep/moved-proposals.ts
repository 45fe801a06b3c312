/**
 * A proposal is its number (the tracking issue's, the folder's, `vep-number`), not its folder.
 * meta-VEP 282: "no revival from terminal states". A pull request that adds a folder for a number
 * the default branch already holds elsewhere (moved to another SIG, renamed, or copied) moves that
 * proposal's status: the transition check compares with the default branch's document for the
 * number, so deleting and re-adding it cannot reset its status to new (docs/vep-sig-label.md
 * "Front matter rules").
 *
 * The proposal folders (the layout's levels from `{sig}` down) ride along in the query that reads
 * the documents (`movedTreeField`); only when a number is found elsewhere does one more query read
 * the documents there.
 */
import type { RepoClient } from '../github/repo.js';
import { leadingNumber, parseFolderName, type Layout, type ProposalRef } from './layout.js';

export interface MovedOrigins {
  /** new path -> the default branch's document path for the same number */
  movedFrom: Record<string, string>;
  /** those documents' texts (null: not there) */
  texts: Record<string, string | null>;
  /** new path -> why where else the number lives cannot be read (fail closed) */
  unreadable: Record<string, string>;
}

export interface RawEntry {
  name: string;
  path?: string;
  type: string;
  object?: { entries?: RawEntry[] } | null;
}

/** A folder's number, also from a badly named folder (`40_Revive`): erring towards a match. */
const numberOf = (layout: Layout, name: string) =>
  parseFolderName(layout, name)?.number ?? leadingNumber(name);

/** The GraphQL field (aliased `alias`) listing the default branch's proposal folders. */
export function movedTreeField(layout: Layout, branch: string, alias: string): string {
  const root = layout.segments.slice(0, layout.sigIndex).join('/');
  let fields = 'name path type';
  for (let i = 0; i < layout.dirIndex - layout.sigIndex; i++)
    fields = `name type object { ... on Tree { entries { ${fields} } } }`;
  return `${alias}: object(expression: ${JSON.stringify(`${branch}:${root}`)}) { ... on Tree { entries { ${fields} } } }`;
}

/**
 * `tree`: what `movedTreeField` answered (null: no such folder; a failed query failed the run).
 * `fresh`: the proposals not on the default branch at their own path.
 */
export async function findMovedOrigins(
  gh: RepoClient,
  layout: Layout,
  branch: string,
  fresh: readonly ProposalRef[],
  tree: { entries?: RawEntry[] } | null,
): Promise<MovedOrigins> {
  const out: MovedOrigins = { movedFrom: {}, texts: {}, unreadable: {} };
  const wanted = fresh
    .map((p) => ({ ...p, number: p.number ?? leadingNumber(p.folderName) }))
    .filter((p) => p.number !== null);
  if (!wanted.length) return out;
  const docName = layout.segments[layout.segments.length - 1]!;
  const levels = layout.dirIndex - layout.sigIndex; // entries below the {sig} level
  const failAll = (why: string) => {
    for (const p of wanted)
      out.unreadable[p.documentPath] =
        `where else proposal ${p.number} lives on ${branch} cannot be read (${why})`;
    return out;
  };
  let dirs: string[] = [];
  const between = layout.segments.slice(layout.sigIndex + 1, layout.dirIndex);
  const walk = (entries: RawEntry[] | undefined, depth: number) => {
    for (const e of entries ?? []) {
      if (e.type !== 'tree') continue;
      if (depth === levels) dirs.push(e.path ?? e.name);
      else if (depth === 0 || between[depth - 1] === e.name) walk(e.object?.entries, depth + 1);
    }
  };
  walk(tree?.entries, 0);
  dirs = dirs.filter((d) => d.includes('/'));
  const origins = new Map<string, string>();
  for (const p of wanted) {
    const same = dirs
      .filter((d) => d !== p.dir && numberOf(layout, d.slice(d.lastIndexOf('/') + 1)) === p.number)
      .sort();
    if (same.length) origins.set(p.documentPath, `${same[0]}/${docName}`);
  }
  if (!origins.size) return out;
  const paths = [...new Set(origins.values())];
  try {
    const data = await gh.graphql<{ repository: Record<string, { text?: string | null } | null> }>(
      `query($owner: String!, $repo: String!) { repository(owner: $owner, name: $repo) { ${paths
        .map(
          (p, i) => `m${i}: object(expression: ${JSON.stringify(`${branch}:${p}`)}) { ... on Blob { text } }`,
        )
        .join('\n')} } }`,
      {},
    );
    paths.forEach((p, i) => (out.texts[p] = data.repository[`m${i}`]?.text ?? null));
  } catch (e) {
    return failAll((e as Error).message.split('\n')[0]!.slice(0, 200));
  }
  for (const [path, origin] of origins) out.movedFrom[path] = origin;
  return out;
}
