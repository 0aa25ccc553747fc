// The framework's own floor: Hono's hello world on @hono/node-server, the adapter the account API
// runs on, so the report can tell Hono's cost from ours.
import { serve } from '@hono/node-server';
import { Hono } from 'hono';

const app = new Hono();
app.get('/', (c) => c.json({ hello: 'world' }));
serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, (info) => console.log(`PORT ${info.port}`));
