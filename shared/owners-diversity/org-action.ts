/**
 * The organisation-wide modes of owners-diversity-check (docs/owners-diversity-check.md "Across
 * an organisation"), chosen by the inputs `repositories` and `org-mode`:
 * - single: read every repository and decide in this job;
 * - list: emit the shards for a matrix (output `shards`), read nothing else, write nothing;
 * - shard: read this shard's repositories into `shard-dir` for an artifact, write nothing;
 * - merge: read every shard in `shard-dir`, decide once, keep the audit issue.
 */
import type { OwnersDiversityConfig } from '../config/types.js';
import { emptyPlan, type Plan } from '../plan/effects.js';
import type { ActionContext } from '../runtime/context.js';
import { ACTION } from './decide.js';
import { decideOrgAudit } from './org-decide.js';
import { gatherOrgAudit, gatherOrgRepositories } from './org-gather.js';
import { parseRepositories, selectRepositories } from '../github/org-repositories.js';
import {
  coverSelection,
  notSelectedNote,
  parseOrgMode,
  readShards,
  shardRepositories,
  writeShard,
} from './org-shards.js';

const DEFAULT_SHARD_SIZE = 20;
const DEFAULT_SHARD_DIR = 'owners-diversity-shards';

/** The plan of an organisation-wide run, or undefined when `repositories` is not set. */
export async function runOrgAudit(
  ctx: ActionContext,
  config: OwnersDiversityConfig,
): Promise<Plan | undefined> {
  const input = ctx.input('repositories').trim();
  const mode = parseOrgMode(ctx.input('org-mode'));
  if (!input) {
    if (mode !== 'single') throw new Error(`input org-mode ${mode} needs the input repositories`);
    return undefined;
  }
  const names = await selectRepositories(ctx.gh, parseRepositories(input, ctx.gh.owner));
  const dir = ctx.input('shard-dir') || DEFAULT_SHARD_DIR;
  if (mode === 'list') {
    const shards = shardRepositories(names, Number(ctx.input('shard-size') || DEFAULT_SHARD_SIZE));
    const plan = emptyPlan(ACTION);
    plan.notes.push(`${names.length} repositories in ${shards.length} shard(s)`);
    plan.outputs = { shards: JSON.stringify(shards.map((s) => s.join(','))) };
    return plan;
  }
  if (mode === 'shard') {
    const repos = await gatherOrgRepositories(ctx.gh, names, config);
    const file = writeShard(dir, ctx.gh.owner, repos);
    const plan = emptyPlan(ACTION);
    plan.notes.push(`read ${repos.length} repositories into ${file}; the merge job decides`);
    plan.outputs = { 'shard-file': file };
    return plan;
  }
  const shards = mode === 'merge' ? readShards(dir, ctx.gh.owner) : undefined;
  const repos = shards ? coverSelection(names, shards) : await gatherOrgRepositories(ctx.gh, names, config);
  const snapshot = await gatherOrgAudit(ctx.gh, ctx.defaultBranch, config, repos);
  const note = shards && notSelectedNote(names, shards);
  if (note) snapshot.notes = [note];
  const plan = decideOrgAudit(snapshot, config, ctx.now);
  if (note) plan.notes.push(note);
  return plan;
}
