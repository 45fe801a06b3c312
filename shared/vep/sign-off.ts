/**
 * SIG sign-off and veto, pure (docs/vep-sig-label.md "Sign-off and veto").
 *
 * - kubevirt/enhancements README: "Each SIG (Compute, Network, Storage) should sign-off on the VEP
 *   with an LGTM from a SIG representative (chair or approver)" (`required-from: all`); meta-VEP
 *   282 narrows it to `participating-sigs`, "other SIGs that must LGTM before merge"
 *   (`participating`, the default).
 * - A SIG has signed off when one of its signers wrote a sign-off command (on its own line) after
 *   the current head arrived, or approved the current head in a review: a new push needs new
 *   sign-offs. `/lgtm cancel` takes a sign-off back. The author never signs off their own proposal.
 * - The VEP process discussion: "Other SIG approvers can veto a proposal". A veto command or a
 *   CHANGES_REQUESTED review by a signer of a SIG allowed by `veto-from` stands until the same
 *   person lifts it (`/veto cancel`, their later approving review, or editing the veto away); a
 *   dismissal by anybody else lifts nothing. Anyone else's veto is ignored, and said so.
 * - `owner-approval`: the owning SIG's signers approve the current head (review or `/approve`).
 *
 * Commands arrive as their authors wrote them and when (shared/commands/authored-history.ts).
 */
import { checkTitle } from './check-title.js';
import type { VepConfig, VepSignOffConfig } from '../config/types.js';
import { isBot } from '../github/permissions.js';
import type { CommentDeletion } from '../lazy-consensus/snapshot.js';
import { participatingSigs } from './participating-sigs.js';
import type { Problem } from './problems.js';
import { signOffLines } from './sign-off-render.js';
import type { PullSnapshot } from './snapshot.js';
import { code } from './text.js';
import { deletedVetoes } from './veto-deletions.js';

/** Prow's approval command, for `owner-approval` */
export const APPROVE_COMMAND = '/approve';
const CANCEL = 'cancel';

export interface SignOffCommand {
  author: string;
  authorType?: string;
  /** the configured spelling that matched */
  name: string;
  args: string;
  /** when its author first wrote it */
  at: string;
  /** when its author edited it away; null while it stands */
  removedAt: string | null;
}

export interface SignOffReview {
  author: string;
  authorType?: string;
  /** APPROVED, CHANGES_REQUESTED, COMMENTED, DISMISSED */
  state: string;
  /** the commit the review was submitted on */
  commit: string | null;
  at: string;
  /** a dismissed review: its state before, and who dismissed it */
  dismissal?: { previous: string | null; by: string; at: string };
}

export interface SignerList {
  /** where the list comes from, for messages (e.g. `veps/sig-network/OWNERS`) */
  source: string;
  logins: string[];
  /** the list cannot be read: decisions that need it fail closed */
  error?: string;
}

export interface SignOffFacts {
  headSha: string;
  /** when GitHub received the current head; null when unknown (see headPushUnreadable) */
  headPushedAt: string | null;
  headPushUnreadable?: string;
  commands: SignOffCommand[];
  reviews: SignOffReview[];
  /** keyed by SIG folder */
  signers: Record<string, SignerList>;
  /** deleted comments of the thread (veto-deletions.ts) */
  deletions?: CommentDeletion[];
}

export interface SigState {
  sig: string;
  signedBy: string[];
  /** signers who may still sign off (the author left out) */
  signers: string[];
  /** signers whose sign-off was for an earlier head */
  stale: string[];
  unreadable?: string;
  source: string;
}

export interface Veto {
  by: string;
  sigs: string[];
  at: string;
  via: 'command' | 'review' | 'deleted';
  /** via `deleted`: who deleted the signer's comment */
  deletedBy?: string;
}

