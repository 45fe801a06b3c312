/**
 * `timelineItems`: the model's timeline events, comments, reviews and pull request commits merged
 * in time order, filtered by `itemTypes` and `since`, restricted to the members of the parent's
 * union (`IssueTimelineItems` has no MergedEvent, for one).
 */
import type { Issue, TimelineEvent } from '../../state.js';
import { encodeNodeId, scopedKey } from '../ids.js';
import { Connection, type PageArgs } from '../pagination.js';
import { repoUrl, type Ctx } from '../context.js';
import { unionMembers } from '../schema.js';
import { actor } from './actors.js';
import { CommitModel, refByName } from './git.js';
import {
  IssueCommentModel,
  LabelModel,
  PullRequestCommitModel,
  PullRequestModel,
  PullRequestReviewModel,
  issueOrPullModel,
  pullCommitShas,
  type PullIssue,
} from './issues.js';

export interface TimelineArgs extends PageArgs {
  itemTypes?: string[] | null;
  since?: string | null;
}

const UNION_OF = { Issue: 'IssueTimelineItems', PullRequest: 'PullRequestTimelineItems' } as const;

/** `LABELED_EVENT` -> `LabeledEvent`, `ISSUE_COMMENT` -> `IssueComment` */
const typenameOfItemType = (itemType: string) =>
  itemType
    .toLowerCase()
    .split('_')
    .map((w) => w[0].toUpperCase() + w.slice(1))
    .join('');

abstract class EventModel {
  abstract readonly __typename: string;
  constructor(
    protected readonly _ctx: Ctx,
    protected readonly _event: TimelineEvent,
  ) {}
  id() {
    return encodeNodeId(this.__typename, scopedKey(this._ctx.state, this._event.id));
  }
  databaseId() {
    return this._event.id;
  }
  createdAt() {
    return this._event.createdAt;
  }
  actor() {
    return actor(this._ctx, this._event.actor);
  }
  protected subject() {
    return issueOrPullModel(this._ctx, this._ctx.state.getIssue(this._event.number));
  }
  protected pull() {
    return new PullRequestModel(this._ctx, this._ctx.state.getPull(this._event.number));
  }
  protected eventUrl() {
    const kind = this._ctx.state.getIssue(this._event.number).pull ? 'pull' : 'issues';
    return `${repoUrl(this._ctx)}/${kind}/${this._event.number}#event-${this._event.id}`;
  }
}

class LabeledEventModel extends EventModel {
  readonly __typename: string = 'LabeledEvent';
  label() {
    return LabelModel.named(this._ctx, this._event.label ?? '');
  }
  labelable() {
    return this.subject();
  }
}

class UnlabeledEventModel extends LabeledEventModel {
  override readonly __typename = 'UnlabeledEvent';
}

class ClosedEventModel extends EventModel {
  readonly __typename = 'ClosedEvent';
  closable() {
    return this.subject();
  }
  closer() {
    return null;
  }
  /** the model keeps the reason of the latest close only */
  stateReason() {
    const issue = this._ctx.state.getIssue(this._event.number);
    return issue.state === 'closed' && issue.stateReason ? issue.stateReason.toUpperCase() : 'COMPLETED';
  }
  url() {
    return this.eventUrl();
  }
  resourcePath() {
    return new URL(this.eventUrl()).pathname;
  }
}

class ReopenedEventModel extends EventModel {
  readonly __typename = 'ReopenedEvent';
  closable() {
    return this.subject();
  }
  stateReason() {
    return 'REOPENED';
  }
}

class RenamedTitleEventModel extends EventModel {
  readonly __typename = 'RenamedTitleEvent';
  previousTitle() {
    return this._event.from ?? '';
  }
  currentTitle() {
    return this._event.to ?? '';
  }
  override subject() {
    return super.subject();
  }
}

class MergedEventModel extends EventModel {
  readonly __typename = 'MergedEvent';
  commit() {
    const commit = this._event.sha ? this._ctx.state.commits.get(this._event.sha) : undefined;
    return commit ? new CommitModel(this._ctx, commit) : null;
  }
  mergeRefName() {
    return this._ctx.state.getPull(this._event.number).pull.base;
  }
  mergeRef() {
    return refByName(this._ctx, `refs/heads/${this.mergeRefName()}`);
  }
  pullRequest() {
    return this.pull();
  }
  url() {
    return this.eventUrl();
  }
  resourcePath() {
    return new URL(this.eventUrl()).pathname;
  }
}

class ReviewRequestedEventModel extends EventModel {
  readonly __typename = 'ReviewRequestedEvent';
  requestedReviewer() {
    return actor(this._ctx, this._event.requestedReviewer);
  }
  pullRequest() {
    return this.pull();
  }
}

