/**
 * Reads the tracking issue lifecycle's snapshot (shared/vep/lifecycle.ts):
 *
 * - a merged pull request: its changed files (one query per 100), then the proposals' `vep.md`
 *   on the default branch, then each tracking issue;
 * - a closed tracking issue: the default branch's tree (one request), the documents with its
 *   number, the issue;
 * - the sweep: the tree, every proposal document (one query per 20), and the tracking issue of
 *   each proposal that has front matter (usually few).
 *
 * Each tracking issue is read in its own query with its whole label and close/reopen history, so
 * one that cannot be read fails only its own item (fail closed), and the others go on.
 */
import { GovernanceError } from '../errors/governance-error.js';
import type { PermissionLookup } from '../github/permissions.js';
import { mayBePartial, partialListMessage } from '../github/pull-files.js';
import type { GraphqlPageInfo, RepoClient } from '../github/repo.js';
import type { VepConfig } from '../config/types.js';
import type { LabelEvent } from './label-ownership.js';
import { compileLayout, leadingNumber, proposalsTouched, type ProposalRef } from './layout.js';
import {
  closedAgainAfterBotReopen,
  mergedStatus,
  type LifecycleIssue,
  type LifecycleItem,
  type StateEvent,
} from './lifecycle.js';

const PAGE = 100;
const DOCUMENT_BATCH = 20;
const ACTOR = '{ login __typename }';
const TIMELINE = (after = '') =>
  `timelineItems(first: ${PAGE}${after}, itemTypes: [LABELED_EVENT, UNLABELED_EVENT, CLOSED_EVENT, REOPENED_EVENT]) {
    pageInfo { hasNextPage endCursor }
    nodes {
      __typename
      ... on LabeledEvent { createdAt label { name } actor ${ACTOR} }
      ... on UnlabeledEvent { createdAt label { name } actor ${ACTOR} }
      ... on ClosedEvent { createdAt actor ${ACTOR} }
      ... on ReopenedEvent { createdAt actor ${ACTOR} }
    }
  }`;
const ISSUE_QUERY = `
query($owner: String!, $repo: String!, $number: Int!) {
  repository(owner: $owner, name: $repo) {
    issueOrPullRequest(number: $number) {
      __typename
      ... on Issue { id number state labels(first: ${PAGE}) { nodes { name } } ${TIMELINE()} }
      ... on PullRequest { number }
    }
  }
}`;
const MORE_TIMELINE = `query($id: ID!, $cursor: String) { node(id: $id) { ... on Issue { ${TIMELINE(', after: $cursor')} } } }`;
const FILES_QUERY = `
query($owner: String!, $repo: String!, $number: Int!, $cursor: String) {
  repository(owner: $owner, name: $repo) {
    pullRequest(number: $number) { files(first: ${PAGE}, after: $cursor) { pageInfo { hasNextPage endCursor } nodes { path changeType } } }
  }
}`;

interface RawActor {
  login: string;
  __typename: string;
}
interface RawEvent {
  __typename: string;
  createdAt?: string;
  label?: { name: string };
  actor?: RawActor | null;
}
interface RawTimeline {
  pageInfo: GraphqlPageInfo;
  nodes: RawEvent[];
}
interface RawIssue {
  __typename: 'Issue' | 'PullRequest';
  id?: string;
  number: number;
  state?: string;
  labels?: { nodes: { name: string }[] };
  timelineItems?: RawTimeline;
}

const describe = (e: unknown) =>
  e instanceof GovernanceError ? e.describe() : e instanceof Error ? e.message : String(e);

export interface LifecycleRead {
  items: LifecycleItem[];
  notes: string[];
  unreadable?: string;
}

/** A merged pull request's proposals, each with its document on the default branch and its issue. */
export async function gatherMergedPull(
  gh: RepoClient,
  permissions: PermissionLookup,
  number: number,
  config: VepConfig,
  defaultBranch: string,
): Promise<LifecycleRead> {
  const files = await gh.graphqlPaginate<
    {
      repository: {
        pullRequest: { files: { nodes: { path: string; changeType: string }[]; pageInfo: GraphqlPageInfo } };
      };
    },
    { path: string; changeType: string }
  >(FILES_QUERY, { number }, (page) => page.repository.pullRequest?.files);
  // a proposal listed after GitHub's 3,000th file would go unseen: fail closed
  if (mayBePartial(files.length)) throw new Error(partialListMessage(number, files.length));
  const layout = compileLayout(config.layout, config.ignore);
  const refs = proposalsTouched(
    layout,
    files.filter((f) => f.changeType !== 'DELETED').map((f) => f.path),
  );
  return readItems(gh, permissions, defaultBranch, refs, () => true);
}

