import {
  isPortcullisError,
  passkeyAutofillAvailable,
  webauthnAvailable,
  type Authenticated,
  type Challenge,
  type Enrollment,
  type LoginResult,
  type Me,
  type MfaStepResponse,
} from '@portcullis/sdk';
import { html, type PropertyValues } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import { EnrollmentController, renderTotpInput } from '../shared/enrollment.ts';
import { LoginEvent } from '../shared/events.ts';
import { PortcullisElement } from '../shared/portcullis-element.ts';
import { enrollmentStyles, recoveryCodesStyles, tokens } from '../shared/styles.ts';
import { loginFormStyles } from './login-form.styles.ts';

type Pending = Exclude<LoginResult, { status: 'authenticated' }>;
type Step =
  | { name: 'password' }
  | { name: 'code'; challenge: Challenge; recovery: boolean; login: Pending }
  | { name: 'enroll'; challenge: Challenge; enrollment: Enrollment; account: string; login: Pending }
  /** The organization accepts only passkeys (#30): a new one is created to finish signing in. */
  | { name: 'passkey-setup'; login: Pending }
  | { name: 'recovery-codes'; codes: string[]; user: Me };

/**
 * Signs a person in: the password, then either a code from their authenticator app, a passkey or
 * a recovery code (whichever they have) or, on the first sign-in with MFA, the setup of an
 * authenticator app with a QR code or of a passkey, followed by the recovery codes to save.
 * "Sign in with a passkey" signs in with a passkey alone; where the browser offers passkeys in
 * the username's autofill list, choosing one there does the same. Where the organization accepts
 * only passkeys, a sign-in proven with the app or a recovery code (or a first setup) goes on by
 * creating a passkey.
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
 * @csspart passkey - The passkey button of each step ("Sign in with a passkey", "Use a passkey", "Use a passkey instead", "Create a passkey").
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
  // Focus targets by id: a part is for styling and may be renamed.
  @query('#heading') private heading?: HTMLElement | null;
  @query('#code') private codeInput?: HTMLInputElement | null;
  @query('#password') private passwordInput?: HTMLInputElement | null;
  @query('#passkey') private passkeyButton?: HTMLButtonElement | null;
  static override styles = [tokens, recoveryCodesStyles, enrollmentStyles, loginFormStyles];

  /**
   * `off` keeps passkeys out of the username field's autofill list (the button stays), for pages
   * where another field owns the autofill.
   */
  @property({ attribute: 'passkey-autofill' }) passkeyAutofill: 'on' | 'off' = 'on';

  @state() private step: Step = { name: 'password' };
  @state() private error = '';
  @state() private busy = false;
  private enrollment = new EnrollmentController(this);
  private username = '';
  private autofill: AbortController | undefined;

  override connectedCallback(): void {
    super.connectedCallback();
    // After the first render: the client may come from a provider, and the property from markup.
    void this.updateComplete.then(() => {
      if (this.isConnected) void this.offerAutofill();
    });
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.autofill?.abort();
    this.autofill = undefined;
  }

  /**
   * Lets the browser list passkeys in the username field's autofill, where it can: a pending
   * request that resolves when the person picks one. A prompt closed, superseded or impossible
   * here (an IP address as host) ends quietly; a chosen passkey that is refused is shown. Offered
   * when the form appears and again after a failed attempt, never straight after its own outcome,
   * so nothing can loop.
   */
  private async offerAutofill() {
    if (this.passkeyAutofill === 'off' || this.autofill || !this.hasClient) return;
    const offer = (this.autofill = new AbortController());
    try {
      if (!(await passkeyAutofillAvailable().catch(() => false)) || offer.signal.aborted) return;
      const result = await this.api.loginWithPasskey({ autofill: true, signal: offer.signal });
      if (!offer.signal.aborted) this.signedIn(result.user);
    } catch (error) {
      // The offer was the browser's, not a request of the person's: only a passkey they chose
      // and the server refused is worth a message.
      const code = isPortcullisError(error) ? error.code : undefined;
      if (
        offer.signal.aborted ||
        code === 'passkey_cancelled' ||
        code === 'passkey_timeout' ||
        code === 'passkey_unavailable'
      )
        return;
      this.error = this.passkeyErrorText(error);
    } finally {
      if (this.autofill === offer) this.autofill = undefined;
    }
  }

  protected override updated(changed: PropertyValues) {
    super.updated(changed);
    // Focus follows the step: the heading of a new step, so it is read out first.
    if (changed.has('step')) this.heading?.focus();
    // Past the password step, the username field and its autofill list are gone.
    if (changed.has('step') && this.step.name !== 'password') this.autofill?.abort();
  }

  private async submitPassword(event: SubmitEvent) {
    event.preventDefault();
    const data = new FormData(event.target as HTMLFormElement);
    this.username = String(data.get('username') ?? '');
    await this.attempt(async () => {
      const result = await this.api.login({ username: this.username, password: String(data.get('password') ?? '') });
      if (result.status === 'authenticated') return this.signedIn(result.user);
      if (result.status === 'mfa_required') {
        // Someone with passkeys and no app answers with a passkey or, failing that, a recovery code.
        const methods = result.challenge.methods ?? ['totp', 'recovery_code'];
        this.step = { name: 'code', challenge: result.challenge, recovery: !methods.includes('totp'), login: result };
      } else if (result.status === 'passkey_setup_required' || !result.enrollment) {
        this.step = { name: 'passkey-setup', login: result };
      } else {
        this.step = {
          name: 'enroll',
          challenge: result.challenge,
          enrollment: result.enrollment,
          account: this.username,
          login: result,
        };
        await this.enrollment.show(result.enrollment);
      }
    });
  }

  /** "Sign in with a passkey": both factors at once, no password. */
  private async passkeySignIn() {
    this.autofill?.abort();
    await this.attempt(async () => this.signedIn((await this.api.loginWithPasskey()).user), true);
  }

  /** The MFA step or the enrollment answered with a passkey. */
  private async passkeyStep(login: Pending) {
    await this.attempt(async () => this.afterSecondFactor(await this.api.completeMfaWithPasskey(login)), true);
  }

  private afterSecondFactor(result: Authenticated | MfaStepResponse) {
    if (result.status === 'passkey_setup_required') {
      this.step = { name: 'passkey-setup', login: result };
    } else if (result.recoveryCodes) {
      this.step = { name: 'recovery-codes', codes: result.recoveryCodes, user: result.user };
    } else {
      this.signedIn(result.user);
    }
  }

  private async submitCode(event: SubmitEvent, challenge: Challenge) {
    event.preventDefault();
    const typed = String(new FormData(event.target as HTMLFormElement).get('code') ?? '');
    // A pasted "123 456" or "1234-5678-…" still works: spaces are dropped here, dashes server-side.
    const code = typed.replace(/\s+/g, '');
    await this.attempt(async () =>
      this.afterSecondFactor(await this.api.completeMfa({ challengeId: challenge.id, code })),
    );
  }

  private async attempt(action: () => Promise<void>, passkey = false) {
    this.busy = true;
    this.error = '';
    let failed = false;
    try {
      await action();
    } catch (error) {
      failed = true;
      this.error = passkey ? this.passkeyErrorText(error) : this.errorText(error);
      if (isPortcullisError(error, 'challenge_expired')) this.step = { name: 'password' };
      await this.updateComplete;
      if (!passkey) (this.codeInput ?? this.passwordInput)?.select();
    } finally {
      this.busy = false;
      if (failed && passkey) {
        // Back on the passkey button (disabled while the prompt was open): trying again is one key away.
        await this.updateComplete;
        this.passkeyButton?.focus();
      }
      if (failed && this.step.name === 'password' && this.isConnected) void this.offerAutofill();
    }
  }

  private signedIn(user: Me) {
    this.autofill?.abort();
    this.step = { name: 'password' };
    this.dispatchEvent(new LoginEvent({ user }));
  }

  private renderPasskeyButton(
    label: 'login.passkey' | 'login.usePasskey' | 'login.enrollPasskey' | 'login.passkeySetupButton',
    onClick: () => void,
  ) {
    return webauthnAvailable()
      ? html`<button part="passkey" id="passkey" type="button" class="secondary" ?disabled=${this.busy} @click=${onClick}>${this.t(label)}</button>`
      : null;
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
      case 'passkey-setup':
        return this.renderPasskeySetup(step);
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
        <input part="username" name="username" type="text" autocomplete="username webauthn" autocapitalize="none" spellcheck="false" required .value=${this.username} />
      </label>
      <label>${this.t('login.password')}
        <input part="password" id="password" name="password" type="password" autocomplete="current-password" required aria-describedby="error" aria-invalid=${this.error ? 'true' : 'false'} />
      </label>
      ${this.renderError()}
      <button part="submit" type="submit" ?disabled=${this.busy}>${this.busy ? this.t('working') : this.t('login.submit')}</button>
      ${this.renderPasskeyButton('login.passkey', () => this.passkeySignIn())}
    </form>`;
  }

  private renderCodeInput(recovery: boolean) {
    const t = this.t.bind(this);
    return recovery
      ? html`<label>${this.t('login.recovery')}
          <input part="code" id="code" name="code" type="text" autocomplete="off" autocapitalize="characters" spellcheck="false" required aria-describedby="help error" aria-invalid=${this.error ? 'true' : 'false'} />
        </label>`
      : renderTotpInput(t, this.error !== '');
  }

  private renderCode(step: Extract<Step, { name: 'code' }>) {
    const methods = step.challenge.methods ?? ['totp', 'recovery_code'];
    const passkey = methods.includes('passkey') && webauthnAvailable();
    return html`<form part="form" @submit=${(e: SubmitEvent) => this.submitCode(e, step.challenge)} aria-labelledby="heading">
      <h2 part="heading" id="heading" tabindex="-1">${this.t('login.codeTitle')}</h2>
      ${
        passkey
          ? html`<p>${this.t('login.passkeyHelp')}</p>
            ${this.renderPasskeyButton('login.usePasskey', () => this.passkeyStep(step.login))}`
          : null
      }
      <p id="help">${this.t(step.recovery ? 'login.recoveryHelp' : 'login.codeHelp')}</p>
      ${this.renderCodeInput(step.recovery)}
      ${this.renderError()}
      <button part="submit" type="submit" ?disabled=${this.busy}>${this.busy ? this.t('working') : this.t('login.verify')}</button>
      ${
        methods.includes('totp')
          ? html`<button part="switch-method" type="button" class="link" @click=${() => ((this.error = ''), (this.step = { ...step, recovery: !step.recovery }))}>
            ${this.t(step.recovery ? 'login.useCode' : 'login.useRecovery')}
          </button>`
          : null
      }
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
      ${
        step.login.status === 'mfa_setup_required' && step.login.passkeyOptions && webauthnAvailable()
          ? html`<p>${this.t('login.enrollPasskeyHelp')}</p>
            ${this.renderPasskeyButton('login.enrollPasskey', () => this.passkeyStep(step.login))}`
          : null
      }
      <button part="start-over" type="button" class="link" @click=${() => ((this.error = ''), (this.step = { name: 'password' }))}>${this.t('login.startOver')}</button>
    </form>`;
  }

  private renderPasskeySetup(step: Extract<Step, { name: 'passkey-setup' }>) {
    const supported = webauthnAvailable();
    return html`<form part="form" aria-labelledby="heading" @submit=${(e: SubmitEvent) => e.preventDefault()}>
      <h2 part="heading" id="heading" tabindex="-1">${this.t('login.passkeySetupTitle')}</h2>
      <p id="help">${this.t(supported ? 'login.passkeySetupHelp' : 'login.passkeyUnsupported')}</p>
      ${this.renderError()}
      ${this.renderPasskeyButton('login.passkeySetupButton', () => this.passkeyStep(step.login))}
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
