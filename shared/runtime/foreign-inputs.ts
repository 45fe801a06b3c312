/**
 * Inputs one action declares that another would ignore. GitHub runs a step given an input its
 * action does not declare, with only a warning ("Unexpected input(s)"); owners-diversity-check's
 * matrix inputs given to another action would make every shard job sweep every repository
 * (docs/organisation.md), so the job fails before anything is read or written.
 */
import type { ActionHeader } from './context.js';

/** owners-diversity-check's organisation-audit inputs (docs/owners-diversity-check.md "Across an organisation"). */
const ORG_AUDIT_INPUTS = ['org-mode', 'shard-size', 'shard-dir'];

export function refuseForeignInputs(def: ActionHeader, input: (name: string) => string): void {
  if (def.handlesRepositories) return;
  const given = ORG_AUDIT_INPUTS.filter((name) => input(name).trim());
  if (given.length)
    throw new Error(
      `input ${given.join(', ')} ${given.length > 1 ? 'are' : 'is'} owners-diversity-check's (its matrix mode); ` +
        `${def.name} sweeps every repository of input repositories in one job: remove ${given.length > 1 ? 'them' : 'it'} from the step`,
    );
}
