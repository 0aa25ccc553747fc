import * as z from 'zod/mini';
import { problemSchema, problemStatus, routes, type RouteSpec } from '@portcullis/sdk/contract';

type JsonObject = Record<string, unknown>;

const schemaOf = (schema: z.core.$ZodType, io: 'input' | 'output'): JsonObject => {
  const { $schema: _drop, ...rest } = z.toJSONSchema(schema, { io, unrepresentable: 'any' }) as JsonObject;
  return rest;
};

function operation(route: RouteSpec): JsonObject {
  const responses: JsonObject = {
    [route.status]: route.response
      ? { description: 'Success', content: { 'application/json': { schema: schemaOf(route.response, 'output') } } }
      : { description: route.status === 204 ? 'Done, no content' : 'Success' },
  };
  for (const code of route.errors) {
    const status = String(problemStatus[code]);
    const existing = responses[status] as { description: string } | undefined;
    responses[status] = {
      description: existing ? `${existing.description}, ${code}` : code,
      content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } },
    };
  }
  const parameters: JsonObject[] = [];
  for (const match of route.path.matchAll(/\{(\w+)\}/g)) {
    parameters.push({ name: match[1], in: 'path', required: true, schema: { type: 'string' } });
  }
  if (route.query) {
    const query = schemaOf(route.query, 'input') as { properties?: Record<string, JsonObject> };
    for (const [name, schema] of Object.entries(query.properties ?? {})) {
      parameters.push({ name, in: 'query', required: false, schema });
    }
  }
  return {
    summary: route.summary,
    // The document's server is the API's prefix; a well-known document sits at the origin's root.
    ...(route.atRoot ? { servers: [{ url: '/' }] } : {}),
    security:
      route.access === 'public' || route.access === 'challenge'
        ? []
        : [{ cookie: [] }, { bearer: [] }, ...(route.access === 'org' ? [{ apiKey: [] }] : [])],
    ...(parameters.length ? { parameters } : {}),
    ...(route.body
      ? { requestBody: { required: true, content: { 'application/json': { schema: schemaOf(route.body, 'input') } } } }
      : {}),
    responses,
  };
}

/** The OpenAPI 3.1 document, generated from the contract's schemas and route table, never by hand. */
export function openApiDocument(): JsonObject {
  const paths: Record<string, JsonObject> = {};
  for (const route of routes) {
    paths[route.path] = { ...paths[route.path], [route.method]: operation(route) };
  }
  return {
    openapi: '3.1.0',
    info: { title: 'Portcullis account API', version: '1.0.0' },
    servers: [{ url: '/api/v1' }],
    paths,
    components: {
      schemas: { Problem: schemaOf(problemSchema, 'output') },
      securitySchemes: {
        cookie: { type: 'apiKey', in: 'cookie', name: '__Host-portcullis-session' },
        bearer: { type: 'http', scheme: 'bearer' },
        apiKey: {
          type: 'http',
          scheme: 'bearer',
          description: 'An organization API key (`pcl_…`), on the organization endpoints only.',
        },
      },
    },
  };
}
