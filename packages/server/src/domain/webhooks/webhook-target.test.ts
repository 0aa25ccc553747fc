import assert from 'node:assert/strict';
import { test } from 'node:test';
import { endpoints } from '@portcullis/sdk/contract';
import { nodeWebhookNetwork } from '../../adapters/node-webhook-network.ts';
import { apiKeyFor } from '../../../test/support/api-keys.ts';
import { harness } from '../../../test/support/harness.ts';
import { isPublicAddress } from '../../adapters/public-address.ts';

test('only global unicast addresses are public: every private, loopback, link-local, CGNAT, multicast and mapped form is not', () => {
  for (const address of ['8.8.8.8', '93.184.215.14', '2606:4700:4700::1111', '::ffff:8.8.8.8'])
    assert.equal(isPublicAddress(address), true, address);
  for (const address of [
    '127.0.0.1',
    '127.255.255.254',
    '10.1.2.3',
    '172.16.0.1',
    '172.31.255.255',
    '192.168.0.10',
    '169.254.169.254',
    '100.64.0.1',
    '224.0.0.251',
    '255.255.255.255',
    '0.0.0.0',
    '192.0.2.10',
    '::1',
    '::',
    '::ffff:127.0.0.1',
    '::ffff:169.254.169.254',
    'fe80::1',
    'fc00::1',
    'fd12:3456::1',
    'ff02::1',
    '64:ff9b::7f00:1',
    '2002:7f00:1::1',
    '2001::1',
    'not an address',
  ])
    assert.equal(isPublicAddress(address), false, address);
});

test('registration refuses plain http, credentials in the URL, and every host that is or resolves to a non-public address', async () => {
  const h = await harness({ deps: { webhookNetwork: nodeWebhookNetwork() } });
  const { key } = await apiKeyFor(h);
  const refused = async (url: string) => {
    const reply = await h.request(endpoints.createWebhook, { token: key, body: { url } });
    assert.equal(reply.status, 400, `${url}: ${reply.text}`);
    assert.equal(reply.body.errors?.[0]?.path, 'url', url);
    return reply.body.errors?.[0]?.code;
  };
  assert.equal(await refused('http://93.184.215.14/hook'), 'not_https');
  assert.equal(await refused('https://user:secret@93.184.215.14/hook'), 'credentials');
  for (const url of [
    'https://127.0.0.1/',
    'https://localhost:8443/',
    'https://10.0.0.8/',
    'https://172.20.1.1/',
    'https://192.168.1.1/',
    'https://169.254.169.254/latest/meta-data/',
    'https://100.100.100.200/',
    'https://224.0.0.1/',
    'https://0.0.0.0/',
    'https://[::1]/',
    'https://[::ffff:127.0.0.1]/',
    'https://[::ffff:7f00:1]/',
    'https://[fe80::1]/',
    'https://[fc00::1]/',
    'https://2130706433/', // 127.0.0.1 written as one number
    'https://0x7f.1/', // and in hex
  ])
    assert.equal(await refused(url), 'private_address', url);
  assert.equal(await refused('https://no-such-host.invalid/'), 'unresolvable');
  for (const url of ['ftp://93.184.215.14/', 'not a url', `https://93.184.215.14/${'a'.repeat(2050)}`])
    assert.equal((await h.request(endpoints.createWebhook, { token: key, body: { url } })).status, 400, url);
  assert.deepEqual((await h.request(endpoints.webhooks, { token: key })).body.items, [], 'nothing registered');

  const ok = await h.request(endpoints.createWebhook, { token: key, body: { url: 'https://93.184.215.14/hook' } });
  assert.equal(ok.status, 201, ok.text);
  const moved = await h.request(endpoints.updateWebhook, {
    token: key,
    params: { id: ok.body.id },
    body: { url: 'https://[::ffff:10.0.0.1]/hook' },
  });
  assert.equal(moved.body.errors?.[0]?.code, 'private_address', 'a change of URL is checked too');
});

test('at delivery the address is checked again as the socket opens: a name that now resolves privately is refused', async () => {
  const network = nodeWebhookNetwork();
  const request = { headers: {}, body: '{}', timeoutMs: 2000, allowed: isPublicAddress, maxBodyBytes: 4096 };
  assert.deepEqual(await network.post({ ...request, url: 'http://localhost:9/hook' }), { error: 'address refused' });
  assert.deepEqual(await network.post({ ...request, url: 'http://127.0.0.1:9/hook' }), { error: 'address refused' });
  assert.deepEqual(await network.post({ ...request, url: 'http://[::ffff:127.0.0.1]:9/hook' }), {
    error: 'address refused',
  });
});
