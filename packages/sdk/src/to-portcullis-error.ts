import { HTTPError, TimeoutError } from 'ky';
import type { Problem } from './contract/problem.ts';
import { PortcullisError } from './errors.ts';
import type { AnswerCheck } from './response-check.ts';

/**
 * The one place where anything thrown on the way to the server becomes a PortcullisError; a
 * problem body is read by the answers' check (`check`, loaded on demand).
 */
export async function toPortcullisError(error: unknown, check: () => Promise<AnswerCheck>): Promise<PortcullisError> {
  if (error instanceof PortcullisError) return error;
  if (error instanceof HTTPError) {
    const { response } = error;
    let body: unknown;
    try {
      body = await response.json();
    } catch {
      body = undefined;
    }
    let problem: Problem | undefined;
    try {
      problem = (await check()).readProblem(body);
    } catch (failed) {
      // The check could not load (`network`, from onDemand): the answer stays unread.
      return failed instanceof PortcullisError
        ? failed
        : new PortcullisError('network', 'Unreadable answer', { cause: failed });
    }
    if (!problem) {
      return new PortcullisError('invalid_response', `The server answered ${response.status} without a problem body`, {
        status: response.status,
        cause: error,
      });
    }
    const { code, title, detail, errors, retryAfter, rows } = problem;
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
