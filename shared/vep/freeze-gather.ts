/**
 * What the VEP Freeze rule reads (freeze.ts): the release schedules of the releases a pull request
 * makes proposals implementable for, from the schedule repository's default branch, and, only when
 * a release is frozen and the exception label is on, the permission of whoever added it.
 */
import { BLOB_FIELDS, readBlob, type BlobNode } from '../github/blob.js';
import type { GovernanceConfig } from '../config/types.js';
import type { PermissionLookup } from '../github/permissions.js';
import type { RepoClient } from '../github/repo.js';
import { compileLayout, proposalsTouched } from './layout.js';
import {
  exceptionLabel,
  freezeConfigured,
  freezeDayFor,
  freezeDates,
  frozenOn,
  proposalsBecomingImplementable,
  schedulePath,
  type FreezeFacts,
  type ScheduleRead,
} from './freeze.js';
import type { PullSnapshot } from './snapshot.js';
import { code } from './text.js';

/** GitHub's largest GraphQL `text` is the whole blob up to this; a larger schedule is no schedule */
const TRUNCATED = 'the file is too large for the API to return whole';

export async function gatherFreeze(
  gh: RepoClient,
  permissions: PermissionLookup,
  s: PullSnapshot,
  config: GovernanceConfig,
  defaultBranch: string,
  now: Date,
): Promise<FreezeFacts | undefined> {
  const freeze = config.vep.freeze;
  if (!freezeConfigured(freeze)) return undefined;
  const layout = compileLayout(config.vep.layout, config.vep.ignore);
  const live = s.changedFiles.filter((f) => f.changeType !== 'DELETED').map((f) => f.path);
  const becoming = proposalsBecomingImplementable(
    proposalsTouched(layout, live).map((r) => ({ proposal: r.dir, path: r.documentPath })),
    s,
  );
  const facts: FreezeFacts = {
    now: now.toISOString(),
    timezone: config.calendar.timezone,
    schedules: {},
    exception: null,
  };
  const { dates } = freezeDates(freeze);
  const releases = [...new Set(becoming.flatMap((b) => (b.release ? [b.release] : [])))];
  const toRead = freeze.schedule ? releases.filter((r) => !dates.has(r)) : [];
  if (toRead.length) facts.schedules = await readSchedules(gh, toRead, freeze.schedule!, defaultBranch);

  // The adder's permission is asked only when it decides something: a frozen release.
  const frozen = releases.some((r) => {
    const day = freezeDayFor(r, freeze, facts.schedules);
    return day.kind === 'day' && frozenOn(day.day, facts);
  });
  facts.exception = exceptionLabel(s.labels, s.labelEvents, freeze['exception-label']);
  if (frozen && facts.exception?.by)
    facts.exception.permission = await permissions.permissionOf(facts.exception.by);
  return facts;
}

/** Every schedule in one GraphQL query; `repo: ""` is this repository (its default branch). */
async function readSchedules(
  gh: RepoClient,
  releases: string[],
  schedule: { repo: string; path: string },
  defaultBranch: string,
): Promise<Record<string, ScheduleRead>> {
  const own = !schedule.repo || schedule.repo.toLowerCase() === gh.fullName.toLowerCase();
  const [owner, name] = own ? [gh.owner, gh.repo] : schedule.repo.split('/');
  const repo = `${owner}/${name}`;
  // another repository's default branch is its HEAD
  const rev = own ? defaultBranch : 'HEAD';
  const paths = releases.map((r) => schedulePath(schedule.path, r));
  const fields = paths
    .map((p, i) => `s${i}: object(expression: ${JSON.stringify(`${rev}:${p}`)}) { ${BLOB_FIELDS} }`)
    .join('\n');
  const out: Record<string, ScheduleRead> = {};
  let data: {
    repository: Record<string, BlobNode> | null;
  };
  try {
    data = await gh.graphql(
      `query($owner: String!, $repo: String!) { repository(owner: $owner, name: $repo) { ${fields} } }`,
      { owner, repo: name },
    );
  } catch (error) {
    const why = describeReadError(error, repo);
    releases.forEach((r, i) => (out[r] = { status: 'unreadable', repo, path: paths[i], error: why }));
    return out;
  }
  releases.forEach((r, i) => {
    const blob = readBlob(data.repository?.[`s${i}`]);
    const path = paths[i];
    if (!data.repository) out[r] = { status: 'unreadable', repo, path, error: `${repo} was not found` };
    else if (blob.kind === 'missing') out[r] = { status: 'missing', repo, path };
    else if (blob.kind === 'not-a-file')
      out[r] = { status: 'unreadable', repo, path, error: `it is a ${blob.type}, not a file` };
    else if (blob.kind === 'truncated') out[r] = { status: 'unreadable', repo, path, error: TRUNCATED };
    else if (blob.kind === 'binary')
      out[r] = { status: 'unreadable', repo, path, error: 'it is not a text file' };
    else out[r] = { status: 'read', repo, path, text: blob.text };
  });
  return out;
}

/** A missing repository is a GraphQL NOT_FOUND error; anything else (5xx, 403) its status. */
function describeReadError(error: unknown, repo: string): string {
  const e = error as { errors?: { type?: string; message?: string }[]; status?: number; message?: string };
  const notFound = e.errors?.find((x) => x.type === 'NOT_FOUND');
  if (notFound)
    return `${repo} was not found or the workflow's token cannot see it (check ${code('vep.freeze.schedule.repo')})`;
  if (e.status) return `GitHub answered ${e.status}`;
  return code(
    String(e.message ?? error)
      .split('\n')[0]
      .slice(0, 200),
  );
}
