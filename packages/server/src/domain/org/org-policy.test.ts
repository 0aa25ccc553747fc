import assert from 'node:assert/strict';
import { endpoints } from '@portcullis/sdk/contract';
import { test } from 'node:test';
import { routes } from '@portcullis/sdk/contract';
import { harness, password } from '../../../test/support/harness.ts';

test('subusers get 403 on every organization endpoint, enforced on the server', async () => {
  const h = await harness();
  const token = await h.signIn('alice');
  const orgRoutes = routes.filter((r) => r.access === 'root' || r.access === 'org');
  assert.ok(orgRoutes.length >= 11);
  for (const route of orgRoutes) {
    const path = route.path.replace('{id}', h.users.bob!.id);
    const reply = await h.call(route.method.toUpperCase(), path, {
      token,
      body: route.method === 'get' || route.method === 'delete' ? undefined : {},
    });
    assert.equal(reply.status, 403, `${route.method} ${path}`);
    assert.equal(reply.body.code, 'forbidden');
  }
  assert.ok(await h.store.getUser(h.users.bob!.id), 'nothing happened to bob');
});

test('enforcing MFA applies to everyone, root included, at their next login, and ends the sessions that did not pass MFA', async () => {
  const h = await harness();
  const root = await h.signIn('root-user');
  const rootElsewhere = await h.signIn('root-user');
  const alice = await h.signIn('alice');
  const bob = await h.withMfa('bob');
  const policy = await h.request(endpoints.setOrgPolicy, { token: root, body: { enforceMfa: true } });
  assert.equal(policy.status, 200);
  assert.equal(policy.body.enforceMfa, true);
  assert.equal(policy.body.updatedAt, new Date(h.clock.now()).toISOString());
  assert.equal((await h.request(endpoints.me, { token: alice })).status, 401, 'a password-only session ends');
  assert.equal(
    (await h.request(endpoints.me, { token: rootElsewhere })).status,
    401,
    "the root's other password-only session too",
  );
  assert.equal((await h.request(endpoints.me, { token: bob })).status, 200, 'a session that passed MFA carries on');
  const own = await h.request(endpoints.me, { token: root });
  assert.equal(own.status, 200, "the root's current session stays, to set up MFA in place");
  assert.equal(own.body.mfa.required, true);
  for (const username of ['alice', 'root-user']) {
    const login = await h.request(endpoints.login, { body: { username, password } });
    assert.equal(login.body.status, 'mfa_setup_required', username);
  }
  assert.deepEqual((await h.request(endpoints.orgPolicy, { token: root })).body.enforceMfa, true);
});

test("lifting the policy leaves each user's own switch as it was, and everyone who enrolled keeps MFA", async () => {
  const h = await harness();
  const root = await h.withMfa('root-user');
  await h.request(endpoints.setMfaEnabled, { token: await h.signIn('alice'), body: { enabled: true } });
  assert.equal((await h.request(endpoints.setOrgPolicy, { token: root, body: { enforceMfa: true } })).status, 200);
  await h.signIn('bob'); // enrolls under the policy
  assert.equal((await h.request(endpoints.setOrgPolicy, { token: root, body: { enforceMfa: false } })).status, 200);
  assert.equal(
    (await h.request(endpoints.login, { body: { username: 'alice', password } })).body.status,
    'mfa_setup_required',
  );
  assert.equal(
    (await h.request(endpoints.login, { body: { username: 'bob', password } })).body.status,
    'mfa_required',
    'enrolling turned his switch on',
  );
  const globex = await h.otherOrg();
  assert.equal(
    (await h.request(endpoints.login, { body: { username: globex.sub.username, password } })).body.status,
    'authenticated',
    'never enrolled: password only',
  );
});

test('a root whose MFA is enforced but not set up can change nothing sensitive until it enrolls', async () => {
  const h = await harness();
  const root = await h.signIn('root-user');
  assert.equal((await h.request(endpoints.setOrgPolicy, { token: root, body: { enforceMfa: true } })).status, 200);
  const alice = { id: h.users.alice!.id };
  for (const [name, send] of [
    ['setOrgPolicy', () => h.request(endpoints.setOrgPolicy, { token: root, body: { enforceMfa: false } })],
    ['resetUserMfa', () => h.request(endpoints.resetUserMfa, { params: alice, token: root })],
    ['deleteUser', () => h.request(endpoints.deleteUser, { params: alice, token: root })],
    ['createUser', () => h.request(endpoints.createUser, { token: root, body: { username: 'mallory', password } })],
  ] as const) {
    const reply = await send();
    assert.equal(reply.body.code, 'reauth_required', name);
    assert.equal(reply.body.errors[0]?.path, 'enrollment', name);
  }
  assert.equal((await h.request(endpoints.reauthenticate, { token: root, body: { password } })).status, 200);
  assert.equal(
    (await h.request(endpoints.setOrgPolicy, { token: root, body: { enforceMfa: false } })).body.code,
    'reauth_required',
    'never a fallback to the password',
  );
  assert.equal((await h.request(endpoints.orgPolicy, { token: root })).body.enforceMfa, true);
});

test('changing the policy needs a recent login with the second factor', async () => {
  const h = await harness();
  const root = await h.signIn('root-user');
  await h.request(endpoints.setMfaEnabled, { token: root, body: { enabled: true } });
  const withMfa = await h.signIn('root-user');
  h.clock.advance(11 * 60_000);
  await h.request(endpoints.reauthenticate, { token: withMfa, body: { password } });
  const reply = await h.request(endpoints.setOrgPolicy, { token: withMfa, body: { enforceMfa: true } });
  assert.equal(reply.body.code, 'reauth_required');
  assert.equal((await h.request(endpoints.orgPolicy, { token: withMfa })).body.enforceMfa, false);
});
