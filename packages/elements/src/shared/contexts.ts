import { createContext } from '@lit/context';
import type { PortcullisClient, PortcullisError } from '@portcullis/sdk';
import type { Messages } from '../locales/en.ts';

/**
 * Asks the person to confirm their identity; resolves true once the server accepted it. The
 * server's `reauth_required` error says which fields it needs (a code only where MFA is set up
 * and the change needs it: resetting one's own MFA takes the password alone).
 */
export interface ReauthService {
  confirmIdentity(reason?: PortcullisError): Promise<boolean>;
}

/** The SDK client every element uses, provided by the nearest `<portcullis-provider>`. */
export const clientContext = createContext<PortcullisClient | undefined>(Symbol.for('portcullis.client'));
/** The strings of the chosen locale, with the host's overrides merged in. */
export const messagesContext = createContext<Messages | undefined>(Symbol.for('portcullis.messages'));
/** The language of those strings (`en`, `de`, `ar`…), for numbers, dates and plurals. */
export const languageContext = createContext<string | undefined>(Symbol.for('portcullis.language'));
/** Whether the provider's client is signed in, as far as it knows; `unknown` while it asks. */
export type SessionState = 'unknown' | 'signed-in' | 'signed-out';
export const sessionContext = createContext<SessionState>(Symbol.for('portcullis.session'));

/** The one shared re-authentication dialog of a provider. */
export const reauthContext = createContext<ReauthService | undefined>(Symbol.for('portcullis.reauth'));
