/**
 * vep-sig-label's rules, pure: a snapshot and the `vep` configuration in, a Plan out.
 * The governance text is KubeVirt's enhancement process (kubevirt/enhancements README, after
 * kubevirt/community#362) and meta-VEP 282, as docs/vep-sig-label.md describes them.
 */
import type { BusinessCalendar } from '../calendar/business-days.js';
import { parseDuration } from '../calendar/duration.js';
import type { VepConfig } from '../config/types.js';
import { atLeast, isBot } from '../github/permissions.js';
import { emptyPlan, type CheckAnnotation, type Effect, type Plan } from '../plan/effects.js';
import { findMarked, marker } from '../plan/markers.js';
import { decideEscalation, type EscalationStage } from './escalation.js';
import { checkFrontMatter } from './front-matter-checks.js';
import { judgeFreeze, proposalsBecomingImplementable } from './freeze.js';
import { checkFrontMatterRules, isMetaProposal, kindLabelFor } from './front-matter-rules.js';
import { labelsAddedByAction, reconcileLabels, type LabelEvent } from './label-ownership.js';
import {
  compileLayout,
  documentPathFor,
  leadingNumber,
  proposalsTouched,
  type Layout,
  type ProposalRef,
} from './layout.js';
import type { Problem } from './problems.js';
import {
  renderCheckSummary,
  renderEscalation,
  renderStatusComment,
  renderResolvedComment,
  renderNoProposalComment,
} from './render.js';
import { chooseShepherds } from './shepherd.js';
import { signOffFor } from './sign-off.js';
import { closestSig, editDistance, looksLikeSigLabel, sigLabel } from './sigs.js';
import type { IssueSnapshot, PullSnapshot, SweepPull, SweepSnapshot } from './snapshot.js';
import { vepSection, type VepEntry, type VepStage } from '../dashboard/vep-section.js';
import { checkTitle } from './check-title.js';
import { code } from './text.js';
import { owningSigOfIssue } from './tracking-issue.js';

export const ACTION = 'vep-sig-label';
export const STATUS_MARKER = marker(ACTION, 'status');
export const ESCALATION_MARKERS: Record<EscalationStage, string> = {
  sig: marker(ACTION, 'escalation-sig'),
  maintainers: marker(ACTION, 'escalation-maintainers'),
};
const CONFIG_FILE = '.github/governance.yml';
/** the governance-text minimum for who may set a tracking issue's SIG by comment */
const SIG_COMMAND_PERMISSION = 'triage';
const LABEL_COLORS = { sig: '0e8a16', needs: 'd93f0b', escalation: 'b60205', kind: 'c5def5' };

export interface ProposalResult {
  ref: ProposalRef;
  /** the known SIG folder that owns it, or null */
  owningSig: string | null;
  /** the number: the folder's, or the leading digits of a badly named folder */
  number: number | null;
  problems: Problem[];
  /** in a `front-matter.meta-folders` folder: a process change owned by the maintainers, no SIG */
  meta?: boolean;
  /** its front matter block is present and parses (the pull request gets `kind-label`) */
  frontMatterParses?: boolean;
}

const eq = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();

function labelCatalog(config: VepConfig): NonNullable<Plan['labelCatalog']> {
  const catalog: NonNullable<Plan['labelCatalog']> = {
    [config['needs-owning-sig-label']]: {
      color: LABEL_COLORS.needs,
      description: 'This enhancement proposal has no owning SIG yet',
    },
    [config.escalation.label]: {
      color: LABEL_COLORS.escalation,
      description: 'The owning SIG has not responded; maintainers, please help',
    },
  };
  if (config['kind-label']) {
    catalog[config['kind-label']] = {
      color: LABEL_COLORS.kind,
      description: 'An enhancement proposal with front matter (meta-VEP 282)',
    };
  }
  for (const folder of config.sigs) {
    catalog[sigLabel(config['sig-label'], folder)] = {
      color: LABEL_COLORS.sig,
      description: `Owned by ${folder}`,
    };
  }
  return catalog;
}

