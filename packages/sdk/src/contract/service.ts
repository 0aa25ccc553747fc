import * as z from 'zod/mini';

/** What `/health` answers while this instance reaches its database (a 503 `unavailable` otherwise). */
export const healthSchema = z.object({ status: z.literal('ok') });

/** The OpenAPI 3.1 document of this contract (generated from the route table; only its version is relied on). */
export const openApiDocumentSchema = z.looseObject({ openapi: z.string() });
