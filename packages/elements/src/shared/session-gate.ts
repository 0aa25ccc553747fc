import { consume } from '@lit/context';
import { css, html, LitElement, nothing, type PropertyValues } from 'lit';
import { state } from 'lit/decorators.js';
import { sessionContext, type SessionState } from './contexts.ts';

/**
 * Shows its children only while the nearest `<portcullis-provider>` is in one session state.
 * Hidden children are taken out of the page (and put back, as they were, when it changes), so
 * the elements in them neither load nor call the API while they would not be seen.
 */
export abstract class SessionGate extends LitElement {
  static override styles = css`
    :host {
      display: contents;
    }
  `;

  @consume({ context: sessionContext, subscribe: true })
  @state()
  protected session: SessionState = 'unknown';

  /** The state in which the children show. */
  protected abstract readonly shownIn: SessionState;

  private readonly parked = document.createDocumentFragment();
  private readonly arrivals = new MutationObserver(() => this.apply());

  override connectedCallback(): void {
    super.connectedCallback();
    this.apply();
    // Children the parser adds later, while hidden, are parked too.
    this.arrivals.observe(this, { childList: true });
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.arrivals.disconnect();
  }

  protected override willUpdate(changed: PropertyValues): void {
    if (changed.has('session')) this.apply();
  }

  protected override async updated(changed: PropertyValues): Promise<void> {
    const before = changed.get('session') as SessionState | undefined;
    // Signing in or out took away what had focus: move it to the heading of what appeared.
    if (this.session !== this.shownIn || before === undefined || before === 'unknown') return;
    const first = this.firstElementChild as (HTMLElement & { updateComplete?: Promise<unknown> }) | null;
    await first?.updateComplete;
    const active = document.activeElement;
    if (active && active !== document.body) return;
    first?.shadowRoot?.querySelector<HTMLElement>('#heading')?.focus();
  }

  private apply() {
    if (this.session === this.shownIn) {
      if (this.parked.hasChildNodes()) this.append(this.parked);
    } else if (this.hasChildNodes()) {
      this.parked.append(...this.childNodes);
    }
  }

  protected override render() {
    return this.session === this.shownIn ? html`<slot></slot>` : nothing;
  }
}