/** Labels this action manages on proposals and tracking issues: SIG labels and the needs-owning-SIG label. */
function managedBy(config: VepConfig): (label: string) => boolean {
  return (label) =>
    looksLikeSigLabel(config['sig-label'], label) || eq(label, config['needs-owning-sig-label']);
}

function labelEffects(
  number: number,
  current: string[],
  events: LabelEvent[],
  wanted: string[],
  managed: (label: string) => boolean,
  why: { add: string; remove: string },
): Effect[] {
  const change = reconcileLabels({
    current,
    wanted,
    managed,
    addedByAction: labelsAddedByAction(current, events),
  });
  const effects: Effect[] = [];
  if (change.add.length) effects.push({ type: 'add-labels', number, labels: change.add, why: why.add });
  if (change.remove.length)
    effects.push({ type: 'remove-labels', number, labels: change.remove, why: why.remove });
  return effects;
}

// ---------------------------------------------------------------------------------------------
// Pull requests (behaviours 1-7)
// ---------------------------------------------------------------------------------------------

export function decidePull(s: PullSnapshot, config: VepConfig): Plan {
  const plan = emptyPlan(ACTION);
  plan.labelCatalog = labelCatalog(config);
  const layout = compileLayout(config.layout, config.ignore);
  const managed = managedBy(config);

  // 1. The proposals this pull request adds or changes: its changed files (deletions do not
  //    add a proposal: a proposal moved between folders counts only at its new place).
  const live = s.changedFiles.filter((f) => f.changeType !== 'DELETED').map((f) => f.path);
  const proposals = proposalsTouched(layout, live).map((ref) => checkProposal(ref, s, config, layout));

  if (proposals.length === 0) {
    // Left alone; only take back what this action put on it when it used to change a proposal.
    plan.effects.push(
      ...labelEffects(s.number, s.labels, s.labelEvents, [], managed, {
        add: '',
        remove: 'the pull request no longer changes a proposal',
      }),
    );
    if (s.stickyComment) {
      plan.effects.push(
        stickyComment(s, renderNoProposalComment(), 'the pull request no longer changes a proposal'),
      );
    }
    plan.notes.push(`#${s.number} changes no file matching ${code(config.layout)}: nothing to check`);
    plan.verdict = { failed: false, message: `#${s.number} changes no enhancement proposal` };
    plan.outputs = { proposals: '[]', 'owning-sigs': '', problems: '0', shepherds: '' };
    return plan;
  }

  // 3. Pull-request-wide checks: the title and one proposal per pull request.
  const problems: Problem[] = proposals.flatMap((p) => p.problems);
  const numbers = [...new Set(proposals.map((p) => p.number).filter((n): n is number => n !== null))];
  if (numbers.length && !numbers.some((n) => titleHasPrefix(s.title, prefixFor(config, n)))) {
    problems.push({
      code: 'title-prefix',
      proposal: null,
      message: `Start the pull request title with ${code(`${prefixFor(config, numbers[0])}: `)} (the proposal's number); it is ${code(s.title)}.`,
    });
  }
  if (config['one-proposal-per-pr'] && proposals.length > 1) {
    problems.push({
      code: 'several-proposals',
      proposal: null,
      message: `This pull request changes ${proposals.length} proposals (${proposals.map((p) => code(p.ref.dir)).join(', ')}): split it so that each pull request changes exactly one proposal.`,
    });
  }

  // meta-VEP 282 "VEP Freeze": no proposal becomes implementable after its release's freeze.
  const freeze = judgeFreeze(
    proposalsBecomingImplementable(
      proposals.map((p) => ({ proposal: p.ref.dir, path: p.ref.documentPath })),
      s,
    ),
    s.freeze,
    config,
  );
  problems.push(...freeze.problems);
  plan.notes.push(...freeze.notes);

  // SIG sign-off and veto (docs/vep-sig-label.md "Sign-off and veto").
  const signOff = signOffFor(proposals, s, config);
  problems.push(...signOff.problems);

  // 2 + 4. Labels: the owning SIG's label, or needs-owning-sig while a proposal has none.
  const owningSigs = [...new Set(proposals.map((p) => p.owningSig).filter((f): f is string => f !== null))];
  const wanted = owningSigs.map((f) => sigLabel(config['sig-label'], f));
  if (proposals.some((p) => p.owningSig === null && !p.meta)) wanted.push(config['needs-owning-sig-label']);
  // meta-VEP 282 "GitHub Labels": added, never taken back (people and Prow's `/kind vep` add it too)
  const kind = kindLabelFor(
    config,
    proposals.map((p) => p.frontMatterParses === true),
  );
  if (kind) wanted.push(kind);
  plan.effects.push(
    ...labelEffects(s.number, s.labels, s.labelEvents, wanted, managed, {
      add: [
        owningSigs.length
          ? `the proposal's folder makes ${owningSigs.join(', ')} its owning SIG`
          : proposals.every((p) => p.meta)
            ? ''
            : 'every proposal needs exactly one owning SIG',
        kind ? `${kind}: the proposal's front matter parses (meta-VEP 282)` : '',
      ]
        .filter(Boolean)
        .join('; '),
      remove: 'the proposal is no longer in that SIG folder (label added by this action)',
    }),
  );

  // 6. Shepherds from the owning SIG's approvers.
  const shepherds: string[] = [];
  for (const folder of owningSigs) {
    const owners = s.sigOwners[folder];
    if (!owners?.found || owners.approvers.length === 0) {
      plan.notes.push(
        owners?.error
          ? `${folder}: cannot read ${owners.file}: ${owners.error}`
          : `${folder}: no approvers in ${owners?.file ?? 'its OWNERS file'}, so no shepherd can be requested`,
      );
      continue;
    }
    const proposalNumber = proposals.find((p) => p.owningSig === folder)?.number ?? s.number;
    const choice = chooseShepherds({
      number: proposalNumber,
      author: s.author,
      approvers: owners.approvers,
      requested: [...s.requestedReviewers, ...shepherds],
      reviewed: s.reviewers,
      count: config.shepherd.count,
    });
    if (choice.engaged.length) plan.notes.push(`${folder}: ${choice.engaged.join(', ')} already reviewing`);
    shepherds.push(...choice.request);
  }
  // Applied last: a request GitHub refuses (say, an approver without access) must not keep the
  // verdict from being written.
  const shepherdEffects: Effect[] = [];
  if (shepherds.length) {
    shepherdEffects.push({
      type: 'request-reviewers',
      number: s.number,
      reviewers: shepherds,
      why: `shepherd: the owning SIG reviews and approves its proposals (${owningSigs.join(', ')} OWNERS approvers)`,
    });
  }

  // 5. The verdict: a check run on the head commit, the job status, and one sticky comment.
  const failed = problems.length > 0 || signOff.blocked;
  const annotations: CheckAnnotation[] = problems
    .filter((p) => p.path)
    .map((p) => ({
      path: p.path!,
      start_line: p.line ?? 1,
      end_line: p.line ?? 1,
      annotation_level: 'failure',
      title: p.code,
      message: p.message.replace(/`/g, ''),
    }));
  // check-title.ts: the dashboard reads these titles back
  const title =
    !problems.length && signOff.blocked
      ? signOff.title
      : checkTitle(
          failed
            ? {
                kind: problems.some((p) => p.code === 'freeze') ? 'frozen' : 'problems',
                count: problems.length,
              }
            : {
                kind: 'passes',
                owners: [...owningSigs, ...(proposals.some((p) => p.meta) ? ['the maintainers'] : [])].join(
                  ', ',
                ),
              },
        );
  plan.effects.push({
    type: 'check-run',
    name: config['check-name'],
    headSha: s.headSha,
    number: s.number,
    status: 'completed',
    conclusion: failed ? 'failure' : 'success',
    title,
    summary: renderCheckSummary(proposals, problems, config, freeze.notices, signOff),
    ...(annotations.length ? { annotations } : {}),
    why: 'every proposal has one owning SIG, a tracking issue, a VEP title and valid front matter',
  });
  if (failed) {
    plan.effects.push(
      stickyComment(
        s,
        renderStatusComment(proposals, problems, config, freeze.notices, signOff),
        'the author needs to know exactly what to fix',
      ),
    );
  } else if (s.stickyComment || freeze.notices.length || signOff.mustSay) {
    plan.effects.push(
      stickyComment(
        s,
        renderResolvedComment(proposals, config, freeze.notices, signOff),
        s.stickyComment
          ? 'the earlier problems are fixed'
          : freeze.notices.length
            ? 'the author should know what the VEP Freeze check found'
            : 'a veto was ignored, and the person who wrote it should know why',
      ),
    );
  }

  plan.effects.push(...shepherdEffects);

  plan.verdict = {
    failed,
    message: failed
      ? [
          problems.length
            ? `#${s.number}: ${problems.length} problem${problems.length === 1 ? '' : 's'} with the enhancement proposal: ${problems.map((p) => p.message.replace(/`/g, '')).join(' | ')}`
            : `#${s.number}`,
          ...(signOff.blocked ? [`sign-off: ${signOff.result!.blocking.join('; ')}`] : []),
        ].join(problems.length ? ' | ' : ': ')
      : `#${s.number}: ${proposals.map((p) => `${p.ref.dir} owned by ${p.owningSig ?? (p.meta ? 'the maintainers' : 'no SIG')}`).join('; ')}`,
  };
  plan.outputs = {
    proposals: JSON.stringify(
      proposals.map((p) => ({ path: p.ref.dir, number: p.number, sig: p.owningSig })),
    ),
    'owning-sigs': owningSigs.join(','),
    problems: String(problems.length),
    shepherds: shepherds.join(','),
  };
  return plan;
}

function stickyComment(s: PullSnapshot, body: string, why: string): Effect {
  return {
    type: 'comment',
    number: s.number,
    marker: STATUS_MARKER,
    mode: 'sticky',
    body,
    existing: s.stickyComment,
    why,
  };
}

/** Behaviours 2 and 3 for one proposal: SIG folder, folder name, document, tracking issue, front matter. */
export function checkProposal(
  ref: ProposalRef,
  s: Pick<
    PullSnapshot,
    'documents' | 'trackingIssues' | 'baseDocuments' | 'baseUnreadable' | 'defaultBranch' | 'movedFrom'
  >,
  config: VepConfig,
  layout: Layout,
): ProposalResult {
  const problems: Problem[] = [];
  const problem = (p: Omit<Problem, 'proposal' | 'path' | 'line'> & { line?: number }) =>
    problems.push({ proposal: ref.dir, path: ref.documentPath, line: 1, ...p });
  const known = config.sigs.map((f) => code(f)).join(', ');
  const number = ref.number ?? leadingNumber(ref.folderName);
  const folderForMessages = ref.number !== null ? ref.folderName : suggestFolderName(ref.folderName, number);
  const meta = isMetaProposal(ref, config);

  // 2. Exactly one owning SIG: the {sig} folder, which must be a known SIG.
  let owningSig: string | null = null;
  if (ref.sigFolder === null) {
    problem({
      code: 'outside-sig-folder',
      message: `${code(ref.dir)} is not inside a SIG folder. Every proposal is owned by exactly one SIG: move it to ${code(documentPathFor(layout, '<sig>', folderForMessages))}, where ${code('<sig>')} is one of ${config.sigs.map((f) => code(f)).join(', ')}.`,
    });
  } else if (meta) {
    // a process change: owned by the maintainers, so it needs no SIG (front-matter.meta-folders)
  } else if (!config.sigs.includes(ref.sigFolder)) {
    const closest = closestSig(ref.sigFolder, config.sigs);
    const move = closest ? code(documentPathFor(layout, closest, folderForMessages)) : '';
    problem({
      code: 'unknown-sig',
      message: `${code(ref.sigFolder)} is not a known SIG (the known SIGs are ${known || 'none: the configuration lists no SIGs'}). ${
        !closest
          ? `Add the owning SIG to ${code('vep.sigs')} in ${code(CONFIG_FILE)}.`
          : looksLikeTypo(ref.sigFolder, closest)
            ? `Did you mean ${code(closest)}? Move the proposal to ${move}.`
            : // No known SIG is spelled like it: naming the nearest one would only mislead.
              `Move the proposal into the folder of the SIG that owns it, e.g. ${code(documentPathFor(layout, '<sig>', folderForMessages))}; if ${code(ref.sigFolder)} is a SIG, add it to ${code('vep.sigs')} in ${code(CONFIG_FILE)}.`
      }`,
    });
  } else {
    owningSig = ref.sigFolder;
  }

  // 3. The folder is named <number>-<kebab-slug>.
  if (ref.number === null || (layout.dirTemplate.includes('{slug}') && ref.slug === null)) {
    problem({
      code: 'folder-name',
      message: `Rename the folder ${code(ref.folderName)} to ${code(layout.dirTemplate)}: the tracking issue's number, then the title in lowercase words joined by hyphens${
        folderForMessages !== ref.folderName ? `, e.g. ${code(folderForMessages)}` : ''
      }.`,
    });
  }

  const text = s.documents[ref.documentPath];
  if (text === null || text === undefined) {
    problem({
      code: 'document-missing',
      message: `The proposal folder ${code(ref.dir)} has no ${code(ref.documentPath.split('/').pop()!)}: add the proposal there (copy the VEP template).`,
    });
  }

  // 3. {number} is an issue of this repository carrying the tracking label.
  if (config['tracking-issue'].required && number !== null) {
    const issue = s.trackingIssues[number];
    const label = config['tracking-issue'].label;
    if (!issue) {
      problem({
        code: 'tracking-issue-missing',
        message: `There is no issue #${number} in this repository. Open a tracking issue labelled ${code(label)} first; the proposal's folder, title and ${code('vep-number')} use that issue's number.`,
      });
    } else if (issue.isPull) {
      problem({
        code: 'tracking-issue-is-pull',
        message: `#${number} is a pull request, not a tracking issue. Open a tracking issue labelled ${code(label)} and use its number for the folder and the title.`,
      });
    } else if (!issue.labels.some((l) => eq(l, label))) {
      problem({
        code: 'tracking-issue-unlabelled',
        message: `Issue #${number} is not labelled ${code(label)}: add the label (or ask a triager to) so that it tracks this proposal.`,
      });
    }
  }

  // 3. Front matter, when present or required.
  let frontMatterParses = false;
  if (typeof text === 'string') {
    const fm = checkFrontMatter({
      text,
      path: ref.documentPath,
      proposal: ref.dir,
      folderNumber: number,
      folderSig: meta ? null : ref.sigFolder,
      required: config['front-matter'].required,
      owningSigMustMatchFolder: config['front-matter']['owning-sig-must-match-folder'],
    });
    problems.push(...fm.problems);
    problems.push(
      ...checkFrontMatterRules({ ref, text, facts: fm.facts, snapshot: s, config, number, meta }),
    );
    frontMatterParses = fm.facts.present;
  }
  return { ref, owningSig, number, problems, meta, frontMatterParses };
}

/** Close enough to be a slip of the keyboard: at most a third of the name differs. */
function looksLikeTypo(typed: string, known: string): boolean {
  const d = editDistance(typed.toLowerCase(), known.toLowerCase());
  return d <= Math.max(2, Math.floor(known.length / 3));
}

export function prefixFor(config: VepConfig, number: number): string {
  return config['pr-title-prefix'].split('{number}').join(String(number));
}

/** The title starts with the prefix, not followed by another digit (`VEP-12` is not `VEP-123`). */
export function titleHasPrefix(title: string, prefix: string): boolean {
  const t = title.trimStart();
  return t.startsWith(prefix) && !/^[0-9]/.test(t.slice(prefix.length));
}

/** `12_Passt Binding` -> `12-passt-binding`; without a number, `<number>-passt-binding`. */
export function suggestFolderName(name: string, number: number | null): string {
  const rest = name.replace(/^\d+/, '');
  const slug = rest
    .replace(/([a-z0-9])([A-Z])/g, '$1-$2')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return `${number ?? '<number>'}-${slug || '<slug>'}`;
}

// ---------------------------------------------------------------------------------------------
// Tracking issues (behaviour 8)
// ---------------------------------------------------------------------------------------------

export function decideTrackingIssue(s: IssueSnapshot, config: VepConfig): Plan {
  const plan = emptyPlan(ACTION);
  plan.labelCatalog = labelCatalog(config);
  const trackingLabel = config['tracking-issue'].label;
  if (s.isPull || !s.labels.some((l) => eq(l, trackingLabel))) {
    plan.notes.push(`#${s.number} is not a tracking issue (no ${trackingLabel} label): nothing to do`);
    return plan;
  }
  // Commands count only from people with triage permission; bots are never people.
  const allowed = s.comments.filter(
    (c) =>
      !isBot(c.author, c.authorType) && atLeast(s.permissions[c.author] ?? 'none', SIG_COMMAND_PERMISSION),
  );
  const owning = owningSigOfIssue(s.body, allowed, config.sigs);
  plan.notes.push(`#${s.number}: ${owning.source}`);
  if (owning.unknown.length) {
    plan.notes.push(
      `#${s.number}: ignored unknown SIG name(s) ${owning.unknown.map((u) => code(u)).join(', ')}; known: ${config.sigs.join(', ')}`,
    );
  }
  const wanted = owning.folder
    ? [sigLabel(config['sig-label'], owning.folder)]
    : [config['needs-owning-sig-label']];
  plan.effects.push(
    ...labelEffects(s.number, s.labels, s.labelEvents, wanted, managedBy(config), {
      add: owning.folder ? `owning SIG: ${owning.source}` : 'the tracking issue names no owning SIG yet',
      remove: 'no longer the owning SIG (label added by this action)',
    }),
  );
  plan.verdict = {
    failed: false,
    message: owning.folder
      ? `#${s.number} is owned by ${owning.folder}`
      : `#${s.number} has no owning SIG yet`,
  };
  plan.outputs = { 'owning-sigs': owning.folder ?? '' };
  return plan;
}

// ---------------------------------------------------------------------------------------------
// Escalation sweep (behaviour 9)
// ---------------------------------------------------------------------------------------------

export function decideSweep(
  s: SweepSnapshot,
  config: VepConfig,
  calendar: BusinessCalendar,
  now: Date,
): Plan {
  const plan = emptyPlan(ACTION);
  plan.labelCatalog = labelCatalog(config);
  const layout = compileLayout(config.layout, config.ignore);
  const esc = config.escalation;
  const sigAfter = parseDuration(esc['sig-after'], CONFIG_FILE, 'vep.escalation.sig-after');
  const maintainersAfter = parseDuration(
    esc['maintainers-after'],
    CONFIG_FILE,
    'vep.escalation.maintainers-after',
  );
  const escalated: number[] = [];
  const unreadable: number[] = [];
  const board: VepEntry[] = []; // the dashboard section (docs/dashboard.md "Proposals")
  let proposalPulls = 0;

  for (const pr of s.pulls) {
    // Fail closed: a partial history could hide the SIG's response or the action's own label.
    if (pr.unreadable) {
      plan.notes.push(`#${pr.number}: not judged: ${pr.unreadable}`);
      unreadable.push(pr.number);
      board.push({
        number: pr.number,
        title: pr.title,
        sigs: [],
        stage: { kind: 'unreadable', why: pr.unreadable },
      });
      continue;
    }
    const proposals = proposalsTouched(layout, pr.paths);
    if (!proposals.length) continue;
    proposalPulls++;
    const sigs = [
      ...new Set(
        proposals.map((p) => p.sigFolder).filter((f): f is string => f !== null && config.sigs.includes(f)),
      ),
    ];
    if (!sigs.length) {
      plan.notes.push(
        `#${pr.number}: no owning SIG yet (labelled ${config['needs-owning-sig-label']}), nobody to escalate to`,
      );
      board.push({
        number: pr.number,
        title: pr.title,
        sigs,
        stage: { kind: 'no-owning-sig' },
        ...checked(pr),
      });
      continue;
    }
    if (pr.draft) {
      plan.notes.push(`#${pr.number}: draft, not waiting for review`);
      board.push({ number: pr.number, title: pr.title, sigs, stage: { kind: 'draft' }, ...checked(pr) });
      continue;
    }
    const approvers = [...new Set(sigs.flatMap((f) => s.sigOwners[f]?.approvers ?? []))];
    const posted: Record<EscalationStage, string[]> = { sig: [], maintainers: [] };
    for (const stage of ['sig', 'maintainers'] as const) {
      for (const c of pr.botComments) {
        if (findMarked([c], ESCALATION_MARKERS[stage])) posted[stage].push(c.at);
      }
    }
    const d = decideEscalation({
      author: pr.author,
      createdAt: pr.createdAt,
      lastPushAt: pr.lastPushAt,
      approvers,
      activity: pr.activity,
      posted,
      now,
      sigAfter,
      maintainersAfter,
      calendar,
    });
    plan.notes.push(
      `#${pr.number} (${sigs.join(', ')}): quiet since ${d.since.toISOString()} (${d.sinceWhat}); ${
        d.stage ? `stage ${d.stage}` : `SIG ping due ${d.sigDue.toISOString()}`
      }${d.stage && !d.post.length ? ', already escalated' : ''}`,
    );
    board.push({
      number: pr.number,
      title: pr.title,
      sigs,
      stage: boardStage(d),
      ...checked(pr),
      // docs/vep-sig-label.md "Shepherds": an approver asked to review, or who reviewed
      awaitingShepherd: !approvers.some((a) => pr.reviewersEngaged.some((r) => eq(r, a))),
    });
    const pingable = approvers.filter((a) => !eq(a, pr.author));
    for (const stage of d.post) {
      if (stage === 'sig' && pingable.length === 0) {
        plan.notes.push(
          `#${pr.number}: ${sigs.join(', ')} list no approvers in OWNERS; the maintainers' stage follows at ${d.maintainersDue.toISOString()}`,
        );
        continue;
      }
      plan.effects.push({
        type: 'comment',
        number: pr.number,
        marker: ESCALATION_MARKERS[stage],
        mode: 'once',
        body: renderEscalation(stage, {
          sigs,
          approvers: pingable,
          maintainers: s.maintainers,
          maintainersSource: s.maintainersSource,
          quietFor: stage === 'sig' ? esc['sig-after'] : esc['maintainers-after'],
          since: d.since,
          label: esc.label,
        }),
        existing: null,
        why:
          stage === 'sig'
            ? `no review or comment from the owning SIG's approvers for ${esc['sig-after']}`
            : `still no response from the owning SIG after ${esc['maintainers-after']}: "the VEP author can consult the maintainers"`,
      });
      escalated.push(pr.number);
    }
    // The escalation label follows the stage: on at the maintainers' stage, and taken back (only
    // if this action put it there) once the SIG responds.
    const wanted = d.stage === 'maintainers' ? [esc.label] : [];
    plan.effects.push(
      ...labelEffects(pr.number, pr.labels, pr.labelEvents, wanted, (l) => eq(l, esc.label), {
        add: `no response from the owning SIG for ${esc['maintainers-after']}`,
        remove: 'the owning SIG responded',
      }),
    );
  }
  plan.notes.unshift(`${s.pulls.length} open pull request(s), ${proposalPulls} change a proposal`);
  const done = `escalation sweep: ${escalated.length ? `escalated #${escalated.join(', #')}` : 'nothing to escalate'}`;
  plan.verdict = unreadable.length
    ? {
        failed: true,
        message: `${done}; #${unreadable.join(', #')} not judged: could not be read completely (see the notes)`,
      }
    : { failed: false, message: done };
  plan.outputs = { escalated: escalated.join(',') };
  plan.dashboard = vepSection(board, calendar);
  return plan;
}

/** The dashboard's view of this action's own check run (head-check.ts). */
function checked(pr: SweepPull): Pick<VepEntry, 'check'> {
  return { check: pr.headChecks };
}

function boardStage(d: ReturnType<typeof decideEscalation>): VepStage {
  if (d.stage === 'maintainers') return { kind: 'escalated-maintainers' };
  if (d.stage === 'sig') return { kind: 'escalated-sig', maintainersDue: d.maintainersDue.toISOString() };
  return { kind: 'awaiting-review', sigDue: d.sigDue.toISOString() };
}
