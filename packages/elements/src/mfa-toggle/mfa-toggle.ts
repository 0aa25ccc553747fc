import { isPortcullisError, type MfaState, type SessionEnrollment } from '@portcullis/sdk';
import { html } from 'lit';
import { query, state } from 'lit/decorators.js';
import { EnrollmentController, renderTotpInput } from '../shared/enrollment.ts';
import { MfaChangeEvent } from '../shared/events.ts';
import { MfaElement } from '../shared/mfa-element.ts';
import { enrollmentStyles, recoveryCodesStyles, tokens } from '../shared/styles.ts';
import { mfaToggleStyles } from './mfa-toggle.styles.ts';
import { relativeDays } from '../shared/relative-time.ts';
import { PortcullisConfirmDialog } from '../portcullis-confirm-dialog/portcullis-confirm-dialog.ts';
import { PortcullisReauthDialog } from '../portcullis-reauth-dialog/portcullis-reauth-dialog.ts';

/** The reminder of an organization's MFA deadline turns urgent this close to it. */
const urgentWithinMs = 7 * 86_400_000;

type Setup = { step: 'key'; enrollment: SessionEnrollment; error: string } | { step: 'codes'; codes: string[] };

/**
 * The person's own MFA switch. Turning it on says the authenticator is set up at the next
 * sign-in, and offers "Set up now" to link it without signing out (also while the organization
 * enforces MFA and nothing is linked yet). Turning it off asks to confirm (and, when the sign-in
 * is not recent, for the password and a code). Locked, with the reason, while the organization
 * enforces MFA. While the organization's MFA deadline is ahead and nothing is linked, a reminder
 * says from when (a stronger one, announced at once, in the last seven days).
 *
 * @summary A switch that turns the person's MFA on and off, with "Set up now".
 * @customElement mfa-toggle
 * @fires mfa-change - After MFA was turned on or off (`action: 'enabled' | 'disabled'`) or linked with "Set up now" (`'enrolled'`); `detail.mfa` is the new state.
 * @fires session-expired - When the session has ended; show `<login-form>`.
 * @csspart switch - The switch button (`role="switch"`).
 * @csspart track - The switch's track.
 * @csspart thumb - The switch's thumb.
 * @csspart label - The switch's label.
 * @csspart state - The On/Off text.
 * @csspart hint - What the current state means.
 * @csspart passkey-prompt - Under the organization's passkeys-only level, the prompt to add a passkey instead of the app.
 * @csspart reminder - The reminder of the organization's MFA deadline (also `urgent` in its last seven days).
 * @csspart setup - The "Set up now" button.
 * @csspart setup-panel - The setup steps: QR code, key and code, then the recovery codes.
 * @csspart setup-heading - The heading of each setup step.
 * @csspart qr - The QR code to scan.
 * @csspart secret - The setup key, in groups of four.
 * @csspart code - The code input of the setup.
 * @csspart verify - The button that links the app with its code.
 * @csspart cancel - The button that abandons the setup.
 * @csspart copy - The copy buttons.
 * @csspart download - The download button for recovery codes.
 * @csspart recovery-codes - The list of recovery codes.
 * @csspart done - The button that closes the setup once the codes are saved.
 * @csspart error - The setup's error message.
 * @csspart status - The live region announcing results and errors.
 * @cssprop --portcullis-switch-on - Track colour when on (green by default).
 * @cssprop --portcullis-switch-off - Track colour when off (grey by default).
 * @cssprop --portcullis-focus-ring - Colour of the focus outline.
 */
export class MfaToggle extends MfaElement {
  /** The elements it renders, registered with it (`defineElement`). */
  static dependencies = {
    'portcullis-confirm-dialog': PortcullisConfirmDialog,
    'portcullis-reauth-dialog': PortcullisReauthDialog,
  };

