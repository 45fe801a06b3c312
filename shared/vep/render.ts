/** The words the action writes: the status comment, the check run's summary, escalation pings. */
import type { VepConfig } from '../config/types.js';
import type { ProposalResult } from './decide.js';
import type { EscalationStage } from './escalation.js';
import type { Problem } from './problems.js';
import { sigLabel } from './sigs.js';
import { code, mention } from './text.js';
import { boundedLines } from '../plan/limits.js';

/** the problem list's share of a comment or check summary (both limited to about 65,000) */
const PROBLEM_LIST_CHARS = 40_000;
const PROBLEM_LIST_LINES = 300;

const FOOTER =
  '<sub>Checked by vep-sig-label against the enhancement process (KubeVirt VEP README, meta-VEP 282). This comment is updated as the pull request changes.</sub>';

function problemList(proposals: ProposalResult[], problems: Problem[]): string[] {
  const lines: string[] = [];
  const general = problems.filter((p) => p.proposal === null);
  for (const p of general) lines.push(`- [ ] ${p.message}`);
  for (const proposal of proposals) {
    const own = problems.filter((p) => p.proposal === proposal.ref.dir);
    if (!own.length) continue;
    lines.push('', `**${code(proposal.ref.dir)}**`, '');
    for (const p of own) lines.push(`- [ ] ${p.message}${p.line && p.line > 1 ? ` (line ${p.line})` : ''}`);
  }
  // a pull request with thousands of files can have thousands of problems: the comment and the
  // check summary stay within GitHub's limits
  return boundedLines(lines, { maxChars: PROBLEM_LIST_CHARS, maxItems: PROBLEM_LIST_LINES });
}

/** The "Sign-off" section (sign-off-render.ts) and whether it holds the check */
interface SignOffSection {
  lines: string[];
  blocked: boolean;
}
const NO_SIGN_OFF: SignOffSection = { lines: [], blocked: false };

/** Things the author should know that are not problems (e.g. no VEP Freeze day known yet). */
function noticeLines(notices: string[]): string[] {
  return notices.length ? ['', ...notices.map((n) => `- ℹ️ ${n}`)] : [];
}

export function renderStatusComment(
  proposals: ProposalResult[],
  problems: Problem[],
  config: VepConfig,
  notices: string[] = [],
  signOff: SignOffSection = NO_SIGN_OFF,
): string {
  return [
    problems.length || !signOff.blocked
      ? `### Enhancement proposal check: ${problems.length} problem${problems.length === 1 ? '' : 's'} to fix`
      : '### Enhancement proposal check: waiting for sign-off',
    '',
    ...problemList(proposals, problems),
    ...noticeLines(notices),
    ...signOff.lines,
    '',
    problems.length
      ? `The check ${code(config['check-name'])} passes once these are fixed; push the fix to this branch or edit the title.`
      : `The check ${code(config['check-name'])} passes once the SIGs above have signed off on the current head and no veto stands.`,
    '',
    FOOTER,
  ].join('\n');
}

export function renderResolvedComment(
  proposals: ProposalResult[],
  config: VepConfig,
  notices: string[] = [],
  signOff: SignOffSection = NO_SIGN_OFF,
): string {
  return [
    `### Enhancement proposal check: ${notices.length || signOff.lines.length ? 'passes ✅' : 'all fixed ✅'}`,
    '',
    ...proposals.map(
      (p) => `- ${code(p.ref.dir)} is owned by ${p.meta ? 'the maintainers' : code(p.owningSig ?? '')}`,
    ),
    ...noticeLines(notices),
    ...signOff.lines,
    '',
    `The check ${code(config['check-name'])} passes.`,
    '',
    FOOTER,
  ].join('\n');
}

export function renderNoProposalComment(): string {
  return [
    '### Enhancement proposal check',
    '',
    'This pull request no longer changes an enhancement proposal; nothing to check.',
    '',
    FOOTER,
  ].join('\n');
}

export function renderCheckSummary(
  proposals: ProposalResult[],
  problems: Problem[],
  config: VepConfig,
  notices: string[] = [],
  signOff: SignOffSection = NO_SIGN_OFF,
): string {
  const lines = proposals.map(
    (p) =>
      `- ${code(p.ref.dir)}: ${p.meta ? `a process change owned by the maintainers (${code(p.ref.sigFolder ?? '')} is a meta folder; no SIG label)` : p.owningSig ? `owned by ${code(p.owningSig)} (label ${code(sigLabel(config['sig-label'], p.owningSig))})` : `no owning SIG (label ${code(config['needs-owning-sig-label'])})`}`,
  );
  lines.push(...noticeLines(notices), ...signOff.lines);
  if (!problems.length)
    return [signOff.blocked ? 'Waiting for sign-off.' : 'All checks pass.', '', ...lines].join('\n');
  return [...lines, '', '**To fix:**', ...problemList(proposals, problems)].join('\n');
}

export function renderEscalation(
  stage: EscalationStage,
  o: {
    sigs: string[];
    approvers: string[];
    maintainers: string[];
    maintainersSource: string;
    quietFor: string;
    since: Date;
    label: string;
  },
): string {
  const day = o.since.toISOString().slice(0, 10);
  const sigs = o.sigs.map((s) => code(s)).join(', ');
  if (stage === 'sig') {
    return [
      `### Waiting for the owning SIG`,
      '',
      `${o.approvers.map(mention).join(' ')}: this proposal, owned by ${sigs}, has had no review or comment from the SIG's approvers for ${o.quietFor} (since ${day}). The owning SIG reviews, approves and later owns the feature: please review it, or say which SIG should own it instead.`,
    ].join('\n');
  }
  const who = o.maintainers.length
    ? `${o.maintainers.map(mention).join(' ')}: `
    : `Maintainers (none configured in ${code('vep.escalation.maintainers')}${o.maintainersSource ? `, ${o.maintainersSource}` : ''}): `;
  return [
    `### Escalated to the maintainers`,
    '',
    `${who}this proposal, owned by ${sigs}, has had no review or comment from the SIG's approvers for ${o.quietFor} (since ${day}). As the enhancement process says, the author can consult the maintainers: please help find a reviewer or decide on the owning SIG. Labelled ${code(o.label)}.`,
    ...(o.approvers.length ? ['', `cc ${o.approvers.map(mention).join(' ')}`] : []),
  ].join('\n');
}
