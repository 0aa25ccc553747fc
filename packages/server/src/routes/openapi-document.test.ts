import assert from 'node:assert/strict';
import { endpoints } from '@portcullis/sdk/contract';
import { test } from 'node:test';
import { routes } from '@portcullis/sdk/contract';
import { Hono } from 'hono';
import { createNobleArgon2Hasher } from '../crypto/noble-argon2-hasher.ts';
import type { AppEnv } from '../http/env.ts';
import { createServices } from '../services.ts';
import { createMemoryStore } from '../store/memory-store.ts';
import { harness } from '../../test/support/harness.ts';
import { mountEndpoints } from './endpoint.ts';
import { handlers } from './handlers.ts';

test('GET /openapi.json is OpenAPI 3.1 generated from every route of the contract', async () => {
  const h = await harness();
  const reply = await h.request(endpoints.openApi);
  assert.equal(reply.status, 200);
  // The document has no schema in the table (it describes the table): read as plain JSON.
  const doc = JSON.parse(reply.text);
  assert.equal(doc.openapi, '3.1.0');
  for (const route of routes) {
    const operation = doc.paths[route.path]?.[route.method];
    assert.ok(operation, `${route.method} ${route.path}`);
    assert.ok(operation.responses[String(route.status)], `${route.path} ${route.status}`);
  }
  const login = doc.paths['/login'].post;
  const body = login.requestBody.content['application/json'].schema;
  assert.deepEqual(body.required.sort(), ['password', 'username']);
  assert.equal(body.additionalProperties, false);
  assert.ok(login.responses['429'], 'rate limiting is documented');
  assert.deepEqual(doc.components.schemas.Problem.properties.code.enum.includes('mfa_enforced'), true);
  assert.deepEqual(
    doc.paths['/.well-known/jwks.json'].get.servers,
    [{ url: '/' }],
    'the JWKS is listed at the origin root',
  );
  assert.equal(doc.paths['/me'].get.servers, undefined);
  const users = doc.paths['/org/users'].get.parameters.map((p: { name: string }) => p.name).sort();
  assert.deepEqual(users, ['cursor', 'limit', 'mfa', 'q']);
});

test('every route of the contract answers on the server (no route is only on paper)', async () => {
  const h = await harness();
  for (const route of routes) {
    const reply = await h.call(route.method.toUpperCase(), route.path.replace('{id}', 'usr_x'), {
      body: route.method === 'get' || route.method === 'delete' ? undefined : {},
    });
    assert.notEqual(reply.status, 404, `${route.method} ${route.path}`);
  }
});

test('the server mounts exactly the route table: one handler per entry, nothing beside it', () => {
  const services = createServices({
    store: createMemoryStore(),
    hasher: createNobleArgon2Hasher(),
    secretKey: new Uint8Array(32),
  });
  // Hono lists a route once per handler in its chain (the session and root gates too).
  const mounted = (where: 'api' | 'root') => {
    const router = new Hono<AppEnv>();
    mountEndpoints(router, services, handlers(), where);
    return [...new Set(router.routes.filter((r) => r.method !== 'ALL').map((r) => `${r.method} ${r.path}`))];
  };
  const table = (atRoot: boolean) =>
    routes
      .filter((r) => 'atRoot' in r === atRoot)
      .map((r) => `${r.method.toUpperCase()} ${r.path.replace(/\{(\w+)\}/g, ':$1')}`);
  assert.deepEqual(mounted('api'), table(false));
  assert.deepEqual(mounted('root'), table(true));
  assert.deepEqual(table(true), ['GET /.well-known/jwks.json']);
  assert.equal(new Set(routes.map((r) => r.name)).size, routes.length, 'names are unique');
});
