/**
 * Reads what decide needs, in as few requests as the event allows:
 *   issue_comment that is not a vote, the action's own pull requests, other tags: no request;
 *   schedule: 1 GraphQL query (default branch files, cycle tags, every open reset pull request
 *     with its first reviews, comments and deleted comments, the settled ones) + per reset, 1 query
 *     per further 100 comments, reviews or deletions (reset-activity.ts), and while the
 *     current cycle has a team without a reset: +1 query (the file at the tag, the missing teams'
 *     branches in every state) + one permission lookup per liaison of a reset to open;
 *   a review or vote on a reset (created, edited, deleted, dismissed): 1 query, +1 per further 100
 *     comments, reviews or deletions;  a cycle tag: 2 queries + one permission lookup per liaison;
 *   a pull request changing the projects file: 2 queries (+1 per 100 changed files beyond the first).
 */
import type { DplConfig } from '../config/types.js';
import { isBot } from '../github/permissions.js';
import { mayBePartial, partialListMessage } from '../github/pull-files.js';
import { findMarked } from '../plan/markers.js';
import type { ActionContext, EventPayload } from '../runtime/context.js';
import { parseProjectsYaml, type Team } from '../projects/projects-file.js';
import { STATUS_MARKER } from './decide.js';
import { commentVote } from './keep-votes.js';
import {
  FULL_PAGE,
  LIST_PAGE,
  activityFields,
  completeActivity,
  deletionsOf,
  dismissalsOf,
  editsOf,
  type RawActivity,
} from './reset-activity.js';
import { GovernanceError } from '../errors/governance-error.js';
import { NO_PEOPLE, membersInRoles, parsePeopleFile, type PeopleMap } from './people.js';
import {
  RESET_BRANCH_PREFIX,
  isUnfinishedOpening,
  parseResetBranch,
  resetBranch,
  type CycleOpening,
  type DplSnapshot,
  type DplTrigger,
  type ResetPull,
  type ValidationSnapshot,
} from './snapshot.js';
import type { CurrentCycle, HistoryCommit } from './validate.js';

const PULL_EVENTS_TO_CHECK = new Set(['opened', 'synchronize', 'reopened', 'edited', 'ready_for_review']);
const REVIEW_ACTIONS = new Set(['submitted', 'edited', 'dismissed']);
// An edit or a deletion can change a vote (docs/dpl-reset.md "What counts as a vote").
const COMMENT_ACTIONS = new Set(['created', 'edited', 'deleted']);
/** commits per page of the projects file's history (each carries the file twice) */
const HISTORY_PAGE = 50;
/** aliased `pullRequests(headRefName:)` look-ups per query */
const BRANCHES_PER_QUERY = 100;

interface Actor {
  login: string;
  __typename: string;
}

interface PullHead {
  number: number;
  state: 'OPEN' | 'CLOSED' | 'MERGED';
  headRefName: string;
  headRefOid: string;
  author: Actor | null;
  labels: { nodes: { name: string }[] };
  commits: { nodes: { commit: { oid: string; parents: { nodes: { oid: string }[] } } }[] };
}
type PullNode = PullHead & RawActivity;

// Every review, comment (with its edits) and deleted comment: the first page here, the rest by cursor.
const PULL_FIELDS = (page: { comments: number; edits: number }) => `
  number state headRefName headRefOid
  author { login __typename }
  labels(first: 100) { nodes { name } }
  commits(last: 1) { nodes { commit { oid parents(first: 1) { nodes { oid } } } } }
  ${activityFields(page)}`;

function baseVarDecls(config: DplConfig): string {
  return config['people-file'] ? '$projectsExpr: String!, $peopleExpr: String!' : '$projectsExpr: String!';
}

/** The default branch's head, projects file and (when configured) people file. */
function baseFields(config: DplConfig): string {
  return `
  defaultBranchRef { name target { oid } }
  projects: object(expression: $projectsExpr) { ... on Blob { text } }
  ${config['people-file'] ? 'people: object(expression: $peopleExpr) { ... on Blob { text } }' : ''}`;
}

const PAGE_INFO = 'pageInfo { hasNextPage endCursor }';
const NO_MORE = { hasNextPage: false, endCursor: null };

