#!/usr/bin/env node
// tsc keeps the `.ts` extensions of relative imports in the declarations it emits (the sources
// import `./client.ts`; `rewriteRelativeImportExtensions` rewrites only JavaScript). Consumers'
// TypeScript, older versions especially, expect the shipped names: `./client.js`. Same length,
// so the declaration maps stay exact. Usage: node scripts/declaration-extensions.mjs <dist>
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const relativeTs = /((?:from|import)\s*\(?\s*['"])(\.{1,2}\/[^'"]*?)\.ts(['"])/g;
const dir = process.argv[2];
if (!dir) throw new Error('usage: declaration-extensions.mjs <dist folder>');
let files = 0;
for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
  if (!entry.isFile() || !entry.name.endsWith('.d.ts')) continue;
  const path = join(entry.parentPath, entry.name);
  const text = readFileSync(path, 'utf8');
  const rewritten = text.replace(relativeTs, '$1$2.js$3');
  if (rewritten !== text) {
    writeFileSync(path, rewritten);
    files++;
  }
}
console.log(`declaration-extensions: ${files} files in ${dir} now import .js`);
