/**
 * This action's check run on a pull request's head commit, read by the escalation sweep in its
 * own query (no request more) for the dashboard (docs/dashboard.md "Sections"). Only a run written
 * by GitHub Actions' app counts: the action writes its check with the workflow's token, and a
 * check of the same name from any other app (say, a fork's CI app) proves nothing.
 */
import { readCheck, type CheckVerdict } from './check-title.js';

/** GitHub Actions' app: whose check runs a workflow's GITHUB_TOKEN writes. */
export const TRUSTED_CHECK_APP = 'github-actions';

/** Every check run of the head commit (latest per name and app), in the first 100. */
export const HEAD_CHECKS = `statusCheckRollup { contexts(first: 100) { pageInfo { hasNextPage } nodes { __typename
  ... on CheckRun { name status conclusion title databaseId checkSuite { app { slug } } } } } }`;

export interface RawRollup {
  contexts: {
    pageInfo: { hasNextPage: boolean };
    nodes: (
      | {
          __typename: 'CheckRun';
          name: string;
          status: string;
          conclusion: string | null;
          title: string | null;
          databaseId: number;
          checkSuite: { app: { slug: string } | null } | null;
        }
      | { __typename: 'StatusContext' }
    )[];
  };
}

export type HeadCheck =
  /** our latest completed run's verdict; null: a conclusion or title this action does not write */
  | { kind: 'ours'; verdict: CheckVerdict | null; conclusion: string }
  /** ours is queued or in progress */
  | { kind: 'running' }
  /** none of ours on the head commit (never checked, or pushed since) */
  | { kind: 'none' }
  /** not all checks could be read: more than 100 on the head commit */
  | { kind: 'unreadable'; why: string };

export interface HeadChecks {
  /** `check-name` */
  name: string;
  check: HeadCheck;
  /** other apps with a check run of the same name on the head commit */
  otherApps: string[];
}

export function headChecksOf(rollup: RawRollup | null, checkName: string): HeadChecks {
  const runs = (rollup?.contexts.nodes ?? []).filter(
    (n): n is Extract<typeof n, { __typename: 'CheckRun' }> =>
      n.__typename === 'CheckRun' && n.name === checkName,
  );
  const appOf = (r: (typeof runs)[number]) => r.checkSuite?.app?.slug ?? '(unknown app)';
  const ours = runs
    .filter((r) => appOf(r) === TRUSTED_CHECK_APP)
    .sort((a, b) => b.databaseId - a.databaseId)[0];
  const otherApps = [...new Set(runs.filter((r) => appOf(r) !== TRUSTED_CHECK_APP).map(appOf))];
  if (ours) {
    if (ours.status !== 'COMPLETED' || !ours.conclusion)
      return { name: checkName, check: { kind: 'running' }, otherApps };
    return {
      name: checkName,
      check: { kind: 'ours', verdict: readCheck(ours.conclusion, ours.title), conclusion: ours.conclusion },
      otherApps,
    };
  }
  // fail closed: ours may be past the first page
  if (rollup?.contexts.pageInfo.hasNextPage)
    return {
      name: checkName,
      check: {
        kind: 'unreadable',
        why: 'the head commit has more than 100 checks; its check run was not among the first 100',
      },
      otherApps,
    };
  return { name: checkName, check: { kind: 'none' }, otherApps };
}