interface Page<T> {
  nodes: T[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
}

/** Open reset pull requests, oldest first, 100 a page. */
const OPEN_RESETS = (after: string) =>
  `resets: pullRequests(states: [OPEN], labels: [$label], first: 100${after}, orderBy: {field: CREATED_AT, direction: ASC}) { nodes { ${PULL_FIELDS(LIST_PAGE)} } ${PAGE_INFO} }`;

// labels: a reset found by branch without the reset label is an opening to finish
const BRIEF_PULL_FIELDS =
  'number state headRefName author { login __typename } labels(first: 50) { nodes { name } }';
type BriefPullNode = Pick<PullNode, 'number' | 'state' | 'headRefName' | 'author' | 'labels'>;

const CYCLE_TAG_FIELDS = `
  tags: refs(refPrefix: "refs/tags/", first: 100, orderBy: {field: TAG_COMMIT_DATE, direction: DESC}) {
    nodes { name target { __typename ... on Commit { committedDate } ... on Tag { target { ... on Commit { committedDate } } } } }
  }`;

interface BaseData {
  defaultBranchRef: { name: string; target: { oid: string } };
  projects: { text: string | null } | null;
  people?: { text: string | null } | null;
}

interface TagNode {
  name: string;
  target: { __typename: string; committedDate?: string; target?: { committedDate?: string } };
}

export async function gather(ctx: ActionContext): Promise<DplSnapshot> {
  const config = ctx.config.dpl;
  const trigger = triggerOf(ctx, config);
  const snapshot = (base: BaseData, extra: Partial<DplSnapshot>): DplSnapshot => ({
    trigger: extra.trigger ?? trigger,
    now: ctx.now,
    defaultBranch: base.defaultBranchRef.name,
    defaultHead: base.defaultBranchRef.target.oid,
    projectsText: base.projects?.text ?? null,
    people: peopleOf(base),
    resetPulls: [],
    ...extra,
  });
  const baseVars = {
    projectsExpr: `${ctx.defaultBranch}:${config['projects-file']}`,
    ...(config['people-file'] ? { peopleExpr: `${ctx.defaultBranch}:${config['people-file']}` } : {}),
  };
  const emptyBase: BaseData = {
    defaultBranchRef: { name: ctx.defaultBranch, target: { oid: '' } },
    projects: null,
    people: null,
  };
  // A configured people file that is not there would make every liaison "without a login" and
  // unable to vote: fail closed before anything is written (docs/dpl-reset.md, people file).
  function peopleOf(base: BaseData): PeopleMap {
    const file = config['people-file'];
    if (!file || base === emptyBase) return NO_PEOPLE;
    if (base.people?.text == null)
      throw new GovernanceError(
        `${file} does not exist on ${base.defaultBranchRef.name}; fix dpl.people-file or add the file (check with: governance-actions validate --dir CHECKOUT)`,
        { file, keyPath: 'dpl.people-file' },
      );
    return parsePeopleFile(base.people.text, file);
  }

  switch (trigger.kind) {
    case 'ignore':
      return snapshot(emptyBase, {});

    case 'open-cycle': {
      const { repository: base } = await ctx.gh.graphql<{ repository: BaseData }>(
        `query($owner: String!, $repo: String!, ${baseVarDecls(config)}) {
          repository(owner: $owner, name: $repo) { ${baseFields(config)} } }`,
        baseVars,
      );
      const result = snapshot(base, {});
      if (result.projectsText === null) return result;
      const teams = parseProjectsYaml(result.projectsText, config['projects-file']).teams.filter(
        (t) => t.leadershipType === 'distributed',
      );
      if (!teams.length) return result;
      // Every state: a reset that was kept (closed) or merged in this cycle is not opened again.
      ({ pulls: result.resetPulls } = await resetPullsOnBranches(
        ctx,
        teams.map((t) => resetBranch(trigger.cycle, t.name)),
      ));
      const toOpen = teams.filter((t) => {
        const pull = result.resetPulls.find((p) => p.branch === resetBranch(trigger.cycle, t.name));
        return !pull || isUnfinishedOpening(pull, config.labels.reset);
      });
      result.reviewable = await reviewableLiaisons(ctx, config, toOpen, result);
      return result;
    }

    case 'evaluate': {
      const { repository } = await ctx.gh.graphql<{
        repository: BaseData & {
          tags: { nodes: TagNode[] };
          resets: Page<PullNode>;
          settled: { nodes: (BriefPullNode & { headRef: { name: string } | null })[] };
        };
      }>(
        `query($owner: String!, $repo: String!, ${baseVarDecls(config)}, $label: String!) {
          repository(owner: $owner, name: $repo) { ${baseFields(config)} ${CYCLE_TAG_FIELDS}
            ${OPEN_RESETS('')}
            settled: pullRequests(states: [CLOSED, MERGED], labels: [$label], first: 100, orderBy: {field: CREATED_AT, direction: DESC}) { nodes { ${BRIEF_PULL_FIELDS} headRef { name } } } } }`,
        { ...baseVars, label: config.labels.reset },
      );
      const open = [...repository.resets.nodes];
      if (repository.resets.pageInfo.hasNextPage)
        open.push(...(await moreOpenResets(ctx, config, repository.resets.pageInfo.endCursor)));
      for (const pull of open) await completeActivity(ctx.gh, pull);
      const result = snapshot(repository, { resetPulls: open.map(toResetPull) });
      const settled = repository.settled.nodes.map(({ headRef, ...n }) => ({
        ...toResetPull({ ...emptyPull(), ...n }),
        branchExists: headRef !== null,
      }));
      result.settledResets = settled;
      result.currentCycle = await gatherCycleOpening(ctx, config, result, repository.tags.nodes, settled);
      return result;
    }

    case 'reset-pull':
    case 'validate': {
      const { repository } = await ctx.gh.graphql<{
        repository: BaseData & {
          pr: PullNode & {
            files: {
              nodes: { path: string }[];
              pageInfo: { hasNextPage: boolean; endCursor: string | null };
            };
          };
          tags: { nodes: TagNode[] };
        };
      }>(
        `query($owner: String!, $repo: String!, ${baseVarDecls(config)}, $number: Int!) {
          repository(owner: $owner, name: $repo) { ${baseFields(config)} ${CYCLE_TAG_FIELDS}
            pr: pullRequest(number: $number) { ${PULL_FIELDS(FULL_PAGE)}
              files(first: 100) { nodes { path } pageInfo { hasNextPage endCursor } } } } }`,
        { ...baseVars, number: trigger.number },
      );
      await completeActivity(ctx.gh, repository.pr);
      const pull = toResetPull(repository.pr);
      if (isOwnReset(pull))
        return snapshot(repository, {
          trigger: { kind: 'reset-pull', number: pull.number },
          resetPulls: [pull],
        });
      if (trigger.kind === 'reset-pull') {
        return snapshot(repository, {
          trigger: { kind: 'ignore', reason: `#${pull.number} is not a reset pull request of this action` },
        });
      }
      const paths = repository.pr.files.nodes.map((f) => f.path);
      if (repository.pr.files.pageInfo.hasNextPage)
        paths.push(...(await morePullFiles(ctx, trigger.number, repository.pr.files.pageInfo.endCursor)));
      // a projects file listed after GitHub's 3,000th file would go unseen: fail closed
      if (mayBePartial(paths.length)) throw new Error(partialListMessage(trigger.number, paths.length));
      if (!paths.includes(config['projects-file'])) {
        return snapshot(repository, {
          trigger: { kind: 'ignore', reason: `#${pull.number} does not change ${config['projects-file']}` },
        });
      }
      const base = snapshot(repository, {});
      base.validation = await gatherValidation(
        ctx,
        config,
        repository.pr,
        repository.tags.nodes,
        base.defaultBranch,
      );
      return base;
    }
  }
}

/** Which job this event asks for; decided from the payload alone, so no request is spent on noise. */
export function triggerOf(ctx: Pick<ActionContext, 'event' | 'input'>, config: DplConfig): DplTrigger {
  const { name, payload } = ctx.event;
  const cyclePattern = new RegExp(config['cycle-tag-pattern']);
  const cycleTrigger = (tag: string, source: string): DplTrigger =>
    cyclePattern.test(tag)
      ? { kind: 'open-cycle', cycle: tag, source }
      : {
          kind: 'ignore',
          reason: `${tag} is not a cycle tag (dpl.cycle-tag-pattern ${config['cycle-tag-pattern']})`,
        };

  switch (name) {
    case 'push': {
      const ref = String(payload.ref ?? '');
      if (!ref.startsWith('refs/tags/') || payload.deleted)
        return { kind: 'ignore', reason: `push to ${ref || 'a branch'}: only cycle tags open a cycle` };
      const tag = ref.slice('refs/tags/'.length);
      return cycleTrigger(tag, `tag ${tag}`);
    }
    case 'release': {
      if (payload.action !== 'published')
        return { kind: 'ignore', reason: `release ${payload.action}: only published releases open a cycle` };
      const tag = String(payload.release?.tag_name ?? '');
      return cycleTrigger(tag, `release ${tag}`);
    }
    case 'workflow_dispatch': {
      const cycle = String(payload.inputs?.cycle ?? ctx.input('cycle') ?? '').trim();
      return cycle
        ? cycleTrigger(cycle, `dispatch of cycle ${cycle}`)
        : { kind: 'evaluate', source: 'a dispatched run' };
    }
    case 'schedule':
      return { kind: 'evaluate', source: 'a scheduled run' };
    case 'pull_request':
    case 'pull_request_target': {
      const pr = payload.pull_request ?? {};
      if (!PULL_EVENTS_TO_CHECK.has(payload.action))
        return { kind: 'ignore', reason: `pull request ${payload.action}: nothing to check` };
      if (isOwnResetPayload(pr))
        return { kind: 'ignore', reason: `#${pr.number} is this action's own reset; it is not checked` };
      return { kind: 'validate', number: Number(pr.number) };
    }
    case 'pull_request_review': {
      const pr = payload.pull_request ?? {};
      if (!REVIEW_ACTIONS.has(payload.action))
        return { kind: 'ignore', reason: `review ${payload.action}: nothing to do` };
      return isOwnResetPayload(pr)
        ? { kind: 'reset-pull', number: Number(pr.number) }
        : { kind: 'validate', number: Number(pr.number) };
    }
    case 'issue_comment': {
      const issue = payload.issue ?? {};
      const comment = payload.comment ?? {};
      if (!issue.pull_request)
        return { kind: 'ignore', reason: 'a comment on an issue, not on a reset pull request' };
      if (!COMMENT_ACTIONS.has(payload.action))
        return { kind: 'ignore', reason: `comment ${payload.action}: nothing to do` };
      if (isBot(comment.user?.login ?? '', comment.user?.type))
        return { kind: 'ignore', reason: 'comments by bots are not votes' };
      // An edit re-evaluates when either version is a vote (a -1 edited away is a vote taken back).
      const versions = [String(comment.body ?? ''), String(payload.changes?.body?.from ?? '')];
      if (!versions.some((body) => commentVote(body, config['keep-commands'])))
        return {
          kind: 'ignore',
          reason: `the comment ${payload.action === 'created' ? 'is' : 'was'} not a vote`,
        };
      return { kind: 'reset-pull', number: Number(issue.number) };
    }
    default:
      return { kind: 'ignore', reason: `${name} events are not handled` };
  }
}

function isOwnResetPayload(pr: EventPayload): boolean {
  return (
    String(pr.head?.ref ?? '').startsWith(RESET_BRANCH_PREFIX) && isBot(pr.user?.login ?? '', pr.user?.type)
  );
}

function isOwnReset(pull: ResetPull): boolean {
  return pull.branch.startsWith(RESET_BRANCH_PREFIX) && pull.authorIsBot;
}

function emptyPull(): PullNode {
  return {
    number: 0,
    state: 'OPEN',
    headRefName: '',
    headRefOid: '',
    author: null,
    labels: { nodes: [] },
    commits: { nodes: [] },
    id: '',
    reviews: { pageInfo: NO_MORE, nodes: [] },
    comments: { totalCount: 0, pageInfo: NO_MORE, nodes: [] },
    deletions: { pageInfo: NO_MORE, nodes: [] },
  };
}

function toResetPull(node: PullNode): ResetPull {
  const actor = (a: Actor | null) => ({
    login: a?.login ?? 'ghost',
    bot: a ? isBot(a.login, a.__typename) : false,
  });
  const comments = node.comments.nodes.map((c) => ({
    id: c.databaseId,
    author: actor(c.author).login,
    authorIsBot: actor(c.author).bot,
    body: c.body,
    createdAt: c.createdAt,
    lastEditedAt: c.lastEditedAt,
    edits: editsOf(c),
  }));
  // Complete unless this is a brief look-up by branch (no activity read): then the applier looks.
  const complete = node.comments.totalCount <= node.comments.nodes.length;
  const status = findMarked(
    comments.map((c) => ({ ...c, user: c.author, userType: c.authorIsBot ? 'Bot' : 'User' })),
    STATUS_MARKER,
  );
  const head = node.commits.nodes[0]?.commit;
  const dismissals = dismissalsOf(node);
  return {
    number: node.number,
    state: node.state,
    branch: node.headRefName,
    headSha: node.headRefOid,
    headParent: head?.parents.nodes[0]?.oid ?? null,
    author: actor(node.author).login,
    authorIsBot: actor(node.author).bot,
    labels: node.labels.nodes.map((l) => l.name),
    reviews: node.reviews.nodes.map((r) => ({
      id: r.id,
      author: actor(r.author).login,
      authorIsBot: actor(r.author).bot,
      state: r.state,
      submittedAt: r.submittedAt,
      ...(r.state === 'DISMISSED'
        ? { dismissal: dismissals.filter((d) => d.reviewId === r.id).pop() ?? null }
        : {}),
    })),
    comments,
    deletions: deletionsOf(node),
    statusComment: status ? { id: status.id, body: status.body } : complete ? null : undefined,
  };
}

async function moreOpenResets(
  ctx: ActionContext,
  config: DplConfig,
  cursor: string | null,
): Promise<PullNode[]> {
  return ctx.gh.graphqlPaginate<{ repository: { resets: Page<PullNode> } }, PullNode>(
    `query($owner: String!, $repo: String!, $label: String!, $cursor: String) {
      repository(owner: $owner, name: $repo) { ${OPEN_RESETS(', after: $cursor')} } }`,
    { label: config.labels.reset, cursor },
    (page) => page.repository.resets,
  );
}

/**
 * The pull requests of these branches in every state, 100 branches a query; `extraFields` (and
 * its variables) ride along in the first query.
 */
async function resetPullsOnBranches<Extra extends object = object>(
  ctx: ActionContext,
  branches: string[],
  extra?: { decls: string; fields: string; vars: Record<string, unknown> },
): Promise<{ pulls: ResetPull[]; extra?: Extra }> {
  const pulls: ResetPull[] = [];
  let extraData: Extra | undefined;
  for (let start = 0; start < branches.length || (start === 0 && extra); start += BRANCHES_PER_QUERY) {
    const withExtra = start === 0 && extra;
    const aliases = branches
      .slice(start, start + BRANCHES_PER_QUERY)
      .map(
        (b, i) =>
          `b${i}: pullRequests(headRefName: ${JSON.stringify(b)}, first: 5, states: [OPEN, CLOSED, MERGED]) { nodes { ${BRIEF_PULL_FIELDS} } }`,
      )
      .join('\n');
    const { repository } = await ctx.gh.graphql<{ repository: Record<string, unknown> }>(
      `query($owner: String!, $repo: String!${withExtra ? `, ${extra.decls}` : ''}) {
        repository(owner: $owner, name: $repo) { ${withExtra ? extra.fields : ''} ${aliases} } }`,
      withExtra ? extra.vars : {},
    );
    for (const [key, value] of Object.entries(repository)) {
      if (/^b\d+$/.test(key))
        pulls.push(
          ...(value as { nodes: BriefPullNode[] }).nodes.map((n) => toResetPull({ ...emptyPull(), ...n })),
        );
    }
    if (withExtra) extraData = repository as Extra;
  }
  return { pulls, ...(extraData ? { extra: extraData } : {}) };
}

/** Reviews can only be requested from people with access: one look-up per liaison of a reset to open. */
async function reviewableLiaisons(
  ctx: ActionContext,
  config: DplConfig,
  teams: Team[],
  snapshot: Pick<DplSnapshot, 'people'>,
): Promise<Set<string>> {
  const logins = new Set(
    teams.flatMap((t) =>
      membersInRoles(t, config['keep-vote-roles'], snapshot.people).flatMap((m) =>
        m.login ? [m.login] : [],
      ),
    ),
  );
  const reviewable = new Set<string>();
  for (const login of logins)
    if ((await ctx.permissions.permissionOf(login)) !== 'none') reviewable.add(login.toLowerCase());
  return reviewable;
}

/**
 * The current cycle for a scheduled run to complete: the latest cycle tag, while its
 * `nominations-open` is ahead. Costs nothing more when every distributed team already has a reset
 * among the open and settled ones read by the main query; otherwise one query reads the projects
 * file at the tag and the missing teams' branches in every state (a reset closed by hand without
 * its label is not in the settled list, and is never opened again either).
 */
async function gatherCycleOpening(
  ctx: ActionContext,
  config: DplConfig,
  snapshot: DplSnapshot,
  tags: TagNode[],
  settled: ResetPull[],
): Promise<CycleOpening | undefined> {
  const cycle = currentCycle(tags, config);
  if (!cycle?.nominationsOpen || !(ctx.now.getTime() < Date.parse(cycle.nominationsOpen))) return undefined;
  if (snapshot.projectsText === null) return undefined;
  const teams = parseProjectsYaml(snapshot.projectsText, config['projects-file']).teams.filter(
    (t) => t.leadershipType === 'distributed',
  );
  const known = [...snapshot.resetPulls, ...settled].filter(
    (p) => parseResetBranch(p.branch)?.cycle === cycle.name,
  );
  const missing = teams.filter((t) => !known.some((p) => p.branch === resetBranch(cycle.name, t.name)));
  if (!missing.length) return { cycle: cycle.name, resetPulls: known };

  const path = config['projects-file'];
  const { pulls, extra } = await resetPullsOnBranches<{ atTag: { text: string | null } | null }>(
    ctx,
    missing.map((t) => resetBranch(cycle.name, t.name)),
    {
      decls: '$tagExpr: String!',
      fields: 'atTag: object(expression: $tagExpr) { ... on Blob { text } }',
      vars: { tagExpr: `refs/tags/${cycle.name}:${path}` },
    },
  );
  const tagText = extra?.atTag?.text ?? null;
  const distributedAtTag = new Set(
    tagText === null
      ? []
      : parseProjectsYaml(tagText, path)
          .teams.filter((t) => t.leadershipType === 'distributed')
          .map((t) => t.name),
  );
  const toOpen = missing.filter((t) => {
    const pull = pulls.find((p) => p.branch === resetBranch(cycle.name, t.name));
    return distributedAtTag.has(t.name) && (!pull || isUnfinishedOpening(pull, config.labels.reset));
  });
  if (toOpen.length) snapshot.reviewable = await reviewableLiaisons(ctx, config, toOpen, snapshot);
  return { cycle: cycle.name, resetPulls: [...known, ...pulls], distributedAtTag };
}

async function morePullFiles(ctx: ActionContext, number: number, cursor: string | null): Promise<string[]> {
  const nodes = await ctx.gh.graphqlPaginate<
    {
      repository: {
        pullRequest: {
          files: { nodes: { path: string }[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } };
        };
      };
    },
    { path: string }
  >(
    `query($owner: String!, $repo: String!, $number: Int!, $cursor: String) {
      repository(owner: $owner, name: $repo) { pullRequest(number: $number) { files(first: 100, after: $cursor) { nodes { path } pageInfo { hasNextPage endCursor } } } } }`,
    { number, cursor },
    (page) => page.repository.pullRequest.files,
  );
  return nodes.map((n) => n.path);
}

/** The latest cycle tag is the current cycle; its tag date starts the once-per-cycle window. */
function currentCycle(tags: TagNode[], config: DplConfig): (CurrentCycle & { since?: string }) | undefined {
  const pattern = new RegExp(config['cycle-tag-pattern']);
  const tag = tags.find((t) => pattern.test(t.name));
  if (!tag) return undefined;
  const since = tag.target.committedDate ?? tag.target.target?.committedDate;
  const entry = config.cycles.find((c) => String(c.name) === tag.name);
  return {
    name: tag.name,
    ...(entry ? { nominationsOpen: String(entry['nominations-open']) } : {}),
    ...(since ? { since } : {}),
  };
}

interface HistoryNode {
  oid: string;
  associatedPullRequests: { nodes: { headRefName: string; author: Actor | null }[] };
  file: { object: { text: string | null } | null } | null;
  parents: { nodes: { file: { object: { text: string | null } | null } | null }[] };
}

async function gatherValidation(
  ctx: ActionContext,
  config: DplConfig,
  pr: PullNode,
  tags: TagNode[],
  defaultBranch: string,
): Promise<ValidationSnapshot> {
  const cycle = currentCycle(tags, config);
  const path = config['projects-file'];
  type HeadBlob = { __typename: string; text?: string | null } | null;
  const HEAD_FIELD = 'head: object(expression: $headExpr) { __typename ... on Blob { text } }';
  const headExpr = `${pr.headRefOid}:${path}`;
  // The whole cycle's history, paged to its end: a change of model further back than one page
  // still counts against "only once a release cycle" (projects.yaml changes often). The head's
  // file rides on the first page.
  let head: HeadBlob | undefined;
  const nodes = cycle?.since
    ? await ctx.gh.graphqlPaginate<
        {
          repository: {
            head: HeadBlob;
            history: {
              target: {
                history: {
                  nodes: HistoryNode[];
                  pageInfo: { hasNextPage: boolean; endCursor: string | null };
                };
              };
            } | null;
          };
        },
        HistoryNode
      >(
        `query($owner: String!, $repo: String!, $headExpr: String!, $defaultRef: String!, $path: String!, $since: GitTimestamp!, $cursor: String) {
          repository(owner: $owner, name: $repo) { ${HEAD_FIELD}
            history: ref(qualifiedName: $defaultRef) { target { ... on Commit {
              history(first: ${HISTORY_PAGE}, after: $cursor, path: $path, since: $since) { ${PAGE_INFO} nodes {
                oid
                associatedPullRequests(first: 5) { nodes { headRefName author { login __typename } } }
                file(path: $path) { object { ... on Blob { text } } }
                parents(first: 1) { nodes { file(path: $path) { object { ... on Blob { text } } } } } } } } } } } }`,
        { headExpr, defaultRef: `refs/heads/${defaultBranch}`, path, since: cycle.since },
        (page) => {
          if (head === undefined) head = page.repository.head;
          return page.repository.history?.target.history;
        },
      )
    : [];
  if (head === undefined)
    head = (
      await ctx.gh.graphql<{ repository: { head: HeadBlob } }>(
        `query($owner: String!, $repo: String!, $headExpr: String!) { repository(owner: $owner, name: $repo) { ${HEAD_FIELD} } }`,
        { headExpr },
      )
    ).repository.head;
  // Only a missing object is a deleted file; a binary blob (GitHub serves no text) or a folder in
  // its place cannot be judged, and fails the check (docs/reliability.md "Fail closed").
  const headUnreadable = !head
    ? undefined
    : head.__typename !== 'Blob'
      ? `${path} is not a file in this change`
      : typeof head.text !== 'string'
        ? `${path} is binary in this change (GitHub serves no text for it)`
        : undefined;
  const commits: HistoryCommit[] = nodes.map((c) => ({
    oid: c.oid,
    after: c.file?.object?.text ?? null,
    before: c.parents.nodes[0]?.file?.object?.text ?? null,
    fromResetPull: c.associatedPullRequests.nodes.some(
      (p) =>
        p.headRefName.startsWith(RESET_BRANCH_PREFIX) &&
        !!p.author &&
        isBot(p.author.login, p.author.__typename),
    ),
  }));
  const author = pr.author?.login ?? 'ghost';
  return {
    number: pr.number,
    headSha: pr.headRefOid,
    author,
    headText: typeof head?.text === 'string' ? head.text : null,
    ...(headUnreadable ? { headUnreadable } : {}),
    reviews: pr.reviews.nodes
      .filter((r) => r.author && !isBot(r.author.login, r.author.__typename))
      .map((r) => ({ author: r.author!.login, state: r.state, submittedAt: r.submittedAt })),
    ...(cycle
      ? {
          cycle: {
            name: cycle.name,
            ...(cycle.nominationsOpen ? { nominationsOpen: cycle.nominationsOpen } : {}),
          },
        }
      : {}),
    history: commits,
  };
}
