import { isPortcullisError, type Challenge, type Enrollment, type Me } from '@portcullis/sdk';
import { html, type PropertyValues } from 'lit';
import { state } from 'lit/decorators.js';
import { EnrollmentController, renderTotpInput } from '../shared/enrollment.ts';
import { LoginEvent } from '../shared/events.ts';
import { PortcullisElement } from '../shared/portcullis-element.ts';
import { enrollmentStyles, recoveryCodesStyles, tokens } from '../shared/styles.ts';
import { loginFormStyles } from './login-form.styles.ts';

type Step =
  | { name: 'password' }
  | { name: 'code'; challenge: Challenge; recovery: boolean }
  | { name: 'enroll'; challenge: Challenge; enrollment: Enrollment; account: string }
  | { name: 'recovery-codes'; codes: string[]; user: Me };

/**
 * Signs a person in: the password, then either a code from their authenticator app (or a
 * recovery code) or, on the first sign-in with MFA, the setup of an authenticator app with a QR
 * code, followed by the recovery codes to save.
 *
 * @summary The sign-in form, with the MFA code and enrollment steps.
 * @customElement login-form
 * @fires login - Once signed in; `detail.user` is the signed-in user.
 * @csspart form - Each step's form.
 * @csspart heading - Each step's heading.
 * @csspart username - The username input.
 * @csspart password - The password input.
 * @csspart code - The authentication or recovery code input.
 * @csspart submit - Each step's main button.
 * @csspart switch-method - The link between authenticator and recovery codes.
 * @csspart start-over - The link back to the password step.
 * @csspart qr - The QR code to scan.
 * @csspart secret - The setup key, in groups of four.
 * @csspart copy - The copy buttons.
 * @csspart download - The download button for recovery codes.
 * @csspart recovery-codes - The list of recovery codes.
 * @csspart error - The error message (a live region).
 * @cssprop --portcullis-accent - Colour of buttons and links.
 * @cssprop --portcullis-danger - Colour of errors.
 */
export class LoginForm extends PortcullisElement {
  static override styles = [tokens, recoveryCodesStyles, enrollmentStyles, loginFormStyles];

  @state() private step: Step = { name: 'password' };
  @state() private error = '';
  @state() private busy = false;
  private enrollment = new EnrollmentController(this);
  private username = '';

  protected override updated(changed: PropertyValues) {
    super.updated(changed);
    // Focus follows the step: the heading of a new step, so it is read out first.
    if (changed.has('step')) this.renderRoot.querySelector<HTMLElement>('[part=heading]')?.focus();
  }

  private async submitPassword(event: SubmitEvent) {
    event.preventDefault();
    const data = new FormData(event.target as HTMLFormElement);
    this.username = String(data.get('username') ?? '');
    await this.attempt(async () => {
      const result = await this.api.login({ username: this.username, password: String(data.get('password') ?? '') });
      if (result.status === 'authenticated') return this.signedIn(result.user);
      if (result.status === 'mfa_required') {
        this.step = { name: 'code', challenge: result.challenge, recovery: false };
      } else {
        this.step = { name: 'enroll', challenge: result.challenge, enrollment: result.enrollment, account: this.username };
        await this.enrollment.show(result.enrollment);
      }
    });
  }

  private async submitCode(event: SubmitEvent, challenge: Challenge) {
    event.preventDefault();
    const typed = String(new FormData(event.target as HTMLFormElement).get('code') ?? '');
    // A pasted "123 456" or "1234-5678-…" still works: spaces are dropped here, dashes server-side.
    const code = typed.replace(/\s+/g, '');
    await this.attempt(async () => {
      const result = await this.api.completeMfa({ challengeId: challenge.id, code });
      if (result.recoveryCodes) {
        this.step = { name: 'recovery-codes', codes: result.recoveryCodes, user: result.user };
      } else {
        this.signedIn(result.user);
      }
    });
  }

  private async attempt(action: () => Promise<void>) {
    this.busy = true;
    this.error = '';
    try {
      await action();
    } catch (error) {
      this.error = this.errorText(error);
      if (isPortcullisError(error, 'challenge_expired')) this.step = { name: 'password' };
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLInputElement>('[part=code], [part=password]')?.select();
    } finally {
      this.busy = false;
    }
  }

