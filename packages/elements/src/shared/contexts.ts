import { createContext } from '@lit/context';
import type { PortcullisClient } from '@portcullis/sdk';
import type { Messages } from '../locales/en.ts';

/** Asks the person to confirm their identity; resolves true once the server accepted it. */
export interface ReauthService {
  confirmIdentity(): Promise<boolean>;
}

/** The SDK client every element uses, provided by the nearest `<portcullis-provider>`. */
export const clientContext = createContext<PortcullisClient | undefined>(Symbol.for('portcullis.client'));
/** The strings of the chosen locale, with the host's overrides merged in. */
export const messagesContext = createContext<Messages | undefined>(Symbol.for('portcullis.messages'));
/** The one shared re-authentication dialog of a provider. */
export const reauthContext = createContext<ReauthService | undefined>(Symbol.for('portcullis.reauth'));
