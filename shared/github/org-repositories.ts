/**
 * The `repositories` input of an organisation-wide run (docs/organisation.md), read by all four
 * actions: repository names of the workflow's owner, or `topic:<t>` for every repository of the
 * owner carrying that topic. Parsed here and listed through GitHub; each repository once, however
 * it is spelled or selected.
 */
import type { RepoClient } from './repo.js';

export interface RepositorySelection {
  names: string[];
  topics: string[];
}

/** Names and topics, separated by commas, spaces or new lines; `owner/name` only for the workflow's owner. */
export function parseRepositories(input: string, owner: string): RepositorySelection {
  const names = new Set<string>();
  const topics = new Set<string>();
  for (const item of input.split(/[\s,]+/).filter(Boolean)) {
    if (item.toLowerCase().startsWith('topic:')) {
      const topic = item.slice('topic:'.length).toLowerCase();
      // GitHub topics: lower-case letters, digits and hyphens, at most 50 characters
      if (!/^[a-z0-9][a-z0-9-]{0,49}$/.test(topic))
        throw new Error(
          `input repositories: ${JSON.stringify(item)} is no topic (topic:<name>, e.g. topic:governance)`,
        );
      topics.add(topic);
      continue;
    }
    const [first, second, ...rest] = item.split('/');
    const name = second === undefined ? first! : second;
    if (rest.length || (second !== undefined && first!.toLowerCase() !== owner.toLowerCase()))
      throw new Error(
        `input repositories: ${JSON.stringify(item)} is not a repository of ${owner}; an organisation-wide run reads the repositories of the owner it runs in`,
      );
    // GitHub's repository names; `.` and `..` are reserved (and would address another API path)
    if (!/^[A-Za-z0-9._-]{1,100}$/.test(name) || /^\.{1,2}$/.test(name))
      throw new Error(`input repositories: ${JSON.stringify(item)} is no repository name`);
    names.add(name);
  }
  if (!names.size && !topics.size)
    throw new Error('input repositories names no repository (names, or topic:<name>)');
  return { names: uniqueNames(names), topics: [...topics] };
}

/** GitHub's repository names are case-insensitive: one entry per repository, the first spelling kept. */
function uniqueNames(names: Iterable<string>): string[] {
  const byKey = new Map<string, string>();
  for (const name of names) if (!byKey.has(name.toLowerCase())) byKey.set(name.toLowerCase(), name);
  return [...byKey.values()];
}

interface RepoNode {
  name: string;
  isArchived: boolean;
  repositoryTopics: { nodes: { topic: { name: string } }[] };
}

/**
 * The owner's repositories with one of `topics`: GraphQL `organization.repositories`, 100 a page,
 * each with its topics (GitHub allows 20 a repository, so one page of topics is all of them).
 * Archived repositories are included: their leaders are still named in them.
 */
export async function repositoriesWithTopics(gh: RepoClient, topics: readonly string[]): Promise<string[]> {
  const nodes = await gh.graphqlPaginate<
    {
      organization: {
        repositories: { nodes: RepoNode[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } };
      };
    },
    RepoNode
  >(
    `query($owner: String!, $cursor: String) { organization(login: $owner) { repositories(first: 100, after: $cursor) {
      nodes { name isArchived repositoryTopics(first: 20) { nodes { topic { name } } } }
      pageInfo { hasNextPage endCursor } } } }`,
    {},
    (page) => page.organization?.repositories,
  );
  const wanted = new Set(topics);
  return nodes
    .filter((n) => n.repositoryTopics.nodes.some((t) => wanted.has(t.topic.name.toLowerCase())))
    .map((n) => n.name);
}

/** Every repository a selection names, sorted; topics are listed through GitHub. */
export async function selectRepositories(gh: RepoClient, selection: RepositorySelection): Promise<string[]> {
  // a repository a topic lists is spelled as GitHub spells it; named and listed, it is swept once
  const listed = selection.topics.length ? await repositoriesWithTopics(gh, selection.topics) : [];
  return uniqueNames([...listed, ...selection.names]).sort((a, b) => a.localeCompare(b));
}