/** The proposal(s) numbered like a tracking issue, from the default branch's tree. */
export async function gatherClosedIssue(
  gh: RepoClient,
  permissions: PermissionLookup,
  number: number,
  config: VepConfig,
  defaultBranch: string,
): Promise<LifecycleRead> {
  const refs = (await proposalsOnBranch(gh, config, defaultBranch)).filter((r) => numberOf(r) === number);
  if (!refs.length)
    return {
      items: [],
      notes: [`#${number}: no proposal with this number on ${defaultBranch}: nothing to keep in sync`],
    };
  return readItems(gh, permissions, defaultBranch, refs, () => true);
}

/** Every proposal on the default branch; tracking issues are read only for those with front matter. */
export async function gatherLifecycleSweep(
  gh: RepoClient,
  permissions: PermissionLookup,
  config: VepConfig,
  defaultBranch: string,
): Promise<LifecycleRead> {
  let refs: ProposalRef[];
  try {
    refs = await proposalsOnBranch(gh, config, defaultBranch);
  } catch (e) {
    return { items: [], notes: [], unreadable: `the tree of ${defaultBranch}: ${describe(e)}` };
  }
  const read = await readItems(
    gh,
    permissions,
    defaultBranch,
    refs,
    (item) => 'status' in mergedStatus(item.documents),
  );
  const kept = read.items.filter((i) => i.unreadable || !('none' in mergedStatus(i.documents)));
  const without = read.items.length - kept.length;
  return {
    items: kept,
    notes: [
      ...read.notes,
      `${read.items.length} proposal(s) on ${defaultBranch}; ${without} without front matter (no status to show)`,
    ],
  };
}

function numberOf(ref: ProposalRef): number | null {
  const n = ref.number ?? leadingNumber(ref.folderName);
  return n !== null && Number.isSafeInteger(n) && n > 0 ? n : null;
}

async function proposalsOnBranch(gh: RepoClient, config: VepConfig, branch: string): Promise<ProposalRef[]> {
  const layout = compileLayout(config.layout, config.ignore);
  const paths = (await gh.listTree(branch)).map((f) => f.path);
  const present = new Set(paths);
  return proposalsTouched(layout, paths).filter((r) => present.has(r.documentPath));
}

/**
 * Documents (default branch) and tracking issues for the proposals, one item per number. `wantIssue`
 * says for which items the issue is worth reading.
 */
async function readItems(
  gh: RepoClient,
  permissions: PermissionLookup,
  branch: string,
  refs: ProposalRef[],
  wantIssue: (item: LifecycleItem) => boolean,
): Promise<LifecycleRead> {
  const notes: string[] = [];
  const byNumber = new Map<number, string[]>();
  for (const r of refs) {
    const n = numberOf(r);
    if (n === null) {
      notes.push(`${r.dir}: no number in the folder name, so no tracking issue`);
      continue;
    }
    byNumber.set(n, [...(byNumber.get(n) ?? []), r.documentPath]);
  }
  const paths = [...byNumber.values()].flat();
  const texts = await readDocuments(gh, branch, paths);
  const items: LifecycleItem[] = [];
  for (const [number, docs] of byNumber) {
    const item: LifecycleItem = { number, documents: [], issue: null };
    for (const path of docs) {
      const t = texts.get(path);
      if (t && typeof t === 'object') item.unreadable ??= `${path} on ${branch}: ${t.error}`;
      else item.documents.push({ path, text: t ?? null });
    }
    if (!item.unreadable && wantIssue(item)) {
      try {
        item.issue = await readIssue(gh, permissions, number);
      } catch (e) {
        item.unreadable = `tracking issue #${number}: ${describe(e)}`;
      }
    }
    items.push(item);
  }
  return { items, notes };
}

