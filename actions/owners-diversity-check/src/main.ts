/**
 * The action as a function, the actions/typescript-action convention: runners that call an
 * action's `run()` (such as @github/local-action) import this file; `index.ts` runs it.
 */
import { OWNERS_DIVERSITY_CHECK } from '../../../shared/runtime/action-headers.js';
import { runAction } from '../../../shared/runtime/run-action.js';

export async function run(): Promise<void> {
  // the action's own code is a chunk of the bundle, loaded while the configuration is read
  await runAction({
    ...OWNERS_DIVERSITY_CHECK,
    load: async () => (await import('../../../shared/owners-diversity/action.js')).ownersDiversityAction,
  });
}
