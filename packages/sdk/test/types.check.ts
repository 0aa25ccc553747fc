// Type tests: `npm run typecheck` fails if a line marked @ts-expect-error compiles, or if a
// narrowing below stops working.
import { createClient, isPortcullisError, type LoginResult, type PortcullisErrorCode } from '../src/index.ts';

const client = createClient({ baseUrl: '/api/v1' });

export async function narrowing(result: LoginResult): Promise<string> {
  switch (result.status) {
    case 'authenticated':
      return result.user.username;
    case 'mfa_required':
      // @ts-expect-error no enrollment on a plain MFA challenge
      void result.enrollment;
      return result.challenge.id;
    case 'mfa_setup_required':
      // @ts-expect-error absent where only a passkey may be set up
      void result.enrollment.otpauthUri;
      return result.enrollment?.otpauthUri ?? result.challenge.id;
    case 'passkey_setup_required':
      return result.passkeyOptions.challenge;
  }
}

export async function wrongArguments(): Promise<void> {
  // @ts-expect-error the password is required
  await client.login({ username: 'alice' });
  // @ts-expect-error enabled is a boolean
  await client.setMfaEnabled('yes');
  // @ts-expect-error no such option
  createClient({ baseUrl: '/api/v1', tokenType: 'jwt' });
  // @ts-expect-error events have fixed names
  client.on('expired', () => {});
  client.on('change', (detail) => {
    // @ts-expect-error `what` is a closed union
    if (detail.what === 'anything') return;
  });
}

export function errorCodes(error: unknown): PortcullisErrorCode | null {
  if (isPortcullisError(error, 'rate_limited')) {
    const seconds: number | undefined = error.retryAfter;
    void seconds;
    return error.code;
  }
  // @ts-expect-error not a code
  isPortcullisError(error, 'teapot');
  return null;
}
