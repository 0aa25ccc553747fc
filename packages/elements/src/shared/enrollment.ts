import { formatSecret, type Enrollment } from '@portcullis/sdk';
import {
  html,
  nothing,
  type ReactiveController,
  type ReactiveControllerHost,
  type SVGTemplateResult,
  type TemplateResult,
} from 'lit';
import type { MessageKey } from '../locales/en.ts';
import { qrCode } from './qr-code.ts';

type Translate = (key: MessageKey, values?: Record<string, string | number>) => string;

/**
 * What linking an authenticator looks like wherever it happens (`<login-form>` at sign-in,
 * `<mfa-toggle>`'s "Set up now"): the QR code and setup key, then the recovery codes to save.
 * Holds the QR drawing and the copy and "I saved them" state for its host.
 */
export class EnrollmentController implements ReactiveController {
  qr: SVGTemplateResult | undefined;
  copied = '';
  savedCodes = false;

  constructor(private readonly host: ReactiveControllerHost) {
    host.addController(this);
  }

  hostConnected(): void {}

  /** Draws the QR code of a new enrollment (lean-qr loads on the first one). */
  async show(enrollment: Enrollment): Promise<void> {
    this.qr = undefined;
    this.copied = '';
    this.savedCodes = false;
    this.host.requestUpdate();
    this.qr = await qrCode(enrollment.otpauthUri);
    this.host.requestUpdate();
  }

  async copy(text: string, what: string): Promise<void> {
    try {
      await navigator.clipboard.writeText(text);
      this.copied = what;
    } catch {
      // No clipboard access (permissions, insecure context): the text stays on screen to copy by hand.
      this.copied = '';
    }
    this.host.requestUpdate();
  }

  download(codes: string[]): void {
    const url = URL.createObjectURL(new Blob([`${codes.join('\n')}\n`], { type: 'text/plain' }));
    const link = Object.assign(document.createElement('a'), { href: url, download: 'recovery-codes.txt' });
    link.click();
    setTimeout(() => URL.revokeObjectURL(url), 0);
  }

  /** The QR code and the setup key in groups of four, with a copy button. */
  renderSetupKey(t: Translate, enrollment: Enrollment, account: string): TemplateResult {
    return html`<p id="help">${t('login.enrollHelp')}</p>
      <div part="qr" class="qr" role="img" aria-label=${t('login.qrLabel', { account })}>${this.qr ?? html`<span class="muted">${t('loading')}</span>`}</div>
      <div class="secret-row">
        <span class="secret-label" id="secret-label">${t('login.secret')}</span>
        <code part="secret" dir="ltr" translate="no" aria-labelledby="secret-label">${formatSecret(enrollment.secret)}</code>
        <button part="copy" type="button" class="secondary" @click=${() => this.copy(enrollment.secret, 'secret')}>
          ${this.copied === 'secret' ? t('login.copied') : t('login.copySecret')}
        </button>
      </div>`;
  }

  /** The ten recovery codes, with copy and download, and the "I saved them" box that unlocks going on. */
  renderRecoveryCodes(t: Translate, codes: string[]): TemplateResult {
    return html`<p>${t('login.recoveryCodesHelp')}</p>
      <ol part="recovery-codes" class="codes">
        ${codes.map((code) => html`<li><code dir="ltr" translate="no">${code}</code></li>`)}
      </ol>
      <div class="actions">
        <button part="copy" type="button" class="secondary" @click=${() => this.copy(codes.join('\n'), 'codes')}>
          ${this.copied === 'codes' ? t('login.copied') : t('login.copyCodes')}
        </button>
        <button part="download" type="button" class="secondary" @click=${() => this.download(codes)}>${t('login.downloadCodes')}</button>
      </div>
      <label class="check">
        <input type="checkbox" .checked=${this.savedCodes} @change=${(e: Event) => ((this.savedCodes = (e.target as HTMLInputElement).checked), this.host.requestUpdate())} />
        ${t('login.savedCodes')}
      </label>
      <p class="visually-hidden" role="status">${this.copied ? t('login.copied') : nothing}</p>`;
  }
}

/** The 6-digit code field of an authenticator app. */
export function renderTotpInput(t: Translate, invalid: boolean): TemplateResult {
  return html`<label>${t('login.code')}
    <input part="code" id="code" name="code" type="text" inputmode="numeric" autocomplete="one-time-code" pattern="[0-9 ]*" maxlength="12" spellcheck="false" required aria-describedby="help error" aria-invalid=${invalid ? 'true' : 'false'} />
  </label>`;
}
