/** Plays half of test/scenarios/ (scenario-suite.ts); the other shard runs in another jest worker. */
import { scenarioShard } from './scenario-suite.js';

scenarioShard(0, 2);
