import { deepActiveElement } from './focus.ts';

/**
 * A native modal `<dialog>` that answers once: `open` shows it (the rest of the page turns
 * inert), focuses the given control and resolves with what `close` is given; focus then goes
 * back to where it was before.
 */
export class Modal {
  private settle: ((answer: boolean) => void) | undefined;
  private returnFocus: HTMLElement | null = null;

  constructor(private readonly dialog: () => HTMLDialogElement) {}

  /** Call before rendering the dialog's content: focus may move while it renders. */
  rememberFocus(): void {
    this.returnFocus = deepActiveElement();
  }

  open(focus: HTMLElement | null | undefined): Promise<boolean> {
    this.dialog().showModal();
    focus?.focus();
    return new Promise((resolve) => (this.settle = resolve));
  }

  close(answer: boolean): void {
    const dialog = this.dialog();
    if (dialog.open) dialog.close();
    this.settle?.(answer);
    this.settle = undefined;
    this.returnFocus?.focus();
  }
}
