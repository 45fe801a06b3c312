/**
 * The edit histories (`userContentEdits`) of edited comments, read by node id: 100 comments a
 * query, each with its first 100 edits (one more query per further 100 edits of one comment).
 * Only comments GitHub shows as edited (`lastEditedAt`) need it, so a history query stays narrow:
 * nesting the edits of every comment in a 100 x 100 timeline would cost GitHub's rate limit 100
 * times more. A comment that vanished between the two reads fails the read (never counts as unedited).
 */
import {
  authoredHistory,
  commandsOverTime,
  type ContentEdit,
  type TimedCommand,
} from '../commands/authored-history.js';
import { parseCommands, type Command } from '../commands/commands.js';
import { isBot } from './permissions.js';
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

/** A comment as the GraphQL `Comment` interface gives it. */
export interface CommentNode {
  id: string;
  body: string;
  createdAt: string;
  lastEditedAt: string | null;
  author: { login: string; __typename?: string } | null;
}

/** One command as its author wrote it (login `ghost` when the account is gone). */
export interface AuthoredCommand extends TimedCommand<Command> {
  author: string;
  authorType?: string;
}

/**
 * Every command named in `names` in these comments, each from when its author wrote it and until
 * they edited it away (shared/commands/authored-history.ts): edits by others count for nothing.
 * Edit histories are read only for comments people edited; bots' comments are kept, unedited,
 * for decide to ignore. Oldest first.
 */
export async function readAuthoredCommands(
  gh: RepoClient,
  comments: readonly CommentNode[],
  names: readonly string[],
  identity: (command: Command) => string,
): Promise<AuthoredCommand[]> {
  const edited = comments.filter(
    (c) => c.lastEditedAt && c.author && !isBot(c.author.login, c.author.__typename),
  );
  const edits = edited.length
    ? await readContentEdits(
        gh,
        edited.map((c) => c.id),
      )
    : new Map<string, ContentEdit[]>();
  const out: AuthoredCommand[] = [];
  for (const c of comments) {
    const author = c.author?.login ?? 'ghost';
    const history = authoredHistory({
      author,
      createdAt: c.createdAt,
      body: c.body,
      edits: edits.get(c.id) ?? [],
    });
    for (const t of commandsOverTime(history, (body) => parseCommands(body, names), identity))
      out.push({ ...t, author, authorType: c.author?.__typename });
  }
  return out.sort((a, b) => Date.parse(a.since) - Date.parse(b.since));
}