  // Focus targets by id: a part is for styling and may be renamed.
  @query('#switch') private switchButton?: HTMLButtonElement | null;
  @query('#setup') private setupButton?: HTMLButtonElement | null;
  @query('#setup-heading') private setupHeading?: HTMLElement | null;
  @query('#code') private codeInput?: HTMLInputElement | null;
  static override styles = [tokens, recoveryCodesStyles, enrollmentStyles, mfaToggleStyles];

  @state() private setup: Setup | undefined;
  private enrollment = new EnrollmentController(this);

  private async toggle() {
    const mfa = this.mfa;
    if (!mfa || this.action.busy || (mfa.enforced && mfa.enabled)) return;
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
    // Focus stays on the switch: it is what changed, and its new state is announced.
    await this.action.run(
      async () => {
        this.mfa = await this.perform(() => this.api.setMfaEnabled(enable));
        if (!enable) this.setup = undefined;
        this.dispatchEvent(new MfaChangeEvent({ mfa: this.mfa, action: enable ? 'enabled' : 'disabled' }));
        return this.t(enable ? 'mfa.turnedOn' : 'mfa.turnedOff');
      },
      { focus: '#switch' },
    );
  }

  private async startSetup() {
    // On success focus is already on the setup's heading; a failure is announced where it was.
    const started = await this.action.run(
      async () => {
        const enrollment = await this.perform(() => this.api.startEnrollment());
        this.setup = { step: 'key', enrollment, error: '' };
        return undefined;
      },
      { focus: null },
    );
    const setup = this.setup;
    if (!started || setup?.step !== 'key') return;
    // Outside the action: while the QR code loads the setup may be cancelled, and the button it
    // gives focus back to must not be disabled by a busy action then.
    await this.focusSetup();
    await this.enrollment.show(setup.enrollment);
  }

  private async confirmSetup(event: SubmitEvent) {
    event.preventDefault();
    const setup = this.setup;
    if (setup?.step !== 'key') return;
    const code = String(new FormData(event.target as HTMLFormElement).get('code') ?? '').replace(/\s+/g, '');
    let wrongCode = false;
    const linked = await this.action.run(
      async () => {
        try {
          const codes = await this.perform(() => this.api.confirmEnrollment(code));
          this.setup = { step: 'codes', codes };
          this.mfa = (await this.api.me()).mfa;
          this.dispatchEvent(new MfaChangeEvent({ mfa: this.mfa, action: 'enrolled' }));
        } catch (error) {
          // The setup lapsed or ended: back to the start, with the reason announced.
          if (isPortcullisError(error, 'challenge_expired')) {
            this.setup = undefined;
            throw error;
          }
          // Anything else is about the code: said at the field, where the next try is typed.
          this.setup = { ...setup, error: this.errorText(error) };
          wrongCode = true;
        }
        return undefined;
      },
      { focus: null },
    );
    if (!linked) this.setupButton?.focus();
    else if (wrongCode) this.codeInput?.select();
    else await this.focusSetup();
  }

  private async endSetup(done: boolean) {
    this.setup = undefined;
    if (done) this.action.announce({ kind: 'success', text: this.t('mfa.setupDone') });
    await this.updateComplete;
    (done ? this.switchButton : this.setupButton)?.focus();
  }

  /** Focus goes to the heading of the new step, so it is read out first. */
  private async focusSetup() {
    await this.updateComplete;
    this.setupHeading?.focus();
  }

  private hint(mfa: MfaState): string {
    // Before a deadline the next sign-in does not ask for the setup yet: the reminder says when.
    if (mfa.enforced) return this.t(mfa.configured || mfa.requiredFrom ? 'mfa.locked' : 'mfa.lockedPending');
    if (!mfa.enabled) return this.t('mfa.hintOff');
    return this.t(!mfa.configured ? 'mfa.hintPending' : mfa.authenticatorApp ? 'mfa.hintOn' : 'mfa.hintOnPasskey');
  }

  protected override render() {
    return html`${this.renderWithMfa((mfa) => this.renderSwitch(mfa))}
      <portcullis-confirm-dialog></portcullis-confirm-dialog>`;
  }