class HeadRefForcePushedEventModel extends EventModel {
  readonly __typename = 'HeadRefForcePushedEvent';
  afterCommit() {
    const commit = this._event.sha ? this._ctx.state.commits.get(this._event.sha) : undefined;
    return commit ? new CommitModel(this._ctx, commit) : null;
  }
  /** the model does not record the commit the force push replaced */
  beforeCommit() {
    return null;
  }
  ref() {
    return refByName(this._ctx, `refs/heads/${this._ctx.state.getPull(this._event.number).pull.head}`);
  }
  pullRequest() {
    return this.pull();
  }
}

class CommentDeletedEventModel extends EventModel {
  readonly __typename = 'CommentDeletedEvent';
  deletedCommentAuthor() {
    return actor(this._ctx, this._event.deletedCommentAuthor);
  }
}

class ReviewDismissedEventModel extends EventModel {
  readonly __typename = 'ReviewDismissedEvent';
  review() {
    const r = this._ctx.state.reviews.find((x) => x.id === this._event.reviewId);
    return r ? new PullRequestReviewModel(this._ctx, r) : null;
  }
  previousReviewState() {
    return this._event.previousReviewState;
  }
  dismissalMessage() {
    return this._event.dismissalMessage || null;
  }
  dismissalMessageHTML() {
    return this._event.dismissalMessage || null;
  }
  pullRequest() {
    return this.pull();
  }
  /** the model dismisses by hand only, never for a stale review */
  pullRequestCommit() {
    return null;
  }
  url() {
    return this.eventUrl();
  }
  resourcePath() {
    return new URL(this.eventUrl()).pathname;
  }
}

const EVENT_MODELS: Partial<Record<TimelineEvent['event'], new (ctx: Ctx, e: TimelineEvent) => EventModel>> =
  {
    labeled: LabeledEventModel,
    unlabeled: UnlabeledEventModel,
    closed: ClosedEventModel,
    reopened: ReopenedEventModel,
    renamed: RenamedTitleEventModel,
    merged: MergedEventModel,
    review_requested: ReviewRequestedEventModel,
    head_ref_force_pushed: HeadRefForcePushedEventModel,
    comment_deleted: CommentDeletedEventModel,
    review_dismissed: ReviewDismissedEventModel,
    // `committed` is not mapped: a pull request's commits come from its commit list (PullRequestCommit)
  };

/** The model of a stored timeline event, or undefined for events GraphQL shows otherwise. */
export function eventModel(ctx: Ctx, event: TimelineEvent): EventModel | undefined {
  const Model = EVENT_MODELS[event.event];
  return Model ? new Model(ctx, event) : undefined;
}

type TimelineItem = { __typename: string };
interface Entry {
  at: string;
  /** orders entries of the same instant: model ids are allocated in creation order */
  seq: number;
  item: TimelineItem;
}

function timelineEntries(ctx: Ctx, issue: Issue): Entry[] {
  const { state } = ctx;
  const entries: Entry[] = [];
  for (const c of state.commentsOf(issue.number))
    entries.push({ at: c.createdAt, seq: c.id, item: new IssueCommentModel(ctx, c) });
  for (const e of state.timelineOf(issue.number)) {
    const item = eventModel(ctx, e);
    if (item) entries.push({ at: e.createdAt, seq: e.id, item });
  }
  if (issue.pull) {
    const pr = issue as PullIssue;
    for (const r of state.reviewsOf(issue.number))
      entries.push({ at: r.submittedAt, seq: r.id, item: new PullRequestReviewModel(ctx, r) });
    // a commit precedes the events of the same instant (its push's `committed` event comes after it)
    for (const sha of pullCommitShas(ctx, pr))
      entries.push({
        at: state.commits.get(sha)!.date,
        seq: 0,
        item: new PullRequestCommitModel(ctx, pr, sha),
      });
  }
  return entries.sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : a.seq - b.seq));
}

class TimelineConnection extends Connection<TimelineItem> {
  constructor(
    name: string,
    items: TimelineItem[],
    args: PageArgs,
    protected readonly _updatedAt: string,
  ) {
    super(name, items, args);
  }
  filteredCount() {
    const { start, end } = this.cursorRange();
    return end - start;
  }
  pageCount() {
    const { start, end } = this.page();
    return end - start;
  }
  updatedAt() {
    return this._updatedAt;
  }
}

export function timelineConnection(
  ctx: Ctx,
  issue: Issue,
  parent: keyof typeof UNION_OF,
  args: TimelineArgs,
  fieldName: string,
): Connection<TimelineItem> {
  const allowed = unionMembers(UNION_OF[parent]);
  const wanted = args.itemTypes?.length ? new Set(args.itemTypes.map(typenameOfItemType)) : undefined;
  const items = timelineEntries(ctx, issue)
    .filter((e) => allowed.has(e.item.__typename) && (!wanted || wanted.has(e.item.__typename)))
    .filter((e) => !args.since || Date.parse(e.at) >= Date.parse(args.since))
    .map((e) => e.item);
  return new TimelineConnection(fieldName, items, args, issue.updatedAt);
}
