import { runAction } from '../../../shared/runtime/run-action.js';
import { vepSigLabelAction } from '../../../shared/vep/action.js';

await runAction(vepSigLabelAction);
