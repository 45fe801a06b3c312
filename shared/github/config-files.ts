/**
 * The configuration's inputs in one GraphQL query: the repository's default branch, its
 * configuration file and the org-wide defaults file in `<owner>/.github` (docs/config.md
 * "Org-wide defaults"). A sweep's first page needs the configuration (the trigger label), so this
 * is the one request before it.
 *
 * Fail closed (docs/reliability.md "Decision integrity"): only GitHub's NOT_FOUND for the org
 * repository means "no org defaults" (GitHub gives the same answer for a repository the token
 * cannot see); any other error fails the run, naming the file, rather than judge by other rules.
 */
import { BLOB_FIELDS, readBlob, type BlobNode } from './blob.js';
import type { GraphqlAnswer } from './early-query.js';
import type { RepoClient } from './repo.js';

export interface ConfigSource {
  /** how the file is named in messages: `path`, or `<owner>/.github:path` for the org file */
  name: string;
  /** null: the file does not exist */
  text: string | null;
}

export interface ConfigSources {
  defaultBranch: string;
  /** GitHub refuses every write to an archived repository (an organisation-wide sweep skips it) */
  archived: boolean;
  /** the org file first (when asked for), then the repository's */
  sources: ConfigSource[];
}

interface RepoNode {
  defaultBranchRef?: { name: string } | null;
  isArchived?: boolean;
  file: BlobNode;
}
interface ConfigData {
  repo: RepoNode | null;
  org?: RepoNode | null;
}
interface ErrorEntry {
  type?: string;
  path?: (string | number)[];
  message?: string;
}

const BLOB = BLOB_FIELDS;

export const DEFAULT_CONFIG_PATH = '.github/governance.yml';
export const ORG_CONFIG_REPO = '.github';

/** Which files a run reads: the `config-path` and `org-defaults` inputs, for one repository. */
export interface ConfigRequest {
  path: string;
  /** the org repository whose file gives defaults, when read */
  orgRepo?: string;
}

export function configRequest(repo: string, opts: { path?: string; orgDefaults?: boolean }): ConfigRequest {
  const path = opts.path || DEFAULT_CONFIG_PATH;
  const withOrg = opts.orgDefaults !== false && repo !== ORG_CONFIG_REPO;
  return { path, ...(withOrg ? { orgRepo: ORG_CONFIG_REPO } : {}) };
}

/** The query's variables besides the repository's owner and name (RepoClient.graphql adds those). */
export function configVariables(req: ConfigRequest): Record<string, string> {
  // HEAD: each repository's default branch, as the org file always was read
  return { expression: `HEAD:${req.path}`, ...(req.orgRepo ? { orgRepo: req.orgRepo } : {}) };
}

/** The configuration files unchecked, with the default branch, for the `config-path` and `org-defaults` inputs. */
export function readConfigFiles(
  gh: RepoClient,
  opts: { path?: string; orgDefaults?: boolean },
): Promise<ConfigSources> {
  return readConfigSources(gh, configRequest(gh.repo, opts));
}

export function configQuery(withOrg: boolean): string {
  return [
    `query($owner: String!, $repo: String!, $expression: String!${withOrg ? ', $orgRepo: String!' : ''}) {`,
    `  repo: repository(owner: $owner, name: $repo) { defaultBranchRef { name } isArchived file: object(expression: $expression) { ${BLOB} } }`,
    withOrg
      ? `  org: repository(owner: $owner, name: $orgRepo) { file: object(expression: $expression) { ${BLOB} } }`
      : '',
    '}',
  ].join('\n');
}

/**
 * The files, from `early` when the query was already answered (shared/github/early-query.ts) and
 * the answer can be taken as it is; otherwise asked through the client.
 */
export async function readConfigSources(
  gh: RepoClient,
  req: ConfigRequest,
  early?: Promise<GraphqlAnswer | undefined>,
): Promise<ConfigSources> {
  const { path, orgRepo } = req;
  const orgName = orgRepo && `${gh.owner}/${orgRepo}:${path}`;
  const names = orgName ? `${orgName} and ${path}` : path;
  let data = answered(await early);
  if (!data) {
    try {
      data = await gh.graphql<ConfigData>(configQuery(!!orgRepo), configVariables(req));
    } catch (error) {
      data = partialData(error, names, !!orgRepo);
    }
  }
  if (!data.repo)
    throw new Error(`the configuration ${path} could not be read: ${gh.fullName} was not found`);
  const defaultBranch = data.repo.defaultBranchRef?.name ?? (await gh.defaultBranch());
  const sources: ConfigSource[] = [];
  if (orgRepo && orgName) {
    const org = { owner: gh.owner, repo: orgRepo };
    sources.push({
      name: orgName,
      text: await blobText(data.org?.file ?? null, orgName, () => gh.readFile(path, undefined, org)),
    });
  }
  sources.push({
    name: path,
    text: await blobText(data.repo.file, path, () => gh.readFile(path, defaultBranch)),
  });
  return { defaultBranch, sources, archived: data.repo.isArchived === true };
}

/**
 * An early answer's data when it decides as the client's would: no errors (Octokit returns the
 * data), or only the org repository's NOT_FOUND. Any other error is asked again through the
 * client, which waits out a RATE_LIMITED and words the rest (partialData).
 */
function answered(answer: GraphqlAnswer | undefined): ConfigData | undefined {
  if (!answer) return undefined;
  const data = answer.data as ConfigData | null | undefined;
  // `errors` as plugin-throttling reads it: anything but null or a list fails the client's read
  if (answer.errors == null) return data ?? undefined;
  return Array.isArray(answer.errors) && onlyOrgNotFound(answer.errors, data)
    ? { ...data!, org: null }
    : undefined;
}

/** GitHub's answer when `<owner>/.github` does not exist or the token cannot see it: org defaults absent. */
function onlyOrgNotFound(errors: ErrorEntry[], data: ConfigData | null | undefined): boolean {
  return (
    errors.length > 0 && !!data?.repo && errors.every((x) => x?.type === 'NOT_FOUND' && x.path?.[0] === 'org')
  );
}

/**
 * The data of a query GitHub answered with errors, when every error is the org repository's
 * NOT_FOUND (its alias is then null); otherwise the error, naming the files, is thrown.
 */
function partialData(error: unknown, names: string, withOrg: boolean): ConfigData {
  const e = error as { errors?: ErrorEntry[]; data?: ConfigData | null; message?: string };
  const errors = Array.isArray(e?.errors) ? e.errors : undefined;
  if (errors && onlyOrgNotFound(errors, e.data)) return { ...e.data!, org: null };
  const reason = errors?.length
    ? errors
        .map((x) => `${x.type ?? 'error'} at ${(x.path ?? []).join('.') || 'the query'}: ${x.message ?? ''}`)
        .join('; ')
    : (e?.message ?? String(error));
  throw new Error(
    `the configuration (${names}) could not be read: ${reason}. Nothing was decided or written; the next run reads it again` +
      (withOrg ? ' (input `org-defaults: false` runs without the org file)' : ''),
    { cause: error },
  );
}

/** A file's text; null when missing or not a file (a directory), as the REST read had it. */
async function blobText(
  node: BlobNode,
  name: string,
  viaRest: () => Promise<string | null>,
): Promise<string | null> {
  const blob = readBlob(node);
  if (blob.kind === 'binary') throw new Error(`the configuration ${name} is not a text file`);
  if (blob.kind === 'truncated') return viaRest();
  return blob.kind === 'text' ? blob.text : null;
}
