#!/usr/bin/env node
// `npx governance-actions ...` from a clone after `npm ci`: runs the TypeScript CLI through tsx
// (a devDependency), so there is no separate build step for the CLI.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('./governance-actions.ts');
process.exitCode = await main(process.argv.slice(2));
