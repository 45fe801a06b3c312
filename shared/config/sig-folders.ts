/**
 * `vep.sigs` names folders (docs/config.md). A name written without the folders' `sig-` prefix
 * (`network` for `veps/sig-network`) makes every proposal "not a known SIG" in a public comment
 * and a failed check on each contributor's pull request. So before anything is written, a SIG
 * name without the prefix must name a folder that exists on the default branch; names with the
 * prefix cost no request.
 */
import { GovernanceError } from '../errors/governance-error.js';
import type { RepoClient } from '../github/repo.js';
import { SIG_PREFIX } from './meaning.js';
import type { VepConfig } from './types.js';

export async function requireUnprefixedSigFolders(
  gh: RepoClient,
  config: VepConfig,
  branch: string,
  configFile: string,
): Promise<void> {
  const sigAt = config.layout.indexOf('{sig}');
  if (sigAt < 0) return;
  const parent = config.layout.slice(0, sigAt);
  const unprefixed = config.sigs
    .map((sig, index) => ({ sig, index }))
    .filter(({ sig }) => !sig.startsWith(SIG_PREFIX));
  if (unprefixed.length === 0) return;
  const fields = unprefixed
    .map(
      (
        { sig },
        i,
      ) => `s${i}: object(expression: ${JSON.stringify(`${branch}:${parent}${sig}`)}) { __typename }
      p${i}: object(expression: ${JSON.stringify(`${branch}:${parent}${SIG_PREFIX}${sig}`)}) { __typename }`,
    )
    .join('\n');
  const { repository } = await gh.graphql<{ repository: Record<string, { __typename: string } | null> }>(
    `query($owner: String!, $repo: String!) { repository(owner: $owner, name: $repo) { ${fields} } }`,
    {},
  );
  unprefixed.forEach(({ sig, index }, i) => {
    if (repository[`s${i}`]?.__typename === 'Tree') return;
    const hint =
      repository[`p${i}`]?.__typename === 'Tree'
        ? `; ${parent}${SIG_PREFIX}${sig} does: write ${SIG_PREFIX}${sig}`
        : '';
    throw new GovernanceError(
      `${parent}${sig} does not exist on ${branch}${hint}. Every proposal would be refused as "not a known SIG"; nothing was written`,
      { file: configFile, keyPath: `vep.sigs[${index}]` },
    );
  });
}
