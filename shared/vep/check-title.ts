/**
 * The title of this action's check run (docs/vep-sig-label.md "Dashboard section"): written on
 * pull request events and read back by the escalation sweep for the dashboard, from one table so
 * that what is written and what is read cannot drift.
 */
export type CheckVerdict =
  | { kind: 'passes'; owners: string }
  | { kind: 'problems'; count: number }
  /** problems, one of them the VEP Freeze (meta-VEP 282) */
  | { kind: 'frozen'; count: number }
  | { kind: 'vetoed'; by: string }
  | { kind: 'awaiting-sign-off'; blocking: string };

/** Titles are kept short: GitHub shows them in one line of the checks list. */
const MAX_TITLE = 200;

const problems = (n: number) => `${n} problem${n === 1 ? '' : 's'} to fix`;
const FREEZE_SUFFIX = ', VEP Freeze among them';

/** Each verdict: the conclusion it is written with, its title, and how to read the title back. */
const TABLE: {
  [K in CheckVerdict['kind']]: {
    conclusion: 'success' | 'failure';
    write: (v: Extract<CheckVerdict, { kind: K }>) => string;
    read: (title: string) => Extract<CheckVerdict, { kind: K }> | null;
  };
} = {
  passes: {
    conclusion: 'success',
    write: (v) => `owned by ${v.owners}`,
    read: (t) => (t.startsWith('owned by ') ? { kind: 'passes', owners: t.slice(9) } : null),
  },
  frozen: {
    conclusion: 'failure',
    write: (v) => `${problems(v.count)}${FREEZE_SUFFIX}`,
    read: (t) => {
      const m = /^(\d+) problems? to fix, VEP Freeze among them$/.exec(t);
      return m ? { kind: 'frozen', count: Number(m[1]) } : null;
    },
  },
  problems: {
    conclusion: 'failure',
    write: (v) => problems(v.count),
    read: (t) => {
      const m = /^(\d+) problems? to fix$/.exec(t);
      return m ? { kind: 'problems', count: Number(m[1]) } : null;
    },
  },
  vetoed: {
    conclusion: 'failure',
    write: (v) => `vetoed by ${v.by}`,
    read: (t) => (t.startsWith('vetoed by ') ? { kind: 'vetoed', by: t.slice(10) } : null),
  },
  'awaiting-sign-off': {
    conclusion: 'failure',
    write: (v) => `waiting for sign-off: ${v.blocking}`,
    read: (t) =>
      t.startsWith('waiting for sign-off: ') ? { kind: 'awaiting-sign-off', blocking: t.slice(22) } : null,
  },
};

export function checkConclusion(v: CheckVerdict): 'success' | 'failure' {
  return TABLE[v.kind].conclusion;
}

export function checkTitle(v: CheckVerdict): string {
  const title = (TABLE[v.kind].write as (x: CheckVerdict) => string)(v);
  return title.length > MAX_TITLE ? `${title.slice(0, MAX_TITLE - 1)}…` : title;
}

/**
 * The verdict a check run of ours states, or null when its conclusion and title are not one this
 * action writes (in progress, cancelled, or an unknown title): the dashboard then says so.
 */
export function readCheck(conclusion: string | null, title: string | null): CheckVerdict | null {
  if (!conclusion || title === null) return null;
  for (const entry of Object.values(TABLE)) {
    if (entry.conclusion !== conclusion.toLowerCase()) continue;
    const v = entry.read(title);
    if (v) return v;
  }
  return null;
}
