import { Task } from '@lit/task';
import type { Me } from '@portcullis/sdk';
import { html } from 'lit';
import { property, state } from 'lit/decorators.js';
import { SignOutEvent } from '../shared/events.ts';
import { PortcullisElement } from '../shared/portcullis-element.ts';
import { tokens } from '../shared/styles.ts';
import { profileSettingsStyles } from './profile-settings.styles.ts';

/**
 * The whole Profile Settings page: the MFA switch and reset, the passkeys, the password change, where the
 * person is signed in and, for the root user, the organization policies, with a "Sign out" button (inside
 * `<portcullis-signed-in>`, signing out brings the sign-in form back with no script of the
 * page's own). Loads the signed-in user once and hands it to its parts; reloads it when one of
 * them changed something that the others show.
 *
 * @summary The Profile Settings page of the account console.
 * @customElement profile-settings
 * @fires session-expired - When the session has ended; show `<login-form>`.
 * @fires sign-out - After "Sign out" ended the session.
 * @csspart heading - The page heading.
 * @csspart sign-out - The "Sign out" button (hidden with the `hide-sign-out` attribute).
 * @csspart section - Each section.
 * @slot header - Content shown under the heading (for example a sign-out button).
 * @cssprop --portcullis-section-gap - Space between sections.
 */
export class ProfileSettings extends PortcullisElement {
  static override styles = [tokens, profileSettingsStyles];

  /** Leaves out the built-in "Sign out" button, for a host page that has its own. */
  @property({ type: Boolean, attribute: 'hide-sign-out' }) hideSignOut = false;

  @state() private generation = 0;
  @state() private signingOut = false;

  private profile = new Task(this, {
    task: async () => this.loadMe(),
    args: () => [this.client ?? this.providedClient, this.generation, this.sessionGeneration] as const,
  });

  /** Reloads the signed-in user after a change elsewhere on the page. */
  private refresh = () => {
    this.generation++;
  };

  private async signOut() {
    this.signingOut = true;
    try {
      // A session that already ended elsewhere is signed out all the same.
      await this.api.logout().catch(() => undefined);
      this.dispatchEvent(new SignOutEvent());
    } finally {
      this.signingOut = false;
    }
  }

  protected override render() {
    // The heading and "Sign out" come first and at once, so focus has somewhere to go.
    return html`<div class="title-row">
        <h2 part="heading" tabindex="-1">${this.t('profile.title')}</h2>
        ${this.hideSignOut
          ? null
          : html`<button part="sign-out" type="button" class="secondary" ?disabled=${this.signingOut} @click=${this.signOut}>${this.t('profile.signOut')}</button>`}
      </div>
      ${this.profile.render({
        pending: () => (this.profile.value ? this.renderPage(this.profile.value) : html`<p class="muted">${this.t('loading')}</p>`),
        complete: (me) => this.renderPage(me),
        error: (error) => html`<p class="error" role="alert">${this.errorText(error)}</p>`,
      })}`;
  }

  private renderPage(me: Me) {
    const child = { client: this.client, messages: this.messages };
    return html`<p class="muted">${this.t('profile.signedInAs', { username: me.username })}</p>
      <slot name="header"></slot>
      <section part="section" aria-labelledby="security-heading" @mfa-change=${this.refresh} @passkeys-change=${this.refresh}>
        <h3 id="security-heading">${this.t('profile.security')}</h3>
        <mfa-toggle .me=${me} .client=${child.client} .messages=${child.messages}></mfa-toggle>
        <mfa-reset .me=${me} .client=${child.client} .messages=${child.messages}></mfa-reset>
        <passkey-list .me=${me} .client=${child.client} .messages=${child.messages}></passkey-list>
      </section>
      <section part="section">
        <password-change .client=${child.client} .messages=${child.messages}></password-change>
      </section>
      <section part="section">
        <session-list .me=${me} .client=${child.client} .messages=${child.messages}></session-list>
      </section>
      ${me.role === 'root'
        ? html`<section part="section" @org-policy-change=${this.refresh}>
            <org-policy-table .me=${me} .client=${child.client} .messages=${child.messages}></org-policy-table>
          </section>`
        : null}`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'profile-settings': ProfileSettings;
  }
}
