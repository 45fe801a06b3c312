import { runAction } from '../../../shared/runtime/run-action.js';
import { dplResetAction } from '../../../shared/dpl/action.js';

await runAction(dplResetAction);
