import type { Context } from 'hono';
import type { RequestMeta } from '../domain/events.ts';
import { normalizeAddress } from '../domain/client-address.ts';
import type { AppEnv } from './env.ts';

/**
 * Who sent a request, read only when an event or a session is written: reading the raw request
 * is not free. A class rather than an object literal with getters: built on every request, such a
 * literal (two new closures and accessors each time) cost `GET /me` a third of its throughput on
 * Node 20, measured (#21, docs/architecture.md "The hot path").
 */
export class LazyRequestMeta implements RequestMeta {
  #address: string | null | undefined;
  #userAgent: string | null | undefined;

  constructor(
    private readonly c: Context<AppEnv>,
    private readonly readAddress: ((request: Request, env: unknown) => string | null) | undefined,
  ) {}

  get clientAddress(): string | null {
    return (this.#address ??= normalizeAddress(this.readAddress?.(this.c.req.raw, this.c.env)));
  }

  get userAgent(): string | null {
    return (this.#userAgent ??= this.c.req.header('user-agent')?.slice(0, 256) ?? null);
  }
}
