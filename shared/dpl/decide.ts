/**
 * dpl-reset decides here, following distributed-project-leadership.rst:
 *
 *   "DPL liaisons are assigned for a single release cycle. ... Before the next cycle PTL election
 *   nominations start, the TC liaison will reset the project team leadership model to PTL."
 *     -> a cycle tag opens one reset pull request per distributed team            (openResets);
 *        scheduled runs finish an opening the write budget deferred or a crash cut short
 *   "All current liaisons are recording their -1 vote against the change to reset the leadership
 *   model. Once all liaisons have recorded -1 vote, the TC will not reset the DPL model"
 *     -> unanimous -1 from the keep-vote liaisons closes the reset: the team keeps DPL
 *   otherwise, when nominations open (`dpl.cycles[].nominations-open`), the reset is merged
 *   (or labelled for a human to merge)                                              (evaluateResets)
 *   Changes a team proposes itself are checked by the `dpl.check-name` check      (validate.ts)
 *
 * Pure: snapshot + config -> Plan. Time is the snapshot's `now`; decisions at or after a deadline
 * are made as of the deadline, so a late scheduled run decides what a punctual one would have.
 */
import type { DplConfig } from '../config/types.js';
import { dplSection, type DplEntry } from '../dashboard/dpl-section.js';
import { emptyPlan, type Effect, type Plan } from '../plan/effects.js';
import { andMore, boundedLines } from '../plan/limits.js';
import { marker } from '../plan/markers.js';
import { inertLine } from '../plan/inert.js';
import { parseProjectsYaml, type Team } from '../projects/projects-file.js';
import { resetTeamToPtl } from '../projects/reset-to-ptl.js';
import {
  othersDismissals,
  othersEdits,
  tallyKeepVotes,
  unreadableDismissals,
  votesOn,
  type PullActivity,
} from './keep-votes.js';
import { membersInRoles, sameLogin } from './people.js';
import {
  keptComment,
  resetBody,
  resetCommitMessage,
  resetTitle,
  statusBody,
  type ResetOutcome,
} from './render.js';
import {
  isUnfinishedOpening,
  parseResetBranch,
  resetBranch,
  teamSlug,
  type DplSnapshot,
  type ResetPull,
} from './snapshot.js';
import { validateProjectsChange } from './validate.js';

export const ACTION = 'dpl-reset';
export const STATUS_MARKER = marker(ACTION, 'status');
export const KEPT_MARKER = marker(ACTION, 'kept');
/** the item (in the applier's sense) of the resets merged in one run */
const MERGE_CHAIN_ITEM = 'reset merges';
/** Squash: one commit on the default branch per reset, whatever merge methods the repository allows besides. */
export const MERGE_METHOD = 'squash';

export function decide(
  snapshot: DplSnapshot,
  config: DplConfig,
  calendar: { timezone: string } = { timezone: 'UTC' },
): Plan {
  const plan = emptyPlan(ACTION);
  plan.labelCatalog = {
    [config.labels.reset]: {
      color: 'fbca04',
      description: 'Resets a distributed-leadership team to the PTL model (DPL reset)',
    },
    [config.labels.kept]: {
      color: '0e8a16',
      description: 'All liaisons voted -1: the team keeps distributed leadership',
    },
    [config.labels.due]: {
      color: 'd93f0b',
      description: 'PTL election nominations are open: merge this DPL reset',
    },
  };
  const trigger = snapshot.trigger;
  switch (trigger.kind) {
    case 'ignore':
      plan.notes.push(trigger.reason);
      return plan;
    case 'open-cycle':
      openResets(snapshot, config, plan, {
        cycle: trigger.cycle,
        source: trigger.source,
        existing: snapshot.resetPulls,
        projectsText: snapshot.projectsText,
      });
      return plan;
    case 'evaluate': {
      const board: DplEntry[] = []; // the dashboard section (docs/dashboard.md "Sections")
      const afterMerges = evaluateResets(snapshot, config, plan, board);
      plan.dashboard = dplSection(board, { timezone: calendar.timezone, labels: config.labels });
      if (snapshot.currentCycle) completeOpening(snapshot, config, plan, trigger.source, afterMerges);
      deleteLeftoverBranches(snapshot, config, plan);
      return plan;
    }
    case 'reset-pull':
      evaluateResets(snapshot, config, plan);
      return plan;
    case 'validate':
      validate(snapshot, config, plan);
      return plan;
  }
}

export function deadlineOf(config: DplConfig, cycle: string): string | undefined {
  const entry = config.cycles.find((c) => String(c.name) === cycle);
  return entry ? String(entry['nominations-open']) : undefined;
}

