import type { SessionState } from '../shared/contexts.ts';
import { SessionGate } from '../shared/session-gate.ts';

/**
 * Shows its children only while the provider's client is signed out: nothing while the provider
 * is still asking, nothing once signed in. Hidden children are out of the page, so they do not
 * load. Needs a `<portcullis-provider>` ancestor. (In React or another framework that owns the
 * DOM, render conditionally instead.)
 *
 * @summary Content for signed-out people, such as `<login-form>`.
 * @customElement portcullis-signed-out
 * @slot - What to show while signed out.
 */
export class PortcullisSignedOut extends SessionGate {
  protected readonly shownIn: SessionState = 'signed-out';
}

declare global {
  interface HTMLElementTagNameMap {
    'portcullis-signed-out': PortcullisSignedOut;
  }
}