  private renderSwitch(mfa: MfaState) {
    const on = mfa.required;
    const locked = mfa.enforced;
    // Under passkeys only the app cannot be linked: the prompt points to the passkeys instead.
    const canSetUp = mfa.required && !mfa.configured && !mfa.phishingResistant;
    return html`<div class="row">
        <span part="label" id="label">${this.t('mfa.label')}</span>
        <button
          part="switch"
          id="switch"
          type="button"
          role="switch"
          aria-checked=${on ? 'true' : 'false'}
          aria-labelledby="label"
          aria-describedby="hint"
          aria-disabled=${locked || this.action.busy ? 'true' : 'false'}
          class=${on ? 'on' : 'off'}
          @click=${this.toggle}
        >
          <span part="track" class="track"><span part="thumb" class="thumb"></span></span>
          <span part="state" class="state">${this.t(on ? 'mfa.on' : 'mfa.off')}</span>
        </button>
      </div>
      <p part="hint" id="hint" class="muted">${this.hint(mfa)}</p>
      ${this.renderReminder(mfa)}
      ${mfa.phishingResistant && mfa.passkeys === 0 ? html`<p part="passkey-prompt" class="reminder">${this.t('mfa.passkeyPrompt')}</p>` : null}
      ${
        canSetUp && !this.setup
          ? html`<button part="setup" id="setup" type="button" class="secondary" ?disabled=${this.action.busy} @click=${this.startSetup}>${this.t('mfa.setupNow')}</button>`
          : null
      }
      ${this.setup ? this.renderSetup(this.setup) : null}
      ${this.action.renderStatus()}`;
  }

  /**
   * "Your organization requires a second factor from 1 March — in 12 days." A polite live region,
   * read once when it appears; in the last seven days an alert, and styled as urgent.
   */
  private renderReminder(mfa: MfaState) {
    if (!mfa.requiredFrom || this.setup) return null;
    const urgent = Date.parse(mfa.requiredFrom) - Date.now() <= urgentWithinMs;
    const values = {
      date: new Intl.DateTimeFormat(this.language, { dateStyle: 'long' }).format(new Date(mfa.requiredFrom)),
      when: relativeDays(mfa.requiredFrom, this.language),
    };
    return html`<p part=${urgent ? 'reminder urgent' : 'reminder'} class=${urgent ? 'reminder urgent' : 'reminder'} role=${urgent ? 'alert' : 'status'}>
      ${this.t(urgent ? 'mfa.reminderUrgent' : 'mfa.reminder', values)}
    </p>`;
  }

  private renderSetup(setup: Setup) {
    const t = this.t.bind(this);
    if (setup.step === 'codes') {
      return html`<form part="setup-panel" class="panel" aria-labelledby="setup-heading" @submit=${(e: SubmitEvent) => (e.preventDefault(), this.endSetup(true))}>
        <h3 part="setup-heading" id="setup-heading" tabindex="-1">${this.t('login.recoveryTitle')}</h3>
        ${this.enrollment.renderRecoveryCodes(t, setup.codes)}
        <button part="done" type="submit" ?disabled=${!this.enrollment.savedCodes}>${this.t('mfa.setupFinish')}</button>
      </form>`;
    }
    return html`<form part="setup-panel" class="panel" aria-labelledby="setup-heading" @submit=${this.confirmSetup}>
      <h3 part="setup-heading" id="setup-heading" tabindex="-1">${this.t('login.enrollTitle')}</h3>
      ${this.enrollment.renderSetupKey(t, setup.enrollment, this.username)}
      ${renderTotpInput(t, setup.error !== '')}
      <p part="error" class="error" role="alert" id="error">${setup.error}</p>
      <div class="actions">
        <button part="verify" type="submit" ?disabled=${this.action.busy}>${this.action.busy ? this.t('working') : this.t('login.verify')}</button>
        <button part="cancel" type="button" class="secondary" @click=${() => this.endSetup(false)}>${this.t('cancel')}</button>
      </div>
    </form>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'mfa-toggle': MfaToggle;
  }
}
