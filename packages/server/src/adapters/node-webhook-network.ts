import { lookup, type LookupAddress, type LookupOptions } from 'node:dns';
import { lookup as lookupAll } from 'node:dns/promises';
import http from 'node:http';
import https from 'node:https';
import { isIP, type LookupFunction } from 'node:net';
import type { WebhookNetwork, WebhookPost } from '../ports.ts';
import { isPublicAddress } from './public-address.ts';

class AddressRefused extends Error {
  code = 'EADDRREFUSED';
}

/**
 * Resolves as the socket is opened and refuses the connection when any address is not
 * `allowed`: the check and the connection use the same answer, so a DNS record that changes
 * between them (rebinding) changes nothing.
 */
function guardedLookup(allowed: (address: string) => boolean): LookupFunction {
  return (hostname, options, callback) => {
    lookup(hostname, { ...(options as LookupOptions), all: true }, (error, addresses) => {
      if (error) return callback(error, '', 4);
      const list = addresses as unknown as LookupAddress[];
      if (list.length === 0 || !list.every((a) => allowed(a.address)))
        return callback(new AddressRefused('address refused'), '', 4);
      if ((options as LookupOptions).all) return (callback as (e: null, a: LookupAddress[]) => void)(null, list);
      callback(null, list[0]!.address, list[0]!.family);
    });
  };
}

/** Webhooks over Node's http and https (#20): one POST, no redirects, the answer read up to a limit. */
export function nodeWebhookNetwork(): WebhookNetwork {
  return {
    async resolve(host) {
      if (isIP(host) !== 0) return [host];
      try {
        return (await lookupAll(host, { all: true, verbatim: true })).map((a) => a.address);
      } catch {
        return [];
      }
    },
    isPublic: isPublicAddress,
    post: (request) => post(request),
  };
}

function post({ url, headers, body, timeoutMs, allowed, maxBodyBytes }: WebhookPost) {
  return new Promise<{ status: number; body: string } | { error: string }>((resolve) => {
    const target = new URL(url);
    const host = target.hostname.replace(/^\[(.*)\]$/, '$1');
    // An address in the URL is never looked up: it is held against the rule here.
    if (isIP(host) !== 0 && !allowed(host)) return resolve({ error: 'address refused' });
    let settled = false;
    const done = (value: { status: number; body: string } | { error: string }) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(value);
    };
    const client = target.protocol === 'https:' ? https : http;
    const outgoing = client.request(
      target,
      {
        method: 'POST',
        headers: { ...headers, 'content-length': String(Buffer.byteLength(body)) },
        lookup: guardedLookup(allowed),
        agent: false,
      },
      (response) => {
        const chunks: Buffer[] = [];
        let size = 0;
        const finish = () => done({ status: response.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') });
        response.on('data', (chunk: Buffer) => {
          if (size < maxBodyBytes) chunks.push(chunk.subarray(0, maxBodyBytes - size));
          size += chunk.length;
          // Enough read: what follows is not ours to wait for.
          if (size >= maxBodyBytes) {
            finish();
            response.destroy();
          }
        });
        response.on('end', finish);
        response.on('error', finish);
      },
    );
    const timer = setTimeout(() => {
      outgoing.destroy();
      done({ error: `no answer within ${timeoutMs} ms` });
    }, timeoutMs);
    outgoing.on('error', (error: NodeJS.ErrnoException) =>
      done({
        error: error instanceof AddressRefused ? 'address refused' : `connection failed (${error.code ?? 'error'})`,
      }),
    );
    outgoing.end(body);
  });
}
