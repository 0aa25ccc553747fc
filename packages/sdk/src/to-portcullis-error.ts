import { HTTPError, TimeoutError } from 'ky';
import * as z from 'zod/mini';
import { problemSchema } from './contract/problem.ts';
import { PortcullisError } from './errors.ts';

/** The one place where anything thrown on the way to the server becomes a PortcullisError. */
export async function toPortcullisError(error: unknown): Promise<PortcullisError> {
  if (error instanceof PortcullisError) return error;
  if (error instanceof HTTPError) {
    const { response } = error;
    let body: unknown;
    try {
      body = await response.json();
    } catch {
      body = undefined;
    }
    const problem = z.safeParse(problemSchema, body);
    if (!problem.success) {
      return new PortcullisError('invalid_response', `The server answered ${response.status} without a problem body`, {
        status: response.status,
        cause: error,
      });
    }
    const { code, title, detail, errors, retryAfter, rows } = problem.data;
    return new PortcullisError(code, title, {
      status: response.status,
      ...(detail === undefined ? {} : { detail }),
      ...(errors === undefined ? {} : { errors }),
      ...(retryAfter === undefined ? {} : { retryAfter }),
      ...(rows === undefined ? {} : { rows }),
      cause: error,
    });
  }
  if (error instanceof TimeoutError) {
    return new PortcullisError('timeout', 'The server did not answer in time', { cause: error });
  }
  return new PortcullisError('network', 'The server could not be reached', { cause: error });
}
