import { formatSecret, isPortcullisError, type Challenge, type Enrollment, type Me } from '@portcullis/sdk';
import { html, nothing, type PropertyValues, type SVGTemplateResult } from 'lit';
import { state } from 'lit/decorators.js';
import { LoginEvent } from '../shared/events.ts';
import { PortcullisElement } from '../shared/portcullis-element.ts';
import { recoveryCodesStyles, tokens } from '../shared/styles.ts';
import { loginFormStyles } from './login-form.styles.ts';
import { qrCode } from './qr-code.ts';

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
  static override styles = [tokens, recoveryCodesStyles, loginFormStyles];

  @state() private step: Step = { name: 'password' };
  @state() private error = '';
  @state() private busy = false;
  @state() private qr: SVGTemplateResult | undefined;
  @state() private copied = '';
  @state() private savedCodes = false;
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
        this.qr = undefined;
        this.step = { name: 'enroll', challenge: result.challenge, enrollment: result.enrollment, account: this.username };
        this.qr = await qrCode(result.enrollment.otpauthUri);
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
        this.savedCodes = false;
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

  private async copy(text: string, what: string) {
    try {
      await navigator.clipboard.writeText(text);
      this.copied = what;
    } catch {
      // No clipboard access (permissions, insecure context): the text stays on screen to copy by hand.
      this.copied = '';
    }
  }

  private download(codes: string[]) {
    const url = URL.createObjectURL(new Blob([`${codes.join('\n')}\n`], { type: 'text/plain' }));
    const link = Object.assign(document.createElement('a'), { href: url, download: 'recovery-codes.txt' });
    link.click();
    setTimeout(() => URL.revokeObjectURL(url), 0);
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
    return recovery
      ? html`<label>${this.t('login.recovery')}
          <input part="code" name="code" type="text" autocomplete="off" autocapitalize="characters" spellcheck="false" required aria-describedby="help error" aria-invalid=${this.error ? 'true' : 'false'} />
        </label>`
      : html`<label>${this.t('login.code')}
          <input part="code" name="code" type="text" inputmode="numeric" autocomplete="one-time-code" pattern="[0-9 ]*" maxlength="12" spellcheck="false" required aria-describedby="help error" aria-invalid=${this.error ? 'true' : 'false'} />
        </label>`;
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
    const secret = formatSecret(step.enrollment.secret);
    return html`<form part="form" @submit=${(e: SubmitEvent) => this.submitCode(e, step.challenge)} aria-labelledby="heading">
      <h2 part="heading" id="heading" tabindex="-1">${this.t('login.enrollTitle')}</h2>
      <p id="help">${this.t('login.enrollHelp')}</p>
      <div part="qr" class="qr" role="img" aria-label=${this.t('login.qrLabel', { account: step.account })}>${this.qr ?? html`<span class="muted">${this.t('loading')}</span>`}</div>
      <div class="secret-row">
        <span class="secret-label" id="secret-label">${this.t('login.secret')}</span>
        <code part="secret" aria-labelledby="secret-label">${secret}</code>
        <button part="copy" type="button" class="secondary" @click=${() => this.copy(step.enrollment.secret, 'secret')}>
          ${this.copied === 'secret' ? this.t('login.copied') : this.t('login.copySecret')}
        </button>
      </div>
      ${this.renderCodeInput(false)}
      ${this.renderError()}
      <button part="submit" type="submit" ?disabled=${this.busy}>${this.busy ? this.t('working') : this.t('login.verify')}</button>
      <button part="start-over" type="button" class="link" @click=${() => ((this.error = ''), (this.step = { name: 'password' }))}>${this.t('login.startOver')}</button>
    </form>`;
  }

  private renderRecoveryCodes(step: Extract<Step, { name: 'recovery-codes' }>) {
    const text = step.codes.join('\n');
    return html`<form part="form" aria-labelledby="heading" @submit=${(e: SubmitEvent) => (e.preventDefault(), this.signedIn(step.user))}>
      <h2 part="heading" id="heading" tabindex="-1">${this.t('login.recoveryTitle')}</h2>
      <p>${this.t('login.recoveryCodesHelp')}</p>
      <ol part="recovery-codes" class="codes">
        ${step.codes.map((code) => html`<li><code>${code}</code></li>`)}
      </ol>
      <div class="actions">
        <button part="copy" type="button" class="secondary" @click=${() => this.copy(text, 'codes')}>
          ${this.copied === 'codes' ? this.t('login.copied') : this.t('login.copyCodes')}
        </button>
        <button part="download" type="button" class="secondary" @click=${() => this.download(step.codes)}>${this.t('login.downloadCodes')}</button>
      </div>
      <label class="check">
        <input type="checkbox" .checked=${this.savedCodes} @change=${(e: Event) => (this.savedCodes = (e.target as HTMLInputElement).checked)} />
        ${this.t('login.savedCodes')}
      </label>
      <button part="submit" type="submit" ?disabled=${!this.savedCodes}>${this.t('login.continue')}</button>
      <p class="visually-hidden" role="status">${this.copied ? this.t('login.copied') : nothing}</p>
    </form>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'login-form': LoginForm;
  }
}
