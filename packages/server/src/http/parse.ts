import * as z from 'zod/mini';
import type { Context } from 'hono';
import { DomainError } from '../domain/errors.ts';

function invalid(error: z.core.$ZodError): DomainError {
  return new DomainError('invalid_request', {
    errors: error.issues.map((issue) => ({
      path: issue.path.map(String).join('.') || '(body)',
      message: issue.message,
    })),
  });
}

/**
 * Parses a JSON body with its contract schema (security rule 24, docs/architecture.md). Only `application/json` is read:
 * a cross-site HTML form cannot send it without a CORS preflight.
 */
export async function parseBody<S extends z.core.$ZodType>(c: Context, schema: S): Promise<z.output<S>> {
  const type = c.req.header('content-type') ?? '';
  if (!/^application\/json\s*(;|$)/i.test(type)) {
    throw new DomainError('invalid_request', { detail: 'Send the body as application/json.' });
  }
  let body: unknown;
  try {
    body = await c.req.json();
  } catch {
    throw new DomainError('invalid_request', { detail: 'The body is not valid JSON.' });
  }
  const result = z.safeParse(schema, body);
  if (!result.success) throw invalid(result.error);
  return result.data;
}

/** Parses the query string with its contract schema; a repeated key is refused, not guessed at. */
export function parseQuery<S extends z.core.$ZodType>(c: Context, schema: S): z.output<S> {
  const all = c.req.queries();
  const single: Record<string, string> = {};
  for (const [key, values] of Object.entries(all)) {
    if (values.length !== 1) {
      throw new DomainError('invalid_request', { errors: [{ path: key, message: 'Give this parameter once.' }] });
    }
    single[key] = values[0] as string;
  }
  const result = z.safeParse(schema, single);
  if (!result.success) throw invalid(result.error);
  return result.data;
}