/** Texts by path (null: not there), or why one could not be read. */
async function readDocuments(
  gh: RepoClient,
  branch: string,
  paths: string[],
): Promise<Map<string, string | null | { error: string }>> {
  const out = new Map<string, string | null | { error: string }>();
  for (let i = 0; i < paths.length; i += DOCUMENT_BATCH) {
    const chunk = paths.slice(i, i + DOCUMENT_BATCH);
    const fields = chunk
      .map(
        (p, j) =>
          `f${j}: object(expression: ${JSON.stringify(`${branch}:${p}`)}) { ... on Blob { text isBinary isTruncated } }`,
      )
      .join('\n');
    try {
      const data = await gh.graphql<{
        repository: Record<string, { text: string | null; isBinary: boolean; isTruncated: boolean } | null>;
      }>(
        `query($owner: String!, $repo: String!) { repository(owner: $owner, name: $repo) { ${fields} } }`,
        {},
      );
      chunk.forEach((p, j) => {
        const blob = data.repository[`f${j}`];
        if (!blob) out.set(p, null);
        else if (blob.isBinary || blob.isTruncated || blob.text === null)
          out.set(p, { error: 'the document is binary or too large to read whole' });
        else out.set(p, blob.text);
      });
    } catch (e) {
      for (const p of chunk) out.set(p, { error: describe(e) });
    }
  }
  return out;
}

/** One tracking issue with its whole label and close/reopen history; null when the number is unused. */
async function readIssue(
  gh: RepoClient,
  permissions: PermissionLookup,
  number: number,
): Promise<LifecycleIssue | null> {
  let raw: RawIssue | null;
  try {
    raw = (await gh.graphql<{ repository: { issueOrPullRequest: RawIssue | null } }>(ISSUE_QUERY, { number }))
      .repository.issueOrPullRequest;
  } catch (e) {
    // GitHub answers an unused number with a NOT_FOUND error beside the data
    const err = e as { errors?: { type?: string }[] };
    if (err.errors?.length && err.errors.every((x) => x.type === 'NOT_FOUND')) return null;
    throw e;
  }
  if (!raw) return null;
  if (raw.__typename === 'PullRequest')
    return { number, isPull: true, state: 'open', labels: [], labelEvents: [], stateEvents: [] };
  const timeline = raw.timelineItems!;
  const nodes = [...timeline.nodes];
  if (timeline.pageInfo.hasNextPage) {
    nodes.push(
      ...(await gh.graphqlPaginate<{ node: { timelineItems: RawTimeline } | null }, RawEvent>(
        MORE_TIMELINE,
        { id: raw.id, cursor: timeline.pageInfo.endCursor },
        (page) => page.node?.timelineItems,
      )),
    );
  }
  const labelEvents: LabelEvent[] = [];
  const stateEvents: StateEvent[] = [];
  for (const e of nodes) {
    const actor = e.actor?.login ?? 'ghost';
    const at = e.createdAt ?? '';
    if ((e.__typename === 'LabeledEvent' || e.__typename === 'UnlabeledEvent') && e.label)
      labelEvents.push({
        label: e.label.name,
        action: e.__typename === 'LabeledEvent' ? 'labeled' : 'unlabeled',
        actor,
        actorType: e.actor?.__typename,
        at,
      });
    else if (e.__typename === 'ClosedEvent' || e.__typename === 'ReopenedEvent')
      stateEvents.push({
        action: e.__typename === 'ClosedEvent' ? 'closed' : 'reopened',
        actor,
        actorType: e.actor?.__typename,
        at,
      });
  }
  const state = raw.state === 'CLOSED' ? 'closed' : 'open';
  const issue: LifecycleIssue = {
    number,
    isPull: false,
    state,
    labels: raw.labels?.nodes.map((l) => l.name) ?? [],
    labelEvents,
    stateEvents,
  };
  // Whether a person closed it again after a bot reopened it: only then is the closer's permission asked.
  const again = state === 'closed' ? closedAgainAfterBotReopen(stateEvents) : null;
  if (again) issue.closerPermission = await permissions.permissionOf(again.actor);
  return issue;
}
