/**
 * The one applier: executes a Plan's effects in order, skipping what is already true, so a re-run
 * (after a crash, a retry, or a concurrent run) converges without duplicates. In dry-run it reads
 * nothing and writes nothing.
 *
 * Effects are grouped by the item they belong to (itemOf): one item's failed effect skips that
 * item's later effects, which may depend on it, and every other item is still applied, so one
 * broken item never keeps a sweep from the rest. The report lists each failed item and why; the
 * next run plans again from the state it finds.
 *
 * Every text is fitted to GitHub's limits here (limits.ts), whatever the decide module rendered,
 * so no write is refused for its size.
 */
import { createHash } from 'node:crypto';
import { applyDashboardSection } from '../dashboard/apply.js';
import type { RepoClient } from '../github/repo.js';
import { statusOf } from '../github/repo.js';
import { describeEffect, itemOf, type CheckAnnotation, type Effect, type Plan } from './effects.js';
import { bytesOf, fitLine, fitText, LIMITS } from './limits.js';
import { findMarked, isMarked, storedCommentBody, withMarker } from './markers.js';

export type Outcome = 'applied' | 'already-true' | 'dry-run' | 'failed' | 'not-attempted' | 'deferred';

export interface EffectResult {
  effect: Effect;
  outcome: Outcome;
  detail?: string;
}

/** An item whose effects could not all be applied: the first failure, in words. */
export interface ItemFailure {
  item: string;
  effect: Effect;
  detail: string;
}

/** "#3: could not merge (squash): …", naming the item once */
export function describeFailure(f: ItemFailure): string {
  const what = describeEffect(f.effect);
  const action = what.startsWith(`${f.item}: `) ? what.slice(f.item.length + 2) : what;
  return `${f.item}: could not ${action}: ${f.detail}`;
}

export interface ApplyReport {
  results: EffectResult[];
  /** set when any item failed: names every failed item */
  error?: Error;
  /** each item that failed, in plan order */
  failures: ItemFailure[];
  /** effects left for the next run because the write budget was spent */
  deferred: number;
}

export interface ApplyLogger {
  info(message: string): void;
  warning(message: string): void;
}

const DEFAULT_LABEL_COLOR = 'c5def5';
/** how far back a concurrent run's identical comment can be: runs take seconds, not minutes */
const RACE_WINDOW_MS = 10 * 60 * 1000;

/** A check run's output within GitHub's limits (the comparison with the current run uses it too). */
export function fittedCheck<T extends Extract<Effect, { type: 'check-run' }>>(e: T): T {
  return {
    ...e,
    title: fitLine(e.title, LIMITS.title),
    summary: fitText(e.summary, LIMITS.checkOutput, bytesOf),
    ...(e.text !== undefined ? { text: fitText(e.text, LIMITS.checkOutput, bytesOf) } : {}),
    ...(e.annotations
      ? {
          annotations: e.annotations.map((a) => ({
            ...a,
            message: fitText(a.message, LIMITS.annotationMessage, bytesOf),
            ...(a.title !== undefined ? { title: fitLine(a.title, LIMITS.annotationTitle) } : {}),
          })),
        }
      : {}),
  };
}