function defaultTeams(
  snapshot: DplSnapshot,
  config: DplConfig,
  plan: Plan,
  projectsText = snapshot.projectsText,
): Team[] | undefined {
  if (projectsText === null) {
    plan.notes.push(
      `${config['projects-file']} does not exist on ${snapshot.defaultBranch}: nothing to reset`,
    );
    return undefined;
  }
  return parseProjectsYaml(projectsText, config['projects-file']).teams;
}

// ---------------------------------------------------------------------------------------------
// 1-2. A new cycle: one reset pull request per distributed team, in the order the file lists them.

interface Opening {
  cycle: string;
  source: string;
  /** the cycle's reset pull requests in any state: a team that has one gets no other */
  existing: ResetPull[];
  /** the projects file the resets are made from (the default branch, after merges planned first) */
  projectsText: string | null;
  /** only these teams (distributed at the cycle tag); undefined = every distributed team */
  distributedAtTag?: ReadonlySet<string>;
  /** a scheduled completion keeps quiet about the resets that exist, as it runs every day */
  quiet?: boolean;
}

function openResets(snapshot: DplSnapshot, config: DplConfig, plan: Plan, opening: Opening): void {
  const { cycle, source } = opening;
  const teams = defaultTeams(snapshot, config, plan, opening.projectsText);
  plan.outputs.cycle = cycle;
  if (!teams) return;
  const deadline = deadlineOf(config, cycle);
  if (!deadline)
    plan.notes.push(
      `warning: dpl.cycles has no nominations-open for ${cycle}; the resets have no deadline until it is added`,
    );
  const file = config['projects-file'];
  const allowed = config['ptl-allowed-liaisons'];
  const opened: string[] = [];

  for (const team of teams.filter((t) => t.leadershipType === 'distributed')) {
    const branch = resetBranch(cycle, team.name);
    // Never a second reset for a team in a cycle: kept, merged and closed-by-hand ones included.
    const existing = opening.existing.find((p) => p.branch === branch);
    // An opening a killed run left unlabelled is finished by the same effect: the applier finds
    // the pull request by its branch and adds what is missing.
    if (existing && !isUnfinishedOpening(existing, config.labels.reset)) {
      if (!opening.quiet)
        plan.notes.push(
          `${team.name}: the ${cycle} reset already exists (#${existing.number}, ${existing.state.toLowerCase()})`,
        );
      continue;
    }
    if (opening.distributedAtTag && !opening.distributedAtTag.has(team.name)) {
      plan.notes.push(
        `${team.name}: opted in to distributed leadership after the ${cycle} tag; its liaisons serve the coming term, no reset this cycle`,
      );
      continue;
    }
    const voters = membersInRoles(team, config['keep-vote-roles'], snapshot.people);
    const reviewers = [
      ...new Set(
        voters.flatMap((v) =>
          v.login && (!snapshot.reviewable || snapshot.reviewable.has(v.login.toLowerCase()))
            ? [v.login]
            : [],
        ),
      ),
    ];
    plan.effects.push({
      type: 'open-pull',
      branch,
      base: snapshot.defaultBranch,
      title: resetTitle(team.name, cycle),
      body: resetBody({
        team: team.name,
        cycle,
        deadline,
        voters,
        removedRoles: Object.keys(team.liaisons).filter((r) => !allowed.includes(r)),
        config,
      }),
      files: {
        [file]: resetTeamToPtl(opening.projectsText!, team.name, { allowedLiaisons: allowed, file }),
      },
      commitMessage: resetCommitMessage(team.name, cycle),
      labels: [config.labels.reset],
      reviewers,
      why: `${source} opens cycle ${cycle}: DPL liaisons serve one cycle, so the TC resets ${team.name} to the PTL model unless all liaisons vote -1`,
    });
    if (existing) plan.notes.push(`${team.name}: finishing #${existing.number}, which a run left unlabelled`);
    opened.push(team.name);
  }
  plan.outputs.opened = String(opened.length);
  plan.outputs.teams = JSON.stringify(opened);
  plan.notes.push(
    opened.length
      ? `cycle ${cycle}: opening resets for ${opened.join(', ')}`
      : `cycle ${cycle}: no reset to open`,
  );
}

/**
 * A scheduled run finishes the current cycle's opening: the write budget may have deferred part of
 * it, or the run opening it may have crashed. Only until nominations open (a reset opened later
 * would have no time for votes), and only from the default branch as it will be once the merges
 * planned in this run have landed, so a new reset does not undo them.
 */
