import { css, type ReactiveController, type ReactiveControllerHost } from 'lit';
import { Modal } from './modal.ts';

/**
 * A secret the server shows once (a new API key, a webhook's signing secret), in a modal dialog
 * with "Copy": `show` renders it, focuses "Copy" and waits until the dialog closes, then drops it
 * from the page. Focus goes back to where it was.
 */
export class ShownOnce<T> implements ReactiveController {
  /** What is shown, while the dialog is open. */
  value: T | undefined;
  copied = false;
  private modal: Modal;

  constructor(
    private readonly host: ReactiveControllerHost,
    dialog: () => HTMLDialogElement,
    private readonly copyButton: () => HTMLElement | null | undefined,
    private readonly secretOf: (value: T) => string,
  ) {
    host.addController(this);
    this.modal = new Modal(dialog);
  }

  hostConnected(): void {}

  async show(value: T): Promise<void> {
    this.modal.rememberFocus();
    this.value = value;
    this.copied = false;
    this.host.requestUpdate();
    await this.host.updateComplete;
    await this.modal.open(this.copyButton());
    this.value = undefined;
    this.host.requestUpdate();
  }

  async copy(): Promise<void> {
    if (this.value === undefined) return;
    try {
      await navigator.clipboard.writeText(this.secretOf(this.value));
      this.copied = true;
    } catch {
      // No clipboard access: the secret stays selectable on screen to copy by hand.
      this.copied = false;
    }
    this.host.requestUpdate();
  }

  close(): void {
    this.modal.close(true);
  }
}

/** The form that creates something in a row, and the secret as the dialog shows it. */
export const shownOnceStyles = css`
  form.create {
    display: flex;
    flex-wrap: wrap;
    align-items: end;
    gap: 0.5rem var(--_gap);
  }
  code.secret {
    display: block;
    padding: 0.5rem;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    overflow-wrap: anywhere;
    user-select: all;
  }
`;