export interface SignOffResult {
  /** why these SIGs (for the comment) */
  requiredWhy: string;
  required: SigState[];
  ownerApproval: SigState[];
  vetoes: Veto[];
  ignoredVetoes: { by: string; at: string }[];
  /** which SIGs may veto, in words */
  vetoFromWhy: string;
  /** pull-request-wide reasons the check fails, plain text for the verdict */
  blocking: string[];
  /** what could not be read, plain text (also in blocking) */
  notes: string[];
}

export interface SignOffInput {
  config: VepSignOffConfig;
  ownerApproval: boolean;
  sigs: readonly string[];
  author: string;
  owningSigs: readonly string[];
  /** the union of the proposals' participating SIGs (owning SIGs already left out) */
  participating: readonly string[];
  facts: SignOffFacts;
}

const lower = (s: string) => s.toLowerCase();
const ms = (iso: string) => Date.parse(iso);
const isCommand = (names: readonly string[], name: string) => names.some((n) => lower(n) === lower(name));
const isCancel = (c: SignOffCommand) => lower(c.args.split(/\s+/)[0] ?? '') === CANCEL;

export function isSignOffActive(config: VepSignOffConfig, ownerApproval: boolean): boolean {
  return config['required-from'] !== 'none' || config['veto-from'] !== 'none' || ownerApproval;
}

export function requiredSigs(
  config: VepSignOffConfig,
  sigs: readonly string[],
  participating: readonly string[],
): string[] {
  if (config['required-from'] === 'all') return [...sigs];
  if (config['required-from'] === 'participating') return sigs.filter((s) => participating.includes(s));
  return [];
}

