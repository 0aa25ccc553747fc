import type { AuthenticationResponseJSON, RegistrationResponseJSON } from '@simplewebauthn/browser';
import type { PasskeyOptions } from './contract/passkeys.ts';
import { PortcullisError } from './errors.ts';

type WebauthnBrowser = typeof import('@simplewebauthn/browser');
let loading: Promise<WebauthnBrowser> | undefined;

/** The WebAuthn helpers load on the first passkey ceremony, so the base SDK stays small. */
const webauthn = (): Promise<WebauthnBrowser> => (loading ??= import('@simplewebauthn/browser'));

/** Whether this page can use passkeys at all, without loading the WebAuthn helpers. */
export const webauthnAvailable = (): boolean => typeof globalThis.PublicKeyCredential === 'function';

const unavailable = () =>
  new PortcullisError('passkey_unavailable', 'Passkeys are not available in this browser or on this address');

/** Throws `passkey_unavailable` before anything is asked of the server, where there is no WebAuthn. */
export function requireWebauthn(): void {
  if (!webauthnAvailable()) throw unavailable();
}

/**
 * A refused browser prompt, in the SDK's terms. Browsers answer `NotAllowedError` both when the
 * person cancels and when the prompt times out; a prompt that lasted its whole timeout is taken
 * as timed out. Nothing from the authenticator goes into the message.
 */
export function toCeremonyError(error: unknown, startedAt: number, timeoutMs: number): PortcullisError {
  const code = (error as { code?: unknown } | null)?.code;
  const cause = (error as { cause?: { name?: unknown } } | null)?.cause;
  const name = typeof cause?.name === 'string' ? cause.name : (error as { name?: unknown } | null)?.name;
  if (code === 'ERROR_AUTHENTICATOR_PREVIOUSLY_REGISTERED') {
    return new PortcullisError('conflict', 'This passkey is registered already', { cause: error });
  }
  if (code === 'ERROR_CEREMONY_ABORTED' || name === 'AbortError') {
    return new PortcullisError('passkey_cancelled', 'The passkey prompt was closed', { cause: error });
  }
  if (name === 'NotAllowedError') {
    const timedOut = performance.now() - startedAt >= timeoutMs * 0.95;
    return timedOut
      ? new PortcullisError('passkey_timeout', 'The passkey prompt timed out', { cause: error })
      : new PortcullisError('passkey_cancelled', 'The passkey prompt was closed', { cause: error });
  }
  return new PortcullisError('passkey_unavailable', unavailable().message, { cause: error });
}

const timeoutOf = (options: PasskeyOptions) => (typeof options['timeout'] === 'number' ? options['timeout'] : 120_000);

/** Asks the browser to create a passkey for the server's creation options. */
export async function createPasskeyResponse(options: PasskeyOptions): Promise<RegistrationResponseJSON> {
  requireWebauthn();
  const { startRegistration } = await webauthn();
  const startedAt = performance.now();
  try {
    return await startRegistration({
      optionsJSON: options as unknown as Parameters<typeof startRegistration>[0]['optionsJSON'],
    });
  } catch (error) {
    throw toCeremonyError(error, startedAt, timeoutOf(options));
  }
}

/**
 * Asks the browser for a passkey's answer to the server's request options. With `autofill`, the
 * request waits for the person to pick a passkey from an input's autofill list
 * (`autocomplete="username webauthn"`); starting another ceremony, or `signal`, cancels it.
 */
export async function getPasskeyResponse(
  options: PasskeyOptions,
  { autofill = false, signal }: { autofill?: boolean; signal?: AbortSignal | undefined } = {},
): Promise<AuthenticationResponseJSON> {
  requireWebauthn();
  const { startAuthentication, browserSupportsWebAuthnAutofill, WebAuthnAbortService } = await webauthn();
  if (autofill && !(await browserSupportsWebAuthnAutofill())) throw unavailable();
  if (signal?.aborted) throw new PortcullisError('passkey_cancelled', 'The passkey prompt was closed');
  let pending = true;
  // The library keeps one ceremony at a time; cancel it only while it is still ours.
  const cancel = () => pending && WebAuthnAbortService.cancelCeremony();
  signal?.addEventListener('abort', cancel, { once: true });
  const startedAt = performance.now();
  try {
    return await startAuthentication({
      optionsJSON: options as unknown as Parameters<typeof startAuthentication>[0]['optionsJSON'],
      useBrowserAutofill: autofill,
      // Our elements keep the input inside a shadow root, where the library cannot look for it.
      verifyBrowserAutofillInput: false,
    });
  } catch (error) {
    throw toCeremonyError(error, startedAt, autofill ? Number.POSITIVE_INFINITY : timeoutOf(options));
  } finally {
    pending = false;
    signal?.removeEventListener('abort', cancel);
  }
}

/** Whether the browser offers passkeys in an input's autofill list (conditional mediation). */
export async function passkeyAutofillAvailable(): Promise<boolean> {
  if (!webauthnAvailable()) return false;
  return (await webauthn()).browserSupportsWebAuthnAutofill();
}
