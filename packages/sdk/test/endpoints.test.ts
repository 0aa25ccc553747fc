import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { entryComposition } from '../../../scripts/bundle-composition.ts';
import { accountRoutes } from '../src/contract/account-routes.ts';
import { accountSchemas } from '../src/contract/account-schemas.ts';
import { endpoints, routes, type EndpointName, type RouteSchemas } from '../src/contract/index.ts';
import { orgRoutes } from '../src/contract/org-routes.ts';
import { orgSchemas } from '../src/contract/org-schemas.ts';

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

test('an entry answers no body (204) exactly when it has no response schema: the client checks by the status', () => {
  for (const route of routes) assert.equal(route.status === 204, !('response' in route), route.name);
});

test('each entry of the table is its part of the table with that part’s schemas', () => {
  const parts = [
    [accountRoutes, accountSchemas],
    [orgRoutes, orgSchemas],
  ] as const;
  let count = 0;
  for (const [table, schemas] of parts)
    for (const route of table) {
      const entry = endpoints[route.name];
      const own = schemas[route.name as keyof typeof schemas] as RouteSchemas;
      const { body, query, response } = own;
      assert.deepEqual(entry, { ...route, ...own }, route.name);
      assert.equal((entry as RouteSchemas).response, response);
      assert.equal((entry as RouteSchemas).body, body);
      assert.equal((entry as RouteSchemas).query, query);
      count++;
    }
  assert.equal(count, routes.length);
});

test('what loads with the page has no zod, no schema and no organization route: those load at the first call (#21)', async () => {
  const { pageFiles, page, lazy } = await entryComposition(
    fileURLToPath(new URL('../src/index.ts', import.meta.url)),
    'sdk',
  );
  assert.ok(pageFiles.length >= 1);
  const onPage = [...page.keys()];
  assert.ok(onPage.includes('ky') && onPage.includes('sdk/client.ts'), onPage.join(', '));
  for (const group of ['zod', 'sdk/response-check.ts', 'sdk/contract/account-schemas.ts', 'sdk/contract/org-routes.ts'])
    assert.ok(!onPage.includes(group) && lazy.has(group), `${group} is loaded on demand`);
});
