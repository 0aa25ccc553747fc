#!/usr/bin/env node
// Runs the TypeScript sources through tsx, resolved from this package, wherever it is started.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../src/cli/main.ts');
await main(process.argv.slice(2), process.env);
