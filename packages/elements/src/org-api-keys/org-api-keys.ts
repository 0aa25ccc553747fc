import { Task } from '@lit/task';
import type { ApiKey, CreatedApiKey } from '@portcullis/sdk';
import { html } from 'lit';
import { query } from 'lit/decorators.js';
import { repeat } from 'lit/directives/repeat.js';
import { PortcullisConfirmDialog } from '../portcullis-confirm-dialog/portcullis-confirm-dialog.ts';
import { dialogStyles } from '../portcullis-confirm-dialog/portcullis-confirm-dialog.styles.ts';
import { PortcullisReauthDialog } from '../portcullis-reauth-dialog/portcullis-reauth-dialog.ts';
import { ActionController } from '../shared/action-controller.ts';
import { ApiKeysChangeEvent } from '../shared/events.ts';
import { ShownOnce, shownOnceStyles } from '../shared/shown-once.ts';
import { PortcullisElement } from '../shared/portcullis-element.ts';
import { relativeTime } from '../shared/relative-time.ts';
import { rowListStyles, tokens } from '../shared/styles.ts';
import { orgApiKeysStyles } from './org-api-keys.styles.ts';

/**
 * The organization's API keys, for the root user (`<org-policy-table>` shows it): each key with
 * its name, when it was created, last used and expires, and "Revoke"; and a form that creates one
 * and shows it once, in a dialog with "Copy" (it is never shown again: only its hash is stored).
 * Creating a key asks for a recent sign-in, like every sensitive change.
 *
 * @summary Creates, lists and revokes the organization's API keys.
 * @customElement org-api-keys
 * @fires api-keys-change - After a key was created or revoked (`detail.action`, `detail.apiKey`, never the key itself).
 * @fires session-expired - When the session has ended; show `<login-form>`.
 * @csspart heading - The section heading.
 * @csspart name-input - The new key's name.
 * @csspart create - The "Create key" button.
 * @csspart list - The list of keys.
 * @csspart row - Each key.
 * @csspart revoke - Each "Revoke" button.
 * @csspart key-dialog - The dialog that shows a new key once.
 * @csspart key - The new key in that dialog.
 * @csspart copy - Its "Copy" button.
 * @csspart status - The live region announcing results and errors.
 * @cssprop --portcullis-danger - Colour of the "Revoke" buttons.
 */
export class OrgApiKeys extends PortcullisElement {
  /** The elements it renders, registered with it (`defineElement`). */
  static dependencies = {
    'portcullis-confirm-dialog': PortcullisConfirmDialog,
    'portcullis-reauth-dialog': PortcullisReauthDialog,
  };

  static override styles = [tokens, rowListStyles, dialogStyles, shownOnceStyles, orgApiKeysStyles];

  // Focus targets by id: a part is for styling and may be renamed.
  @query('#copy') private copyButton?: HTMLButtonElement | null;
  @query('#key-dialog') private keyDialog!: HTMLDialogElement;
  @query('portcullis-confirm-dialog') private confirmDialog!: PortcullisConfirmDialog;

  private action = new ActionController(this, (error) => this.errorText(error));
  /** The key just created, while its dialog is open; dropped when it closes. */
  private shown = new ShownOnce<CreatedApiKey>(
    this,
    () => this.keyDialog,
    () => this.copyButton,
    (made) => made.key,
  );

  private keys = new Task(this, {
    task: async () => this.api.org.apiKeys(),
    args: () => [this.client ?? this.providedClient, this.sessionGeneration] as const,
  });

  private async create(event: SubmitEvent) {
    event.preventDefault();
    const form = event.target as HTMLFormElement;
    const name = String(new FormData(form).get('name') ?? '').trim();
    let made: CreatedApiKey | undefined;
    await this.action.run(
      async () => {
        made = await this.perform(() => this.api.org.createApiKey({ name }));
        const { key: _shownOnce, ...apiKey } = made;
        this.dispatchEvent(new ApiKeysChangeEvent({ action: 'created', apiKey: { ...apiKey, lastUsedAt: null } }));
        form.reset();
        return this.t('apiKeys.createdStatus', { name: made.name });
      },
      { reload: () => this.keys.run(), focus: null },
    );
    if (made) await this.shown.show(made);
  }

