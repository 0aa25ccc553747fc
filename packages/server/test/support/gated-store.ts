import type { Store } from '../../src/store/store.ts';

type Method = {
  [K in keyof Store]: Store[K] extends (...args: never[]) => Promise<unknown> ? K : never;
}[keyof Store];

export interface Gate {
  /** Resolves once a call of the held method arrived and is waiting. */
  reached: Promise<void>;
  /** Lets the waiting call go on to the real store. */
  release(): void;
}

/**
 * A store whose next call of a chosen method waits until the test lets it go: a request can be
 * stopped between its reads and its write while another request runs to the end, so a race
 * that real traffic hits now and then happens every time, on any adapter.
 */
export function gatedStore(inner: Store): { store: Store; holdNext(method: Method): Gate } {
  const armed = new Map<string, { arrive: () => void; wait: Promise<void> }>();
  const store = new Proxy(inner, {
    get(target, key, receiver) {
      const value = Reflect.get(target, key, receiver) as unknown;
      if (typeof value !== 'function') return value;
      return async (...args: unknown[]) => {
        const gate = typeof key === 'string' ? armed.get(key) : undefined;
        if (gate) {
          armed.delete(key as string);
          gate.arrive();
          await gate.wait;
        }
        return (value as (...a: unknown[]) => unknown).apply(target, args);
      };
    },
  });
  return {
    store,
    holdNext(method) {
      let arrive!: () => void;
      let release!: () => void;
      const reached = new Promise<void>((resolve) => (arrive = resolve));
      const wait = new Promise<void>((resolve) => (release = resolve));
      armed.set(method, { arrive, wait });
      return { reached, release };
    },
  };
}
