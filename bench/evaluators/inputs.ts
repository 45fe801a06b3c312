/** The largest inputs of the pure evaluators, built in memory (no GitHub, no sandbox). */
import { buildConfig } from '../../shared/config/load.js';
import type { GovernanceConfig } from '../../shared/config/types.js';
import type { Authority, ItemSnapshot } from '../../shared/lazy-consensus/snapshot.js';
import { GENERATED_OWNERS_CONFIG, generatedOwnersFiles } from '../generate/owners.js';

const LABELLED_AT = '2026-03-02T09:00:00Z';
const BOT = { login: 'github-actions', isBot: true };
const HUMAN = (i: number) => ({ login: `dev${i}`, isBot: false });
/** per item: a few comments, one objection and its withdrawal, as a discussed proposal has */
const DISCUSSION = 4;

export function ownersInput(n: number): { files: Map<string, string | null>; config: GovernanceConfig } {
  const files = new Map<string, string | null>(Object.entries(generatedOwnersFiles(n)));
  const { config } = buildConfig([{ name: '.github/governance.yml', text: GENERATED_OWNERS_CONFIG }]);
  return { files, config };
}

export function lazyConsensusInput(n: number): {
  items: ItemSnapshot[];
  config: GovernanceConfig;
  authority: Authority;
} {
  const { config } = buildConfig([{ name: '.github/governance.yml', text: 'version: 1\n' }]);
  const minute = (m: number) => new Date(Date.parse(LABELLED_AT) + m * 60_000).toISOString();
  const items: ItemSnapshot[] = [];
  for (let number = 1; number <= n; number++) {
    const comments = Array.from({ length: DISCUSSION }, (_, k) => ({
      id: number * 100 + k,
      author: HUMAN(number + k),
      body: k === 1 ? '/object needs more data' : k === 2 ? '/withdraw' : `Comment ${k} on ${number}`,
      createdAt: minute(10 + k),
      editedAt: null,
      url: `https://github.com/acme/community/issues/${number}#issuecomment-${number * 100 + k}`,
    }));
    items.push({
      number,
      isPull: false,
      title: `Proposal ${number}`,
      url: `https://github.com/acme/community/issues/${number}`,
      state: 'open',
      merged: false,
      labels: ['lazy-consensus', 'risk/low', 'lazy-consensus/pending'],
      headSha: null,
      labelEvents: [
        { label: 'lazy-consensus', added: true, actor: HUMAN(0), at: LABELLED_AT },
        { label: 'risk/low', added: true, actor: HUMAN(0), at: LABELLED_AT },
        { label: 'lazy-consensus/pending', added: true, actor: BOT, at: minute(60) },
      ],
      stateEvents: [],
      pushes: [],
      comments,
      reviews: [],
      statusComment: { id: number * 100 + 99, body: 'pending' },
      outcomeComment: null,
    });
  }
  return { items, config, authority: { mayStart: () => true, mayObject: () => true } };
}