export function judgeSignOff(input: SignOffInput): SignOffResult {
  const { config, facts } = input;
  const author = lower(input.author);
  const people = {
    commands: facts.commands.filter((c) => !isBot(c.author, c.authorType)),
    reviews: facts.reviews.filter((r) => !isBot(r.author, r.authorType)),
  };
  const blocking: string[] = [];
  const notes: string[] = [];
  const signersOf = (sig: string) =>
    facts.signers[sig] ?? { source: `the signers of ${sig}`, logins: [], error: 'not read' };

  // Sign-offs on the current head, per person: the last of their sign-off actions decides.
  const headUnknown = facts.headPushedAt === null;
  const onHead = (names: readonly string[]) => {
    const last = new Map<string, { at: number; on: boolean }>();
    const stale = new Set<string>();
    const set = (login: string, at: string, on: boolean) => {
      const prev = last.get(lower(login));
      if (!prev || ms(at) >= prev.at) last.set(lower(login), { at: ms(at), on });
    };
    for (const c of people.commands) {
      if (!isCommand(names, c.name) || c.removedAt !== null) continue;
      if (isCancel(c)) set(c.author, c.at, false);
      else if (!headUnknown && ms(c.at) > ms(facts.headPushedAt!)) set(c.author, c.at, true);
      else stale.add(lower(c.author));
    }
    for (const r of people.reviews) {
      if (r.state !== 'APPROVED') continue;
      if (r.commit === facts.headSha) set(r.author, r.at, true);
      else stale.add(lower(r.author));
    }
    const signed = new Set([...last].filter(([, v]) => v.on).map(([k]) => k));
    return { signed, stale: new Set([...stale].filter((s) => !signed.has(s))) };
  };

  const stateFor = (sig: string, names: readonly string[]): SigState => {
    const list = signersOf(sig);
    const signers = list.logins.filter((l) => lower(l) !== author);
    const { signed, stale } = onHead(names);
    return {
      sig,
      signedBy: signers.filter((l) => signed.has(lower(l))),
      signers,
      stale: signers.filter((l) => stale.has(lower(l))),
      source: list.source,
      ...(list.error ? { unreadable: list.error } : {}),
    };
  };

  const required = requiredSigs(config, input.sigs, input.participating).map((sig) =>
    stateFor(sig, config.commands),
  );
  const ownerApproval = input.ownerApproval
    ? input.owningSigs.map((sig) => stateFor(sig, [APPROVE_COMMAND]))
    : [];
  // a comment sign-off cannot be timed against the head: fail closed, naming why
  const commentSignOffs = people.commands.some(
    (c) => isCommand([...config.commands, APPROVE_COMMAND], c.name) && !isCancel(c),
  );
  if (headUnknown && commentSignOffs && (required.length || ownerApproval.length)) {
    const why = `sign-offs by comment cannot be counted: ${facts.headPushUnreadable ?? 'when the head commit arrived is unknown'}`;
    blocking.push(why);
    notes.push(why);
  }
  for (const s of required) {
    if (s.signedBy.length) continue;
    blocking.push(
      s.unreadable
        ? `the signers of ${s.sig} cannot be read (${s.source}: ${s.unreadable})`
        : `${s.sig} has not signed off on the current head`,
    );
  }
  for (const s of ownerApproval) {
    if (s.signedBy.length) continue;
    blocking.push(
      s.unreadable
        ? `the signers of the owning SIG ${s.sig} cannot be read (${s.source}: ${s.unreadable})`
        : `the owning SIG ${s.sig} has not approved the current head`,
    );
  }

  // Vetoes, per person: the last of their veto actions decides.
  const vetoSigs =
    config['veto-from'] === 'any-sig'
      ? [...input.sigs]
      : config['veto-from'] === 'participating'
        ? required.map((s) => s.sig)
        : [];
  const vetoFromWhy =
    config['veto-from'] === 'none'
      ? 'nobody may veto (`veto-from: none`)'
      : vetoSigs.length
        ? `signers of ${vetoSigs.map((s) => code(s)).join(', ')} may veto`
        : 'no SIG may veto this proposal';
  const sigsOf = (login: string) =>
    vetoSigs.filter((sig) => signersOf(sig).logins.some((l) => lower(l) === lower(login)));
  const unreadableVetoSigs = vetoSigs.filter((sig) => signersOf(sig).error);
  type Step = { at: number; veto: boolean; via: Veto['via']; iso: string; deletedBy?: string };
  const steps = new Map<string, { login: string; steps: Step[] }>();
  const add = (login: string, step: Step) => {
    const key = lower(login);
    if (!steps.has(key)) steps.set(key, { login, steps: [] });
    steps.get(key)!.steps.push(step);
  };
  const ignored: SignOffResult['ignoredVetoes'] = [];
  for (const c of people.commands) {
    if (!isCommand(config['veto-commands'], c.name)) continue;
    const cancel = isCancel(c);
    if (!cancel && sigsOf(c.author).length === 0) {
      if (unreadableVetoSigs.length) {
        const why = `whether the veto by ${c.author} counts is unknown: the signers of ${unreadableVetoSigs.join(', ')} cannot be read`;
        blocking.push(why);
        notes.push(why);
      } else ignored.push({ by: c.author, at: c.at });
      continue;
    }
    add(c.author, { at: ms(c.at), veto: !cancel, via: 'command', iso: c.at });
    // a veto its author edited away is lifted at that edit
    if (!cancel && c.removedAt)
      add(c.author, { at: ms(c.removedAt), veto: false, via: 'command', iso: c.removedAt });
  }
  if (vetoSigs.length) {
    const deleted = deletedVetoes(facts.deletions ?? [], sigsOf, unreadableVetoSigs);
    blocking.push(...deleted.blocking);
    notes.push(...deleted.blocking);
    for (const d of deleted.vetoes)
      add(d.login, { at: ms(d.at), veto: true, via: 'deleted', iso: d.at, deletedBy: d.deletedBy });
  }
  for (const r of people.reviews) {
    const requested = r.state === 'CHANGES_REQUESTED' || r.dismissal?.previous === 'CHANGES_REQUESTED';
    if (requested && sigsOf(r.author).length) {
      add(r.author, { at: ms(r.at), veto: true, via: 'review', iso: r.at });
      if (r.dismissal && lower(r.dismissal.by) === lower(r.author))
        add(r.author, { at: ms(r.dismissal.at), veto: false, via: 'review', iso: r.dismissal.at });
    } else if (r.state === 'APPROVED') {
      add(r.author, { at: ms(r.at), veto: false, via: 'review', iso: r.at });
    }
  }
  const vetoes: Veto[] = [];
  for (const { login, steps: list } of steps.values()) {
    list.sort((a, b) => a.at - b.at);
    let standing: Step | null = null;
    for (const s of list) standing = s.veto ? (standing ?? s) : null;
    if (standing)
      vetoes.push({
        by: login,
        sigs: sigsOf(login),
        at: standing.iso,
        via: standing.via,
        ...(standing.deletedBy ? { deletedBy: standing.deletedBy } : {}),
      });
  }
  vetoes.sort((a, b) => ms(a.at) - ms(b.at));
  for (const v of vetoes)
    blocking.push(
      v.via === 'deleted'
        ? `a comment by ${v.by} (${v.sigs.join(', ')}) was deleted by ${v.deletedBy}: it may have been a veto`
        : `vetoed by ${v.by} (${v.sigs.join(', ')})`,
    );

  const requiredWhy =
    config['required-from'] === 'all'
      ? 'every SIG signs off (`sign-off.required-from: all`)'
      : "the SIGs in the front matter's `participating-sigs`";
  return {
    requiredWhy,
    required,
    ownerApproval,
    vetoes,
    ignoredVetoes: ignored,
    vetoFromWhy,
    blocking,
    notes,
  };
}

