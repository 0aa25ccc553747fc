import { Task } from '@lit/task';
import type { Webhook, WebhookDelivery, WebhookWithSecret } from '@portcullis/sdk';
import { html, nothing } from 'lit';
import { query, state } from 'lit/decorators.js';
import { repeat } from 'lit/directives/repeat.js';
import { PortcullisConfirmDialog } from '../portcullis-confirm-dialog/portcullis-confirm-dialog.ts';
import { dialogStyles } from '../portcullis-confirm-dialog/portcullis-confirm-dialog.styles.ts';
import { PortcullisReauthDialog } from '../portcullis-reauth-dialog/portcullis-reauth-dialog.ts';
import { ActionController } from '../shared/action-controller.ts';
import { WebhooksChangeEvent } from '../shared/events.ts';
import { ShownOnce, shownOnceStyles } from '../shared/shown-once.ts';
import { PortcullisElement } from '../shared/portcullis-element.ts';
import { relativeTime } from '../shared/relative-time.ts';
import { rowListStyles, tokens } from '../shared/styles.ts';
import { webhookListStyles } from './webhook-list.styles.ts';

/**
 * The organization's webhook endpoints, for the root user (`<org-policy-table>` shows it): each
 * with its URL, the events it hears, its health (on, off, or failing since the retries ran out)
 * and its recent deliveries on demand, with "Send test", "Turn off"/"Turn on", "New secret" and
 * "Remove"; and a form that adds one and shows its signing secret once, in a dialog with "Copy".
 *
 * @summary Adds, lists and watches the organization's webhook endpoints.
 * @customElement webhook-list
 * @fires webhooks-change - After an endpoint was added, turned on or off, given a new secret or removed (`detail.action`, `detail.webhook`; never the secret).
 * @fires session-expired - When the session has ended; show `<login-form>`.
 * @csspart heading - The section heading.
 * @csspart url-input - The new endpoint's URL.
 * @csspart add - The "Add endpoint" button.
 * @csspart list - The list of endpoints.
 * @csspart row - Each endpoint.
 * @csspart health - Each endpoint's health (also `failing`).
 * @csspart test - Each "Send test" button.
 * @csspart toggle-deliveries - Each "Deliveries" button.
 * @csspart deliveries - The recent deliveries of an endpoint.
 * @csspart retry - Each delivery's "Retry" button.
 * @csspart enable - Each "Turn off"/"Turn on" button.
 * @csspart rotate - Each "New secret" button.
 * @csspart remove - Each "Remove" button.
 * @csspart secret-dialog - The dialog that shows a signing secret once.
 * @csspart secret - The secret in that dialog.
 * @csspart copy - Its "Copy" button.
 * @csspart status - The live region announcing results and errors.
 * @cssprop --portcullis-danger - Colour of "Remove" and of a failing endpoint.
 */
export class WebhookList extends PortcullisElement {
  /** The elements it renders, registered with it (`defineElement`). */
  static dependencies = {
    'portcullis-confirm-dialog': PortcullisConfirmDialog,
    'portcullis-reauth-dialog': PortcullisReauthDialog,
  };

  static override styles = [tokens, rowListStyles, dialogStyles, shownOnceStyles, webhookListStyles];

  @query('#copy') private copyButton?: HTMLButtonElement | null;
  @query('#secret-dialog') private secretDialog!: HTMLDialogElement;
  @query('portcullis-confirm-dialog') private confirmDialog!: PortcullisConfirmDialog;

  /** The recent deliveries of the endpoints whose "Deliveries" are open, by id. */
  @state() private deliveries = new Map<string, WebhookDelivery[]>();
  private action = new ActionController(this, (error) => this.errorText(error));
  /** The endpoint whose secret is shown, while its dialog is open. */
  private shown = new ShownOnce<WebhookWithSecret>(
    this,
    () => this.secretDialog,
    () => this.copyButton,
    (made) => made.secret,
  );

  private hooks = new Task(this, {
    task: async () => this.api.org.webhooks(),
    args: () => [this.client ?? this.providedClient, this.sessionGeneration] as const,
  });

  /** The list and the open deliveries, as they are now. */
  private async reload() {
    await this.hooks.run();
    for (const id of this.deliveries.keys()) await this.loadDeliveries(id);
  }

  private async loadDeliveries(id: string) {
    const items = await this.perform(() => this.api.org.webhookDeliveries(id));
    this.deliveries = new Map(this.deliveries).set(id, items);
  }

  private async add(event: SubmitEvent) {
    event.preventDefault();
    const form = event.target as HTMLFormElement;
    const data = new FormData(form);
    const url = String(data.get('url') ?? '').trim();
    const description = String(data.get('description') ?? '').trim();
    let made: WebhookWithSecret | undefined;
    await this.action.run(
      async () => {
        made = await this.perform(() => this.api.org.createWebhook({ url, ...(description ? { description } : {}) }));
        const { secret: _shownOnce, ...webhook } = made;
        this.dispatchEvent(new WebhooksChangeEvent({ action: 'added', webhook }));
        form.reset();
        return this.t('webhooks.added', { url: made.url });
      },
      { reload: () => this.hooks.run(), focus: null },
    );
    if (made) await this.shown.show(made);
  }