export async function applyPlan(
  gh: RepoClient,
  plan: Plan,
  opts: {
    dryRun: boolean;
    log: ApplyLogger;
    /**
     * Writes this run may make. A sweep that finds many items due stops here and leaves the rest
     * to the next run (effects are idempotent), so one run never drains the repository's hourly
     * token budget (GITHUB_TOKEN: 1,000 requests an hour).
     */
    maxWrites?: number;
  },
): Promise<ApplyReport> {
  const results: EffectResult[] = [];
  const failures: ItemFailure[] = [];
  const failedItems = new Map<string, ItemFailure>();
  const applier = new Applier(gh, plan);
  const writesAtStart = gh.writes;
  const report = (deferred: number): ApplyReport => ({
    results,
    failures,
    deferred,
    ...(failures.length
      ? {
          error: new Error(
            `${failures.length} item(s) could not be brought up to date (every other item was): ${failures
              .map(describeFailure)
              .join('; ')}`,
          ),
        }
      : {}),
  });
  for (let i = 0; i < plan.effects.length; i++) {
    const effect = plan.effects[i];
    if (opts.dryRun) {
      opts.log.info(`[dry-run] ${describeEffect(effect)} — ${effect.why}`);
      results.push({ effect, outcome: 'dry-run' });
      continue;
    }
    if (opts.maxWrites !== undefined && gh.writes - writesAtStart >= opts.maxWrites) {
      const rest = plan.effects.slice(i);
      opts.log.warning(
        `write budget of ${opts.maxWrites} spent: ${rest.length} effect(s) deferred to the next run`,
      );
      for (const e of rest) results.push({ effect: e, outcome: 'deferred' });
      return report(rest.length);
    }
    const item = itemOf(effect);
    const earlier = failedItems.get(item);
    if (earlier) {
      // this item's later effects may depend on the one that failed
      results.push({ effect, outcome: 'not-attempted', detail: `${item} failed earlier in this run` });
      continue;
    }
    try {
      const { outcome, detail } = await applier.apply(effect);
      opts.log.info(
        `${outcome === 'applied' ? 'applied' : 'already true'}: ${describeEffect(effect)}${detail ? ` (${detail})` : ''}`,
      );
      results.push({ effect, outcome, detail });
    } catch (e) {
      const error = e instanceof Error ? e : new Error(String(e));
      const detail = `${statusOf(e) ? `HTTP ${statusOf(e)}: ` : ''}${error.message}`;
      opts.log.warning(
        `failed: ${describeEffect(effect)}: ${detail} (${item}: its later effects are skipped; other items go on)`,
      );
      results.push({ effect, outcome: 'failed', detail });
      const failure = { item, effect, detail };
      failedItems.set(item, failure);
      failures.push(failure);
    }
  }
  return report(0);
}

class Applier {
  private repoLabels: Promise<Set<string>> | undefined;

  constructor(
    private readonly gh: RepoClient,
    private readonly plan: Plan,
  ) {}

  private get o() {
    return this.gh.octokit.rest;
  }

  async apply(e: Effect): Promise<{ outcome: Outcome; detail?: string }> {
    const ref = this.gh.ref;
    switch (e.type) {
      case 'add-labels': {
        assertLabelNames(e.labels);
        await this.ensureLabels(e.labels);
        await this.o.issues.addLabels({ ...ref, issue_number: e.number, labels: e.labels });
        return { outcome: 'applied' };
      }
      case 'remove-labels': {
        let removed = 0;
        for (const name of e.labels) {
          try {
            await this.o.issues.removeLabel({ ...ref, issue_number: e.number, name });
            removed++;
          } catch (err) {
            if (statusOf(err) !== 404) throw err;
          }
        }
        return { outcome: removed ? 'applied' : 'already-true' };
      }
      case 'comment':
        return this.comment(e);
      case 'check-run':
        return this.checkRun(e);
      case 'request-reviewers': {
        await this.o.pulls.requestReviewers({
          ...ref,
          pull_number: e.number,
          reviewers: e.reviewers,
          ...(e.teamReviewers?.length ? { team_reviewers: e.teamReviewers } : {}),
        });
        return { outcome: 'applied' };
      }
      case 'open-pull':
        return this.openPull(e);
      case 'rebuild-pull-branch': {
        const sha = await this.commitOnBase(e.base, e.files, e.commitMessage);
        await this.o.git.updateRef({ ...ref, ref: `heads/${e.branch}`, sha, force: true });
        return { outcome: 'applied', detail: sha.slice(0, 7) };
      }
      case 'merge-pull': {
        const { data: pr } = await this.o.pulls.get({ ...ref, pull_number: e.number });
        if (pr.merged) return { outcome: 'already-true' };
        const { data } = await this.o.pulls.merge({
          ...ref,
          pull_number: e.number,
          merge_method: e.method,
          ...(e.sha ? { sha: e.sha } : {}),
        });
        return { outcome: 'applied', detail: data.sha?.slice(0, 7) };
      }
      case 'delete-branch': {
        try {
          await this.o.git.deleteRef({ ...ref, ref: `heads/${e.branch}` });
          return { outcome: 'applied' };
        } catch (err) {
          if (statusOf(err) === 404 || statusOf(err) === 422) return { outcome: 'already-true' };
          throw err;
        }
      }
      case 'update-issue': {
        await this.o.issues.update({
          ...ref,
          issue_number: e.number,
          ...(e.title !== undefined ? { title: fitLine(e.title, LIMITS.title) } : {}),
          ...(e.body !== undefined ? { body: fitText(e.body, LIMITS.body) } : {}),
          ...(e.state ? { state: e.state } : {}),
          ...(e.stateReason ? { state_reason: e.stateReason } : {}),
        });
        return { outcome: 'applied' };
      }
      case 'dashboard-section':
        return applyDashboardSection(this.gh, e, (names) => this.ensureLabels(names));
      case 'create-issue': {
        const marked = async () => {
          const open = await this.gh.octokit.paginate(this.o.issues.listForRepo, {
            ...ref,
            state: 'open',
            labels: e.labels[0],
            per_page: 100,
          });
          // oldest first: the one every run keeps
          return open
            .filter((i) => !i.pull_request && isMarked(i.body ?? '', e.marker))
            .sort((a, b) => a.number - b.number);
        };
        await this.ensureLabels(e.labels); // first, so the look-up below is as fresh as it can be
        const [existing] = await marked();
        if (existing) return { outcome: 'already-true', detail: `#${existing.number}` };
        const { data } = await this.o.issues.create({
          ...ref,
          title: fitLine(e.title, LIMITS.title),
          body: fitText(withMarker(e.marker, e.body), LIMITS.body),
          labels: e.labels,
        });
        // Two runs that both looked before either opened both open: issues cannot be deleted,
        // so the newer one is closed as not planned and the oldest stays the one audit issue.
        const [first] = await marked();
        if (first && first.number !== data.number) {
          await this.o.issues.update({
            ...ref,
            issue_number: data.number,
            state: 'closed',
            state_reason: 'not_planned',
            body: `Duplicate of #${first.number} (opened by a concurrent run).`,
          });
          return { outcome: 'already-true', detail: `#${first.number}; closed duplicate #${data.number}` };
        }
        return { outcome: 'applied', detail: `#${data.number}` };
      }
    }
  }

