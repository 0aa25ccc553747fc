import type { PortcullisError } from './errors.ts';

/** What changed on the server, so that views showing it can refresh. */
export interface ChangeDetail {
  what: 'session' | 'sessions' | 'mfa' | 'passkeys' | 'password' | 'policy' | 'users' | 'api-keys';
  /** For `session`: whether this client is now signed in (after a login) or out (after a logout). */
  signedIn?: boolean;
}

/** The client's events and what their handlers receive. */
export interface ClientEventMap {
  /** A request was refused because the session ended (401); the host should show the login. */
  'session-expired': PortcullisError;
  /** A sensitive change needs a recent password (and code): re-authenticate, then retry. */
  'reauth-required': PortcullisError;
  /** A call changed state on the server. */
  change: ChangeDetail;
}

export type ClientEventName = keyof ClientEventMap;
export type ClientEventHandler<E extends ClientEventName> = (detail: ClientEventMap[E]) => void;

/** A small typed emitter; `on` returns the function that unsubscribes. */
export function createEmitter() {
  const handlers = new Map<ClientEventName, Set<(detail: never) => void>>();
  return {
    on<E extends ClientEventName>(name: E, handler: ClientEventHandler<E>): () => void {
      const set = handlers.get(name) ?? new Set();
      set.add(handler as (detail: never) => void);
      handlers.set(name, set);
      return () => void set.delete(handler as (detail: never) => void);
    },
    emit<E extends ClientEventName>(name: E, detail: ClientEventMap[E]): void {
      for (const handler of handlers.get(name) ?? []) (handler as ClientEventHandler<E>)(detail);
    },
  };
}
export type Emitter = ReturnType<typeof createEmitter>;
