// Worker-thread entry for in-thread action runs (thread-runs.ts): registers tsx so the thread can
// import the actions' TypeScript sources, then hands over to thread-host.ts.
import { register } from 'tsx/esm/api';

register();
await import('./thread-host.ts');
