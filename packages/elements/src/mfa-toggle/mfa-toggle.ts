import type { MfaState } from '@portcullis/sdk';
import { html } from 'lit';
import { MfaChangeEvent } from '../shared/events.ts';
import { MfaElement } from '../shared/mfa-element.ts';
import { tokens } from '../shared/styles.ts';
import { mfaToggleStyles } from './mfa-toggle.styles.ts';

/**
 * The person's own MFA switch. Turning it on says the authenticator is set up at the next
 * sign-in; turning it off asks to confirm (and, when the sign-in is not recent, for the password
 * and a code). Locked, with the reason, while the organization enforces MFA.
 *
 * @summary A switch that turns the person's MFA on and off.
 * @customElement mfa-toggle
 * @fires mfa-change - After MFA was turned on or off; `detail.mfa` is the new state.
 * @fires session-expired - When the session has ended; show `<login-form>`.
 * @csspart switch - The switch button (`role="switch"`).
 * @csspart track - The switch's track.
 * @csspart thumb - The switch's thumb.
 * @csspart label - The switch's label.
 * @csspart state - The On/Off text.
 * @csspart hint - What the current state means.
 * @csspart status - The live region announcing results and errors.
 * @cssprop --portcullis-switch-on - Track colour when on (green by default).
 * @cssprop --portcullis-switch-off - Track colour when off (grey by default).
 * @cssprop --portcullis-focus-ring - Colour of the focus outline.
 */
export class MfaToggle extends MfaElement {
  static override styles = [tokens, mfaToggleStyles];

  private async toggle() {
    const mfa = this.mfa;
    if (!mfa || this.busy || (mfa.enforced && mfa.enabled)) return;
    const enable = !mfa.enabled;
    if (!enable) {
      const confirmed = await this.confirmDialog.confirm({
        title: this.t('mfa.confirmOffTitle'),
        body: this.t('mfa.confirmOffBody'),
        confirmLabel: this.t('mfa.confirmOff'),
        cancelLabel: this.t('cancel'),
        danger: true,
      });
      if (!confirmed) return;
    }
    this.busy = true;
    this.status = undefined;
    try {
      this.mfa = await this.perform(() => this.api.setMfaEnabled(enable));
      this.status = { kind: 'success', text: this.t(enable ? 'mfa.turnedOn' : 'mfa.turnedOff') };
      this.dispatchEvent(new MfaChangeEvent({ mfa: this.mfa, action: enable ? 'enabled' : 'disabled' }));
    } catch (error) {
      this.status = { kind: 'error', text: this.errorText(error) };
    } finally {
      this.busy = false;
      // Focus stays on the switch: it is what changed, and its new state is announced.
      this.renderRoot.querySelector<HTMLButtonElement>('[part=switch]')?.focus();
    }
  }

  private hint(mfa: MfaState): string {
    if (mfa.enforced) return this.t('mfa.locked');
    if (!mfa.enabled) return this.t('mfa.hintOff');
    return this.t(mfa.configured ? 'mfa.hintOn' : 'mfa.hintPending');
  }

  protected override render() {
    return html`${this.renderWithMfa((mfa) => this.renderSwitch(mfa))}
      <portcullis-confirm-dialog></portcullis-confirm-dialog>`;
  }

  private renderSwitch(mfa: MfaState) {
    const on = mfa.required;
    const locked = mfa.enforced;
    return html`<div class="row">
        <span part="label" id="label">${this.t('mfa.label')}</span>
        <button
          part="switch"
          type="button"
          role="switch"
          aria-checked=${on ? 'true' : 'false'}
          aria-labelledby="label"
          aria-describedby="hint"
          aria-disabled=${locked || this.busy ? 'true' : 'false'}
          class=${on ? 'on' : 'off'}
          @click=${this.toggle}
        >
          <span part="track" class="track"><span part="thumb" class="thumb"></span></span>
          <span part="state" class="state">${this.t(on ? 'mfa.on' : 'mfa.off')}</span>
        </button>
      </div>
      <p part="hint" id="hint" class="muted">${this.hint(mfa)}</p>
      <p part="status" role="status" class=${this.status?.kind ?? ''}>${this.status?.text ?? ''}</p>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'mfa-toggle': MfaToggle;
  }
}