function completeOpening(
  snapshot: DplSnapshot,
  config: DplConfig,
  plan: Plan,
  source: string,
  projectsText: string | null,
): void {
  const current = snapshot.currentCycle!;
  const deadline = deadlineOf(config, current.cycle);
  if (!deadline || snapshot.now.getTime() >= Date.parse(deadline)) return;
  openResets(snapshot, config, plan, {
    cycle: current.cycle,
    source: `tag ${current.cycle} (completed by ${source})`,
    existing: current.resetPulls,
    projectsText,
    distributedAtTag: current.distributedAtTag,
    quiet: true,
  });
}

// ---------------------------------------------------------------------------------------------
// 3-5. Votes and outcome of each open reset pull request.

/** Returns the projects file as the default branch will hold it once the planned merges land. */
function evaluateResets(
  snapshot: DplSnapshot,
  config: DplConfig,
  plan: Plan,
  board: DplEntry[] = [],
): string | null {
  const file = config['projects-file'];
  const notJudged = (pull: ResetPull, why: string) => {
    const { cycle, slug } = parseResetBranch(pull.branch)!;
    board.push({ number: pull.number, team: slug, cycle, outcome: 'not-judged', liaisons: [], why });
  };
  const teams = defaultTeams(snapshot, config, plan);
  if (!teams) {
    for (const pull of snapshot.resetPulls.filter((p) => isActiveReset(p, config)))
      notJudged(pull, `${file} does not exist on ${snapshot.defaultBranch}`);
    return null;
  }
  const teamIndex = (slug: string) => teams.findIndex((t) => teamSlug(t.name) === slug);
  const pulls = snapshot.resetPulls
    .filter((p) => isActiveReset(p, config))
    .map((p) => ({ pull: p, branch: parseResetBranch(p.branch)! }))
    .sort((a, b) => teamIndex(a.branch.slug) - teamIndex(b.branch.slug) || a.pull.number - b.pull.number);
  if (!pulls.length) plan.notes.push('no open reset pull request to look at');

  // What the default branch will hold once the merges planned so far have landed: a later reset
  // is regenerated on it, since two resets change the same file.
  let expectedText = snapshot.projectsText!;
  let mergedBefore = false;
  const results: Record<string, string[]> = { kept: [], merged: [], due: [] };

  for (const { pull, branch } of pulls) {
    const team = teams[teamIndex(branch.slug)];
    if (!team) {
      plan.notes.push(`#${pull.number}: no team called ${branch.slug} in ${file}; leaving it alone`);
      notJudged(pull, `no team called ${branch.slug} in ${file}: left to the maintainers`);
      continue;
    }
    if (team.leadershipType !== 'distributed') {
      plan.notes.push(
        `#${pull.number}: ${team.name} no longer has distributed leadership on ${snapshot.defaultBranch}; leaving it alone`,
      );
      notJudged(
        pull,
        `${team.name} no longer has distributed leadership on ${snapshot.defaultBranch}: left to the maintainers`,
      );
      continue;
    }
    const deadline = deadlineOf(config, branch.cycle);
    const deadlinePassed = deadline !== undefined && snapshot.now.getTime() >= Date.parse(deadline);
    const cutoff = deadlinePassed ? new Date(deadline) : snapshot.now;
    const voters = membersInRoles(team, config['keep-vote-roles'], snapshot.people);
    const tally = tallyKeepVotes(voters, votesOn(pull, config['keep-commands']), cutoff);
    const unreadable = unreadableDeletions(pull, voters, deadline);
    const isVoter = (login: string) => voters.some((v) => !!v.login && sameLogin(v.login, login));
    const undismissable = unreadableDismissals(pull, isVoter);

    const outcome: ResetOutcome =
      unreadable.length || undismissable.length
        ? 'held'
        : tally.unanimousKeep
          ? 'kept'
          : !deadline
            ? 'no-deadline'
            : !deadlinePassed
              ? 'open'
              : config['on-deadline'] === 'merge'
                ? 'merging'
                : 'due';
    plan.notes.push(
      `#${pull.number} ${team.name} (${branch.cycle}): ${tally.keeping.length}/${tally.liaisons.length} liaisons at -1; ${outcome}`,
    );
    board.push(
      boardEntry(pull.number, team.name, branch.cycle, deadline, outcome, tally, unreadable, undismissable),
    );

    plan.effects.push({
      type: 'comment',
      number: pull.number,
      marker: STATUS_MARKER,
      mode: 'sticky',
      body: statusBody({
        team: team.name,
        cycle: branch.cycle,
        deadline,
        tally,
        outcome,
        config,
        othersEdits: othersEdits(pull, config['keep-commands']),
        unreadable,
        othersDismissals: othersDismissals(pull, isVoter),
        unreadableDismissals: undismissable,
      }),
      existing: pull.statusComment,
      why: 'one status comment per reset: who has voted -1, who has not, and the deadline',
    });

    if (outcome === 'kept') {
      plan.effects.push(...keep(pull, team.name, branch.cycle, config));
      results.kept.push(team.name);
    } else if (outcome === 'merging') {
      const generatedOnCurrentHead = pull.headParent === snapshot.defaultHead && !mergedBefore;
      // Each merge regenerates the next reset on the text the earlier merges leave: one chain,
      // stopped by its first failure (else a later reset would carry an earlier team's change).
      const item = MERGE_CHAIN_ITEM;
      if (!generatedOnCurrentHead) {
        plan.effects.push({
          item,
          type: 'rebuild-pull-branch',
          number: pull.number,
          branch: pull.branch,
          base: snapshot.defaultBranch,
          files: {
            [file]: resetTeamToPtl(expectedText, team.name, {
              allowedLiaisons: config['ptl-allowed-liaisons'],
              file,
            }),
          },
          commitMessage: resetCommitMessage(team.name, branch.cycle),
          why: `${snapshot.defaultBranch} moved since the reset was generated: regenerate it on the current ${snapshot.defaultBranch} so it merges cleanly`,
        });
      }
      plan.effects.push(
        {
          item,
          type: 'merge-pull',
          number: pull.number,
          method: MERGE_METHOD,
          ...(generatedOnCurrentHead ? { sha: pull.headSha } : {}),
          why: `PTL election nominations for ${branch.cycle} opened at ${deadline} without a -1 from every liaison: the team returns to the PTL model`,
        },
        { item, type: 'delete-branch', branch: pull.branch, why: 'the reset is merged' },
      );
      expectedText = resetTeamToPtl(expectedText, team.name, {
        allowedLiaisons: config['ptl-allowed-liaisons'],
        file,
      });
      mergedBefore = true;
      results.merged.push(team.name);
    } else if (outcome === 'due') {
      if (!pull.labels.includes(config.labels.due)) {
        plan.effects.push({
          type: 'add-labels',
          number: pull.number,
          labels: [config.labels.due],
          why: `PTL election nominations for ${branch.cycle} opened without a -1 from every liaison; on-deadline: label leaves the merge to a human`,
        });
      }
      results.due.push(team.name);
    }
  }
  plan.outputs.kept = JSON.stringify(results.kept);
  plan.outputs.merged = JSON.stringify(results.merged);
  plan.outputs.due = JSON.stringify(results.due);
  return expectedText;
}

