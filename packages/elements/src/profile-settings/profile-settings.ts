import { Task } from '@lit/task';
import type { Me } from '@portcullis/sdk';
import { html } from 'lit';
import { html as staticHtml } from 'lit/static-html.js';
import { MfaReset } from '../mfa-reset/mfa-reset.ts';
import { MfaToggle } from '../mfa-toggle/mfa-toggle.ts';
import { OrgPolicyTable } from '../org-policy-table/org-policy-table.ts';
import { PasskeyList } from '../passkey-list/passkey-list.ts';
import { PasswordChange } from '../password-change/password-change.ts';
import { SessionList } from '../session-list/session-list.ts';
import { tagOf } from '../shared/tag-of.ts';
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
  /** The elements it renders (by their registered, possibly prefixed, names), registered with it (`defineElement`). */
  static dependencies = {
    'mfa-toggle': MfaToggle,
    'mfa-reset': MfaReset,
    'passkey-list': PasskeyList,
    'password-change': PasswordChange,
    'session-list': SessionList,
    'org-policy-table': OrgPolicyTable,
  };

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
        <h2 part="heading" id="heading" tabindex="-1">${this.t('profile.title')}</h2>
        ${
          this.hideSignOut
            ? null
            : html`<button part="sign-out" type="button" class="secondary" ?disabled=${this.signingOut} @click=${this.signOut}>${this.t('profile.signOut')}</button>`
        }
      </div>
      ${this.profile.render({
        pending: () =>
          this.profile.value ? this.renderPage(this.profile.value) : html`<p class="muted">${this.t('loading')}</p>`,
        complete: (me) => this.renderPage(me),
        error: (error) => html`<p class="error" role="alert">${this.errorText(error)}</p>`,
      })}`;
  }

  private renderPage(me: Me) {
    const child = { client: this.client, messages: this.messages };
    // By the tags they were registered under: prefixed ones where the host asked for a prefix.
    const [toggle, reset, passkeys, password, sessions, org] = [
      tagOf(MfaToggle, 'mfa-toggle'),
      tagOf(MfaReset, 'mfa-reset'),
      tagOf(PasskeyList, 'passkey-list'),
      tagOf(PasswordChange, 'password-change'),
      tagOf(SessionList, 'session-list'),
      tagOf(OrgPolicyTable, 'org-policy-table'),
    ];
    return staticHtml`<p class="muted">${this.t('profile.signedInAs', { username: me.username })}</p>
      <slot name="header"></slot>
      <section part="section" aria-labelledby="security-heading" @mfa-change=${this.refresh} @passkeys-change=${this.refresh}>
        <h3 id="security-heading">${this.t('profile.security')}</h3>
        <${toggle} .me=${me} .client=${child.client} .messages=${child.messages}></${toggle}>
        <${reset} .me=${me} .client=${child.client} .messages=${child.messages}></${reset}>
        <${passkeys} .me=${me} .client=${child.client} .messages=${child.messages}></${passkeys}>
      </section>
      <section part="section">
        <${password} .client=${child.client} .messages=${child.messages}></${password}>
      </section>
      <section part="section">
        <${sessions} .me=${me} .client=${child.client} .messages=${child.messages}></${sessions}>
      </section>
      ${
        me.role === 'root'
          ? staticHtml`<section part="section" @org-policy-change=${this.refresh}>
            <${org} .me=${me} .client=${child.client} .messages=${child.messages}></${org}>
          </section>`
          : null
      }`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'profile-settings': ProfileSettings;
  }
}
