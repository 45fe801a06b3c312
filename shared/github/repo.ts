/**
 * Repository-scoped GitHub operations shared by every action's gather step and by the applier.
 * All REST and GraphQL traffic of the library goes through here (or through `octokit` itself for
 * rare one-off calls), so request counts stay visible in one file.
 */
import { BLOB_FIELDS, readBlob, type BlobNode } from './blob.js';
import type { Octokit } from './client.js';

export interface RepoRef {
  owner: string;
  repo: string;
}

export interface IssueComment {
  id: number;
  body: string;
  user: string;
  userType: string;
  createdAt: string;
  updatedAt: string;
  url: string;
}

export interface GraphqlPageInfo {
  hasNextPage: boolean;
  endCursor: string | null;
}

export class RepoClient {
  /** requests this client made that change something (REST non-GET, GraphQL mutations) */
  writes = 0;
  /** all requests this client made */
  requests = 0;

  constructor(
    readonly octokit: Octokit,
    readonly ref: RepoRef,
  ) {
    octokit.hook.before('request', (options) => {
      this.requests++;
      if (isWrite(options.method, options.url, options.query)) this.writes++;
    });
  }

  get owner(): string {
    return this.ref.owner;
  }

  get repo(): string {
    return this.ref.repo;
  }

  get fullName(): string {
    return `${this.ref.owner}/${this.ref.repo}`;
  }

  async defaultBranch(): Promise<string> {
    const { data } = await this.octokit.rest.repos.get({ ...this.ref });
    return data.default_branch;
  }

  /** A file's text at `ref`, or null when it does not exist (404). Directories are not files. */
  async readFile(path: string, ref?: string, repo: RepoRef = this.ref): Promise<string | null> {
    try {
      const { data } = await this.octokit.rest.repos.getContent({ ...repo, path, ...(ref ? { ref } : {}) });
      if (Array.isArray(data) || data.type !== 'file') return null;
      if ('content' in data && typeof data.content === 'string' && data.encoding === 'base64') {
        return Buffer.from(data.content, 'base64').toString('utf8');
      }
      // files over 1 MB come without content: read the blob
      const blob = await this.octokit.rest.git.getBlob({ ...repo, file_sha: data.sha });
      return Buffer.from(blob.data.content, 'base64').toString('utf8');
    } catch (error) {
      if (statusOf(error) === 404) return null;
      throw error;
    }
  }

  /** Every file path of a commit-ish, from one recursive tree call. */
  async listTree(ref: string): Promise<{ path: string; sha: string; size?: number }[]> {
    const { data } = await this.octokit.rest.git.getTree({ ...this.ref, tree_sha: ref, recursive: 'true' });
    if (data.truncated) throw new Error(`the tree of ${ref} is too large for one recursive listing`);
    return data.tree
      .filter((e) => e.type === 'blob' && e.path && e.sha)
      .map((e) => ({ path: e.path!, sha: e.sha!, size: e.size }));
  }

  /**
   * Many files' text in few requests: GraphQL `object(expression)` aliases, `batch` per query.
   * Missing files (and directories) come back as null. What the query cannot give whole never
   * passes for the file: GitHub cuts `Blob.text` at 512,000 bytes (`isTruncated`), so such a file
   * is read again over REST, and a binary file is an error.
   */
  async readFiles(ref: string, paths: string[], batch = 100): Promise<Map<string, string | null>> {
    const out = new Map<string, string | null>();
    for (let i = 0; i < paths.length; i += batch) {
      const chunk = paths.slice(i, i + batch);
      const fields = chunk
        .map((p, j) => `f${j}: object(expression: ${JSON.stringify(`${ref}:${p}`)}) { ${BLOB_FIELDS} }`)
        .join('\n');
      const data = await this.graphql<{ repository: Record<string, BlobNode> }>(
        `query($owner: String!, $repo: String!) { repository(owner: $owner, name: $repo) { ${fields} } }`,
        {},
      );
      for (const [j, p] of chunk.entries()) {
        const blob = readBlob(data.repository[`f${j}`]);
        if (blob.kind === 'binary') throw new Error(`${p} on ${ref} is a binary file, not text`);
        if (blob.kind === 'truncated') out.set(p, await this.readFile(p, ref));
        else out.set(p, blob.kind === 'text' ? blob.text : null);
      }
    }
    return out;
  }

  async graphql<T>(query: string, variables: Record<string, unknown>): Promise<T> {
    return this.octokit.graphql<T>(query, { owner: this.ref.owner, repo: this.ref.repo, ...variables });
  }

  /**
   * Walk a GraphQL connection with cursors. `select` returns the connection object found in a page
   * (`{nodes, pageInfo}`); the query must take `$cursor: String` and use `after: $cursor`.
   * A `cursor` in `variables` starts after it (the first page was read by a larger query).
   */
  async graphqlPaginate<TPage, TNode>(
    query: string,
    variables: Record<string, unknown>,
    select: (page: TPage) => { nodes: TNode[]; pageInfo: GraphqlPageInfo } | null | undefined,
    maxPages = 1000,
  ): Promise<TNode[]> {
    const nodes: TNode[] = [];
    let cursor = typeof variables.cursor === 'string' ? variables.cursor : null;
    // Fail closed (docs/reliability.md "Decision integrity"): a list that cannot be read to its
    // end is an error, never a shorter list.
    for (let page = 0; page < maxPages; page++) {
      const data: TPage = await this.graphql<TPage>(query, { ...variables, cursor });
      const conn = select(data);
      if (!conn) throw new Error(`a list could not be read to its end: page ${page + 1} came back empty`);
      nodes.push(...conn.nodes);
      if (!conn.pageInfo.hasNextPage) return nodes;
      if (!conn.pageInfo.endCursor)
        throw new Error(`a list could not be read to its end: page ${page + 1} has no cursor`);
      cursor = conn.pageInfo.endCursor;
    }
    throw new Error(`a list could not be read to its end: more than ${maxPages} pages`);
  }

  /** An issue's comments; with `since`, only those updated at or after it (usually one page). */
  async listComments(number: number, since?: string): Promise<IssueComment[]> {
    const data = await this.octokit.paginate(this.octokit.rest.issues.listComments, {
      ...this.ref,
      issue_number: number,
      per_page: 100,
      ...(since ? { since } : {}),
    });
    return data.map((c) => ({
      id: c.id,
      body: c.body ?? '',
      user: c.user?.login ?? '',
      userType: c.user?.type ?? 'User',
      createdAt: c.created_at,
      updatedAt: c.updated_at,
      url: c.html_url,
    }));
  }

  async listRepoLabels(): Promise<string[]> {
    const data = await this.octokit.paginate(this.octokit.rest.issues.listLabelsForRepo, {
      ...this.ref,
      per_page: 100,
    });
    return data.map((l) => l.name);
  }
}

function isWrite(method: string, url: string, query: unknown): boolean {
  if (method === 'GET' || method === 'HEAD') return false;
  if (url.endsWith('/graphql')) return typeof query === 'string' && /^\s*mutation\b/.test(query);
  return true;
}

export function statusOf(error: unknown): number | undefined {
  return typeof error === 'object' && error !== null && 'status' in error
    ? Number((error as { status: unknown }).status)
    : undefined;
}
