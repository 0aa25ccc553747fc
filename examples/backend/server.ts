/**
 * Runs the example backend on Node:
 *
 *   PORTCULLIS_ISSUER=http://localhost:8787 PORT=8788 ALLOWED_ORIGIN=http://localhost:8787 \
 *   npm start -w @portcullis/example-backend
 *
 * PORTCULLIS_ISSUER is the account server's public origin (its tokens' `iss`); the audience is
 * the issuer unless PORTCULLIS_AUDIENCE names the one the server was given with --token-audience.
 */
import { serve } from '@hono/node-server';
import { createBackend } from './app.ts';

const issuer = process.env.PORTCULLIS_ISSUER ?? 'http://localhost:8787';
const app = createBackend({
  issuer,
  audience: process.env.PORTCULLIS_AUDIENCE ?? issuer,
  allowedOrigins: (process.env.ALLOWED_ORIGIN ?? '').split(',').filter(Boolean),
});
const server = serve({ fetch: app.fetch, port: Number(process.env.PORT ?? 8788), hostname: '127.0.0.1' }, (info) => {
  console.log(`Example backend listening at http://localhost:${info.port}/ (tokens from ${issuer})`);
});
const stop = () => server.close(() => process.exit(0));
process.once('SIGINT', stop);
process.once('SIGTERM', stop);
