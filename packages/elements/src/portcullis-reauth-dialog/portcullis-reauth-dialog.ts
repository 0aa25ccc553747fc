import { html } from 'lit';
import { query, state } from 'lit/decorators.js';
import { dialogStyles } from '../portcullis-confirm-dialog/portcullis-confirm-dialog.styles.ts';
import { Modal } from '../shared/modal.ts';
import { PortcullisElement } from '../shared/portcullis-element.ts';
import { tokens } from '../shared/styles.ts';
import type { ReauthService } from '../shared/contexts.ts';
import { webauthnAvailable, type PortcullisError } from '@portcullis/sdk';

/**
 * The one re-authentication dialog: asks for the password, and for a code when the account has
 * a second factor linked: from the app, or, for someone who lost the device, one of the
 * recovery codes ("Use a recovery code"); or, for someone with a passkey, just the passkey
 * ("Use a passkey"), which is both at once. Then the interrupted action is retried. Used by
 * `<portcullis-provider>` for all its descendants, and by an element standing alone.
 *
 * @summary Confirms the person's identity before a sensitive change.
 * @customElement portcullis-reauth-dialog
 * @csspart dialog - The `<dialog>` element.
 * @csspart password - The password input.
 * @csspart code - The code input, shown when MFA is set up.
 * @csspart switch-method - The link between an authenticator code and a recovery code.
 * @csspart passkey - The "Use a passkey" button, shown when the person has a passkey.
 * @csspart confirm - The confirming button.
 * @csspart cancel - The cancelling button.
 * @csspart error - The error message.
 * @cssprop --portcullis-backdrop - Colour of the backdrop.
 */
export class PortcullisReauthDialog extends PortcullisElement implements ReauthService {
  // Focus targets by id: a part is for styling and may be renamed.
  @query('#password') private passwordInput?: HTMLInputElement | null;
  @query('#code') private codeInput?: HTMLInputElement | null;
  @query('#passkey') private passkeyButton?: HTMLButtonElement | null;
  static override styles = [tokens, dialogStyles];

  @state() private needsCode = false;
  @state() private passkey = false;
  @state() private recovery = false;
  @state() private error = '';
  @state() private busy = false;
  @query('dialog') private dialog!: HTMLDialogElement;
  private modal = new Modal(() => this.dialog);
  private pending: Promise<boolean> | undefined;

  /** Opens the dialog (once, however many actions ask at the same time). */
  confirmIdentity(reason?: PortcullisError): Promise<boolean> {
    this.pending ??= this.open(reason).finally(() => (this.pending = undefined));
    return this.pending;
  }

  private async open(reason: PortcullisError | undefined): Promise<boolean> {
    this.modal.rememberFocus();
    this.error = '';
    this.recovery = false;
    // The server names the fields it needs (and `webauthn` where a passkey may answer); without
    // its answer, ask for what the profile shows.
    const mfa = reason
      ? undefined
      : await this.api.me().then(
          (me) => me.mfa,
          () => undefined,
        );
    this.needsCode = reason ? reason.errors.some((field) => field.path === 'code') : (mfa?.configured ?? true);
    this.passkey =
      webauthnAvailable() &&
      (reason ? reason.errors.some((field) => field.path === 'webauthn') : (mfa?.passkeys ?? 0) > 0);
    // Someone with passkeys and no app has recovery codes as the other way.
    this.recovery = mfa ? mfa.configured && !mfa.authenticatorApp : false;
    await this.updateComplete;
    this.renderRoot.querySelector('form')?.reset();
    return this.modal.open(this.passwordInput);
  }

  private async switchMethod() {
    this.recovery = !this.recovery;
    this.error = '';
    await this.updateComplete;
    this.codeInput?.focus();
  }

  private async usePasskey() {
    this.busy = true;
    this.error = '';
    try {
      await this.api.reauthenticateWithPasskey();
      this.finish(true);
    } catch (error) {
      this.error = this.passkeyErrorText(error);
    } finally {
      this.busy = false;
    }
    // Disabled while the prompt was open, the button lost focus: give it back, to try again.
    await this.updateComplete;
    if (this.error) this.passkeyButton?.focus();
  }

  private finish(confirmed: boolean) {
    this.modal.close(confirmed);
  }

  private async submit(event: SubmitEvent) {
    event.preventDefault();
    const data = new FormData(event.target as HTMLFormElement);
    const password = String(data.get('password') ?? '');
    const code = String(data.get('code') ?? '').trim();
    this.busy = true;
    this.error = '';
    try {
      await this.api.reauthenticate(code ? { password, code } : { password });
      this.finish(true);
    } catch (error) {
      this.error = this.errorText(error);
      await this.updateComplete;
      this.passwordInput?.focus();
    } finally {
      this.busy = false;
    }
  }

  protected override render() {
    return html`<dialog part="dialog" aria-labelledby="reauth-title" aria-describedby="reauth-help" @cancel=${(e: Event) => (e.preventDefault(), this.finish(false))}>
      <form @submit=${this.submit}>
        <h2 id="reauth-title">${this.t('reauth.title')}</h2>
        <p id="reauth-help">${this.t(!this.needsCode ? 'reauth.help' : this.recovery ? 'reauth.helpRecovery' : 'reauth.helpCode')}</p>
        ${
          this.passkey
            ? html`<button part="passkey" id="passkey" type="button" class="secondary" ?disabled=${this.busy} @click=${this.usePasskey}>${this.t('reauth.usePasskey')}</button>`
            : null
        }
        <label>${this.t('reauth.password')}
          <input part="password" id="password" name="password" type="password" autocomplete="current-password" required />
        </label>
        ${this.needsCode ? this.renderCode() : null}
        <p part="error" class="error" role="alert">${this.error}</p>
        <div class="actions">
          <button part="confirm" type="submit" ?disabled=${this.busy}>${this.busy ? this.t('working') : this.t('reauth.confirm')}</button>
          <button part="cancel" type="button" class="secondary" @click=${() => this.finish(false)}>${this.t('cancel')}</button>
        </div>
      </form>
    </dialog>`;
  }

  private renderCode() {
    return html`${
      this.recovery
        ? html`<label>${this.t('login.recovery')}
            <input part="code" id="code" name="code" type="text" autocomplete="off" autocapitalize="characters" spellcheck="false" required />
          </label>`
        : html`<label>${this.t('login.code')}
            <input part="code" id="code" name="code" type="text" inputmode="numeric" autocomplete="one-time-code" spellcheck="false" required />
          </label>`
    }
      <button part="switch-method" type="button" class="link" @click=${this.switchMethod}>
        ${this.t(this.recovery ? 'login.useCode' : 'reauth.useRecovery')}
      </button>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'portcullis-reauth-dialog': PortcullisReauthDialog;
  }
}
