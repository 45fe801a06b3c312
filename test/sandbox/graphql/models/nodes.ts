/** `node(id:)` / `nodes(ids:)`: a global id back to its model. */
import type { Ctx } from '../context.js';
import { otherRepoById } from '../../other-repos.js';
import { decodeNodeId, encodeNodeId, unscopeKey } from '../ids.js';
import { BotModel, OrganizationModel, TeamModel, UserModel, isBotLogin, knownLogin } from './actors.js';
import { objectByOid, refByName } from './git.js';
import {
  IssueCommentModel,
  IssueModel,
  LabelModel,
  PullRequestCommitModel,
  PullRequestModel,
  PullRequestReviewModel,
  ReviewRequestModel,
  type PullIssue,
} from './issues.js';
import { RepositoryModel } from './repository.js';
import { eventModel } from './timeline.js';

type Lookup = (ctx: Ctx, key: string) => object | null | undefined;

const pullOf = (ctx: Ctx, number: string): PullIssue | undefined => {
  const issue = ctx.state.issues.get(Number(number));
  return issue?.pull ? (issue as PullIssue) : undefined;
};

const LOOKUPS: Record<string, Lookup> = {
  Repository: (ctx, key) => (Number(key) === ctx.state.repoId ? new RepositoryModel(ctx) : null),
  Organization: (ctx, key) => (key === ctx.state.owner ? new OrganizationModel(ctx) : null),
  User: (ctx, key) => (!isBotLogin(key) && knownLogin(ctx, key) ? new UserModel(ctx, key) : null),
  Bot: (ctx, key) => (isBotLogin(key) && knownLogin(ctx, key) ? new BotModel(ctx, key) : null),
  Team: (ctx, key) => (ctx.state.teams.has(key) ? new TeamModel(ctx, key) : null),
  Issue: (ctx, key) => {
    const issue = ctx.state.issues.get(Number(key));
    return issue && !issue.pull ? new IssueModel(ctx, issue) : null;
  },
  PullRequest: (ctx, key) => {
    const pr = pullOf(ctx, key);
    return pr ? new PullRequestModel(ctx, pr) : null;
  },
  IssueComment: (ctx, key) => {
    const comment = ctx.state.comments.find((c) => c.id === Number(key));
    return comment ? new IssueCommentModel(ctx, comment) : null;
  },
  PullRequestReview: (ctx, key) => {
    const review = ctx.state.reviews.find((r) => r.id === Number(key));
    return review ? new PullRequestReviewModel(ctx, review) : null;
  },
  Label: (ctx, key) => {
    const label =
      [...ctx.state.labels.values()].find((l) => String(l.id) === key) ?? ctx.state.findLabel(key);
    return label ? new LabelModel(ctx, label) : null;
  },
  Commit: (ctx, key) => objectByOid(ctx, key),
  Tree: (ctx, key) => objectByOid(ctx, key),
  Blob: (ctx, key) => objectByOid(ctx, key),
  Ref: (ctx, key) => refByName(ctx, key),
  PullRequestCommit: (ctx, key) => {
    const [number, sha] = key.split(':');
    const pr = pullOf(ctx, number);
    return pr && ctx.state.commits.has(sha) ? new PullRequestCommitModel(ctx, pr, sha) : null;
  },
  ReviewRequest: (ctx, key) => {
    const [number, kind, who] = key.split(':');
    const pr = pullOf(ctx, number);
    const pending = kind === 'team' ? pr?.pull.requestedTeams : pr?.pull.requestedReviewers;
    return pr && pending?.includes(who)
      ? new ReviewRequestModel(ctx, pr, kind as 'user' | 'team', who)
      : null;
  },
};

/** The model a global id names, or null when nothing (any longer) has that id. */
export function nodeById(ctx: Ctx, id: string): object | null {
  const decoded = decodeNodeId(id);
  if (!decoded) return null;
  // a node of another repository the token may write: looked up in that repository's model
  const scoped = unscopeKey(decoded.key);
  if (scoped) {
    const other = otherRepoById(ctx.state, scoped.repoId);
    if (!other?.installed) return null;
    return nodeById({ ...ctx, state: other }, encodeNodeId(decoded.typename, scoped.key));
  }
  const lookup = LOOKUPS[decoded.typename];
  if (lookup) {
    const model = lookup(ctx, decoded.key) ?? null;
    return model && (model as { __typename: string }).__typename === decoded.typename ? model : null;
  }
  // timeline events: `LabeledEvent:<event id>` and the like
  const event = ctx.state.timeline.find((e) => String(e.id) === decoded.key);
  const model = event ? eventModel(ctx, event) : undefined;
  return model?.__typename === decoded.typename ? model : null;
}