  private async comment(
    e: Extract<Effect, { type: 'comment' }>,
  ): Promise<{ outcome: Outcome; detail?: string }> {
    const ref = this.gh.ref;
    const body = storedCommentBody(e.marker, e.body);
    // undefined: look the marked comment up. null: the gather found none (or the action wants a
    // new one beside older ones, like a new escalation): trusted, and a race with a concurrent
    // run is settled after posting, below, at the cost of one request instead of a full listing.
    const existing = e.existing === undefined ? await this.findComment(e) : e.existing;
    if (existing) {
      if (e.mode === 'once' || existing.body === body) return { outcome: 'already-true' };
      await this.o.issues.updateComment({ ...ref, comment_id: existing.id, body });
      return { outcome: 'applied', detail: 'edited' };
    }
    const { data: created } = await this.o.issues.createComment({ ...ref, issue_number: e.number, body });
    // Two runs that both looked before either posted both post the same comment. The oldest
    // wins: each run deletes its own if an older one exists, so the pair converges on one. A
    // racing twin is recent, so only the last minutes' comments are read.
    const recent = new Date(Date.parse(created.created_at) - RACE_WINDOW_MS).toISOString();
    const first = await this.findComment(e, body, recent);
    if (first && first.id !== created.id) {
      await this.o.issues.deleteComment({ ...ref, comment_id: created.id });
      return { outcome: 'already-true', detail: 'a concurrent run posted it first' };
    }
    return { outcome: 'applied', detail: 'posted' };
  }

  /** The oldest bot comment with the effect's marker (and, when given, exactly this body). */
  private async findComment(
    e: Extract<Effect, { type: 'comment' }>,
    body?: string,
    since?: string,
  ): Promise<{ id: number; body: string } | null> {
    const comments = await this.gh.listComments(e.number, since);
    const found = findMarked(
      body === undefined ? comments : comments.filter((c) => c.body === body),
      e.marker,
    );
    return found ? { id: found.id, body: found.body } : null;
  }

