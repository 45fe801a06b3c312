// The bundle's entry (action.yml `runs.main` is dist/index.js): run the action.
import { run } from './main.js';

await run();
