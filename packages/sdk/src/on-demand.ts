import { PortcullisError } from './errors.ts';

/**
 * A module loaded at its first use, not with the page (docs/architecture.md, "What loads with the
 * page"): one load however many callers; a load that failed (the network) is `network`, and the
 * next use tries again.
 */
export function onDemand<T>(load: () => Promise<T>, what: string): () => Promise<T> {
  let loading: Promise<T> | undefined;
  return () =>
    (loading ??= load().catch((cause: unknown) => {
      loading = undefined;
      throw new PortcullisError('network', `${what} could not be loaded`, { cause });
    }));
}