  private async sendTest(hook: Webhook, button: HTMLButtonElement) {
    await this.action.run(
      async () => {
        await this.perform(() => this.api.org.testWebhook(hook.id));
        return this.t('webhooks.testSent', { url: hook.url });
      },
      { reload: () => this.reload(), focus: button },
    );
  }

  private async toggleDeliveries(hook: Webhook) {
    if (this.deliveries.has(hook.id)) {
      const next = new Map(this.deliveries);
      next.delete(hook.id);
      this.deliveries = next;
      return;
    }
    await this.action.run(async () => (await this.loadDeliveries(hook.id), undefined), { focus: null });
  }

  private async retry(hook: Webhook, delivery: WebhookDelivery, button: HTMLButtonElement) {
    await this.action.run(
      async () => {
        await this.perform(() => this.api.org.retryWebhookDelivery(hook.id, delivery.id));
        return this.t('webhooks.retried');
      },
      { reload: () => this.loadDeliveries(hook.id), focus: button },
    );
  }

  private async setEnabled(hook: Webhook, enabled: boolean, button: HTMLButtonElement) {
    await this.action.run(
      async () => {
        const webhook = await this.perform(() => this.api.org.updateWebhook(hook.id, { enabled }));
        this.dispatchEvent(new WebhooksChangeEvent({ action: enabled ? 'enabled' : 'disabled', webhook }));
        return this.t(enabled ? 'webhooks.turnedOn' : 'webhooks.turnedOff', { url: hook.url });
      },
      { reload: () => this.hooks.run(), focus: button },
    );
  }

  private async rotate(hook: Webhook) {
    const confirmed = await this.confirmDialog.confirm({
      title: this.t('webhooks.rotateTitle', { url: hook.url }),
      body: this.t('webhooks.rotateBody'),
      confirmLabel: this.t('webhooks.rotate'),
      cancelLabel: this.t('cancel'),
    });
    if (!confirmed) return;
    let made: WebhookWithSecret | undefined;
    await this.action.run(
      async () => {
        made = await this.perform(() => this.api.org.rotateWebhookSecret(hook.id));
        const { secret: _shownOnce, ...webhook } = made;
        this.dispatchEvent(new WebhooksChangeEvent({ action: 'rotated', webhook }));
        return this.t('webhooks.rotated', { url: hook.url });
      },
      { reload: () => this.hooks.run(), focus: null },
    );
    if (made) await this.shown.show(made);
  }

  private async removeEndpoint(hook: Webhook, button: HTMLButtonElement) {
    const confirmed = await this.confirmDialog.confirm({
      title: this.t('webhooks.removeTitle', { url: hook.url }),
      body: this.t('webhooks.removeBody'),
      confirmLabel: this.t('webhooks.remove'),
      cancelLabel: this.t('cancel'),
      danger: true,
    });
    if (!confirmed) return;
    await this.action.run(
      async () => {
        await this.perform(() => this.api.org.deleteWebhook(hook.id));
        this.dispatchEvent(new WebhooksChangeEvent({ action: 'removed', webhook: hook }));
        return this.t('webhooks.removed', { url: hook.url });
      },
      // Its row is gone once the list shows the change: focus then goes to the result.
      { reload: () => this.hooks.run(), focus: button },
    );
  }

  protected override render() {
    return html`<section aria-labelledby="webhooks-heading" class="stack">
        <h3 part="heading" id="webhooks-heading">${this.t('webhooks.title')}</h3>
        <p class="muted">${this.t('webhooks.help')}</p>
        <form class="create" @submit=${this.add}>
          <label>${this.t('webhooks.url')}
            <input part="url-input" name="url" type="url" required maxlength="2048" autocomplete="off" spellcheck="false" dir="ltr" placeholder="https://" />
          </label>
          <label>${this.t('webhooks.description')}
            <input name="description" type="text" maxlength="200" autocomplete="off" />
          </label>
          <button part="add" type="submit" ?disabled=${this.action.busy}>${this.t('webhooks.add')}</button>
        </form>
        ${this.action.renderStatus()}
        ${this.hooks.render({
          pending: () =>
            this.hooks.value ? this.renderList(this.hooks.value) : html`<p class="muted">${this.t('loading')}</p>`,
          complete: (items) => this.renderList(items),
          error: (error) => html`<p class="error" role="alert">${this.errorText(error)}</p>`,
        })}
      </section>
      ${this.renderSecretDialog()}
      <portcullis-confirm-dialog></portcullis-confirm-dialog>`;
  }

  private health(hook: Webhook) {
    if (hook.enabled) return html`<span part="health" class="health">${this.t('webhooks.on')}</span>`;
    if (hook.failingSince)
      return html`<span part="health failing" class="health failing">${this.t('webhooks.failing', {
        when: relativeTime(hook.failingSince, this.language),
      })}</span>`;
    return html`<span part="health" class="health">${this.t('webhooks.off')}</span>`;
  }

