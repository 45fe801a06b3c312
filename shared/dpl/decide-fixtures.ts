/**
 * The dpl-reset decide tests' common ground: a configuration with one upcoming cycle, a projects
 * file with a PTL team and two distributed teams, and builders for reset pulls and snapshots.
 */
import { DEFAULT_CONFIG } from '../config/defaults.js';
import type { DplConfig } from '../config/types.js';
import { NO_PEOPLE } from './people.js';
import type { DplSnapshot, ResetPull } from './snapshot.js';

export const CONFIG: DplConfig = {
  ...DEFAULT_CONFIG.dpl,
  cycles: [{ name: '2027.1', 'nominations-open': '2026-12-01T00:00:00Z' }],
};
const person = (name: string, login: string) =>
  `      - {name: '${name}', irc: null, email: '${login}@example.org', github: ${login}}`;
export const PROJECTS = [
  'ptl-team:',
  '  leadership_type: ptl',
  '  ptl: {name: P, irc: null, email: p@example.org}',
  'alpha:',
  '  leadership_type: distributed',
  '  liaisons:',
  '    release:',
  person('Ann', 'ann'),
  '    tact-sig:',
  person('Ann', 'ann'),
  '    security:',
  person('Bob', 'bob'),
  '    tc-liaison:',
  person('Tim', 'tim'),
  'Beta Team:',
  '  leadership_type: distributed',
  '  liaisons:',
  '    release:',
  person('Cy', 'cy'),
  '    tact-sig:',
  person('Di', 'di'),
  '    security:',
  person('Ed', 'ed'),
  '    tc-liaison:',
  person('Tim', 'tim'),
  '',
].join('\n');

export function pull(number: number, branch: string, extra: Partial<ResetPull> = {}): ResetPull {
  return {
    number,
    state: 'OPEN',
    branch,
    headSha: `head${number}`,
    headParent: 'main0',
    author: 'github-actions',
    authorIsBot: true,
    labels: ['dpl/reset'],
    reviews: [],
    comments: [],
    statusComment: null,
    ...extra,
  };
}

export function snapshot(now: string, extra: Partial<DplSnapshot>): DplSnapshot {
  return {
    trigger: { kind: 'evaluate', source: 'a scheduled run' },
    now: new Date(now),
    defaultBranch: 'main',
    defaultHead: 'main0',
    projectsText: PROJECTS,
    people: NO_PEOPLE,
    resetPulls: [],
    ...extra,
  };
}
