#!/usr/bin/env node
// The command line, from the compiled package: plain Node, no loader.
import { main } from '../dist/cli/main.js';

await main(process.argv.slice(2), process.env);