  private async checkRun(
    planned: Extract<Effect, { type: 'check-run' }>,
  ): Promise<{ outcome: Outcome; detail?: string }> {
    const ref = this.gh.ref;
    const e = fittedCheck(planned);
    const { data } = await this.o.checks.listForRef({
      ...ref,
      ref: e.headSha,
      check_name: e.name,
      filter: 'latest',
    });
    const current = data.check_runs[0];
    const annotations = e.annotations ?? [];
    const conclusion = e.status === 'completed' ? (e.conclusion ?? 'neutral') : undefined;
    const fingerprint = checkFingerprint(e);
    if (
      current &&
      current.status === e.status &&
      (current.conclusion ?? undefined) === conclusion &&
      current.external_id === fingerprint
    )
      return { outcome: 'already-true' };
    const batches: CheckAnnotation[][] = [];
    for (let i = 0; i < annotations.length; i += LIMITS.annotationsPerRequest)
      batches.push(annotations.slice(i, i + LIMITS.annotationsPerRequest));
    if (!batches.length) batches.push([]);
    // The fingerprint rides on the last request only: a run killed between batches leaves a check
    // without it, which the next run writes again.
    const body = (index: number) => ({
      ...(index === batches.length - 1 ? { external_id: fingerprint } : {}),
      output: {
        title: e.title,
        summary: e.summary,
        ...(e.text ? { text: e.text } : {}),
        ...(batches[index].length ? { annotations: batches[index] } : {}),
      },
    });
    const state = { status: e.status, ...(conclusion ? { conclusion } : {}) };
    // GitHub APPENDS the annotations of an update to the run's earlier ones, and shows the newest
    // run of a name: a run that carries annotations is never updated with others (it would go on
    // showing findings that were fixed, and repeat the ones that were not): a new run replaces it.
    // A completed run is history too: a new period (e.g. a restarted notice) gets a new run.
    const reusable =
      current &&
      (current.output.annotations_count ?? 0) === 0 &&
      !(current.status === 'completed' && e.status !== 'completed');
    let id: number;
    if (reusable) {
      id = current.id;
      await this.o.checks.update({ ...ref, check_run_id: id, ...state, ...body(0) });
    } else {
      const created = await this.o.checks.create({
        ...ref,
        name: e.name,
        head_sha: e.headSha,
        ...state,
        ...body(0),
      });
      id = created.data.id;
    }
    for (let i = 1; i < batches.length; i++)
      await this.o.checks.update({ ...ref, check_run_id: id, ...body(i) });
    return { outcome: 'applied', detail: reusable ? 'updated' : 'created' };
  }

  private async openPull(
    e: Extract<Effect, { type: 'open-pull' }>,
  ): Promise<{ outcome: Outcome; detail?: string }> {
    const ref = this.gh.ref;
    const openPull = async () => {
      const { data } = await this.o.pulls.list({
        ...ref,
        state: 'open',
        head: `${ref.owner}:${e.branch}`,
        per_page: 1,
      });
      return data[0];
    };
    const open = await openPull();
    if (open) {
      // A run that died between opening and labelling left it unlabelled, and actions find their
      // pull requests by label: finish that part (the listing already carries the labels). The
      // label is written last (below), so a missing label means the reviewers may be missing too.
      const have = new Set(
        (open.labels ?? []).map((l) => (typeof l === 'string' ? l : l.name).toLowerCase()),
      );
      const missing = (e.labels ?? []).filter((l) => !have.has(l.toLowerCase()));
      if (!missing.length) return { outcome: 'already-true', detail: `#${open.number}` };
      await this.finishPull(open.number, { ...e, labels: missing });
      return { outcome: 'applied', detail: `#${open.number}: labelled` };
    }
    const sha = await this.commitOnBase(e.base, e.files, e.commitMessage);
    try {
      await this.o.git.createRef({ ...ref, ref: `refs/heads/${e.branch}`, sha });
    } catch (err) {
      if (statusOf(err) !== 422) throw err;
      // The branch exists: a concurrent run may have opened the pull request meanwhile.
      const opened = await openPull();
      if (opened) return { outcome: 'already-true', detail: `#${opened.number}` };
      // A branch left over from an interrupted run: move it to the fresh commit.
      await this.o.git.updateRef({ ...ref, ref: `heads/${e.branch}`, sha, force: true });
    }
    let pr: { number: number };
    try {
      pr = (
        await this.o.pulls.create({
          ...ref,
          title: fitLine(e.title, LIMITS.title),
          body: fitText(e.body, LIMITS.body),
          head: e.branch,
          base: e.base,
        })
      ).data;
    } catch (err) {
      // 422 "A pull request already exists": a concurrent run won the race; its labels and
      // reviewers are its own to add.
      const opened = statusOf(err) === 422 ? await openPull() : undefined;
      if (opened) return { outcome: 'already-true', detail: `#${opened.number}` };
      throw err;
    }
    await this.finishPull(pr.number, e);
    return { outcome: 'applied', detail: `#${pr.number}` };
  }