/** What decidePull needs: the judgement, the problems in the front matter, and the words. */
export interface PullSignOff {
  result: SignOffResult | null;
  /** malformed `participating-sigs` */
  problems: Problem[];
  blocked: boolean;
  /** the check run's title when only sign-off holds it */
  title: string;
  /** the status comment's and check summary's "Sign-off" section */
  lines: string[];
  /** something to say even while passing (an ignored veto) */
  mustSay: boolean;
}

export function signOffFor(
  proposals: readonly { ref: { dir: string; documentPath: string }; owningSig: string | null }[],
  s: Pick<PullSnapshot, 'documents' | 'author' | 'headSha' | 'signOff'>,
  config: VepConfig,
): PullSignOff {
  const so = config['sign-off'];
  const off: PullSignOff = {
    result: null,
    problems: [],
    blocked: false,
    title: '',
    lines: [],
    mustSay: false,
  };
  if (!isSignOffActive(so, config['owner-approval']) || proposals.length === 0) return off;
  const problems: Problem[] = [];
  const participating = new Set<string>();
  for (const p of proposals) {
    const parsed = participatingSigs({
      text: s.documents[p.ref.documentPath],
      path: p.ref.documentPath,
      proposal: p.ref.dir,
      owningSig: p.owningSig,
      sigs: config.sigs,
    });
    problems.push(...parsed.problems);
    for (const sig of parsed.sigs) participating.add(sig);
  }
  const owningSigs = [...new Set(proposals.map((p) => p.owningSig).filter((f): f is string => f !== null))];
  const result = judgeSignOff({
    config: so,
    ownerApproval: config['owner-approval'],
    sigs: config.sigs,
    author: s.author,
    owningSigs,
    participating: [...participating].filter((sig) => !owningSigs.includes(sig)),
    facts: s.signOff ?? { headSha: s.headSha, headPushedAt: null, commands: [], reviews: [], signers: {} },
  });
  const blocked = result.blocking.length > 0;
  const title = checkTitle(
    result.vetoes.length
      ? { kind: 'vetoed', by: result.vetoes.map((v) => v.by).join(', ') }
      : { kind: 'awaiting-sign-off', blocking: result.blocking.join('; ') },
  );
  return {
    result,
    problems,
    blocked,
    title,
    lines: signOffLines(result, so, APPROVE_COMMAND),
    mustSay: result.ignoredVetoes.length > 0,
  };
}
