import { runAction } from '../../../shared/runtime/run-action.js';
import { lazyConsensusAction } from '../../../shared/lazy-consensus/action.js';

await runAction(lazyConsensusAction);
