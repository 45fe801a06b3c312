/**
 * The edit histories (`userContentEdits`) of edited comments, read by node id: 100 comments a
 * query, each with its first 100 edits (one more query per further 100 edits of one comment).
 * Only comments GitHub shows as edited (`lastEditedAt`) need it, so a history query stays narrow:
 * nesting the edits of every comment in a 100 x 100 timeline would cost GitHub's rate limit 100
 * times more. A comment that vanished between the two reads fails the read (never counts as unedited).
 */
import type { ContentEdit } from '../commands/authored-history.js';
import type { RepoClient } from './repo.js';

const IDS_PER_QUERY = 100;

interface RawEdits {
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  nodes: { editedAt: string; editor: { login: string } | null; diff: string | null }[];
}
const EDITS = (after = '') =>
  `userContentEdits(first: 100${after}) { pageInfo { hasNextPage endCursor } nodes { editedAt editor { login } diff } }`;
const BATCH = `query($ids: [ID!]!) {
  nodes(ids: $ids) { ... on Comment { id ${EDITS()} } } }`;
const MORE = `query($id: ID!, $cursor: String) {
  node(id: $id) { ... on Comment { ${EDITS(', after: $cursor')} } } }`;

const toEdits = (raw: RawEdits['nodes']): ContentEdit[] =>
  raw.map((e) => ({ editor: e.editor?.login ?? null, editedAt: e.editedAt, body: e.diff }));

/** node id -> every edit of that comment (GitHub's order: newest first). */
export async function readContentEdits(
  gh: RepoClient,
  ids: readonly string[],
): Promise<Map<string, ContentEdit[]>> {
  const result = new Map<string, ContentEdit[]>();
  const unique = [...new Set(ids)];
  for (let start = 0; start < unique.length; start += IDS_PER_QUERY) {
    const batch = unique.slice(start, start + IDS_PER_QUERY);
    const data = await gh.graphql<{ nodes: ({ id: string; userContentEdits: RawEdits | null } | null)[] }>(
      BATCH,
      { ids: batch },
    );
    for (const [i, node] of data.nodes.entries()) {
      if (!node?.userContentEdits) throw new Error(`the edit history of comment ${batch[i]} cannot be read`);
      const edits = toEdits(node.userContentEdits.nodes);
      if (node.userContentEdits.pageInfo.hasNextPage) {
        const rest = await gh.graphqlPaginate<
          { node: { userContentEdits: RawEdits } | null },
          RawEdits['nodes'][number]
        >(MORE, { id: node.id, cursor: node.userContentEdits.pageInfo.endCursor }, (page) => {
          if (!page.node) throw new Error(`the edit history of comment ${node.id} cannot be read`);
          return page.node.userContentEdits;
        });
        edits.push(...toEdits(rest));
      }
      result.set(node.id, edits);
    }
  }
  return result;
}
