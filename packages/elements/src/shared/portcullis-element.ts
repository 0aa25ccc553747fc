import { consume } from '@lit/context';
import { isPortcullisError, type Me, type PortcullisClient } from '@portcullis/sdk';
import { LitElement, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import { en, type MessageKey, type Messages } from '../locales/en.ts';
import { clientContext, languageContext, messagesContext, reauthContext, type ReauthService } from './contexts.ts';
import { SessionExpiredEvent } from './events.ts';
import { errorMessage, needsEnrollment, passkeyErrorMessage, translate } from './translate.ts';

/**
 * What every Portcullis element shares: the SDK client (from the nearest provider or its own
 * `client` property), the strings (the provider's locale, then the element's `messages`), and
 * `perform`, which retries an action after re-authentication and reports a lost session.
 */
export class PortcullisElement extends LitElement {
  /** The SDK client; when unset, the nearest `<portcullis-provider>`'s. */
  @property({ attribute: false }) client: PortcullisClient | undefined;

  /** Replacement strings for this element, on top of the provider's locale. */
  @property({ attribute: false }) messages: Partial<Messages> = {};

  @consume({ context: clientContext, subscribe: true })
  @state()
  protected providedClient: PortcullisClient | undefined;

  @consume({ context: messagesContext, subscribe: true })
  @state()
  protected providedMessages: Messages | undefined;

  @consume({ context: languageContext, subscribe: true })
  @state()
  protected providedLanguage: string | undefined;

  @consume({ context: reauthContext, subscribe: true })
  protected providedReauth: ReauthService | undefined;

  /** Bumped when the client signs in or out, so that tasks that load data run again. */
  @state() protected sessionGeneration = 0;

  private watched: PortcullisClient | undefined;
  private unwatch: (() => void) | undefined;

  protected override updated(changed: PropertyValues): void {
    super.updated(changed);
    const client = this.client ?? this.providedClient;
    if (client !== this.watched) {
      this.unwatch?.();
      this.watched = client;
      this.unwatch = client?.on('change', ({ what }) => {
        if (what === 'session') this.sessionGeneration++;
      });
    }
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.unwatch?.();
    this.unwatch = undefined;
    this.watched = undefined;
  }

  /** The client in use; throws a clear error when the element was placed without one. */
  protected get api(): PortcullisClient {
    const client = this.client ?? this.providedClient;
    if (!client)
      throw new Error(`<${this.localName}> needs a client: place it inside <portcullis-provider> or set .client`);
    return client;
  }

  protected get hasClient(): boolean {
    return (this.client ?? this.providedClient) !== undefined;
  }

  protected get strings(): Messages {
    const provided = this.providedMessages ?? en;
    // Read for every string of every render: copied only when the element has overrides of its own.
    return Object.keys(this.messages).length === 0 ? provided : { ...provided, ...this.messages };
  }

  /** A string by key, with `{name}` placeholders filled in, in the plural form `{count}` calls for. */
  protected t(key: MessageKey, values?: Record<string, string | number>): string {
    return translate(this.strings, key, values, this.language);
  }

  protected errorText(error: unknown): string {
    return errorMessage(this.strings, error);
  }

  /** The message for a failed passkey ceremony: a refused answer is about the passkey. */
  protected passkeyErrorText(error: unknown): string {
    return passkeyErrorMessage(this.strings, error);
  }

  /**
   * The language it speaks, for numbers, dates, durations and plurals: the provider's locale,
   * else the nearest `lang` (across shadow roots, as a composed tree), else the page's.
   */
  protected get language(): string | undefined {
    if (this.providedLanguage) return this.providedLanguage;
    if (this.hasAttribute('lang')) return this.getAttribute('lang') || undefined;
    const up = (node: Node): Node | null => node.parentNode ?? (node as ShadowRoot).host ?? null;
    for (let node = up(this); node; node = up(node)) {
      if (node instanceof Element && node.hasAttribute('lang')) return node.getAttribute('lang') || undefined;
    }
    return document.documentElement.lang || undefined;
  }

  /**
   * Runs an SDK call. If the server asks for a recent authentication, shows the shared
   * re-authentication dialog and retries once it succeeded; a lost session fires
   * `session-expired` for the host. Other errors are thrown for the caller to show.
   */
  protected async perform<T>(action: () => Promise<T>): Promise<T> {
    try {
      return await action();
    } catch (error) {
      // A change that waits for an authenticator to be linked is not for the dialog to answer.
      if (
        isPortcullisError(error, 'reauth_required') &&
        !needsEnrollment(error) &&
        (await this.reauth().confirmIdentity(error))
      ) {
        return this.perform(action);
      }
      if (isPortcullisError(error, 'unauthenticated'))
        this.dispatchEvent(new SessionExpiredEvent({ code: error.code }));
      throw error;
    }
  }

  /** Loads the signed-in user; a lost session fires `session-expired` here too. */
  protected async loadMe(): Promise<Me> {
    try {
      return await this.api.me();
    } catch (error) {
      if (isPortcullisError(error, 'unauthenticated'))
        this.dispatchEvent(new SessionExpiredEvent({ code: error.code }));
      throw error;
    }
  }

  /** The provider's dialog, or one of this element's own when it stands alone. */
  private reauth(): ReauthService {
    if (this.providedReauth) return this.providedReauth;
    let dialog = this.renderRoot.querySelector('portcullis-reauth-dialog') as
      (HTMLElement & ReauthService & { client?: PortcullisClient; messages?: Partial<Messages> }) | null;
    if (!dialog) {
      dialog = document.createElement('portcullis-reauth-dialog') as HTMLElement &
        ReauthService & { client?: PortcullisClient; messages?: Partial<Messages> };
      this.renderRoot.appendChild(dialog);
    }
    dialog.client = this.api;
    dialog.messages = this.strings;
    return dialog;
  }
}
