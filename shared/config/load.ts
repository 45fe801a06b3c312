/**
 * Load the effective configuration: defaults <- `<owner>/.github` org file <- the repository's
 * file, each read from its repository's default branch through the API. A pull request can never
 * change the rules it is judged by, because its head is never read.
 */
import { readConfigFiles } from '../github/config-files.js';
import type { RepoClient } from '../github/repo.js';
import { DEFAULT_CONFIG, DEFAULT_RULE, VEP_FREEZE_SCHEDULE } from './defaults.js';
import { deepMerge } from './merge.js';
import type { ConfigDiagnostic } from './diagnostics.js';
import { toGovernanceError } from './diagnostics.js';
import { checkConfigMeaning } from './meaning.js';
import { parseConfigFile } from './parse.js';
import type { ConfigOrigin, GovernanceConfig } from './types.js';

export { DEFAULT_CONFIG_PATH, ORG_CONFIG_REPO, readConfigFiles } from '../github/config-files.js';

export interface LoadedConfig {
  config: GovernanceConfig;
  origin: ConfigOrigin;
  /** what the files mean that is probably not what was meant (errors are thrown instead) */
  warnings: ConfigDiagnostic[];
}

/**
 * Texts of the org and repo files (null = missing) -> the effective config, or a GovernanceError
 * for the first error in shape (the schema) or meaning (meaning.ts) as of `now`.
 */
export function buildConfig(
  sources: { name: string; text: string | null }[],
  now: Date = new Date(),
  opts: { checkMeaning?: boolean } = {},
): LoadedConfig {
  let merged: GovernanceConfig = DEFAULT_CONFIG;
  const files: string[] = [];
  const warnings: ConfigDiagnostic[] = [];
  for (const { name, text } of sources) {
    if (text === null) continue;
    const parsed = parseConfigFile(text, name);
    // `validate` reports every finding itself and only needs the merged configuration
    const findings = opts.checkMeaning === false ? [] : checkConfigMeaning(parsed, now);
    const error = findings.find((d) => d.severity === 'error');
    if (error) throw toGovernanceError(error);
    warnings.push(...findings);
    merged = deepMerge(merged, parsed.value);
    files.push(name);
  }
  const od = merged['owners-diversity'];
  const freeze = merged.vep.freeze;
  const config: GovernanceConfig = {
    ...merged,
    vep: {
      ...merged.vep,
      freeze: {
        ...freeze,
        schedule: freeze.schedule && { ...VEP_FREEZE_SCHEDULE, ...freeze.schedule },
      },
    },
    'owners-diversity': {
      ...od,
      rules: od.rules.map((r) => ({ ...DEFAULT_RULE, ...r })),
      'org-rules': od['org-rules'].map((r) => ({ ...DEFAULT_RULE, ...r })),
    },
  };
  return { config, origin: { files, defaultsOnly: files.length === 0 }, warnings };
}

export async function loadConfig(
  gh: RepoClient,
  opts: { path?: string; orgDefaults?: boolean; now?: Date },
): Promise<LoadedConfig & { defaultBranch: string }> {
  const { defaultBranch, sources } = await readConfigFiles(gh, opts);
  return { ...buildConfig(sources, opts.now), defaultBranch };
}
