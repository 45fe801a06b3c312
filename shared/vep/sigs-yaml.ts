/**
 * Signers from a `sigs.yaml` (kubevirt/community layout, `sign-off.signers: sigs-yaml`): a SIG's
 * "representative (chair or approver)" read as the chairs and tech leads under `leadership`:
 *
 *   sigs:
 *     - name: network
 *       dir: sig-network
 *       leadership:
 *         chairs: [{github: EdDev, name: ...}]
 *         tech_leads: [{github: ...}]
 *
 * A SIG folder matches an entry by `dir`, or by `name` (the folder without `sig-`). A file that
 * does not parse throws: the caller fails closed.
 */
import { GovernanceError, parseYamlDocument } from '../errors/governance-error.js';
import { sigName } from './sigs.js';

const ROLES = ['chairs', 'tech_leads'] as const;

/** SIG folder -> chairs and tech leads (null: the SIG has no entry). */
export function signersFromSigsYaml(
  text: string,
  file: string,
  folders: readonly string[],
): Record<string, string[] | null> {
  const data = parseYamlDocument(text, file).toJS() as unknown;
  const list = (data as { sigs?: unknown } | null)?.sigs;
  if (!Array.isArray(list)) throw new GovernanceError('expected a top-level `sigs:` list', { file });
  const out: Record<string, string[] | null> = {};
  for (const folder of folders) {
    const entry = (list as unknown[]).find((e): e is Record<string, unknown> => {
      if (!e || typeof e !== 'object') return false;
      const { dir, name } = e as { dir?: unknown; name?: unknown };
      return (
        (typeof dir === 'string' && dir.toLowerCase() === folder.toLowerCase()) ||
        (typeof name === 'string' && name.toLowerCase() === sigName(folder).toLowerCase())
      );
    });
    if (!entry) {
      out[folder] = null;
      continue;
    }
    const leadership = (entry.leadership ?? {}) as Record<string, unknown>;
    const logins: string[] = [];
    for (const role of ROLES) {
      const people = leadership[role];
      if (people === undefined || people === null) continue;
      if (!Array.isArray(people))
        throw new GovernanceError(`\`leadership.${role}\` of ${folder} must be a list`, { file });
      for (const p of people) {
        const login = (p as { github?: unknown } | null)?.github;
        if (
          typeof login === 'string' &&
          login.trim() &&
          !logins.some((l) => l.toLowerCase() === login.trim().toLowerCase())
        )
          logins.push(login.trim());
      }
    }
    out[folder] = logins;
  }
  return out;
}
