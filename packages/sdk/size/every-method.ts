// The size benchmark's entry: an app that calls every method, so nothing can be tree-shaken away.
import {
  createClient,
  formatSecret,
  isPortcullisError,
  parseOtpauthUri,
  passkeyAutofillAvailable,
  webauthnAvailable,
} from '@portcullis/sdk';

const client = createClient({ baseUrl: '/api/v1' });
client.on('session-expired', () => {});
export async function everything(): Promise<unknown[]> {
  try {
    const login = await client.login({ username: 'a', password: 'b' });
    if (login.status === 'mfa_setup_required' && login.enrollment)
      console.log(formatSecret(parseOtpauthUri(login.enrollment.otpauthUri).secret));
    if (login.status !== 'authenticated') await client.completeMfa({ challengeId: login.challenge.id, code: '123456' });
    if (login.status !== 'authenticated' && webauthnAvailable()) await client.completeMfaWithPasskey(login);
    if (await passkeyAutofillAvailable()) await client.loginWithPasskey({ autofill: true });
    const results: unknown[] = [
      await client.me(),
      await client.reauthenticate({ password: 'b' }),
      await client.setMfaEnabled(true),
    ];
    results.push(await client.startEnrollment(), await client.confirmEnrollment('123456'));
    results.push(
      await client.sessions(),
      await client.revokeSession('ses_x'),
      await client.revokeOtherSessions(),
      await client.org.revokeUserSessions('usr_x'),
    );
    results.push(
      await client.resetMfa(),
      await client.renewRecoveryCodes(),
      await client.changePassword({ currentPassword: 'b', newPassword: 'c' }),
    );
    results.push(
      await client.passkeys(),
      await client.addPasskey('Laptop'),
      await client.renamePasskey('pk_x', 'Phone'),
      await client.removePasskey('pk_x'),
    );
    results.push(await client.reauthenticateWithPasskey(), await client.loginWithPasskey());
    results.push(
      await client.passwordPolicy(),
      await client.org.policy(),
      await client.org.setPolicy({ enforceMfa: true }),
    );
    results.push(await client.org.users({ q: 'a' }), await client.org.createUser({ username: 'c', password: 'd' }));
    for await (const user of client.org.allUsers()) results.push(user);
    results.push(await client.org.deleteUser('x'), await client.org.resetUserMfa('y'), await client.org.events());
    await client.logout();
    return results;
  } catch (error) {
    if (isPortcullisError(error, 'rate_limited')) return [error.retryAfter];
    throw error;
  }
}
