import { provide } from '@lit/context';
import { createClient, type PortcullisClient } from '@portcullis/sdk';
import { css, html, LitElement, type PropertyValues } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import { en, type Messages } from '../locales/en.ts';
import { clientContext, messagesContext, reauthContext, type ReauthService } from '../shared/contexts.ts';
import type { PortcullisReauthDialog } from '../reauth-dialog/reauth-dialog.ts';

const locales = new Map<string, Messages>([['en', en]]);

/**
 * Makes a locale available to `<portcullis-provider locale="…">`. English is built in; German
 * ships as `@portcullis/elements/locales/de` so that pages that do not need it do not load it.
 */
export function registerLocale(language: string, messages: Messages): void {
  locales.set(language.toLowerCase(), messages);
}

/**
 * Gives every Portcullis element inside it one SDK client, one set of strings and one shared
 * re-authentication dialog. Renders its children unchanged.
 *
 * @summary Connects the elements inside it to the account API.
 * @customElement portcullis-provider
 * @slot - The page content that holds Portcullis elements.
 */
export class PortcullisProvider extends LitElement {
  static override styles = css`
    :host {
      display: contents;
    }
  `;

  /** The API root, such as `/api/v1`; the client uses the browser's session cookie. */
  @property({ attribute: 'base-url' }) baseUrl = '/api/v1';

  /** A ready client to use instead of creating one (for bearer tokens or tests). */
  @property({ attribute: false }) client: PortcullisClient | undefined;

  /** A registered locale such as `de` (see `registerLocale`); the page's `lang` when unset; English otherwise. */
  @property() locale: string | undefined;

  /** Replacement strings for every element inside, on top of the locale. */
  @property({ attribute: false }) messages: Partial<Messages> = {};

  @provide({ context: clientContext }) @state() protected provided: PortcullisClient | undefined;
  @provide({ context: messagesContext }) @state() protected providedMessages: Messages = en;
  @provide({ context: reauthContext }) protected reauth: ReauthService = {
    confirmIdentity: (reason) => this.dialog.confirmIdentity(reason),
  };

  @query('portcullis-reauth-dialog') private dialog!: PortcullisReauthDialog;

  protected override willUpdate(changed: PropertyValues<this>) {
    if (changed.has('client') || changed.has('baseUrl') || !this.provided) {
      this.provided = this.client ?? createClient({ baseUrl: this.baseUrl });
    }
    if (!this.hasUpdated || changed.has('locale') || changed.has('messages')) {
      const language = (this.locale ?? document.documentElement.lang ?? 'en').slice(0, 2).toLowerCase();
      this.providedMessages = { ...(locales.get(language) ?? en), ...this.messages };
    }
  }

  protected override render() {
    return html`<slot></slot><portcullis-reauth-dialog></portcullis-reauth-dialog>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'portcullis-provider': PortcullisProvider;
  }
}
