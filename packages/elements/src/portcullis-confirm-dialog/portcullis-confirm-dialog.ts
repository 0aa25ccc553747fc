import { html, LitElement } from 'lit';
import { query, state } from 'lit/decorators.js';
import { Modal } from '../shared/modal.ts';
import { tokens } from '../shared/styles.ts';
import { dialogStyles } from './portcullis-confirm-dialog.styles.ts';

export interface ConfirmOptions {
  title: string;
  body: string;
  confirmLabel: string;
  cancelLabel: string;
  danger?: boolean;
}

/**
 * A modal question with two answers, on the native `<dialog>`: the rest of the page is inert,
 * focus starts on Cancel (the safe answer), Escape cancels, and focus returns where it was.
 *
 * @summary Asks the person to confirm a consequential change.
 * @customElement portcullis-confirm-dialog
 * @csspart dialog - The `<dialog>` element.
 * @csspart confirm - The confirming button.
 * @csspart cancel - The cancelling button.
 * @cssprop --portcullis-surface - Background of the dialog.
 * @cssprop --portcullis-backdrop - Colour of the backdrop.
 */
export class PortcullisConfirmDialog extends LitElement {
  // Focus targets by id: a part is for styling and may be renamed.
  @query('#cancel') private cancelButton?: HTMLButtonElement | null;
  static override styles = [tokens, dialogStyles];

  @state() private options: ConfirmOptions | undefined;
  @query('dialog') private dialog!: HTMLDialogElement;
  private modal = new Modal(() => this.dialog);

  /** Shows the question; resolves true when confirmed and false when cancelled or dismissed. */
  async confirm(options: ConfirmOptions): Promise<boolean> {
    this.modal.rememberFocus();
    this.options = options;
    await this.updateComplete;
    return this.modal.open(this.cancelButton);
  }

  private close(answer: boolean) {
    this.modal.close(answer);
  }

  protected override render() {
    const o = this.options;
    return html`<dialog part="dialog" aria-labelledby="title" aria-describedby="body" @cancel=${(e: Event) => (e.preventDefault(), this.close(false))}>
      ${
        o
          ? html`<h2 id="title">${o.title}</h2>
            <p id="body">${o.body}</p>
            <div class="actions">
              <button type="button" part="confirm" class=${o.danger ? 'danger' : ''} @click=${() => this.close(true)}>${o.confirmLabel}</button>
              <button type="button" part="cancel" id="cancel" class="secondary" @click=${() => this.close(false)}>${o.cancelLabel}</button>
            </div>`
          : null
      }
    </dialog>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'portcullis-confirm-dialog': PortcullisConfirmDialog;
  }
}
