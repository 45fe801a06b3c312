/** The one repository the sandbox models. */
import type { GraphQLResolveInfo } from 'graphql';
import { encodeNodeId } from '../ids.js';
import { notFound } from '../errors.js';
import { Connection, type PageArgs } from '../pagination.js';
import { repoUrl, type Ctx } from '../context.js';
import { OrganizationModel, UserModel } from './actors.js';
import { isArchived } from '../../other-repos.js';
import { listRefs, objectByExpression, objectByOid, refByName, RefModel } from './git.js';
import {
  IssueModel,
  LabelModel,
  PullRequestModel,
  issueOrPullModel,
  listIssues,
  listLabels,
  listPulls,
  type IssueListArgs,
  type LabelListArgs,
  type PullListArgs,
  type PullIssue,
} from './issues.js';

const CREATED_AT = '2020-01-01T00:00:00Z';

export class RepositoryModel {
  readonly __typename = 'Repository';
  constructor(protected readonly _ctx: Ctx) {}
  id() {
    return encodeNodeId('Repository', this._ctx.state.repoId);
  }
  databaseId() {
    return this._ctx.state.repoId;
  }
  name() {
    return this._ctx.state.name;
  }
  nameWithOwner() {
    return `${this._ctx.state.owner}/${this._ctx.state.name}`;
  }
  owner(): OrganizationModel | UserModel {
    const { state } = this._ctx;
    return state.ownerType === 'User'
      ? new UserModel(this._ctx, state.owner)
      : new OrganizationModel(this._ctx);
  }
  url() {
    return repoUrl(this._ctx);
  }
  resourcePath() {
    return `/${this.nameWithOwner()}`;
  }
  description() {
    return null;
  }
  isPrivate() {
    return false;
  }
  visibility() {
    return 'PUBLIC';
  }
  isArchived() {
    return isArchived(this._ctx.state);
  }
  /** GitHub allows at most 20 topics a repository */
  repositoryTopics(args: PageArgs, _c: unknown, info: GraphQLResolveInfo) {
    return new Connection(
      info.fieldName,
      this._ctx.state.topics.map((name) => ({ topic: { name } })),
      args,
    );
  }
  isFork() {
    return false;
  }
  isDisabled() {
    return false;
  }
  isEmpty() {
    return false;
  }
  createdAt() {
    return CREATED_AT;
  }
  updatedAt() {
    return this._ctx.state.now;
  }
  defaultBranchRef() {
    return refByName(this._ctx, `refs/heads/${this._ctx.state.defaultBranch}`);
  }

  issue({ number }: { number: number }) {
    const issue = this._ctx.state.issues.get(number);
    if (!issue || issue.pull) throw notFound(`Could not resolve to an Issue with the number of ${number}.`);
    return new IssueModel(this._ctx, issue);
  }
  pullRequest({ number }: { number: number }) {
    const issue = this._ctx.state.issues.get(number);
    if (!issue?.pull) throw notFound(`Could not resolve to a PullRequest with the number of ${number}.`);
    return new PullRequestModel(this._ctx, issue as PullIssue);
  }
  issueOrPullRequest({ number }: { number: number }) {
    const issue = this._ctx.state.issues.get(number);
    if (!issue) throw notFound(`Could not resolve to an issue or pull request with the number of ${number}.`);
    return issueOrPullModel(this._ctx, issue);
  }
  issues(args: IssueListArgs & PageArgs, _c: unknown, info: GraphQLResolveInfo) {
    return new Connection(
      info.fieldName,
      listIssues(this._ctx, args).map((i) => new IssueModel(this._ctx, i)),
      args,
    );
  }
  pullRequests(args: PullListArgs & PageArgs, _c: unknown, info: GraphQLResolveInfo) {
    return new Connection(
      info.fieldName,
      listPulls(this._ctx, args).map((p) => new PullRequestModel(this._ctx, p)),
      args,
    );
  }
  labels(args: LabelListArgs & PageArgs, _c: unknown, info: GraphQLResolveInfo) {
    return new Connection(
      info.fieldName,
      listLabels(this._ctx, args).map((l) => new LabelModel(this._ctx, l)),
      args,
    );
  }
  label({ name }: { name: string }) {
    const label = this._ctx.state.findLabel(name);
    return label ? new LabelModel(this._ctx, label) : null;
  }
  object({ expression, oid }: { expression?: string | null; oid?: string | null }) {
    if (oid) return objectByOid(this._ctx, oid);
    return expression != null ? objectByExpression(this._ctx, expression) : null;
  }
  ref({ qualifiedName }: { qualifiedName: string }) {
    return refByName(this._ctx, qualifiedName);
  }
  refs(
    args: PageArgs & Parameters<typeof listRefs>[1],
    _c: unknown,
    info: GraphQLResolveInfo,
  ): Connection<RefModel> {
    return new Connection(info.fieldName, listRefs(this._ctx, args), args);
  }
}

/** `<login>/<name>`, a fork of the sandbox's repository; its contents are the base repository's. */
export class ForkRepositoryModel extends RepositoryModel {
  constructor(
    ctx: Ctx,
    private readonly forkOwner: string,
  ) {
    super(ctx);
  }
  override id() {
    return encodeNodeId('Repository', `${this.forkOwner}/${this._ctx.state.name}`);
  }
  override databaseId() {
    return (this._ctx.state.users.get(this.forkOwner)?.id ?? 0) + 200000;
  }
  override nameWithOwner() {
    return `${this.forkOwner}/${this._ctx.state.name}`;
  }
  override owner() {
    return new UserModel(this._ctx, this.forkOwner);
  }
  override url() {
    return `https://github.com/${this.nameWithOwner()}`;
  }
  override isFork() {
    return true;
  }
}
