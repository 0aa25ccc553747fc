/**
 * A webhook receiver as a process of its own (#20): it answers 204 to every POST and appends
 * what it got (the Standard Webhooks headers and the raw body) to a JSON-lines file, so a test
 * reads everything across restarts. Usage: webhook-receiver.ts <port> <file>
 */
import { appendFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

const [port = '0', file] = process.argv.slice(2);
if (!file) throw new Error('usage: webhook-receiver.ts <port> <file>');
const server = createServer((request, response) => {
  let body = '';
  request.setEncoding('utf8');
  request.on('data', (chunk: string) => (body += chunk));
  request.on('end', () => {
    const header = (name: string) => String(request.headers[name] ?? '');
    appendFileSync(
      file,
      `${JSON.stringify({
        headers: {
          'webhook-id': header('webhook-id'),
          'webhook-timestamp': header('webhook-timestamp'),
          'webhook-signature': header('webhook-signature'),
        },
        body,
      })}\n`,
    );
    response.writeHead(204).end();
  });
});
server.listen(Number(port), '127.0.0.1', () =>
  console.log(`running at http://127.0.0.1:${(server.address() as AddressInfo).port}/ `),
);
