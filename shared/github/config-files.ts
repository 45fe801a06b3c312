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

/** The configuration files unchecked, with the default branch, for the `config-path` and `org-defaults` inputs. */
export function readConfigFiles(
  gh: RepoClient,
  opts: { path?: string; orgDefaults?: boolean },
): Promise<ConfigSources> {
  const path = opts.path || DEFAULT_CONFIG_PATH;
  const withOrg = opts.orgDefaults !== false && gh.repo !== ORG_CONFIG_REPO;
  return readConfigSources(gh, { path, ...(withOrg ? { orgRepo: ORG_CONFIG_REPO } : {}) });
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

export async function readConfigSources(
  gh: RepoClient,
  opts: { path: string; orgRepo?: string },
): Promise<ConfigSources> {
  const { path, orgRepo } = opts;
  const orgName = orgRepo && `${gh.owner}/${orgRepo}:${path}`;
  const names = orgName ? `${orgName} and ${path}` : path;
  let data: ConfigData;
  try {
    // HEAD: each repository's default branch, as the org file always was read
    data = await gh.graphql<ConfigData>(configQuery(!!orgRepo), {
      expression: `HEAD:${path}`,
      ...(orgRepo ? { orgRepo } : {}),
    });
  } catch (error) {
    data = partialData(error, names, !!orgRepo);
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
 * The data of a query GitHub answered with errors, when every error is the org repository's
 * NOT_FOUND (its alias is then null); otherwise the error, naming the files, is thrown.
 */
function partialData(error: unknown, names: string, withOrg: boolean): ConfigData {
  const e = error as { errors?: ErrorEntry[]; data?: ConfigData | null; message?: string };
  const errors = Array.isArray(e?.errors) ? e.errors : undefined;
  if (errors?.length && e.data?.repo && errors.every((x) => x.type === 'NOT_FOUND' && x.path?.[0] === 'org'))
    return { ...e.data, org: null };
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
