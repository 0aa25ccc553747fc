import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { endpoints, routes, type EndpointName } from '../src/contract/index.ts';

/** For tooling, load balancers and the integrator's verifier, not for people: the client has no method for these. */
const notForTheClient: EndpointName[] = ['openApi', 'health', 'jwks'];

const called = (file: string) =>
  [...readFileSync(new URL(`../src/${file}`, import.meta.url), 'utf8').matchAll(/endpoints\.(\w+)/g)].map((m) => m[1]!);

test('the client calls every endpoint of the route table meant for it, and only entries of the table', () => {
  const used = new Set([...called('client.ts'), ...called('org-client.ts')]);
  const table = routes.map((r) => r.name).filter((name) => !notForTheClient.includes(name));
  assert.deepEqual([...used].sort(), [...table].sort());
  for (const name of used) assert.ok(name in endpoints, name);
});

test('the table by name and as a list are the same entries', () => {
  assert.equal(Object.keys(endpoints).length, routes.length);
  for (const route of routes) assert.equal(endpoints[route.name], route);
});