  /**
   * Reviewers, then labels: the label is how runs find the pull request and the last write of an
   * opening, so a run killed before it leaves a pull request the next run recognises as
   * unfinished (requesting the same reviewers again changes nothing).
   */
  private async finishPull(number: number, e: { labels?: string[]; reviewers?: string[] }): Promise<void> {
    const ref = this.gh.ref;
    if (e.reviewers?.length)
      await this.o.pulls.requestReviewers({ ...ref, pull_number: number, reviewers: e.reviewers });
    if (e.labels?.length) {
      await this.ensureLabels(e.labels);
      await this.o.issues.addLabels({ ...ref, issue_number: number, labels: e.labels });
    }
  }

  /** A commit whose parent is the current head of `base`, with `files` changed. */
  private async commitOnBase(
    base: string,
    files: Record<string, string | null>,
    message: string,
  ): Promise<string> {
    const ref = this.gh.ref;
    const { data: head } = await this.o.git.getRef({ ...ref, ref: `heads/${base}` });
    const parent = head.object.sha;
    const { data: parentCommit } = await this.o.git.getCommit({ ...ref, commit_sha: parent });
    const { data: tree } = await this.o.git.createTree({
      ...ref,
      base_tree: parentCommit.tree.sha,
      tree: Object.entries(files).map(([path, content]) =>
        content === null
          ? { path, mode: '100644' as const, type: 'blob' as const, sha: null }
          : { path, mode: '100644' as const, type: 'blob' as const, content },
      ),
    });
    const { data: commit } = await this.o.git.createCommit({
      ...ref,
      message,
      tree: tree.sha,
      parents: [parent],
    });
    return commit.sha;
  }

  /** Create labels the plan uses that the repository lacks, with the plan's colours and descriptions. */
  private async ensureLabels(names: string[]): Promise<void> {
    assertLabelNames(names);
    this.repoLabels ??= this.gh.listRepoLabels().then((ls) => new Set(ls.map((l) => l.toLowerCase())));
    const known = await this.repoLabels;
    for (const name of names) {
      if (known.has(name.toLowerCase())) continue;
      const info = this.plan.labelCatalog?.[name];
      try {
        await this.o.issues.createLabel({
          ...this.gh.ref,
          name,
          color: info?.color ?? DEFAULT_LABEL_COLOR,
          ...(info?.description ? { description: info.description.slice(0, 100) } : {}),
        });
      } catch (err) {
        if (statusOf(err) !== 422) throw err; // 422: created meanwhile by a concurrent run
      }
      known.add(name.toLowerCase());
    }
  }
}

/**
 * A label name over GitHub's limit cannot be shortened (it would be another label, and every run
 * would add it again): the configuration check refuses such names, and this item fails if one
 * still reaches here.
 */
function assertLabelNames(names: string[]): void {
  const long = names.find((n) => n.length > LIMITS.labelName);
  if (long)
    throw new Error(`label "${fitLine(long, 60)}" is longer than GitHub's ${LIMITS.labelName} characters`);
}

/**
 * What a check run shows (status, conclusion, output, every annotation), hashed into its
 * `external_id`: the run is up to date when the hash matches, whatever the listing leaves out
 * (it carries no annotations, and counts are blind to a changed message).
 */
function checkFingerprint(e: Extract<Effect, { type: 'check-run' }>): string {
  const shown = [e.status, e.conclusion ?? '', e.title, e.summary, e.text ?? '', e.annotations ?? []];
  return `governance-actions:${createHash('sha256').update(JSON.stringify(shown)).digest('hex').slice(0, 40)}`;
}
