import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isPortcullisError, type ChangeDetail } from '../src/index.ts';
import { password, serverHarness } from './harness.ts';

test('login without MFA keeps the bearer token; me, policy and logout work', async () => {
  const h = await serverHarness();
  const client = h.client();
  const changes: ChangeDetail[] = [];
  client.on('change', (detail) => changes.push(detail));
  const result = await client.login({ username: 'alice', password });
  assert.equal(result.status, 'authenticated');
  if (result.status !== 'authenticated') return;
  assert.equal(result.user.username, 'alice');
  assert.equal(client.token, result.token);
  const me = await client.me();
  assert.deepEqual([me.username, me.role, me.organization.name], ['alice', 'subuser', 'Acme']);
  assert.equal((await client.passwordPolicy()).minLength, 15);
  await client.logout();
  assert.equal(client.token, undefined);
  assert.deepEqual(changes, [
    { what: 'session', signedIn: true },
    { what: 'session', signedIn: false },
  ]);
});

test('MFA on, enrollment with recovery codes, then the code step; reauth, reset and renewal', async () => {
  const h = await serverHarness();
  const client = h.client();
  await client.login({ username: 'alice', password });
  const on = await client.setMfaEnabled(true);
  assert.deepEqual(on, {
    enabled: true,
    enforced: false,
    required: true,
    configured: false,
    recoveryCodesLeft: 0,
    authenticatorApp: false,
    passkeys: 0,
    requiredFrom: null,
    phishingResistant: false,
  });

  const enroll = await client.login({ username: 'alice', password });
  assert.equal(enroll.status, 'mfa_setup_required');
  if (enroll.status !== 'mfa_setup_required' || !enroll.enrollment) return;
  const done = await client.completeMfa({
    challengeId: enroll.challenge.id,
    code: await h.code(enroll.enrollment.secret),
  });
  assert.equal(done.status, 'authenticated');
  if (done.status !== 'authenticated') return;
  assert.equal(done.recoveryCodes?.length, 10);

  const again = await client.login({ username: 'alice', password });
  assert.equal(again.status, 'mfa_required');
  if (again.status !== 'mfa_required') return;
  await client.completeMfa({ challengeId: again.challenge.id, code: done.recoveryCodes![0]! });

  h.advance(11 * 60_000);
  h.advance(30_000);
  const reauth = await client.reauthenticate({ password, code: await h.code(enroll.enrollment!.secret) });
  assert.equal(reauth.secondFactor, true);
  const codes = await client.renewRecoveryCodes();
  assert.equal(codes.length, 10);
  const reset = await client.resetMfa();
  assert.equal(reset.configured, false);
});

test("password change through the client ends the other client's session and fires session-expired there", async () => {
  const h = await serverHarness();
  const here = await h.signedIn('alice');
  const there = await h.signedIn('alice');
  const expired: string[] = [];
  there.on('session-expired', (error) => expired.push(error.code));
  await here.changePassword({ currentPassword: password, newPassword: 'another long passphrase' });
  await assert.rejects(there.me(), (error) => isPortcullisError(error, 'unauthenticated'));
  assert.deepEqual(expired, ['unauthenticated']);
  assert.equal((await here.me()).username, 'alice');
});

test('org: policy, paging, the async iterator over every user, create, reset, delete, events', async () => {
  const h = await serverHarness();
  await (await h.signedIn('root-user')).setMfaEnabled(true);
  const root = await h.signedIn('root-user'); // enrolls: organization changes need the second factor
  assert.equal((await root.org.policy()).enforceMfa, false);
  assert.equal((await root.org.setPolicy({ enforceMfa: true })).enforceMfa, true);
  await root.org.setPolicy({ enforceMfa: false });
  const created = [];
  for (let i = 0; i < 5; i++) created.push(await root.org.createUser({ username: `user-${i}`, password }));
  const page = await root.org.users({ limit: 2 });
  assert.equal(page.items.length, 2);
  assert.ok(page.nextCursor);
  const next = await root.org.users({ limit: 2, cursor: page.nextCursor! });
  assert.notDeepEqual(next.items, page.items);
  const everyone: string[] = [];
  for await (const user of root.org.allUsers()) everyone.push(user.username);
  assert.deepEqual(everyone, ['alice', 'bob', 'root-user', 'user-0', 'user-1', 'user-2', 'user-3', 'user-4']);
  const found: string[] = [];
  for await (const user of root.org.allUsers({ q: 'user-' })) found.push(user.username);
  assert.equal(found.length, 5);
  assert.equal((await root.org.resetUserMfa(created[0]!.id)).mfa.configured, false);
  await root.org.deleteUser(created[1]!.id);
  const events = await root.org.events();
  assert.equal(events.items[0]!.type, 'user_deleted');
  const older = await root.org.events({ cursor: events.items[0]!.id });
  assert.ok(older.items.every((e) => Number(e.id) < Number(events.items[0]!.id)));
  assert.equal(older.items[0]!.type, 'mfa_reset_by_root');
});

