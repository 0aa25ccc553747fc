/**
 * Signs in as a root user with a password and a TOTP code (bearer mode, as a Node script or a
 * back office would) and prints every user of the organization with their MFA state.
 *
 *   PORTCULLIS_URL=http://localhost:8787/api/v1 PORTCULLIS_USERNAME=demo-root \
 *   PORTCULLIS_PASSWORD=… PORTCULLIS_TOTP_SECRET=… npm start -w @portcullis/example-node-sdk
 *
 * PORTCULLIS_TOTP_SECRET is the Base32 secret shown at enrollment; a script holds it like a
 * password. Without it the script can sign in only while the account's MFA is off.
 */
import { generate } from 'otplib';
import { createClient, isPortcullisError, type MfaSummary } from '@portcullis/sdk';

function setting(name: string): string {
  const value = process.env[name];
  if (!value) {
    console.error(`Set ${name}.`);
    process.exit(2);
  }
  return value;
}

const client = createClient({ baseUrl: setting('PORTCULLIS_URL'), tokenType: 'bearer' });
const mfaLabel = (mfa: MfaSummary) => (!mfa.required ? 'off' : mfa.configured ? 'on, set up' : 'on, not set up');

try {
  const login = await client.login({
    username: setting('PORTCULLIS_USERNAME'),
    password: setting('PORTCULLIS_PASSWORD'),
  });
  if (login.status === 'mfa_setup_required') {
    console.error('This account has no authenticator yet: sign in once in a browser to link one.');
    process.exit(1);
  }
  if (login.status === 'mfa_required') {
    const code = await generate({ secret: setting('PORTCULLIS_TOTP_SECRET') });
    await client.completeMfa({ challengeId: login.challenge.id, code });
  }
  const me = await client.me();
  console.log(`Users of ${me.organization.name}:`);
  for await (const user of client.org.allUsers()) {
    console.log(`  ${user.username.padEnd(24)} ${user.role.padEnd(8)} MFA ${mfaLabel(user.mfa)}`);
  }
  await client.logout();
} catch (error) {
  if (isPortcullisError(error)) {
    console.error(
      `Portcullis said ${error.code}${error.retryAfter ? ` (retry in ${error.retryAfter} s)` : ''}: ${error.message}`,
    );
    process.exit(1);
  }
  throw error;
}
