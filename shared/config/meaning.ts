/**
 * Checks of what a configuration file means, beyond its shape (the schema): mistakes that parse
 * but would make an action mislead contributors. Pure: no file other than the configuration is
 * read; `checkout.ts` checks what the configuration names in a repository's files.
 *
 * Every action runs these first (shared/runtime/run-action.ts): an error fails the run before
 * anything is written; a warning is logged and annotated. `governance-actions validate` prints both.
 */
import { DEFAULT_CONFIG } from './defaults.js';
import { diagnosticAt, type ConfigDiagnostic } from './diagnostics.js';
import { checkLazyConsensusPolicies } from './lazy-consensus-meaning.js';
import type { ParsedConfigFile } from './parse.js';

/** docs/config.md: SIG folders are named `sig-<name>`; `vep.sig-label`'s {name} drops the prefix. */
export const SIG_PREFIX = 'sig-';
export const CODE_SIG_PREFIX = 'sig-prefix';

export function checkConfigMeaning(parsed: ParsedConfigFile, now: Date): ConfigDiagnostic[] {
  return [
    ...checkVersion(parsed),
    ...checkVepSigs(parsed),
    ...checkDplCycles(parsed, now),
    ...checkLazyConsensusPolicies(parsed),
  ];
}

/** `version: 1` says which format the file is written in (docs/config.md); a file without it may be misread later. */
function checkVersion(parsed: ParsedConfigFile): ConfigDiagnostic[] {
  if ('version' in parsed.value) return [];
  return [
    {
      severity: 'warning',
      file: parsed.file,
      line: 1,
      column: 1,
      keyPath: 'version',
      message:
        'missing: start the file with `version: 1` (the format this file is written in), so that a later format is never applied to it',
    },
  ];
}

/**
 * `vep.sigs` are folder names (docs/config.md); KubeVirt's are `sig-compute`, `sig-network`. A name
 * without the prefix usually means the folder is `sig-<name>`, and then every proposal there is
 * refused as "not a known SIG". Without the repository's files this can only be a warning;
 * `validate --dir` turns it into an error when the folder does not exist.
 */
function checkVepSigs(parsed: ParsedConfigFile): ConfigDiagnostic[] {
  const sigs = (parsed.value.vep as { sigs?: unknown } | undefined)?.sigs;
  if (!Array.isArray(sigs)) return [];
  const out: ConfigDiagnostic[] = [];
  sigs.forEach((sig, index) => {
    if (typeof sig !== 'string' || sig.startsWith(SIG_PREFIX)) return;
    out.push(
      diagnosticAt(
        parsed,
        ['vep', 'sigs', index],
        'warning',
        `"${sig}" has no "${SIG_PREFIX}" prefix: SIG folders are usually named like ${SIG_PREFIX}${sig}, and a proposal in a folder not listed here is refused as "not a known SIG"; list the folder names as they are (check with: governance-actions validate --dir CHECKOUT)`,
        { code: CODE_SIG_PREFIX },
      ),
    );
  });
  return out;
}

/**
 * `dpl.cycles` gives each cycle's deadline (when PTL nominations open). A cycle name that no tag
 * can match is never used (error); a file that lists no cycle still ahead leaves the next cycle's
 * resets without a deadline, and every status comment says "not configured" (warning).
 */
function checkDplCycles(parsed: ParsedConfigFile, now: Date): ConfigDiagnostic[] {
  const dpl = parsed.value.dpl as
    { cycles?: { name?: unknown; 'nominations-open'?: unknown }[]; 'cycle-tag-pattern'?: string } | undefined;
  if (!dpl) return [];
  const out: ConfigDiagnostic[] = [];
  const patternText = dpl['cycle-tag-pattern'] ?? DEFAULT_CONFIG.dpl['cycle-tag-pattern'];
  const pattern = new RegExp(patternText);
  const cycles = dpl.cycles ?? [];
  cycles.forEach((cycle, index) => {
    const name = String(cycle.name);
    if (!pattern.test(name))
      out.push(
        diagnosticAt(
          parsed,
          ['dpl', 'cycles', index, 'name'],
          'error',
          `"${name}" is not a name a cycle tag can have (dpl.cycle-tag-pattern; by default a year and 1 or 2, e.g. 2027.1), so this deadline is never used`,
        ),
      );
  });
  const ahead = cycles.some((c) => Date.parse(String(c['nominations-open'])) > now.getTime());
  if (!ahead) {
    const where = dpl.cycles ? ['dpl', 'cycles'] : ['dpl'];
    out.push(
      diagnosticAt(
        parsed,
        where,
        'warning',
        `${dpl.cycles ? '' : 'dpl.cycles is missing: '}no cycle's nominations-open is in the future, so the resets of the next cycle have no deadline and say "not configured"; add the next cycle, e.g. {name: "2027.1", nominations-open: 2026-12-01T00:00:00Z}`,
        { key: true },
      ),
    );
  }
  return out;
}

/** The configuration section each action reads (its own keys; `calendar` and `version` are everyone's). */
const SECTION_OF_ACTION: Record<string, string> = {
  'lazy-consensus-timer': 'lazy-consensus',
  'vep-sig-label': 'vep',
  'dpl-reset': 'dpl',
  'owners-diversity-check': 'owners-diversity',
};

/** The warnings an action's run shows: about its own section and the shared keys. */
export function warningsFor(action: string, warnings: readonly ConfigDiagnostic[]): ConfigDiagnostic[] {
  const own = SECTION_OF_ACTION[action];
  return warnings.filter((w) => {
    const top = (w.keyPath ?? '').split(/[.[]/)[0];
    return top === own || !Object.values(SECTION_OF_ACTION).includes(top);
  });
}