  private signedIn(user: Me) {
    this.step = { name: 'password' };
    this.dispatchEvent(new LoginEvent({ user }));
  }

  protected override render() {
    const step = this.step;
    switch (step.name) {
      case 'password':
        return this.renderPassword();
      case 'code':
        return this.renderCode(step);
      case 'enroll':
        return this.renderEnroll(step);
      case 'recovery-codes':
        return this.renderRecoveryCodes(step);
    }
  }

  private renderError() {
    return html`<p part="error" class="error" role="alert" id="error">${this.error}</p>`;
  }

  private renderPassword() {
    return html`<form part="form" @submit=${this.submitPassword} aria-labelledby="heading">
      <h2 part="heading" id="heading" tabindex="-1">${this.t('login.title')}</h2>
      <label>${this.t('login.username')}
        <input part="username" name="username" type="text" autocomplete="username" autocapitalize="none" spellcheck="false" required .value=${this.username} />
      </label>
      <label>${this.t('login.password')}
        <input part="password" name="password" type="password" autocomplete="current-password" required aria-describedby="error" aria-invalid=${this.error ? 'true' : 'false'} />
      </label>
      ${this.renderError()}
      <button part="submit" type="submit" ?disabled=${this.busy}>${this.busy ? this.t('working') : this.t('login.submit')}</button>
    </form>`;
  }

  private renderCodeInput(recovery: boolean) {
    const t = this.t.bind(this);
    return recovery
      ? html`<label>${this.t('login.recovery')}
          <input part="code" name="code" type="text" autocomplete="off" autocapitalize="characters" spellcheck="false" required aria-describedby="help error" aria-invalid=${this.error ? 'true' : 'false'} />
        </label>`
      : renderTotpInput(t, this.error !== '');
  }

  private renderCode(step: Extract<Step, { name: 'code' }>) {
    return html`<form part="form" @submit=${(e: SubmitEvent) => this.submitCode(e, step.challenge)} aria-labelledby="heading">
      <h2 part="heading" id="heading" tabindex="-1">${this.t('login.codeTitle')}</h2>
      <p id="help">${this.t(step.recovery ? 'login.recoveryHelp' : 'login.codeHelp')}</p>
      ${this.renderCodeInput(step.recovery)}
      ${this.renderError()}
      <button part="submit" type="submit" ?disabled=${this.busy}>${this.busy ? this.t('working') : this.t('login.verify')}</button>
      <button part="switch-method" type="button" class="link" @click=${() => ((this.error = ''), (this.step = { ...step, recovery: !step.recovery }))}>
        ${this.t(step.recovery ? 'login.useCode' : 'login.useRecovery')}
      </button>
      <button part="start-over" type="button" class="link" @click=${() => ((this.error = ''), (this.step = { name: 'password' }))}>${this.t('login.startOver')}</button>
    </form>`;
  }

  private renderEnroll(step: Extract<Step, { name: 'enroll' }>) {
    return html`<form part="form" @submit=${(e: SubmitEvent) => this.submitCode(e, step.challenge)} aria-labelledby="heading">
      <h2 part="heading" id="heading" tabindex="-1">${this.t('login.enrollTitle')}</h2>
      ${this.enrollment.renderSetupKey(this.t.bind(this), step.enrollment, step.account)}
      ${this.renderCodeInput(false)}
      ${this.renderError()}
      <button part="submit" type="submit" ?disabled=${this.busy}>${this.busy ? this.t('working') : this.t('login.verify')}</button>
      <button part="start-over" type="button" class="link" @click=${() => ((this.error = ''), (this.step = { name: 'password' }))}>${this.t('login.startOver')}</button>
    </form>`;
  }

  private renderRecoveryCodes(step: Extract<Step, { name: 'recovery-codes' }>) {
    return html`<form part="form" aria-labelledby="heading" @submit=${(e: SubmitEvent) => (e.preventDefault(), this.signedIn(step.user))}>
      <h2 part="heading" id="heading" tabindex="-1">${this.t('login.recoveryTitle')}</h2>
      ${this.enrollment.renderRecoveryCodes(this.t.bind(this), step.codes)}
      <button part="submit" type="submit" ?disabled=${!this.enrollment.savedCodes}>${this.t('login.continue')}</button>
    </form>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'login-form': LoginForm;
  }
}
