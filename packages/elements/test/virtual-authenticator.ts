/**
 * Chromium's virtual authenticator for the test page (see `virtualAuthenticatorPlugin` in
 * web-test-runner.config.js): the browser makes and uses real passkeys, user verification
 * included unless `userVerified` is false (a person who cannot or will not confirm).
 */
import { executeServerCommand } from '@web/test-runner-commands';

export const addVirtualAuthenticator = (options: { userVerified?: boolean } = {}): Promise<string> =>
  executeServerCommand<string, { userVerified?: boolean }>('virtual-authenticator', options) as Promise<string>;

/** Takes every virtual authenticator away, passkeys and all. */
export const removeVirtualAuthenticators = (): Promise<unknown> =>
  executeServerCommand('remove-virtual-authenticators');
