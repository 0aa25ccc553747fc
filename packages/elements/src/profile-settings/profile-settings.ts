import { Task } from '@lit/task';
import type { Me } from '@portcullis/sdk';
import { html } from 'lit';
import { state } from 'lit/decorators.js';
import { PortcullisElement } from '../shared/portcullis-element.ts';
import { tokens } from '../shared/styles.ts';
import { profileSettingsStyles } from './profile-settings.styles.ts';

/**
 * The whole Profile Settings page: the MFA switch and reset, the password change and, for the
 * root user, the organization policies. Loads the signed-in user once and hands it to its parts;
 * reloads it when one of them changed something that the others show.
 *
 * @summary The Profile Settings page of the account console.
 * @customElement profile-settings
 * @fires session-expired - When the session has ended; show `<login-form>`.
 * @csspart heading - The page heading.
 * @csspart section - Each section.
 * @slot header - Content shown under the heading (for example a sign-out button).
 * @cssprop --portcullis-section-gap - Space between sections.
 */
export class ProfileSettings extends PortcullisElement {
  static override styles = [tokens, profileSettingsStyles];

  @state() private generation = 0;

  private profile = new Task(this, {
    task: async () => this.loadMe(),
    args: () => [this.client ?? this.providedClient, this.generation, this.sessionGeneration] as const,
  });

  /** Reloads the signed-in user after a change elsewhere on the page. */
  private refresh = () => {
    this.generation++;
  };

  protected override render() {
    return this.profile.render({
      pending: () => (this.profile.value ? this.renderPage(this.profile.value) : html`<p class="muted">${this.t('loading')}</p>`),
      complete: (me) => this.renderPage(me),
      error: (error) => html`<p class="error" role="alert">${this.errorText(error)}</p>`,
    });
  }

  private renderPage(me: Me) {
    const child = { client: this.client, messages: this.messages };
    return html`<h2 part="heading">${this.t('profile.title')}</h2>
      <p class="muted">${this.t('profile.signedInAs', { username: me.username })}</p>
      <slot name="header"></slot>
      <section part="section" aria-labelledby="security-heading" @mfa-change=${this.refresh}>
        <h3 id="security-heading">${this.t('profile.security')}</h3>
        <mfa-toggle .me=${me} .client=${child.client} .messages=${child.messages}></mfa-toggle>
        <mfa-reset .me=${me} .client=${child.client} .messages=${child.messages}></mfa-reset>
      </section>
      <section part="section">
        <password-change .client=${child.client} .messages=${child.messages}></password-change>
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