test('a token can be handed to a new client to resume the session', async () => {
  const h = await serverHarness();
  const first = await h.signedIn('bob');
  const second = h.client({ token: first.token! });
  assert.equal((await second.me()).username, 'bob');
  second.token = undefined;
  await assert.rejects(second.me(), (error) => isPortcullisError(error, 'unauthenticated'));
});

test('cookie mode sends credentials and never exposes a token', async () => {
  const h = await serverHarness();
  let jar = '';
  const seen: RequestCredentials[] = [];
  const browserLike = (async (input: RequestInfo | URL, init?: RequestInit) => {
    const request = new Request(input, init);
    seen.push(request.credentials);
    const headers = new Headers(request.headers);
    if (jar) headers.set('cookie', jar);
    const response = await h.fetch(new Request(request, { headers }));
    const set = response.headers.get('set-cookie');
    if (set) jar = set.split(';')[0]!;
    return response;
  }) as typeof fetch;
  const client = h.client({ tokenType: 'cookie', fetch: browserLike });
  const result = await client.login({ username: 'alice', password });
  assert.equal(result.status === 'authenticated' && result.token, undefined);
  assert.equal(client.token, undefined);
  assert.equal((await client.me()).username, 'alice');
  assert.ok(seen.every((c) => c === 'include'));
});

test('"Set up now": startEnrollment and confirmEnrollment link the app inside the session and fire change', async () => {
  const h = await serverHarness();
  const client = await h.signedIn('alice');
  await client.setMfaEnabled(true);
  const changes: ChangeDetail[] = [];
  client.on('change', (detail) => changes.push(detail));
  const enrollment = await client.startEnrollment();
  assert.equal(enrollment.digits, 6);
  assert.ok(Date.parse(enrollment.expiresAt) > 0);
  await assert.rejects(client.confirmEnrollment('000000'), (error) => isPortcullisError(error, 'invalid_code'));
  const codes = await client.confirmEnrollment(await h.code(enrollment.secret));
  assert.equal(codes.length, 10);
  assert.deepEqual((await client.me()).mfa.configured, true);
  assert.deepEqual(changes, [{ what: 'mfa' }]);
  await assert.rejects(client.startEnrollment(), (error) => isPortcullisError(error, 'conflict'));
});

test('sessions: list, end one, end the others; the root signs a subuser out everywhere', async () => {
  const h = await serverHarness();
  const here = await h.signedIn('alice');
  const there = await h.signedIn('alice');
  const third = await h.signedIn('alice');
  const changes: ChangeDetail[] = [];
  here.on('change', (detail) => changes.push(detail));
  const sessions = await here.sessions();
  assert.equal(sessions.length, 3);
  assert.equal(sessions.filter((s) => s.current).length, 1);
  const thirdId = (await third.sessions()).find((s) => s.current)!.id;
  await here.revokeSession(thirdId);
  await assert.rejects(third.me(), (error) => isPortcullisError(error, 'unauthenticated'));
  assert.equal(await here.revokeOtherSessions(), 1);
  await assert.rejects(there.me(), (error) => isPortcullisError(error, 'unauthenticated'));
  assert.deepEqual(changes, [{ what: 'sessions' }, { what: 'sessions' }]);

  await (await h.signedIn('root-user')).setMfaEnabled(true);
  const root = await h.signedIn('root-user');
  assert.equal(await root.org.revokeUserSessions(h.users.alice!.id), 1);
  await assert.rejects(here.me(), (error) => isPortcullisError(error, 'unauthenticated'));
});
