import { Task } from '@lit/task';
import { webauthnAvailable, type Me, type Passkey } from '@portcullis/sdk';
import { html } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import { PortcullisConfirmDialog } from '../portcullis-confirm-dialog/portcullis-confirm-dialog.ts';
import { deviceName } from '../shared/device-name.ts';
import { ActionController } from '../shared/action-controller.ts';
import { PasskeysChangeEvent } from '../shared/events.ts';
import { PortcullisElement } from '../shared/portcullis-element.ts';
import { relativeTime } from '../shared/relative-time.ts';
import { recoveryCodesStyles, rowListStyles, tokens } from '../shared/styles.ts';
import { passkeyListStyles } from './passkey-list.styles.ts';
import { PortcullisReauthDialog } from '../portcullis-reauth-dialog/portcullis-reauth-dialog.ts';

/**
 * The person's passkeys: each with its name, when it was added and last used, "Rename" and
 * "Remove"; and "Add a passkey", which asks the browser to create one (named after the browser
 * and system, renamable). The first passkey of an account turns MFA on and brings recovery codes,
 * shown once. Removing the last second factor turns MFA off, after a confirmation that says so;
 * the server refuses it while the organization enforces MFA.
 *
 * @summary Lists, adds, renames and removes the person's passkeys.
 * @customElement passkey-list
 * @fires passkeys-change - After a passkey was added, renamed or removed (`detail.action`, `detail.passkey`).
 * @fires session-expired - When the session has ended; show `<login-form>`.
 * @csspart heading - The section heading.
 * @csspart list - The list of passkeys.
 * @csspart row - Each passkey.
 * @csspart name - A passkey's name.
 * @csspart rename - Each "Rename" button.
 * @csspart name-input - The name input while renaming.
 * @csspart save - The "Save" button while renaming.
 * @csspart remove - Each "Remove" button.
 * @csspart add - The "Add a passkey" button.
 * @csspart recovery-codes - The recovery codes that come with the first passkey.
 * @csspart status - The live region announcing results and errors.
 * @cssprop --portcullis-danger - Colour of the "Remove" buttons.
 */
export class PasskeyList extends PortcullisElement {
  /** The elements it renders, registered with it (`defineElement`). */
  static dependencies = {
    'portcullis-confirm-dialog': PortcullisConfirmDialog,
    'portcullis-reauth-dialog': PortcullisReauthDialog,
  };

  // Focus targets by id: a part is for styling and may be renamed.
  @query('#name-input') private nameInput?: HTMLInputElement | null;
  static override styles = [tokens, recoveryCodesStyles, rowListStyles, passkeyListStyles];

  /** The signed-in user, when the host already has it; otherwise loaded. */
  @property({ attribute: false }) me: Me | undefined;

  @state() private renaming: string | undefined;
  @state() private codes: string[] = [];
  private action = new ActionController(this, (error) => this.passkeyErrorText(error));
  @query('portcullis-confirm-dialog') private confirmDialog!: PortcullisConfirmDialog;

  private passkeys = new Task(this, {
    task: async ([given]): Promise<{ me: Me; items: Passkey[] }> => {
      const [me, items] = await Promise.all([given ?? this.loadMe(), this.api.passkeys()]);
      return { me, items };
    },
    args: () => [this.me, this.client ?? this.providedClient, this.sessionGeneration] as const,
  });

  private async suggestedName(): Promise<string> {
    const named = await deviceName(navigator.userAgent).catch(() => null);
    // "Chrome on Linux": where the passkey lives, without a version that will soon be wrong.
    return named
      ? this.t('sessions.device', { browser: named.browser.replace(/ \d+$/, ''), os: named.os })
      : this.t('passkeys.defaultName');
  }

  /** Runs one change; its result is announced once the list shows it (and `shown` ran with it). */
  private change(action: () => Promise<string>, focus?: string, shown?: () => void) {
    const reload = async () => {
      await this.passkeys.run();
      shown?.();
    };
    return this.action.run(action, { reload, focus });
  }

  private add() {
    this.codes = [];
    let codes: string[] = [];
    return this.change(
      async () => {
        const name = await this.suggestedName();
        const added = await this.perform(() => this.api.addPasskey(name));
        this.dispatchEvent(new PasskeysChangeEvent({ action: 'added', passkey: added }));
        codes = added.recoveryCodes ?? [];
        return this.t(codes.length ? 'passkeys.addedFirst' : 'passkeys.added', { name: added.name });
      },
      undefined,
      () => (this.codes = codes),
    );
  }

  private async startRename(passkey: Passkey) {
    this.renaming = passkey.id;
    this.action.announce(undefined);
    await this.updateComplete;
    this.nameInput?.select();
  }

  private async cancelRename(passkey: Passkey) {
    this.renaming = undefined;
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>(`[data-id="${passkey.id}"] [part=rename]`)?.focus();
  }

