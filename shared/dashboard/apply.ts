/**
 * Applying a `dashboard-section` effect (called by shared/plan/apply.ts): find the dashboard
 * issue by its label (the oldest open one written by a bot with the dashboard marker), open it
 * when there is none, and make this action's marked comment on it say the section's body.
 * Reads: one issue listing and one comment listing; writes: none when the section is unchanged.
 *
 * Races (docs/dashboard.md "Concurrent runs"): runs that both find no issue both open one; each
 * then lists again and the newer is closed as a duplicate by the run that opened it, so all
 * runs write to the oldest. Sections are separate comments, so two actions never overwrite each
 * other; two runs of one action posting at once keep the older comment.
 */
import { isBot } from '../github/permissions.js';
import type { RepoClient } from '../github/repo.js';
import type { Effect } from '../plan/effects.js';
import { fitLine, LIMITS } from '../plan/limits.js';
import { findMarked, isMarked, storedCommentBody } from '../plan/markers.js';
import { DASHBOARD_ISSUE_MARKER, sectionMarker } from './model.js';
import { renderIssueBody } from './render.js';

type DashboardEffect = Extract<Effect, { type: 'dashboard-section' }>;

/** How far back a concurrent run's twin comment can be: runs take seconds, not minutes. */
const RACE_WINDOW_MS = 10 * 60 * 1000;

export async function applyDashboardSection(
  gh: RepoClient,
  e: DashboardEffect,
  ensureLabels: (names: string[]) => Promise<void>,
): Promise<{ outcome: 'applied' | 'already-true'; detail?: string }> {
  const o = gh.octokit.rest;
  const ref = gh.ref;
  const notes: string[] = [];
  let issues = await dashboardIssues(gh, e.label);
  let fresh = false;
  let wrote = false;
  if (!issues.length) {
    wrote = true;
    await ensureLabels([e.label]);
    const { data } = await o.issues.create({
      ...ref,
      title: fitLine(e.title, LIMITS.title),
      body: renderIssueBody(e.label),
      labels: [e.label],
    });
    issues = await dashboardIssues(gh, e.label);
    if (issues[0] && issues[0].number !== data.number) {
      await o.issues.update({
        ...ref,
        issue_number: data.number,
        state: 'closed',
        state_reason: 'not_planned',
        body: `Duplicate of #${issues[0].number} (opened by a concurrent run).`,
      });
      notes.push(`closed duplicate #${data.number}`);
    } else {
      fresh = true;
      notes.push(`opened #${data.number}`);
    }
  } else if (issues.length > 1) {
    notes.push(
      `${issues.length} dashboard issues are open (${issues.map((i) => `#${i.number}`).join(', ')}): #${issues[0]!.number}, the oldest, is used`,
    );
  }
  const number = issues[0]?.number;
  if (number === undefined)
    throw new Error(`the dashboard issue labelled ${e.label} could not be found after opening it`);
  const markerText = sectionMarker(e.action);
  const body = storedCommentBody(markerText, e.body);
  // a dashboard this run just opened has no comments yet
  const mine = fresh ? undefined : findMarked(await gh.listComments(number), markerText);
  const detail = (what: string) => [`#${number}: ${what}`, ...notes].join('; ');
  if (mine?.body === body)
    return { outcome: wrote ? 'applied' : 'already-true', detail: detail('section up to date') };
  if (mine) {
    await o.issues.updateComment({ ...ref, comment_id: mine.id, body });
    return { outcome: 'applied', detail: detail('section edited') };
  }
  const { data: created } = await o.issues.createComment({ ...ref, issue_number: number, body });
  const since = new Date(Date.parse(created.created_at) - RACE_WINDOW_MS).toISOString();
  const first = findMarked(await gh.listComments(number, since), markerText);
  if (first && first.id !== created.id) {
    await o.issues.deleteComment({ ...ref, comment_id: created.id });
    return { outcome: 'applied', detail: detail('a concurrent run posted the section first') };
  }
  return { outcome: 'applied', detail: detail('section posted') };
}

/** Open dashboard issues, oldest first: written by a bot, first line the dashboard marker. */
async function dashboardIssues(gh: RepoClient, label: string): Promise<{ number: number }[]> {
  const open = await gh.octokit.paginate(gh.octokit.rest.issues.listForRepo, {
    ...gh.ref,
    state: 'open',
    labels: label,
    per_page: 100,
  });
  return open
    .filter(
      (i) =>
        !i.pull_request &&
        isBot(i.user?.login ?? '', i.user?.type) &&
        isMarked(i.body ?? '', DASHBOARD_ISSUE_MARKER),
    )
    .sort((a, b) => a.number - b.number);
}
