import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, normalize, relative } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';

/**
 * The server's layers point down only (docs/architecture.md): routes → domain → store, with
 * http, crypto and the contract beside them; the CLI and the adapters on top. These tests read
 * the import statements of every module in `src/` (tests aside) and fail on an import that
 * points up or closes a loop.
 */

const src = fileURLToPath(new URL('../src/', import.meta.url));
const importPattern = /(?:^|\n)\s*(?:import|export)\s[^'"]*?from\s+['"](\.{1,2}\/[^'"]+)['"]/g;

function modules(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return modules(path);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts') ? [path] : [];
  });
}

const graph = new Map<string, string[]>(
  modules(src).map((file) => {
    const text = readFileSync(file, 'utf8');
    const targets = [...text.matchAll(importPattern)].map((m) => relative(src, normalize(join(dirname(file), m[1]!))));
    return [relative(src, file), targets];
  }),
);

/** The layer of a module: its top folder, or the module itself at the top. */
const layer = (module: string) => (module.includes('/') ? module.split('/')[0]! : module.replace(/\.ts$/, ''));

/** What each layer may import, besides itself. */
const allowed: Record<string, string[]> = {
  crypto: ['ports', 'store'],
  ports: [],
  store: ['ports'],
  deps: ['ports', 'crypto', 'store'],
  domain: ['ports', 'crypto', 'store', 'deps', 'services'],
  services: ['ports', 'crypto', 'store', 'deps', 'domain'],
  http: ['ports', 'domain', 'crypto', 'store', 'deps', 'services'],
  routes: ['http', 'domain', 'crypto', 'store', 'deps', 'services'],
  app: ['routes', 'http', 'domain', 'crypto', 'store', 'deps', 'services'],
  adapters: ['app', 'domain', 'ports'],
  index: ['ports', 'app', 'store', 'crypto', 'deps', 'domain'],
  node: ['ports', 'app', 'adapters', 'store', 'crypto', 'deps', 'domain', 'index'],
  cli: ['ports', 'app', 'adapters', 'node', 'routes', 'http', 'domain', 'crypto', 'store', 'deps', 'services'],
};

test('every import points down the layers: nothing below imports what sits above it', () => {
  const wrong: string[] = [];
  for (const [module, targets] of graph) {
    const from = layer(module);
    assert.ok(allowed[from], `${module}: a layer the architecture does not name`);
    for (const target of targets) {
      const to = layer(target);
      if (to !== from && !allowed[from]!.includes(to)) wrong.push(`${module} → ${target}`);
    }
  }
  assert.deepEqual(wrong, []);
});

test('no import loops between modules, type-only imports included', () => {
  const loops: string[] = [];
  const state = new Map<string, 'open' | 'done'>();
  const visit = (module: string, path: string[]) => {
    if (state.get(module) === 'done') return;
    if (state.get(module) === 'open') {
      loops.push([...path.slice(path.indexOf(module)), module].join(' → '));
      return;
    }
    state.set(module, 'open');
    for (const target of graph.get(module) ?? []) visit(target, [...path, module]);
    state.set(module, 'done');
  };
  for (const module of graph.keys()) visit(module, []);
  assert.deepEqual(loops, []);
});

test('the public entries do not reach into the command line', () => {
  const reached = new Set<string>();
  const walk = (module: string) => {
    if (reached.has(module)) return;
    reached.add(module);
    for (const target of graph.get(module) ?? []) walk(target);
  };
  walk('index.ts');
  walk('node.ts');
  assert.deepEqual(
    [...reached].filter((m) => m.startsWith('cli/')),
    [],
  );
});
