import { Task } from '@lit/task';
import { isPortcullisError, passwordLength, type PasswordPolicy } from '@portcullis/sdk';
import { html, nothing } from 'lit';
import { query, state } from 'lit/decorators.js';
import type { MessageKey } from '../locales/en.ts';
import { PasswordChangeEvent } from '../shared/events.ts';
import { PortcullisElement } from '../shared/portcullis-element.ts';
import { tokens } from '../shared/styles.ts';
import { passwordChangeStyles } from './password-change.styles.ts';
import { PortcullisReauthDialog } from '../portcullis-reauth-dialog/portcullis-reauth-dialog.ts';

type Field = 'currentPassword' | 'newPassword' | 'confirm';

/**
 * Changes the password: the current one, the new one and its confirmation, with live hints from
 * the server's password policy. The server's reasons for refusing are shown at the field; on
 * success the fields are cleared and the person is told that other sessions were signed out.
 *
 * @summary The password change form.
 * @customElement password-change
 * @fires password-change - After the password was changed.
 * @fires session-expired - When the session has ended; show `<login-form>`.
 * @csspart form - The form.
 * @csspart heading - The heading.
 * @csspart current - The current password input.
 * @csspart new - The new password input.
 * @csspart confirm - The confirmation input.
 * @csspart hints - The live list of policy hints.
 * @csspart submit - The submit button.
 * @csspart status - The live region announcing the result.
 * @cssprop --portcullis-success - Colour of met hints and success.
 * @cssprop --portcullis-danger - Colour of errors.
 */
export class PasswordChange extends PortcullisElement {
  /** The elements it renders, registered with it (`defineElement`). */
  static dependencies = { 'portcullis-reauth-dialog': PortcullisReauthDialog };

  // Focus targets by id: a part is for styling and may be renamed.
  @query('#status') private statusRegion?: HTMLElement | null;
  static override styles = [tokens, passwordChangeStyles];

  @state() private newPassword = '';
  @state() private confirmation = '';
  @state() private fieldErrors: Partial<Record<Field, string[]>> = {};
  @state() private status: { kind: 'success' | 'error'; text: string } | undefined;
  @state() private busy = false;

  private policy = new Task(this, {
    task: async () => this.api.passwordPolicy(),
    args: () => [this.client ?? this.providedClient, this.sessionGeneration] as const,
  });

  private ruleText(code: string, policy: PasswordPolicy | undefined): string {
    const key = `rule.${code}` as MessageKey;
    if (!(key in this.strings)) return this.t('error.password_policy');
    return this.t(key, { min: policy?.minLength ?? 8, max: policy?.maxLength ?? 256 });
  }

  private async submit(event: SubmitEvent) {
    event.preventDefault();
    const form = event.target as HTMLFormElement;
    const currentPassword = String(new FormData(form).get('currentPassword') ?? '');
    this.status = undefined;
    this.fieldErrors = {};
    if (this.newPassword !== this.confirmation) {
      this.fieldErrors = { confirm: [this.t('password.mismatch')] };
      await this.focusFirstInvalid();
      return;
    }
    this.busy = true;
    try {
      await this.perform(() => this.api.changePassword({ currentPassword, newPassword: this.newPassword }));
      form.reset();
      this.newPassword = '';
      this.confirmation = '';
      this.status = { kind: 'success', text: this.t('password.done') };
      this.dispatchEvent(new PasswordChangeEvent());
      await this.updateComplete;
      this.statusRegion?.focus();
    } catch (error) {
      if (isPortcullisError(error, 'invalid_credentials')) {
        this.fieldErrors = { currentPassword: [this.errorText(error)] };
      } else if (isPortcullisError(error, 'password_policy') || isPortcullisError(error, 'invalid_request')) {
        const errors: Partial<Record<Field, string[]>> = {};
        for (const e of error.errors) {
          const field = (e.path === 'currentPassword' ? 'currentPassword' : 'newPassword') as Field;
          (errors[field] ??= []).push(e.code ? this.ruleText(e.code, this.policy.value) : this.errorText(error));
        }
        this.fieldErrors = Object.keys(errors).length ? errors : { newPassword: [this.errorText(error)] };
      } else {
        this.status = { kind: 'error', text: this.errorText(error) };
      }
      await this.focusFirstInvalid();
    } finally {
      this.busy = false;
    }
  }

  private async focusFirstInvalid() {
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLInputElement>('input[aria-invalid=true]')?.focus();
  }

  private field(name: Field, part: string, label: MessageKey, autocomplete: string, extra?: unknown) {
    const errors = this.fieldErrors[name] ?? [];
    return html`<label>${this.t(label)}
        <input
          part=${part}
          name=${name}
          type="password"
          autocomplete=${autocomplete}
          required
          aria-invalid=${errors.length ? 'true' : 'false'}
          aria-describedby=${`${name}-errors ${name === 'newPassword' ? 'hints' : ''}`}
          @input=${(e: InputEvent) => {
            const value = (e.target as HTMLInputElement).value;
            if (name === 'newPassword') this.newPassword = value;
            if (name === 'confirm') this.confirmation = value;
          }}
        />
      </label>
      <div id=${`${name}-errors`}>${errors.map((text) => html`<p class="field-error">${text}</p>`)}</div>
      ${extra ?? nothing}`;
  }

  protected override render() {
    const policy = this.policy.value;
    const min = policy?.minLength;
    const long = min !== undefined && passwordLength(this.newPassword) >= min;
    return html`<form part="form" @submit=${this.submit} aria-labelledby="password-heading" novalidate>
      <h3 part="heading" id="password-heading">${this.t('password.title')}</h3>
      ${this.field('currentPassword', 'current', 'password.current', 'current-password')}
      ${this.field(
        'newPassword',
        'new',
        'password.new',
        'new-password',
        min === undefined
          ? nothing
          : html`<ul part="hints" id="hints" class="hints" aria-live="polite">
              <li class=${long ? 'met' : ''}>${this.t('password.hintLength', { min })}</li>
              <li>${this.t('password.hintCommon')}</li>
            </ul>`,
      )}
      ${this.field('confirm', 'confirm', 'password.confirm', 'new-password')}
      <button part="submit" type="submit" ?disabled=${this.busy}>${this.busy ? this.t('working') : this.t('password.submit')}</button>
      <p part="status" id="status" role="status" tabindex="-1" class=${this.status?.kind ?? ''}>${this.status?.text ?? ''}</p>
    </form>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'password-change': PasswordChange;
  }
}
