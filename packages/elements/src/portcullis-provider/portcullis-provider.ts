import { provide } from '@lit/context';
import { createClient, isPortcullisError, type PortcullisClient } from '@portcullis/sdk';
import { css, html, LitElement, type PropertyValues } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import { en, type Messages } from '../locales/en.ts';
import {
  clientContext,
  languageContext,
  messagesContext,
  reauthContext,
  sessionContext,
  type ReauthService,
  type SessionState,
} from '../shared/contexts.ts';
import { SignedOutEvent } from '../shared/events.ts';
import { PortcullisReauthDialog } from '../portcullis-reauth-dialog/portcullis-reauth-dialog.ts';

const locales = new Map<string, Messages>([['en', en]]);

/**
 * The providers in the page, each told when a locale is registered: a page's script may register
 * one after the bundle has already rendered the elements (#31), and they then switch to it.
 */
const listeners = new Map<PortcullisProvider, (language: string) => void>();

/**
 * Makes a locale available to `<portcullis-provider locale="…">`. English is built in; German
 * and French ship as `@portcullis/elements/locales/de` and `/fr`, so that pages that do not need
 * them do not load them. Providers already on the page whose language it is switch to it.
 */
export function registerLocale(language: string, messages: Messages): void {
  const key = language.toLowerCase();
  locales.set(key, messages);
  for (const heard of listeners.values()) heard(key);
}

/**
 * Gives every Portcullis element inside it one SDK client, one set of strings and one shared
 * re-authentication dialog, and knows whether that client is signed in (asked once when it
 * starts, then kept up to date by sign-ins, sign-outs and ended sessions), which
 * `<portcullis-signed-in>` and `<portcullis-signed-out>` follow. Renders its children unchanged.
 * Host code asks it for a short-lived token for its own backend (`provider.getToken()`) and hears
 * `signed-out` when the person is no longer signed in, to drop the tokens it holds.
 *
 * @fires signed-out - The person it knew as signed in no longer is (signed out, session ended or expired); drop held tokens.
 * @summary Connects the elements inside it to the account API.
 * @customElement portcullis-provider
 * @slot - The page content that holds Portcullis elements.
 */
export class PortcullisProvider extends LitElement {
  /** The elements it renders, registered with it (`defineElement`). */
  static dependencies = { 'portcullis-reauth-dialog': PortcullisReauthDialog };

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
  @provide({ context: languageContext }) @state() protected providedLanguage: string = 'en';
  @provide({ context: sessionContext }) @state() protected session: SessionState = 'unknown';
  @provide({ context: reauthContext }) protected reauth: ReauthService = {
    confirmIdentity: (reason) => this.dialog.confirmIdentity(reason),
  };

  @query('portcullis-reauth-dialog') private dialog!: PortcullisReauthDialog;
  private watched: PortcullisClient | undefined;
  private unwatch: (() => void)[] = [];
  private asking = 0;

  constructor() {
    super();
    // A <login-form> inside says when the person is done signing in (after saving new recovery
    // codes, say), which is when the signed-in part should replace it.
    this.addEventListener('login', () => this.settle('signed-in'));
  }

  protected override willUpdate(changed: PropertyValues<this>) {
    if (changed.has('client') || changed.has('baseUrl') || !this.provided) {
      this.provided = this.client ?? createClient({ baseUrl: this.baseUrl });
    }
    if (!this.hasUpdated || changed.has('locale') || changed.has('messages')) this.chooseMessages();
  }

  /** The language it speaks: its `locale`, else the page's `lang`, else English. */
  private get language(): string {
    return (this.locale ?? document.documentElement.lang ?? 'en').slice(0, 2).toLowerCase();
  }

  private chooseMessages() {
    const registered = locales.get(this.language);
    this.providedMessages = { ...(registered ?? en), ...this.messages };
    this.providedLanguage = registered ? this.language : 'en';
  }

  protected override updated(): void {
    if (this.provided !== this.watched) this.watch(this.provided);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    listeners.delete(this);
    this.watch(undefined);
  }

  override connectedCallback(): void {
    super.connectedCallback();
    listeners.set(this, (language) => {
      if (this.hasUpdated && language === this.language) this.chooseMessages();
    });
    // Back in the page after a move: follow the client again.
    if (this.hasUpdated) this.watch(this.provided);
  }

  /** Follows a client's session: asks the server once, then listens to what the client reports. */
  private watch(client: PortcullisClient | undefined) {
    for (const stop of this.unwatch.splice(0)) stop();
    this.watched = client;
    if (!client) return;
    this.unwatch.push(
      client.on('change', ({ what, signedIn }) => {
        if (what !== 'session') return;
        if (signedIn === undefined) void this.ask(client);
        // A sign-in through a <login-form> here is settled by its `login` event; others at once.
        else if (!signedIn || !this.querySelector('login-form')) this.settle(signedIn ? 'signed-in' : 'signed-out');
      }),
      client.on('session-expired', () => this.settle('signed-out', 'session-ended')),
    );
    void this.ask(client);
  }

  private async ask(client: PortcullisClient) {
    const asked = ++this.asking;
    let state: SessionState;
    try {
      await client.me();
      state = 'signed-in';
    } catch (error) {
      // No session, or no server: either way the sign-in form is what can help.
      if (!isPortcullisError(error)) throw error;
      state = 'signed-out';
    }
    if (asked === this.asking && client === this.watched) this.enter(state, 'session-ended');
  }

  private settle(state: SessionState, reason: SignedOutEvent['detail']['reason'] = 'sign-out') {
    this.asking++;
    this.enter(state, reason);
  }

  /** Sets the state; leaving `signed-in` tells the host, once. */
  private enter(state: SessionState, reason: SignedOutEvent['detail']['reason']) {
    const was = this.session;
    this.session = state;
    if (was === 'signed-in' && state === 'signed-out') this.dispatchEvent(new SignedOutEvent({ reason }));
  }

  /**
   * A short-lived signed token that tells the host's own backend who is signed in (verify it there
   * with `@portcullis/sdk/verify`). Cached by the client and renewed shortly before it expires;
   * rejects (`unauthenticated`) when nobody is signed in. Send it as `Authorization: Bearer`.
   */
  getToken(): Promise<string> {
    // Before the first render too: the client the elements will use, not one of its own.
    this.provided ??= this.client ?? createClient({ baseUrl: this.baseUrl });
    return this.provided.getToken();
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