/** What the dashboard shows of one evaluated reset: the tally as counted, nothing read again. */
function boardEntry(
  number: number,
  team: string,
  cycle: string,
  deadline: string | undefined,
  outcome: ResetOutcome,
  tally: ReturnType<typeof tallyKeepVotes>,
  deleted: { author: string; by: string }[],
  dismissed: { author: string }[],
): DplEntry {
  return {
    number,
    team,
    cycle,
    ...(deadline !== undefined ? { deadline } : {}),
    outcome,
    liaisons: tally.liaisons.map(({ liaison, vote }) => ({
      name: liaison.name,
      ...(liaison.login ? { login: liaison.login } : {}),
      ...(vote ? { vote: vote.kind } : {}),
    })),
    unreadable: [
      ...deleted.map((d) => ({ kind: 'deleted' as const, author: d.author, by: d.by })),
      ...dismissed.map((d) => ({ kind: 'dismissed' as const, author: d.author })),
    ],
  };
}

/** An open reset the action opened and still tracks (removing the reset label hands it to humans). */
/**
 * The branch of a merged or kept reset is deleted right after the merge or the closing; a run
 * killed in between leaves it, and the pull request is no longer open for the next run to
 * look at: the settled list says so (closed by hand and not kept: left to the humans).
 */
function deleteLeftoverBranches(snapshot: DplSnapshot, config: DplConfig, plan: Plan): void {
  const kept = config.labels.kept.toLowerCase();
  for (const pull of snapshot.settledResets ?? []) {
    if (!pull.branchExists || !pull.authorIsBot || !parseResetBranch(pull.branch)) continue;
    const settled =
      pull.state === 'MERGED'
        ? 'merged'
        : pull.labels.some((l) => l.toLowerCase() === kept)
          ? 'closed'
          : undefined;
    if (!settled) continue;
    plan.effects.push({
      item: `#${pull.number}`,
      type: 'delete-branch',
      branch: pull.branch,
      why: `the reset is ${settled}; a run stopped before deleting its branch`,
    });
  }
}

