import { runAction } from '../../../shared/runtime/run-action.js';
import { ownersDiversityAction } from '../../../shared/owners-diversity/action.js';

await runAction(ownersDiversityAction);
