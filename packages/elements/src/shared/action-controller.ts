import { html, type ReactiveController, type ReactiveControllerHost, type TemplateResult } from 'lit';

/** A result to announce in an element's status live region. */
export interface Outcome {
  kind: 'success' | 'error';
  text: string;
}

/** How one action ends, besides announcing its result. */
export interface ActionOptions {
  /**
   * Shows again what the action changed. The result is announced after it, so that what a screen
   * reader reads out and what the element shows agree.
   */
  reload?: () => Promise<unknown>;
  /** Where focus goes afterwards: an element, an id selector (`#switch`) in the element, or `null` to leave it. The status by default. */
  focus?: HTMLElement | string | null;
  /** The message for a failure, when it is not the element's usual one. */
  errorText?: (error: unknown) => string;
}

type Host = ReactiveControllerHost & HTMLElement & { readonly renderRoot: HTMLElement | DocumentFragment };

/**
 * One action at a time in an element: its controls are busy while it runs, its result is
 * announced in the status live region once what it changed is on screen, and focus moves to what
 * changed or to the result (after the controls are enabled again, or focus would be lost).
 */
export class ActionController implements ReactiveController {
  /** An action is running: the element's controls are disabled. */
  busy = false;
  /** The last result, shown by `renderStatus()`. */
  status: Outcome | undefined;

  constructor(
    private readonly host: Host,
    private readonly errorText: (error: unknown) => string,
  ) {
    host.addController(this);
  }

  hostConnected(): void {}

  /**
   * Runs `action`; the text it returns is announced as the result (nothing when it returns none).
   * Resolves `true` when the action succeeded.
   */
  async run(action: () => Promise<string | undefined>, options: ActionOptions = {}): Promise<boolean> {
    this.set(true, undefined);
    let outcome: Outcome | undefined;
    let succeeded = false;
    try {
      const text = await action();
      // The change happened; a reload that fails shows its own error where the data is.
      await options.reload?.().catch(() => undefined);
      outcome = text ? { kind: 'success', text } : undefined;
      succeeded = true;
    } catch (error) {
      outcome = { kind: 'error', text: (options.errorText ?? this.errorText)(error) };
    }
    this.set(false, outcome);
    await this.host.updateComplete;
    if (options.focus !== null) this.target(options.focus)?.focus();
    return succeeded;
  }

  /** Announces a result outside `run` (or clears it with `undefined`). */
  announce(outcome: Outcome | undefined): void {
    this.set(this.busy, outcome);
  }

  /** The status live region (`part="status"`), focusable so that focus can move to the result. */
  renderStatus(): TemplateResult {
    return html`<p part="status" id="status" role="status" tabindex="-1" class=${this.status?.kind ?? ''}>${this.status?.text ?? ''}</p>`;
  }

  private set(busy: boolean, status: Outcome | undefined) {
    this.busy = busy;
    this.status = status;
    this.host.requestUpdate();
  }

  private target(focus: HTMLElement | string | undefined): HTMLElement | null {
    // A control the change removed (the row of a revoked key) cannot hold focus: the result can.
    if (focus instanceof HTMLElement && focus.isConnected) return focus;
    const root = this.host.renderRoot;
    const selector = typeof focus === 'string' ? focus : undefined;
    return (selector && root.querySelector<HTMLElement>(selector)) || root.querySelector<HTMLElement>('#status');
  }
}
