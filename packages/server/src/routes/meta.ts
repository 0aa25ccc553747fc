import type { SomeHandlers } from './endpoint.ts';
import { openApiDocument } from './openapi-document.ts';

/** The contract itself, and liveness for load balancers. */
export function metaHandlers(): SomeHandlers<'openApi' | 'health'> {
  const document = openApiDocument();
  return {
    openApi: ({ c }) => c.json(document),
    // 200 while this instance can reach its database, 503 `unavailable` otherwise.
    async health({ services }) {
      await services.store.ping();
      return { status: 'ok' as const };
    },
  };
}
