import type { SessionState } from '../shared/contexts.ts';
import { SessionGate } from '../shared/session-gate.ts';

/**
 * Shows its children only while the provider's client is signed in: nothing while the provider
 * is still asking, nothing once signed out. Hidden children are out of the page, so they do not
 * load. Needs a `<portcullis-provider>` ancestor. (In React or another framework that owns the
 * DOM, render conditionally instead.)
 *
 * @summary Content for signed-in people, such as `<profile-settings>`.
 * @customElement portcullis-signed-in
 * @slot - What to show while signed in.
 */
export class PortcullisSignedIn extends SessionGate {
  protected readonly shownIn: SessionState = 'signed-in';
}

declare global {
  interface HTMLElementTagNameMap {
    'portcullis-signed-in': PortcullisSignedIn;
  }
}