export function isActiveReset(pull: ResetPull, config: DplConfig): boolean {
  return (
    pull.state === 'OPEN' &&
    pull.authorIsBot &&
    parseResetBranch(pull.branch) !== undefined &&
    pull.labels.includes(config.labels.reset)
  );
}

function keep(pull: ResetPull, team: string, cycle: string, config: DplConfig): Effect[] {
  const why = `every ${config['keep-vote-roles'].join(' / ')} liaison of ${team} recorded a -1: the team keeps distributed leadership`;
  return [
    {
      type: 'comment',
      number: pull.number,
      marker: KEPT_MARKER,
      mode: 'once',
      body: keptComment(team, cycle),
      why,
    },
    { type: 'add-labels', number: pull.number, labels: [config.labels.kept], why },
    { type: 'update-issue', number: pull.number, state: 'closed', stateReason: 'not_planned', why },
    // only once the pull request is closed: deleting an open pull request's branch closes it
    { item: `#${pull.number}`, type: 'delete-branch', branch: pull.branch, why: 'the reset is closed' },
  ];
}

// ---------------------------------------------------------------------------------------------
// 6-7. The check on pull requests that change the projects file.

function validate(snapshot: DplSnapshot, config: DplConfig, plan: Plan): void {
  const v = snapshot.validation!;
  const check = (
    result: Pick<Extract<Effect, { type: 'check-run' }>, 'conclusion' | 'title' | 'summary' | 'annotations'>,
    why: string,
  ) =>
    plan.effects.push({
      type: 'check-run',
      name: config['check-name'],
      headSha: v.headSha,
      number: v.number,
      status: 'completed',
      conclusion: result.conclusion,
      title: result.title,
      summary: result.summary,
      ...(result.annotations ? { annotations: result.annotations } : {}),
      why,
    });
  if (v.headUnreadable) {
    const title = `${config['projects-file']} cannot be read`;
    check(
      {
        conclusion: 'failure',
        title,
        summary: `${inertLine(v.headUnreadable)}: the leadership rules cannot be checked, so the change does not pass.`,
      },
      'what cannot be read fails the check',
    );
    plan.outputs.conclusion = 'failure';
    plan.verdict = { failed: true, message: `${title}: ${v.headUnreadable}` };
    return;
  }
  if (v.headText === null) {
    check(
      {
        conclusion: 'neutral',
        title: `${config['projects-file']} is deleted`,
        summary: 'This change deletes the projects file; there is nothing to check.',
      },
      'the projects file is gone from this change',
    );
    return;
  }
  const result = validateProjectsChange({
    file: config['projects-file'],
    baseText: snapshot.projectsText,
    headText: v.headText,
    people: snapshot.people,
    config,
    author: v.author,
    reviews: v.reviews,
    cycle: v.cycle,
    history: v.history,
    now: snapshot.now,
  });
  check(
    result,
    'changes to the projects file must keep the leadership rules and carry the approvals a leadership change needs',
  );
  plan.outputs.conclusion = result.conclusion;
  plan.verdict = {
    failed: result.conclusion === 'failure',
    message: result.failures.length
      ? `${result.title}: ${boundedLines(result.failures, { maxChars: 4_000, more: andMore }).join('; ')}`
      : result.title,
  };
  plan.notes.push(...result.failures, ...result.warnings.map((w) => `warning: ${w}`));
}

/**
 * Deleted comments of keep-vote liaisons that GitHub keeps no copy of and that could change the
 * outcome: one deleted after the deadline (the outcome reached at the deadline must stand), or one
 * deleted by someone other than its author (only the author may take a vote back). The reset is
 * then held for a human: what cannot be read never counts as absent (docs/reliability.md).
 */
function unreadableDeletions(
  pull: PullActivity,
  voters: readonly { login?: string | null }[],
  deadline: string | undefined,
): { author: string; by: string; at: string }[] {
  const isVoter = (login: string) => voters.some((v) => !!v.login && sameLogin(v.login, login));
  return (pull.deletions ?? []).filter(
    (d) =>
      isVoter(d.author) &&
      (!sameLogin(d.by, d.author) || (deadline !== undefined && Date.parse(d.at) >= Date.parse(deadline))),
  );
}
