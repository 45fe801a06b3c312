/**
 * The action as a function, the actions/typescript-action convention: runners that call an
 * action's `run()` (such as @github/local-action) import this file; `index.ts` runs it.
 */
import { runAction } from '../../../shared/runtime/run-action.js';
import { dplResetAction } from '../../../shared/dpl/action.js';

export async function run(): Promise<void> {
  await runAction(dplResetAction);
}
