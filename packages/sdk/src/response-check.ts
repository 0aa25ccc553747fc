import * as z from 'zod/mini';
import { accountSchemas } from './contract/account-schemas.ts';
import { orgSchemas } from './contract/org-schemas.ts';
import { problemSchema, type Problem } from './contract/problem.ts';
import type { RouteSchemas } from './contract/route-spec.ts';
import { PortcullisError } from './errors.ts';

const schemas: Readonly<Record<string, RouteSchemas>> = { ...accountSchemas, ...orgSchemas };

/**
 * Holds an answer against its entry's response schema: what the schema reads, or
 * `invalid_response` naming the first field that broke it. Its own module, with zod and the
 * schemas, loaded by the transport at the client's first call (docs/architecture.md, "What
 * loads with the page").
 */
export function checkAnswer(name: string, where: string, body: unknown): unknown {
  const schema = schemas[name]?.response;
  if (!schema) throw new PortcullisError('invalid_response', `Unexpected answer from ${where}: no body was expected`);
  const parsed = z.safeParse(schema, body);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const field = issue?.path.map(String).join('.') || '(body)';
  throw new PortcullisError(
    'invalid_response',
    `Unexpected answer from ${where}: ${field}: ${issue?.message ?? 'invalid'}`,
    {
      cause: parsed.error,
    },
  );
}

/** A problem+json body as the contract reads it, or `undefined` when it is not one. */
export function readProblem(body: unknown): Problem | undefined {
  const parsed = z.safeParse(problemSchema, body);
  return parsed.success ? parsed.data : undefined;
}

/** What the transport loads at the first call. */
export interface AnswerCheck {
  checkAnswer: typeof checkAnswer;
  readProblem: typeof readProblem;
}
