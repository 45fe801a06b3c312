/**
 * One repository's plan, as its own run and an organisation-wide run (org-runs.ts) both make it:
 * the action's gather and decide over the loaded configuration, then the dashboard section.
 */
import type { LoadedConfig } from '../config/load.js';
import { addDashboardSection } from '../dashboard/effect.js';
import { CachedPermissions } from '../github/permissions.js';
import type { RepoClient } from '../github/repo.js';
import type { Plan } from '../plan/effects.js';
import type { ActionContext, ActionDefinition } from './context.js';

export async function planRepository(
  def: ActionDefinition,
  run: Pick<ActionContext, 'event' | 'now' | 'input' | 'log'> & { gh: RepoClient },
  loaded: Pick<LoadedConfig, 'config' | 'origin'> & { defaultBranch: string },
): Promise<Plan> {
  const plan = await def.run({
    ...run,
    permissions: new CachedPermissions(run.gh),
    config: loaded.config,
    configOrigin: loaded.origin,
    defaultBranch: loaded.defaultBranch,
  });
  addDashboardSection(plan, loaded.config, run.event.name);
  for (const note of plan.notes) run.log.info(note);
  return plan;
}
