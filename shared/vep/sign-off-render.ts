/**
 * The "Sign-off" part of the status comment and check summary (docs/vep-sig-label.md "Sign-off and
 * veto"): per SIG who signed, who may still sign, who vetoed. Signers are named as code, never
 * as @-mentions: the comment is rewritten on every event, and the shepherd request already asks
 * the owning SIG; the author asks the participating SIGs. Long signer lists are cut short.
 */
import type { VepSignOffConfig } from '../config/types.js';
import type { SignOffResult, SigState } from './sign-off.js';
import { code } from './text.js';

const MAX_NAMED = 10;

function names(logins: readonly string[], source: string): string {
  if (!logins.length) return `none listed in ${code(source)}`;
  const shown = logins.slice(0, MAX_NAMED).map((l) => code(l));
  const more = logins.length - shown.length;
  return `${shown.join(', ')}${more > 0 ? ` and ${more} more in ${code(source)}` : ''}`;
}

function sigLine(s: SigState, how: string, owner: boolean): string {
  const who = owner ? `Owning SIG ${code(s.sig)}` : code(s.sig);
  if (s.unreadable) return `- ${who}: cannot read its signers from ${code(s.source)}: ${code(s.unreadable)}`;
  if (s.signedBy.length)
    return `- ${who}: ${owner ? 'approved' : 'signed off'} by ${s.signedBy.map((l) => code(l)).join(', ')}`;
  const stale = s.stale.length
    ? ` (${s.stale.map((l) => code(l)).join(', ')} signed off before the new commit: a new commit needs a new sign-off)`
    : '';
  return `- ${who}: ${owner ? 'not approved' : 'not signed off'} on the current head yet${stale}; signers: ${names(s.signers, s.source)} (${how})`;
}

export function signOffLines(
  r: SignOffResult | undefined,
  config: VepSignOffConfig,
  approveCommand: string,
): string[] {
  if (!r) return [];
  const any =
    r.required.length ||
    r.ownerApproval.length ||
    r.vetoes.length ||
    r.ignoredVetoes.length ||
    r.notes.length;
  if (!any) return [];
  const lgtm = `${code(config.commands[0] ?? '/lgtm')} on its own line, or an approving review`;
  const cancel = code(`${config['veto-commands'][0] ?? '/veto'} cancel`);
  const lines = [
    '',
    `**Sign-off** (${r.required.length ? r.requiredWhy : 'no SIG sign-off required'}; ${r.vetoFromWhy})`,
    '',
  ];
  for (const s of r.required) lines.push(sigLine(s, lgtm, false));
  for (const s of r.ownerApproval)
    lines.push(sigLine(s, `an approving review, or ${code(approveCommand)} on its own line`, true));
  for (const v of r.vetoes) {
    if (v.via === 'deleted') {
      lines.push(
        `- ⛔ Possibly vetoed by ${code(v.by)} (${v.sigs.map((s) => code(s)).join(', ')}): a comment by ${code(v.by)} was deleted by ${code(v.deletedBy ?? 'someone else')} on ${v.at.slice(0, 10)}; GitHub keeps no copy and only ${code(v.by)} may lift a veto, so the check fails until ${code(v.by)} writes ${cancel} on its own line or approves.`,
      );
      continue;
    }
    lines.push(
      `- ⛔ Vetoed by ${code(v.by)} (${v.sigs.map((s) => code(s)).join(', ')}) on ${v.at.slice(0, 10)}${v.via === 'review' ? ' (changes requested)' : ''}: the check fails until ${code(v.by)} lifts the veto with ${cancel} on its own line or an approving review.`,
    );
  }
  for (const i of r.ignoredVetoes)
    lines.push(
      `- The veto by ${code(i.by)} is ignored: ${r.vetoFromWhy}, and ${code(i.by)} is not one of them.`,
    );
  for (const n of r.notes) lines.push(`- Cannot judge: ${code(n)}`);
  return lines;
}
