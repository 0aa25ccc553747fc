import type { MfaState } from '@portcullis/sdk';
import { html } from 'lit';
import { state } from 'lit/decorators.js';
import { MfaChangeEvent } from '../shared/events.ts';
import { MfaElement } from '../shared/mfa-element.ts';
import { recoveryCodesStyles, tokens } from '../shared/styles.ts';
import { mfaResetStyles } from './mfa-reset.styles.ts';
import { PortcullisConfirmDialog } from '../portcullis-confirm-dialog/portcullis-confirm-dialog.ts';
import { PortcullisReauthDialog } from '../portcullis-reauth-dialog/portcullis-reauth-dialog.ts';

/**
 * Resets the person's own MFA: the authenticator app and recovery codes are unlinked and a new
 * device is linked at the next sign-in (or at once, with the switch's "Set up now"). Confirmed
 * with a code from the app, or with a recovery code when the device is lost. Also offers new
 * recovery codes (for any second factor). The reset is offered while an authenticator app is linked.
 *
 * @summary "Reset MFA for this account", with new recovery codes on offer.
 * @customElement mfa-reset
 * @fires mfa-change - After a reset (`action: 'reset'`) or new recovery codes (`action: 'recovery-codes'`).
 * @fires session-expired - When the session has ended; show `<login-form>`.
 * @csspart heading - The section heading.
 * @csspart reset - The reset button.
 * @csspart renew - The button for new recovery codes.
 * @csspart recovery-codes - The list of new recovery codes.
 * @csspart nothing-linked - The note shown while no authenticator app is linked.
 * @csspart status - The live region announcing results and errors.
 * @cssprop --portcullis-danger - Colour of the reset button.
 */
export class MfaReset extends MfaElement {
  /** The elements it renders, registered with it (`defineElement`). */
  static dependencies = {
    'portcullis-confirm-dialog': PortcullisConfirmDialog,
    'portcullis-reauth-dialog': PortcullisReauthDialog,
  };

  static override styles = [tokens, recoveryCodesStyles, mfaResetStyles];

  @state() private codes: string[] = [];

  private async act(kind: 'reset' | 'recovery-codes') {
    const reset = kind === 'reset';
    const confirmed = await this.confirmDialog.confirm({
      title: this.t(reset ? 'reset.confirmTitle' : 'reset.newCodesTitle'),
      body: this.t(reset ? 'reset.confirmBody' : 'reset.newCodesBody'),
      confirmLabel: this.t(reset ? 'reset.button' : 'reset.newCodesConfirm'),
      cancelLabel: this.t('cancel'),
      danger: reset,
    });
    if (!confirmed) return;
    this.codes = [];
    // Focus moves to the result (the default), so it is read out and the next step is at hand.
    await this.action.run(async () => {
      if (reset) {
        this.mfa = await this.perform(() => this.api.resetMfa());
      } else {
        this.codes = await this.perform(() => this.api.renewRecoveryCodes());
        this.mfa = this.mfa && { ...this.mfa, recoveryCodesLeft: this.codes.length };
      }
      this.dispatchEvent(new MfaChangeEvent({ mfa: this.mfa!, action: kind }));
      return this.t(reset ? 'reset.done' : 'reset.newCodesDone');
    });
  }

  protected override render() {
    return html`<section aria-labelledby="reset-heading">
        <h3 part="heading" id="reset-heading">${this.t('reset.title')}</h3>
        <p class="muted">${this.t('reset.help')}</p>
        ${this.renderWithMfa((mfa) => this.renderActions(mfa))}
      </section>
      <portcullis-confirm-dialog></portcullis-confirm-dialog>`;
  }

  private renderActions(mfa: MfaState) {
    // Passkeys are removed one by one in <passkey-list>; the reset is the app's. Recovery codes
    // back up any second factor.
    return html`${mfa.authenticatorApp ? null : html`<p part="nothing-linked" class="muted">${this.t('reset.nothingLinked')}</p>`}
      ${
        mfa.configured
          ? html`<div class="actions">
              ${
                mfa.authenticatorApp
                  ? html`<button part="reset" type="button" class="danger" ?disabled=${this.action.busy} @click=${() => this.act('reset')}>${this.t('reset.button')}</button>`
                  : null
              }
              <button part="renew" type="button" class="secondary" ?disabled=${this.action.busy} @click=${() => this.act('recovery-codes')}>${this.t('reset.newCodes')}</button>
            </div>
            <p class="muted">${this.t('reset.codesLeft', { count: mfa.recoveryCodesLeft })}</p>`
          : null
      }
      ${this.action.renderStatus()}
      ${
        this.codes.length
          ? html`<ol part="recovery-codes" class="codes">${this.codes.map((code) => html`<li><code dir="ltr" translate="no">${code}</code></li>`)}</ol>`
          : null
      }`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'mfa-reset': MfaReset;
  }
}
