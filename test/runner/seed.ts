/**
 * The repository a scenario starts from: `repo:` and `issues:` turned into a RepoState. Seeded
 * labels count as added by the author at `created_at`; comments and reviews land at their `at`.
 */
import { addOtherRepo } from '../sandbox/other-repos.js';
import { RepoState } from '../sandbox/state.js';
import type { PullIssue } from './payloads.js';
import type { Scenario } from './scenario-types.js';
import { setHeadRepo } from './steps.js';

export function seedState(scenario: Scenario): RepoState {
  const { repo } = scenario;
  const state = new RepoState({
    owner: repo.owner,
    name: repo.name,
    default_branch: repo.defaultBranch,
    collaborators: repo.collaborators,
    teams: repo.teams,
    labels: repo.labels,
    files: repo.files,
    tags: repo.tags,
  });
  state.actor = scenario.actor;
  state.requiredChecks = [...repo.requiredChecks];
  state.ownerType = repo.ownerType;
  for (const login of Object.keys(repo.collaborators)) state.user(login);
  for (const [full, other] of Object.entries(repo.otherRepos)) {
    const added = addOtherRepo(state, full, {
      default_branch: other.defaultBranch,
      files: other.files,
      private: other.private,
      topics: other.topics,
      installed: other.installed,
      archived: other.archived,
      collaborators: other.collaborators,
      labels: other.labels,
    });
    for (const login of Object.keys(other.collaborators)) added.user(login);
    seedIssues(added, other.issues);
  }
  seedIssues(state, scenario.issues);
  return state;
}

/** Issues and pull requests in number order, each with its comments and reviews at their times. */
function seedIssues(state: RepoState, issues: Scenario['issues']): void {
  for (const seed of [...issues].sort((a, b) => a.number - b.number)) {
    state.now = seed.createdAt;
    const common = {
      number: seed.number,
      title: seed.title,
      body: seed.body,
      author: seed.author,
      labels: seed.labels,
      createdAt: seed.createdAt,
    };
    if (seed.pull) {
      const pr = state.createPull({
        ...common,
        base: seed.pull.base,
        head: seed.pull.head,
        files: seed.pull.files,
        draft: seed.pull.draft,
      });
      setHeadRepo(pr as PullIssue, seed.pull.headRepo);
    } else {
      state.createIssue(common);
    }
    // comments and reviews in time order, each stamped with its own time
    const activity = [
      ...seed.comments.map((c) => ({
        at: c.at,
        apply: () => state.addComment(seed.number, c.by, c.body, c.at),
      })),
      ...seed.reviews.map((r) => ({
        at: r.at,
        apply: () => state.addReview(seed.number, r.by, r.state, r.body, r.at),
      })),
    ].sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
    for (const a of activity) {
      state.now = a.at;
      a.apply();
    }
    if (seed.state === 'closed') state.close(seed.number, seed.author);
  }
}