  private async revoke(apiKey: ApiKey, button: HTMLButtonElement) {
    const confirmed = await this.confirmDialog.confirm({
      title: this.t('apiKeys.revokeTitle', { name: apiKey.name }),
      body: this.t('apiKeys.revokeBody', { name: apiKey.name }),
      confirmLabel: this.t('apiKeys.revoke'),
      cancelLabel: this.t('cancel'),
      danger: true,
    });
    if (!confirmed) return;
    await this.action.run(
      async () => {
        await this.perform(() => this.api.org.revokeApiKey(apiKey.id));
        this.dispatchEvent(new ApiKeysChangeEvent({ action: 'revoked', apiKey }));
        return this.t('apiKeys.revoked', { name: apiKey.name });
      },
      // Its row is gone once the list shows the change: focus then goes to the result.
      { reload: () => this.keys.run(), focus: button },
    );
  }

  protected override render() {
    return html`<section aria-labelledby="keys-heading" class="stack">
        <h3 part="heading" id="keys-heading">${this.t('apiKeys.title')}</h3>
        <p class="muted">${this.t('apiKeys.help')}</p>
        <form class="create" @submit=${this.create}>
          <label>${this.t('apiKeys.name')}
            <input part="name-input" id="name-input" name="name" type="text" required maxlength="64" autocomplete="off" />
          </label>
          <button part="create" type="submit" ?disabled=${this.action.busy}>${this.t('apiKeys.create')}</button>
        </form>
        ${this.action.renderStatus()}
        ${this.keys.render({
          pending: () =>
            this.keys.value ? this.renderList(this.keys.value) : html`<p class="muted">${this.t('loading')}</p>`,
          complete: (items) => this.renderList(items),
          error: (error) => html`<p class="error" role="alert">${this.errorText(error)}</p>`,
        })}
      </section>
      ${this.renderKeyDialog()}
      <portcullis-confirm-dialog></portcullis-confirm-dialog>`;
  }

  private renderList(items: ApiKey[]) {
    if (items.length === 0) return html`<p class="muted">${this.t('apiKeys.empty')}</p>`;
    // Keyed by id: a revoked key's row goes with its button, rather than passing it to the next key.
    return html`<ul part="list">
      ${repeat(
        items,
        (apiKey) => apiKey.id,
        (apiKey) => {
          const details = [
            this.t('apiKeys.createdAt', { when: relativeTime(apiKey.createdAt, this.language) }),
            apiKey.lastUsedAt
              ? this.t('apiKeys.lastUsed', { when: relativeTime(apiKey.lastUsedAt, this.language) })
              : this.t('apiKeys.neverUsed'),
            ...(apiKey.expiresAt
              ? [
                  this.t(Date.parse(apiKey.expiresAt) <= Date.now() ? 'apiKeys.expired' : 'apiKeys.expires', {
                    when: relativeTime(apiKey.expiresAt, this.language),
                  }),
                ]
              : []),
          ].join(' · ');
          return html`<li part="row" data-id=${apiKey.id}>
          <div>
            <span class="name">${apiKey.name}</span>
            <p class="details muted">${details}</p>
          </div>
          <button part="revoke" type="button" class="danger" ?disabled=${this.action.busy}
            aria-label=${this.t('apiKeys.revokeLabel', { name: apiKey.name })}
            @click=${(e: Event) => this.revoke(apiKey, e.currentTarget as HTMLButtonElement)}>${this.t('apiKeys.revoke')}</button>
        </li>`;
        },
      )}
    </ul>`;
  }

  private renderKeyDialog() {
    const made = this.shown.value;
    return html`<dialog part="key-dialog" id="key-dialog" aria-labelledby="key-title" aria-describedby="key-help"
      @cancel=${(e: Event) => (e.preventDefault(), this.shown.close())}>
      ${
        made
          ? html`<h2 id="key-title">${this.t('apiKeys.dialogTitle', { name: made.name })}</h2>
            <p id="key-help">${this.t('apiKeys.dialogHelp')}</p>
            <code part="key" class="secret" dir="ltr" translate="no">${made.key}</code>
            <div class="actions">
              <button part="copy" id="copy" type="button" class="secondary" @click=${() => this.shown.copy()}>
                ${this.shown.copied ? this.t('apiKeys.copied') : this.t('apiKeys.copy')}
              </button>
              <button type="button" @click=${() => this.shown.close()}>${this.t('apiKeys.done')}</button>
            </div>`
          : null
      }
    </dialog>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'org-api-keys': OrgApiKeys;
  }
}