  private rename(event: SubmitEvent, passkey: Passkey) {
    event.preventDefault();
    const name = String(new FormData(event.target as HTMLFormElement).get('name') ?? '').trim();
    // The form closes as the list shows the new name, so the old one never flashes back.
    return this.change(
      async () => {
        const renamed = await this.perform(() => this.api.renamePasskey(passkey.id, name));
        this.dispatchEvent(new PasskeysChangeEvent({ action: 'renamed', passkey: renamed }));
        return this.t('passkeys.renamed', { name: renamed.name });
      },
      `[data-id="${passkey.id}"] [part=rename]`,
      () => (this.renaming = undefined),
    );
  }

  private async confirmRemoval(passkey: Passkey, { me, items }: { me: Me; items: Passkey[] }) {
    const last = items.length === 1 && !me.mfa.authenticatorApp;
    const confirmed = await this.confirmDialog.confirm({
      title: this.t('passkeys.removeTitle', { name: passkey.name }),
      body: this.t(last ? 'passkeys.removeLastBody' : 'passkeys.removeBody', { name: passkey.name }),
      confirmLabel: this.t('passkeys.remove'),
      cancelLabel: this.t('cancel'),
      danger: true,
    });
    if (!confirmed) return;
    this.codes = [];
    await this.change(async () => {
      await this.perform(() => this.api.removePasskey(passkey.id));
      this.dispatchEvent(new PasskeysChangeEvent({ action: 'removed', passkey }));
      return this.t('passkeys.removed', { name: passkey.name });
    });
  }

  protected override render() {
    return html`<section aria-labelledby="passkeys-heading" class="stack">
        <h3 part="heading" id="passkeys-heading">${this.t('passkeys.title')}</h3>
        <p class="muted">${this.t('passkeys.help')}</p>
        ${this.passkeys.render({
          pending: () =>
            this.passkeys.value
              ? this.renderList(this.passkeys.value)
              : html`<p class="muted">${this.t('loading')}</p>`,
          complete: (value) => this.renderList(value),
          error: (error) => html`<p class="error" role="alert">${this.errorText(error)}</p>`,
        })}
        ${this.action.renderStatus()}
        ${this.codes.length ? html`<ol part="recovery-codes" class="codes">${this.codes.map((code) => html`<li><code dir="ltr" translate="no">${code}</code></li>`)}</ol>` : null}
      </section>
      <portcullis-confirm-dialog></portcullis-confirm-dialog>`;
  }

  private renderList(value: { me: Me; items: Passkey[] }) {
    const supported = webauthnAvailable();
    return html`${
      value.items.length
        ? html`<ul part="list">
            ${value.items.map((passkey) => this.renderRow(passkey, value))}
          </ul>`
        : html`<p class="muted">${this.t('passkeys.empty')}</p>`
    }
      ${
        supported
          ? html`<div><button part="add" type="button" ?disabled=${this.action.busy} @click=${this.add}>${this.t('passkeys.add')}</button></div>`
          : html`<p class="muted">${this.t('passkeys.unsupported')}</p>`
      }`;
  }

  private renderRow(passkey: Passkey, value: { me: Me; items: Passkey[] }) {
    const used = passkey.lastUsedAt
      ? this.t('passkeys.lastUsed', { when: relativeTime(passkey.lastUsedAt, this.language) })
      : this.t('passkeys.neverUsed');
    const details = `${this.t('passkeys.created', { when: relativeTime(passkey.createdAt, this.language) })} · ${used}`;
    if (this.renaming === passkey.id) {
      return html`<li part="row" data-id=${passkey.id}>
        <form class="rename" @submit=${(e: SubmitEvent) => this.rename(e, passkey)} @keydown=${(e: KeyboardEvent) => e.key === 'Escape' && (e.preventDefault(), this.cancelRename(passkey))}>
          <label>${this.t('passkeys.name')}
            <input part="name-input" id="name-input" name="name" type="text" required maxlength="64" autocomplete="off" .value=${passkey.name} />
          </label>
          <button part="save" type="submit" ?disabled=${this.action.busy}>${this.t('passkeys.save')}</button>
          <button type="button" class="secondary" @click=${() => this.cancelRename(passkey)}>${this.t('cancel')}</button>
        </form>
      </li>`;
    }
    return html`<li part="row" data-id=${passkey.id}>
      <div>
        <span part="name" class="name">${passkey.name}</span>
        <p class="details muted">${details}</p>
      </div>
      <div class="actions">
        <button part="rename" type="button" class="secondary" ?disabled=${this.action.busy}
          aria-label=${this.t('passkeys.renameLabel', { name: passkey.name })} @click=${() => this.startRename(passkey)}>${this.t('passkeys.rename')}</button>
        <button part="remove" type="button" class="danger" ?disabled=${this.action.busy}
          aria-label=${this.t('passkeys.removeLabel', { name: passkey.name })} @click=${() => this.confirmRemoval(passkey, value)}>${this.t('passkeys.remove')}</button>
      </div>
    </li>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'passkey-list': PasskeyList;
  }
}
