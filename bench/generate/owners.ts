/**
 * Generated OWNERS trees: `count` OWNERS files in a two-level directory layout, approvers drawn
 * from a pool of people with a YAML affiliation map and a few OWNERS_ALIASES, so the audit parses,
 * expands aliases, resolves organisations and finds violations as it would on a large monorepo.
 */
import { Seeded } from './random.js';

const PEOPLE = 2000;
const ORGS = 40;
const ALIASES = 50;
const FILES_PER_DIR = 100;

export const GENERATED_OWNERS_CONFIG = `version: 1
owners-diversity:
  sources:
    - {kind: owners, paths: ["**/OWNERS"], roles: [approvers]}
  affiliations:
    - yaml: affiliations.yaml
  unknown-affiliation: warn
  rules:
    - {groups: "**", min-members: 3, max-org-share: 1/2}
`;

/** The same rules for a `.github` repository auditing the organisation: no company above 1/3 of it. */
export const GENERATED_ORG_OWNERS_CONFIG = `${GENERATED_OWNERS_CONFIG}  org-rules:
    - {groups: "*:.", max-org-share: 1/3}
`;

const person = (i: number) => `dev${i}`;

export function generatedOwnersFiles(count: number, seed = 7): Record<string, string> {
  const rng = new Seeded(seed);
  const files: Record<string, string> = {};
  const affiliations: string[] = [];
  for (let i = 0; i < PEOPLE; i++) affiliations.push(`${person(i)}: Org${rng.int(ORGS)}`);
  files['affiliations.yaml'] = `${affiliations.join('\n')}\n`;
  const aliases: string[] = ['aliases:'];
  for (let a = 0; a < ALIASES; a++) {
    aliases.push(`  team-${a}:`);
    for (let k = 0; k < 3; k++) aliases.push(`    - ${person(rng.int(PEOPLE))}`);
  }
  files['OWNERS_ALIASES'] = `${aliases.join('\n')}\n`;
  for (let i = 0; i < count; i++) {
    const approvers = new Set<string>();
    const size = 1 + rng.int(5);
    while (approvers.size < size)
      approvers.add(rng.int(10) === 0 ? `team-${rng.int(ALIASES)}` : person(rng.int(PEOPLE)));
    const dir = `components/c${Math.floor(i / FILES_PER_DIR)}/m${i % FILES_PER_DIR}`;
    files[`${dir}/OWNERS`] =
      `approvers:\n${[...approvers].map((a) => `  - ${a}`).join('\n')}\nreviewers:\n  - ${person(rng.int(PEOPLE))}\n`;
  }
  return files;
}