  private renderList(items: Webhook[]) {
    if (items.length === 0) return html`<p class="muted">${this.t('webhooks.empty')}</p>`;
    // Keyed by id: a removed endpoint's row goes with its buttons.
    return html`<ul part="list">
      ${repeat(
        items,
        (hook) => hook.id,
        (hook) => {
          const open = this.deliveries.get(hook.id);
          const events = hook.events.length === 0 ? this.t('webhooks.allEvents') : hook.events.join(', ');
          return html`<li part="row" data-id=${hook.id}>
            <div>
              <bdi class="url" dir="ltr">${hook.url}</bdi> ${this.health(hook)}
              <p class="details muted">${[hook.description, events].filter(Boolean).join(' · ')}</p>
            </div>
            <div class="actions">
              <button part="test" type="button" class="secondary" ?disabled=${this.action.busy || !hook.enabled}
                aria-label=${this.t('webhooks.testLabel', { url: hook.url })}
                @click=${(e: Event) => this.sendTest(hook, e.currentTarget as HTMLButtonElement)}>${this.t('webhooks.test')}</button>
              <button part="toggle-deliveries" type="button" class="secondary" aria-expanded=${open ? 'true' : 'false'}
                aria-controls=${open ? `deliveries-${hook.id}` : nothing} aria-label=${this.t('webhooks.deliveriesLabel', { url: hook.url })}
                @click=${() => this.toggleDeliveries(hook)}>${this.t('webhooks.deliveries')}</button>
              <button part="enable" type="button" class="secondary" ?disabled=${this.action.busy}
                @click=${(e: Event) => this.setEnabled(hook, !hook.enabled, e.currentTarget as HTMLButtonElement)}>${this.t(hook.enabled ? 'webhooks.turnOff' : 'webhooks.turnOn')}</button>
              <button part="rotate" type="button" class="secondary" ?disabled=${this.action.busy} @click=${() => this.rotate(hook)}>${this.t('webhooks.rotate')}</button>
              <button part="remove" type="button" class="danger" ?disabled=${this.action.busy}
                aria-label=${this.t('webhooks.removeLabel', { url: hook.url })}
                @click=${(e: Event) => this.removeEndpoint(hook, e.currentTarget as HTMLButtonElement)}>${this.t('webhooks.remove')}</button>
            </div>
            ${open ? this.renderDeliveries(hook, open) : null}
          </li>`;
        },
      )}
    </ul>`;
  }

  private renderDeliveries(hook: Webhook, items: WebhookDelivery[]) {
    if (items.length === 0)
      return html`<p part="deliveries" id=${`deliveries-${hook.id}`} class="deliveries muted">${this.t('webhooks.noDeliveries')}</p>`;
    return html`<ul part="deliveries" id=${`deliveries-${hook.id}`} class="deliveries">
      ${repeat(
        items.slice(0, 10),
        (delivery) => delivery.id,
        (delivery) => {
          const last = delivery.attempts.at(-1);
          const details = [
            this.t(`webhooks.${delivery.status}`),
            this.t('webhooks.tries', { count: delivery.attempts.length }),
            ...(last
              ? [
                  last.status !== null
                    ? this.t('webhooks.lastAnswer', { status: last.status })
                    : this.t('webhooks.lastError', { error: last.error ?? '' }),
                ]
              : []),
            ...(delivery.nextAttemptAt
              ? [this.t('webhooks.nextTry', { when: relativeTime(delivery.nextAttemptAt, this.language) })]
              : []),
          ].join(' · ');
          return html`<li>
            <code dir="ltr" translate="no">${delivery.type}</code> <span class="muted">${details}</span>
            ${
              delivery.status === 'delivered'
                ? null
                : html`<button part="retry" type="button" class="secondary" ?disabled=${this.action.busy}
                  @click=${(e: Event) => this.retry(hook, delivery, e.currentTarget as HTMLButtonElement)}>${this.t('webhooks.retry')}</button>`
            }
          </li>`;
        },
      )}
    </ul>`;
  }

  private renderSecretDialog() {
    const made = this.shown.value;
    return html`<dialog part="secret-dialog" id="secret-dialog" aria-labelledby="secret-title" aria-describedby="secret-help"
      @cancel=${(e: Event) => (e.preventDefault(), this.shown.close())}>
      ${
        made
          ? html`<h2 id="secret-title">${this.t('webhooks.secretTitle')}</h2>
            <p id="secret-help">${this.t('webhooks.secretHelp', { url: made.url })}</p>
            <code part="secret" class="secret" dir="ltr" translate="no">${made.secret}</code>
            <div class="actions">
              <button part="copy" id="copy" type="button" class="secondary" @click=${() => this.shown.copy()}>
                ${this.shown.copied ? this.t('webhooks.copied') : this.t('webhooks.copy')}
              </button>
              <button type="button" @click=${() => this.shown.close()}>${this.t('webhooks.done')}</button>
            </div>`
          : null
      }
    </dialog>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'webhook-list': WebhookList;
  }
}
